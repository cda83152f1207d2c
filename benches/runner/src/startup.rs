//! Start to usable, and memory, against an empty Tauri window (same Tauri, empty page), the
//! two launched alternately in one run. Front Desk starts signed in with 5,000 visitors cached;
//! "usable" is today's list handed to the window from the cache. Memory is the proportional
//! set size of the app and its WebKit processes, at idle. Needs an X display (Xvfb).

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{Duration as Minutes, Utc};
use frontdesk_core::arrivals::Silent;
use frontdesk_core::nexudus::pacing::PaceLimits;
use frontdesk_core::secrets::KeyringStore;
use frontdesk_core::store::settings::LOCATION as LOCATION_SETTING;
use frontdesk_core::store::Store;
use frontdesk_core::wiring::Core;
use serde_json::{json, Value};

use crate::support::*;

const CACHED: usize = 5_000;
const IDLE: Duration = Duration::from_secs(4);

struct Launched {
    child: Child,
    lines: mpsc::Receiver<String>,
    started: Instant,
}

fn launch(binary: &str, env: &[(&str, String)]) -> Result<Launched, String> {
    let mut command = Command::new(binary);
    command
        .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
        .env("WEBKIT_DISABLE_DMABUF_RENDERER", "1")
        .env("FRONTDESK_MILESTONES", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    let started = Instant::now();
    let mut child = command.spawn().map_err(|e| format!("{binary}: {e}"))?;
    let stderr = child.stderr.take().ok_or("no stderr")?;
    let (send, lines) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if send.send(line).is_err() {
                break;
            }
        }
    });
    Ok(Launched {
        child,
        lines,
        started,
    })
}

impl Launched {
    /// Milliseconds from the spawn to the milestone `name` (a `milestone {json}` line on
    /// stderr), and what the milestone said.
    fn until(&self, name: &str) -> Result<(f64, Value), String> {
        let deadline = self.started + Duration::from_secs(60);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    let Some(said) = line
                        .strip_prefix("milestone ")
                        .and_then(|json| serde_json::from_str::<Value>(json).ok())
                    else {
                        continue;
                    };
                    if said["name"] == name {
                        return Ok((self.started.elapsed().as_secs_f64() * 1000.0, said));
                    }
                }
                Err(_) => return Err(format!("never reached the milestone {name:?}")),
            }
        }
    }

    fn pss_mb(&self) -> f64 {
        let mut pids = vec![self.child.id()];
        pids.extend(descendants(self.child.id()));
        let kb: u64 = pids.iter().map(|pid| pss_kb(*pid)).sum();
        kb as f64 / 1024.0
    }

    fn end(mut self) {
        let family = descendants(self.child.id());
        let _ = Command::new("kill")
            .arg(self.child.id().to_string())
            .status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        for pid in family {
            let _ = Command::new("kill")
                .args(["-KILL", &pid.to_string()])
                .stderr(Stdio::null())
                .status();
        }
    }
}

fn pss_kb(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup"))
        .ok()
        .and_then(|text| {
            text.lines()
                .find(|l| l.starts_with("Pss:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse().ok())
        })
        .unwrap_or_default()
}

/// Every process whose parent chain leads to `root` (WebKit's web and network processes).
fn descendants(root: u32) -> Vec<u32> {
    let mut parents = Vec::new();
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        // The parent id follows the command name, which is in parentheses and may hold spaces.
        let ppid = stat
            .rsplit_once(')')
            .and_then(|(_, rest)| rest.split_whitespace().nth(1))
            .and_then(|p| p.parse::<u32>().ok());
        if let Some(ppid) = ppid {
            parents.push((pid, ppid));
        }
    }
    let mut found = vec![root];
    let mut index = 0;
    while index < found.len() {
        let parent = found[index];
        found.extend(
            parents
                .iter()
                .filter(|(_, p)| *p == parent)
                .map(|(pid, _)| *pid),
        );
        index += 1;
    }
    found.remove(0);
    found
}

/// A data folder signed in (tokens in the session's keyring) with today's big list cached.
async fn prepared_desk(sim: &nexudus_sim::RunningSim) -> Result<std::path::PathBuf, String> {
    let today = Utc::now()
        .date_naive()
        .and_hms_opt(9, 0, 0)
        .ok_or("time")?
        .and_utc();
    add_visitors(
        sim,
        CACHED,
        |n| format!("Guest {n:05}"),
        |n| today + Minutes::minutes((n % 480) as i64),
        None,
    )?;
    let dir = temp_dir("startup");
    let store = Store::open(&dir).await.map_err(|e| e.to_string())?;
    let accounts = signed_in_with(
        sim,
        "reception@frontdesk.test",
        PaceLimits::default(),
        &store,
        Arc::new(KeyringStore::default()),
    )
    .await?;
    let desk = Core::assemble(store.clone(), accounts, Arc::new(Silent)).desk;
    let rows = desk
        .refresh_today(SHOREDITCH)
        .await
        .map_err(|e| e.to_string())?;
    if rows.len() < CACHED {
        return Err(format!("only {} rows cached", rows.len()));
    }
    store
        .set_setting(LOCATION_SETTING, &SHOREDITCH)
        .await
        .map_err(|e| e.to_string())?;
    store.pool().close().await;
    Ok(dir)
}

pub async fn run(quick: bool) -> Result<Value, String> {
    if std::env::var_os("DISPLAY").is_none() {
        return Err("no X display: run inside scripts/with-session.sh".into());
    }
    let rounds = if quick { 2 } else { 5 };
    let app = std::env::var("BENCH_APP").unwrap_or_else(|_| "target/release/frontdesk".into());
    let reference =
        std::env::var("BENCH_REFERENCE").unwrap_or_else(|_| "target/release/empty-window".into());
    let sim = sim(json!({})).await?;
    let dir = prepared_desk(&sim).await?;
    let logs = temp_dir("startup-logs");
    let app_env = [
        ("FRONTDESK_DATA_DIR", dir.display().to_string()),
        ("FRONTDESK_NEXUDUS_URL", sim.base_url()),
        ("FRONTDESK_LOG_DIR", logs.display().to_string()),
        ("RUST_LOG", "warn".to_string()),
    ];
    let (mut reference_paint, mut app_paint, mut app_usable) = (Vec::new(), Vec::new(), Vec::new());
    let (mut reference_pss, mut app_pss) = (Vec::new(), Vec::new());
    let mut rows_line = String::new();
    for _ in 0..rounds {
        let empty = launch(&reference, &[])?;
        reference_paint.push(empty.until("page_loaded")?.0);
        tokio::time::sleep(IDLE).await;
        reference_pss.push(empty.pss_mb());
        empty.end();

        let desk = launch(&app, &app_env)?;
        app_paint.push(desk.until("page_loaded")?.0);
        let (usable, said) = desk.until("today_served")?;
        app_usable.push(usable);
        rows_line = format!("today's list served ({} rows)", said["rows"]);
        tokio::time::sleep(IDLE).await;
        app_pss.push(desk.pss_mb());
        desk.end();
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&logs);
    let median = |v: &Vec<f64>| round(percentile(v, 50.0), 0);
    Ok(json!({
        "rounds": rounds,
        "reference_page_loaded_ms": median(&reference_paint),
        "app_page_loaded_ms": median(&app_paint),
        "app_today_shown_ms": median(&app_usable),
        "slower_than_reference_ms": median(&app_usable) - median(&reference_paint),
        "reference_pss_mb": round(percentile(&reference_pss, 50.0), 1),
        "app_pss_mb": round(percentile(&app_pss, 50.0), 1),
        "extra_pss_mb": round(percentile(&app_pss, 50.0) - percentile(&reference_pss, 50.0), 1),
        "today_line": rows_line.trim(),
        "samples": {
            "reference_page_loaded_ms": reference_paint,
            "app_today_shown_ms": app_usable,
            "reference_pss_mb": reference_pss,
            "app_pss_mb": app_pss,
        },
    }))
}
