//! The sync engine against the simulator and a real SQLite file: every operation ends applied
//! exactly once, or visibly waiting for a person, never twice.

use std::path::PathBuf;
use std::sync::Arc;

use crate::common::*;
use chrono::{Duration as Span, Utc};
use frontdesk_core::account::{Accounts, SignInRequest};
use frontdesk_core::arrivals::Silent;
use frontdesk_core::nexudus::pacing::PaceLimits;
use frontdesk_core::nexudus::{NewVisitor, Registration};
use frontdesk_core::queue::{OpState, Operation, QueuedOp, Target};
use frontdesk_core::secrets::{MemoryStore, Secret, SecretStore};
use frontdesk_core::store::Store;
use frontdesk_core::sync::{EngineState, SyncEngine};
use frontdesk_core::wiring::Core;
use serde_json::{json, Value};

struct Desk {
    dir: PathBuf,
    store: Store,
    accounts: Arc<Accounts>,
    engine: Arc<SyncEngine>,
    account: String,
}

impl Drop for Desk {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

async fn desk(h: &Harness, email: &str) -> Desk {
    let dir = std::env::temp_dir().join(format!("frontdesk-sync-{}", uuid::Uuid::new_v4()));
    let store = Store::open(&dir).await.expect("store");
    let secrets: Arc<dyn SecretStore> = Arc::new(MemoryStore::default());
    let accounts = Arc::new(
        Accounts::new(store.clone(), secrets, Some(h.sim.base_url()))
            .with_limits(PaceLimits::unlimited())
            .with_timeout(Some(TEST_TIMEOUT)),
    );
    sign_in(&accounts, email).await;
    let account = accounts
        .client()
        .await
        .expect("client")
        .account()
        .entry_name();
    let engine = Core::assemble(store.clone(), accounts.clone(), Arc::new(Silent)).engine;
    Desk {
        dir,
        store,
        accounts,
        engine,
        account,
    }
}

async fn sign_in(accounts: &Accounts, email: &str) {
    let member = email == ANA || email == BEN;
    accounts
        .sign_in(SignInRequest {
            email: email.into(),
            password: Secret::new(PASSWORD),
            totp: None,
            space: member.then(|| "shoreditch".to_string()),
            server: None,
        })
        .await
        .expect("sign in");
}

impl Desk {
    async fn enqueue(&self, operation: Operation) -> QueuedOp {
        self.store
            .enqueue(&self.account, &operation)
            .await
            .expect("enqueue")
    }

    async fn op(&self, queued: &QueuedOp) -> QueuedOp {
        self.store
            .operation(&queued.id)
            .await
            .expect("read")
            .expect("exists")
    }

    /// Drains until nothing is due now (retries scheduled in the future are not waited for).
    async fn drain(&self) {
        self.engine.drain().await.expect("drain");
    }

    /// Drains, waiting out scheduled retries, until nothing is open but what needs a person.
    async fn drain_until_settled(&self) {
        for _ in 0..60 {
            let report = self.engine.drain().await.expect("drain");
            let Some(at) = report.next_wake else {
                return;
            };
            let pause = (at - Utc::now()).to_std().unwrap_or_default();
            tokio::time::sleep(pause.min(std::time::Duration::from_secs(3))).await;
        }
        let open = self.store.open_operations(None).await.expect("open");
        let stuck: Vec<_> = open
            .iter()
            .map(|op| {
                format!(
                    "{} {:?} next={} err={:?}",
                    op.operation.kind(),
                    op.state,
                    op.next_attempt_at,
                    op.last_error
                )
            })
            .collect();
        panic!("the queue did not settle: {stuck:#?}");
    }
}

fn walk_in(name: &str) -> Operation {
    Operation::WalkIn {
        visitor: Box::new(NewVisitor {
            business_id: SHOREDITCH,
            full_name: name.into(),
            email: format!(
                "{}@guests.frontdesk.test",
                name.to_lowercase().replace(' ', ".")
            ),
            expected_arrival: Utc::now(),
            visitor_source: 1,
            host_approval_status: 1,
            coworker_id: Some(ANA_COWORKER),
            phone_number: None,
            company_name: Some("Acme".into()),
            visit_reason: None,
            notes: Some("keep me".into()),
            check_in_now: false,
            checked_in_at: None,
            system_id: None,
        }),
        host_name: None,
    }
}

fn check_in(target: Target) -> Operation {
    Operation::CheckIn {
        target,
        at: Utc::now(),
        location: Some("Front desk".into()),
    }
}

fn register(name: &str, email: &str, days: &[i64]) -> Operation {
    Operation::Register {
        visits: days
            .iter()
            .map(|day| Registration {
                business_id: SHOREDITCH,
                full_name: name.into(),
                email: Some(email.into()),
                phone_number: None,
                expected_arrival: (Utc::now() + Span::days(*day))
                    .date_naive()
                    .and_hms_opt(9, 30, 0)
                    .expect("time")
                    .and_utc(),
                customer_notes: None,
            })
            .collect(),
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

#[tokio::test]
async fn a_queue_built_offline_drains_in_order_when_the_server_returns() {
    let h = harness(json!({})).await;
    let d = desk(&h, RECEPTION).await;
    let Harness { sim, .. } = h;
    let (state, addr) = (sim.sim.clone(), sim.addr);
    sim.stop().await;

    let created = d.enqueue(walk_in("Offline Olga")).await;
    let checked_in = d
        .enqueue(check_in(Target::Queued(created.id.clone())))
        .await;
    let checked_out = d
        .enqueue(Operation::CheckOut {
            target: Target::Queued(created.id.clone()),
            at: Utc::now(),
        })
        .await;
    let demo_visitor = nexudus_sim::world::FIRST_VISITOR_ID + 29;
    let approval = d
        .enqueue(Operation::SetApproval {
            target: Target::Server(demo_visitor),
            status: 5,
            seen: None,
        })
        .await;
    let report = d.engine.drain().await.expect("drain");
    assert_eq!(report.stopped, Some(EngineState::Offline));
    let counts = d.store.queue_counts(None).await.expect("counts");
    assert_eq!(counts.pending, 4, "nothing is lost offline");

    // The same server comes back with its data.
    let sim = nexudus_sim::start_with(state, addr).await.expect("restart");
    let h = Harness {
        sim,
        http: reqwest::Client::new(),
        store: Arc::new(MemoryStore::default()),
    };
    d.drain_until_settled().await;
    for op in [&created, &checked_in, &checked_out, &approval] {
        assert_eq!(
            d.op(op).await.state,
            OpState::Done,
            "{:?}",
            op.operation.kind()
        );
    }
    let olgas = h.visitors_named("Offline Olga").await;
    assert_eq!(olgas.len(), 1);
    let olga = &olgas[0];
    assert_eq!(olga["Arrived"], true);
    assert!(olga["DepartureDate"].is_string());
    assert_eq!(olga["Notes"], "keep me");
    let id = olga["Id"].as_i64().expect("id");
    assert_eq!(d.op(&created).await.server_ids, vec![id]);
    assert_eq!(h.visitor(demo_visitor).await["HostApprovalStatus"], 5);
    assert_eq!(d.engine.status().counts.to_send(), 0);
    assert!(d.engine.status().last_success_at.is_some());
}

#[tokio::test]
async fn a_hosts_registrations_go_in_one_request_and_get_their_ids() {
    let h = harness(json!({})).await;
    let d = desk(&h, ANA).await;
    let first = d
        .enqueue(register("Rita Batch", "rita@guests.test", &[1]))
        .await;
    let second = d
        .enqueue(register("Sam Batch", "sam@guests.test", &[1, 2]))
        .await;
    let third = d
        .enqueue(register("Tia Batch", "tia@guests.test", &[3, 4, 5]))
        .await;
    d.drain().await;
    assert_eq!(h.requests_to("POST", "/api/public/visitors").await, 1);
    for (op, n) in [(&first, 1), (&second, 2), (&third, 3)] {
        let op = d.op(op).await;
        assert_eq!(op.state, OpState::Done);
        assert_eq!(op.server_ids.len(), n);
    }
    for name in ["Rita Batch", "Sam Batch", "Tia Batch"] {
        assert!(!h.visitors_named(name).await.is_empty());
    }
    assert_eq!(h.visitors_named("Tia Batch").await.len(), 3);
}

#[tokio::test]
async fn one_bad_registration_in_a_batch_waits_for_a_person_and_the_rest_go_through() {
    let h = harness(json!({})).await;
    let d = desk(&h, ANA).await;
    let good = d
        .enqueue(register("Good One", "good@guests.test", &[1, 2]))
        .await;
    let bad = d
        .enqueue(register("Bad One", "bad@example.com", &[1]))
        .await;
    let also_good = d
        .enqueue(register("Also Good", "also@guests.test", &[2]))
        .await;
    d.drain_until_settled().await;
    assert_eq!(d.op(&good).await.state, OpState::Done);
    assert_eq!(d.op(&also_good).await.state, OpState::Done);
    let waiting = d.op(&bad).await;
    assert_eq!(waiting.state, OpState::NeedsAttention);
    assert!(in_english(&waiting.last_error).contains("Invalid Email Address"));
    assert_eq!(h.visitors_named("Good One").await.len(), 2);
    assert_eq!(h.visitors_named("Bad One").await.len(), 0);

    // A person fixes the email and retries.
    let fixed = register("Bad One", "fixed@guests.test", &[1]);
    assert!(d.store.edit_operation(&bad.id, &fixed).await.expect("edit"));
    d.drain_until_settled().await;
    assert_eq!(d.op(&bad).await.state, OpState::Done);
    assert_eq!(h.visitors_named("Bad One").await.len(), 1);
    assert_eq!(
        h.visitors_named("Good One").await.len(),
        2,
        "nothing sent twice"
    );
}

/// Each fault ends with the walk-in created once, checked in once (one host notice).
#[tokio::test]
async fn every_fault_ends_with_each_operation_applied_exactly_once() {
    let faults = [
        json!({"method": "POST", "path": "/api/spaces/visitors", "kind": "status", "status": 500}),
        json!({"method": "POST", "path": "/api/spaces/visitors", "kind": "drop_after_apply"}),
        json!({"method": "POST", "path": "/api/spaces/visitors", "kind": "drop_before_apply"}),
        json!({"method": "PUT", "path": "/api/spaces/visitors", "kind": "drop_after_apply"}),
        json!({"method": "PUT", "path": "/api/spaces/visitors", "kind": "status", "status": 503, "count": 2}),
        json!({"method": "POST", "kind": "throttle", "wait_ms": 200, "count": 5}),
        json!({"method": "PUT", "kind": "unsuccessful", "count": 1}),
        json!({"kind": "delay", "ms": 300, "count": 3}),
        json!({"method": "GET", "kind": "drop_after_apply", "count": 2}),
    ];
    // Each case has its own simulator and desk: they run side by side (a lost answer is
    // looked for patiently, so one case alone takes seconds).
    let mut cases = tokio::task::JoinSet::new();
    for (variant, fault) in faults.iter().enumerate() {
        for throttle_status in [429, 409] {
            let fault = fault.clone();
            cases.spawn(async move {
                let h = harness(json!({"throttle_status": throttle_status})).await;
                let d = desk(&h, RECEPTION).await;
                h.fault(fault.clone()).await;
                let name = format!("Fault Case {variant}");
                let created = d.enqueue(walk_in(&name)).await;
                let arrived = d
                    .enqueue(check_in(Target::Queued(created.id.clone())))
                    .await;
                d.drain_until_settled().await;
                let context = format!("{fault} / {throttle_status}");
                assert_eq!(d.op(&created).await.state, OpState::Done, "{context}");
                assert_eq!(d.op(&arrived).await.state, OpState::Done, "{context}");
                let visitors = h.visitors_named(&name).await;
                assert_eq!(visitors.len(), 1, "created exactly once: {context}");
                assert_eq!(visitors[0]["Arrived"], true, "{context}");
                let id = visitors[0]["Id"].as_i64().expect("id");
                assert_eq!(
                    notices_for(&h.state().await, id),
                    1,
                    "checked in exactly once: {context}"
                );
            });
        }
    }
    while let Some(case) = cases.join_next().await {
        if let Err(failure) = case {
            std::panic::resume_unwind(failure.into_panic());
        }
    }
}

#[tokio::test]
async fn a_lost_answer_to_a_registration_is_found_not_resent() {
    let h = harness(json!({})).await;
    let d = desk(&h, ANA).await;
    h.fault(json!({"method": "POST", "path": "/api/public/visitors", "kind": "drop_after_apply"}))
        .await;
    let op = d
        .enqueue(register("Lost Answer", "lost@guests.test", &[1, 2]))
        .await;
    d.drain_until_settled().await;
    assert_eq!(d.op(&op).await.state, OpState::Done);
    assert_eq!(d.op(&op).await.server_ids.len(), 2);
    assert_eq!(h.visitors_named("Lost Answer").await.len(), 2);
    assert_eq!(h.requests_to("POST", "/api/public/visitors").await, 1);
}

#[tokio::test]
async fn a_lasting_rejection_waits_for_a_person_with_the_servers_message() {
    let h = harness(json!({})).await;
    let d = desk(&h, RECEPTION).await;
    h.fault(json!({"method": "POST", "kind": "unsuccessful", "count": 10, "message": "Visitor limit reached."}))
        .await;
    let op = d.enqueue(walk_in("Over Limit")).await;
    d.drain_until_settled().await;
    let op = d.op(&op).await;
    assert_eq!(op.state, OpState::NeedsAttention);
    assert_eq!(in_english(&op.last_error), "Visitor limit reached.");
    assert!(h.visitors_named("Over Limit").await.is_empty());
    assert!(d.store.discard_operation(&op.id).await.expect("discard"));
    assert_eq!(d.op(&op).await.state, OpState::Discarded);
}

#[tokio::test]
async fn expired_tokens_are_refreshed_and_a_refused_refresh_pauses_without_losing_anything() {
    let h = harness(json!({})).await;
    let d = desk(&h, RECEPTION).await;
    h.control("/_sim/tokens/expire", json!({})).await;
    let first = d.enqueue(walk_in("After Refresh")).await;
    d.drain().await;
    assert_eq!(d.op(&first).await.state, OpState::Done);

    h.control("/_sim/tokens/expire", json!({"refresh": true}))
        .await;
    let second = d.enqueue(walk_in("After Sign In")).await;
    let report = d.engine.drain().await.expect("drain");
    assert_eq!(report.stopped, Some(EngineState::SignedOut));
    assert_eq!(d.op(&second).await.state, OpState::Pending);
    assert_eq!(d.engine.status().state, EngineState::SignedOut);

    sign_in(&d.accounts, RECEPTION).await;
    d.drain().await;
    assert_eq!(d.op(&second).await.state, OpState::Done);
    assert_eq!(h.visitors_named("After Sign In").await.len(), 1);
}

#[tokio::test]
async fn a_check_in_of_a_discarded_walk_in_asks_for_a_person() {
    let h = harness(json!({})).await;
    let d = desk(&h, RECEPTION).await;
    let Harness { sim, .. } = h;
    sim.stop().await;
    let created = d.enqueue(walk_in("Never Was")).await;
    let arrived = d
        .enqueue(check_in(Target::Queued(created.id.clone())))
        .await;
    assert!(d
        .store
        .discard_operation(&created.id)
        .await
        .expect("discard"));
    d.drain().await;
    let arrived = d.op(&arrived).await;
    assert_eq!(arrived.state, OpState::NeedsAttention);
    assert!(in_english(&arrived.last_error).contains("never created"));
}

/// What the engine noted (kept as a message key), as an English desk shows it.
fn in_english(noted: &Option<String>) -> String {
    use frontdesk_core::l10n::{Language, MessageKey, Messages};
    MessageKey::shown(
        noted.as_deref().unwrap_or_default(),
        &Messages::new(Language::En),
    )
}
