//! Personal data kept no longer than needed: past days' cached visitors, finished operations
//! (their payloads hold names, emails, phones and notes) and announcements older than the
//! space's retention setting are deleted; nothing that has not reached Nexudus ever is. Deleted
//! rows are overwritten (`secure_delete`, set when the database opens) and the file is
//! compacted after a purge that removed something.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{stamp, Store, StoreError};

/// Past visitors, except anyone still on site (the evacuation list) and anyone a change that
/// has not reached Nexudus is about (an offline check-in not yet in the cached row).
pub(crate) const PURGE_VISITORS: &str =
    "DELETE FROM visitors WHERE rowid IN (SELECT rowid FROM visitors AS v WHERE v.expected_at < ?1
     AND NOT (json_valid(v.record) AND json_extract(v.record, '$.arrived') = 1
              AND json_extract(v.record, '$.departedAt') IS NULL)
     AND NOT EXISTS (SELECT 1 FROM operations AS o WHERE o.visitor_key = 'visitor:' || v.id
                     AND o.state NOT IN ('done', 'discarded'))
     LIMIT ?2)";

pub(crate) const PURGE_OPERATIONS: &str =
    "DELETE FROM operations WHERE seq IN (SELECT seq FROM operations
                 WHERE state IN ('done', 'discarded') AND updated_at < ?1 LIMIT ?2)";

pub(crate) const PURGE_ANNOUNCEMENTS: &str =
    "DELETE FROM announced_arrivals WHERE rowid IN (SELECT rowid FROM announced_arrivals
                 WHERE announced_at < ?1 LIMIT ?2)";

/// Rows deleted per transaction.
const BATCH: i64 = 2_000;

/// What a purge removed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Purged {
    pub visitors: u64,
    pub operations: u64,
    pub announcements: u64,
}

impl Purged {
    pub fn total(&self) -> u64 {
        self.visitors + self.operations + self.announcements
    }
}

impl Store {
    /// Deletes what is older than `cutoff` and no longer needed: cached visitors expected before
    /// it (except anyone still on site: the evacuation list needs them), finished or discarded
    /// operations last changed before it, and announcements made before it.
    /// Works in batches of [`BATCH`] rows, each its own short transaction: a first purge of a
    /// year of history never holds the write lock for longer than a check-in waits for it.
    pub async fn purge_before(&self, cutoff: DateTime<Utc>) -> Result<Purged, StoreError> {
        let cutoff = stamp(cutoff);
        let visitors = self.delete_in_batches(PURGE_VISITORS, &cutoff).await?;
        let operations = self.delete_in_batches(PURGE_OPERATIONS, &cutoff).await?;
        let announcements = self.delete_in_batches(PURGE_ANNOUNCEMENTS, &cutoff).await?;
        Ok(Purged {
            visitors,
            operations,
            announcements,
        })
    }

    async fn delete_in_batches(&self, statement: &str, cutoff: &str) -> Result<u64, StoreError> {
        let mut total = 0;
        loop {
            let deleted = sqlx::query(statement)
                .bind(cutoff)
                .bind(BATCH)
                .execute(self.pool())
                .await?
                .rows_affected();
            total += deleted;
            if deleted < BATCH as u64 {
                return Ok(total);
            }
            // Let a waiting writer (a check-in, the sync engine) in between batches.
            tokio::task::yield_now().await;
        }
    }

    /// How many of `account`'s changes have not reached Nexudus yet.
    pub async fn unsent_for(&self, account: &str) -> Result<i64, StoreError> {
        let (count,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM operations WHERE account = ? AND state NOT IN ('done', 'discarded')",
        )
        .bind(account)
        .fetch_one(self.pool())
        .await?;
        Ok(count)
    }

    /// Removes everything this computer keeps about `account`'s visitors: the cache, the
    /// finished operations, the announcements, the locations and the hosts found by searches.
    /// Unsent changes go only `with_unsent`, which the caller passes after saving them
    /// elsewhere (see `session::sign_out`).
    pub async fn remove_account_data(
        &self,
        account: &str,
        with_unsent: bool,
    ) -> Result<Purged, StoreError> {
        let mut tx = self.pool().begin().await?;
        let visitors = sqlx::query("DELETE FROM visitors WHERE account = ?")
            .bind(account)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        let operations = sqlx::query(
            "DELETE FROM operations WHERE account = ?1 AND (?2 OR state IN ('done', 'discarded'))",
        )
        .bind(account)
        .bind(with_unsent)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        let announcements = sqlx::query("DELETE FROM announced_arrivals WHERE account = ?")
            .bind(account)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        sqlx::query("DELETE FROM settings WHERE key = ? OR key = ?")
            .bind(super::settings::locations_key(account))
            .bind(super::settings::KNOWN_HOSTS)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(Purged {
            visitors,
            operations,
            announcements,
        })
    }

    /// Gives the space deleted rows took back to the file system.
    pub async fn compact(&self) -> Result<(), StoreError> {
        sqlx::query("VACUUM").execute(self.pool()).await?;
        // Old page images wait in the write-ahead log until a checkpoint: fold it in now.
        sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(self.pool())
            .await?;
        Ok(())
    }
}
