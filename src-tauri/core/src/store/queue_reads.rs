//! Reading the queue: one operation, the open ones, the recent ones for the overlay and the
//! sync panel, the counts the tray and the window show, and what the arrival watcher needs to
//! tell this desk's check-ins from everyone else's.

use chrono::{DateTime, Utc};
use sqlx::Row;

use super::queue::{instant, read_row, COLUMNS};
use super::{stamp, Store, StoreError};
use crate::queue::{OpState, Operation, QueuedOp, Target, TargetId};

/// Counts per state and the age of the oldest open operation.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct QueueCounts {
    pub pending: i64,
    pub in_flight: i64,
    pub uncertain: i64,
    pub needs_attention: i64,
    pub done: i64,
    pub discarded: i64,
    pub oldest_open_at: Option<DateTime<Utc>>,
}

impl QueueCounts {
    /// Operations still to deliver (not counting those waiting for a person).
    pub fn to_send(&self) -> i64 {
        self.pending + self.in_flight + self.uncertain
    }
}

/// What to lay over cached lists (`?1` the account, `?2` the oldest finished change kept).
pub(crate) fn overlay_query() -> String {
    format!(
        "SELECT {COLUMNS} FROM operations WHERE account = ?1 AND state NOT IN ('done', 'discarded')
         UNION SELECT {COLUMNS} FROM operations WHERE account = ?1 AND updated_at >= ?2
         ORDER BY seq"
    )
}

/// The check-ins and walk-ins an account queued since `?2`.
pub(crate) const CHECKED_IN_QUERY: &str =
    "SELECT payload, server_ids FROM operations WHERE account = ?1 AND kind IN ('check_in', 'walk_in')
     AND state != 'discarded' AND created_at >= ?2";

impl Store {
    pub async fn operation(&self, id: &str) -> Result<Option<QueuedOp>, StoreError> {
        let row = sqlx::query(&format!("SELECT {COLUMNS} FROM operations WHERE id = ?"))
            .bind(id)
            .fetch_optional(self.pool())
            .await?;
        row.as_ref().map(read_row).transpose()
    }

    /// Every operation not yet done or discarded, oldest first, for one account or all.
    pub async fn open_operations(
        &self,
        account: Option<&str>,
    ) -> Result<Vec<QueuedOp>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM operations WHERE state NOT IN ('done', 'discarded')
             AND (?1 IS NULL OR account = ?1) ORDER BY seq"
        ))
        .bind(account)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(read_row).collect()
    }

    /// Recent operations in any state, newest first (the sync panel's list).
    pub async fn recent_operations(&self, limit: i64) -> Result<Vec<QueuedOp>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM operations ORDER BY seq DESC LIMIT ?"
        ))
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(read_row).collect()
    }

    /// What to lay over cached lists: open operations and those finished in the last hour.
    pub async fn recent_for_overlay(&self, account: &str) -> Result<Vec<QueuedOp>, StoreError> {
        let since = stamp(Utc::now() - chrono::Duration::hours(1));
        // Two indexed reads, not one OR: the time this takes does not grow with the history
        // (the plan is checked in tests/retention.rs).
        let rows = sqlx::query(&overlay_query())
            .bind(account)
            .bind(since)
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(read_row).collect()
    }

    pub async fn queue_counts(&self, account: Option<&str>) -> Result<QueueCounts, StoreError> {
        let rows = sqlx::query(
            "SELECT state, COUNT(*) AS n, MIN(CASE WHEN state NOT IN ('done', 'discarded') THEN created_at END) AS oldest
             FROM operations WHERE (?1 IS NULL OR account = ?1) GROUP BY state",
        )
        .bind(account)
        .fetch_all(self.pool())
        .await?;
        let mut counts = QueueCounts::default();
        for row in rows {
            let n: i64 = row.try_get("n")?;
            let state: String = row.try_get("state")?;
            match OpState::parse(&state) {
                Some(OpState::Pending) => counts.pending = n,
                Some(OpState::InFlight) => counts.in_flight = n,
                Some(OpState::Uncertain) => counts.uncertain = n,
                Some(OpState::NeedsAttention) => counts.needs_attention = n,
                Some(OpState::Done) => counts.done = n,
                Some(OpState::Discarded) => counts.discarded = n,
                None => {}
            }
            if let Some(oldest) = row.try_get::<Option<String>, _>("oldest")? {
                let at = instant(&oldest);
                counts.oldest_open_at = Some(counts.oldest_open_at.map_or(at, |o| o.min(at)));
            }
        }
        Ok(counts)
    }

    /// The server id of the visitor an operation targets, as far as this desk knows.
    pub async fn resolve_target(&self, target: &Target) -> Result<TargetId, StoreError> {
        Ok(match target {
            Target::Server(id) => TargetId::Known(*id),
            Target::Queued(creator) => match self.operation(creator).await? {
                Some(op) if op.state == OpState::Discarded => TargetId::NeverCreated,
                Some(op) => op
                    .server_ids
                    .first()
                    .map_or(TargetId::NotYetCreated, |id| TargetId::Known(*id)),
                None => TargetId::NeverCreated,
            },
        })
    }

    /// Visitors this desk checked in (or created as walk-ins) since `since`, so reception is
    /// not alerted about its own check-ins.
    pub async fn visitors_checked_in_by(
        &self,
        account: &str,
        since: DateTime<Utc>,
    ) -> Result<std::collections::HashSet<i64>, StoreError> {
        let rows: Vec<(String, Option<String>)> = sqlx::query_as(CHECKED_IN_QUERY)
            .bind(account)
            .bind(stamp(since))
            .fetch_all(self.pool())
            .await?;
        let mut ids = std::collections::HashSet::new();
        for (payload, server_ids) in rows {
            if let Some(text) = server_ids {
                ids.extend(serde_json::from_str::<Vec<i64>>(&text)?);
            }
            if let Ok(Operation::CheckIn {
                target: Target::Server(id),
                ..
            }) = serde_json::from_str(&payload)
            {
                ids.insert(id);
            }
        }
        Ok(ids)
    }

    /// Server ids already attributed to done registrations, so a look-up never credits one
    /// record to two operations.
    pub async fn claimed_registration_ids(&self, account: &str) -> Result<Vec<i64>, StoreError> {
        let rows: Vec<(Option<String>,)> =
            sqlx::query_as("SELECT server_ids FROM operations WHERE account = ? AND kind = 'register' AND state = 'done'")
                .bind(account)
                .fetch_all(self.pool())
                .await?;
        let mut ids = Vec::new();
        for (text,) in rows.into_iter() {
            if let Some(text) = text {
                ids.extend(serde_json::from_str::<Vec<i64>>(&text)?);
            }
        }
        Ok(ids)
    }
}
