//! What the desk did shows at once: queued operations laid over cached rows, marked pending.
//! One pure algorithm serves both lists; each list takes the operations its own screen makes:
//! reception's day (check-ins, check-outs, approvals, walk-ins, deletions) and a host's
//! upcoming visits (registrations, cancellations). An account may work in both modes, and a
//! host's registration is not a visitor reception can check in before Nexudus has it.

use chrono::{DateTime, Utc};

use crate::nexudus::models::HostApproval;
use crate::nexudus::{NewVisitor, Registration};
use crate::queue::{OpState, Operation, QueuedOp, Target};
use crate::visitor::DeskVisitor;

/// The list operations are laid over.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum List {
    /// Reception's day at a location.
    Today,
    /// A host's upcoming visits.
    Upcoming,
}

impl List {
    fn shows(self, operation: &Operation) -> bool {
        let by_host = matches!(
            operation,
            Operation::Register { .. } | Operation::CancelRegistration { .. }
        );
        by_host == (self == List::Upcoming)
    }
}

/// Lays `operations` (this account's, open or recently finished) over `rows` of `list` read
/// from the cache at `fetched_at`.
pub fn overlay(
    list: List,
    mut rows: Vec<DeskVisitor>,
    operations: &[QueuedOp],
    fetched_at: DateTime<Utc>,
) -> Vec<DeskVisitor> {
    let operations: Vec<&QueuedOp> = operations
        .iter()
        .filter(|op| list.shows(&op.operation))
        .collect();
    let mut ordered = operations.clone();
    ordered.sort_by_key(|op| op.seq);
    for op in ordered {
        if op.state == OpState::Discarded {
            continue;
        }
        // A done operation is already in rows fetched after it finished; one done without
        // sending (someone else had already done it) changed nothing to show.
        let open = !op.state.is_terminal();
        if !open && (op.updated_at <= fetched_at || op.outcome.is_some()) {
            continue;
        }
        match &op.operation {
            Operation::WalkIn { visitor, host_name } => {
                let server_id = op.server_ids.first().copied();
                if !server_id.is_some_and(|id| rows.iter().any(|r| r.id == Some(id))) {
                    rows.push(walk_in_row(op, visitor, host_name.clone(), server_id));
                }
            }
            Operation::Register { visits } => {
                for (n, visit) in visits.iter().enumerate() {
                    // Ids come with the answer; until the operation is done they are not sure.
                    let id = op.server_ids.get(n).copied().filter(|_| !open);
                    if !id.is_some_and(|id| rows.iter().any(|r| r.id == Some(id))) {
                        rows.push(registration_row(op, visit, id));
                    }
                }
            }
            change => apply_change(&mut rows, op, change),
        }
    }
    // Removals count until the cache no longer has the row, whatever their state.
    rows.retain(|row| {
        !operations
            .iter()
            .any(|op| op.state != OpState::Discarded && removes(&op.operation, row.id))
    });
    rows.sort_by(|a, b| {
        a.expected_at
            .cmp(&b.expected_at)
            .then(a.full_name.cmp(&b.full_name))
    });
    rows
}

/// A change to one visitor already listed (by server id, or by the walk-in that creates it).
fn apply_change(rows: &mut [DeskVisitor], op: &QueuedOp, change: &Operation) {
    let Some(target) = change.target() else {
        return;
    };
    let Some(row) = rows.iter_mut().find(|row| match target {
        Target::Server(id) => row.id == Some(*id),
        Target::Queued(creator) => row.queued_id.as_deref() == Some(creator),
    }) else {
        return;
    };
    row.pending |= !op.state.is_terminal();
    row.needs_attention |= op.state == OpState::NeedsAttention;
    match change {
        Operation::CheckIn { at, .. } => {
            row.arrived = true;
            row.arrived_at.get_or_insert(*at);
        }
        Operation::CheckOut { at, .. } => {
            row.departed_at.get_or_insert(*at);
        }
        // An answer that met another one (the host answered first) waits for a person: the
        // list shows the answer Nexudus has, not this desk's, so nobody acts on it.
        Operation::SetApproval { status, .. } if op.state != OpState::NeedsAttention => {
            row.approval = DeskVisitor::approval_name(HostApproval::from_code(*status));
        }
        _ => {}
    }
}

fn removes(operation: &Operation, row: Option<i64>) -> bool {
    match operation {
        Operation::DeleteVisitor {
            target: Target::Server(id),
        } => row == Some(*id),
        Operation::CancelRegistration { visitor_id } => row == Some(*visitor_id),
        _ => false,
    }
}

fn walk_in_row(
    op: &QueuedOp,
    visitor: &NewVisitor,
    host_name: Option<String>,
    server_id: Option<i64>,
) -> DeskVisitor {
    DeskVisitor {
        id: server_id,
        queued_id: Some(op.id.clone()),
        full_name: visitor.full_name.clone(),
        email: Some(visitor.email.clone()),
        company: visitor.company_name.clone(),
        host_name,
        business_id: Some(visitor.business_id),
        expected_at: Some(visitor.expected_arrival),
        // A walk-in is checked in as it is created.
        arrived_at: visitor.check_in_now.then_some(visitor.expected_arrival),
        arrived: visitor.check_in_now,
        notes: visitor.notes.clone(),
        pending: !op.state.is_terminal(),
        needs_attention: op.state == OpState::NeedsAttention,
        ..DeskVisitor::default()
    }
}

fn registration_row(op: &QueuedOp, visit: &Registration, id: Option<i64>) -> DeskVisitor {
    DeskVisitor {
        id,
        queued_id: Some(op.id.clone()),
        full_name: visit.full_name.clone(),
        email: visit.email.clone(),
        business_id: Some(visit.business_id),
        expected_at: Some(visit.expected_arrival),
        notes: visit.customer_notes.clone(),
        pending: !op.state.is_terminal(),
        needs_attention: op.state == OpState::NeedsAttention,
        ..DeskVisitor::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::visitor::Presence;
    use chrono::Duration;

    fn row(id: i64, name: &str) -> DeskVisitor {
        DeskVisitor {
            id: Some(id),
            full_name: name.into(),
            business_id: Some(1),
            expected_at: Some(Utc::now()),
            ..DeskVisitor::default()
        }
    }

    fn queued(seq: i64, state: OpState, operation: Operation) -> QueuedOp {
        QueuedOp::for_test(seq, state, operation)
    }

    fn check_in(id: i64) -> Operation {
        Operation::CheckIn {
            target: Target::Server(id),
            at: Utc::now(),
            location: None,
        }
    }

    #[test]
    fn a_queued_check_in_shows_at_once_marked_pending() {
        let rows = vec![row(1, "Ada"), row(2, "Bo")];
        let ops = [queued(1, OpState::Pending, check_in(1))];
        let shown = overlay(List::Today, rows, &ops, Utc::now() - Duration::minutes(5));
        let ada = shown.iter().find(|r| r.full_name == "Ada").expect("ada");
        assert!(ada.arrived && ada.pending);
        assert_eq!(ada.presence(), Presence::OnSite);
        let bo = shown.iter().find(|r| r.full_name == "Bo").expect("bo");
        assert!(!bo.pending);
    }

    #[test]
    fn a_walk_in_in_the_queue_is_listed_with_its_check_in() {
        let walk_in = NewVisitor::walk_in(1, "Walk In", "w@x.test");
        let ops = [
            queued(
                1,
                OpState::Pending,
                Operation::WalkIn {
                    visitor: Box::new(walk_in),
                    host_name: None,
                },
            ),
            queued(
                2,
                OpState::Pending,
                Operation::CheckOut {
                    target: Target::Queued("op1".into()),
                    at: Utc::now(),
                },
            ),
        ];
        let shown = overlay(List::Today, vec![], &ops, Utc::now());
        assert_eq!(shown.len(), 1);
        assert_eq!(shown[0].queued_id.as_deref(), Some("op1"));
        assert!(shown[0].pending);
        assert_eq!(shown[0].presence(), Presence::Left);
    }

    #[test]
    fn done_operations_count_until_the_cache_catches_up_and_discarded_never() {
        let fetched = Utc::now() - Duration::minutes(1);
        let mut done = queued(1, OpState::Done, check_in(1));
        done.updated_at = Utc::now();
        let shown = overlay(
            List::Today,
            vec![row(1, "Ada")],
            std::slice::from_ref(&done),
            fetched,
        );
        assert!(shown[0].arrived && !shown[0].pending);
        done.updated_at = fetched - Duration::minutes(1);
        assert!(
            !overlay(List::Today, vec![row(1, "Ada")], &[done], fetched)[0].arrived,
            "an older row wins"
        );
        let discarded = queued(2, OpState::Discarded, check_in(1));
        assert!(!overlay(List::Today, vec![row(1, "Ada")], &[discarded], fetched)[0].arrived);
    }

    #[test]
    fn registrations_show_until_the_cache_has_them_and_cancellations_hide_at_once() {
        let fetched = Utc::now() - Duration::minutes(1);
        let visit = |name: &str| Registration {
            business_id: 1,
            full_name: name.into(),
            email: None,
            phone_number: None,
            expected_arrival: Utc::now() + Duration::days(1),
            customer_notes: None,
        };
        let waiting = queued(
            1,
            OpState::Pending,
            Operation::Register {
                visits: vec![visit("Cy"), visit("Cy")],
            },
        );
        let shown = overlay(
            List::Upcoming,
            vec![],
            std::slice::from_ref(&waiting),
            fetched,
        );
        assert_eq!(shown.len(), 2);
        assert!(shown.iter().all(|r| r.pending && r.id.is_none()));
        // Synced after the last read: shown with its ids, unless the cache already has them.
        let mut synced = waiting.clone();
        synced.state = OpState::Done;
        synced.server_ids = vec![7, 8];
        let shown = overlay(List::Upcoming, vec![row(7, "Cy")], &[synced], fetched);
        assert_eq!(shown.len(), 2);
        assert_eq!(
            shown.iter().filter_map(|r| r.id).collect::<Vec<_>>(),
            vec![7, 8]
        );
        let cancel = queued(
            2,
            OpState::Pending,
            Operation::CancelRegistration { visitor_id: 7 },
        );
        assert!(overlay(
            List::Upcoming,
            vec![row(7, "Cy")],
            std::slice::from_ref(&cancel),
            fetched
        )
        .is_empty());
        // Neither shows on reception's day: each list takes its own screen's operations.
        assert!(overlay(List::Today, vec![], &[waiting], fetched).is_empty());
        assert_eq!(
            overlay(List::Today, vec![row(7, "Cy")], &[cancel], fetched).len(),
            1
        );
    }
}
