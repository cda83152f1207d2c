//! Signed auto-update, end to end, on the installed package. `scripts/test-update.sh` installs
//! Front Desk 0.1.0 from its .deb, serves a signed 0.1.1 .deb with two feeds on loopback (one
//! signed with our test key, one with another key) and runs these tests against
//! `/usr/bin/frontdesk`; they are skipped by a plain `cargo test`.

use std::process::Command;
use std::time::{Duration, Instant};

use crate::desk_flows::{check_in_offline, someone_expected};
use crate::e2e::{launch, Launch};

fn env_value(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|value| !value.is_empty())
}

fn installed_version() -> String {
    let output = Command::new("dpkg-query")
        .args(["-W", "-f=${Version}", "front-desk"])
        .output()
        .expect("dpkg-query");
    String::from_utf8_lossy(&output.stdout).trim().to_string()
}

/// A policy file naming the feed (debug builds, which the test packages are, read it from
/// `FRONTDESK_POLICY`; a release reads `/etc/frontdesk/policy.toml`).
fn policy_with_feed(name: &str, feed: &str) -> Vec<(String, String)> {
    let path = std::env::temp_dir().join(format!("frontdesk-{name}-{}.toml", std::process::id()));
    std::fs::write(&path, format!("update_feed = \"{feed}\"\n")).expect("policy");
    vec![("FRONTDESK_POLICY".into(), path.display().to_string())]
}

#[tokio::test]
async fn an_update_not_signed_with_our_key_is_refused() {
    let Some(feed) = env_value("FRONTDESK_TEST_BAD_FEED") else {
        eprintln!("skipped: run by scripts/test-update.sh");
        return;
    };
    let before = installed_version();
    let app = launch(Launch {
        env: policy_with_feed("bad-feed", &feed),
        ..Launch::default()
    })
    .await;
    // The look waits for the first screen; the package is downloaded before its signature is
    // checked (a 23 MB debug build).
    app.wait_until_within(
        LOOK_AND_DOWNLOAD,
        "the update is refused",
        "return document.getElementById('update-bar').textContent.includes(\"was refused: it is not signed with Front Desk's key\");",
    )
    .await;
    let bar = app
        .script("return document.getElementById('update-bar').textContent;")
        .await;
    let bar = bar.as_str().unwrap_or_default().to_string();
    assert!(bar.contains("Nothing was installed"), "{bar}");
    let restart_shown = app
        .script("return !document.getElementById('restart-to-update').hidden;")
        .await;
    assert_eq!(restart_shown, serde_json::json!(false));
    app.screenshot("update-refused").await;
    assert_eq!(installed_version(), before, "nothing was installed");
    app.finish().await;
}

#[tokio::test]
async fn the_installed_app_updates_itself_and_keeps_its_waiting_changes() {
    let Some(feed) = env_value("FRONTDESK_TEST_FEED") else {
        eprintln!("skipped: run by scripts/test-update.sh");
        return;
    };
    let target = env_value("FRONTDESK_TEST_UPDATE_VERSION").expect("the version the feed offers");
    let before = installed_version();
    assert_ne!(before, target);
    let mut app = launch(Launch {
        env: policy_with_feed("feed", &feed),
        ..Launch::default()
    })
    .await;
    app.sign_in_as("reception@frontdesk.test").await;

    // A check-in made offline waits in the queue.
    let (id, name) = someone_expected(&app).await;
    check_in_offline(&mut app, &name).await;

    // The update downloads in the background and waits: a change is waiting.
    app.wait_until_within(
        LOOK_AND_DOWNLOAD,
        "the update is downloaded and waits for the queue",
        &format!("const bar = document.getElementById('update-bar').textContent; return bar.includes('Front Desk {target} is ready') && bar.includes('1 change waits');"),
    )
    .await;
    app.screenshot("update-ready").await;
    assert_eq!(installed_version(), before, "not installed unasked");

    // A person asks: it installs and starts the new version (stopped at the end, pass or fail).
    let _restarted = StopOnDrop(app.data_dir().to_path_buf());
    let clicked = Instant::now();
    app.click("Restart to update").await;
    let deadline = clicked + Duration::from_secs(120);
    while installed_version() != target {
        assert!(Instant::now() < deadline, "{target} was never installed");
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    let log_dir = app.data_dir().join("logs");
    // The log's start line, in JSON: {"message":"Front Desk starting","version":"0.1.1"}.
    let started_again = format!("\"version\":\"{target}\"");
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let logs = std::fs::read_dir(&log_dir)
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|entry| std::fs::read_to_string(entry.path()).ok())
            .collect::<String>();
        let started = logs
            .lines()
            .any(|line| line.contains("Front Desk starting") && line.contains(&started_again));
        if started {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the new version never started:\n{logs}"
        );
        tokio::time::sleep(Duration::from_millis(500)).await;
    }

    // The new version has the waiting check-in, and sends it once Nexudus is back.
    let status = Command::new("/usr/bin/frontdesk")
        .args(["queue", "status", "--json"])
        .env("FRONTDESK_DATA_DIR", app.data_dir())
        .output()
        .expect("frontdesk queue status");
    let status: serde_json::Value =
        serde_json::from_slice(&status.stdout).expect("queue status json");
    let open = ["pending", "inFlight", "uncertain"]
        .iter()
        .map(|key| status["counts"][key].as_i64().unwrap_or(0))
        .sum::<i64>();
    assert_eq!(
        open, 1,
        "the check-in still waits after the update: {status}"
    );
    app.come_back().await;
    // The new version retries on its own backoff after finding Nexudus offline at its start.
    app.wait_for_sim_within(
        Duration::from_secs(180),
        "the new version sends the check-in",
        |state| {
            state["visitors"]
                .as_array()
                .is_some_and(|all| all.iter().any(|v| v["Id"] == id && v["Arrived"] == true))
        },
    )
    .await;
    assert_eq!(app.host_notices(id).await, 1, "checked in exactly once");
    app.finish().await;
}

const LOOK_AND_DOWNLOAD: Duration = Duration::from_secs(120);

/// The restarted app is nobody's child here: it is stopped by its data folder.
struct StopOnDrop(std::path::PathBuf);

impl Drop for StopOnDrop {
    fn drop(&mut self) {
        stop_apps_using(&self.0);
    }
}

/// Ends the processes whose environment names `data_dir` (the restarted app).
fn stop_apps_using(data_dir: &std::path::Path) {
    let wanted = format!("FRONTDESK_DATA_DIR={}", data_dir.display());
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<i32>() else {
            continue;
        };
        let environ = std::fs::read(entry.path().join("environ")).unwrap_or_default();
        let named = environ
            .split(|b| *b == 0)
            .any(|var| var == wanted.as_bytes());
        let exe = std::fs::read_link(entry.path().join("exe")).unwrap_or_default();
        if named && exe.to_string_lossy().starts_with("/usr/bin/frontdesk") {
            let _ = Command::new("kill").arg(pid.to_string()).status();
        }
    }
}
