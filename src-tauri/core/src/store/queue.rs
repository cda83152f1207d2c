//! The queue in SQLite. Every write is one statement or one transaction on a database opened
//! with `synchronous=FULL`: when a method returns, the change is on disk.

use chrono::{DateTime, Utc};
use sqlx::Row;

use super::{stamp, Store, StoreError};
use crate::nexudus::FieldProblem;
use crate::queue::{OpState, Operation, QueuedOp, Target};

pub(super) fn instant(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).map_or(DateTime::<Utc>::MIN_UTC, |t| t.with_timezone(&Utc))
}

pub(super) const COLUMNS: &str =
    "seq, id, account, visitor_key, payload, state, attempts, send_alone, created_at, \
     updated_at, next_attempt_at, last_error, error_fields, server_ids, looks, outcome";

pub(super) fn read_row(row: &sqlx::sqlite::SqliteRow) -> Result<QueuedOp, StoreError> {
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

    /// After a crash, an operation left in flight may or may not have reached the server.
    /// Call this holding the folder's drain lock, before claiming anything: drains are then one
    /// at a time on this computer, so every row still in flight was left by a drain that
    /// stopped (a killed process, or a drain of this one that failed part-way).
    pub async fn recover_in_flight(&self) -> Result<u64, StoreError> {
        let result = sqlx::query(
            "UPDATE operations SET state = 'uncertain', updated_at = ?, owner = NULL,
             last_error = ?
             WHERE state = 'in_flight'",
        )
        .bind(stamp(Utc::now()))
        .bind(crate::l10n::MessageKey::new("engine-interrupted").stored())
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
                Some(crate::l10n::MessageKey::new("engine-not-found-yet").stored()),
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
}

#[cfg(test)]
#[path = "queue_tests.rs"]
mod tests;
