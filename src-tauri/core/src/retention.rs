//! The retention policy: what this computer keeps about visitors is deleted once it is older
//! than the space's setting ("Keep visitor details for N days"), at start and then daily.

use std::time::Duration;

use chrono::{DateTime, Utc};

use crate::preferences::Preferences;
use crate::store::retention::Purged;
use crate::store::{Store, StoreError};

/// How often the purge runs after the first one.
pub const EVERY: Duration = Duration::from_secs(24 * 60 * 60);

/// The oldest instant kept with `days` of retention. A visitor still on site is kept whatever
/// their day (see [`Store::purge_before`]).
pub fn cutoff(now: DateTime<Utc>, days: u32) -> DateTime<Utc> {
    now - chrono::Duration::days(i64::from(days.max(1)))
}

/// Purges by the current setting; compacts the file when anything went.
pub async fn purge_now(store: &Store) -> Result<Purged, StoreError> {
    let days = Preferences::load(store).await?.retention_days;
    let purged = store.purge_before(cutoff(Utc::now(), days)).await?;
    if purged.total() > 0 {
        store.compact().await?;
        tracing::info!(
            visitors = purged.visitors,
            operations = purged.operations,
            announcements = purged.announcements,
            days,
            "deleted visitor data older than the retention setting"
        );
    }
    Ok(purged)
}

/// Purges now and then every day, for as long as the app runs.
pub async fn run(store: Store) {
    loop {
        if let Err(error) = purge_now(&store).await {
            tracing::error!(%error, "the retention purge failed; trying again tomorrow");
        }
        tokio::time::sleep(EVERY).await;
    }
}
