//! Keeps the long-running tasks (the sync engine, the arrival watcher) running: a panic, which
//! a server answer should never cause but a bug might, is logged and the task starts again
//! after a short pause, instead of the desk silently stopping syncing until someone restarts
//! the app.

use std::future::Future;
use std::time::Duration;

/// Pause before the first restart; doubles for each crash in a row, up to [`LONGEST_PAUSE`].
const FIRST_PAUSE: Duration = Duration::from_millis(500);
const LONGEST_PAUSE: Duration = Duration::from_secs(60);
/// A task that ran this long before crashing starts again from the first pause.
const HEALTHY_RUN: Duration = Duration::from_secs(300);

/// Runs `start()` as a task and starts it again whenever it panics; `crashed` runs after each
/// panic (to put a status right, for example). Returns when the task ends on its own or is
/// cancelled. Answers how many times it restarted.
pub async fn supervise<S, F, C, CF>(name: &'static str, mut start: S, mut crashed: C) -> u32
where
    S: FnMut() -> F,
    F: Future<Output = ()> + Send + 'static,
    C: FnMut() -> CF,
    CF: Future<Output = ()>,
{
    let mut restarts = 0;
    let mut in_a_row = 0u32;
    loop {
        let started = tokio::time::Instant::now();
        match tokio::spawn(start()).await {
            Ok(()) => return restarts,
            Err(error) if error.is_panic() => {
                let reason = panic_text(error.into_panic());
                tracing::error!(task = name, %reason, "a background task crashed; starting it again");
                crashed().await;
                in_a_row = if started.elapsed() >= HEALTHY_RUN {
                    1
                } else {
                    in_a_row + 1
                };
                let pause = FIRST_PAUSE
                    .saturating_mul(2u32.saturating_pow(in_a_row.min(10) - 1))
                    .min(LONGEST_PAUSE);
                tokio::time::sleep(pause).await;
                restarts += 1;
            }
            Err(_) => return restarts,
        }
    }
}

fn panic_text(payload: Box<dyn std::any::Any + Send>) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|text| text.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU32, Ordering};
    use std::sync::Arc;

    #[tokio::test]
    async fn a_task_that_panics_is_started_again_and_the_crash_is_reported() {
        let starts = Arc::new(AtomicU32::new(0));
        let crashes = Arc::new(AtomicU32::new(0));
        let counted = starts.clone();
        let reported = crashes.clone();
        let restarts = supervise(
            "test",
            move || {
                let run = counted.fetch_add(1, Ordering::SeqCst) + 1;
                async move {
                    if run < 3 {
                        panic!("crash number {run}");
                    }
                }
            },
            move || {
                reported.fetch_add(1, Ordering::SeqCst);
                async {}
            },
        )
        .await;
        assert_eq!(restarts, 2);
        assert_eq!(
            starts.load(Ordering::SeqCst),
            3,
            "ran until it ended on its own"
        );
        assert_eq!(crashes.load(Ordering::SeqCst), 2);
    }
}
