//! Watches the session bus for desktop notifications, as a person's notification area would
//! receive them. Shared by the core and app tests (the app includes it by path).

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// One monitor at a time in a process: tests that share a test binary must not see each
/// other's notifications.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

pub struct NotifyMonitor {
    child: Child,
    seen: Arc<Mutex<String>>,
    _turn: std::sync::MutexGuard<'static, ()>,
}

impl NotifyMonitor {
    pub fn start() -> NotifyMonitor {
        // A test that failed while holding the turn must not fail every later one.
        let turn = ONE_AT_A_TIME
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let mut child = Command::new("dbus-monitor")
            .args([
                "--session",
                "interface='org.freedesktop.Notifications',member='Notify'",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("dbus-monitor (run the tests with ./x test)");
        let seen = Arc::new(Mutex::new(String::new()));
        let (stdout, sink) = (child.stdout.take().expect("stdout"), seen.clone());
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Ok(mut text) = sink.lock() {
                    text.push_str(&line);
                    text.push('\n');
                }
            }
        });
        // dbus-monitor needs a moment to install its match rule.
        std::thread::sleep(Duration::from_millis(300));
        NotifyMonitor {
            child,
            seen,
            _turn: turn,
        }
    }

    /// `Notify` calls whose arguments mention `text`.
    pub fn calls_naming(&self, text: &str) -> usize {
        let seen = self.seen.lock().map(|s| s.clone()).unwrap_or_default();
        seen.split("member=Notify")
            .skip(1)
            .filter(|call| call.contains(text))
            .count()
    }
}

impl Drop for NotifyMonitor {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
