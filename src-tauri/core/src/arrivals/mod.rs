//! Arrival alerts: notice when a visitor arrives (or a host answers a walk-in) and tell the
//! person at this computer once, quickly, within the request budget.

#[cfg(target_os = "linux")]
pub mod dbus_notify;
pub mod detect;
pub mod notify;
pub mod policy;
pub mod watcher;

pub use detect::{Alert, Event};
pub use notify::{DesktopNotifier, Notifier, Silent};
pub use watcher::{PollReport, Watcher};
