//! Reception's day at a location: today's list (with those still on site from an earlier day),
//! check-in, check-out, approvals and walk-ins.

use chrono::{Duration, Utc};
use serde::Deserialize;

use super::forms::validate_walk_in;
use super::{Desk, DeskError, VisitorRef, WalkInForm};
use crate::day::{Day, DayZone};
use crate::input::one_line;
use crate::nexudus::models::{HostApproval, Unreadable};
use crate::nexudus::{NewVisitor, VisitorQuery};
use crate::queue::{Operation, QueuedOp};
use crate::store::visitors::Range;
use crate::visitor::{DeskVisitor, Presence};

/// How long before today's start a visitor still on site is kept in today's list (someone who
/// came in the evening and is still in the building after midnight).
const ON_SITE_CARRY_OVER: Duration = Duration::hours(24);

/// What reception can answer for a host (the three answers of the host's approval email).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApprovalAnswer {
    /// The visitor waits at reception and the host collects them.
    ApproveAndHold,
    /// The visitor may go to the host's desk or unit.
    ApproveAndSendUp,
    Decline,
}

impl ApprovalAnswer {
    pub fn status(self) -> HostApproval {
        match self {
            ApprovalAnswer::ApproveAndHold => HostApproval::AcceptedAndHold,
            ApprovalAnswer::ApproveAndSendUp => HostApproval::AcceptedAndGrant,
            ApprovalAnswer::Decline => HostApproval::Rejected,
        }
    }
}

impl Desk {
    pub async fn check_in(
        &self,
        visitor: &VisitorRef,
        location: Option<String>,
    ) -> Result<QueuedOp, DeskError> {
        self.queue(Operation::CheckIn {
            target: visitor.target()?,
            at: Utc::now(),
            location,
        })
        .await
    }

    pub async fn check_out(&self, visitor: &VisitorRef) -> Result<QueuedOp, DeskError> {
        self.queue(Operation::CheckOut {
            target: visitor.target()?,
            at: Utc::now(),
        })
        .await
    }

    /// Reception answers for a host whose approval is requested. The answer is queued with
    /// "requested" as the state this desk saw: if the host (or another desk) answers first,
    /// theirs stands and this one is shown as a conflict, never written over it.
    pub async fn answer_approval(
        &self,
        visitor: &VisitorRef,
        answer: ApprovalAnswer,
    ) -> Result<QueuedOp, DeskError> {
        self.queue(Operation::SetApproval {
            target: visitor.target()?,
            status: answer.status().code(),
            seen: Some(HostApproval::Requested.code()),
        })
        .await
    }

    /// A walk-in: created and checked in at once (one request, `CheckInNow`).
    pub async fn walk_in(
        &self,
        form: WalkInForm,
        location: Option<String>,
    ) -> Result<QueuedOp, DeskError> {
        let form = form.cleaned();
        validate_walk_in(&form)?;
        self.queue(Operation::WalkIn {
            visitor: Box::new(NewVisitor {
                coworker_id: form.host_id,
                phone_number: form.phone,
                company_name: form.company,
                visit_reason: form.reason,
                notes: form.notes,
                checked_in_at: location.as_deref().map(one_line),
                ..NewVisitor::walk_in(form.business_id, &form.full_name, &form.email)
            }),
            host_name: form.host_name.filter(|_| form.host_id.is_some()),
        })
        .await
    }

    /// The zone whose calendar day is "today" at `business`: the location's, as last read from
    /// Nexudus, else this computer's.
    pub async fn day_zone(&self, business: i64) -> Result<DayZone, DeskError> {
        let account = self.account().await?;
        Ok(self.cache.day_zone(&account, business).await?)
    }

    /// Today at `business`, in the location's zone.
    pub async fn today_at(&self, business: i64) -> Result<Day, DeskError> {
        Ok(Day::containing(Utc::now(), self.day_zone(business).await?))
    }

    /// Today's visitors of a location, from the cache, with queued changes laid over; and
    /// those from an earlier day who are still on site (the evacuation list must not lose
    /// them at midnight).
    pub async fn today(&self, business: i64) -> Result<Vec<DeskVisitor>, DeskError> {
        let account = self.account().await?;
        let zone = self.cache.day_zone(&account, business).await?;
        let day = Day::containing(Utc::now(), zone);
        self.day_list(&account, business, day).await
    }

    /// One day's list at `business` (see [`Desk::today`]); a refresh shows the very day it
    /// read, even when midnight passes in between.
    pub(super) async fn day_list(
        &self,
        account: &str,
        business: i64,
        day: Day,
    ) -> Result<Vec<DeskVisitor>, DeskError> {
        let (mut rows, fetched) = self
            .cache
            .rows(
                account,
                Some(business),
                day.start - ON_SITE_CARRY_OVER,
                day.end,
            )
            .await?;
        for row in &mut rows {
            row.earlier_day = row.expected_at.is_some_and(|at| at < day.start);
        }
        let operations = self.store.recent_for_overlay(account).await?;
        let rows = super::overlay(super::List::Today, rows, &operations, fetched);
        Ok(rows
            .into_iter()
            .filter(|r| r.business_id.is_none_or(|b| b == business))
            .filter(|r| !r.earlier_day || r.presence() == Presence::OnSite)
            .collect())
    }

    /// Reads today's list from Nexudus into the cache (all pages), then answers `today`.
    pub async fn refresh_today(&self, business: i64) -> Result<Vec<DeskVisitor>, DeskError> {
        let (account, day) = self.read_today_into_cache(business).await?;
        self.day_list(&account, business, day).await
    }

    /// Reads today's list at `business` from Nexudus into the cache (all pages); answers the
    /// account it read for and the day it read, which a refresh shows even when midnight
    /// passes in between.
    pub(super) async fn read_today_into_cache(
        &self,
        business: i64,
    ) -> Result<(String, Day), DeskError> {
        let client = self.accounts.client().await?;
        let account = client.account().entry_name();
        let day = self.today_at(business).await?;
        let read_at = Utc::now();
        let query = VisitorQuery {
            business: Some(business),
            expected_from: Some(day.start),
            expected_to: Some(day.end),
            ..VisitorQuery::default()
        };
        let mut listing = client.list_visitors_reporting(&query).await?;
        if listing.records.is_empty() && listing.unreadable.is_empty() {
            // An empty answer where this desk knew visitors (a proxy, a failover, a glitch)
            // must not wipe the list the evacuation export works from: it takes a second read
            // to confirm a day that really emptied.
            let (known, _) = self
                .cache
                .rows(&account, Some(business), day.start, day.end)
                .await?;
            if !known.is_empty() {
                tracing::warn!(
                    business,
                    known = known.len(),
                    "Nexudus answered an empty day; reading again to confirm"
                );
                listing = client.list_visitors_reporting(&query).await?;
            }
        }
        // A record Nexudus sent but that could not be read is not gone: its last good copy stays.
        let keep: Vec<i64> = listing.unreadable.iter().filter_map(|u| u.id).collect();
        if let Ok(mut unreadable) = self.unreadable.lock() {
            unreadable.insert(business, listing.unreadable);
        }
        let rows: Vec<DeskVisitor> = listing
            .records
            .iter()
            .filter(|v| v.expected_arrival.is_none_or(|at| day.contains(at)))
            .map(DeskVisitor::from_admin)
            .collect();
        let range = Range {
            account: &account,
            business: Some(business),
            from: day.start,
            to: day.end,
        };
        self.store
            .replace_visitors(range, &rows, &keep, read_at)
            .await?;
        Ok((account, day))
    }

    /// The records of today's list at `business` that Nexudus sent and could not be read (the
    /// rest of the list is shown; the window names these so nobody is silently missing).
    pub fn unreadable(&self, business: i64) -> Vec<Unreadable> {
        self.unreadable
            .lock()
            .map(|all| all.get(&business).cloned().unwrap_or_default())
            .unwrap_or_default()
    }
}
