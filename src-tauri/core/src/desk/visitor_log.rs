//! The visitor log: every visitor of a location over a range of days (expected, arrived, left,
//! host, source), read from Nexudus when it answers and from this computer's copy when it does
//! not, saying which. Reading it online also refreshes the copy, so the log works offline for
//! the days last looked at (as long as the retention setting keeps them). The log only adds to
//! the copy: a visitor cancelled since stays in the offline log until the retention purge.

use chrono::{DateTime, Days, Duration, NaiveDate, Utc};
use serde::Serialize;

use super::{Desk, DeskError, List};
use crate::day::DayZone;
use crate::input::problem;
use crate::nexudus::VisitorQuery;
use crate::preferences::Preferences;
use crate::visitor::{shown, DeskVisitor, ShownVisitor};

/// The longest range one log shows: a quarter, enough for an audit, small enough to read in a
/// few pages at a front desk.
pub const MAX_LOG_DAYS: u64 = 92;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LogSource {
    /// Read from Nexudus just now.
    Nexudus,
    /// Nexudus did not answer: this computer's copy, as last read.
    Cache,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VisitorLog {
    pub rows: Vec<ShownVisitor>,
    pub source: LogSource,
    /// When the rows were read from Nexudus (for the cache: its last read of these days; none
    /// when this computer never read them).
    pub read_at: Option<DateTime<Utc>>,
    /// Records Nexudus sent that could not be read (the rest are listed).
    pub unreadable: usize,
    /// Why Nexudus was not used, when it was not.
    pub problem: Option<String>,
    /// The location's zone, for the window and the CSV to show times in.
    pub time_zone: Option<String>,
}

/// The UTC bounds of the days `from..=to` in `zone`, or which field is wrong.
pub fn log_range(
    from: NaiveDate,
    to: NaiveDate,
    zone: DayZone,
) -> Result<(DateTime<Utc>, DateTime<Utc>), DeskError> {
    let invalid = |field: &str, message: &str| DeskError::Invalid {
        fields: vec![problem(field, message)],
    };
    if to < from {
        return Err(invalid("to", "must be on or after the first day"));
    }
    if (to - from).num_days() as u64 >= MAX_LOG_DAYS {
        return Err(invalid(
            "to",
            &format!("must be at most {MAX_LOG_DAYS} days after the first day"),
        ));
    }
    let start = zone
        .start_of(from)
        .ok_or_else(|| invalid("from", "is not a day this location has"))?;
    let end = to
        .checked_add_days(Days::new(1))
        .and_then(|next| zone.start_of(next))
        .ok_or_else(|| invalid("to", "is not a day this location has"))?
        - chrono::Duration::seconds(1);
    Ok((start, end))
}

fn sorted(mut rows: Vec<DeskVisitor>) -> Vec<DeskVisitor> {
    rows.sort_by(|a, b| {
        a.expected_at
            .cmp(&b.expected_at)
            .then_with(|| a.full_name.to_lowercase().cmp(&b.full_name.to_lowercase()))
    });
    rows
}

impl Desk {
    async fn retention_days(&self) -> Result<u32, DeskError> {
        Ok(Preferences::load(&self.store).await?.retention_days)
    }

    /// The visitors of `business` expected on the days `from..=to` (the location's days).
    pub async fn visitor_log(
        &self,
        business: i64,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<VisitorLog, DeskError> {
        let zone = self.day_zone(business).await?;
        let (start, end) = log_range(from, to, zone)?;
        let account = self.account().await?;
        let (rows, source, read_at, problem, unreadable) =
            match self.read_log(business, start, end).await {
                Ok((rows, read_at, unreadable)) => {
                    (rows, LogSource::Nexudus, read_at, None, unreadable)
                }
                Err(error) => {
                    tracing::info!(%error, "visitor log from the cache");
                    let (rows, read_at) = self
                        .cache
                        .rows(&account, Some(business), start, end)
                        .await?;
                    let said = crate::l10n::Localize::localize(&error, &crate::l10n::desk_words());
                    (rows, LogSource::Cache, read_at, Some(said), 0)
                }
            };
        let operations = self.store.recent_for_overlay(&account).await?;
        let rows = super::overlay(List::Today, rows, &operations, read_at)
            .into_iter()
            .filter(|r| r.business_id.is_none_or(|b| b == business))
            .filter(|r| r.expected_at.is_none_or(|at| start <= at && at <= end))
            .collect();
        Ok(VisitorLog {
            rows: shown(sorted(rows)),
            source,
            // The cache answers the earliest instant for days it never read.
            read_at: Some(read_at).filter(|at| *at > DateTime::<Utc>::MIN_UTC),
            problem,
            unreadable,
            time_zone: zone.iana().map(str::to_string),
        })
    }

    /// Reads the range from Nexudus (every page) and keeps it in the cache.
    async fn read_log(
        &self,
        business: i64,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
    ) -> Result<(Vec<DeskVisitor>, DateTime<Utc>, usize), DeskError> {
        let client = self.accounts.client().await?;
        let account = client.account().entry_name();
        let read_at = Utc::now();
        let query = VisitorQuery {
            business: Some(business),
            expected_from: Some(start),
            expected_to: Some(end),
            ..VisitorQuery::default()
        };
        let listing = client.list_visitors_reporting(&query).await?;
        let rows: Vec<DeskVisitor> = listing
            .records
            .iter()
            .filter(|v| v.expected_arrival.is_none_or(|at| start <= at && at <= end))
            .map(DeskVisitor::from_admin)
            .collect();
        // Kept for the log offline, never removing anything: an empty or partial answer
        // (a proxy, a failover) must not wipe days the evacuation list or the log rely on.
        // Days older than the retention setting are not kept at all.
        let keep_from = Utc::now() - Duration::days(i64::from(self.retention_days().await?));
        let kept: Vec<DeskVisitor> = rows
            .iter()
            .filter(|v| v.expected_at.is_none_or(|at| at >= keep_from))
            .cloned()
            .collect();
        self.store
            .merge_older_read(&account, &kept, read_at)
            .await?;
        Ok((rows, read_at, listing.unreadable.len()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().expect("date")
    }

    #[test]
    fn a_range_is_whole_location_days_and_bad_ranges_name_their_field() {
        let london = DayZone::Location(chrono_tz::Europe::London);
        // Across the autumn clock change: 25 October 2026 has 25 hours.
        let (start, end) = log_range(day("2026-10-24"), day("2026-10-25"), london).expect("ok");
        assert_eq!(start.to_rfc3339(), "2026-10-23T23:00:00+00:00");
        assert_eq!(end.to_rfc3339(), "2026-10-25T23:59:59+00:00");
        let field = |result: Result<_, DeskError>| match result {
            Err(DeskError::Invalid { fields }) => fields[0].field.clone(),
            other => panic!("{other:?}"),
        };
        assert_eq!(
            field(log_range(day("2026-11-02"), day("2026-11-01"), london)),
            "to"
        );
        assert_eq!(
            field(log_range(day("2026-01-01"), day("2026-12-31"), london)),
            "to"
        );
        assert!(log_range(day("2026-11-01"), day("2026-11-01"), london).is_ok());
    }
}
