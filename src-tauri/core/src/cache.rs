//! The visitor cache as the desk and the arrival watcher write and read it: what Nexudus said,
//! turned into desk rows, with each write answering what changed and whether this desk did it.
//! Both the use cases (`desk`) and the watcher stand on this; neither depends on the other.

use chrono::{DateTime, Duration, Utc};

use crate::day::{Day, DayZone};
use crate::live::{attribute, ListChanged, RowChange};
use crate::nexudus::models::{PublicVisitor, Visitor};
use crate::store::visitors::Range;
use crate::store::{settings, Store, StoreError};
use crate::visitor::{DeskVisitor, Location};

/// How far ahead a host's list reaches.
pub const HOST_HORIZON: Duration = Duration::days(3650);

#[derive(Clone)]
pub struct VisitorCache {
    store: Store,
}

impl VisitorCache {
    pub fn new(store: Store) -> Self {
        VisitorCache { store }
    }

    /// Cached rows of `account` expected from `from` to `to` (at `business`, or any), and when
    /// they were read.
    pub async fn rows(
        &self,
        account: &str,
        business: Option<i64>,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<(Vec<DeskVisitor>, DateTime<Utc>), StoreError> {
        let range = Range {
            account,
            business,
            from,
            to,
        };
        self.store.cached_visitors(range).await
    }

    /// Names what a write to the cache changed, and which of it was done elsewhere.
    pub async fn attribute(
        &self,
        account: &str,
        changes: Vec<RowChange>,
    ) -> Result<ListChanged, StoreError> {
        if changes.is_empty() {
            return Ok(ListChanged::default());
        }
        let operations = self.store.recent_for_overlay(account).await?;
        Ok(attribute(changes, &operations))
    }

    /// Takes in visitors read elsewhere (the arrival watcher's incremental polls) so the list
    /// stays fresh without reloading the day; answers what changed.
    pub async fn remember(
        &self,
        account: &str,
        visitors: &[Visitor],
        read_at: DateTime<Utc>,
    ) -> Result<ListChanged, StoreError> {
        let rows: Vec<DeskVisitor> = visitors.iter().map(DeskVisitor::from_admin).collect();
        let changes = self.store.merge_visitors(account, &rows, read_at).await?;
        self.attribute(account, changes).await
    }

    /// Takes in a whole day at `business` as read: rows no longer in it were cancelled, deleted
    /// or moved (except `unreadable` ones, which the server did send). Answers what changed.
    pub async fn remember_day(
        &self,
        account: &str,
        business: i64,
        day: Day,
        visitors: &[Visitor],
        unreadable: &[i64],
        read_at: DateTime<Utc>,
    ) -> Result<ListChanged, StoreError> {
        let rows: Vec<DeskVisitor> = visitors
            .iter()
            .filter(|v| v.expected_arrival.is_none_or(|at| day.contains(at)))
            .map(DeskVisitor::from_admin)
            .collect();
        let range = Range {
            account,
            business: Some(business),
            from: day.start,
            to: day.end,
        };
        let changes = self
            .store
            .replace_visitors(range, &rows, unreadable, read_at)
            .await?;
        self.attribute(account, changes).await
    }

    /// Takes in the host's whole `my` list (read by the desk or by the arrival watcher).
    pub async fn remember_mine(
        &self,
        account: &str,
        visitors: &[PublicVisitor],
        read_at: DateTime<Utc>,
    ) -> Result<ListChanged, StoreError> {
        let from = Day::containing(Utc::now(), DayZone::Desk).start;
        let rows: Vec<DeskVisitor> = visitors
            .iter()
            .map(DeskVisitor::from_public)
            .filter(|v| v.expected_at.is_some_and(|at| at >= from))
            .collect();
        let range = Range {
            account,
            business: None,
            from,
            to: from + HOST_HORIZON,
        };
        let changes = self
            .store
            .replace_visitors(range, &rows, &[], read_at)
            .await?;
        self.attribute(account, changes).await
    }

    /// The locations last read for `account` (the desk must open without the network).
    pub async fn known_locations(
        &self,
        account: &str,
    ) -> Result<Option<Vec<Location>>, StoreError> {
        self.store.setting(&settings::locations_key(account)).await
    }

    /// The zone whose calendar day is "today" at `business`: the location's, as last read from
    /// Nexudus, else this computer's.
    pub async fn day_zone(&self, account: &str, business: i64) -> Result<DayZone, StoreError> {
        let zone = self
            .known_locations(account)
            .await?
            .unwrap_or_default()
            .into_iter()
            .find(|location| location.id == business)
            .and_then(|location| location.time_zone);
        Ok(DayZone::of_location(zone.as_deref(), None))
    }

    /// Today at `business`, in the location's zone.
    pub async fn today_at(&self, account: &str, business: i64) -> Result<Day, StoreError> {
        Ok(Day::containing(
            Utc::now(),
            self.day_zone(account, business).await?,
        ))
    }

    /// The location this desk stands at: the policy's when it locks one, else the one chosen
    /// last, else the policy's default. The list and the arrival watcher both follow it.
    pub async fn location(&self) -> Result<Option<i64>, StoreError> {
        let state = self.store.policy();
        let from_policy = state.policy.location;
        if state.is_locked(crate::policy::Key::Location) {
            return Ok(from_policy);
        }
        Ok(self.chosen_location().await?.or(from_policy))
    }

    /// The location a person chose last at this desk, if any.
    pub async fn chosen_location(&self) -> Result<Option<i64>, StoreError> {
        self.store.setting(settings::LOCATION).await
    }
}
