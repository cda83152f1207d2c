//! Looks for arrivals on the policy's schedule and raises each one exactly once: an alert is
//! recorded in SQLite before it is shown, so a restart, a reconnect or a second poll never
//! repeats it.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Timelike, Utc};
use serde::Serialize;
use tokio::sync::{broadcast, Mutex, Notify};

use super::detect::{host_arrivals, reception_alerts, Alert};
use super::notify::Notifier;
use super::policy::{next_poll, PollContext, VERY_SLOW};
use crate::account::{Accounts, Mode};
use crate::cache::VisitorCache;
use crate::live::ListChanged;
use crate::nexudus::models::PublicVisitor;
use crate::nexudus::{ApiError, NexudusClient, VisitorQuery};
use crate::preferences::Preferences;
use crate::store::{Store, StoreError};

/// How far back "already announced" and "checked in here" are read. Alerts are only raised for
/// arrivals of the last few minutes, so older records cannot matter; reading them all would
/// make every poll slower as the history grows.
const HISTORY_READ: chrono::Duration = chrono::Duration::days(2);

/// A day with this many visitors or more takes several pages to read: it is read whole only
/// every [`BIG_DAY_WHOLE_READ_EVERY`] looks (cancellations show then), and by "changed since" in
/// between.
const ONE_PAGE: usize = 500;
const BIG_DAY_WHOLE_READ_EVERY: u32 = 12;

#[derive(Default)]
struct Memory {
    account: String,
    waiting: HashSet<i64>,
    approvals: HashMap<i64, i64>,
    failures: u32,
    /// The host's location name, looked up once per account: `Some(None)` when the space has
    /// several (an alert then names none rather than guess).
    host_location: Option<Option<String>>,
    /// The host's list as last taken into the cache (it is written again only when it changed).
    mine: Vec<PublicVisitor>,
    /// Reception: the location being watched; a new one starts from a full read.
    business: Option<i64>,
    /// Reception: the day the last full read covered; a new day starts from a full read (an
    /// incremental read would miss visitors registered days ago for the new day).
    day_start: Option<DateTime<Utc>>,
    updated_since: Option<DateTime<Utc>>,
    /// Reception: each visitor of the day's expected time and whether they arrived, kept from
    /// the polls so the schedule needs no re-read of the whole day.
    day: HashMap<i64, (Option<DateTime<Utc>>, bool)>,
    /// Reception: the last whole-day read fit in one page, so every look reads the whole day
    /// (one request that also sees cancellations, which "changed since" cannot).
    small_day: bool,
    /// Reception: looks since the last whole-day read of a day too big to read every time.
    looks_since_whole_day: u32,
}

/// An alert as announced, for the window: shown as a banner, and as the only notice when the
/// desktop could not show it.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Announcement {
    pub alert: Alert,
    pub title: String,
    pub body: String,
    pub delivered: bool,
    /// Desktop notifications are switched off in Settings: the window is the only notice.
    pub muted: bool,
}

#[derive(Debug, Default)]
pub struct PollReport {
    pub alerts: Vec<Alert>,
    pub next: Duration,
}

pub struct Watcher {
    store: Store,
    accounts: Arc<Accounts>,
    cache: VisitorCache,
    notifier: Arc<dyn Notifier>,
    /// The desk's language for what alerts say; Settings may change it while running.
    words: std::sync::RwLock<Arc<crate::l10n::Messages>>,
    memory: Mutex<Memory>,
    wake: Notify,
    announcements: broadcast::Sender<Announcement>,
    changes: broadcast::Sender<ListChanged>,
}

impl Watcher {
    pub fn new(store: Store, accounts: Arc<Accounts>, notifier: Arc<dyn Notifier>) -> Arc<Self> {
        Arc::new(Watcher {
            cache: VisitorCache::new(store.clone()),
            words: std::sync::RwLock::new(Arc::new(crate::l10n::Messages::new(
                crate::l10n::Language::for_desk(store.policy(), None),
            ))),
            store,
            accounts,
            notifier,
            memory: Mutex::new(Memory::default()),
            wake: Notify::new(),
            announcements: broadcast::Sender::new(64),
            changes: broadcast::Sender::new(64),
        })
    }

    /// The words alerts are shown in.
    pub fn words(&self) -> Arc<crate::l10n::Messages> {
        match self.words.read() {
            Ok(words) => words.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// Alerts from now on are shown in `words`.
    pub fn set_words(&self, words: Arc<crate::l10n::Messages>) {
        match self.words.write() {
            Ok(mut slot) => *slot = words,
            Err(poisoned) => *poisoned.into_inner() = words,
        }
    }

    /// Every alert as it is announced.
    pub fn subscribe(&self) -> broadcast::Receiver<Announcement> {
        self.announcements.subscribe()
    }

    /// Every change a look brought to the list the window shows.
    pub fn subscribe_changes(&self) -> broadcast::Receiver<ListChanged> {
        self.changes.subscribe()
    }

    /// Tells the window what a look changed (nobody listening, as in the CLI, is fine).
    fn publish(&self, changed: ListChanged) {
        if !changed.changes.is_empty() {
            let _ = self.changes.send(changed);
        }
    }

    /// Look now (sign-in, mode change, "sync now", back online).
    pub fn wake(&self) {
        self.wake.notify_one();
    }

    /// Polls forever; `idle` says how long the window has gone without input.
    pub async fn run(self: Arc<Self>, idle: Arc<dyn Fn() -> Duration + Send + Sync>) {
        tracing::debug!("arrival watch: started");
        loop {
            let report = self.poll_once(idle()).await;
            tracing::debug!(next = ?report.next, "arrival watch: sleeping");
            tokio::select! {
                _ = self.wake.notified() => {}
                _ = tokio::time::sleep(report.next) => {}
            }
        }
    }

    async fn announced(&self, account: &str) -> Result<HashSet<(i64, String)>, StoreError> {
        self.store
            .announced_since(account, Utc::now() - HISTORY_READ)
            .await
    }

    /// Records alerts as announced; answers those not announced before (a second watcher, or
    /// a race, loses here rather than announcing twice).
    async fn claim(&self, account: &str, alerts: Vec<Alert>) -> Result<Vec<Alert>, StoreError> {
        let mut fresh = Vec::new();
        for alert in alerts {
            if self
                .store
                .claim_announcement(account, alert.visitor_id, &alert.event.key())
                .await?
            {
                fresh.push(alert);
            }
        }
        Ok(fresh)
    }

    /// One look: read, detect, claim, show. Answers when to look next.
    pub async fn poll_once(&self, idle_for: Duration) -> PollReport {
        let Ok(client) = self.accounts.client().await else {
            return PollReport {
                next: VERY_SLOW,
                ..PollReport::default()
            };
        };
        let mode = self.accounts.status().await.ok().and_then(|s| s.mode);
        let mut memory = self.memory.lock().await;
        let account = client.account().entry_name();
        if memory.account != account {
            *memory = Memory {
                account: account.clone(),
                ..Memory::default()
            };
        }
        let now = Utc::now();
        let local_hour = now.with_timezone(&chrono::Local).hour();
        let mut context = PollContext {
            idle_for,
            night: !(7..20).contains(&local_hour),
            ..PollContext::default()
        };
        tracing::debug!(?mode, "arrival watch: looking");
        let found = match mode {
            Some(Mode::Host) => self.look_as_host(&client, &mut memory, &mut context).await,
            Some(Mode::Reception) => {
                self.look_as_reception(&client, &mut memory, &mut context)
                    .await
            }
            None => Ok(Vec::new()),
        };
        let alerts = match found {
            Ok(alerts) => {
                memory.failures = 0;
                alerts
            }
            Err(error) => {
                if matches!(
                    error,
                    WatchError::Api(
                        ApiError::Offline { .. }
                            | ApiError::Transient { .. }
                            | ApiError::Throttled { .. }
                    )
                ) {
                    memory.failures += 1;
                } else {
                    tracing::warn!(%error, "arrival watch failed");
                    memory.failures = memory.failures.max(1);
                }
                Vec::new()
            }
        };
        context.failures = memory.failures;
        drop(memory);
        let alerts = match self.claim(&account, alerts).await {
            Ok(alerts) => alerts,
            Err(error) => {
                tracing::error!(%error, "could not record announced arrivals");
                Vec::new()
            }
        };
        let desktop = match Preferences::load(&self.store).await {
            Ok(preferences) => preferences.notifications,
            Err(error) => {
                tracing::warn!(%error, "could not read the notification setting");
                true
            }
        };
        let words = self.words();
        for alert in &alerts {
            let delivered = desktop && {
                let (notifier, shown, shown_words) =
                    (self.notifier.clone(), alert.clone(), words.clone());
                let result =
                    tokio::task::spawn_blocking(move || notifier.show(&shown, &shown_words))
                        .await
                        .unwrap_or_else(|e| Err(e.to_string()));
                match result {
                    Ok(()) => true,
                    Err(error) => {
                        // The window shows it instead (`delivered: false` below).
                        tracing::warn!(%error, "a notification could not be shown");
                        false
                    }
                }
            };
            // Nobody listening (no window) is fine.
            let _ = self.announcements.send(Announcement {
                alert: alert.clone(),
                title: alert.title(&words),
                body: alert.body(&words),
                delivered,
                muted: !desktop,
            });
        }
        let next = next_poll(&context);
        tracing::debug!(alerts = alerts.len(), ?next, "arrival watch: looked");
        PollReport { alerts, next }
    }

    async fn look_as_host(
        &self,
        client: &NexudusClient,
        memory: &mut Memory,
        context: &mut PollContext,
    ) -> Result<Vec<Alert>, WatchError> {
        if memory.host_location.is_none() {
            let offered = client.businesses_with_visitors().await?;
            memory.host_location = Some(match offered.as_slice() {
                [only] => Some(only.name.clone()),
                _ => None,
            });
        }
        let read_at = Utc::now();
        let rows = client.my_visitors(false).await?;
        // Arrival times are the server's: "just now" is judged on its clock, not this desk's.
        let now = client.server_clock().now();
        // The same read keeps the host's list fresh: an arrival shows there at once.
        if rows != memory.mine {
            match self
                .cache
                .remember_mine(&memory.account, &rows, read_at)
                .await
            {
                Ok(changed) => {
                    memory.mine = rows.clone();
                    self.publish(changed);
                }
                Err(error) => tracing::warn!(%error, "could not keep the host's visitors"),
            }
        }
        let announced: HashSet<i64> = self
            .announced(&memory.account)
            .await?
            .into_iter()
            .filter(|(_, event)| event == "arrived")
            .map(|(id, _)| id)
            .collect();
        let mut alerts = host_arrivals(&rows, &announced, &memory.waiting, now);
        for alert in &mut alerts {
            alert.location = memory.host_location.clone().flatten();
        }
        memory.waiting = rows.iter().filter(|r| !r.arrived).map(|r| r.id).collect();
        context.next_expected_in = rows
            .iter()
            .filter(|r| !r.arrived)
            .filter_map(|r| r.expected_at())
            .filter(|at| *at > now)
            .map(|at| (at - now).to_std().unwrap_or_default())
            .min();
        context.recent_activity = rows.iter().any(|r| {
            let hour_ago = now - chrono::Duration::hours(1);
            r.expected_at()
                .is_some_and(|at| at >= hour_ago && at <= now)
                || r.arrived_at().is_some_and(|at| at >= hour_ago)
        });
        Ok(alerts)
    }

    async fn look_as_reception(
        &self,
        client: &NexudusClient,
        memory: &mut Memory,
        context: &mut PollContext,
    ) -> Result<Vec<Alert>, WatchError> {
        let Some(business) = self.cache.location().await? else {
            return Ok(Vec::new());
        };
        if memory.business != Some(business) {
            memory.business = Some(business);
            memory.updated_since = None;
            memory.day_start = None;
            memory.approvals.clear();
        }
        let started = Utc::now();
        let day = self.cache.today_at(&memory.account, business).await?;
        let (day_start, day_end) = (day.start, day.end);
        // The first look at a location is the baseline: nothing in it is news. A new day is
        // read whole (visitors registered days ago for it changed nothing lately), and what
        // changed since the last look is read too: a visitor expected at 23:50 who arrives at
        // 00:05 is news, and belongs in the evacuation list.
        let baseline = memory.updated_since.is_none();
        let new_day = memory.day_start != Some(day_start);
        if new_day {
            memory.day_start = Some(day_start);
            memory.day.clear();
        }
        // A day that fits in one page is read whole at every look: the same single request
        // sees check-ins, check-outs, walk-ins, answers and cancellations made anywhere.
        // "Changed since" also catches what moved out of the day, and last evening's visitors
        // still in the building.
        let whole_day_read = baseline
            || new_day
            || memory.small_day
            || memory.looks_since_whole_day + 1 >= BIG_DAY_WHOLE_READ_EVERY;
        let mut rows = Vec::new();
        if let Some(since) = memory.updated_since {
            // A minute's overlap: the filter has minute precision.
            let changed = VisitorQuery {
                business: Some(business),
                updated_since: Some(since - chrono::Duration::minutes(1)),
                ..VisitorQuery::default()
            };
            rows = client.list_visitors(&changed).await?;
        }
        // What alerts may come from: what changed since the last look, by its stamp or in the
        // list (the whole day is read every look; its unchanged rows are not news).
        let mut news: HashSet<i64> = rows.iter().map(|row| row.id).collect();
        let mut changed = ListChanged::default();
        let mut day_rows = Vec::new();
        if whole_day_read {
            let whole_day = VisitorQuery {
                business: Some(business),
                expected_from: Some(day_start),
                expected_to: Some(day_end),
                ..VisitorQuery::default()
            };
            let mut listing = client.list_visitors_reporting(&whole_day).await?;
            let knew_some = memory
                .day
                .values()
                .any(|(at, _)| at.is_some_and(|at| at >= day_start && at <= day_end));
            if listing.records.is_empty()
                && listing.unreadable.is_empty()
                && (baseline || knew_some)
            {
                // Everyone cancelled, or a glitch (a proxy, a failover): a second read says.
                listing = client.list_visitors_reporting(&whole_day).await?;
            }
            memory.small_day = listing.records.len() + listing.unreadable.len() < ONE_PAGE;
            memory.looks_since_whole_day = 0;
            let in_day: HashSet<i64> = listing.records.iter().map(|d| d.id).collect();
            rows.retain(|row| !in_day.contains(&row.id));
            // An empty answer twice is a day where everyone cancelled; a record that could not
            // be read, and has no id, may be anyone: nothing is removed on its word.
            let unreadable: Vec<i64> = listing.unreadable.iter().filter_map(|u| u.id).collect();
            let doubtful = listing.unreadable.iter().any(|u| u.id.is_none())
                || (listing.records.is_empty() && !listing.unreadable.is_empty());
            if doubtful {
                rows.extend(listing.records);
            } else {
                changed = self
                    .cache
                    .remember_day(
                        &memory.account,
                        business,
                        day,
                        &listing.records,
                        &unreadable,
                        started,
                    )
                    .await?;
                day_rows = listing.records;
            }
        } else {
            memory.looks_since_whole_day += 1;
        }
        let merged = self.cache.remember(&memory.account, &rows, started).await?;
        changed.changes.extend(merged.changes);
        rows.extend(day_rows);
        news.extend(changed.changes.iter().map(|c| c.visitor_id));
        if !baseline {
            // One change per visitor: the last word (the "changed since" read, merged after the
            // day) wins.
            changed.changes.reverse();
            changed.changes.sort_by_key(|c| c.visitor_id);
            changed.changes.dedup_by_key(|c| c.visitor_id);
            self.publish(changed);
        }
        // "Changed since" and "just now" are asked on the server's clock (a desk minutes fast
        // would ask about the future and hear of nothing); the queue's stamps are this desk's.
        let now = client.server_clock().to_server(started);
        let announced = self.announced(&memory.account).await?;
        let here = self
            .store
            .visitors_checked_in_by(&memory.account, started - HISTORY_READ)
            .await?;
        let alerts = if baseline {
            Vec::new()
        } else {
            let candidates: Vec<_> = rows
                .iter()
                .filter(|row| new_day || news.contains(&row.id))
                .cloned()
                .collect();
            reception_alerts(&candidates, &announced, &here, &memory.approvals, now)
        };
        for row in &rows {
            memory.approvals.insert(row.id, row.host_approval_status);
            memory
                .day
                .insert(row.id, (row.expected_arrival, row.arrived));
        }
        memory.updated_since = Some(now);
        let today = memory
            .day
            .values()
            .filter_map(|(expected, arrived)| expected.map(|at| (at, *arrived)))
            .filter(|(at, _)| *at >= day_start && *at <= day_end);
        let mut next_expected = None::<DateTime<Utc>>;
        let mut recent_activity = false;
        for (at, arrived) in today {
            if !arrived && at > now {
                next_expected = Some(next_expected.map_or(at, |n| n.min(at)));
            }
            recent_activity |= at >= now - chrono::Duration::hours(1) && at <= now;
        }
        context.next_expected_in = next_expected.map(|at| (at - now).to_std().unwrap_or_default());
        context.recent_activity = recent_activity;
        Ok(alerts)
    }
}

#[derive(Debug, thiserror::Error)]
enum WatchError {
    #[error(transparent)]
    Api(#[from] ApiError),
    #[error(transparent)]
    Store(#[from] StoreError),
}
