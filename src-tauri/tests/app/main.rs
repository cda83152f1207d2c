//! The app's integration tests in one binary, one module per former test file: the real
//! binary from the CLI, and the real window under Xvfb over WebDriver (`e2e`, one app at a
//! time). Linking the app's crate once instead of once per file saves minutes of every cold run
//! on a 2-core machine. The many-writers soak stays a binary of its own: it times its work
//! and must not share the two cores with a window.

#[path = "../../core/tests/suite/common/cups.rs"]
mod cups;
mod e2e;
#[path = "../../core/tests/suite/common/notify_monitor.rs"]
mod notify_monitor;

mod arrival_alerts;
mod badge_printing;
mod big_day;
mod capabilities;
mod cli;
mod desk_flows;
mod host;
mod languages;
mod live_desk;
mod policy;
mod queue_commands;
mod reception;
mod recovery;
mod scan_and_approve;
mod sign_in;
mod updates;
mod visitor_log;
mod window;
mod window_state;
