//! Desktop notifications on a busy desk, against the real notification server of the private
//! session `./x test` starts (dunst). Not time-sensitive: it is not among the any-hour suites.

use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::Utc;
use frontdesk_core::arrivals::{DesktopNotifier, Notifier};

fn threads_of_this_process() -> usize {
    std::fs::read_dir("/proc/self/task")
        .map(|tasks| tasks.count())
        .unwrap_or_default()
}

fn alert(n: i64) -> frontdesk_core::arrivals::Alert {
    frontdesk_core::arrivals::Alert {
        visitor_id: n,
        name: format!("Guest {n:03}"),
        event: frontdesk_core::arrivals::Event::Arrived,
        at: Some(Utc::now()),
        location: None,
        notes: None,
        host: None,
        approval_requested: false,
    }
}

/// A busy desk: every alert used to keep a thread and a D-Bus connection until the server said
/// it closed. Now one connection and one listener serve them all, and a closed one is let go.
#[test]
fn two_hundred_alerts_keep_the_thread_count_flat_and_closed_ones_are_let_go() {
    let started = Instant::now();
    let clicked = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = clicked.clone();
    let notifier = DesktopNotifier::new(Some(Arc::new(move |_| {
        counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    })));
    notifier
        .show(&alert(0), &Default::default())
        .expect("the first alert (opens the connection)");
    let before = threads_of_this_process();
    for n in 1..=200 {
        notifier
            .show(&alert(n), &Default::default())
            .expect("shown");
    }
    let after = threads_of_this_process();
    assert!(
        after <= before + 1,
        "threads grew from {before} to {after} over 200 alerts"
    );
    assert!(notifier.remembered() > 0, "clicks are still listened for");
    // The server closes them (as a person clearing the list would): nothing is kept for them.
    let closed = std::process::Command::new("dunstctl")
        .arg("close-all")
        .status()
        .expect("dunstctl");
    assert!(closed.success());
    let deadline = Instant::now() + Duration::from_secs(10);
    while notifier.remembered() > 0 {
        assert!(
            Instant::now() < deadline,
            "{} alerts still held after the server closed them",
            notifier.remembered()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(clicked.load(std::sync::atomic::Ordering::SeqCst), 0);
    assert_eq!(
        threads_of_this_process(),
        after,
        "and no thread is left per alert"
    );
    eprintln!(
        "200 alerts: {before} threads before, {after} after, {:?}",
        started.elapsed()
    );
}
