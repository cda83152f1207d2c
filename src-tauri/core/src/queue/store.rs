//! The queue in SQLite. Every write is one statement or one transaction on a database opened
//! with `synchronous=FULL`: when a method returns, the change is on disk.

use chrono::{DateTime, Utc};
use sqlx::Row;

use super::{OpState, Operation, QueuedOp, Target};
use crate::nexudus::FieldProblem;
use crate::store::{stamp, Store, StoreError};

fn instant(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).map_or(DateTime::<Utc>::MIN_UTC, |t| t.with_timezone(&Utc))
}

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

const COLUMNS: &str =
    "seq, id, account, visitor_key, payload, state, attempts, send_alone, created_at, \
     updated_at, next_attempt_at, last_error, error_fields, server_ids, looks, outcome";

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

fn read_row(row: &sqlx::sqlite::SqliteRow) -> Result<QueuedOp, StoreError> {
    let payload: String = row.try_get("payload")?;
    let state: String = row.try_get("state")?;
    let fields: Option<String> = row.try_get("error_fields")?;
    let ids: Option<String> = row.try_get("server_ids")?;
    Ok(QueuedOp {
        seq: row.try_get("seq")?,
        id: row.try_get("id")?,
        account: row.try_get("account")?,
        visitor_key: row.try_get("visitor_key")?,
        operation: serde_json::from_str(&payload)?,
        state: OpState::parse(&state).unwrap_or(OpState::NeedsAttention),
        attempts: row.try_get("attempts")?,
        send_alone: row.try_get::<i64, _>("send_alone")? != 0,
        created_at: instant(&row.try_get::<String, _>("created_at")?),
        updated_at: instant(&row.try_get::<String, _>("updated_at")?),
        next_attempt_at: instant(&row.try_get::<String, _>("next_attempt_at")?),
        last_error: row.try_get("last_error")?,
        error_fields: fields
            .map(|f| serde_json::from_str(&f))
            .transpose()?
            .unwrap_or_default(),
        server_ids: ids
            .map(|i| serde_json::from_str(&i))
            .transpose()?
            .unwrap_or_default(),
        looks: row.try_get("looks")?,
        outcome: row.try_get("outcome")?,
    })
}

impl Store {
    /// Makes an operation durable and answers it. This is all a person waits for.
    pub async fn enqueue(
        &self,
        account: &str,
        operation: &Operation,
    ) -> Result<QueuedOp, StoreError> {
        let id = uuid::Uuid::now_v7().to_string();
        let now = stamp(Utc::now());
        // The look-up stays outside any transaction: in WAL mode a transaction that reads and
        // then writes fails at once (SQLITE_BUSY, no busy wait) if another connection wrote in
        // between. The insert alone is one atomic, durable statement.
        let visitor_key = match operation.target() {
            Some(Target::Queued(creator)) => format!("op:{creator}"),
            Some(Target::Server(server_id)) => {
                // A visitor this desk created keeps its creator's key, so a check-out queued
                // after the walk-in synced still waits for a check-in queued before.
                let creator: Option<(String,)> = sqlx::query_as(
                    "SELECT id FROM operations WHERE kind = 'walk_in' AND server_ids = ? ORDER BY seq LIMIT 1",
                )
                .bind(format!("[{server_id}]"))
                .fetch_optional(self.pool())
                .await?;
                creator.map_or_else(|| format!("visitor:{server_id}"), |(c,)| format!("op:{c}"))
            }
            None => match operation {
                Operation::CancelRegistration { visitor_id } => format!("visitor:{visitor_id}"),
                _ => format!("op:{id}"),
            },
        };
        sqlx::query(
            "INSERT INTO operations (id, account, kind, visitor_key, payload, state, created_at, updated_at, next_attempt_at)
             VALUES (?, ?, ?, ?, ?, 'pending', ?, ?, ?)",
        )
        .bind(&id)
        .bind(account)
        .bind(operation.kind())
        .bind(&visitor_key)
        .bind(serde_json::to_string(operation)?)
        .bind(&now)
        .bind(&now)
        .bind(&now)
        .execute(self.pool())
        .await?;
        self.operation(&id)
            .await?
            .ok_or_else(|| StoreError::Database(sqlx::Error::RowNotFound))
    }

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

    /// After a crash, an operation left in flight may or may not have reached the server.
    /// Call this holding the folder's drain lock, before claiming anything: drains are then one
    /// at a time on this computer, so every row still in flight was left by a drain that
    /// stopped (a killed process, or a drain of this one that failed part-way).
    pub async fn recover_in_flight(&self) -> Result<u64, StoreError> {
        let result = sqlx::query(
            "UPDATE operations SET state = 'uncertain', updated_at = ?, owner = NULL,
             last_error = 'Sending was interrupted; checking whether it arrived.'
             WHERE state = 'in_flight'",
        )
        .bind(stamp(Utc::now()))
        .execute(self.pool())
        .await?;
        Ok(result.rows_affected())
    }

    /// Claims operations for sending, before the request goes out: only those still pending
    /// (a person may have discarded one since the plan was made). Answers the ids claimed;
    /// only those may be sent.
    pub async fn claim_to_send(
        &self,
        ids: &[String],
        owner: &str,
    ) -> Result<Vec<String>, StoreError> {
        let now = stamp(Utc::now());
        let mut claimed = Vec::new();
        let mut tx = self.pool().begin().await?;
        for id in ids {
            let result = sqlx::query(
                "UPDATE operations SET state = 'in_flight', owner = ?, attempts = attempts + 1, looks = 0, updated_at = ?
                 WHERE id = ? AND state = 'pending'",
            )
            .bind(owner)
            .bind(&now)
            .bind(id)
            .execute(&mut *tx)
            .await?;
            if result.rows_affected() == 1 {
                claimed.push(id.clone());
            }
        }
        tx.commit().await?;
        Ok(claimed)
    }

    /// Claims an uncertain operation to look for its effect.
    pub async fn claim_to_look(&self, id: &str, owner: &str) -> Result<bool, StoreError> {
        let result = sqlx::query(
            "UPDATE operations SET state = 'in_flight', owner = ?, updated_at = ? WHERE id = ? AND state = 'uncertain'",
        )
        .bind(owner)
        .bind(stamp(Utc::now()))
        .bind(id)
        .execute(self.pool())
        .await?;
        Ok(result.rows_affected() == 1)
    }

    /// Every change below is a compare-and-set on the claim: it applies only while `owner`
    /// still holds the operation in flight, and answers whether it did.
    async fn settle_claimed(
        &self,
        id: &str,
        owner: &str,
        set: &str,
        binds: Vec<Option<String>>,
    ) -> Result<bool, StoreError> {
        let sql = format!(
            "UPDATE operations SET {set}, owner = NULL, updated_at = ? WHERE id = ? AND state = 'in_flight' AND owner = ?"
        );
        let mut query = sqlx::query(&sql);
        for bind in binds {
            query = query.bind(bind);
        }
        let result = query
            .bind(stamp(Utc::now()))
            .bind(id)
            .bind(owner)
            .execute(self.pool())
            .await?;
        if result.rows_affected() == 0 {
            tracing::warn!(id, "an operation changed hands while it was being sent");
        }
        Ok(result.rows_affected() == 1)
    }

    /// Delivered (or found applied); `outcome` says so when nothing had to be sent.
    pub async fn mark_done(
        &self,
        id: &str,
        owner: &str,
        server_ids: &[i64],
        outcome: Option<&str>,
    ) -> Result<bool, StoreError> {
        self.settle_claimed(
            id,
            owner,
            "state = 'done', last_error = NULL, error_fields = NULL, server_ids = ?, outcome = ?",
            vec![
                Some(serde_json::to_string(server_ids)?),
                outcome.map(str::to_string),
            ],
        )
        .await
    }

    /// Back to waiting (`pending` or `uncertain`) until `next`, with the reason.
    pub async fn mark_waiting(
        &self,
        id: &str,
        owner: &str,
        state: OpState,
        next: DateTime<Utc>,
        error: &str,
    ) -> Result<bool, StoreError> {
        self.settle_claimed(
            id,
            owner,
            "state = ?, next_attempt_at = ?, last_error = ?",
            vec![
                Some(state.as_str().to_string()),
                Some(stamp(next)),
                Some(error.to_string()),
            ],
        )
        .await
    }

    /// Looked for and not found (yet): uncertain until `next`, one look counted.
    pub async fn mark_not_found_yet(
        &self,
        id: &str,
        owner: &str,
        next: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        self.settle_claimed(
            id,
            owner,
            "state = 'uncertain', next_attempt_at = ?, looks = looks + 1, last_error = ?",
            vec![
                Some(stamp(next)),
                Some("Not in Nexudus yet; looking again before sending again.".to_string()),
            ],
        )
        .await
    }

    /// Uncertain, to be looked for at `next`, counting `looks` done already (a definite
    /// refusal needs one look, not the patient series a lost answer gets).
    pub async fn mark_uncertain(
        &self,
        id: &str,
        owner: &str,
        next: DateTime<Utc>,
        reason: &str,
        looks: i64,
    ) -> Result<bool, StoreError> {
        self.settle_claimed(
            id,
            owner,
            "state = 'uncertain', next_attempt_at = ?, last_error = ?, looks = ?",
            vec![
                Some(stamp(next)),
                Some(reason.to_string()),
                Some(looks.max(0).to_string()),
            ],
        )
        .await
    }

    pub async fn mark_needs_attention(
        &self,
        id: &str,
        owner: &str,
        message: &str,
        fields: &[FieldProblem],
    ) -> Result<bool, StoreError> {
        self.settle_claimed(
            id,
            owner,
            "state = 'needs_attention', last_error = ?, error_fields = ?",
            vec![
                Some(message.to_string()),
                Some(serde_json::to_string(fields)?),
            ],
        )
        .await
    }

    pub async fn set_send_alone(&self, id: &str) -> Result<(), StoreError> {
        sqlx::query("UPDATE operations SET send_alone = 1 WHERE id = ?")
            .bind(id)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// A person's "try again": back to pending now. Only for operations waiting on a person
    /// or on a retry time.
    pub async fn retry_operation(&self, id: &str) -> Result<bool, StoreError> {
        let now = stamp(Utc::now());
        let result = sqlx::query(
            "UPDATE operations SET state = 'pending', next_attempt_at = ?, updated_at = ?, attempts = 0
             WHERE id = ? AND state IN ('needs_attention', 'pending')",
        )
        .bind(&now)
        .bind(&now)
        .bind(id)
        .execute(self.pool())
        .await?;
        Ok(result.rows_affected() == 1)
    }

    /// A person's correction of an operation that needs attention; it is then retried. The
    /// kind cannot change.
    pub async fn edit_operation(
        &self,
        id: &str,
        operation: &Operation,
    ) -> Result<bool, StoreError> {
        let now = stamp(Utc::now());
        let result = sqlx::query(
            "UPDATE operations SET payload = ?, state = 'pending', next_attempt_at = ?, updated_at = ?, attempts = 0,
             last_error = NULL, error_fields = NULL WHERE id = ? AND kind = ? AND state = 'needs_attention'",
        )
        .bind(serde_json::to_string(operation)?)
        .bind(&now)
        .bind(&now)
        .bind(id)
        .bind(operation.kind())
        .execute(self.pool())
        .await?;
        Ok(result.rows_affected() == 1)
    }

    /// A person's "discard": never sent. Not for operations that may already be applied.
    pub async fn discard_operation(&self, id: &str) -> Result<bool, StoreError> {
        let result = sqlx::query(
            "UPDATE operations SET state = 'discarded', updated_at = ? WHERE id = ? AND state IN ('needs_attention', 'pending')",
        )
        .bind(stamp(Utc::now()))
        .bind(id)
        .execute(self.pool())
        .await?;
        Ok(result.rows_affected() == 1)
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

    /// The server id of the visitor an operation targets, once known; `Err(())` when the
    /// creating operation was discarded (the visitor will never exist).
    pub async fn resolve_target(
        &self,
        target: &Target,
    ) -> Result<Result<Option<i64>, ()>, StoreError> {
        match target {
            Target::Server(id) => Ok(Ok(Some(*id))),
            Target::Queued(creator) => match self.operation(creator).await? {
                Some(op) if op.state == OpState::Discarded => Ok(Err(())),
                Some(op) => Ok(Ok(op.server_ids.first().copied())),
                None => Ok(Err(())),
            },
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Enqueueing (which looks up a visitor's creator first) while other connections write
    /// must never fail with "database is locked".
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn enqueue_succeeds_while_other_connections_write() {
        let dir = std::env::temp_dir().join(format!("frontdesk-queue-{}", uuid::Uuid::new_v4()));
        let store = Store::open(&dir).await.expect("store");
        let writer = store.clone();
        let writes = tokio::spawn(async move {
            for n in 0..300 {
                writer.set_setting("noise", &n).await.expect("write");
            }
        });
        let mut enqueues = Vec::new();
        for n in 0..60 {
            let store = store.clone();
            enqueues.push(tokio::spawn(async move {
                for m in 0..5 {
                    let operation = Operation::CheckIn {
                        target: Target::Server(n * 10 + m),
                        at: Utc::now(),
                        location: None,
                    };
                    store
                        .enqueue("desk", &operation)
                        .await
                        .expect("enqueue never fails");
                }
            }));
        }
        for task in enqueues {
            task.await.expect("task");
        }
        writes.await.expect("writer");
        assert_eq!(store.queue_counts(None).await.expect("counts").pending, 300);
        let _ = std::fs::remove_dir_all(dir);
    }
}
