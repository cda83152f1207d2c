//! Arrival alerts as a person gets them: real D-Bus `Notify` calls, observed with
//! dbus-monitor in the private session `./x test` starts (dunst answers them).

use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::common::notify_monitor::NotifyMonitor;
use crate::common::*;
use chrono::Utc;
use frontdesk_core::arrivals::{DesktopNotifier, Notifier, Watcher};
use frontdesk_core::store::Store;
use frontdesk_core::wiring::Core;
use serde_json::json;

async fn watcher(h: &Harness, dir: &std::path::Path) -> Arc<Watcher> {
    let store = Store::open(dir).await.expect("store");
    let accounts = accounts_for(&store, &h.sim.base_url(), ANA).await;
    let notifier: Arc<dyn Notifier> = Arc::new(DesktopNotifier::new(None));
    Core::assemble(store, accounts, notifier).watcher
}

#[tokio::test]
async fn a_hosts_visitor_arriving_raises_exactly_one_desktop_notification() {
    let monitor = NotifyMonitor::start();
    // No demo day: the test makes its own, relative to the moment it runs, so it means the same
    // at 03:30, at noon and across midnight.
    let h = empty_harness(json!({})).await;
    let dir = std::env::temp_dir().join(format!("frontdesk-arrivals-{}", uuid::Uuid::new_v4()));
    let now = Utc::now();
    let old_name = "Olwen Earlybird";
    let new_name = "Zoë Ångström";
    let old_id = h
        .add_visitor(
            old_name,
            SHOREDITCH,
            ANA_COWORKER,
            now - chrono::Duration::hours(3),
        )
        .await;
    let new_id = h
        .add_visitor(
            new_name,
            SHOREDITCH,
            ANA_COWORKER,
            now + chrono::Duration::minutes(20),
        )
        .await;

    // An arrival from three hours ago is in the data before the watcher starts.
    let three_hours_ago = (now - chrono::Duration::hours(3)).to_rfc3339();
    h.control(
        &format!("/_sim/visitors/{old_id}/check-in"),
        json!({"at": three_hours_ago}),
    )
    .await;
    let first = watcher(&h, &dir).await;
    // The window has been idle for an hour: a visitor due in 20 minutes still gets the fast
    // poll, at any hour (a host who works at night is told at once).
    let report = first.poll_once(Duration::from_secs(3600)).await;
    assert!(
        report.alerts.is_empty(),
        "old arrivals are not replayed: {:?}",
        report.alerts
    );
    assert_eq!(
        report.next,
        Duration::from_secs(5),
        "a visitor is due in 20 minutes: poll fast"
    );

    // The watcher runs on its own schedule; a kiosk checks a visitor in.
    let running = tokio::spawn(first.clone().run(Arc::new(|| Duration::from_secs(3600))));
    tokio::time::sleep(Duration::from_millis(500)).await;
    let checked_in = Instant::now();
    h.control(
        &format!("/_sim/visitors/{new_id}/check-in"),
        json!({"location": "Lobby kiosk"}),
    )
    .await;
    while monitor.calls_naming(new_name) == 0 {
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
    assert_eq!(monitor.calls_naming(new_name), 1, "announced exactly once");
    assert_eq!(
        monitor.calls_naming(old_name),
        0,
        "old arrival never announced"
    );
    assert!(
        monitor.calls_naming("Front Desk") >= 1,
        "sent as Front Desk"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// A desk whose policy sets Spanish hears of an arrival in Spanish, through the real D-Bus
/// notification service, whatever `FRONTDESK_LANG` the test run has (`./x test` sets `en`).
#[tokio::test]
async fn an_arrival_is_announced_in_the_language_the_policy_sets() {
    let monitor = NotifyMonitor::start();
    let h = empty_harness(json!({})).await;
    let dir = std::env::temp_dir().join(format!("frontdesk-arrivals-{}", uuid::Uuid::new_v4()));
    let name = "Íñigo Peña";
    let id = h
        .add_visitor(
            name,
            SHOREDITCH,
            ANA_COWORKER,
            Utc::now() + chrono::Duration::minutes(20),
        )
        .await;
    let policy = frontdesk_core::policy::PolicyState::from_text(
        "language = \"es\"\nlocked = [\"language\"]\n",
    );
    let store = Store::open(&dir).await.expect("store").with_policy(policy);
    let accounts = accounts_for(&store, &h.sim.base_url(), ANA).await;
    let on_click: frontdesk_core::arrivals::notify::OnClick = Arc::new(|_| {});
    let notifier: Arc<dyn Notifier> = Arc::new(DesktopNotifier::new(Some(on_click)));
    let watcher = Core::assemble(store, accounts, notifier).watcher;
    assert!(watcher
        .poll_once(Duration::from_secs(3600))
        .await
        .alerts
        .is_empty());

    h.control(
        &format!("/_sim/visitors/{id}/check-in"),
        json!({"location": "Lobby kiosk"}),
    )
    .await;
    let checked_in = Instant::now();
    let spanish = format!("{name} ha llegado");
    // dbus-monitor's lines arrive one by one: wait for the call's title and its action.
    while monitor.calls_naming(&spanish) == 0 || monitor.calls_naming("Ver visitante") == 0 {
        assert!(
            checked_in.elapsed() < Duration::from_secs(15),
            "no Spanish notification for {name}"
        );
        watcher.poll_once(Duration::from_secs(3600)).await;
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert_eq!(monitor.calls_naming(&format!("{name} has arrived")), 0);
    assert_eq!(
        monitor.calls_naming("Ver visitante"),
        1,
        "the click's action too"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
