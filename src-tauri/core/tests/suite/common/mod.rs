//! A simulator in this process, and clients of it.
#![allow(dead_code)]

pub mod cups;
pub mod notify_monitor;

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use frontdesk_core::nexudus::pacing::PaceLimits;
use frontdesk_core::nexudus::{ApiError, ClientConfig, Endpoints, NexudusClient};
use frontdesk_core::secrets::{MemoryStore, Secret, SecretStore};
use nexudus_sim::{DataSet, RunningSim, SimConfig, StartOptions};
use serde_json::{json, Value};

pub const PASSWORD: &str = "frontdesk";
/// Requests time out sooner than in the app, so a lost answer is looked for within seconds.
pub const TEST_TIMEOUT: Duration = Duration::from_millis(1500);
pub const RECEPTION: &str = "reception@frontdesk.test";
pub const SECURITY: &str = "security@frontdesk.test";
pub const BILLING: &str = "billing@frontdesk.test";
pub const ANA: &str = "ana@frontdesk.test";
pub const BEN: &str = "ben@frontdesk.test";
pub const SHOREDITCH: i64 = 1001;
pub const ANA_COWORKER: i64 = 2001;

pub struct Harness {
    pub sim: RunningSim,
    pub http: reqwest::Client,
    pub store: Arc<MemoryStore>,
}

/// A simulator with its rate limits off (tests send back to back) unless `patch` turns them on.
pub async fn harness(patch: Value) -> Harness {
    harness_with(patch, DataSet::Demo).await
}

/// A simulator with the accounts and locations of the demo space and no visitors: the test
/// adds the visitors it needs, relative to the moment it runs ([`Harness::add_visitor`]).
pub async fn empty_harness(patch: Value) -> Harness {
    harness_with(patch, DataSet::Empty).await
}

async fn harness_with(patch: Value, data: DataSet) -> Harness {
    let mut config_patch = json!({"rate_limits": false});
    if let (Value::Object(base), Value::Object(extra)) = (&mut config_patch, patch) {
        base.extend(extra);
    }
    let config = SimConfig::default()
        .patched(&config_patch)
        .expect("sim config");
    let sim = nexudus_sim::start(StartOptions {
        config,
        data,
        ..StartOptions::default()
    })
    .await
    .expect("sim starts");
    Harness {
        sim,
        http: reqwest::Client::new(),
        store: Arc::new(MemoryStore::default()),
    }
}

impl Harness {
    pub fn config(&self) -> ClientConfig {
        let endpoints = Endpoints::resolve(Some(&self.sim.base_url()), None).expect("endpoints");
        let mut config = ClientConfig::new(endpoints);
        config.limits = PaceLimits::unlimited();
        config.timeout = Duration::from_secs(5);
        config
    }

    pub async fn sign_in(&self, email: &str) -> NexudusClient {
        self.sign_in_with(self.config(), email).await
    }

    pub async fn sign_in_with(&self, config: ClientConfig, email: &str) -> NexudusClient {
        let store: Arc<dyn SecretStore> = self.store.clone();
        let totp = (email == SECURITY).then_some("123456");
        let as_member = email == ANA || email == BEN;
        NexudusClient::sign_in(
            config,
            store,
            email,
            &Secret::new(PASSWORD),
            totp,
            as_member,
        )
        .await
        .expect("sign in")
    }

    pub async fn control(&self, path: &str, body: Value) {
        self.post_control(path, body).await;
    }

    /// Posts to the simulator's control API; answers its JSON (null for an empty answer).
    async fn post_control(&self, path: &str, body: Value) -> Value {
        let response = self
            .http
            .post(format!("{}{path}", self.sim.base_url()))
            .json(&body)
            .send()
            .await
            .expect("control");
        assert!(
            response.status().is_success(),
            "control {path}: {}",
            response.status()
        );
        let bytes = response.bytes().await.expect("control answer");
        serde_json::from_slice(&bytes).unwrap_or(Value::Null)
    }

    /// Adds a visitor for `host` at `business`, expected at `expected`, as the admin panel
    /// would; answers its id.
    pub async fn add_visitor(
        &self,
        name: &str,
        business: i64,
        host: i64,
        expected: DateTime<Utc>,
    ) -> i64 {
        let body = nexudus_sim::control::registered_visitor(name, business, host, expected);
        let created = self.post_control("/_sim/visitors", body).await;
        created["Id"].as_i64().expect("id")
    }

    pub async fn fault(&self, rule: Value) {
        self.control("/_sim/faults", rule).await;
    }

    pub async fn state(&self) -> Value {
        self.get_json("/_sim/state").await
    }

    pub async fn visitor(&self, id: i64) -> Value {
        self.get_json(&format!("/_sim/visitors/{id}")).await
    }

    pub async fn log(&self) -> Vec<Value> {
        serde_json::from_value(self.get_json("/_sim/log").await).expect("log")
    }

    pub async fn requests_to(&self, method: &str, path: &str) -> usize {
        self.log()
            .await
            .iter()
            .filter(|e| e["method"] == method && e["path"] == path)
            .count()
    }

    pub async fn visitors_named(&self, name: &str) -> Vec<Value> {
        self.state().await["visitors"]
            .as_array()
            .expect("visitors")
            .iter()
            .filter(|v| v["FullName"] == name)
            .cloned()
            .collect()
    }

    async fn get_json(&self, path: &str) -> Value {
        self.http
            .get(format!("{}{path}", self.sim.base_url()))
            .send()
            .await
            .expect("sim get")
            .json()
            .await
            .expect("sim json")
    }
}

/// `minutes` from now, kept inside the location's current day (Shoreditch, London): a test that
/// needs "someone expected today, soon" gets them at 23:58 too.
pub fn today_near(now: DateTime<Utc>, minutes: i64) -> DateTime<Utc> {
    use frontdesk_core::day::{Day, DayZone};
    let day = Day::containing(now, DayZone::Location(chrono_tz::Europe::London));
    (now + chrono::Duration::minutes(minutes)).clamp(day.start, day.end)
}

pub fn is_validation(error: &ApiError) -> bool {
    matches!(error, ApiError::Validation { .. })
}

/// An account signed in to `server` with tokens kept in memory, on a store; members sign in at
/// the demo space.
pub async fn accounts_for(
    store: &frontdesk_core::store::Store,
    server: &str,
    email: &str,
) -> Arc<frontdesk_core::account::Accounts> {
    let secrets: Arc<dyn SecretStore> = Arc::new(MemoryStore::default());
    let accounts = Arc::new(
        frontdesk_core::account::Accounts::new(store.clone(), secrets, Some(server.to_string()))
            .with_limits(PaceLimits::unlimited())
            .with_timeout(Some(TEST_TIMEOUT)),
    );
    let member = email == ANA || email == BEN;
    accounts
        .sign_in(frontdesk_core::account::SignInRequest {
            email: email.into(),
            password: Secret::new(PASSWORD),
            totp: (email == SECURITY).then(|| "123456".to_string()),
            space: member.then(|| "shoreditch".to_string()),
            server: None,
        })
        .await
        .expect("sign in");
    accounts
}

/// A whole desk on a fresh data folder, signed in: store, accounts, sync engine, use cases.
pub struct SignedIn {
    pub dir: std::path::PathBuf,
    pub store: frontdesk_core::store::Store,
    pub accounts: Arc<frontdesk_core::account::Accounts>,
    pub engine: Arc<frontdesk_core::sync::SyncEngine>,
    pub desk: Arc<frontdesk_core::desk::Desk>,
}

impl Drop for SignedIn {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

pub async fn signed_in(h: &Harness, email: &str) -> SignedIn {
    // No organisation policy: a file in this machine's /etc is not the test's.
    signed_in_under(
        h,
        email,
        Some(frontdesk_core::policy::PolicyState::default()),
    )
    .await
}

/// As [`signed_in`], on a desk under the organisation's `policy`.
pub async fn signed_in_under(
    h: &Harness,
    email: &str,
    policy: Option<frontdesk_core::policy::PolicyState>,
) -> SignedIn {
    let dir = std::env::temp_dir().join(format!("frontdesk-test-{}", uuid::Uuid::new_v4()));
    let mut store = frontdesk_core::store::Store::open(&dir)
        .await
        .expect("store");
    if let Some(policy) = policy {
        store = store.with_policy(policy);
    }
    let accounts = accounts_for(&store, &h.sim.base_url(), email).await;
    let core = frontdesk_core::wiring::Core::assemble(
        store,
        accounts,
        Arc::new(frontdesk_core::arrivals::Silent),
    );
    SignedIn {
        dir,
        store: core.store,
        accounts: core.accounts,
        engine: core.engine,
        desk: core.desk,
    }
}

/// A visitor named by their server id, as the window names one it was sent.
pub fn by(id: i64) -> frontdesk_core::desk::VisitorRef {
    frontdesk_core::desk::VisitorRef {
        id: Some(id),
        queued_id: None,
    }
}
