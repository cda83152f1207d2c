//! Arrival alerts as a person gets them: real D-Bus `Notify` calls, observed with
//! dbus-monitor in the private session `./x test` starts (dunst answers them).

mod common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::Utc;
use common::notify_monitor::NotifyMonitor;
use common::*;
use frontdesk_core::arrivals::detect::LOOKBACK_MINUTES;
use frontdesk_core::arrivals::{DesktopNotifier, Notifier, Watcher};
use frontdesk_core::desk::Desk;
use frontdesk_core::store::Store;
use frontdesk_core::sync::SyncEngine;
use serde_json::{json, Value};

async fn watcher(h: &Harness, dir: &std::path::Path) -> Arc<Watcher> {
    let store = Store::open(dir).await.expect("store");
    let accounts = accounts_for(&store, &h.sim.base_url(), ANA).await;
    let engine = SyncEngine::new(store.clone(), accounts.clone());
    let desk = Arc::new(Desk::new(store.clone(), accounts.clone(), engine));
    let notifier: Arc<dyn Notifier> = Arc::new(DesktopNotifier::new(None));
    Watcher::new(store, accounts, desk, notifier)
}

fn anas_waiting_visitors(state: &Value) -> Vec<(i64, String)> {
    state["visitors"]
        .as_array()
        .expect("visitors")
        .iter()
        .filter(|v| v["CoworkerId"] == ANA_COWORKER && v["Arrived"] == false)
        .map(|v| {
            (
                v["Id"].as_i64().expect("id"),
                v["FullName"].as_str().expect("name").to_string(),
            )
        })
        .collect()
}

#[tokio::test]
async fn a_hosts_visitor_arriving_raises_exactly_one_desktop_notification() {
    let monitor = NotifyMonitor::start();
    let h = harness(json!({})).await;
    let dir = std::env::temp_dir().join(format!("frontdesk-arrivals-{}", uuid::Uuid::new_v4()));
    let waiting = anas_waiting_visitors(&h.state().await);
    assert!(waiting.len() >= 2, "demo data has visitors waiting for Ana");
    let (old_id, old_name) = waiting[0].clone();
    let (new_id, new_name) = waiting[1].clone();

    // An arrival from three hours ago is in the data before the watcher starts.
    let three_hours_ago = (Utc::now() - chrono::Duration::hours(3)).to_rfc3339();
    h.control(
        &format!("/_sim/visitors/{old_id}/check-in"),
        json!({"at": three_hours_ago}),
    )
    .await;
    let first = watcher(&h, &dir).await;
    let started = Utc::now();
    let report = first.poll_once(Duration::ZERO).await;
    // The demo day can hold an arrival from the last few minutes (it depends on the clock);
    // that one is news. Anything older, like the arrival three hours ago, is not.
    let news_since = started - chrono::Duration::minutes(LOOKBACK_MINUTES);
    assert!(
        report
            .alerts
            .iter()
            .all(|alert| alert.visitor_id != old_id && alert.at.is_some_and(|at| at >= news_since)),
        "old arrivals are not replayed: {:?}",
        report.alerts
    );
    assert_eq!(
        report.next,
        Duration::from_secs(5),
        "visitors are due: poll fast"
    );

    // The watcher runs on its own schedule; a kiosk checks a visitor in.
    let running = tokio::spawn(first.clone().run(Arc::new(|| Duration::ZERO)));
    tokio::time::sleep(Duration::from_millis(500)).await;
    let checked_in = Instant::now();
    h.control(
        &format!("/_sim/visitors/{new_id}/check-in"),
        json!({"location": "Lobby kiosk"}),
    )
    .await;
    while monitor.calls_naming(&new_name) == 0 {
        assert!(
            checked_in.elapsed() < Duration::from_secs(15),
            "no notification for {new_name}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let delay = checked_in.elapsed();
    eprintln!("arrival to Notify: {delay:?}");
    assert!(
        delay <= Duration::from_secs(6),
        "one poll interval at most, took {delay:?}"
    );

    // Further polls and a restarted watcher say nothing more.
    tokio::time::sleep(Duration::from_secs(6)).await;
    running.abort();
    let restarted = watcher(&h, &dir).await;
    assert!(restarted.poll_once(Duration::ZERO).await.alerts.is_empty());
    assert_eq!(monitor.calls_naming(&new_name), 1, "announced exactly once");
    assert_eq!(
        monitor.calls_naming(&old_name),
        0,
        "old arrival never announced"
    );
    assert!(
        monitor.calls_naming("Front Desk") >= 1,
        "sent as Front Desk"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
