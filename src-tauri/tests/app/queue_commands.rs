//! The queue's commands and events through the real window: an offline check-in is accepted
//! at once, shown pending, and delivered exactly once when the server is back.

use std::time::{Duration, Instant};

use crate::e2e::{launch, Launch, WAIT};
use chrono::Utc;
use frontdesk_core::day::{Day, DayZone};
use serde_json::{json, Value};

#[tokio::test]
async fn an_offline_check_in_is_queued_shown_and_delivered_once() {
    let mut app = launch(Launch::default()).await;
    // Expected soon, inside the location's day, whatever the hour the test runs at.
    let london = DayZone::of_location(Some("Europe/London"), None);
    let day = Day::containing(Utc::now(), london);
    let soon = (Utc::now() + chrono::Duration::minutes(30)).clamp(day.start, day.end);
    let id = app.add_visitor("Quinn Queue", 1001, 2001, soon).await;
    app.sign_in_as("reception@frontdesk.test").await;
    // The locations (with their zones) first, as the window does before its list.
    app.invoke("locations", json!({})).await;
    let today = app.invoke("refresh_today", json!({"business": 1001})).await;
    let expected = today["expected"]["rows"]
        .as_array()
        .expect("list")
        .iter()
        .find(|v| v["id"] == id)
        .expect("Quinn is expected today")
        .clone();
    assert_eq!(expected["arrived"], false);

    // Record every queue status the window is told about.
    app.browser
        .execute(
            "window.__queue = [];
             window.__TAURI__.event.listen('queue-changed', (e) => window.__queue.push(e.payload));",
            vec![],
        )
        .await
        .expect("listen");

    // The network goes away; the desk keeps working.
    let (state, addr) = (app.sim.sim.clone(), app.sim.addr);
    let stopped = std::mem::replace(
        &mut app.sim,
        nexudus_sim::start(nexudus_sim::StartOptions::default())
            .await
            .expect("placeholder sim"),
    );
    stopped.stop().await;
    let op = app.invoke("check_in", json!({"visitor": {"id": id}})).await;
    assert_eq!(op["state"], "pending");
    let offline = app.invoke("today", json!({"business": 1001})).await;
    let row = offline["onSite"]["rows"]
        .as_array()
        .expect("list")
        .iter()
        .find(|v| v["id"] == id)
        .expect("listed")
        .clone();
    assert_eq!(row["arrived"], true);
    assert_eq!(row["pending"], true);

    // The window is told the desk is offline, with the check-in still to send.
    let deadline = Instant::now() + WAIT;
    loop {
        let offline: Value = app
            .browser
            .execute(
                "return window.__queue.find((s) => s.state === 'offline' && s.counts.pending > 0) || null;",
                vec![],
            )
            .await
            .expect("events");
        if !offline.is_null() {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the window never heard that the desk is offline"
        );
        app.invoke("sync_now", json!({})).await;
        tokio::time::sleep(Duration::from_millis(200)).await;
    }

    // The server comes back with its data; "sync now" delivers the check-in.
    app.sim = nexudus_sim::start_with(state, addr)
        .await
        .expect("back online");
    let deadline = Instant::now() + WAIT * 2;
    loop {
        app.invoke("sync_now", json!({})).await;
        let visitor = app.sim_get(&format!("/_sim/visitors/{id}")).await;
        let counts = app.invoke("queue_status", json!({})).await["counts"].clone();
        if visitor["Arrived"] == true && counts["pending"] == 0 && counts["uncertain"] == 0 {
            break;
        }
        assert!(Instant::now() < deadline, "not delivered: {counts}");
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    assert_eq!(app.host_notices(id).await, 1, "checked in exactly once");

    let seen: Value = app
        .browser
        .execute("return window.__queue;", vec![])
        .await
        .expect("events");
    let states: Vec<&str> = seen
        .as_array()
        .expect("events")
        .iter()
        .filter_map(|s| s["state"].as_str())
        .collect();
    assert!(
        states.contains(&"offline"),
        "the window heard the queue go offline: {states:?}"
    );
    assert!(states.contains(&"idle"), "and settle again: {states:?}");
    let list = app.invoke("queue_list", json!({"limit": 5})).await;
    assert_eq!(list[0]["state"], "done");
    assert_eq!(list[0]["serverIds"], json!([id]));
    app.assert_no_tokens_outside_the_keyring();
    app.finish().await;
}
