//! Conflict-aware writes: what a queued change to an existing visitor means against the
//! record as it stands now. Several desks, kiosks, the admin panel and hosts write to the same
//! visitors; a change made offline an hour ago must never undo what they did since.

use chrono::{DateTime, Utc};

use crate::l10n::MessageKey;
use crate::nexudus::models::Visitor;
use crate::nexudus::Precheck;
use crate::nexudus::{ApiError, NexudusClient, VisitorChange};
use crate::queue::Operation;

/// What became of a change to an existing visitor.
#[derive(Clone, Debug, PartialEq)]
pub enum Applied {
    Written,
    /// Nothing sent: the record already shows it. Why, for the sync panel.
    AlreadyDone(String),
    /// Nothing sent: someone else changed the record in a way this change must not undo.
    Conflict(String),
}

fn clock(at: DateTime<Utc>) -> String {
    at.with_timezone(&chrono::Local).format("%H:%M").to_string()
}

/// Who changed the record last, or "none" (the catalog's wording for no name).
fn by_whom(visitor: &Visitor) -> String {
    visitor
        .updated_by
        .as_deref()
        .map(str::trim)
        .filter(|who| !who.is_empty())
        .unwrap_or("none")
        .to_string()
}

/// A check-in of someone already arrived, or already gone, is done: a second `CheckInNow`
/// would notify the host again and rewrite the arrival time.
pub fn check_in_precheck(visitor: &Visitor) -> Precheck {
    let arrived = visitor.arrival_date.map(clock);
    let said = |id: &str| {
        MessageKey::new(id)
            .with("name", visitor.full_name.as_str())
            .with("arrived", arrived.clone().unwrap_or_else(|| "none".into()))
            .with("who", by_whom(visitor))
    };
    match (visitor.departure_date, visitor.arrived || arrived.is_some()) {
        (Some(left), _) => Precheck::AlreadyDone(
            said("engine-already-checked-in-and-left")
                .with("left", clock(left))
                .stored(),
        ),
        (None, true) => Precheck::AlreadyDone(said("engine-already-checked-in").stored()),
        (None, false) => Precheck::Write,
    }
}

/// A check-out never moves a departure someone already recorded.
pub fn check_out_precheck(visitor: &Visitor) -> Precheck {
    match visitor.departure_date {
        Some(left) => Precheck::AlreadyDone(
            MessageKey::new("engine-already-checked-out")
                .with("name", visitor.full_name.as_str())
                .with("left", clock(left))
                .with("who", by_whom(visitor))
                .stored(),
        ),
        None => Precheck::Write,
    }
}

/// The catalog's name for an approval status.
fn approval_name(status: i64) -> &'static str {
    match status {
        1 => "not-required",
        2 => "requested",
        3 => "declined",
        4 => "collect",
        5 => "sent-up",
        _ => "changed",
    }
}

/// An answer the desk saw (`seen`) that someone changed since is theirs to keep.
pub fn approval_precheck(visitor: &Visitor, status: i64, seen: Option<i64>) -> Precheck {
    if visitor.host_approval_status == status {
        return Precheck::AlreadyDone(
            MessageKey::new("engine-approval-already")
                .with("status", approval_name(status))
                .stored(),
        );
    }
    match seen {
        Some(seen) if seen != visitor.host_approval_status => Precheck::Conflict(
            MessageKey::new("engine-approval-changed-elsewhere")
                .with("status", approval_name(visitor.host_approval_status))
                .with("who", by_whom(visitor))
                .stored(),
        ),
        _ => Precheck::Write,
    }
}

/// Sends one change to visitor `id`, reading the record first. Times the desk stamped are put
/// on the server's clock.
pub async fn apply_change(
    client: &NexudusClient,
    id: i64,
    operation: &Operation,
) -> Result<Applied, ApiError> {
    let server_time = |at: DateTime<Utc>| client.server_clock().to_server(at);
    let verdict = match operation {
        Operation::CheckIn { at, location, .. } => {
            let change = || VisitorChange::check_in(server_time(*at), location.as_deref());
            client
                .update_visitor_checked(id, change, check_in_precheck)
                .await?
        }
        Operation::CheckOut { at, .. } => {
            let change = || VisitorChange::check_out(server_time(*at));
            client
                .update_visitor_checked(id, change, check_out_precheck)
                .await?
        }
        Operation::SetApproval { status, seen, .. } => {
            let change = || VisitorChange::host_approval(*status);
            client
                .update_visitor_checked(id, change, |v| approval_precheck(v, *status, *seen))
                .await?
        }
        _ => {
            return Err(ApiError::Protocol {
                detail: "not a change to an existing visitor".into(),
            })
        }
    };
    Ok(match verdict {
        Precheck::Write => Applied::Written,
        Precheck::AlreadyDone(why) => Applied::AlreadyDone(why),
        Precheck::Conflict(why) => Applied::Conflict(why),
    })
}

/// Whether the record shows the operation applied (by us or anyone): used when its answer was
/// lost.
pub fn shows_applied(visitor: &Visitor, operation: &Operation) -> bool {
    match operation {
        Operation::CheckIn { .. } => visitor.arrived || visitor.departure_date.is_some(),
        Operation::CheckOut { .. } => visitor.departure_date.is_some(),
        Operation::SetApproval { status, .. } => visitor.host_approval_status == *status,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// A stored reason, as an English desk shows it.
    fn english(stored: &str) -> String {
        MessageKey::shown(
            stored,
            &crate::l10n::Messages::new(crate::l10n::Language::En),
        )
    }

    fn visitor(extra: serde_json::Value) -> Visitor {
        let mut base = json!({
            "Id": 7, "FullName": "Ada Lovelace", "BusinessId": 1,
            "ExpectedArrival": "2026-11-30T09:00:00Z", "Arrived": false,
            "HostApprovalStatus": 2,
        });
        if let (Some(base), Some(extra)) = (base.as_object_mut(), extra.as_object()) {
            base.extend(extra.clone());
        }
        serde_json::from_value(base).expect("visitor")
    }

    #[test]
    fn a_check_in_is_written_only_for_someone_not_yet_arrived() {
        assert_eq!(check_in_precheck(&visitor(json!({}))), Precheck::Write);
        let arrived = visitor(
            json!({"Arrived": true, "ArrivalDate": "2026-11-30T09:02:00Z",
            "UpdatedBy": "kiosk@harbour.test"}),
        );
        match check_in_precheck(&arrived) {
            Precheck::AlreadyDone(why) => {
                assert!(english(&why).contains("kiosk@harbour.test"), "{why}")
            }
            other => panic!("{other:?}"),
        }
        let left = visitor(
            json!({"Arrived": true, "ArrivalDate": "2026-11-30T09:02:00Z",
            "DepartureDate": "2026-11-30T09:40:00Z"}),
        );
        assert!(
            matches!(check_in_precheck(&left), Precheck::AlreadyDone(why) if english(&why).contains("left at"))
        );
    }

    #[test]
    fn a_check_out_keeps_an_earlier_departure() {
        assert_eq!(
            check_out_precheck(&visitor(json!({"Arrived": true}))),
            Precheck::Write
        );
        let left = visitor(json!({"DepartureDate": "2026-11-30T09:40:00Z"}));
        assert!(matches!(
            check_out_precheck(&left),
            Precheck::AlreadyDone(_)
        ));
    }

    #[test]
    fn an_approval_changed_elsewhere_is_a_conflict() {
        // The host approved (4, they collect the visitor) after the desk saw "requested" (2).
        let approved = visitor(json!({"HostApprovalStatus": 4}));
        assert!(
            matches!(approval_precheck(&approved, 3, Some(2)), Precheck::Conflict(why) if english(&why).contains("approved (the host collects them)"))
        );
        assert_eq!(approval_precheck(&approved, 3, None), Precheck::Write);
        assert!(matches!(
            approval_precheck(&approved, 4, Some(2)),
            Precheck::AlreadyDone(_)
        ));
        assert_eq!(
            approval_precheck(&visitor(json!({})), 3, Some(2)),
            Precheck::Write
        );
    }
}
