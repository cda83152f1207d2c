//! Today's list as the window pages through it. The day stays here, built once per read and
//! searched in place, and the window gets only what it shows: each group's first page of
//! matches, the counts and the hourly chart. A big day (5,000 visitors) would otherwise cross
//! the IPC as 2 MB of JSON and live in the web process as a row object per visitor.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Timelike, Utc};
use serde::{Deserialize, Serialize};

use super::{Desk, DeskError};
use crate::day::{Day, DayZone};
use crate::visitor::{DeskVisitor, Presence, ShownVisitor};

/// Rows a group shows at first, and how many more each "Show more" brings.
pub const PAGE_ROWS: usize = 100;
/// A day this long frees enough memory when read to be worth giving back.
const BIG_DAY: usize = 1_000;
/// The most rows one group sends at once, whatever the window asks for.
const MOST_ROWS: usize = 10_000;

/// What the window shows of today's list.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct TodayQuery {
    /// What the receptionist typed: matched, case-insensitively, against the name, email,
    /// company, host and visitor code.
    pub search: String,
    pub limits: GroupLimits,
    /// A visitor to bring into view (a notification was clicked): their group shows at least
    /// as far as their row.
    pub focus: Option<i64>,
}

/// How many rows each group shows.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase", default)]
pub struct GroupLimits {
    pub expected: usize,
    pub on_site: usize,
    pub left: usize,
}

impl Default for GroupLimits {
    fn default() -> Self {
        GroupLimits {
            expected: PAGE_ROWS,
            on_site: PAGE_ROWS,
            left: PAGE_ROWS,
        }
    }
}

impl GroupLimits {
    fn of(&self, group: Presence) -> usize {
        let limit = match group {
            Presence::Expected => self.expected,
            Presence::OnSite => self.on_site,
            Presence::Left => self.left,
        };
        limit.clamp(1, MOST_ROWS)
    }
}

/// One group's matches: how many there are, and the first of them.
#[derive(Clone, Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GroupView {
    pub matches: usize,
    pub rows: Vec<ShownVisitor>,
    /// Another page can be sent ("Show more"): matches beyond these rows, within what one
    /// answer may carry.
    pub more: bool,
}

/// Arrivals and expected arrivals in one hour of the location's day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct HourCount {
    pub hour: u32,
    pub arrived: usize,
    pub expected: usize,
}

/// What the window draws of today's list.
#[derive(Clone, Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TodayView {
    pub expected: GroupView,
    pub on_site: GroupView,
    pub left: GroupView,
    /// Everyone on site now, whatever the search (the header's count).
    pub on_site_now: usize,
    /// Every row of the day, whatever the search.
    pub total: usize,
    /// Today's arrivals by hour, whatever the search; someone still here from an earlier day
    /// is on site, not one of today's.
    pub arrivals: Vec<HourCount>,
    /// The group of the visitor the query asked to focus, when they are in today's list.
    pub focus: Option<Presence>,
}

/// One row of the kept day, with what a search looks in.
struct Entry {
    visitor: DeskVisitor,
    presence: Presence,
    haystack: String,
}

/// The day as last read for one account and location.
pub(super) struct TodaySnapshot {
    account: String,
    business: i64,
    entries: Vec<Entry>,
    /// Over the whole day whatever the search: counted once per read, not once per keystroke.
    on_site_now: usize,
    arrivals: Vec<HourCount>,
}

impl TodaySnapshot {
    /// No day: what a forgotten one leaves (no account or location matches it).
    fn empty() -> Self {
        TodaySnapshot {
            account: String::new(),
            business: i64::MIN,
            entries: Vec::new(),
            on_site_now: 0,
            arrivals: Vec::new(),
        }
    }

    fn new(account: String, business: i64, zone: DayZone, rows: Vec<DeskVisitor>) -> Self {
        let entries = rows
            .into_iter()
            .map(|visitor| Entry {
                presence: visitor.presence(),
                haystack: haystack(&visitor),
                visitor,
            })
            .collect::<Vec<Entry>>();
        let on_site_now = entries
            .iter()
            .filter(|e| e.presence == Presence::OnSite)
            .count();
        let arrivals = hourly(entries.iter().map(|e| &e.visitor), zone);
        TodaySnapshot {
            account,
            business,
            entries,
            on_site_now,
            arrivals,
        }
    }

    fn view(&self, query: &TodayQuery) -> TodayView {
        let needle = query.search.trim().to_lowercase();
        let mut limits = query.limits;
        let mut focus = None;
        if let Some(wanted) = query.focus {
            let mut seen = [0usize; 3];
            for entry in self.entries.iter().filter(|e| e.matches(&needle)) {
                let slot = &mut seen[slot(entry.presence)];
                *slot += 1;
                if entry.visitor.id == Some(wanted) {
                    focus = Some(entry.presence);
                    widen(&mut limits, entry.presence, *slot);
                    break;
                }
            }
        }
        let mut view = TodayView {
            total: self.entries.len(),
            focus,
            on_site_now: self.on_site_now,
            arrivals: self.arrivals.clone(),
            ..TodayView::default()
        };
        for entry in &self.entries {
            if !entry.matches(&needle) {
                continue;
            }
            let group = match entry.presence {
                Presence::Expected => &mut view.expected,
                Presence::OnSite => &mut view.on_site,
                Presence::Left => &mut view.left,
            };
            group.matches += 1;
            if group.rows.len() < limits.of(entry.presence) {
                group.rows.push(ShownVisitor::from(entry.visitor.clone()));
            }
        }
        for group in [&mut view.expected, &mut view.on_site, &mut view.left] {
            group.more = group.matches > group.rows.len() && group.rows.len() < MOST_ROWS;
        }
        view
    }
}

impl Entry {
    fn matches(&self, needle: &str) -> bool {
        needle.is_empty() || self.haystack.contains(needle)
    }
}

fn slot(group: Presence) -> usize {
    match group {
        Presence::Expected => 0,
        Presence::OnSite => 1,
        Presence::Left => 2,
    }
}

fn widen(limits: &mut GroupLimits, group: Presence, rows: usize) {
    let limit = match group {
        Presence::Expected => &mut limits.expected,
        Presence::OnSite => &mut limits.on_site,
        Presence::Left => &mut limits.left,
    };
    *limit = (*limit).max(rows);
}

fn haystack(visitor: &DeskVisitor) -> String {
    [
        Some(visitor.full_name.as_str()),
        visitor.email.as_deref(),
        visitor.company.as_deref(),
        visitor.host_name.as_deref(),
        visitor.visitor_code.as_deref(),
    ]
    .into_iter()
    .flatten()
    .filter(|part| !part.is_empty())
    .collect::<Vec<_>>()
    .join(" ")
    .to_lowercase()
}

/// Counts per hour of the location's day: arrived (by arrival time) and still expected (by
/// expected time).
pub fn hourly<'a>(
    visitors: impl Iterator<Item = &'a DeskVisitor>,
    zone: DayZone,
) -> Vec<HourCount> {
    let mut hours = [(0usize, 0usize); 24];
    let hour_of = |at: DateTime<Utc>| zone.local_time(at).hour() as usize;
    for visitor in visitors.filter(|v| !v.earlier_day) {
        match (visitor.arrived_at, visitor.arrived, visitor.expected_at) {
            (Some(at), _, _) => hours[hour_of(at)].0 += 1,
            (None, false, Some(at)) => hours[hour_of(at)].1 += 1,
            _ => {}
        }
    }
    (0u32..)
        .zip(hours)
        .filter(|(_, (arrived, expected))| arrived + expected > 0)
        .map(|(hour, (arrived, expected))| HourCount {
            hour,
            arrived,
            expected,
        })
        .collect()
}

impl Desk {
    /// What the window shows of today's list at `business`. `fresh` reads the day again (from
    /// the cache, with the queue laid over it); otherwise the day as last read answers, which
    /// is what a keystroke in the search or "Show more" needs.
    pub async fn today_view(
        &self,
        business: i64,
        query: &TodayQuery,
        fresh: bool,
    ) -> Result<TodayView, DeskError> {
        let snapshot = self.today_snapshot(business, fresh).await?;
        Ok(snapshot.view(query))
    }

    /// Reads today's list from Nexudus (see [`Desk::refresh_today`]) and answers the view.
    pub async fn refresh_today_view(
        &self,
        business: i64,
        query: &TodayQuery,
    ) -> Result<TodayView, DeskError> {
        let (account, day) = self.read_today_into_cache(business).await?;
        let read = self.today_kept.next_read();
        let zone = self.cache.day_zone(&account, business).await?;
        let snapshot = self.read_today(read, account, business, zone, day).await?;
        Ok(snapshot.view(query))
    }

    /// Forgets the kept day (at sign-in and sign-out: it belongs to the account it was read for).
    pub fn forget_today(&self) {
        self.today_kept.clear();
    }

    /// Everyone on site at `business`: the evacuation list, which is never paged (the window
    /// sorts it by name in the desk's language).
    pub async fn on_site_now(&self, business: i64) -> Result<Vec<ShownVisitor>, DeskError> {
        let snapshot = self.today_snapshot(business, false).await?;
        Ok(snapshot
            .entries
            .iter()
            .filter(|e| e.presence == Presence::OnSite)
            .map(|e| ShownVisitor::from(e.visitor.clone()))
            .collect())
    }

    async fn today_snapshot(
        &self,
        business: i64,
        fresh: bool,
    ) -> Result<Arc<TodaySnapshot>, DeskError> {
        // One account for the whole read: a sign-in landing midway must not label one
        // account's visitors as another's.
        let account = self.account().await?;
        if !fresh {
            let kept = self
                .today_kept
                .latest()
                .filter(|kept| kept.business == business && kept.account == account);
            if let Some(kept) = kept {
                return Ok(kept);
            }
        }
        let read = self.today_kept.next_read();
        let zone = self.cache.day_zone(&account, business).await?;
        let day = Day::containing(Utc::now(), zone);
        self.read_today(read, account, business, zone, day).await
    }

    async fn read_today(
        &self,
        read: u64,
        account: String,
        business: i64,
        zone: DayZone,
        day: Day,
    ) -> Result<Arc<TodaySnapshot>, DeskError> {
        let rows = self.day_list(&account, business, day).await?;
        let big = rows.len() >= BIG_DAY;
        let snapshot = Arc::new(TodaySnapshot::new(account, business, zone, rows));
        self.today_kept.offer(read, snapshot.clone());
        if big {
            // Reading a big day frees megabytes of parsed records; glibc would keep them. A
            // trim walks the heap for milliseconds: not on an async worker.
            tokio::task::spawn_blocking(crate::memory::give_back_freed);
        }
        Ok(snapshot)
    }
}

/// The day a desk keeps for its window (one location at a time). Reads overlap (a refresh
/// waits on the network while a check-in redraws the list): the read that began last is kept,
/// whichever ends last, so a slow read never puts an older day back.
#[derive(Default)]
pub(super) struct KeptToday {
    reads: AtomicU64,
    kept: Mutex<Option<(u64, Arc<TodaySnapshot>)>>,
}

impl KeptToday {
    fn next_read(&self) -> u64 {
        self.reads.fetch_add(1, Ordering::SeqCst) + 1
    }

    fn offer(&self, read: u64, snapshot: Arc<TodaySnapshot>) {
        if let Ok(mut kept) = self.kept.lock() {
            if kept.as_ref().is_none_or(|(newest, _)| *newest < read) {
                *kept = Some((read, snapshot));
            }
        }
    }

    fn clear(&self) {
        // A read in flight began before this, so it cannot put the day back either.
        let now = self.reads.fetch_add(1, Ordering::SeqCst) + 1;
        if let Ok(mut kept) = self.kept.lock() {
            *kept = Some((now, Arc::new(TodaySnapshot::empty())));
        }
    }

    fn latest(&self) -> Option<Arc<TodaySnapshot>> {
        let kept = self.kept.lock().ok()?;
        kept.as_ref().map(|(_, snapshot)| snapshot.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(hour: u32, minute: u32) -> Option<DateTime<Utc>> {
        Utc.with_ymd_and_hms(2030, 1, 1, hour, minute, 0).single()
    }

    fn guest(id: i64, name: &str) -> DeskVisitor {
        DeskVisitor {
            id: Some(id),
            full_name: name.into(),
            business_id: Some(1),
            expected_at: at(9, 0),
            ..DeskVisitor::default()
        }
    }

    fn arrived(mut visitor: DeskVisitor, hour: u32) -> DeskVisitor {
        visitor.arrived = true;
        visitor.arrived_at = at(hour, 30);
        visitor
    }

    fn london() -> DayZone {
        DayZone::of_location(Some("Europe/London"), None)
    }

    fn day(rows: Vec<DeskVisitor>) -> TodaySnapshot {
        TodaySnapshot::new("a".into(), 1, london(), rows)
    }

    fn names(group: &GroupView) -> Vec<&str> {
        group
            .rows
            .iter()
            .map(|r| r.visitor.full_name.as_str())
            .collect()
    }

    #[test]
    fn each_group_sends_its_first_page_and_counts_every_match() {
        let rows = (0..250)
            .map(|n| guest(n, &format!("Guest {n:03}")))
            .collect();
        let view = day(rows).view(&TodayQuery::default());
        assert_eq!(view.expected.matches, 250);
        assert_eq!(view.expected.rows.len(), PAGE_ROWS);
        assert!(view.expected.more);
        assert!(!view.on_site.more);
        assert_eq!(view.total, 250);

        let wider = TodayQuery {
            limits: GroupLimits {
                expected: 200,
                ..GroupLimits::default()
            },
            ..TodayQuery::default()
        };
        let view = day((0..250).map(|n| guest(n, "G")).collect()).view(&wider);
        assert_eq!(view.expected.rows.len(), 200);

        // Past what one answer may carry, no page is promised that would not come.
        let all = TodayQuery {
            limits: GroupLimits {
                expected: usize::MAX,
                ..GroupLimits::default()
            },
            ..TodayQuery::default()
        };
        let rows = (0..MOST_ROWS as i64 + 5).map(|n| guest(n, "G")).collect();
        let view = day(rows).view(&all);
        assert_eq!(view.expected.rows.len(), MOST_ROWS);
        assert!(!view.expected.more);
    }

    #[test]
    fn search_matches_name_email_company_host_and_code_in_any_case() {
        let mut ada = guest(1, "Ada Lovelace");
        ada.company = Some("Analytical Engines".into());
        let mut grace = guest(2, "Grace Hopper");
        grace.host_name = Some("Charles BABBAGE".into());
        grace.visitor_code = Some("X7Q2".into());
        let snapshot = day(vec![ada, grace, arrived(guest(3, "Alan Turing"), 10)]);
        let search = |text: &str| {
            snapshot.view(&TodayQuery {
                search: text.into(),
                ..TodayQuery::default()
            })
        };
        assert_eq!(names(&search("  ENGINES ").expected), ["Ada Lovelace"]);
        assert_eq!(names(&search("babbage").expected), ["Grace Hopper"]);
        assert_eq!(names(&search("x7q2").expected), ["Grace Hopper"]);
        let turing = search("turing");
        assert_eq!(turing.expected.matches, 0);
        assert_eq!(names(&turing.on_site), ["Alan Turing"]);
        // The header's count and the chart do not follow the search.
        assert_eq!(turing.on_site_now, 1);
        assert_eq!(turing.total, 3);
    }

    #[test]
    fn a_focused_visitor_beyond_the_first_page_is_sent_with_their_group() {
        let rows = (0..300).map(|n| arrived(guest(n, "G"), 10)).collect();
        let view = day(rows).view(&TodayQuery {
            focus: Some(250),
            ..TodayQuery::default()
        });
        assert_eq!(view.focus, Some(Presence::OnSite));
        assert_eq!(view.on_site.rows.len(), 251);
        assert_eq!(
            view.on_site.rows.last().and_then(|r| r.visitor.id),
            Some(250)
        );
        let missing = day(vec![guest(1, "G")]).view(&TodayQuery {
            focus: Some(99),
            ..TodayQuery::default()
        });
        assert_eq!(missing.focus, None);
        assert_eq!(missing.expected.rows.len(), 1);
    }

    #[test]
    fn a_read_that_began_earlier_never_replaces_a_later_one() {
        let kept = KeptToday::default();
        let (slow, quick) = (kept.next_read(), kept.next_read());
        kept.offer(quick, Arc::new(day(vec![guest(1, "Checked in just now")])));
        kept.offer(slow, Arc::new(day(vec![])));
        assert_eq!(kept.latest().map(|k| k.entries.len()), Some(1));
        let later = kept.next_read();
        kept.offer(later, Arc::new(day(vec![])));
        assert_eq!(kept.latest().map(|k| k.entries.len()), Some(0));

        // Forgotten at sign-out: a read begun before cannot bring the day back.
        let before = kept.next_read();
        kept.clear();
        kept.offer(
            before,
            Arc::new(day(vec![guest(2, "Signed-out account's")])),
        );
        assert!(kept
            .latest()
            .is_some_and(|k| k.entries.is_empty() && k.account.is_empty()));
    }

    #[test]
    fn the_chart_counts_arrivals_and_expected_by_the_locations_hour() {
        let mut earlier = arrived(guest(4, "Night owl"), 1);
        earlier.earlier_day = true;
        let mut unknown = guest(5, "Walk-in, time unknown");
        unknown.arrived = true;
        let rows = [
            guest(1, "Expected at nine"),
            arrived(guest(2, "In at ten"), 10),
            arrived(guest(3, "Also ten"), 10),
            earlier,
            unknown,
        ];
        // New York is five hours behind UTC in January.
        let zone = DayZone::of_location(Some("America/New_York"), None);
        let chart = hourly(rows.iter(), zone);
        assert_eq!(
            chart,
            [
                HourCount {
                    hour: 4,
                    arrived: 0,
                    expected: 1
                },
                HourCount {
                    hour: 5,
                    arrived: 2,
                    expected: 0
                },
            ]
        );
    }
}
