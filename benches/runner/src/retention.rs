//! A year of a busy desk's history (200 visitors a day: each cached, checked in and out, and
//! announced) and what the desk reads all day from it: the overlay of recent and open changes,
//! the check-in history the arrival watcher reads, and today's list. Timed before and after the
//! retention purge (30 days); the file's size too.

use std::time::Instant;

use chrono::{Duration, SecondsFormat, Utc};
use frontdesk_core::store::visitors::Range;
use frontdesk_core::store::Store;
use serde_json::{json, Value};

use crate::support::{percentile, round, temp_dir};

const PER_DAY: i64 = 200;
const ACCOUNT: &str = "reception@frontdesk.test on bench";

fn stamp(at: chrono::DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Micros, true)
}

async fn fill(store: &Store, days: i64) -> Result<(), String> {
    let now = Utc::now();
    let mut tx = store.pool().begin().await.map_err(|e| e.to_string())?;
    let mut seq = 0;
    for day in 0..days {
        for n in 0..PER_DAY {
            let id = day * PER_DAY + n + 1;
            let at = now - Duration::days(day) - Duration::minutes(n * 3);
            let record = json!({
                "id": id, "fullName": format!("Visitor {id}"), "email": format!("v{id}@guests.test"),
                "businessId": 1001, "expectedAt": at, "arrivedAt": at, "departedAt": at + Duration::hours(2),
                "arrived": true, "notes": "a note about the visit",
            });
            sqlx::query("INSERT INTO visitors (account, id, business_id, expected_at, record, fetched_at) VALUES (?, ?, 1001, ?, ?, ?)")
                .bind(ACCOUNT).bind(id).bind(stamp(at)).bind(record.to_string()).bind(stamp(at))
                .execute(&mut *tx).await.map_err(|e| e.to_string())?;
            for kind in ["check_in", "check_out"] {
                seq += 1;
                let payload = json!({"kind": kind, "target": {"server": id}, "at": at});
                sqlx::query("INSERT INTO operations (id, account, kind, visitor_key, payload, state, created_at, updated_at, next_attempt_at, server_ids)
                             VALUES (?, ?, ?, ?, ?, 'done', ?, ?, ?, '[]')")
                    .bind(format!("op-{seq}")).bind(ACCOUNT).bind(kind).bind(format!("server:{id}"))
                    .bind(payload.to_string()).bind(stamp(at)).bind(stamp(at)).bind(stamp(at))
                    .execute(&mut *tx).await.map_err(|e| e.to_string())?;
            }
            sqlx::query("INSERT INTO announced_arrivals (account, visitor_id, event, announced_at) VALUES (?, ?, 'arrived', ?)")
                .bind(ACCOUNT).bind(id).bind(stamp(at))
                .execute(&mut *tx).await.map_err(|e| e.to_string())?;
        }
    }
    tx.commit().await.map_err(|e| e.to_string())?;
    // A desk's history is written a little at a time and checkpointed as it goes: so is this.
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(store.pool())
        .await
        .map_err(|e| e.to_string())?;
    Ok(())
}

/// Median milliseconds of the desk's all-day reads.
async fn timings(store: &Store, runs: usize) -> Result<Value, String> {
    let (mut overlay, mut history, mut today) = (Vec::new(), Vec::new(), Vec::new());
    let now = Utc::now();
    for _ in 0..runs {
        let started = Instant::now();
        store
            .recent_for_overlay(ACCOUNT)
            .await
            .map_err(|e| e.to_string())?;
        overlay.push(started.elapsed().as_secs_f64() * 1000.0);
        let started = Instant::now();
        store
            .visitors_checked_in_by(ACCOUNT, now - Duration::days(2))
            .await
            .map_err(|e| e.to_string())?;
        history.push(started.elapsed().as_secs_f64() * 1000.0);
        let started = Instant::now();
        let range = Range {
            account: ACCOUNT,
            business: Some(1001),
            from: now - Duration::days(1),
            to: now,
        };
        store
            .cached_visitors(range)
            .await
            .map_err(|e| e.to_string())?;
        today.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    Ok(json!({
        "overlay_ms": round(percentile(&overlay, 50.0), 3),
        "history_ms": round(percentile(&history, 50.0), 3),
        "today_ms": round(percentile(&today, 50.0), 3),
    }))
}

fn size_mb(dir: &std::path::Path) -> f64 {
    let bytes: u64 = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .filter_map(|e| e.metadata().ok())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or_default();
    round(bytes as f64 / 1_048_576.0, 1)
}

pub async fn run(quick: bool) -> Result<Value, String> {
    let days = if quick { 30 } else { 365 };
    let runs = if quick { 20 } else { 200 };
    let dir = temp_dir("retention");
    let store = Store::open(&dir).await.map_err(|e| e.to_string())?;
    let started = Instant::now();
    fill(&store, days).await?;
    eprintln!(
        "bench: retention: {days} days of history written in {:?}",
        started.elapsed()
    );
    let before = timings(&store, runs).await?;
    let size_before = size_mb(&dir);
    let started = Instant::now();
    let purged = frontdesk_core::retention::purge_now(&store)
        .await
        .map_err(|e| e.to_string())?;
    let purge_s = started.elapsed().as_secs_f64();
    let after = timings(&store, runs).await?;
    let size_after = size_mb(&dir);
    let _ = std::fs::remove_dir_all(&dir);
    Ok(json!({
        "days": days,
        "per_day": PER_DAY,
        "before": before,
        "after": after,
        "size_before_mb": size_before,
        "size_after_mb": size_after,
        "purged": purged,
        "purge_s": round(purge_s, 2),
    }))
}
