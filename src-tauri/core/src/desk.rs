//! What reception and hosts do, as the UI calls it. Every change is validated, written to the
//! queue (durable at once) and handed to the sync engine; every list is read from the local
//! cache with the queued changes laid over it, so the desk works the same offline.

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use crate::account::{AccountError, Accounts};
use crate::arrivals::watcher::LOCATION_SETTING;
use crate::day::{Day, DayZone};
use crate::input::{
    check_dates, check_email, check_length, check_name, one_line, optional_line, optional_text,
    problem, COMPANY_MAX, NOTES_MAX, PHONE_MAX, REASON_MAX,
};
use crate::live::{attribute, ChangeKind, ListChanged};
use crate::nexudus::models::{HostApproval, PublicVisitor, Unreadable, Visitor};
use crate::nexudus::{ApiError, FieldProblem, NewVisitor, Registration, VisitorQuery};
use crate::queue::{OpState, Operation, QueuedOp, Target};
use crate::store::visitors::Range;
use crate::store::{Store, StoreError};
use crate::sync::SyncEngine;

pub use crate::input::MAX_DATES;

#[derive(Debug, thiserror::Error)]
pub enum DeskError {
    #[error("Please check the highlighted fields.")]
    Invalid { fields: Vec<FieldProblem> },
    #[error(transparent)]
    Account(#[from] AccountError),
    #[error(transparent)]
    Api(#[from] ApiError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("That visitor is not in today's list any more. Refresh and try again.")]
    UnknownVisitor,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Presence {
    Expected,
    OnSite,
    Left,
}

/// A visitor as the desk shows it: server data with queued changes applied.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeskVisitor {
    /// The server's id; `None` for a walk-in still in the queue.
    pub id: Option<i64>,
    /// The queued operation that creates this visitor, while there is one.
    pub queued_id: Option<String>,
    pub full_name: String,
    pub email: Option<String>,
    pub company: Option<String>,
    pub host_name: Option<String>,
    pub business_id: Option<i64>,
    pub visitor_code: Option<String>,
    pub expected_at: Option<DateTime<Utc>>,
    pub arrived_at: Option<DateTime<Utc>>,
    pub departed_at: Option<DateTime<Utc>>,
    pub arrived: bool,
    pub approval: Option<String>,
    pub notes: Option<String>,
    /// A change to this visitor is queued and not yet in Nexudus.
    #[serde(default)]
    pub pending: bool,
    /// A change to this visitor waits for a person in the sync panel.
    #[serde(default)]
    pub needs_attention: bool,
    /// Expected on an earlier day and still on site (arrived before midnight, not yet gone):
    /// kept in today's list so the evacuation list stays right across midnight, and left out
    /// of today's counts.
    #[serde(default)]
    pub earlier_day: bool,
}

impl DeskVisitor {
    pub fn presence(&self) -> Presence {
        match (self.arrived, self.departed_at) {
            (_, Some(_)) => Presence::Left,
            (true, None) => Presence::OnSite,
            (false, None) => Presence::Expected,
        }
    }

    fn approval_name(approval: HostApproval) -> Option<String> {
        match approval {
            HostApproval::Unknown | HostApproval::NotRequired => None,
            other => serde_json::to_value(other)
                .ok()?
                .as_str()
                .map(str::to_string),
        }
    }

    pub fn from_admin(visitor: &Visitor) -> Self {
        DeskVisitor {
            id: Some(visitor.id),
            queued_id: None,
            full_name: visitor.full_name.clone(),
            email: visitor.email.clone(),
            company: visitor.company_name.clone(),
            host_name: visitor.coworker_full_name.clone(),
            business_id: visitor.business_id,
            visitor_code: visitor.visitor_code.clone(),
            expected_at: visitor.expected_arrival,
            arrived_at: visitor.arrival_date,
            departed_at: visitor.departure_date,
            arrived: visitor.arrived,
            approval: Self::approval_name(visitor.approval()),
            notes: visitor
                .customer_notes
                .clone()
                .or_else(|| visitor.notes.clone()),
            pending: false,
            needs_attention: false,
            earlier_day: false,
        }
    }

    pub fn from_public(visitor: &PublicVisitor) -> Self {
        DeskVisitor {
            id: Some(visitor.id),
            queued_id: None,
            full_name: visitor.full_name.clone(),
            email: visitor.email.clone(),
            company: None,
            host_name: None,
            business_id: None,
            visitor_code: None,
            expected_at: visitor.expected_at(),
            arrived_at: visitor.arrived_at(),
            departed_at: None,
            arrived: visitor.arrived,
            approval: visitor.approval().and_then(Self::approval_name),
            notes: visitor.notes.clone(),
            pending: false,
            needs_attention: false,
            earlier_day: false,
        }
    }
}

/// A location as the UI lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Location {
    pub id: i64,
    pub name: String,
    /// The location's IANA zone when Nexudus told us (its day is "today" at this desk, and
    /// the window shows times in it).
    #[serde(default)]
    pub time_zone: Option<String>,
}

/// A member reception can name as a walk-in's host.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Host {
    pub id: i64,
    pub name: String,
    pub company: Option<String>,
}

/// Hosts found by earlier searches, so the walk-in form still finds them offline.
const KNOWN_HOSTS_SETTING: &str = "known_hosts";
const KNOWN_HOSTS_LIMIT: usize = 5_000;

fn matching_hosts(hosts: &[Host], needle: &str) -> Vec<Host> {
    let mut found: Vec<Host> = hosts
        .iter()
        .filter(|h| h.name.to_lowercase().contains(needle))
        .cloned()
        .collect();
    found.sort_by_key(|h| h.name.to_lowercase());
    found.truncate(25);
    found
}

/// Which visitor a person acted on: by server id, or by the queued walk-in that creates it.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VisitorRef {
    pub id: Option<i64>,
    pub queued_id: Option<String>,
}

impl VisitorRef {
    fn target(&self) -> Result<Target, DeskError> {
        match (self.id, &self.queued_id) {
            (Some(id), _) => Ok(Target::Server(id)),
            (None, Some(queued)) => Ok(Target::Queued(queued.clone())),
            (None, None) => Err(DeskError::UnknownVisitor),
        }
    }
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WalkInForm {
    pub business_id: i64,
    pub full_name: String,
    pub email: String,
    pub phone: Option<String>,
    pub company: Option<String>,
    pub host_id: Option<i64>,
    /// The chosen host's name, shown until Nexudus's copy of the visitor is read.
    #[serde(default)]
    pub host_name: Option<String>,
    pub reason: Option<String>,
    pub notes: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RegistrationForm {
    pub business_id: i64,
    pub full_name: String,
    pub email: String,
    pub phone: Option<String>,
    pub notes: Option<String>,
    /// One visit per instant, 1 to 30.
    pub dates: Vec<DateTime<Utc>>,
}

impl WalkInForm {
    /// The form as it will be sent: one-line fields without invisible characters, notes with
    /// their line breaks.
    pub fn cleaned(&self) -> WalkInForm {
        WalkInForm {
            business_id: self.business_id,
            full_name: one_line(&self.full_name),
            email: one_line(&self.email),
            phone: optional_line(&self.phone),
            company: optional_line(&self.company),
            host_id: self.host_id,
            host_name: optional_line(&self.host_name),
            reason: optional_line(&self.reason),
            notes: optional_text(&self.notes),
        }
    }
}

impl RegistrationForm {
    pub fn cleaned(&self) -> RegistrationForm {
        RegistrationForm {
            business_id: self.business_id,
            full_name: one_line(&self.full_name),
            email: one_line(&self.email),
            phone: optional_line(&self.phone),
            notes: optional_text(&self.notes),
            dates: self.dates.clone(),
        }
    }
}

fn invalid_unless_empty(fields: Vec<FieldProblem>) -> Result<(), DeskError> {
    if fields.is_empty() {
        Ok(())
    } else {
        Err(DeskError::Invalid { fields })
    }
}

/// Checks a walk-in form as it will be sent (see [`WalkInForm::cleaned`]).
pub fn validate_walk_in(form: &WalkInForm) -> Result<(), DeskError> {
    let form = &form.cleaned();
    let mut fields = Vec::new();
    check_name(&form.full_name, &mut fields);
    check_email(&form.email, true, &mut fields);
    if form.business_id <= 0 {
        fields.push(problem("businessId", "is a required field"));
    }
    check_length("phone", form.phone.as_deref(), PHONE_MAX, &mut fields);
    check_length("company", form.company.as_deref(), COMPANY_MAX, &mut fields);
    check_length("reason", form.reason.as_deref(), REASON_MAX, &mut fields);
    check_length("notes", form.notes.as_deref(), NOTES_MAX, &mut fields);
    invalid_unless_empty(fields)
}

/// Checks a registration form as it will be sent (see [`RegistrationForm::cleaned`]).
pub fn validate_registration(form: &RegistrationForm, now: DateTime<Utc>) -> Result<(), DeskError> {
    let form = &form.cleaned();
    let mut fields = Vec::new();
    check_name(&form.full_name, &mut fields);
    check_email(&form.email, true, &mut fields);
    if form.business_id <= 0 {
        fields.push(problem("businessId", "is a required field"));
    }
    check_length("phone", form.phone.as_deref(), PHONE_MAX, &mut fields);
    check_length("notes", form.notes.as_deref(), NOTES_MAX, &mut fields);
    check_dates(&form.dates, now, &mut fields);
    invalid_unless_empty(fields)
}

/// How long before today's start a visitor still on site is kept in today's list (someone who
/// came in the evening and is still in the building after midnight).
const ON_SITE_CARRY_OVER: Duration = Duration::hours(24);

fn locations_key(account: &str) -> String {
    format!("locations:{account}")
}

/// Lays queued operations over cached rows: what the desk did shows at once, marked pending.
pub fn overlay(
    mut rows: Vec<DeskVisitor>,
    operations: &[QueuedOp],
    fetched_at: DateTime<Utc>,
) -> Vec<DeskVisitor> {
    let mut ordered: Vec<&QueuedOp> = operations.iter().collect();
    ordered.sort_by_key(|op| op.seq);
    for op in ordered {
        if op.state == OpState::Discarded {
            continue;
        }
        // A done operation is already in rows fetched after it finished; one done without
        // sending (someone else had already done it) changed nothing to show.
        let open = !op.state.is_terminal();
        if !open && (op.updated_at <= fetched_at || op.outcome.is_some()) {
            continue;
        }
        let attention = op.state == OpState::NeedsAttention;
        if let Operation::WalkIn { visitor, host_name } = &op.operation {
            let server_id = op.server_ids.first().copied();
            if server_id.is_some_and(|id| rows.iter().any(|r| r.id == Some(id))) {
                continue;
            }
            rows.push(DeskVisitor {
                id: server_id,
                queued_id: Some(op.id.clone()),
                full_name: visitor.full_name.clone(),
                email: Some(visitor.email.clone()),
                company: visitor.company_name.clone(),
                host_name: host_name.clone(),
                business_id: Some(visitor.business_id),
                visitor_code: None,
                expected_at: Some(visitor.expected_arrival),
                // A walk-in is checked in as it is created.
                arrived_at: visitor.check_in_now.then_some(visitor.expected_arrival),
                departed_at: None,
                arrived: visitor.check_in_now,
                approval: None,
                notes: visitor.notes.clone(),
                pending: open,
                needs_attention: attention,
                earlier_day: false,
            });
            continue;
        }
        let Some(target) = op.operation.target() else {
            continue;
        };
        let Some(row) = rows.iter_mut().find(|row| match target {
            Target::Server(id) => row.id == Some(*id),
            Target::Queued(creator) => row.queued_id.as_deref() == Some(creator),
        }) else {
            continue;
        };
        row.pending |= open;
        row.needs_attention |= attention;
        match &op.operation {
            Operation::CheckIn { at, .. } => {
                row.arrived = true;
                row.arrived_at.get_or_insert(*at);
            }
            Operation::CheckOut { at, .. } => {
                row.departed_at.get_or_insert(*at);
            }
            Operation::SetApproval { status, .. } => {
                row.approval = DeskVisitor::approval_name(HostApproval::from_code(*status));
            }
            _ => {}
        }
    }
    rows.retain(|row| {
        !operations.iter().any(|op| {
            op.state != OpState::Discarded
                && matches!(&op.operation, Operation::DeleteVisitor { target: Target::Server(id) } if row.id == Some(*id))
        })
    });
    rows.sort_by(|a, b| {
        a.expected_at
            .cmp(&b.expected_at)
            .then(a.full_name.cmp(&b.full_name))
    });
    rows
}

pub struct Desk {
    store: Store,
    accounts: Arc<Accounts>,
    engine: Arc<SyncEngine>,
    /// Records the last full read of each location's day skipped, for the window to say so.
    unreadable: std::sync::Mutex<std::collections::HashMap<i64, Vec<Unreadable>>>,
}

impl Desk {
    pub fn new(store: Store, accounts: Arc<Accounts>, engine: Arc<SyncEngine>) -> Self {
        Desk {
            store,
            accounts,
            engine,
            unreadable: Default::default(),
        }
    }

    /// The signed-in account's queue name. Works offline (the session is local).
    async fn account(&self) -> Result<String, DeskError> {
        Ok(self.accounts.account_name().await?)
    }

    async fn queue(&self, operation: Operation) -> Result<QueuedOp, DeskError> {
        let account = self.account().await?;
        let queued = self.store.enqueue(&account, &operation).await?;
        self.engine.wake();
        Ok(queued)
    }

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

    pub async fn set_approval(
        &self,
        visitor: &VisitorRef,
        status: i64,
    ) -> Result<QueuedOp, DeskError> {
        if !(1..=5).contains(&status) {
            return Err(DeskError::Invalid {
                fields: vec![problem("status", "is not valid")],
            });
        }
        self.queue(Operation::SetApproval {
            target: visitor.target()?,
            status,
            seen: None,
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

    /// A host registers one visitor for one or many dates: one queued operation, sent as one
    /// array request.
    pub async fn register(&self, form: RegistrationForm) -> Result<QueuedOp, DeskError> {
        let form = form.cleaned();
        validate_registration(&form, Utc::now())?;
        let visits = form
            .dates
            .iter()
            .map(|at| Registration {
                business_id: form.business_id,
                full_name: form.full_name.clone(),
                email: Some(form.email.clone()),
                phone_number: form.phone.clone(),
                expected_arrival: *at,
                customer_notes: form.notes.clone(),
            })
            .collect();
        self.queue(Operation::Register { visits }).await
    }

    pub async fn cancel_registration(&self, visitor_id: i64) -> Result<QueuedOp, DeskError> {
        self.queue(Operation::CancelRegistration { visitor_id })
            .await
    }

    async fn cached(
        &self,
        account: &str,
        business: Option<i64>,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<(Vec<DeskVisitor>, DateTime<Utc>), DeskError> {
        let range = Range {
            account,
            business,
            from,
            to,
        };
        Ok(self.store.cached_visitors(range).await?)
    }

    /// Names what a write to the cache changed, and which of it was done elsewhere.
    pub async fn attribute(
        &self,
        account: &str,
        changes: Vec<(i64, ChangeKind)>,
    ) -> Result<ListChanged, DeskError> {
        if changes.is_empty() {
            return Ok(ListChanged::default());
        }
        let operations = self.store.recent_for_overlay(account).await?;
        Ok(attribute(changes, &operations))
    }

    /// The zone whose calendar day is "today" at `business`: the location's, as last read from
    /// Nexudus, else this computer's.
    pub async fn day_zone(&self, business: i64) -> Result<DayZone, DeskError> {
        let account = self.account().await?;
        let known: Option<Vec<Location>> = self.store.setting(&locations_key(&account)).await?;
        let zone = known
            .unwrap_or_default()
            .into_iter()
            .find(|location| location.id == business)
            .and_then(|location| location.time_zone);
        Ok(DayZone::of_location(zone.as_deref(), None))
    }

    /// Today at `business`, in the location's zone.
    pub async fn today_at(&self, business: i64) -> Result<Day, DeskError> {
        Ok(Day::containing(Utc::now(), self.day_zone(business).await?))
    }

    /// Today's visitors of a location, from the cache, with queued changes laid over; and
    /// those from an earlier day who are still on site (the evacuation list must not lose
    /// them at midnight).
    pub async fn today(&self, business: i64) -> Result<Vec<DeskVisitor>, DeskError> {
        let day = self.today_at(business).await?;
        self.day_list(business, day).await
    }

    /// One day's list at `business` (see [`Desk::today`]); a refresh shows the very day it
    /// read, even when midnight passes in between.
    async fn day_list(&self, business: i64, day: Day) -> Result<Vec<DeskVisitor>, DeskError> {
        let account = self.account().await?;
        let (mut rows, fetched) = self
            .cached(
                &account,
                Some(business),
                day.start - ON_SITE_CARRY_OVER,
                day.end,
            )
            .await?;
        for row in &mut rows {
            row.earlier_day = row.expected_at.is_some_and(|at| at < day.start);
        }
        let operations = self.store.recent_for_overlay(&account).await?;
        let rows = overlay(rows, &operations, fetched);
        Ok(rows
            .into_iter()
            .filter(|r| r.business_id.is_none_or(|b| b == business))
            .filter(|r| !r.earlier_day || r.presence() == Presence::OnSite)
            .collect())
    }

    /// Reads today's list from Nexudus into the cache (all pages), then answers `today`.
    pub async fn refresh_today(&self, business: i64) -> Result<Vec<DeskVisitor>, DeskError> {
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
                .cached(&account, Some(business), day.start, day.end)
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
        self.day_list(business, day).await
    }

    /// The records of today's list at `business` that Nexudus sent and could not be read (the
    /// rest of the list is shown; the window names these so nobody is silently missing).
    pub fn unreadable(&self, business: i64) -> Vec<Unreadable> {
        self.unreadable
            .lock()
            .map(|all| all.get(&business).cloned().unwrap_or_default())
            .unwrap_or_default()
    }

    /// The host's upcoming visitors, from the cache, with queued registrations shown.
    pub async fn upcoming(&self) -> Result<Vec<DeskVisitor>, DeskError> {
        let account = self.account().await?;
        // A host's day is their own computer's: they may book for several locations.
        let from = Day::containing(Utc::now(), DayZone::Desk).start;
        let to = from + Duration::days(3650);
        let (mut rows, fetched) = self.cached(&account, None, from, to).await?;
        let operations = self.store.recent_for_overlay(&account).await?;
        for op in &operations {
            // Queued registrations show at once; synced ones keep showing (now with their ids)
            // until a fetch newer than the sync includes them.
            let open = !op.state.is_terminal();
            let synced_since_fetch = op.state == OpState::Done && op.updated_at > fetched;
            if !open && !synced_since_fetch {
                continue;
            }
            if let Operation::Register { visits } = &op.operation {
                for (n, visit) in visits.iter().enumerate() {
                    let id = op.server_ids.get(n).copied().filter(|_| !open);
                    if id.is_some_and(|id| rows.iter().any(|r| r.id == Some(id))) {
                        continue;
                    }
                    rows.push(DeskVisitor {
                        id,
                        queued_id: Some(op.id.clone()),
                        full_name: visit.full_name.clone(),
                        email: visit.email.clone(),
                        company: None,
                        host_name: None,
                        business_id: Some(visit.business_id),
                        visitor_code: None,
                        expected_at: Some(visit.expected_arrival),
                        arrived_at: None,
                        departed_at: None,
                        arrived: false,
                        approval: None,
                        notes: visit.customer_notes.clone(),
                        pending: open,
                        needs_attention: op.state == OpState::NeedsAttention,
                        earlier_day: false,
                    });
                }
            }
        }
        let cancelled: Vec<i64> = operations
            .iter()
            .filter(|op| op.state != OpState::Discarded)
            .filter_map(|op| match op.operation {
                Operation::CancelRegistration { visitor_id } => Some(visitor_id),
                _ => None,
            })
            .collect();
        rows.retain(|r| r.id.is_none_or(|id| !cancelled.contains(&id)));
        rows.sort_by_key(|r| r.expected_at);
        Ok(rows)
    }

    /// Takes in visitors read elsewhere (the arrival watcher's incremental polls) so the list
    /// stays fresh without reloading the day; answers what changed.
    pub async fn remember(
        &self,
        account: &str,
        visitors: &[Visitor],
        read_at: DateTime<Utc>,
    ) -> Result<ListChanged, DeskError> {
        let rows: Vec<DeskVisitor> = visitors.iter().map(DeskVisitor::from_admin).collect();
        let changes = self.store.merge_visitors(account, &rows, read_at).await?;
        self.attribute(account, changes).await
    }

    /// Takes in a whole day at `business` as the arrival watcher read it: rows no longer in it
    /// were cancelled, deleted or moved (except `unreadable` ones, which the server did send).
    /// Answers what changed.
    pub async fn remember_day(
        &self,
        account: &str,
        business: i64,
        day: Day,
        visitors: &[Visitor],
        unreadable: &[i64],
        read_at: DateTime<Utc>,
    ) -> Result<ListChanged, DeskError> {
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

    /// Locations to choose from: all the admin can see (reception), or those taking visitors
    /// (hosts).
    /// Offline, the list last read (the desk must open without the network).
    pub async fn locations(&self) -> Result<Vec<Location>, DeskError> {
        let client = match self.accounts.client().await {
            Ok(client) => client,
            // Nexudus ended the session: the desk keeps working from what it knows.
            Err(AccountError::SignedOut) => {
                let key = locations_key(&self.account().await?);
                return match self.store.setting::<Vec<Location>>(&key).await? {
                    Some(known) => Ok(known),
                    None => Err(AccountError::SignedOut.into()),
                };
            }
            Err(error) => return Err(error.into()),
        };
        let key = locations_key(&client.account().entry_name());
        let roles = self.accounts.status().await?.roles;
        let read = if roles.reception {
            client.businesses().await
        } else {
            client.businesses_with_visitors().await
        };
        let businesses = match read {
            Ok(businesses) => businesses,
            Err(error) if error.is_retryable() => {
                return match self.store.setting::<Vec<Location>>(&key).await? {
                    Some(known) => Ok(known),
                    None => Err(error.into()),
                };
            }
            Err(error) => return Err(error.into()),
        };
        let locations: Vec<Location> = businesses
            .into_iter()
            .map(|b| Location {
                time_zone: DayZone::of_location(
                    b.time_zone_iana.as_deref(),
                    b.simple_time_zone_id.as_deref(),
                )
                .iana()
                .map(str::to_string),
                id: b.id,
                name: b.name,
            })
            .collect();
        if self.store.setting::<Vec<Location>>(&key).await?.as_ref() != Some(&locations) {
            self.store.set_setting(&key, &locations).await?;
        }
        Ok(locations)
    }

    /// The location this desk chose last, if any.
    pub async fn location(&self) -> Result<Option<i64>, DeskError> {
        Ok(self.store.setting(LOCATION_SETTING).await?)
    }

    /// Chooses the desk's location (today's list and arrival alerts follow it).
    pub async fn set_location(&self, business: i64) -> Result<(), DeskError> {
        if self.location().await? != Some(business) {
            self.store.set_setting(LOCATION_SETTING, &business).await?;
        }
        Ok(())
    }

    /// Members whose name contains `text` (two letters at least), for a walk-in's host. Asks
    /// Nexudus when it can be reached and remembers what it said; offline, answers from what
    /// earlier searches found.
    pub async fn search_hosts(&self, text: &str) -> Result<Vec<Host>, DeskError> {
        let needle = text.trim().to_lowercase();
        if needle.chars().count() < 2 {
            return Ok(Vec::new());
        }
        let mut known: Vec<Host> = self
            .store
            .setting(KNOWN_HOSTS_SETTING)
            .await?
            .unwrap_or_default();
        let client = self.accounts.client().await?;
        let found = match client.search_coworkers(&needle).await {
            Ok(found) => found,
            Err(error) if error.is_retryable() => return Ok(matching_hosts(&known, &needle)),
            Err(error) => return Err(error.into()),
        };
        let found: Vec<Host> = found
            .into_iter()
            .map(|c| Host {
                id: c.id,
                name: c.full_name,
                company: c.company_name,
            })
            .collect();
        // Written only when a search found someone new or changed (not on every keystroke).
        let news = found.iter().any(|f| !known.contains(f));
        if news {
            known.retain(|k| !found.iter().any(|f| f.id == k.id));
            known.extend(found.iter().cloned());
            if known.len() > KNOWN_HOSTS_LIMIT {
                known.drain(..known.len() - KNOWN_HOSTS_LIMIT);
            }
            self.store.set_setting(KNOWN_HOSTS_SETTING, &known).await?;
        }
        Ok(matching_hosts(&found, &needle))
    }

    /// Reads the host's visitors from Nexudus into the cache: today's (arrived ones too) and
    /// later ones. (`showUpcoming` would leave out this morning's visitors.)
    pub async fn refresh_upcoming(&self) -> Result<Vec<DeskVisitor>, DeskError> {
        let client = self.accounts.client().await?;
        let account = client.account().entry_name();
        let read_at = Utc::now();
        let visitors = client.my_visitors(false).await?;
        self.remember_mine(&account, &visitors, read_at).await?;
        self.upcoming().await
    }

    /// Takes in the host's whole `my` list (read here or by the arrival watcher).
    pub async fn remember_mine(
        &self,
        account: &str,
        visitors: &[PublicVisitor],
        read_at: DateTime<Utc>,
    ) -> Result<ListChanged, DeskError> {
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
            to: from + Duration::days(3650),
        };
        let changes = self
            .store
            .replace_visitors(range, &rows, &[], read_at)
            .await?;
        self.attribute(account, changes).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: i64, name: &str) -> DeskVisitor {
        DeskVisitor {
            id: Some(id),
            queued_id: None,
            full_name: name.into(),
            email: None,
            company: None,
            host_name: None,
            business_id: Some(1),
            visitor_code: None,
            expected_at: Some(Utc::now()),
            arrived_at: None,
            departed_at: None,
            arrived: false,
            approval: None,
            notes: None,
            pending: false,
            needs_attention: false,
            earlier_day: false,
        }
    }

    fn queued(seq: i64, state: OpState, operation: Operation) -> QueuedOp {
        let now = Utc::now();
        QueuedOp {
            seq,
            id: format!("op{seq}"),
            account: "desk".into(),
            visitor_key: String::new(),
            operation,
            state,
            attempts: 0,
            send_alone: false,
            created_at: now,
            updated_at: now,
            next_attempt_at: now,
            last_error: None,
            error_fields: Vec::new(),
            server_ids: Vec::new(),
            looks: 0,
            outcome: None,
        }
    }

    #[test]
    fn a_queued_check_in_shows_at_once_marked_pending() {
        let rows = vec![row(1, "Ada"), row(2, "Bo")];
        let ops = [queued(
            1,
            OpState::Pending,
            Operation::CheckIn {
                target: Target::Server(1),
                at: Utc::now(),
                location: None,
            },
        )];
        let shown = overlay(rows, &ops, Utc::now() - Duration::minutes(5));
        let ada = shown.iter().find(|r| r.full_name == "Ada").expect("ada");
        assert!(ada.arrived && ada.pending);
        assert_eq!(ada.presence(), Presence::OnSite);
        let bo = shown.iter().find(|r| r.full_name == "Bo").expect("bo");
        assert!(!bo.pending);
    }

    #[test]
    fn a_walk_in_in_the_queue_is_listed_with_its_check_in() {
        let walk_in = NewVisitor::walk_in(1, "Walk In", "w@x.test");
        let ops = [
            queued(
                1,
                OpState::Pending,
                Operation::WalkIn {
                    visitor: Box::new(walk_in),
                    host_name: None,
                },
            ),
            queued(
                2,
                OpState::Pending,
                Operation::CheckOut {
                    target: Target::Queued("op1".into()),
                    at: Utc::now(),
                },
            ),
        ];
        let shown = overlay(vec![], &ops, Utc::now());
        assert_eq!(shown.len(), 1);
        assert_eq!(shown[0].queued_id.as_deref(), Some("op1"));
        assert!(shown[0].pending);
        assert_eq!(shown[0].presence(), Presence::Left);
    }

    #[test]
    fn done_operations_count_until_the_cache_catches_up_and_discarded_never() {
        let fetched = Utc::now() - Duration::minutes(1);
        let mut done = queued(
            1,
            OpState::Done,
            Operation::CheckIn {
                target: Target::Server(1),
                at: Utc::now(),
                location: None,
            },
        );
        done.updated_at = Utc::now();
        let shown = overlay(vec![row(1, "Ada")], std::slice::from_ref(&done), fetched);
        assert!(shown[0].arrived && !shown[0].pending);
        done.updated_at = fetched - Duration::minutes(1);
        assert!(
            !overlay(vec![row(1, "Ada")], &[done], fetched)[0].arrived,
            "an older row wins"
        );
        let discarded = queued(
            2,
            OpState::Discarded,
            Operation::CheckIn {
                target: Target::Server(1),
                at: Utc::now(),
                location: None,
            },
        );
        assert!(!overlay(vec![row(1, "Ada")], &[discarded], fetched)[0].arrived);
    }

    #[test]
    fn forms_are_checked_in_the_servers_wording() {
        let form = WalkInForm {
            business_id: 1,
            full_name: " ".into(),
            email: "nope".into(),
            ..WalkInForm::default()
        };
        let Err(DeskError::Invalid { fields }) = validate_walk_in(&form) else {
            panic!("invalid")
        };
        assert_eq!(
            fields,
            vec![
                problem("fullName", "is a required field"),
                problem("email", "is not a valid email address")
            ]
        );
        let now = Utc::now();
        let past = RegistrationForm {
            business_id: 1,
            full_name: "A".into(),
            email: "a@b.test".into(),
            dates: vec![now - Duration::days(1)],
            ..RegistrationForm::default()
        };
        let Err(DeskError::Invalid { fields }) = validate_registration(&past, now) else {
            panic!("invalid")
        };
        assert_eq!(fields, vec![problem("dates", "cannot be in the past")]);
        let too_many = RegistrationForm {
            dates: vec![now + Duration::days(1); 31],
            ..past.clone()
        };
        assert!(validate_registration(&too_many, now).is_err());
        let fine = RegistrationForm {
            dates: (1..=30).map(|n| now + Duration::days(n)).collect(),
            ..past.clone()
        };
        assert!(validate_registration(&fine, now).is_ok());
        let twice = RegistrationForm {
            dates: vec![now + Duration::days(1); 2],
            ..past.clone()
        };
        let Err(DeskError::Invalid { fields }) = validate_registration(&twice, now) else {
            panic!("invalid")
        };
        assert_eq!(fields, vec![problem("dates", "has the same date twice")]);
        // A 10 MB note and a name of invisible characters are refused before anything is queued.
        let huge = WalkInForm {
            business_id: 1,
            full_name: "\u{202E}\u{200B}".into(),
            email: "a@b.test".into(),
            notes: Some("x".repeat(10 * 1024 * 1024)),
            ..WalkInForm::default()
        };
        let Err(DeskError::Invalid { fields }) = validate_walk_in(&huge) else {
            panic!("invalid")
        };
        assert_eq!(
            fields,
            vec![
                problem("fullName", "is a required field"),
                problem("notes", "must be at most 2000 characters")
            ]
        );
    }
}
