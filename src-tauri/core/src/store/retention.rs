//! Personal data kept no longer than needed: past days' cached visitors, finished operations
//! (their payloads hold names, emails, phones and notes) and announcements older than the
//! space's retention setting are deleted; nothing that has not reached Nexudus ever is. Deleted
//! rows are overwritten (`secure_delete`, set when the database opens) and the file is
//! compacted after a purge that removed something.

use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;

use super::{Store, StoreError};

fn stamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Micros, true)
}

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
    pub async fn purge_before(&self, cutoff: DateTime<Utc>) -> Result<Purged, StoreError> {
        let cutoff = stamp(cutoff);
        let mut tx = self.pool().begin().await?;
        let visitors = sqlx::query(
            "DELETE FROM visitors WHERE expected_at < ?1
             AND NOT (json_extract(record, '$.arrived') = 1 AND json_extract(record, '$.departedAt') IS NULL)",
        )
        .bind(&cutoff)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        let operations = sqlx::query(
            "DELETE FROM operations WHERE state IN ('done', 'discarded') AND updated_at < ?1",
        )
        .bind(&cutoff)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        let announcements = sqlx::query("DELETE FROM announced_arrivals WHERE announced_at < ?1")
            .bind(&cutoff)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        tx.commit().await?;
        Ok(Purged {
            visitors,
            operations,
            announcements,
        })
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
    /// The caller checks first that nothing is unsent ([`Store::unsent_for`]); an operation
    /// still open is never removed here.
    pub async fn remove_account_data(&self, account: &str) -> Result<Purged, StoreError> {
        let mut tx = self.pool().begin().await?;
        let visitors = sqlx::query("DELETE FROM visitors WHERE account = ?")
            .bind(account)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        let operations = sqlx::query(
            "DELETE FROM operations WHERE account = ? AND state IN ('done', 'discarded')",
        )
        .bind(account)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        let announcements = sqlx::query("DELETE FROM announced_arrivals WHERE account = ?")
            .bind(account)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        sqlx::query("DELETE FROM settings WHERE key = ? OR key = 'known_hosts'")
            .bind(format!("locations:{account}"))
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
