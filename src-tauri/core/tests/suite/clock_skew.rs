//! A desk whose clock is wrong: the arrival watcher and the sync engine run in a child process
//! under libfaketime (10 minutes fast, then 10 minutes slow) while the simulator keeps true
//! time in this one. A kiosk check-in must still reach the host as a desktop notification
//! (seen on the session bus) within 15 s, and a check-in the skewed desk sends must carry the
//! server's time, not the desk's.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::common::notify_monitor::NotifyMonitor;
use crate::common::*;
use chrono::Utc;
use frontdesk_core::arrivals::Silent;
use frontdesk_core::arrivals::{DesktopNotifier, Notifier};
use frontdesk_core::queue::{Operation, Target};
use frontdesk_core::store::Store;
use frontdesk_core::wiring::Core;
use serde_json::json;

const CHILD_FLAG: &str = "FRONTDESK_SKEW_CHILD";

/// The skewed desk: checks `W` in as reception, then watches as the host and says READY.
#[test]
#[ignore = "run as a child process by a_desk_with_a_wrong_clock_still_hears_of_arrivals"]
fn skewed_desk_child() {
    if std::env::var_os(CHILD_FLAG).is_none() {
        return;
    }
    let var = |name: &str| std::env::var(name).expect(name);
    let (dir, server) = (var("SKEW_DIR"), var("SKEW_SIM"));
    let walk_up: i64 = var("SKEW_CHECK_IN").parse().expect("id");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    // Whatever happens to the parent, this process must not outlive it.
    std::thread::spawn(|| {
        let mut ignored = String::new();
        while std::io::stdin()
            .read_line(&mut ignored)
            .is_ok_and(|n| n > 0)
        {}
        std::process::exit(0);
    });
    runtime.block_on(async move {
        let reception_dir = std::path::Path::new(&dir).join("reception");
        let store = Store::open(&reception_dir).await.expect("store");
        let accounts = accounts_for(&store, &server, RECEPTION).await;
        let engine = Core::assemble(store.clone(), accounts.clone(), Arc::new(Silent)).engine;
        let account = accounts
            .client()
            .await
            .expect("client")
            .account()
            .entry_name();
        // A first answer teaches the client the server's time, as the app's first read does.
        accounts
            .client()
            .await
            .expect("client")
            .businesses()
            .await
            .expect("read");
        store
            .enqueue(
                &account,
                &Operation::CheckIn {
                    target: Target::Server(walk_up),
                    at: Utc::now(),
                    location: None,
                },
            )
            .await
            .expect("enqueue");
        engine.drain().await.expect("drain");

        let host_dir = std::path::Path::new(&dir).join("host");
        let store = Store::open(&host_dir).await.expect("store");
        let accounts = accounts_for(&store, &server, ANA).await;
        let notifier: Arc<dyn Notifier> = Arc::new(DesktopNotifier::new(None));
        let watcher = Core::assemble(store, accounts, notifier).watcher;
        watcher.poll_once(Duration::ZERO).await;
        println!("READY");
        watcher.run(Arc::new(|| Duration::ZERO)).await;
    });
}

/// The skewed desk's process; killed when dropped, so a failed assertion never leaves it
/// running (it watches forever).
struct SkewedDesk(Child);

impl Drop for SkewedDesk {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// libfaketime's library, from Debian's `faketime` package (scripts/setup.sh installs it).
fn libfaketime() -> std::path::PathBuf {
    let found = std::fs::read_dir("/usr/lib")
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path().join("faketime/libfaketime.so.1"))
        .chain([std::path::PathBuf::from(
            "/usr/lib/faketime/libfaketime.so.1",
        )])
        .find(|path| path.exists());
    found.expect("libfaketime (the faketime package; scripts/setup.sh installs it)")
}

/// Starts the skewed desk: this test binary itself, with libfaketime preloaded (not through
/// the `faketime` wrapper, whose child would outlive a kill of the wrapper and hold the test
/// run's output open).
fn spawn_skewed(offset: &str, dir: &std::path::Path, sim: &str, check_in: i64) -> SkewedDesk {
    Command::new(std::env::current_exe().expect("test binary"))
        .args([
            "clock_skew::skewed_desk_child",
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads",
            "1",
        ])
        .env("LD_PRELOAD", libfaketime())
        .env("FAKETIME", offset)
        .env(CHILD_FLAG, "1")
        .env("SKEW_DIR", dir)
        .env("SKEW_SIM", sim)
        .env("SKEW_CHECK_IN", check_in.to_string())
        // Timers keep real time: only the wall clock is wrong, as on a misconfigured PC.
        .env("DONT_FAKE_MONOTONIC", "1")
        // The child ends when this process does: its standard input closes.
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map(SkewedDesk)
        .expect("the skewed desk starts")
}

/// Waits for the child's READY line; answers false if it ended first.
fn wait_ready(child: &mut Child) -> bool {
    let Some(out) = child.stdout.take() else {
        return false;
    };
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            if line.contains("READY") {
                let _ = tx.send(());
            }
        }
    });
    rx.recv_timeout(Duration::from_secs(60)).is_ok()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_desk_with_a_wrong_clock_still_hears_of_arrivals() {
    let monitor = NotifyMonitor::start();
    for (offset, label) in [("+10m", "fast"), ("-10m", "slow")] {
        let h = empty_harness(json!({})).await;
        let now = Utc::now();
        let name = format!("Skewed {label} Arrival");
        let visitor = h
            .add_visitor(&name, SHOREDITCH, ANA_COWORKER, today_near(now, 10))
            .await;
        let walk_up = h
            .add_visitor(
                &format!("Skewed {label} Desk"),
                SHOREDITCH,
                ANA_COWORKER,
                today_near(now, 5),
            )
            .await;
        let dir = std::env::temp_dir().join(format!("frontdesk-skew-{}", uuid::Uuid::new_v4()));
        let child = spawn_skewed(offset, &dir, &h.sim.base_url(), walk_up);
        // The simulator answers on this runtime: wait off it.
        let (child, ready) = tokio::task::spawn_blocking(move || {
            let mut child = child;
            let ready = wait_ready(&mut child.0);
            (child, ready)
        })
        .await
        .expect("waited");
        assert!(ready, "the {label} desk did not start");

        // The desk's own check-in carries the server's time, not its clock's.
        let record = h.visitor(walk_up).await;
        let arrival = record["ArrivalDate"]
            .as_str()
            .and_then(frontdesk_core::nexudus::dates::parse)
            .expect("the skewed desk's check-in arrived");
        let off_by = (arrival - Utc::now()).num_seconds().abs();
        assert!(
            off_by < 60,
            "{label}: arrival stamped {off_by} s off: {record}"
        );

        let checked_in = Instant::now();
        h.control(&format!("/_sim/visitors/{visitor}/check-in"), json!({}))
            .await;
        while monitor.calls_naming(&name) == 0 {
            if checked_in.elapsed() > Duration::from_secs(15) {
                panic!("desk clock {offset}: no notification for {name} within 15 s");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        eprintln!(
            "desk clock {offset}: notified after {:?}",
            checked_in.elapsed()
        );
        drop(child);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
