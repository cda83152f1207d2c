//! Reception's watcher: incremental polls keep today's list fresh; a check-in at a kiosk or
//! another desk and a host's answer to a walk-in raise alerts; this desk's own check-ins don't.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::common::*;
use frontdesk_core::arrivals::{Alert, Event, Notifier, Watcher};
use frontdesk_core::desk::VisitorRef;
use frontdesk_core::store::settings::LOCATION as LOCATION_SETTING;
use serde_json::json;

/// Keeps what would have been shown (the D-Bus path is tested in `arrivals.rs`).
#[derive(Default)]
struct Shown(Mutex<Vec<Alert>>);

impl Notifier for Shown {
    fn show(&self, alert: &Alert, _: &frontdesk_core::l10n::Messages) -> Result<(), String> {
        self.0
            .lock()
            .map_err(|e| e.to_string())?
            .push(alert.clone());
        Ok(())
    }
}

#[tokio::test]
async fn reception_hears_of_arrivals_elsewhere_and_host_answers_but_not_its_own() {
    // No demo day: the visitors are made for the moment the test runs, inside the location's
    // day, so it means the same at any hour and in any zone.
    let h = empty_harness(json!({})).await;
    let SignedIn {
        store,
        accounts,
        engine,
        desk,
        ..
    } = &signed_in(&h, RECEPTION).await;
    store
        .set_setting(LOCATION_SETTING, &SHOREDITCH)
        .await
        .expect("location");
    let shown = Arc::new(Shown::default());
    let notifier: Arc<dyn Notifier> = shown.clone();
    let watcher = Watcher::new(store.clone(), accounts.clone(), notifier);
    // As the window does before it shows a list: the locations, with their zones.
    desk.locations().await.expect("locations");
    let now = chrono::Utc::now();
    for (n, name) in ["Kip Kiosk", "Orla Ours", "Walt Walkin"].iter().enumerate() {
        h.add_visitor(
            name,
            SHOREDITCH,
            ANA_COWORKER,
            today_near(now, 10 * n as i64 + 10),
        )
        .await;
    }
    h.add_visitor(
        "Tomás Tomorrow",
        SHOREDITCH,
        ANA_COWORKER,
        now + chrono::Duration::days(1),
    )
    .await;

    // First look: reads the day, announces nothing (it is the baseline).
    assert!(watcher.poll_once(Duration::ZERO).await.alerts.is_empty());
    let today = desk
        .today(SHOREDITCH)
        .await
        .expect("today from the watcher's read");
    let waiting: Vec<i64> = today
        .iter()
        .filter(|v| !v.arrived)
        .filter_map(|v| v.id)
        .collect();
    assert_eq!(waiting.len(), 3, "today's three, not tomorrow's: {today:?}");
    let (kiosk, ours, walk_in_answer) = (waiting[0], waiting[1], waiting[2]);

    // A kiosk checks one in; this desk checks another in (synced); a host answers a walk-in.
    h.control(
        &format!("/_sim/visitors/{kiosk}/check-in"),
        json!({"location": "Lobby kiosk"}),
    )
    .await;
    desk.check_in(
        &VisitorRef {
            id: Some(ours),
            queued_id: None,
        },
        Some("Front Desk".into()),
    )
    .await
    .expect("queued");
    engine.drain().await.expect("sync");
    h.control(
        &format!("/_sim/visitors/{walk_in_answer}/approval"),
        json!({"status": 5}),
    )
    .await;

    let report = watcher.poll_once(Duration::ZERO).await;
    let events: HashMap<i64, Event> = report
        .alerts
        .iter()
        .map(|a| (a.visitor_id, a.event.clone()))
        .collect();
    assert_eq!(
        events.get(&kiosk),
        Some(&Event::Arrived),
        "{:?}",
        report.alerts
    );
    assert_eq!(events.get(&walk_in_answer), Some(&Event::Approval(5)));
    assert!(
        !events.contains_key(&ours),
        "this desk's own check-in is not news"
    );
    assert_eq!(report.alerts.len(), 2);
    let kiosk_alert = report
        .alerts
        .iter()
        .find(|a| a.visitor_id == kiosk)
        .expect("alert");
    assert_eq!(kiosk_alert.location.as_deref(), Some("Lobby kiosk"));

    // The list took in the kiosk's check-in from the incremental poll.
    let today = desk.today(SHOREDITCH).await.expect("today");
    assert!(today.iter().any(|v| v.id == Some(kiosk) && v.arrived));
    let incremental = h
        .log()
        .await
        .iter()
        .filter(|e| e["path"] == "/api/spaces/visitors")
        .filter(|e| {
            e["query"]
                .as_str()
                .is_some_and(|q| q.contains("from_Visitor_UpdatedOn"))
        })
        .count();
    assert!(incremental >= 1, "later looks ask only for what changed");

    // Looking again announces nothing new.
    assert!(watcher.poll_once(Duration::ZERO).await.alerts.is_empty());
    assert_eq!(shown.0.lock().expect("shown").len(), 2);
}
