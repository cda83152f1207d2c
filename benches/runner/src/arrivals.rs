//! Arrival to alert: a kiosk checks a host's visitor in (the simulator's control API); the
//! clock stops at the D-Bus `Notify` call naming the visitor, observed with dbus-monitor. Needs
//! the session `scripts/with-session.sh` provides.

use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::Utc;
use frontdesk_core::arrivals::{DesktopNotifier, Notifier};
use frontdesk_core::nexudus::pacing::PaceLimits;
use frontdesk_core::store::Store;
use frontdesk_core::wiring::Core;
use serde_json::{json, Value};

use crate::support::*;

// The same D-Bus watcher the integration tests use.
#[path = "../../../src-tauri/core/tests/suite/common/notify_monitor.rs"]
mod notify_monitor;
use notify_monitor::NotifyMonitor;

/// A small deterministic spread of waits, so arrivals fall anywhere in the poll cycle.
fn spread(n: usize, max_ms: u64) -> u64 {
    (n as u64 * 7_919 + 1_237) % max_ms
}

pub async fn run(quick: bool) -> Result<Value, String> {
    let arrivals = if quick { 10 } else { 50 };
    let monitor = NotifyMonitor::start();
    let sim = sim(json!({})).await?;
    let ids = add_visitors(
        &sim,
        arrivals,
        |n| format!("Arriving Guest {n:03}"),
        |n| Utc::now() + chrono::Duration::minutes(10 + n as i64),
        Some(ANA_COWORKER),
    )?;
    let dir = temp_dir("arrivals");
    let store = Store::open(&dir).await.map_err(|e| e.to_string())?;
    let accounts = signed_in(&sim, "ana@frontdesk.test", PaceLimits::default(), &store).await?;
    let notifier: Arc<dyn Notifier> = Arc::new(DesktopNotifier::new(None));
    let watcher = Core::assemble(store, accounts, notifier).watcher;
    let running = tokio::spawn(watcher.clone().run(Arc::new(|| Duration::ZERO)));
    sleep_ms(1_500).await;

    let since = log(&sim).last().map(|e| e.seq).unwrap_or_default();
    let started = Instant::now();
    let mut delays = Vec::new();
    for (n, id) in ids.iter().enumerate() {
        sleep_ms(spread(n, 5_000)).await;
        let name = format!("Arriving Guest {n:03}");
        let checked_in = Instant::now();
        // What the simulator's control API does for a kiosk check-in.
        let checked = sim
            .sim
            .world
            .lock()
            .map(|mut world| {
                world.check_in(
                    *id,
                    Some("Lobby kiosk".into()),
                    "kiosk",
                    "kiosk@nexio",
                    Utc::now(),
                )
            })
            .unwrap_or(false);
        if !checked {
            return Err(format!("could not check {name} in"));
        }
        while monitor.calls_naming(&name) == 0 {
            if checked_in.elapsed() > Duration::from_secs(60) {
                running.abort();
                return Err(format!("no notification for {name}"));
            }
            sleep_ms(20).await;
        }
        delays.push(checked_in.elapsed().as_secs_f64());
    }
    let minutes = started.elapsed().as_secs_f64() / 60.0;
    running.abort();
    let requests: Vec<_> = log(&sim)
        .into_iter()
        .filter(|e| e.seq > since && is_api(&e.path))
        .collect();
    let polls = requests.len();
    let mut by_path = std::collections::BTreeMap::<String, usize>::new();
    for entry in &requests {
        let key = format!(
            "{} {}?{}",
            entry.method,
            entry.path,
            entry.query.clone().unwrap_or_default()
        );
        *by_path.entry(key).or_default() += 1;
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok(json!({
        "arrivals": arrivals,
        "median_s": round(percentile(&delays, 50.0), 2),
        "p95_s": round(percentile(&delays, 95.0), 2),
        "max_s": round(percentile(&delays, 100.0), 2),
        "requests_per_minute": round(polls as f64 / minutes, 1),
        "minutes": round(minutes, 1),
        "requests_by_path": by_path,
    }))
}
