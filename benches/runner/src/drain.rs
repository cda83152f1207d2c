//! The sync engine against the server's limit, beside a naive client under the same limits;
//! and a host's 30 registrations, batched, beside one request per visitor.

use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::Utc;
use frontdesk_core::arrivals::Silent;
use frontdesk_core::nexudus::pacing::PaceLimits;
use frontdesk_core::nexudus::{ApiError, NewVisitor, NexudusClient, Registration, VisitorChange};
use frontdesk_core::queue::{Operation, Target};
use frontdesk_core::store::Store;
use frontdesk_core::wiring::Core;
use nexudus_sim::RunningSim;
use serde_json::{json, Value};

use crate::support::*;

/// Nexudus's limits scaled up ten times, so a thousand writes take minutes, not an hour.
const WRITES_PER_MINUTE: u32 = 600;

fn sim_limits() -> Value {
    json!({
        "writes_per_minute": WRITES_PER_MINUTE,
        "requests_per_minute": WRITES_PER_MINUTE * 2,
        "min_gap_ms": 40,
    })
}

fn pace_limits() -> PaceLimits {
    PaceLimits {
        min_gap: Duration::from_millis(40),
        requests_per_minute: WRITES_PER_MINUTE * 2,
        writes_per_minute: WRITES_PER_MINUTE,
        ..PaceLimits::default()
    }
}

fn walk_in(n: usize) -> NewVisitor {
    NewVisitor::walk_in(
        SHOREDITCH,
        &format!("Bench Walk-in {n:04}"),
        &format!("walkin{n}@guests.frontdesk.test"),
    )
}

/// The mix a busy morning makes: visitors checked in then out, and walk-ins.
fn mix(visitors: &[i64], walk_ins: usize) -> Vec<Operation> {
    let mut ops = Vec::new();
    for (n, id) in visitors.iter().enumerate() {
        ops.push(Operation::CheckIn {
            target: Target::Server(*id),
            at: Utc::now(),
            location: Some("Bench".into()),
        });
        if n < walk_ins {
            ops.push(Operation::WalkIn {
                visitor: Box::new(walk_in(n)),
                host_name: None,
            });
        }
    }
    for id in visitors {
        ops.push(Operation::CheckOut {
            target: Target::Server(*id),
            at: Utc::now(),
        });
    }
    for n in visitors.len()..walk_ins {
        ops.push(Operation::WalkIn {
            visitor: Box::new(walk_in(n)),
            host_name: None,
        });
    }
    ops
}

/// Write rate, throttles and requests, as the server saw them after log entry `since`.
fn server_view(sim: &RunningSim, since: u64, operations: usize) -> Value {
    let entries: Vec<_> = log(sim)
        .into_iter()
        .filter(|e| e.seq > since && is_api(&e.path))
        .collect();
    let writes: Vec<_> = entries
        .iter()
        .filter(|e| is_write(&e.method) && e.status.is_some_and(|s| (200..300).contains(&s)))
        .collect();
    let throttled = entries.iter().filter(|e| e.outcome == "throttled").count();
    let span = match (writes.first(), writes.last()) {
        (Some(first), Some(last)) => (last.at - first.at).num_milliseconds() as f64 / 1000.0,
        _ => 0.0,
    };
    let rate = if span > 0.0 {
        (writes.len() as f64 - 1.0) / span * 60.0
    } else {
        0.0
    };
    json!({
        "operations": operations,
        "writes": writes.len(),
        "requests": entries.len(),
        "requests_per_operation": round(entries.len() as f64 / operations as f64, 2),
        "throttled": throttled,
        "throttled_per_1000": round(throttled as f64 * 1000.0 / operations as f64, 2),
        "write_rate_per_minute": round(rate, 1),
        "allowed_write_rate_per_minute": WRITES_PER_MINUTE,
        "rate_ratio": round(rate / WRITES_PER_MINUTE as f64, 3),
        "seconds": round(span, 1),
    })
}

fn last_seq(sim: &RunningSim) -> u64 {
    log(sim).last().map(|e| e.seq).unwrap_or_default()
}

async fn engine_run(visitors: usize, walk_ins: usize) -> Result<Value, String> {
    let sim = sim(sim_limits()).await?;
    let ids = add_visitors(
        &sim,
        visitors,
        |n| format!("Bench Guest {n:04}"),
        |_| Utc::now(),
        None,
    )?;
    let dir = temp_dir("drain");
    let store = Store::open(&dir).await.map_err(|e| e.to_string())?;
    let accounts = signed_in(&sim, "reception@frontdesk.test", pace_limits(), &store).await?;
    let account = accounts
        .client()
        .await
        .map_err(|e| e.to_string())?
        .account()
        .entry_name();
    let ops = mix(&ids, walk_ins);
    for op in &ops {
        store
            .enqueue(&account, op)
            .await
            .map_err(|e| e.to_string())?;
    }
    let engine = Core::assemble(store.clone(), accounts.clone(), Arc::new(Silent)).engine;
    let since = last_seq(&sim);
    let started = Instant::now();
    let watched = sim.sim.clone();
    let progress = tokio::spawn(async move {
        loop {
            tokio::time::sleep(Duration::from_secs(15)).await;
            let entries = watched
                .log
                .lock()
                .map(|l| l.since(since))
                .unwrap_or_default();
            let throttled = entries.iter().filter(|e| e.outcome == "throttled").count();
            let last = entries
                .last()
                .map(|e| format!("{} {} {:?} {}", e.method, e.path, e.status, e.outcome));
            eprintln!(
                "bench: server saw {} requests, {throttled} throttled; last: {last:?}",
                entries.len()
            );
        }
    });
    loop {
        let report = engine.drain().await.map_err(|e| e.to_string())?;
        let counts = store.queue_counts(None).await.map_err(|e| e.to_string())?;
        if counts.to_send() == 0 {
            break;
        }
        eprintln!(
            "bench: drain at {:.0} s: {} done, {} to send, next {:?}, stopped {:?}",
            started.elapsed().as_secs_f64(),
            counts.done,
            counts.to_send(),
            report
                .next_wake
                .map(|at| (at - Utc::now()).num_milliseconds()),
            report.stopped
        );
        if started.elapsed() > Duration::from_secs(900) {
            return Err(format!("engine did not finish: {counts:?}"));
        }
        let wait = report
            .next_wake
            .and_then(|at| (at - Utc::now()).to_std().ok())
            .unwrap_or(Duration::from_millis(100));
        tokio::time::sleep(wait.min(Duration::from_secs(5))).await;
    }
    progress.abort();
    let counts = store.queue_counts(None).await.map_err(|e| e.to_string())?;
    let mut view = server_view(&sim, since, ops.len());
    view["done"] = json!(counts.done);
    view["needs_attention"] = json!(counts.needs_attention);
    let _ = std::fs::remove_dir_all(&dir);
    Ok(view)
}

/// Sends one request per change, as fast as answers come, waiting out each throttle.
async fn with_retries<T, F, Fut>(mut send: F) -> Result<T, ApiError>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T, ApiError>>,
{
    loop {
        match send().await {
            Err(ApiError::Throttled { wait }) => {
                tokio::time::sleep(wait.unwrap_or(Duration::from_secs(1))).await;
            }
            other => return other,
        }
    }
}

async fn naive_run(visitors: usize, walk_ins: usize) -> Result<Value, String> {
    let sim = sim(sim_limits()).await?;
    let ids = add_visitors(
        &sim,
        visitors,
        |n| format!("Bench Guest {n:04}"),
        |_| Utc::now(),
        None,
    )?;
    let dir = temp_dir("naive");
    let store = Store::open(&dir).await.map_err(|e| e.to_string())?;
    let accounts = signed_in(
        &sim,
        "reception@frontdesk.test",
        PaceLimits::unlimited(),
        &store,
    )
    .await?;
    let client: NexudusClient = accounts.client().await.map_err(|e| e.to_string())?;
    let ops = mix(&ids, walk_ins);
    let since = last_seq(&sim);
    let mut failed = 0;
    // Waiting out every throttle makes the naive client slow: it gets a time budget, and its
    // rates are measured over what it did within it.
    let budget = Duration::from_secs(if visitors > 100 { 240 } else { 60 });
    let started = Instant::now();
    let mut attempted = 0;
    for op in &ops {
        if started.elapsed() > budget {
            break;
        }
        attempted += 1;
        let result = match op {
            Operation::CheckIn {
                target: Target::Server(id),
                at,
                ..
            } => {
                let change = VisitorChange::check_in(*at, Some("Bench"));
                with_retries(|| client.update_visitor(*id, &change))
                    .await
                    .map(|_| ())
            }
            Operation::CheckOut {
                target: Target::Server(id),
                at,
            } => {
                let change = VisitorChange::check_out(*at);
                with_retries(|| client.update_visitor(*id, &change))
                    .await
                    .map(|_| ())
            }
            Operation::WalkIn { visitor, .. } => with_retries(|| client.create_visitor(visitor))
                .await
                .map(|_| ()),
            _ => Ok(()),
        };
        if result.is_err() {
            failed += 1;
        }
    }
    let mut view = server_view(&sim, since, attempted);
    view["failed"] = json!(failed);
    view["stopped_after_budget"] = json!(attempted < ops.len());
    let _ = std::fs::remove_dir_all(&dir);
    Ok(view)
}

pub async fn run(quick: bool) -> Result<Value, String> {
    let (visitors, walk_ins) = if quick { (100, 100) } else { (300, 400) };
    let engine = engine_run(visitors, walk_ins).await?;
    let naive = naive_run(visitors, walk_ins).await?;
    Ok(json!({ "engine": engine, "naive": naive }))
}

fn registration(n: usize) -> Registration {
    Registration {
        business_id: SHOREDITCH,
        full_name: "Repeat Visitor".into(),
        email: Some("repeat.visitor@guests.frontdesk.test".into()),
        phone_number: None,
        expected_arrival: Utc::now() + chrono::Duration::days(n as i64 + 1),
        customer_notes: None,
    }
}

fn register_requests(sim: &RunningSim, since: u64) -> usize {
    log(sim)
        .iter()
        .filter(|e| e.seq > since && e.method == "POST" && e.path == "/api/public/visitors")
        .count()
}

/// 30 dates for one visitor: the engine's one array request, beside one request per visit.
pub async fn registrations() -> Result<Value, String> {
    let visits: Vec<Registration> = (0..30).map(registration).collect();

    let sim_a = sim(json!({})).await?;
    let dir = temp_dir("register");
    let store = Store::open(&dir).await.map_err(|e| e.to_string())?;
    let accounts = signed_in(&sim_a, "ana@frontdesk.test", PaceLimits::default(), &store).await?;
    let account = accounts
        .client()
        .await
        .map_err(|e| e.to_string())?
        .account()
        .entry_name();
    store
        .enqueue(
            &account,
            &Operation::Register {
                visits: visits.clone(),
            },
        )
        .await
        .map_err(|e| e.to_string())?;
    let since = last_seq(&sim_a);
    let started = Instant::now();
    let engine = Core::assemble(store.clone(), accounts.clone(), Arc::new(Silent)).engine;
    while store
        .queue_counts(None)
        .await
        .map_err(|e| e.to_string())?
        .to_send()
        > 0
    {
        engine.drain().await.map_err(|e| e.to_string())?;
        if started.elapsed() > Duration::from_secs(120) {
            return Err("registration did not finish".into());
        }
    }
    let batched_seconds = started.elapsed().as_secs_f64();
    let batched = register_requests(&sim_a, since);
    let _ = std::fs::remove_dir_all(&dir);

    let sim_b = sim(json!({})).await?;
    let dir = temp_dir("register-naive");
    let store = Store::open(&dir).await.map_err(|e| e.to_string())?;
    let accounts = signed_in(&sim_b, "ana@frontdesk.test", PaceLimits::default(), &store).await?;
    let client = accounts.client().await.map_err(|e| e.to_string())?;
    let since = last_seq(&sim_b);
    let started = Instant::now();
    for visit in &visits {
        with_retries(|| client.register_visitors(std::slice::from_ref(visit)))
            .await
            .map_err(|e| e.to_string())?;
    }
    let single_seconds = started.elapsed().as_secs_f64();
    let single = register_requests(&sim_b, since);
    let _ = std::fs::remove_dir_all(&dir);
    let registered = |sim: &RunningSim| -> usize {
        sim.sim
            .world
            .lock()
            .map(|w| {
                w.visitors
                    .values()
                    .filter(|v| v.full_name == "Repeat Visitor")
                    .count()
            })
            .unwrap_or_default()
    };
    Ok(json!({
        "visits": visits.len(),
        "batched": { "requests": batched, "seconds": round(batched_seconds, 2), "registered": registered(&sim_a) },
        "one_per_visit": { "requests": single, "seconds": round(single_seconds, 2), "registered": registered(&sim_b) },
    }))
}
