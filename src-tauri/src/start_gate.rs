//! Work that can wait until the window shows its first screen. On a 2-core desk PC the
//! retention purge (seconds over a year of history) took the CPU from the webview while it
//! started; it now begins once the page says its first screen is painted (`page_ready`), or
//! after [`FALLBACK`] when it never says (a recovery screen, a page that failed).

use std::time::Duration;

use tokio::sync::watch;

pub const FALLBACK: Duration = Duration::from_secs(10);

pub struct StartGate {
    opened: watch::Sender<bool>,
}

impl Default for StartGate {
    fn default() -> Self {
        StartGate {
            opened: watch::channel(false).0,
        }
    }
}

impl StartGate {
    /// The first screen is painted: what waits may start.
    pub fn open(&self) {
        self.opened.send_replace(true);
    }

    /// Resolves once the gate is open, or after `fallback`.
    pub fn passed(&self, fallback: Duration) -> impl std::future::Future<Output = ()> + Send {
        let mut opened = self.opened.subscribe();
        async move {
            let _ = tokio::time::timeout(fallback, opened.wait_for(|open| *open)).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn waiters_start_when_the_page_is_ready_or_after_the_fallback() {
        let gate = StartGate::default();
        let waiting = tokio::spawn(gate.passed(Duration::from_secs(10)));
        tokio::time::sleep(Duration::from_secs(1)).await;
        assert!(!waiting.is_finished(), "started before the page was ready");
        gate.open();
        tokio::time::timeout(Duration::from_millis(10), waiting)
            .await
            .expect("started once the page was ready")
            .expect("joined");
        // Opened before anyone waits: no wait at all.
        tokio::time::timeout(Duration::from_millis(1), gate.passed(FALLBACK))
            .await
            .expect("an open gate does not wait");

        let never = StartGate::default();
        let started = tokio::time::Instant::now();
        never.passed(Duration::from_secs(10)).await;
        assert_eq!(
            started.elapsed().as_secs(),
            10,
            "the fallback lets work start"
        );
    }
}
