//! Rate limits in both throttle variants (§6.2, §6.3) and the `/_sim/` fault injection.

mod common;

use std::time::{Duration, Instant};

use common::*;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

#[tokio::test]
async fn requests_closer_than_100ms_are_throttled_with_both_hints_by_default() {
    let sim = sim_with(json!({})).await;
    let token = sim.token(RECEPTION).await;
    let first = sim.get(&token, "/api/sys/businesses").await;
    assert_eq!(first.status(), StatusCode::OK);
    let second = sim.get(&token, "/api/sys/businesses").await;
    assert_eq!(second.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        second
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok()),
        Some("1")
    );
    let text = second.text().await.expect("body");
    assert!(text.contains("Wait 0.1 seconds"), "{text}");
    tokio::time::sleep(Duration::from_millis(110)).await;
    assert_eq!(
        sim.get(&token, "/api/sys/businesses").await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_throttled_write_is_not_applied() {
    let sim = sim_with(json!({"min_gap_ms": 0, "writes_per_minute": 2})).await;
    let token = sim.token(RECEPTION).await;
    let before = sim.visitor_count().await;
    let mut statuses = Vec::new();
    for n in 0..3 {
        let response = sim
            .send_json(
                Method::POST,
                &token,
                "/api/spaces/visitors",
                &new_visitor(&format!("W{n}")),
            )
            .await;
        statuses.push(response.status());
        if response.status() == StatusCode::TOO_MANY_REQUESTS {
            let wait: u64 = response
                .headers()
                .get("retry-after")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.parse().ok())
                .expect("retry-after");
            assert!(
                (55..=60).contains(&wait),
                "about a minute to wait, got {wait}"
            );
        }
    }
    assert_eq!(
        statuses,
        [
            StatusCode::OK,
            StatusCode::OK,
            StatusCode::TOO_MANY_REQUESTS
        ]
    );
    assert_eq!(sim.visitor_count().await, before + 2);
    // Reads are not writes: still allowed.
    assert_eq!(
        sim.get(&token, "/api/sys/businesses").await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn requests_per_minute_are_limited_across_reads_and_writes() {
    let sim = sim_with(json!({"min_gap_ms": 0, "requests_per_minute": 5})).await;
    let token = sim.token(RECEPTION).await;
    let mut throttled = 0;
    for _ in 0..8 {
        if sim.get(&token, "/api/sys/businesses").await.status() == StatusCode::TOO_MANY_REQUESTS {
            throttled += 1;
        }
    }
    assert_eq!(throttled, 3);
}

#[tokio::test]
async fn each_account_has_its_own_limits() {
    let sim = sim_with(json!({"min_gap_ms": 1000})).await;
    let reception = sim.token(RECEPTION).await;
    let security = sim.token(SECURITY).await;
    assert_eq!(
        sim.get(&reception, "/api/sys/businesses").await.status(),
        StatusCode::OK
    );
    assert_eq!(
        sim.get(&security, "/api/sys/businesses").await.status(),
        StatusCode::OK
    );
    assert_eq!(
        sim.get(&reception, "/api/sys/businesses").await.status(),
        StatusCode::TOO_MANY_REQUESTS
    );
}

#[tokio::test]
async fn the_public_api_allows_ten_requests_per_five_seconds() {
    let sim = sim_with(json!({"min_gap_ms": 0})).await;
    let token = sim.token(ANA).await;
    let mut statuses = Vec::new();
    for _ in 0..11 {
        statuses.push(sim.get(&token, "/api/public/visitors/my").await.status());
    }
    assert!(statuses[..10].iter().all(|s| *s == StatusCode::OK));
    assert_eq!(statuses[10], StatusCode::TOO_MANY_REQUESTS);
}

/// Reads the raw status line, which carries the legacy 409 reason phrase.
async fn raw_status_line(sim: &Sim, token: &str, path: &str) -> (String, String) {
    let mut stream = tokio::net::TcpStream::connect(sim.running.addr)
        .await
        .expect("connect");
    let request = format!(
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {token}\r\nConnection: close\r\n\r\n"
    );
    stream.write_all(request.as_bytes()).await.expect("write");
    let mut response = String::new();
    stream.read_to_string(&mut response).await.expect("read");
    let status_line = response.lines().next().unwrap_or_default().to_string();
    (status_line, response)
}

#[tokio::test]
async fn the_409_variant_carries_the_legacy_reason_phrase() {
    let sim = sim_with(json!({"throttle_status": 409, "throttle_hints": "header"})).await;
    let token = sim.token(RECEPTION).await;
    raw_status_line(&sim, &token, "/api/sys/businesses").await;
    let (status_line, response) = raw_status_line(&sim, &token, "/api/sys/businesses").await;
    assert_eq!(
        status_line,
        "HTTP/1.1 409 You must wait before accessing this url again."
    );
    assert!(response.to_ascii_lowercase().contains("retry-after: 1"));
    assert!(response.to_ascii_lowercase().contains("content-length: 0"));
}

#[tokio::test]
async fn throttle_hints_can_be_body_only_or_absent() {
    let sim = sim_with(json!({"throttle_hints": "body", "min_gap_ms": 0})).await;
    let token = sim.token(RECEPTION).await;
    sim.control("/_sim/throttle", json!({"count": 1})).await;
    let body_only = sim.get(&token, "/api/sys/businesses").await;
    assert_eq!(body_only.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(body_only.headers().get("retry-after").is_none());
    assert!(body_only
        .text()
        .await
        .expect("text")
        .contains("Wait 1 seconds"));

    sim.control("/_sim/config", json!({"throttle_hints": "none"}))
        .await;
    sim.control("/_sim/throttle", json!({"count": 1})).await;
    let bare = sim.get(&token, "/api/sys/businesses").await;
    assert_eq!(bare.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(bare.headers().get("retry-after").is_none());
    assert!(bare.bytes().await.expect("body").is_empty());
}

#[tokio::test]
async fn status_faults_apply_to_the_next_n_matching_requests_only() {
    let sim = sim().await;
    let token = sim.token(RECEPTION).await;
    let added: Value = sim
        .control(
            "/_sim/faults",
            json!({"method": "GET", "path": "/api/spaces/visitors", "count": 2, "kind": "status", "status": 500}),
        )
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(added["ids"].as_array().map(Vec::len), Some(1));
    assert_eq!(
        sim.get(&token, "/api/sys/businesses").await.status(),
        StatusCode::OK
    );
    let first = sim.get(&token, "/api/spaces/visitors").await;
    assert_eq!(first.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert!(first.text().await.expect("text").contains("Ooops!"));
    assert_eq!(
        sim.get(&token, "/api/spaces/visitors").await.status(),
        StatusCode::INTERNAL_SERVER_ERROR
    );
    assert_eq!(
        sim.get(&token, "/api/spaces/visitors").await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_dropped_connection_after_apply_leaves_the_write_done_but_unanswered() {
    let sim = sim().await;
    let token = sim.token(RECEPTION).await;
    let before = sim.visitor_count().await;
    sim.control(
        "/_sim/faults",
        json!({"method": "POST", "path": "/api/spaces/visitors", "kind": "drop_after_apply"}),
    )
    .await;
    let outcome = sim
        .http
        .post(sim.url("/api/spaces/visitors"))
        .bearer_auth(&token)
        .json(&new_visitor("Schrödinger"))
        .send()
        .await;
    assert!(outcome.is_err(), "the client must see no answer");
    assert_eq!(sim.visitor_count().await, before + 1);
    let log = sim.log().await;
    assert!(log
        .iter()
        .any(|e| e["outcome"] == "dropped" && e["status"].is_null()));
}

#[tokio::test]
async fn a_dropped_connection_before_apply_changes_nothing() {
    let sim = sim().await;
    let token = sim.token(RECEPTION).await;
    let before = sim.visitor_count().await;
    sim.control(
        "/_sim/faults",
        json!({"method": "POST", "kind": "drop_before_apply"}),
    )
    .await;
    let outcome = sim
        .http
        .post(sim.url("/api/spaces/visitors"))
        .bearer_auth(&token)
        .json(&new_visitor("Never"))
        .send()
        .await;
    assert!(outcome.is_err());
    assert_eq!(sim.visitor_count().await, before);
}

#[tokio::test]
async fn unsuccessful_200_is_not_applied() {
    let sim = sim().await;
    let token = sim.token(RECEPTION).await;
    let before = sim.visitor_count().await;
    sim.control(
        "/_sim/faults",
        json!({"method": "POST", "kind": "unsuccessful", "message": "Visitor could not be saved."}),
    )
    .await;
    let response = sim
        .send_json(
            Method::POST,
            &token,
            "/api/spaces/visitors",
            &new_visitor("Nope"),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let envelope: Value = response.json().await.expect("json");
    assert_eq!(envelope["WasSuccessful"], false);
    assert_eq!(envelope["Message"], "Visitor could not be saved.");
    assert_eq!(sim.visitor_count().await, before);
}

#[tokio::test]
async fn delays_hold_the_answer_back() {
    let sim = sim().await;
    let token = sim.token(RECEPTION).await;
    sim.control("/_sim/faults", json!({"kind": "delay", "ms": 400}))
        .await;
    let started = Instant::now();
    assert_eq!(
        sim.get(&token, "/api/sys/businesses").await.status(),
        StatusCode::OK
    );
    assert!(started.elapsed() >= Duration::from_millis(400));
}

#[tokio::test]
async fn kiosk_check_in_and_host_approval_through_the_control_api() {
    let sim = sim().await;
    let token = sim.token(ANA).await;
    let mine = sim
        .get_json(&token, "/api/public/visitors/my?showUpcoming=true")
        .await;
    let visit = &mine["Records"][0];
    let id = visit["Id"].as_i64().expect("id");
    assert_eq!(visit["Arrived"], false);
    let response = sim
        .control(
            &format!("/_sim/visitors/{id}/check-in"),
            json!({"location": "Lobby kiosk"}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let stored = sim.visitor(id).await;
    assert_eq!(stored["Arrived"], true);
    assert_eq!(stored["CheckedInAt"], "Lobby kiosk");
    let after = sim
        .get_json(&token, "/api/public/visitors/my?size=100")
        .await;
    let row = after["Records"]
        .as_array()
        .expect("records")
        .iter()
        .find(|r| r["Id"] == id)
        .expect("still listed")
        .clone();
    assert_eq!(row["Arrived"], true);
    assert!(row["UtcArrivalDate"].is_string());
    let state = sim.state().await;
    assert!(state["notices"]
        .as_array()
        .expect("notices")
        .iter()
        .any(|n| n["visitor_id"] == id));

    sim.control(
        &format!("/_sim/visitors/{id}/approval"),
        json!({"status": 4}),
    )
    .await;
    assert_eq!(sim.visitor(id).await["HostApprovalStatus"], 4);
    let bad = sim
        .control(
            &format!("/_sim/visitors/{id}/approval"),
            json!({"status": 9}),
        )
        .await;
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
    sim.control(&format!("/_sim/visitors/{id}/check-out"), json!({}))
        .await;
    assert!(sim.visitor(id).await["DepartureDate"].is_string());
}

#[tokio::test]
async fn the_request_log_records_what_clients_sent() {
    let sim = sim().await;
    let token = sim.token(RECEPTION).await;
    sim.send_json(
        Method::POST,
        &token,
        "/api/spaces/visitors",
        &new_visitor("Logged"),
    )
    .await;
    let log = sim.log().await;
    let entry = log
        .iter()
        .find(|e| e["method"] == "POST" && e["path"] == "/api/spaces/visitors")
        .expect("logged");
    assert_eq!(entry["status"], 200);
    assert_eq!(entry["account"], RECEPTION);
    assert!(entry["body"].as_str().expect("body").contains("Logged"));
    // Sign-in bodies carry passwords and are never logged.
    let token_entry = log
        .iter()
        .find(|e| e["path"] == "/api/token")
        .expect("token call");
    assert!(token_entry["body"].is_null());
}

#[tokio::test]
async fn reset_restores_demo_data_or_empties_it_and_config_rejects_typos() {
    let sim = sim().await;
    let token = sim.token(RECEPTION).await;
    let demo = sim.visitor_count().await;
    sim.send_json(
        Method::POST,
        &token,
        "/api/spaces/visitors",
        &new_visitor("Extra"),
    )
    .await;
    sim.control("/_sim/reset", json!({})).await;
    assert_eq!(sim.visitor_count().await, demo);
    assert_eq!(
        sim.get(&token, "/api/sys/businesses").await.status(),
        StatusCode::UNAUTHORIZED,
        "reset signs everyone out"
    );
    sim.control("/_sim/reset", json!({"data": "empty"})).await;
    assert_eq!(sim.visitor_count().await, 0);

    let typo = sim
        .control("/_sim/config", json!({"throtle_status": 409}))
        .await;
    assert_eq!(typo.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_stopped_simulator_closes_open_connections() {
    let sim = sim().await;
    let token = sim.token(RECEPTION).await;
    assert_eq!(
        sim.get(&token, "/api/sys/businesses").await.status(),
        StatusCode::OK
    );
    let Sim {
        running,
        http,
        base,
    } = sim;
    running.stop().await;
    let result = http
        .get(format!("{base}/api/sys/businesses"))
        .bearer_auth(&token)
        .send()
        .await;
    assert!(
        result.is_err(),
        "a stopped sim must look offline, even on a pooled connection"
    );
}
