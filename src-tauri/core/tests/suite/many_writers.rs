//! Many writers on the same visitors: a server that applies a write after its gateway gave up,
//! a person discarding a change mid-drain, two desks at one location, a kiosk ahead of the
//! queue, and sessions refreshed by another process. Each ends with every change applied
//! exactly once and nobody's change overwritten.

use std::sync::Arc;
use std::time::Duration;

use crate::common::*;
use chrono::{DateTime, Utc};
use frontdesk_core::desk::{ApprovalAnswer, ScanOutcome, VisitorRef};
use frontdesk_core::nexudus::{ClientConfig, NewVisitor, NexudusClient, Registration};
use frontdesk_core::queue::{OpState, Operation, QueuedOp, Target};
use frontdesk_core::secrets::SecretStore;
use serde_json::{json, Value};

fn walk_in(name: &str) -> Operation {
    Operation::WalkIn {
        visitor: Box::new(NewVisitor {
            check_in_now: true,
            ..NewVisitor::walk_in(
                SHOREDITCH,
                name,
                &format!(
                    "{}@guests.frontdesk.test",
                    name.to_lowercase().replace(' ', ".")
                ),
            )
        }),
        host_name: None,
    }
}

fn check_in(id: i64, at: DateTime<Utc>) -> Operation {
    Operation::CheckIn {
        target: Target::Server(id),
        at,
        location: Some("Front desk".into()),
    }
}

fn check_out(id: i64, at: DateTime<Utc>) -> Operation {
    Operation::CheckOut {
        target: Target::Server(id),
        at,
    }
}

async fn enqueue(desk: &SignedIn, operation: Operation) -> QueuedOp {
    let account = desk
        .accounts
        .client()
        .await
        .expect("signed in")
        .account()
        .entry_name();
    desk.store
        .enqueue(&account, &operation)
        .await
        .expect("enqueue")
}

async fn op(desk: &SignedIn, queued: &QueuedOp) -> QueuedOp {
    desk.store
        .operation(&queued.id)
        .await
        .expect("read")
        .expect("exists")
}

/// Drains, waiting out scheduled looks and retries, until nothing is left to send.
async fn drain_until_settled(desk: &SignedIn) {
    let deadline = std::time::Instant::now() + Duration::from_secs(90);
    loop {
        let report = desk.engine.drain().await.expect("drain");
        let counts = desk.store.queue_counts(None).await.expect("counts");
        if counts.to_send() == 0 {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the queue did not settle: {:#?}",
            desk.store.open_operations(None).await.expect("open")
        );
        let pause = report
            .next_wake
            .and_then(|at| (at - Utc::now()).to_std().ok())
            .unwrap_or(Duration::from_millis(200));
        tokio::time::sleep(pause.min(Duration::from_secs(1))).await;
    }
}

fn notices_for(state: &Value, id: i64) -> usize {
    state["notices"]
        .as_array()
        .expect("notices")
        .iter()
        .filter(|n| n["visitor_id"] == id)
        .count()
}

fn date(record: &Value, field: &str) -> Option<DateTime<Utc>> {
    record[field]
        .as_str()
        .and_then(frontdesk_core::nexudus::dates::parse)
}

#[tokio::test]
async fn writes_the_server_applies_after_giving_up_are_applied_once() {
    let h = empty_harness(json!({})).await;
    let now = Utc::now();
    let waiting = h
        .add_visitor(
            "Late Checkin",
            SHOREDITCH,
            ANA_COWORKER,
            today_near(now, 10),
        )
        .await;
    let leaving = h
        .add_visitor(
            "Late Checkout",
            SHOREDITCH,
            ANA_COWORKER,
            today_near(now, -30),
        )
        .await;
    h.control(&format!("/_sim/visitors/{leaving}/check-in"), json!({}))
        .await;

    // The gateway answers 504 at once (or drops the connection); the server applies the
    // write a second later, before the desk's first look.
    let late = |method: &str, path: &str, drop: bool| json!({"method": method, "path": path, "kind": "apply_late", "ms": 1000, "drop": drop});
    let reception = signed_in(&h, RECEPTION).await;
    h.fault(late("POST", "/api/spaces/visitors", false)).await;
    let first = enqueue(&reception, walk_in("Gateway Walkin")).await;
    drain_until_settled(&reception).await;
    h.fault(late("POST", "/api/spaces/visitors", true)).await;
    let second = enqueue(&reception, walk_in("Dropped Walkin")).await;
    drain_until_settled(&reception).await;
    h.fault(late("PUT", "/api/spaces/visitors", false)).await;
    let arrived = enqueue(&reception, check_in(waiting, Utc::now())).await;
    drain_until_settled(&reception).await;
    h.fault(late("PUT", "/api/spaces/visitors", true)).await;
    let departure = Utc::now();
    let left = enqueue(&reception, check_out(leaving, departure)).await;
    drain_until_settled(&reception).await;

    let host = signed_in(&h, ANA).await;
    h.fault(late("POST", "/api/public/visitors", false)).await;
    let dates = [
        today_near(now, 60) + chrono::Duration::days(1),
        today_near(now, 60) + chrono::Duration::days(2),
    ];
    let registered = enqueue(
        &host,
        Operation::Register {
            visits: dates
                .iter()
                .map(|at| Registration {
                    business_id: SHOREDITCH,
                    full_name: "Twice Registered".into(),
                    email: Some("twice@guests.frontdesk.test".into()),
                    phone_number: None,
                    expected_arrival: *at,
                    customer_notes: None,
                })
                .collect(),
        },
    )
    .await;
    drain_until_settled(&host).await;

    for queued in [&first, &second, &arrived, &left] {
        assert_eq!(op(&reception, queued).await.state, OpState::Done);
    }
    assert_eq!(op(&host, &registered).await.state, OpState::Done);
    assert_eq!(h.visitors_named("Gateway Walkin").await.len(), 1);
    assert_eq!(h.visitors_named("Dropped Walkin").await.len(), 1);
    assert_eq!(
        h.visitors_named("Twice Registered").await.len(),
        2,
        "2 dates, 2 visitors"
    );
    let state = h.state().await;
    assert_eq!(notices_for(&state, waiting), 1, "the host is told once");
    let record = h.visitor(leaving).await;
    let recorded = date(&record, "DepartureDate").expect("departure");
    assert!((recorded - departure).num_seconds().abs() <= 1, "{record}");
    let applied_late = h
        .log()
        .await
        .iter()
        .filter(|e| e["outcome"] == "applied late")
        .count();
    assert_eq!(applied_late, 5, "every fault applied its write late");
}

#[tokio::test]
async fn a_change_discarded_mid_drain_is_never_sent() {
    let h = empty_harness(json!({})).await;
    let reception = signed_in(&h, RECEPTION).await;
    let names: Vec<String> = (0..6).map(|n| format!("Slow Walkin {n}")).collect();
    let mut queued = Vec::new();
    for name in &names {
        queued.push(enqueue(&reception, walk_in(name)).await);
    }
    h.fault(json!({"method": "POST", "path": "/api/spaces/visitors", "kind": "delay", "ms": 300, "count": 6}))
        .await;
    let engine = reception.engine.clone();
    let drain = tokio::spawn(async move { engine.drain().await });
    tokio::time::sleep(Duration::from_millis(450)).await;
    // The drain planned all six; the fifth is still pending: a person discards it.
    assert!(reception
        .store
        .discard_operation(&queued[4].id)
        .await
        .expect("discard"));
    drain.await.expect("task").expect("drain");
    drain_until_settled(&reception).await;
    assert_eq!(op(&reception, &queued[4]).await.state, OpState::Discarded);
    assert!(h.visitors_named(&names[4]).await.is_empty(), "never sent");
    for n in [0, 1, 2, 3, 5] {
        assert_eq!(h.visitors_named(&names[n]).await.len(), 1, "{}", names[n]);
    }
}

/// Fields a check-in and a check-out may change; every other field must be as it was.
const VISIT_FIELDS: [&str; 9] = [
    "Arrived",
    "ArrivalDate",
    "DepartureDate",
    "CheckedInAt",
    "Notified",
    "CheckInNow",
    "UpdatedOn",
    "UpdatedOnUtc",
    "UpdatedBy",
];

fn without_visit_fields(record: &Value) -> Value {
    let mut record = record.clone();
    if let Some(map) = record.as_object_mut() {
        for field in VISIT_FIELDS {
            map.remove(field);
        }
    }
    record
}

#[tokio::test]
async fn two_desks_offline_keep_the_first_arrival_and_the_last_departure_in_either_order() {
    for a_first in [true, false] {
        let h = empty_harness(json!({})).await;
        let now = Utc::now();
        let v = h
            .add_visitor(
                "Shared Visitor",
                SHOREDITCH,
                ANA_COWORKER,
                today_near(now, 5),
            )
            .await;
        let before = h.visitor(v).await;
        let desk_a = signed_in(&h, RECEPTION).await;
        let desk_b = signed_in(&h, RECEPTION).await;
        // Both offline: A checks V in; B checks V in 20 s later, then out.
        let a_in = now - chrono::Duration::seconds(60);
        let b_in = a_in + chrono::Duration::seconds(20);
        let b_out = b_in + chrono::Duration::seconds(20);
        let a_check_in = enqueue(&desk_a, check_in(v, a_in)).await;
        let b_check_in = enqueue(&desk_b, check_in(v, b_in)).await;
        enqueue(&desk_b, check_out(v, b_out)).await;
        let (first, second) = if a_first {
            (&desk_a, &desk_b)
        } else {
            (&desk_b, &desk_a)
        };
        drain_until_settled(first).await;
        drain_until_settled(second).await;

        let after = h.visitor(v).await;
        let context = format!("A first: {a_first}: {after}");
        let arrival = date(&after, "ArrivalDate").expect("arrival");
        let first_in = if a_first { a_in } else { b_in };
        assert!((arrival - first_in).num_seconds().abs() <= 1, "{context}");
        let departure = date(&after, "DepartureDate").expect("departure");
        assert!((departure - b_out).num_seconds().abs() <= 1, "{context}");
        assert_eq!(after["Arrived"], true, "{context}");
        assert_eq!(
            without_visit_fields(&before),
            without_visit_fields(&after),
            "{context}"
        );
        assert_eq!(notices_for(&h.state().await, v), 1, "{context}");
        let skipped = if a_first {
            op(&desk_b, &b_check_in).await
        } else {
            op(&desk_a, &a_check_in).await
        };
        assert_eq!(skipped.state, OpState::Done, "{context}");
        assert!(
            skipped
                .outcome
                .as_deref()
                .map(in_english)
                .is_some_and(|o| o.contains("Not checked in again")),
            "{context}: {:?}",
            skipped.outcome
        );
    }
}

#[tokio::test]
async fn a_kiosk_ahead_of_the_queue_is_not_undone() {
    let h = empty_harness(json!({})).await;
    let now = Utc::now();
    let v = h
        .add_visitor(
            "Kiosk Visitor",
            SHOREDITCH,
            ANA_COWORKER,
            today_near(now, 5),
        )
        .await;
    let desk = signed_in(&h, RECEPTION).await;
    let queued = enqueue(&desk, check_in(v, now)).await;
    h.control(&format!("/_sim/visitors/{v}/check-in"), json!({}))
        .await;
    h.control(&format!("/_sim/visitors/{v}/check-out"), json!({}))
        .await;
    let kiosk = h.visitor(v).await;
    drain_until_settled(&desk).await;

    let after = h.visitor(v).await;
    assert_eq!(after["ArrivalDate"], kiosk["ArrivalDate"], "{after}");
    assert_eq!(
        after["DepartureDate"], kiosk["DepartureDate"],
        "not back on site: {after}"
    );
    assert_eq!(
        notices_for(&h.state().await, v),
        1,
        "only the kiosk's notice"
    );
    let done = op(&desk, &queued).await;
    assert_eq!(done.state, OpState::Done);
    let why = in_english(&done.outcome.unwrap_or_default());
    assert!(
        why.contains("left at") && why.contains("kiosk@nexio"),
        "{why}"
    );
    // The desk's list does not lay its own check-in over the kiosk's visit.
    let row = desk
        .desk
        .refresh_today(SHOREDITCH)
        .await
        .expect("today")
        .into_iter()
        .find(|row| row.id == Some(v))
        .expect("row");
    assert!(row.departed_at.is_some(), "{row:?}");
}

#[tokio::test]
async fn an_approval_changed_elsewhere_waits_for_a_person() {
    let h = empty_harness(json!({})).await;
    let v = h
        .add_visitor(
            "Approval Visitor",
            SHOREDITCH,
            ANA_COWORKER,
            today_near(Utc::now(), 30),
        )
        .await;
    h.control(
        &format!("/_sim/visitors/{v}/approval"),
        json!({"status": 2}),
    )
    .await;
    let desk = signed_in(&h, RECEPTION).await;
    desk.desk.refresh_today(SHOREDITCH).await.expect("today");
    // Reception declines at the desk while the host, from their email, approves first.
    let queued = desk
        .desk
        .answer_approval(
            &VisitorRef {
                id: Some(v),
                queued_id: None,
            },
            ApprovalAnswer::Decline,
        )
        .await
        .expect("queued");
    h.control(
        &format!("/_sim/visitors/{v}/approval"),
        json!({"status": 4}),
    )
    .await;
    drain_until_settled(&desk).await;
    assert_eq!(
        h.visitor(v).await["HostApprovalStatus"],
        4,
        "the host's answer stands"
    );
    let waiting = op(&desk, &queued).await;
    assert_eq!(waiting.state, OpState::NeedsAttention);
    assert!(
        waiting
            .last_error
            .as_deref()
            .map(in_english)
            .is_some_and(|e| e.contains("approved (the host collects them)")),
        "{:?}",
        waiting.last_error
    );
    // The list shows the host's answer, not the desk's, and a scan does not act on it.
    desk.desk.refresh_today(SHOREDITCH).await.expect("today");
    let row = desk
        .desk
        .today(SHOREDITCH)
        .await
        .expect("today")
        .into_iter()
        .find(|r| r.id == Some(v))
        .expect("listed");
    assert_eq!(row.approval.as_deref(), Some("accepted_and_hold"));
    assert!(row.needs_attention);
    let code = h.visitor(v).await["VisitorCode"]
        .as_str()
        .expect("code")
        .to_string();
    let scanned = desk
        .desk
        .check_in_by_code(SHOREDITCH, &code, None)
        .await
        .expect("scan");
    assert_eq!(scanned.outcome, ScanOutcome::NeedsAttention);
}

fn short_lived(h: &Harness) -> ClientConfig {
    let mut config = h.config();
    config.timeout = TEST_TIMEOUT;
    config
}

#[tokio::test]
async fn a_refresh_by_another_process_keeps_both_signed_in() {
    let h = harness(json!({})).await;
    let first = h.sign_in(RECEPTION).await;
    let store: Arc<dyn SecretStore> = h.store.clone();
    // The second "process" starts from the same keyring entry.
    let second = NexudusClient::restore(short_lived(&h), store.clone(), RECEPTION, false)
        .await
        .expect("restore")
        .expect("tokens");
    for round in 0..3 {
        // Every access token expires; one process refreshes (rotating the refresh token),
        // then the other, which still holds the spent one.
        h.control("/_sim/tokens/expire", json!({})).await;
        let (one, other) = if round % 2 == 0 {
            (&first, &second)
        } else {
            (&second, &first)
        };
        one.businesses().await.expect("first refresh");
        other
            .businesses()
            .await
            .expect("the other process stays signed in");
        assert!(first.is_signed_in().await && second.is_signed_in().await);
    }
    // The keyring ends with a pair that works for a third process.
    let third = NexudusClient::restore(short_lived(&h), store, RECEPTION, false)
        .await
        .expect("restore")
        .expect("tokens in the keyring");
    h.control("/_sim/tokens/expire", json!({})).await;
    third.businesses().await.expect("the stored pair works");
}

#[tokio::test]
async fn a_walk_in_is_found_by_its_tag_when_the_server_tidies_its_name() {
    let h = empty_harness(json!({"normalise_names": true})).await;
    let reception = signed_in(&h, RECEPTION).await;
    // Another walk-in with the same tidy name, made at the same minute elsewhere.
    let mut other = NewVisitor::walk_in(SHOREDITCH, "Ada Lovelace", "ada@guests.frontdesk.test");
    other.system_id = Some("kiosk:other".into());
    reception
        .accounts
        .client()
        .await
        .expect("client")
        .create_visitor(&other)
        .await
        .expect("other walk-in");
    // Created, but the answer is lost; the server stored "Ada Lovelace", "ada@…".
    h.fault(json!({"method": "POST", "path": "/api/spaces/visitors", "kind": "drop_after_apply"}))
        .await;
    let mut visitor =
        NewVisitor::walk_in(SHOREDITCH, "ada   LOVELACE", "ADA@Guests.Frontdesk.test");
    visitor.check_in_now = true;
    let queued = enqueue(
        &reception,
        Operation::WalkIn {
            visitor: Box::new(visitor),
            host_name: None,
        },
    )
    .await;
    drain_until_settled(&reception).await;
    let done = op(&reception, &queued).await;
    assert_eq!(done.state, OpState::Done);
    let copies = h.visitors_named("Ada Lovelace").await;
    assert_eq!(copies.len(), 2, "ours once, and the other one: {copies:#?}");
    let ours = copies
        .iter()
        .find(|v| {
            v["SystemId"]
                .as_str()
                .is_some_and(|t| t.contains(&queued.id))
        })
        .expect("ours carries its tag");
    assert_eq!(done.server_ids, vec![ours["Id"].as_i64().expect("id")]);
}

/// What the engine noted (kept as a message key), as an English desk shows it.
fn in_english(noted: &str) -> String {
    use frontdesk_core::l10n::{Language, MessageKey, Messages};
    MessageKey::shown(noted, &Messages::new(Language::En))
}
