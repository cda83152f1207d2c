//! Arrival alerts from the real app: a desktop notification over D-Bus (watched with
//! dbus-monitor) and a banner in the window, once.

use std::time::{Duration, Instant};

use crate::e2e::{launch, Launch};
use crate::notify_monitor::NotifyMonitor;
use serde_json::json;

#[tokio::test]
async fn a_host_hears_of_their_visitor_on_the_desktop_and_in_the_window() {
    // The window's turn first: a monitor started before it would hear the alerts of another
    // test's window still running in this binary.
    let app = launch(Launch::default()).await;
    let monitor = NotifyMonitor::start();
    // Made for the moment the test runs: due in 20 minutes, so the watcher polls fast at any
    // hour (the demo day's visitors are between 08:00 and 17:35, London time).
    let name = "Zoë Ångström";
    let id = app
        .add_visitor(
            name,
            1001,
            2001,
            chrono::Utc::now() + chrono::Duration::minutes(20),
        )
        .await;
    app.sign_in_as_host("ana@frontdesk.test").await;

    app.open("Settings").await;
    app.click("Send test notification").await;
    app.wait_for_text("Sent. You should see it on your desktop.")
        .await;
    assert_eq!(monitor.calls_naming("Front Desk test notification"), 1);

    // Let the app's watcher take its first look, then a kiosk checks the visitor in.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let _ = std::process::Command::new("dunstctl")
        .arg("close-all")
        .status();
    let checked_in = Instant::now();
    app.http
        .post(format!(
            "{}/_sim/visitors/{id}/check-in",
            app.sim.base_url()
        ))
        .json(&json!({"location": "Lobby kiosk"}))
        .send()
        .await
        .expect("kiosk check-in");
    app.wait_for_text(&format!("{name} has arrived")).await;
    let delay = checked_in.elapsed();
    eprintln!("kiosk check-in to banner: {delay:?}");
    while monitor.calls_naming(name) == 0 {
        assert!(
            checked_in.elapsed() < Duration::from_secs(15),
            "no desktop notification"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // A click on the alert (dunst performs its default action) brings that visit into view.
    app.open("Settings").await;
    let clicked = std::process::Command::new("dunstctl")
        .args(["action", "0"])
        .status()
        .expect("dunstctl");
    assert!(clicked.success(), "dunst performed the alert's action");
    let focused = format!(
        "return document.querySelector('#upcoming-list [data-visitor-id=\"{id}\"]')?.classList.contains('highlight') === true && !document.getElementById('host-screen').hidden;"
    );
    let deadline = Instant::now() + Duration::from_secs(10);
    while app.script(&focused).await != serde_json::Value::Bool(true) {
        if Instant::now() >= deadline {
            let ids = app.script("return [...document.querySelectorAll('#upcoming-list [data-visitor-id]')].map(e => e.dataset.visitorId + (e.classList.contains('highlight') ? '*' : '')).join(',') + ' host hidden=' + document.getElementById('host-screen').hidden;").await;
            panic!("clicking the alert did not show visitor {id}: {ids}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    app.screenshot("host-arrival").await;
    tokio::time::sleep(Duration::from_secs(6)).await;
    assert_eq!(monitor.calls_naming(name), 1, "announced once");
    app.finish().await;
}
