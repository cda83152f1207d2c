//! What the sections share: percentiles, a simulator with scaled limits, signed-in accounts.

use std::sync::Arc;
use std::time::Duration;

use frontdesk_core::account::{Accounts, SignInRequest};
use frontdesk_core::nexudus::pacing::PaceLimits;
use frontdesk_core::secrets::{MemoryStore, Secret, SecretStore};
use frontdesk_core::store::Store;
use nexudus_sim::{RunningSim, SimConfig, StartOptions};
use serde_json::{json, Map, Value};

pub const SHOREDITCH: i64 = 1001;
pub const ANA_COWORKER: i64 = 2001;

/// The value below which `p` of the samples fall (nearest rank).
pub fn percentile(samples: &[f64], p: f64) -> f64 {
    if samples.is_empty() {
        return f64::NAN;
    }
    let mut sorted = samples.to_vec();
    sorted.sort_by(|a, b| a.total_cmp(b));
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

pub fn round(value: f64, places: i32) -> f64 {
    let factor = 10f64.powi(places);
    (value * factor).round() / factor
}

pub fn temp_dir(name: &str) -> std::path::PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    std::env::temp_dir().join(format!(
        "frontdesk-bench-{name}-{}-{nanos}",
        std::process::id()
    ))
}

pub async fn sim(config: Value) -> Result<RunningSim, String> {
    let config = SimConfig::default()
        .patched(&config)
        .map_err(|e| format!("sim config: {e}"))?;
    nexudus_sim::start(StartOptions {
        config,
        ..StartOptions::default()
    })
    .await
    .map_err(|e| e.to_string())
}

/// Signs `email` in on a fresh store (tokens in memory: the keyring is not what is measured).
pub async fn signed_in(
    sim: &RunningSim,
    email: &str,
    limits: PaceLimits,
    store: &Store,
) -> Result<Arc<Accounts>, String> {
    signed_in_with(sim, email, limits, store, Arc::new(MemoryStore::default())).await
}

pub async fn signed_in_with(
    sim: &RunningSim,
    email: &str,
    limits: PaceLimits,
    store: &Store,
    secrets: Arc<dyn SecretStore>,
) -> Result<Arc<Accounts>, String> {
    let accounts =
        Arc::new(Accounts::new(store.clone(), secrets, Some(sim.base_url())).with_limits(limits));
    let member = email.starts_with("ana@") || email.starts_with("ben@");
    accounts
        .sign_in(SignInRequest {
            email: email.into(),
            password: Secret::new("frontdesk"),
            totp: None,
            space: member.then(|| "shoreditch".to_string()),
            server: None,
        })
        .await
        .map_err(|e| format!("sign in {email}: {e}"))?;
    Ok(accounts)
}

/// Adds visitors straight into the simulator's world (not through the API being measured).
pub fn add_visitors(
    sim: &RunningSim,
    count: usize,
    name: impl Fn(usize) -> String,
    expected: impl Fn(usize) -> chrono::DateTime<chrono::Utc>,
    host: Option<i64>,
) -> Result<Vec<i64>, String> {
    let config = sim
        .sim
        .config
        .lock()
        .map_err(|_| "sim config lock".to_string())?
        .clone();
    let mut world = sim.sim.world.lock().map_err(|_| "sim lock".to_string())?;
    let now = chrono::Utc::now();
    let mut ids = Vec::with_capacity(count);
    for n in 0..count {
        let mut body = json!({
            "BusinessId": SHOREDITCH,
            "FullName": name(n),
            "Email": format!("bench{n}@guests.frontdesk.test"),
            "VisitorSource": 1,
            "HostApprovalStatus": 1,
            "ExpectedArrival": expected(n).format("%Y-%m-%dT%H:%M:%S").to_string(),
        });
        if let Some(host) = host {
            body["CoworkerId"] = json!(host);
        }
        let body: Map<String, Value> = body.as_object().cloned().unwrap_or_default();
        let id = world
            .create_visitor(&body, "bench@frontdesk.test", now, &config)
            .map_err(|e| format!("create: {e:?}"))?;
        ids.push(id);
    }
    Ok(ids)
}

/// The simulator's request log.
pub fn log(sim: &RunningSim) -> Vec<nexudus_sim::log::LogEntry> {
    sim.sim
        .log
        .lock()
        .map(|log| log.since(0))
        .unwrap_or_default()
}

pub fn is_write(method: &str) -> bool {
    matches!(method, "POST" | "PUT" | "DELETE")
}

pub fn is_api(path: &str) -> bool {
    path.starts_with("/api/") && path != "/api/token"
}

pub async fn sleep_ms(ms: u64) {
    tokio::time::sleep(Duration::from_millis(ms)).await;
}
