//! What a poll changed on the screen the desk shows, and whether this desk did it. Several
//! desks, kiosks, the admin panel and hosts write the same visitors; a list that changes under a
//! receptionist's eyes must say why a row moved ("Checked out at another desk").

use std::collections::HashMap;

use serde::Serialize;

use crate::queue::{OpState, Operation, QueuedOp, Target};
use crate::visitor::DeskVisitor;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// New in the list (a walk-in at another desk, a host's registration).
    Added,
    CheckedIn,
    CheckedOut,
    /// The host's answer changed (approved, declined).
    Approval,
    /// Gone from the list: cancelled or deleted, or moved to another day.
    Removed,
    /// Anything else the list shows (name, time, host, company).
    Updated,
}

/// One visitor whose row changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VisitorChange {
    pub visitor_id: i64,
    pub kind: ChangeKind,
    /// The visitor's name as the list showed it (the new one, or the last one of a row that
    /// left the list): the window names who went without holding the whole day.
    pub full_name: String,
    /// The location of the visitor's row, when known: a change is news only on that list.
    pub business_id: Option<i64>,
    /// Made by someone else (another desk, a kiosk, the admin panel, a host), not by a change
    /// queued at this desk.
    pub elsewhere: bool,
}

/// The changes one poll brought to the list the window shows (the event the window redraws on).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ListChanged {
    pub changes: Vec<VisitorChange>,
}

/// What changed between a cached row and the server's, as a person would name it; `None` when
/// nothing the list shows changed.
pub fn compare(before: Option<&DeskVisitor>, after: Option<&DeskVisitor>) -> Option<ChangeKind> {
    let (before, after) = match (before, after) {
        (None, None) => return None,
        (None, Some(_)) => return Some(ChangeKind::Added),
        (Some(_), None) => return Some(ChangeKind::Removed),
        (Some(before), Some(after)) => (before, after),
    };
    if before.departed_at.is_none() && after.departed_at.is_some() {
        return Some(ChangeKind::CheckedOut);
    }
    if !before.arrived && after.arrived {
        return Some(ChangeKind::CheckedIn);
    }
    if before.approval != after.approval {
        return Some(ChangeKind::Approval);
    }
    let shown = |v: &DeskVisitor| {
        (
            v.full_name.clone(),
            v.expected_at,
            v.arrived,
            v.arrived_at,
            v.departed_at,
            v.host_name.clone(),
            v.company.clone(),
            v.visitor_code.clone(),
        )
    };
    (shown(before) != shown(after)).then_some(ChangeKind::Updated)
}

/// One row a write to the cache changed, before it is known who changed it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowChange {
    pub visitor_id: i64,
    pub kind: ChangeKind,
    pub full_name: String,
    pub business_id: Option<i64>,
}

/// Changes between two sets of rows keyed by server id (rows without one are queued, not
/// server data, and never compared).
pub fn changes_between(
    before: &HashMap<i64, DeskVisitor>,
    after: &HashMap<i64, DeskVisitor>,
) -> Vec<RowChange> {
    let mut ids: Vec<i64> = before.keys().chain(after.keys()).copied().collect();
    ids.sort_unstable();
    ids.dedup();
    ids.into_iter()
        .filter_map(|id| {
            let (old, new) = (before.get(&id), after.get(&id));
            let kind = compare(old, new)?;
            let shown = new.or(old);
            Some(RowChange {
                visitor_id: id,
                kind,
                full_name: shown.map(|v| v.full_name.clone()).unwrap_or_default(),
                business_id: shown.and_then(|v| v.business_id),
            })
        })
        .collect()
}

/// Whether this desk's queue explains a change: an operation of that kind for that visitor,
/// recent or still waiting. Anything else was done elsewhere.
fn done_here(id: i64, kind: ChangeKind, operations: &[QueuedOp]) -> bool {
    let live = |op: &&QueuedOp| op.state != OpState::Discarded;
    // A queued walk-in's later check-out targets the walk-in's operation, not its server id.
    let is_target = |target: &Target| match target {
        Target::Server(server) => *server == id,
        Target::Queued(creator) => operations
            .iter()
            .any(|op| op.id == *creator && op.server_ids.contains(&id)),
    };
    operations
        .iter()
        .filter(live)
        .any(|op| match (&op.operation, kind) {
            (Operation::WalkIn { .. } | Operation::Register { .. }, ChangeKind::Added) => {
                op.server_ids.contains(&id)
            }
            (Operation::WalkIn { .. }, ChangeKind::CheckedIn) => op.server_ids.contains(&id),
            (Operation::CheckIn { target, .. }, ChangeKind::CheckedIn)
            | (Operation::CheckOut { target, .. }, ChangeKind::CheckedOut)
            | (Operation::SetApproval { target, .. }, ChangeKind::Approval)
            | (Operation::DeleteVisitor { target }, ChangeKind::Removed) => is_target(target),
            (Operation::CancelRegistration { visitor_id }, ChangeKind::Removed) => {
                *visitor_id == id
            }
            _ => false,
        })
}

/// Names each change, and says which were made elsewhere.
pub fn attribute(changes: Vec<RowChange>, operations: &[QueuedOp]) -> ListChanged {
    ListChanged {
        changes: changes
            .into_iter()
            .map(|change| VisitorChange {
                elsewhere: !done_here(change.visitor_id, change.kind, operations),
                visitor_id: change.visitor_id,
                kind: change.kind,
                full_name: change.full_name,
                business_id: change.business_id,
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    fn visitor(id: i64) -> DeskVisitor {
        DeskVisitor {
            id: Some(id),
            full_name: format!("Visitor {id}"),
            business_id: Some(1),
            expected_at: Utc.with_ymd_and_hms(2030, 1, 1, 10, 0, 0).single(),
            ..DeskVisitor::default()
        }
    }

    fn op(id: &str, operation: Operation, server_ids: Vec<i64>) -> QueuedOp {
        QueuedOp {
            id: id.into(),
            account: "a".into(),
            attempts: 1,
            server_ids,
            ..QueuedOp::for_test(1, OpState::Done, operation)
        }
    }

    #[test]
    fn a_change_carries_the_name_the_list_shows_and_a_removed_row_its_last_one() {
        let mut renamed = visitor(2);
        renamed.full_name = "Ada Lovelace".into();
        let before = HashMap::from([(1, visitor(1)), (2, visitor(2))]);
        let after = HashMap::from([(2, renamed)]);
        let names: Vec<(i64, ChangeKind, String)> = changes_between(&before, &after)
            .into_iter()
            .map(|c| (c.visitor_id, c.kind, c.full_name))
            .collect();
        assert_eq!(
            names,
            [
                (1, ChangeKind::Removed, "Visitor 1".to_string()),
                (2, ChangeKind::Updated, "Ada Lovelace".to_string()),
            ]
        );
    }

    #[test]
    fn a_change_is_named_as_a_person_would() {
        let before = visitor(1);
        let mut arrived = before.clone();
        arrived.arrived = true;
        arrived.arrived_at = Utc.with_ymd_and_hms(2030, 1, 1, 10, 5, 0).single();
        let mut left = arrived.clone();
        left.departed_at = Utc.with_ymd_and_hms(2030, 1, 1, 11, 0, 0).single();
        let mut approved = before.clone();
        approved.approval = Some("accepted_and_grant".into());
        let mut renamed = before.clone();
        renamed.full_name = "Someone else".into();
        let mut noted = before.clone();
        noted.notes = Some("not shown in the list".into());

        assert_eq!(compare(None, Some(&before)), Some(ChangeKind::Added));
        assert_eq!(compare(Some(&before), None), Some(ChangeKind::Removed));
        assert_eq!(
            compare(Some(&before), Some(&arrived)),
            Some(ChangeKind::CheckedIn)
        );
        assert_eq!(
            compare(Some(&arrived), Some(&left)),
            Some(ChangeKind::CheckedOut)
        );
        // In and out between two polls: the row now says "left".
        assert_eq!(
            compare(Some(&before), Some(&left)),
            Some(ChangeKind::CheckedOut)
        );
        assert_eq!(
            compare(Some(&before), Some(&approved)),
            Some(ChangeKind::Approval)
        );
        assert_eq!(
            compare(Some(&before), Some(&renamed)),
            Some(ChangeKind::Updated)
        );
        assert_eq!(compare(Some(&before), Some(&noted)), None);
        assert_eq!(compare(Some(&before), Some(&before.clone())), None);
    }

    #[test]
    fn changes_this_desk_queued_are_not_marked_as_made_elsewhere() {
        let check_in = Operation::CheckIn {
            target: Target::Server(1),
            at: Utc::now(),
            location: None,
        };
        let walk_in = op(
            "walk",
            Operation::WalkIn {
                visitor: Box::new(crate::nexudus::NewVisitor::walk_in(1, "W", "w@x.test")),
                host_name: None,
            },
            vec![3],
        );
        let check_out_walk_in = op(
            "out",
            Operation::CheckOut {
                target: Target::Queued("walk".into()),
                at: Utc::now(),
            },
            vec![],
        );
        let mut discarded = op(
            "gone",
            Operation::CheckOut {
                target: Target::Server(4),
                at: Utc::now(),
            },
            vec![],
        );
        discarded.state = OpState::Discarded;
        let operations = vec![
            op("in", check_in, vec![]),
            walk_in,
            check_out_walk_in,
            discarded,
        ];
        let change = |visitor_id, kind| RowChange {
            visitor_id,
            kind,
            full_name: format!("Visitor {visitor_id}"),
            business_id: Some(1),
        };
        let named = attribute(
            vec![
                change(1, ChangeKind::CheckedIn),
                change(2, ChangeKind::CheckedIn),
                change(1, ChangeKind::CheckedOut),
                change(3, ChangeKind::Added),
                change(3, ChangeKind::CheckedOut),
                change(4, ChangeKind::CheckedOut),
            ],
            &operations,
        );
        let elsewhere: Vec<bool> = named.changes.iter().map(|c| c.elsewhere).collect();
        assert_eq!(elsewhere, [false, true, true, false, false, true]);
    }
}
