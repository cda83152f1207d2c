//! The test-only control API under `/_sim/` (no auth): state, request log, kiosk check-ins,
//! host approval, faults, token expiry, config and reset. See the crate README.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use chrono::Duration;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::config::{DateFormat, SimConfig};
use crate::faults::FaultRule;
use crate::respond::{self, query_pairs};
use crate::state::{lock, DataSet, Sim};

fn bad_request(message: impl std::fmt::Display) -> Response {
    respond::json(
        StatusCode::BAD_REQUEST,
        json!({ "error": message.to_string() }),
    )
}

fn parse_body<T: for<'de> Deserialize<'de> + Default>(body: &Bytes) -> Result<T, Response> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(T::default());
    }
    serde_json::from_slice(body).map_err(bad_request)
}

/// A canonical view of the data (UTC `Z` dates, full records) whatever the config says.
fn canonical() -> SimConfig {
    SimConfig {
        date_format: DateFormat::Z,
        partial_list_rows: false,
        ..SimConfig::default()
    }
}

pub async fn state(State(sim): State<Arc<Sim>>) -> Response {
    let canonical = canonical();
    let world = lock(&sim.world);
    let visitors: Vec<Value> = world
        .visitors
        .values()
        .map(|v| world.admin_json(v, &canonical, false))
        .collect();
    respond::json(
        StatusCode::OK,
        json!({
            "now": Sim::now(),
            "businesses": world.businesses.iter().map(|b| world.business_json(b)).collect::<Vec<_>>(),
            "coworkers": world.coworkers.iter().map(|c| world.coworker_json(c)).collect::<Vec<_>>(),
            "visitors": visitors,
            "notices": world.notices,
            "webhooks": world.webhooks,
            "sessions": world.sessions.len(),
        }),
    )
}

pub async fn visitor(State(sim): State<Arc<Sim>>, Path(id): Path<i64>) -> Response {
    let world = lock(&sim.world);
    match world.visitors.get(&id) {
        Some(v) => respond::json(StatusCode::OK, world.admin_json(v, &canonical(), false)),
        None => respond::empty(StatusCode::NOT_FOUND),
    }
}

pub async fn log(State(sim): State<Arc<Sim>>, RawQuery(query): RawQuery) -> Response {
    let since = query_pairs(query.as_deref())
        .into_iter()
        .find(|(k, _)| k == "since")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let entries = lock(&sim.log).since(since);
    respond::json(StatusCode::OK, json!(entries))
}

#[derive(Default, Deserialize)]
pub struct CheckInBody {
    location: Option<String>,
    by: Option<String>,
    /// When the visitor arrived (any date form); now if absent.
    at: Option<String>,
}

/// Checks a visitor in as if at a NexIO kiosk or another desk.
pub async fn check_in(State(sim): State<Arc<Sim>>, Path(id): Path<i64>, body: Bytes) -> Response {
    let body: CheckInBody = match parse_body(&body) {
        Ok(body) => body,
        Err(bad) => return bad,
    };
    let location = body.location.or_else(|| Some("NexIO kiosk".into()));
    let by = body.by.unwrap_or_else(|| "kiosk@nexio".into());
    let at = match body.at.as_deref().map(crate::dates::parse) {
        None => Sim::now(),
        Some(Some(at)) => at,
        Some(None) => return bad_request("`at` is not a date"),
    };
    if lock(&sim.world).check_in(id, location, "kiosk", &by, at) {
        respond::empty(StatusCode::NO_CONTENT)
    } else {
        respond::empty(StatusCode::NOT_FOUND)
    }
}

pub async fn check_out(State(sim): State<Arc<Sim>>, Path(id): Path<i64>) -> Response {
    if lock(&sim.world).check_out(id, "kiosk@nexio", Sim::now()) {
        respond::empty(StatusCode::NO_CONTENT)
    } else {
        respond::empty(StatusCode::NOT_FOUND)
    }
}

/// The admin POST body of a visitor pre-registered for `host` at `business`, expected at
/// `expected`: what tests send to `POST /_sim/visitors`.
pub fn registered_visitor(
    name: &str,
    business: i64,
    host: i64,
    expected: chrono::DateTime<chrono::Utc>,
) -> Value {
    let local_part: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    json!({
        "BusinessId": business,
        "CoworkerId": host,
        "FullName": name,
        "Email": format!("{local_part}@guests.frontdesk.test"),
        "ExpectedArrival": expected.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        "VisitorSource": 3,
        "HostApprovalStatus": 1,
    })
}

/// Adds a visitor as the admin panel would (an admin POST body), so a test can build the
/// situation it needs relative to the moment it runs instead of relying on the demo day.
/// Answers `{"Id": n}`.
pub async fn add_visitor(State(sim): State<Arc<Sim>>, body: Bytes) -> Response {
    let body: serde_json::Map<String, Value> = match serde_json::from_slice(&body) {
        Ok(body) => body,
        Err(e) => return bad_request(e),
    };
    let config = sim.config();
    let created = lock(&sim.world).create_visitor(&body, "admin@panel", Sim::now(), &config);
    match created {
        Ok(id) => respond::json(StatusCode::OK, json!({ "Id": id })),
        Err(errors) => bad_request(
            errors
                .iter()
                .map(|e| format!("{e:?}"))
                .collect::<Vec<_>>()
                .join("; "),
        ),
    }
}

#[derive(Default, Deserialize)]
pub struct ApprovalBody {
    status: i64,
}

/// Sets the host's answer to a walk-in (3 rejected, 4 collect at reception, 5 send up).
pub async fn approval(State(sim): State<Arc<Sim>>, Path(id): Path<i64>, body: Bytes) -> Response {
    let body: ApprovalBody = match parse_body(&body) {
        Ok(body) => body,
        Err(bad) => return bad,
    };
    if !(1..=5).contains(&body.status) {
        return bad_request("status must be 1 to 5");
    }
    let now = Sim::now();
    let mut world = lock(&sim.world);
    match world.visitors.get_mut(&id) {
        Some(visitor) => {
            visitor.host_approval_status = body.status;
            visitor.updated_on = now;
            visitor.updated_by = "host@portal".into();
            respond::empty(StatusCode::NO_CONTENT)
        }
        None => respond::empty(StatusCode::NOT_FOUND),
    }
}

/// Adds one fault rule or an array of them; answers their ids.
pub async fn add_faults(State(sim): State<Arc<Sim>>, body: Bytes) -> Response {
    let rules: Vec<FaultRule> = match serde_json::from_slice::<Value>(&body) {
        Ok(Value::Array(items)) => match serde_json::from_value(Value::Array(items)) {
            Ok(rules) => rules,
            Err(e) => return bad_request(e),
        },
        Ok(single) => match serde_json::from_value(single) {
            Ok(rule) => vec![rule],
            Err(e) => return bad_request(e),
        },
        Err(e) => return bad_request(e),
    };
    let mut book = lock(&sim.faults);
    let ids: Vec<u64> = rules.into_iter().map(|rule| book.add(rule)).collect();
    respond::json(StatusCode::OK, json!({ "ids": ids }))
}

pub async fn list_faults(State(sim): State<Arc<Sim>>) -> Response {
    respond::json(StatusCode::OK, json!(lock(&sim.faults).rules()))
}

pub async fn clear_faults(State(sim): State<Arc<Sim>>) -> Response {
    lock(&sim.faults).clear();
    respond::empty(StatusCode::NO_CONTENT)
}

#[derive(Default, Deserialize)]
pub struct ExpireBody {
    #[serde(default)]
    refresh: bool,
}

/// Expires every access token (and, with `{"refresh": true}`, every refresh token).
pub async fn expire_tokens(State(sim): State<Arc<Sim>>, body: Bytes) -> Response {
    let body: ExpireBody = match parse_body(&body) {
        Ok(body) => body,
        Err(bad) => return bad,
    };
    let past = Sim::now() - Duration::seconds(1);
    let mut world = lock(&sim.world);
    for session in world.sessions.values_mut() {
        session.expires_at = past;
    }
    if body.refresh {
        for grant in world.refresh_grants.values_mut() {
            grant.expires_at = past;
        }
    }
    respond::empty(StatusCode::NO_CONTENT)
}

#[derive(Default, Deserialize)]
pub struct ThrottleBody {
    count: u32,
}

/// Throttles the next N API requests, whatever their route.
pub async fn throttle(State(sim): State<Arc<Sim>>, body: Bytes) -> Response {
    let body: ThrottleBody = match parse_body(&body) {
        Ok(body) => body,
        Err(bad) => return bad,
    };
    lock(&sim.limiter).forced = body.count;
    respond::empty(StatusCode::NO_CONTENT)
}

pub async fn get_config(State(sim): State<Arc<Sim>>) -> Response {
    respond::json(StatusCode::OK, json!(sim.config()))
}

pub async fn patch_config(State(sim): State<Arc<Sim>>, body: Bytes) -> Response {
    let patch: Value = match serde_json::from_slice(&body) {
        Ok(patch) => patch,
        Err(e) => return bad_request(e),
    };
    let mut config = lock(&sim.config);
    match config.patched(&patch) {
        Ok(next) => {
            *config = next;
            respond::json(StatusCode::OK, json!(*config))
        }
        Err(e) => bad_request(e),
    }
}

#[derive(Default, Deserialize)]
pub struct ResetBody {
    #[serde(default)]
    data: DataSet,
}

pub async fn reset(State(sim): State<Arc<Sim>>, body: Bytes) -> Response {
    let body: ResetBody = match parse_body(&body) {
        Ok(body) => body,
        Err(bad) => return bad,
    };
    sim.reset(body.data);
    respond::empty(StatusCode::NO_CONTENT)
}
