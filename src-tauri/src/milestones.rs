//! Start-up milestones for the benchmarks, as one JSON line each on stderr
//! (`milestone {"name":"page_loaded"}`), written only when `FRONTDESK_MILESTONES` is set: the
//! benchmark sets it, a desk never does, so nothing here reaches a desk's console or log. The
//! reference app (`benches/empty-window`) writes the same line for the milestone both have.

use serde_json::{json, Value};

/// Set by the benchmark to ask for the lines.
pub const ENV: &str = "FRONTDESK_MILESTONES";

pub enum Milestone {
    /// The webview finished loading the page.
    PageLoaded,
    /// The first list of today's visitors was handed to the window.
    TodayServed { rows: usize },
}

impl Milestone {
    fn line(&self) -> Value {
        match self {
            Milestone::PageLoaded => json!({"name": "page_loaded"}),
            Milestone::TodayServed { rows } => json!({"name": "today_served", "rows": rows}),
        }
    }
}

pub fn reached(milestone: Milestone) {
    if std::env::var_os(ENV).is_some() {
        eprintln!("milestone {}", milestone.line());
    }
}
