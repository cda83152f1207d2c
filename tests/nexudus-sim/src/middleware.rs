//! Runs around every Nexudus route: logs the request, applies injected faults, then the rate
//! limits; a throttled or faulted request never reaches the handler (so is never applied),
//! except `drop_after_apply`, which is the point of it.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use tokio_util::sync::CancellationToken;

use crate::auth::token_owner;
use crate::faults::FaultKind;
use crate::limits::Decision;
use crate::log::LogEntry;
use crate::respond;
use crate::state::{lock, Sim};

/// Closing this drops the request's TCP connection without an answer.
#[derive(Clone)]
pub struct ConnectionKill(pub CancellationToken);

const MAX_LOGGED_BODY: usize = 1 << 20;

pub async fn nexudus(State(sim): State<Arc<Sim>>, request: Request, next: Next) -> Response {
    let offset = sim.config().date_offset_secs;
    let mut response = handle(State(sim), request, next).await;
    if offset != 0 {
        // A server whose clock differs from the desk's: what a desk with a wrong clock sees.
        let at = chrono::Utc::now() + chrono::Duration::seconds(offset);
        let text = at.format("%a, %d %b %Y %H:%M:%S GMT").to_string();
        if let Ok(value) = axum::http::HeaderValue::from_str(&text) {
            response
                .headers_mut()
                .insert(axum::http::header::DATE, value);
        }
    }
    response
}

async fn handle(State(sim): State<Arc<Sim>>, request: Request, next: Next) -> Response {
    let method = request.method().to_string();
    let path = request.uri().path().to_string();
    let query = request.uri().query().map(str::to_string);
    let account = token_owner(&sim, request.headers());
    let kill = request.extensions().get::<ConnectionKill>().cloned();

    // Keep the body for the log (tests assert what was sent), then hand it on.
    let (parts, body) = request.into_parts();
    let bytes = to_bytes(body, MAX_LOGGED_BODY).await.unwrap_or_default();
    let logged_body = (!bytes.is_empty() && path != "/api/token")
        .then(|| String::from_utf8_lossy(&bytes).into_owned());
    let request = Request::from_parts(parts, Body::from(bytes));

    let record = |status: Option<u16>, outcome: &str| {
        lock(&sim.log).push(LogEntry {
            seq: 0,
            at: Sim::now(),
            method: method.clone(),
            path: path.clone(),
            query: query.clone(),
            account: account.clone(),
            status,
            outcome: outcome.to_string(),
            body: logged_body.clone(),
        });
    };

    let fault = lock(&sim.faults).take(&method, &path);
    let config = sim.config();
    let mut drop_after = false;
    match fault {
        Some(FaultKind::Status { status, body }) => {
            let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            record(Some(status.as_u16()), "fault:status");
            return match body {
                Some(body) => respond::text(status, &body),
                None if status == StatusCode::INTERNAL_SERVER_ERROR => respond::server_error(),
                None => respond::empty(status),
            };
        }
        Some(FaultKind::Unsuccessful { message }) => {
            record(Some(200), "fault:unsuccessful");
            return respond::unsuccessful(
                message
                    .as_deref()
                    .unwrap_or("The action could not be completed."),
            );
        }
        Some(FaultKind::Throttle { wait_ms }) => {
            record(Some(config.throttle_status), "throttled");
            return respond::throttled(&config, Duration::from_millis(wait_ms));
        }
        Some(FaultKind::DropBeforeApply) => {
            record(None, "dropped");
            return drop_connection(kill).await;
        }
        Some(FaultKind::Delay { ms }) => tokio::time::sleep(Duration::from_millis(ms)).await,
        Some(FaultKind::ApplyLate { ms, drop }) => {
            let late_sim = sim.clone();
            let (late_method, late_path) = (method.clone(), path.clone());
            tokio::spawn(async move {
                tokio::time::sleep(Duration::from_millis(ms)).await;
                let response = next.run(request).await;
                lock(&late_sim.log).push(LogEntry {
                    seq: 0,
                    at: Sim::now(),
                    method: late_method,
                    path: late_path,
                    query: None,
                    account: None,
                    status: Some(response.status().as_u16()),
                    outcome: "applied late".into(),
                    body: None,
                });
            });
            if drop {
                record(None, "dropped; applying late");
                return drop_connection(kill).await;
            }
            record(Some(504), "fault:gateway timeout; applying late");
            return respond::empty(StatusCode::GATEWAY_TIMEOUT);
        }
        Some(FaultKind::DropAfterApply) => drop_after = true,
        None => {}
    }

    if path != "/api/token" {
        let is_write = [Method::POST, Method::PUT, Method::DELETE]
            .iter()
            .any(|m| m.as_str() == method);
        let is_public = path.starts_with("/api/public/");
        let client = account.clone().unwrap_or_else(|| "anonymous".into());
        let decision =
            lock(&sim.limiter).check(&client, is_write, is_public, Instant::now(), &config);
        if let Decision::Throttle { wait } = decision {
            record(Some(config.throttle_status), "throttled");
            return respond::throttled(&config, wait);
        }
    }

    let request = if config.ignore_page {
        without_page_param(request)
    } else {
        request
    };
    if config.latency_ms > 0 && path != "/api/token" {
        tokio::time::sleep(Duration::from_millis(config.latency_ms)).await;
    }
    let response = next.run(request).await;
    if drop_after {
        record(None, "dropped");
        return drop_connection(kill).await;
    }
    record(Some(response.status().as_u16()), "ok");
    if config.vary_shapes && method == "GET" && response.status().is_success() {
        return vary_list_answer(response).await;
    }
    response
}

/// The request as if it had asked for no page (so, the first).
fn without_page_param(request: Request) -> Request {
    let (mut parts, body) = request.into_parts();
    if let Some(query) = parts.uri.query() {
        let kept: Vec<&str> = query
            .split('&')
            .filter(|pair| !pair.to_ascii_lowercase().starts_with("page="))
            .collect();
        let rebuilt = format!("{}?{}", parts.uri.path(), kept.join("&"));
        if let Ok(uri) = rebuilt.parse() {
            parts.uri = uri;
        }
    }
    Request::from_parts(parts, body)
}

/// Rewrites a list answer (an envelope or a bare array) with `vary_shapes`; any other answer,
/// including get-one records, passes unchanged.
async fn vary_list_answer(response: Response) -> Response {
    let (parts, body) = response.into_parts();
    let bytes = to_bytes(body, usize::MAX).await.unwrap_or_default();
    let Ok(mut answer) = serde_json::from_slice::<serde_json::Value>(&bytes) else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    let is_list = answer.is_array()
        || ["Records", "Businesses"]
            .iter()
            .any(|key| answer.get(key).is_some_and(serde_json::Value::is_array));
    if !is_list {
        return Response::from_parts(parts, Body::from(bytes));
    }
    crate::shapes::vary(&mut answer);
    let mut parts = parts;
    parts.headers.remove(axum::http::header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(crate::shapes::reordered(&answer)))
}

/// Closes the connection and never answers; the connection task drops the socket.
async fn drop_connection(kill: Option<ConnectionKill>) -> Response {
    if let Some(ConnectionKill(token)) = kill {
        token.cancel();
        std::future::pending::<()>().await;
    }
    respond::empty(StatusCode::SERVICE_UNAVAILABLE)
}
