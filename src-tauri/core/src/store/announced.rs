//! Which arrivals were announced, per account: an alert is recorded here before it is shown,
//! so a restart, a reconnect, a second watcher or a second poll never repeats it.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use sqlx::Row;

use super::{stamp, Store, StoreError};

impl Store {
    /// The (visitor, event) pairs announced for `account` since `since`.
    pub async fn announced_since(
        &self,
        account: &str,
        since: DateTime<Utc>,
    ) -> Result<HashSet<(i64, String)>, StoreError> {
        let rows = sqlx::query(
            "SELECT visitor_id, event FROM announced_arrivals WHERE account = ? AND announced_at >= ?",
        )
        .bind(account)
        .bind(stamp(since))
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| Ok((row.try_get("visitor_id")?, row.try_get("event")?)))
            .collect()
    }

    /// Records one announcement; `false` when it was recorded before (whoever recorded it
    /// first announces it).
    pub async fn claim_announcement(
        &self,
        account: &str,
        visitor_id: i64,
        event: &str,
    ) -> Result<bool, StoreError> {
        let inserted = sqlx::query(
            "INSERT OR IGNORE INTO announced_arrivals (account, visitor_id, event, announced_at) VALUES (?, ?, ?, ?)",
        )
        .bind(account)
        .bind(visitor_id)
        .bind(event)
        .bind(stamp(Utc::now()))
        .execute(self.pool())
        .await?;
        Ok(inserted.rows_affected() == 1)
    }
}
