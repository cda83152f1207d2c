//! Start-up milestones for the benchmarks' timeline, as one JSON line each on stderr
//! (`milestone {"name":"setup_done","at_ms":…}`), written only when `FRONTDESK_MILESTONES` is
//! set: the benchmark sets it, a desk never does, so nothing here reaches a desk's console or
//! log. `at_ms` is wall-clock milliseconds since 1970, the clock the page's
//! `performance.timeOrigin` also counts in, so the benchmark lines up Rust's steps and the
//! page's on one axis from the moment it spawned the process. The reference app
//! (`benches/empty-window`) writes the same lines for the steps both have.

use std::time::{SystemTime, UNIX_EPOCH};

use serde::Deserialize;
use serde_json::{json, Value};

/// Set by the benchmark to ask for the lines.
pub const ENV: &str = "FRONTDESK_MILESTONES";

/// Steps the page reports from its side (see `ui/js/startup.js`); others are dropped, so a
/// page cannot write arbitrary lines.
const PAGE_STEPS: [&str; 8] = [
    "dom_content_loaded",
    "first_paint",
    "session_known",
    "today_received",
    "list_built",
    "list_laid_out",
    "list_frame",
    "list_painted",
];

pub enum Milestone {
    /// `main` runs: the executable and its libraries (WebKitGTK's among them) are loaded.
    ProcessStarted,
    /// Tauri's `setup` returned: data folder open and migrated, keyring read, tray built.
    SetupDone,
    /// The webview started loading the page.
    PageStarted,
    /// The webview finished loading the page.
    PageLoaded,
    /// The first list of today's visitors was handed to the window.
    TodayServed { rows: usize },
}

impl Milestone {
    fn line(&self) -> Value {
        match self {
            Milestone::ProcessStarted => json!({"name": "process_started"}),
            Milestone::SetupDone => json!({"name": "setup_done"}),
            Milestone::PageStarted => json!({"name": "page_started"}),
            Milestone::PageLoaded => json!({"name": "page_loaded"}),
            Milestone::TodayServed { rows } => json!({"name": "today_served", "rows": rows}),
        }
    }
}

pub fn enabled() -> bool {
    std::env::var_os(ENV).is_some()
}

fn now_ms() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|since| since.as_secs_f64() * 1000.0)
        .unwrap_or_default()
}

fn write(mut line: Value, at_ms: f64) {
    line["at_ms"] = json!(at_ms);
    eprintln!("milestone {line}");
}

pub fn reached(milestone: Milestone) {
    if enabled() {
        write(milestone.line(), now_ms());
    }
}

/// A step the page timed itself, at `at_ms` on the same clock.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PageMark {
    name: String,
    at_ms: f64,
}

pub fn reached_in_page(marks: &[PageMark]) {
    if !enabled() {
        return;
    }
    for mark in marks {
        if PAGE_STEPS.contains(&mark.name.as_str()) && mark.at_ms.is_finite() {
            write(json!({"name": mark.name}), mark.at_ms);
        }
    }
}
