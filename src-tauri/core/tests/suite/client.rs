//! The Nexudus client against the simulator over real HTTP: every operation and every class
//! of outcome.

use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::common::*;
use chrono::{Duration as Span, Utc};
use frontdesk_core::day::{Day, DayZone};
use frontdesk_core::nexudus::models::HostApproval;
use frontdesk_core::nexudus::pacing::PaceLimits;
use frontdesk_core::nexudus::{
    ApiError, ClientConfig, Endpoints, NewVisitor, NexudusClient, Registration, Roles, SignInError,
    VisitorChange, VisitorQuery,
};
use frontdesk_core::secrets::{AccountKey, Secret, SecretStore};
use serde_json::json;

fn walk_in(name: &str) -> NewVisitor {
    NewVisitor {
        business_id: SHOREDITCH,
        full_name: name.into(),
        email: "walk.in@guests.frontdesk.test".into(),
        expected_arrival: Utc::now(),
        visitor_source: 1,
        host_approval_status: 1,
        coworker_id: Some(ANA_COWORKER),
        phone_number: Some("+44 20 7946 0000".into()),
        company_name: Some("Acme".into()),
        visit_reason: Some("Meeting".into()),
        notes: Some("Badge printed".into()),
        check_in_now: false,
        checked_in_at: None,
        system_id: None,
    }
}

fn visit(name: &str, email: &str, days_ahead: i64) -> Registration {
    Registration {
        business_id: SHOREDITCH,
        full_name: name.into(),
        email: Some(email.into()),
        phone_number: None,
        expected_arrival: (Utc::now() + Span::days(days_ahead))
            .with_timezone(&Utc)
            .date_naive()
            .and_hms_opt(10, 0, 0)
            .expect("time")
            .and_utc(),
        customer_notes: Some("Room 3".into()),
    }
}

/// The demo location's day (London), whatever the hour and zone the test runs in.
fn london_day() -> Day {
    Day::containing(Utc::now(), DayZone::Location(chrono_tz::Europe::London))
}

fn today_query(business: i64) -> VisitorQuery {
    let day = london_day();
    VisitorQuery {
        business: Some(business),
        expected_from: Some(day.start),
        expected_to: Some(day.end),
        ..VisitorQuery::default()
    }
}

#[tokio::test]
async fn sign_in_detects_reception_and_host_roles() {
    let h = harness(json!({})).await;
    let reception = h.sign_in(RECEPTION).await;
    assert_eq!(
        reception.detect_roles().await.expect("roles"),
        Roles {
            reception: true,
            host: false
        }
    );
    let ana = h.sign_in(ANA).await;
    assert_eq!(
        ana.detect_roles().await.expect("roles"),
        Roles {
            reception: false,
            host: true
        }
    );
    let billing = h.sign_in(BILLING).await;
    assert_eq!(
        billing.detect_roles().await.expect("roles"),
        Roles::default()
    );
    assert!(matches!(
        billing.list_visitors(&VisitorQuery::default()).await,
        Err(ApiError::Forbidden)
    ));
}

#[tokio::test]
async fn two_factor_and_wrong_passwords_are_told_apart() {
    let h = harness(json!({})).await;
    let store: Arc<dyn SecretStore> = h.store.clone();
    let attempt = |email: &'static str, password: &'static str, totp: Option<&'static str>| {
        let (config, store) = (h.config(), store.clone());
        async move {
            NexudusClient::sign_in(config, store, email, &Secret::new(password), totp, false).await
        }
    };
    assert!(matches!(
        attempt(SECURITY, PASSWORD, None).await,
        Err(SignInError::Api(ApiError::TwoFactorRequired))
    ));
    assert!(matches!(
        attempt(SECURITY, PASSWORD, Some("000000")).await,
        Err(SignInError::Api(ApiError::InvalidCredentials(_)))
    ));
    assert!(attempt(SECURITY, PASSWORD, Some("123456")).await.is_ok());
    match attempt(RECEPTION, "wrong", None).await {
        Err(SignInError::Api(ApiError::InvalidCredentials(message))) => {
            assert_eq!(message, "The email or password is incorrect.")
        }
        other => panic!("expected invalid credentials, got {:?}", other.err()),
    }
}

#[tokio::test]
async fn sign_in_keeps_tokens_in_the_store_and_sign_out_removes_them() {
    let h = harness(json!({})).await;
    let client = h.sign_in(RECEPTION).await;
    let key = client.account().clone();
    assert!(h.store.load(&key).expect("load").is_some());
    let store: Arc<dyn SecretStore> = h.store.clone();
    let restored = NexudusClient::restore(h.config(), store.clone(), RECEPTION, false)
        .await
        .expect("restore")
        .expect("a saved session");
    assert!(!restored
        .list_visitors(&today_query(SHOREDITCH))
        .await
        .expect("list")
        .is_empty());
    client.sign_out().await.expect("sign out");
    assert!(h.store.load(&key).expect("load").is_none());
    assert!(NexudusClient::restore(h.config(), store, RECEPTION, false)
        .await
        .expect("restore")
        .is_none());
}

#[tokio::test]
async fn todays_list_spans_every_page_and_rows_are_partial() {
    // A small page cap forces many pages.
    let h = harness(json!({"admin_max_page_size": 7})).await;
    let client = h.sign_in(RECEPTION).await;
    let query = today_query(SHOREDITCH);
    let today = client.list_visitors(&query).await.expect("list");
    let (from, to) = (
        query.expected_from.expect("from"),
        query.expected_to.expect("to"),
    );
    let expected = h.state().await["visitors"]
        .as_array()
        .expect("visitors")
        .iter()
        .filter(|v| {
            v["BusinessId"] == SHOREDITCH
                && v["ExpectedArrival"]
                    .as_str()
                    .and_then(|at| chrono::DateTime::parse_from_rfc3339(at).ok())
                    .is_some_and(|at| at >= from && at <= to)
        })
        .count();
    assert!(expected > 7);
    assert_eq!(today.len(), expected);
    assert!(
        today.iter().all(|v| v.notes.is_none()),
        "list rows carry no notes"
    );
    let with_notes = today.iter().find(|v| v.id % 4 == 1).expect("a visitor");
    let full = client.get_visitor(with_notes.id).await.expect("get");
    assert_eq!(full.visitor.id, with_notes.id);
    assert!(full.raw.contains_key("Notes"));
}

#[tokio::test]
async fn check_in_merges_into_the_full_record_so_nothing_is_cleared() {
    let h = harness(json!({})).await;
    let client = h.sign_in(RECEPTION).await;
    let id = client
        .create_visitor(&walk_in("Merge Check"))
        .await
        .expect("create");
    client
        .update_visitor(id, &VisitorChange::check_in(Utc::now(), Some("Front desk")))
        .await
        .expect("check in");
    let stored = h.visitor(id).await;
    assert_eq!(stored["Arrived"], true);
    assert_eq!(stored["CheckedInAt"], "Front desk");
    assert_eq!(stored["Notes"], "Badge printed");
    assert_eq!(stored["PhoneNumber"], "+44 20 7946 0000");
    assert_eq!(stored["CompanyName"], "Acme");
    let notices = h.state().await["notices"].clone();
    assert_eq!(
        notices
            .as_array()
            .expect("notices")
            .iter()
            .filter(|n| n["visitor_id"] == id)
            .count(),
        1
    );

    client
        .update_visitor(id, &VisitorChange::check_out(Utc::now()))
        .await
        .expect("check out");
    let stored = h.visitor(id).await;
    assert!(stored["DepartureDate"].is_string());
    assert_eq!(stored["Notes"], "Badge printed");

    client
        .update_visitor(id, &VisitorChange::host_approval(4))
        .await
        .expect("approval");
    let full = client.get_visitor(id).await.expect("get");
    assert_eq!(full.visitor.approval(), HostApproval::AcceptedAndHold);
}

#[tokio::test]
async fn a_walk_in_can_be_created_checked_in_and_deleted_twice() {
    let h = harness(json!({})).await;
    let client = h.sign_in(RECEPTION).await;
    let mut visitor = walk_in("Desk Walk In");
    visitor.check_in_now = true;
    let id = client.create_visitor(&visitor).await.expect("create");
    assert_eq!(h.visitor(id).await["Arrived"], true);
    client.delete_visitor(id).await.expect("delete");
    client
        .delete_visitor(id)
        .await
        .expect("already gone is fine");
    assert!(matches!(
        client.get_visitor(id).await,
        Err(ApiError::NotFound)
    ));
}

#[tokio::test]
async fn hosts_register_many_dates_in_one_request_list_and_cancel() {
    let h = harness(json!({})).await;
    let ana = h.sign_in(ANA).await;
    let visits = [
        visit("Sarah Connor", "sarah@connor.test", 1),
        visit("Sarah Connor", "sarah@connor.test", 2),
        visit("Sarah Connor", "sarah@connor.test", 3),
    ];
    ana.register_visitors(&visits).await.expect("register");
    assert_eq!(h.requests_to("POST", "/api/public/visitors").await, 1);
    let mine = ana.my_visitors(true).await.expect("mine");
    let sarahs: Vec<_> = mine
        .iter()
        .filter(|v| v.full_name == "Sarah Connor")
        .collect();
    assert_eq!(sarahs.len(), 3);
    assert_eq!(sarahs[0].notes.as_deref(), Some("Room 3"));
    assert_eq!(sarahs[0].expected_at(), Some(visits[0].expected_arrival));

    ana.cancel_registration(sarahs[0].id).await.expect("cancel");
    ana.cancel_registration(sarahs[0].id)
        .await
        .expect("already gone is fine");
    let after = ana.my_visitors(false).await.expect("mine");
    assert_eq!(
        after
            .iter()
            .filter(|v| v.full_name == "Sarah Connor")
            .count(),
        2
    );
    // 17 demo visits + 2: more than one page of the server's default 15.
    assert!(after.len() > 15);
}

#[tokio::test]
async fn locations_and_hosts_can_be_listed_and_searched() {
    let h = harness(json!({})).await;
    let ana = h.sign_in(ANA).await;
    let offered = ana.businesses_with_visitors().await.expect("businesses");
    assert_eq!(offered.len(), 2);
    let reception = h.sign_in(RECEPTION).await;
    assert_eq!(reception.businesses().await.expect("businesses").len(), 2);
    let hosts = reception.search_coworkers("oliv").await.expect("hosts");
    let names: Vec<_> = hosts.iter().map(|c| c.full_name.as_str()).collect();
    assert_eq!(names, ["Ana Oliveira", "Olivia Brown"]);
}

#[tokio::test]
async fn validation_errors_carry_field_messages_or_the_plain_text() {
    let h = harness(json!({})).await;
    let reception = h.sign_in(RECEPTION).await;
    let mut bad = walk_in("Bad Email");
    bad.email = "not-an-email".into();
    match reception.create_visitor(&bad).await {
        Err(ApiError::Validation { fields, .. }) => {
            assert_eq!(fields.len(), 1);
            assert_eq!(fields[0].field, "Email");
            assert_eq!(fields[0].message, "is not valid");
        }
        other => panic!("expected validation, got {other:?}"),
    }
    let ana = h.sign_in(ANA).await;
    match ana
        .register_visitors(&[visit("Sam", "sam@example.com", 1)])
        .await
    {
        Err(ApiError::Validation { message, fields }) => {
            assert_eq!(message, "Invalid Email Address");
            assert!(fields.is_empty());
        }
        other => panic!("expected validation, got {other:?}"),
    }
}

#[tokio::test]
async fn a_200_with_was_successful_false_is_a_rejection() {
    let h = harness(json!({})).await;
    let client = h.sign_in(RECEPTION).await;
    h.fault(
        json!({"method": "POST", "kind": "unsuccessful", "message": "Visitor could not be saved."}),
    )
    .await;
    match client.create_visitor(&walk_in("Rejected")).await {
        Err(ApiError::Rejected { message, .. }) => {
            assert_eq!(message, "Visitor could not be saved.")
        }
        other => panic!("expected rejection, got {other:?}"),
    }
    assert!(h.visitors_named("Rejected").await.is_empty());
}

#[tokio::test]
async fn throttles_are_waited_out_in_both_variants_and_the_write_lands_once() {
    for (status, hints) in [(429, "both"), (409, "header"), (409, "body"), (429, "none")] {
        let h = harness(json!({"throttle_status": status, "throttle_hints": hints})).await;
        let client = h.sign_in(RECEPTION).await;
        h.fault(json!({"method": "POST", "path": "/api/spaces/visitors", "kind": "throttle", "wait_ms": 300, "count": 2}))
            .await;
        let started = Instant::now();
        client
            .create_visitor(&walk_in("Throttled Once"))
            .await
            .unwrap_or_else(|e| panic!("{status}/{hints}: {e:?}"));
        assert_eq!(
            h.visitors_named("Throttled Once").await.len(),
            1,
            "{status}/{hints}"
        );
        assert_eq!(
            h.requests_to("POST", "/api/spaces/visitors").await,
            3,
            "{status}/{hints}"
        );
        if hints != "none" {
            // Waits come from the server: 1 s header (rounded up) or 0.3 s body, twice.
            assert!(
                started.elapsed() >= Duration::from_millis(600),
                "{status}/{hints}"
            );
        }
    }
}

#[tokio::test]
async fn a_long_throttle_is_handed_to_the_caller_with_its_wait() {
    let h = harness(json!({})).await;
    let client = h.sign_in(RECEPTION).await;
    h.fault(json!({"kind": "throttle", "wait_ms": 30000})).await;
    match client.list_visitors(&VisitorQuery::default()).await {
        Err(ApiError::Throttled { wait: Some(wait) }) => assert_eq!(wait, Duration::from_secs(30)),
        other => panic!("expected a throttle, got {other:?}"),
    }
}

#[tokio::test]
async fn a_dropped_write_is_uncertain_and_was_applied() {
    let h = harness(json!({})).await;
    let client = h.sign_in(RECEPTION).await;
    h.fault(json!({"method": "POST", "path": "/api/spaces/visitors", "kind": "drop_after_apply"}))
        .await;
    assert!(matches!(
        client.create_visitor(&walk_in("Maybe Applied")).await,
        Err(ApiError::Uncertain { .. })
    ));
    assert_eq!(h.visitors_named("Maybe Applied").await.len(), 1);
    assert_eq!(
        h.requests_to("POST", "/api/spaces/visitors").await,
        1,
        "never resent blindly"
    );
}

#[tokio::test]
async fn failed_reads_are_retried_but_failed_writes_are_not() {
    let h = harness(json!({})).await;
    let client = h.sign_in(RECEPTION).await;
    h.fault(json!({"method": "GET", "path": "/api/spaces/visitors", "kind": "status", "status": 500, "count": 2}))
        .await;
    assert!(client.list_visitors(&today_query(SHOREDITCH)).await.is_ok());
    h.fault(json!({"method": "GET", "path": "/api/spaces/visitors", "kind": "drop_after_apply"}))
        .await;
    assert!(client.list_visitors(&today_query(SHOREDITCH)).await.is_ok());

    h.fault(json!({"method": "POST", "kind": "status", "status": 503}))
        .await;
    assert!(matches!(
        client.create_visitor(&walk_in("Server Trouble")).await,
        Err(ApiError::Transient {
            status: Some(503),
            ..
        })
    ));
    assert_eq!(h.requests_to("POST", "/api/spaces/visitors").await, 1);
}

#[tokio::test]
async fn a_stopped_server_is_offline() {
    let h = harness(json!({})).await;
    let client = h.sign_in(RECEPTION).await;
    let crate::common::Harness { sim, .. } = h;
    sim.stop().await;
    assert!(matches!(
        client.create_visitor(&walk_in("Nobody Home")).await,
        Err(ApiError::Offline { .. })
    ));
    assert!(matches!(
        client.list_visitors(&VisitorQuery::default()).await,
        Err(ApiError::Offline { .. })
    ));
}

#[tokio::test]
async fn an_expired_token_is_refreshed_once_and_the_rotated_token_is_saved() {
    let h = harness(json!({})).await;
    let client = h.sign_in(RECEPTION).await;
    let key: AccountKey = client.account().clone();
    let before = h.store.load(&key).expect("load").expect("tokens");
    h.control("/_sim/tokens/expire", json!({})).await;
    let token_calls = h.requests_to("POST", "/api/token").await;
    assert!(!client
        .list_visitors(&today_query(SHOREDITCH))
        .await
        .expect("list")
        .is_empty());
    assert_eq!(h.requests_to("POST", "/api/token").await, token_calls + 1);
    let after = h.store.load(&key).expect("load").expect("tokens");
    assert_ne!(before.refresh_token, after.refresh_token);
    assert_eq!(after.client_id, RECEPTION);
}

#[tokio::test]
async fn a_burst_of_expired_requests_causes_exactly_one_refresh() {
    let h = harness(json!({})).await;
    let client = h.sign_in(RECEPTION).await;
    h.control("/_sim/tokens/expire", json!({})).await;
    let token_calls = h.requests_to("POST", "/api/token").await;
    let calls: Vec<_> = (0..12)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.list_visitors(&today_query(SHOREDITCH)).await })
        })
        .collect();
    for call in calls {
        assert!(call.await.expect("task").is_ok());
    }
    assert_eq!(h.requests_to("POST", "/api/token").await, token_calls + 1);
}

#[tokio::test]
async fn a_slow_refresh_is_waited_for_even_past_the_request_timeout() {
    // The refresh token is single-use: giving up on a refresh the server then applies would
    // spend it for every process sharing the keyring entry, and sign them all out.
    let h = harness(json!({})).await;
    let mut config = h.config();
    config.timeout = Duration::from_secs(1);
    let client = h.sign_in_with(config, RECEPTION).await;
    h.control("/_sim/tokens/expire", json!({})).await;
    h.control(
        "/_sim/faults",
        json!({"method": "POST", "path": "/api/token", "kind": "delay", "ms": 2500}),
    )
    .await;
    let token_calls = h.requests_to("POST", "/api/token").await;
    assert!(client.list_visitors(&today_query(SHOREDITCH)).await.is_ok());
    assert!(client.is_signed_in().await);
    assert_eq!(h.requests_to("POST", "/api/token").await, token_calls + 1);
}

#[tokio::test]
async fn a_refused_refresh_means_sign_in_again_and_clears_the_saved_tokens() {
    let h = harness(json!({})).await;
    let client = h.sign_in(RECEPTION).await;
    h.control("/_sim/tokens/expire", json!({"refresh": true}))
        .await;
    assert_eq!(
        client.list_visitors(&VisitorQuery::default()).await,
        Err(ApiError::SignInRequired)
    );
    assert!(!client.is_signed_in().await);
    assert!(h.store.load(client.account()).expect("load").is_none());
}

#[tokio::test]
async fn dates_read_the_same_in_every_server_format() {
    let h = harness(json!({})).await;
    let client = h.sign_in(RECEPTION).await;
    let id = nexudus_sim::world::FIRST_VISITOR_ID;
    let canonical = client
        .get_visitor(id)
        .await
        .expect("get")
        .visitor
        .expected_arrival;
    assert!(canonical.is_some());
    for format in ["naive", "fractional", "ms_date"] {
        h.control("/_sim/config", json!({"date_format": format}))
            .await;
        let seen = client
            .get_visitor(id)
            .await
            .expect("get")
            .visitor
            .expected_arrival;
        assert_eq!(seen, canonical, "{format}");
    }
    h.control(
        "/_sim/config",
        json!({"sort_direction": "string", "get_one_wrapped": true}),
    )
    .await;
    assert!(!client
        .list_visitors(&today_query(SHOREDITCH))
        .await
        .expect("list")
        .is_empty());
    assert_eq!(client.get_visitor(id).await.expect("get").visitor.id, id);
    let ana = h.sign_in(ANA).await;
    h.control("/_sim/config", json!({"sort_direction": "number"}))
        .await;
    assert!(!ana.my_visitors(false).await.expect("mine").is_empty());
}

#[tokio::test]
async fn pacing_keeps_a_burst_inside_the_documented_limits() {
    // The simulator enforces Nexudus's real limits here (100 ms gap, 120/min, 10 per 5 s public).
    let h = harness(json!({"rate_limits": true})).await;
    let mut config = h.config();
    config.limits = PaceLimits::default();
    let reception = h.sign_in_with(config.clone(), RECEPTION).await;
    let ana = h.sign_in_with(config, ANA).await;
    let reads: Vec<_> = (0..8)
        .map(|_| {
            let client = reception.clone();
            tokio::spawn(async move {
                client
                    .list_visitors(&today_query(SHOREDITCH))
                    .await
                    .map(|_| ())
            })
        })
        .chain((0..12).map(|_| {
            let client = ana.clone();
            tokio::spawn(async move { client.my_visitors(true).await.map(|_| ()) })
        }))
        .collect();
    for read in reads {
        assert!(read.await.expect("task").is_ok());
    }
    let throttled = h
        .log()
        .await
        .iter()
        .filter(|e| e["outcome"] == "throttled")
        .count();
    assert_eq!(throttled, 0, "paced requests must never be throttled");
}

#[tokio::test]
async fn redirects_pages_that_are_not_json_and_huge_answers_are_errors_never_successes() {
    let h = harness(json!({})).await;
    let client = h.sign_in(RECEPTION).await;
    let today = today_query(SHOREDITCH);

    // A redirect is not followed, and says what to check.
    h.fault(
        json!({"kind": "status", "status": 302, "method": "GET", "path": "/api/spaces/visitors"}),
    )
    .await;
    match client.list_visitors(&today).await {
        Err(ApiError::Permanent {
            status: 302,
            message,
        }) => {
            assert!(message.contains("server address"), "{message}")
        }
        other => panic!("a redirect is an error: {other:?}"),
    }

    // A login page answered with 200 to a write: not a success, and not known to be applied.
    h.fault(json!({
        "kind": "status", "status": 200, "method": "POST", "path": "/api/spaces/visitors",
        "body": "<html><body>Please sign in to the guest Wi-Fi</body></html>"
    }))
    .await;
    let walk_in = NewVisitor::walk_in(SHOREDITCH, "Hugo Html", "hugo@guests.frontdesk.test");
    assert!(matches!(
        client.create_visitor(&walk_in).await,
        Err(ApiError::Uncertain { .. })
    ));
    assert!(
        h.visitors_named("Hugo Html").await.is_empty(),
        "the fault applied nothing, and nothing claimed success"
    );

    // An answer past 16 MB is refused, not read into memory.
    let huge = format!(
        "{{\"Records\": [], \"Padding\": \"{}\"}}",
        "x".repeat(17 * 1024 * 1024)
    );
    h.fault(json!({"kind": "status", "status": 200, "method": "GET", "path": "/api/spaces/visitors", "body": huge}))
        .await;
    match client.list_visitors(&today).await {
        Err(ApiError::Protocol { detail }) => assert!(detail.contains("larger"), "{detail}"),
        other => panic!("a huge answer is an error: {other:?}"),
    }

    // Absurd throttle hints are clamped: the call comes back with a bounded wait, at once.
    h.fault(json!({"kind": "status", "status": 429, "method": "GET", "path": "/api/spaces/visitors", "body": "Wait 1234567890123 seconds"}))
        .await;
    let started = Instant::now();
    match client.list_visitors(&today).await {
        Err(ApiError::Throttled { wait: Some(wait) }) => {
            assert!(wait <= Duration::from_secs(3600), "{wait:?}")
        }
        other => panic!("throttled with a bounded wait: {other:?}"),
    }
    assert!(started.elapsed() < Duration::from_secs(10));

    // And the list reads again once the server behaves.
    assert!(!client.list_visitors(&today).await.expect("list").is_empty());
}

#[tokio::test]
async fn a_tls_failure_is_untrusted_not_offline_and_nothing_is_sent() {
    let h = harness(json!({})).await;
    // The simulator speaks plain HTTP: a TLS client's handshake with it fails, as it does
    // behind a proxy that intercepts HTTPS with its own certificate.
    let https = h.sim.base_url().replacen("http://", "https://", 1);
    let endpoints = Endpoints::resolve(Some(&https), None).expect("endpoints");
    let mut config = ClientConfig::new(endpoints);
    config.limits = PaceLimits::unlimited();
    config.timeout = Duration::from_secs(5);
    let store: Arc<dyn SecretStore> = h.store.clone();
    let refused = NexudusClient::sign_in(
        config,
        store,
        RECEPTION,
        &Secret::new(PASSWORD),
        None,
        false,
    )
    .await;
    match refused {
        Err(SignInError::Api(error @ ApiError::Untrusted { .. })) => {
            assert!(error.to_string().contains("not trusted"), "{error}");
            assert!(error.is_retryable(), "kept and tried again, like offline");
        }
        other => panic!("a TLS failure is its own error: {:?}", other.err()),
    }
    assert_eq!(
        h.requests_to("POST", "/api/token").await,
        0,
        "nothing reached it"
    );
}

#[tokio::test]
async fn a_server_that_ignores_the_page_is_read_once_not_forever() {
    let h = harness(json!({"admin_max_page_size": 7, "ignore_page": true})).await;
    let client = h.sign_in(RECEPTION).await;
    let before = h.requests_to("GET", "/api/spaces/visitors").await;
    let today = client
        .list_visitors(&today_query(SHOREDITCH))
        .await
        .expect("the page it keeps sending");
    assert_eq!(today.len(), 7);
    assert_eq!(
        h.requests_to("GET", "/api/spaces/visitors").await - before,
        2,
        "stopped at the first repeated page"
    );
}
