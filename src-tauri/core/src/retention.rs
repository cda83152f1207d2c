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

/// Purges now (a desk starts before its visitors arrive) and then every night at 03:00 on
/// this computer's clock, never in the morning rush a fixed 24 h from start-up would hit.
pub async fn run(store: Store) {
    loop {
        if let Err(error) = purge_now(&store).await {
            tracing::error!(%error, "the retention purge failed; trying again tonight");
        }
        tokio::time::sleep(until_next_night(chrono::Local::now())).await;
    }
}

/// How long until the next 03:00 local time (at most [`EVERY`]).
pub fn until_next_night(now: DateTime<chrono::Local>) -> Duration {
    let today = now.date_naive();
    let night = |day: chrono::NaiveDate| {
        day.and_hms_opt(3, 0, 0)
            .and_then(|t| t.and_local_timezone(chrono::Local).earliest())
    };
    let next = night(today)
        .filter(|at| *at > now)
        .or_else(|| today.succ_opt().and_then(night));
    next.and_then(|at| (at - now).to_std().ok())
        .filter(|wait| *wait <= EVERY + Duration::from_secs(3600))
        .unwrap_or(EVERY)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn the_daily_purge_waits_for_the_night() {
        let at = |h, m| {
            chrono::Local
                .with_ymd_and_hms(2026, 6, 10, h, m, 0)
                .earliest()
                .expect("a local time")
        };
        let wait = until_next_night(at(8, 0)).as_secs();
        assert!(
            (18 * 3600 - 3600..=19 * 3600 + 3600).contains(&wait),
            "{wait}"
        );
        let wait = until_next_night(at(2, 30)).as_secs();
        assert!(wait <= 2 * 3600, "{wait}");
        assert!(until_next_night(at(3, 0)) <= EVERY + Duration::from_secs(3600));
    }
}
