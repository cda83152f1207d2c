//! How long an operation takes to become durable, with an empty queue and with 100,000 queued;
//! `synchronous=NORMAL` beside it shows what surviving a power cut costs.

use std::time::Instant;

use chrono::Utc;
use frontdesk_core::queue::{Operation, Target};
use frontdesk_core::store::{Durability, Store};
use serde_json::{json, Value};

use crate::support::{percentile, round, temp_dir};

const ACCOUNT: &str = "bench@frontdesk.test";

fn operation(n: usize) -> Operation {
    Operation::CheckIn {
        target: Target::Server(1_000_000 + n as i64),
        at: Utc::now(),
        location: Some("Bench".into()),
    }
}

async fn fill(dir: &std::path::Path, count: usize) -> Result<(), String> {
    let store = Store::open_with(dir, Durability::Normal)
        .await
        .map_err(|e| e.to_string())?;
    for n in 0..count {
        store
            .enqueue(ACCOUNT, &operation(n))
            .await
            .map_err(|e| e.to_string())?;
    }
    store.pool().close().await;
    Ok(())
}

async fn measure(
    dir: &std::path::Path,
    durability: Durability,
    samples: usize,
) -> Result<Value, String> {
    let store = Store::open_with(dir, durability)
        .await
        .map_err(|e| e.to_string())?;
    for n in 0..50 {
        store
            .enqueue(ACCOUNT, &operation(n))
            .await
            .map_err(|e| e.to_string())?;
    }
    let mut times = Vec::with_capacity(samples);
    for n in 0..samples {
        let started = Instant::now();
        store
            .enqueue(ACCOUNT, &operation(n))
            .await
            .map_err(|e| e.to_string())?;
        times.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    store.pool().close().await;
    Ok(json!({
        "p50_ms": round(percentile(&times, 50.0), 3),
        "p99_ms": round(percentile(&times, 99.0), 3),
        "samples": samples,
    }))
}

pub async fn run(quick: bool) -> Result<Value, String> {
    let backlog = if quick { 10_000 } else { 100_000 };
    let samples = if quick { 300 } else { 1_000 };
    let mut result = json!({ "backlog": backlog });
    for (name, durability) in [("full", Durability::Full), ("normal", Durability::Normal)] {
        let empty = temp_dir("enqueue-empty");
        let empty_result = measure(&empty, durability, samples).await?;
        let _ = std::fs::remove_dir_all(&empty);
        let full_queue = temp_dir("enqueue-backlog");
        fill(&full_queue, backlog).await?;
        let backlog_result = measure(&full_queue, durability, samples).await?;
        let _ = std::fs::remove_dir_all(&full_queue);
        result[name] = json!({ "empty": empty_result, "backlog": backlog_result });
    }
    Ok(result)
}
