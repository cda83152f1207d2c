//! The admin command line, run as IT would run it: the real binary, against the simulator,
//! with the session's real Secret Service and notification service (`./x test` provides them).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use chrono::{Duration, Utc};
use frontdesk_core::nexudus::{NewVisitor, Registration};
use frontdesk_core::queue::{Operation, Target};
use frontdesk_core::store::Store;
use nexudus_sim::{RunningSim, SimConfig, StartOptions};
use serde_json::Value;

const SHOREDITCH: i64 = 1001;

struct Desk {
    sim: RunningSim,
    data: PathBuf,
}

impl Drop for Desk {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.data);
    }
}

async fn desk() -> Desk {
    let sim = nexudus_sim::start(StartOptions {
        config: SimConfig::default(),
        ..StartOptions::default()
    })
    .await
    .expect("sim");
    let data = std::env::temp_dir().join(format!("frontdesk-cli-{}", uuid_like()));
    Desk { sim, data }
}

fn uuid_like() -> String {
    format!(
        "{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default()
    )
}

/// Runs `frontdesk ARGS` with `stdin` as its standard input, off the async runtime.
async fn frontdesk(server: &str, data: &Path, args: &[&str], stdin: &str) -> Output {
    // No policy file unless a test writes one (this machine's /etc/frontdesk is not the test's).
    let policy = data.with_extension("policy.toml");
    frontdesk_under(server, data, args, stdin, &policy).await
}

/// As [`frontdesk`], under the organisation's policy file at `policy`.
async fn frontdesk_under(
    server: &str,
    data: &Path,
    args: &[&str],
    stdin: &str,
    policy: &Path,
) -> Output {
    let (server, data) = (server.to_string(), data.to_path_buf());
    let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    let stdin = stdin.to_string();
    let policy = policy.to_path_buf();
    tokio::task::spawn_blocking(move || {
        let mut child = Command::new(env!("CARGO_BIN_EXE_frontdesk"))
            .args(&args)
            .env("FRONTDESK_NEXUDUS_URL", server)
            .env("FRONTDESK_POLICY", policy)
            .env("FRONTDESK_DATA_DIR", data)
            .env_remove("FRONTDESK_DEMO")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("frontdesk");
        if let Some(mut input) = child.stdin.take() {
            let _ = input.write_all(stdin.as_bytes());
        }
        child.wait_with_output().expect("output")
    })
    .await
    .expect("ran")
}

impl Desk {
    async fn run(&self, args: &[&str]) -> Output {
        frontdesk(&self.sim.base_url(), &self.data, args, "").await
    }

    async fn login(&self, email: &str) -> Output {
        frontdesk(
            &self.sim.base_url(),
            &self.data,
            &["login", "--email", email],
            "frontdesk\n",
        )
        .await
    }

    async fn state(&self) -> Value {
        reqwest::get(format!("{}/_sim/state", self.sim.base_url()))
            .await
            .expect("state")
            .json()
            .await
            .expect("json")
    }

    /// Queues an operation for the signed-in account, as the app would have.
    async fn enqueue(&self, operation: Operation) {
        let status = self.run(&["queue", "status", "--json"]).await;
        let status: Value = serde_json::from_slice(&status.stdout).expect("status json");
        let email = status["account"].as_str().expect("signed in");
        let server = url::Url::parse(&self.sim.base_url()).expect("url");
        let account = frontdesk_core::secrets::AccountKey::new(&server, email).entry_name();
        let store = Store::open(&self.data).await.expect("store");
        store.enqueue(&account, &operation).await.expect("enqueue");
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn code(output: &Output) -> i32 {
    output.status.code().unwrap_or(-1)
}

#[tokio::test]
async fn every_command_explains_itself() {
    let desk = desk().await;
    for args in [
        vec!["--help"],
        vec!["login", "--help"],
        vec!["doctor", "--help"],
        vec!["queue", "--help"],
        vec!["queue", "status", "--help"],
        vec!["queue", "list", "--help"],
        vec!["queue", "export", "--help"],
        vec!["sync", "--help"],
    ] {
        let output = desk.run(&args).await;
        assert_eq!(code(&output), 0, "{args:?}");
        assert!(
            text(&output.stdout).contains("Usage: frontdesk"),
            "{args:?}"
        );
    }
    let sync_help = text(&desk.run(&["sync", "--help"]).await.stdout);
    assert!(sync_help.contains("4 changes need a person"), "{sync_help}");
    let wrong = desk.run(&["queue", "shuffle"]).await;
    assert_eq!(code(&wrong), 2, "a usage error");
    assert!(text(&wrong.stderr).contains("unrecognized subcommand"));
}

#[tokio::test]
async fn login_keeps_the_session_in_the_keyring_and_explains_refusals() {
    let desk = desk().await;
    let wrong = frontdesk(
        &desk.sim.base_url(),
        &desk.data,
        &["login", "--email", "reception@frontdesk.test"],
        "not-the-password\n",
    )
    .await;
    assert_eq!(code(&wrong), 1);
    assert!(
        text(&wrong.stderr).contains("The email or password is incorrect"),
        "{}",
        text(&wrong.stderr)
    );
    let no_password = desk.run(&["login", "--email", "x@frontdesk.test"]).await;
    assert_eq!(code(&no_password), 1);
    assert!(text(&no_password.stderr).contains("no password on standard input"));

    let two_factor = desk.login("security@frontdesk.test").await;
    assert_eq!(code(&two_factor), 1);
    assert!(text(&two_factor.stderr).contains("add --totp CODE"));
    let with_code = frontdesk(
        &desk.sim.base_url(),
        &desk.data,
        &[
            "login",
            "--email",
            "security@frontdesk.test",
            "--totp",
            "123456",
        ],
        "frontdesk\n",
    )
    .await;
    assert_eq!(code(&with_code), 0, "{}", text(&with_code.stderr));

    let signed_in = desk.login("reception@frontdesk.test").await;
    assert_eq!(code(&signed_in), 0, "{}", text(&signed_in.stderr));
    assert!(text(&signed_in.stdout).contains("Signed in as reception@frontdesk.test (reception)"));
    let status = desk.run(&["queue", "status"]).await;
    assert!(text(&status.stdout).contains("account:          reception@frontdesk.test"));

    // The tokens went to the keyring, and nowhere in the data folder.
    let state = desk.state().await;
    assert!(state["sessions"].as_u64().unwrap_or_default() >= 2);
    for entry in std::fs::read_dir(&desk.data).expect("data").flatten() {
        let bytes = std::fs::read(entry.path()).unwrap_or_default();
        assert!(
            !text(&bytes).contains("access_token"),
            "{}",
            entry.path().display()
        );
    }
}

#[tokio::test]
async fn sync_once_drains_the_queue_and_says_what_remains() {
    let mut desk = desk().await;
    desk.login("reception@frontdesk.test").await;
    let state = desk.state().await;
    let waiting = state["visitors"]
        .as_array()
        .expect("visitors")
        .iter()
        .find(|v| v["BusinessId"] == SHOREDITCH && v["Arrived"] == false)
        .expect("someone expected")["Id"]
        .as_i64()
        .expect("id");
    desk.enqueue(Operation::CheckIn {
        target: Target::Server(waiting),
        at: Utc::now(),
        location: Some("Front Desk CLI".into()),
    })
    .await;
    desk.enqueue(Operation::WalkIn {
        visitor: Box::new(NewVisitor::walk_in(
            SHOREDITCH,
            "Cli Walkin",
            "cli.walkin@guests.frontdesk.test",
        )),
        host_name: None,
    })
    .await;

    let list = desk.run(&["queue", "list"]).await;
    let listed = text(&list.stdout);
    assert!(
        listed.contains("pending") && listed.contains("Walk-in Cli Walkin"),
        "{listed}"
    );
    let csv = text(&desk.run(&["queue", "list", "--format", "csv"]).await.stdout);
    assert_eq!(csv.lines().count(), 3, "a header and two rows: {csv}");
    assert!(csv.starts_with("id,state,kind,summary,"));

    // Offline: nothing is lost, and the exit status says changes wait.
    let (sim_state, addr) = (desk.sim.sim.clone(), desk.sim.addr);
    let running = std::mem::replace(
        &mut desk.sim,
        nexudus_sim::start(StartOptions::default())
            .await
            .expect("placeholder"),
    );
    running.stop().await;
    let offline = frontdesk(
        &format!("http://{addr}"),
        &desk.data,
        &["sync", "--once"],
        "",
    )
    .await;
    assert_eq!(code(&offline), 3, "{}", text(&offline.stdout));
    assert!(text(&offline.stdout).contains("2 still waiting"));

    desk.sim = nexudus_sim::start_with(sim_state, addr)
        .await
        .expect("back");
    let synced = desk.run(&["sync", "--once"]).await;
    assert_eq!(
        code(&synced),
        0,
        "{}{}",
        text(&synced.stdout),
        text(&synced.stderr)
    );
    assert!(text(&synced.stdout).contains("Sent 2 change(s). 0 still waiting, 0 need attention."));
    let state = desk.state().await;
    let visitors = state["visitors"].as_array().expect("visitors");
    assert!(visitors
        .iter()
        .any(|v| v["Id"] == waiting && v["Arrived"] == true));
    assert_eq!(
        visitors
            .iter()
            .filter(|v| v["FullName"] == "Cli Walkin")
            .count(),
        1
    );

    // Export: the whole history, as JSON or into a CSV file.
    let export = desk.run(&["queue", "export"]).await;
    let ops: Value = serde_json::from_slice(&export.stdout).expect("json export");
    assert_eq!(ops.as_array().map(Vec::len), Some(2));
    assert!(ops
        .as_array()
        .expect("ops")
        .iter()
        .all(|op| op["state"] == "done"));
    let file = desk.data.join("queue.csv");
    let to_file = desk
        .run(&[
            "queue",
            "export",
            "--format",
            "csv",
            "--output",
            file.to_str().expect("path"),
        ])
        .await;
    assert_eq!(code(&to_file), 0);
    let csv = std::fs::read_to_string(&file).expect("csv file");
    assert_eq!(
        csv.lines().filter(|l| l.contains(",done,")).count(),
        2,
        "{csv}"
    );
    let open = text(&desk.run(&["queue", "list"]).await.stdout);
    assert!(open.contains("The queue is empty."), "{open}");
}

#[tokio::test]
async fn sync_once_reports_changes_that_need_a_person() {
    let desk = desk().await;
    let login = frontdesk(
        &desk.sim.base_url(),
        &desk.data,
        &[
            "login",
            "--email",
            "ana@frontdesk.test",
            "--space",
            "shoreditch",
        ],
        "frontdesk\n",
    )
    .await;
    assert_eq!(code(&login), 0, "{}", text(&login.stderr));
    desk.enqueue(Operation::Register {
        visits: vec![Registration {
            business_id: SHOREDITCH,
            full_name: "Refused Guest".into(),
            email: Some("refused@example.com".into()),
            phone_number: None,
            expected_arrival: Utc::now() + Duration::days(1),
            customer_notes: None,
        }],
    })
    .await;
    let sync = desk.run(&["sync", "--once"]).await;
    assert_eq!(code(&sync), 4, "{}", text(&sync.stdout));
    let listed = text(&desk.run(&["queue", "list"]).await.stdout);
    assert!(
        listed.contains("needs_attention") && listed.contains("Invalid Email Address"),
        "{listed}"
    );
}

#[tokio::test]
async fn doctor_checks_each_part_and_fails_clearly() {
    let desk = desk().await;
    let healthy = desk.run(&["doctor"]).await;
    let report = text(&healthy.stdout);
    assert_eq!(code(&healthy), 0, "{report}");
    for check in [
        "keyring",
        "notifications",
        "server",
        "clock",
        "policy",
        "database",
    ] {
        assert!(
            report
                .lines()
                .any(|l| l.starts_with("PASS") && l.contains(check)),
            "{check}: {report}"
        );
    }
    assert!(report.contains("All 6 checks passed."));
    assert!(report.contains("no policy file at "), "{report}");

    // The organisation's policy: what it locks, and a malformed file as a failure.
    let policy = desk.data.with_extension("org-policy.toml");
    std::fs::write(
        &policy,
        "retention_days = 14\nlocked = [\"retention_days\"]\n",
    )
    .expect("policy");
    let read = frontdesk_under(&desk.sim.base_url(), &desk.data, &["doctor"], "", &policy).await;
    let report = text(&read.stdout);
    assert_eq!(code(&read), 0, "{report}");
    assert!(
        report.contains("locks retention_days") && !report.contains("so far"),
        "{report}"
    );
    std::fs::write(
        &policy,
        "retention_days = 14\nlocked = [\"retension_days\"]\n",
    )
    .expect("policy");
    let malformed =
        frontdesk_under(&desk.sim.base_url(), &desk.data, &["doctor"], "", &policy).await;
    let report = text(&malformed.stdout);
    assert_eq!(code(&malformed), 1, "{report}");
    let line = report
        .lines()
        .find(|l| l.starts_with("FAIL") && l.contains("policy"))
        .unwrap_or_else(|| panic!("no failed policy line: {report}"));
    assert!(
        line.contains("org-policy.toml") && line.contains("retension_days"),
        "{line}"
    );

    // A locked server: `login --server` cannot send this desk's password elsewhere.
    std::fs::write(
        &policy,
        "server = \"https://spaces.nexudus.com\"\nlocked = [\"server\"]\n",
    )
    .expect("policy");
    let elsewhere = frontdesk_under(
        &desk.sim.base_url(),
        &desk.data,
        &[
            "login",
            "--email",
            "reception@frontdesk.test",
            "--server",
            "https://staging.example.test",
        ],
        "frontdesk\n",
        &policy,
    )
    .await;
    assert_ne!(code(&elsewhere), 0);
    assert!(
        text(&elsewhere.stderr).contains("set by your organisation"),
        "{}",
        text(&elsewhere.stderr)
    );
    let _ = std::fs::remove_file(&policy);

    // Nothing listens on port 9 of this computer.
    let unreachable = frontdesk("http://127.0.0.1:9", &desk.data, &["doctor", "--json"], "").await;
    assert_eq!(code(&unreachable), 1);
    let checks: Value = serde_json::from_slice(&unreachable.stdout).expect("json");
    let server = checks
        .as_array()
        .expect("checks")
        .iter()
        .find(|c| c["name"] == "server")
        .expect("server check")
        .clone();
    assert_eq!(server["passed"], false);
    assert!(server["detail"]
        .as_str()
        .is_some_and(|d| d.contains("cannot be reached")));

    // A damaged database is named as the window's recovery screen names it.
    let broken = desk.data.with_extension("broken");
    std::fs::create_dir_all(&broken).expect("folder");
    std::fs::write(
        broken.join("frontdesk.sqlite3"),
        "not a database\n".repeat(100),
    )
    .expect("garbage");
    let damaged = frontdesk(&desk.sim.base_url(), &broken, &["doctor", "--json"], "").await;
    assert_eq!(code(&damaged), 1);
    let checks: Value = serde_json::from_slice(&damaged.stdout).expect("json");
    let database = checks
        .as_array()
        .expect("checks")
        .iter()
        .find(|c| c["name"] == "database")
        .expect("database check")
        .clone();
    assert_eq!(database["passed"], false);
    assert!(
        database["detail"].as_str().is_some_and(
            |d| d.contains("damaged or is not a database") && d.contains("frontdesk.sqlite3")
        ),
        "{database}"
    );
    let _ = std::fs::remove_dir_all(&broken);
}

/// The app and IT's `frontdesk sync --once` share one data folder and drain the same queue at
/// the same moment, through a slow server: each walk-in reaches Nexudus once.
#[tokio::test]
async fn the_app_and_the_cli_on_one_data_folder_send_each_walk_in_once() {
    const WALK_INS: usize = 50;
    let desk = desk().await;
    let login = desk.login("reception@frontdesk.test").await;
    assert_eq!(code(&login), 0, "{}", text(&login.stderr));
    for n in 0..WALK_INS {
        desk.enqueue(Operation::WalkIn {
            visitor: Box::new(NewVisitor::walk_in(
                SHOREDITCH,
                &format!("Shared Folder {n:02}"),
                &format!("shared.{n}@guests.frontdesk.test"),
            )),
            host_name: None,
        })
        .await;
    }
    reqwest::Client::new()
        .post(format!("{}/_sim/faults", desk.sim.base_url()))
        .json(
            &serde_json::json!({"method": "POST", "path": "/api/spaces/visitors",
            "kind": "delay", "ms": 150, "count": WALK_INS * 2}),
        )
        .send()
        .await
        .expect("fault");

    // The app (its window under the session's X server) and the CLI, started together; the
    // window takes its turn among the binary's windows.
    let _turn = crate::e2e::turn().await;
    let mut app = Command::new(env!("CARGO_BIN_EXE_frontdesk"))
        .env("FRONTDESK_NEXUDUS_URL", desk.sim.base_url())
        .env("FRONTDESK_DATA_DIR", &desk.data)
        .env("FRONTDESK_LOG_DIR", desk.data.join("logs"))
        .env("WEBKIT_DISABLE_DMABUF_RENDERER", "1")
        .env_remove("FRONTDESK_DEMO")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("app");
    let cli = desk.run(&["sync", "--once"]).await;
    let cli_said = format!("{}{}", text(&cli.stdout), text(&cli.stderr));

    // Whoever sends, the queue empties; wait for the app to finish what it took.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(240);
    let store = Store::open(&desk.data).await.expect("store");
    loop {
        let counts = store.queue_counts(None).await.expect("counts");
        if counts.done == WALK_INS as i64 {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "not drained: {counts:?}; the CLI said: {cli_said}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
    }
    let _ = app.kill();
    let _ = app.wait();

    let state = desk.state().await;
    let visitors = state["visitors"].as_array().expect("visitors");
    for n in 0..WALK_INS {
        let name = format!("Shared Folder {n:02}");
        let copies = visitors.iter().filter(|v| v["FullName"] == name).count();
        assert_eq!(copies, 1, "{name}; the CLI said: {cli_said}");
    }
    eprintln!("app + CLI: {WALK_INS} walk-ins, each once; the CLI said: {cli_said}");
}
