//! The sync engine: delivers queued operations to Nexudus exactly once, in order, within the
//! rate limits (the client paces every request), and reports what is pending and what needs
//! a person. It wakes on enqueue, on a timer, and on "sync now".

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::Serialize;
use tokio::sync::{watch, Mutex, Notify};

use super::plan::{after_error, plan, Action, Next};
use super::reconcile::{arrival_window, count_found, match_registrations, walk_in_tag};
use crate::account::Accounts;
use crate::nexudus::{ApiError, NexudusClient, VisitorChange, VisitorQuery};
use crate::queue::store::QueueCounts;
use crate::queue::{OpState, Operation, QueuedOp, Target};
use crate::store::{Store, StoreError};

/// Longest sleep between drains when nothing is due (also how soon a returning network is
/// noticed without a "sync now").
const IDLE_RECHECK: Duration = Duration::from_secs(30);
const MAX_ROUNDS: usize = 10_000;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EngineState {
    #[default]
    Idle,
    Syncing,
    Offline,
    /// Waiting for a sign-in; the queue is kept.
    SignedOut,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SyncStatus {
    pub state: EngineState,
    pub counts: QueueCounts,
    pub last_success_at: Option<DateTime<Utc>>,
    /// Operations completed in the current drain, out of those due when it started.
    pub progress: Option<(u64, u64)>,
    pub next_attempt_at: Option<DateTime<Utc>>,
}

/// What a drain ended with.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DrainReport {
    pub completed: u64,
    pub stopped: Option<EngineState>,
    pub next_wake: Option<DateTime<Utc>>,
}

enum Flow {
    Continue,
    Stop(EngineState),
}

pub struct SyncEngine {
    store: Store,
    accounts: Arc<Accounts>,
    wake: Notify,
    status: watch::Sender<SyncStatus>,
    /// One drain at a time.
    draining: Mutex<()>,
}

impl SyncEngine {
    pub fn new(store: Store, accounts: Arc<Accounts>) -> Arc<Self> {
        Arc::new(SyncEngine {
            store,
            accounts,
            wake: Notify::new(),
            status: watch::Sender::new(SyncStatus::default()),
            draining: Mutex::new(()),
        })
    }

    pub fn subscribe(&self) -> watch::Receiver<SyncStatus> {
        self.status.subscribe()
    }

    pub fn status(&self) -> SyncStatus {
        self.status.borrow().clone()
    }

    /// Asks for a drain now (after an enqueue, or "sync now").
    pub fn wake(&self) {
        self.wake.notify_one();
    }

    /// Runs until the process ends: recovers what a crash left in flight, then drains
    /// whenever woken or when the next operation falls due.
    pub async fn run(self: Arc<Self>) {
        match self.store.recover_in_flight().await {
            Ok(0) => {}
            Ok(n) => tracing::info!(
                operations = n,
                "found operations in flight after a stop; checking them"
            ),
            Err(error) => tracing::error!(%error, "could not recover the queue"),
        }
        loop {
            let next_wake = match self.drain().await {
                Ok(report) => report.next_wake,
                Err(error) => {
                    tracing::error!(%error, "queue drain failed");
                    Some(Utc::now() + chrono::Duration::seconds(5))
                }
            };
            let sleep = next_wake
                .and_then(|at| (at - Utc::now()).to_std().ok())
                .unwrap_or(Duration::ZERO)
                .min(IDLE_RECHECK);
            let sleep = if next_wake.is_none() {
                IDLE_RECHECK
            } else {
                sleep
            };
            tokio::select! {
                _ = self.wake.notified() => {}
                _ = tokio::time::sleep(sleep) => {}
            }
        }
    }

    /// After the engine's task crashed: the status must not go on claiming a drain that is no
    /// longer running. The next run publishes again.
    pub async fn crashed(&self) {
        self.publish(EngineState::Idle, None, None).await;
    }

    async fn publish(
        &self,
        state: EngineState,
        progress: Option<(u64, u64)>,
        next: Option<DateTime<Utc>>,
    ) {
        let counts = self.store.queue_counts(None).await.unwrap_or_default();
        self.status.send_modify(|status| {
            status.state = state;
            status.counts = counts;
            status.progress = progress;
            status.next_attempt_at = next;
        });
    }

    fn succeeded(&self) {
        self.status
            .send_modify(|status| status.last_success_at = Some(Utc::now()));
    }

    /// Delivers everything that is due now for the signed-in account.
    pub async fn drain(&self) -> Result<DrainReport, StoreError> {
        let _one = self.draining.lock().await;
        let Ok(client) = self.accounts.client().await else {
            self.publish(EngineState::SignedOut, None, None).await;
            return Ok(DrainReport {
                stopped: Some(EngineState::SignedOut),
                ..DrainReport::default()
            });
        };
        let account = client.account().entry_name();
        let mut report = DrainReport::default();
        // Grows as rounds find more due work (a completed check-in unblocks its check-out).
        let mut total = 0;
        for _ in 0..MAX_ROUNDS {
            let open = self.store.open_operations(Some(&account)).await?;
            let next = plan(&open, Utc::now());
            report.next_wake = next.next_wake;
            if next.actions.is_empty() {
                break;
            }
            total = total.max(report.completed + next.actions.len() as u64);
            self.publish(EngineState::Syncing, Some((report.completed, total)), None)
                .await;
            for action in next.actions {
                let flow = self.execute(&client, &open, action).await?;
                report.completed += 1;
                self.publish(
                    EngineState::Syncing,
                    Some((report.completed.min(total), total)),
                    None,
                )
                .await;
                if let Flow::Stop(state) = flow {
                    report.stopped = Some(state);
                    let wake = plan(
                        &self.store.open_operations(Some(&account)).await?,
                        Utc::now(),
                    )
                    .next_wake;
                    report.next_wake = wake;
                    self.publish(state, None, wake).await;
                    return Ok(report);
                }
            }
        }
        self.publish(EngineState::Idle, None, report.next_wake)
            .await;
        Ok(report)
    }

    async fn execute(
        &self,
        client: &NexudusClient,
        open: &[QueuedOp],
        action: Action,
    ) -> Result<Flow, StoreError> {
        let find = |id: &str| open.iter().find(|op| op.id == id).cloned();
        match action {
            Action::Send(id) => match find(&id) {
                Some(op) => self.send(client, op).await,
                None => Ok(Flow::Continue),
            },
            Action::Reconcile(id) => match find(&id) {
                Some(op) => self.reconcile(client, op).await,
                None => Ok(Flow::Continue),
            },
            Action::SendRegistrations(ids) => {
                let ops: Vec<QueuedOp> = ids.iter().filter_map(|id| find(id)).collect();
                self.send_registrations(client, ops).await
            }
        }
    }

    /// Records a failed attempt as the plan says; tells the drain whether to stop.
    async fn settle(
        &self,
        op: &QueuedOp,
        attempts: i64,
        error: &ApiError,
    ) -> Result<Flow, StoreError> {
        match after_error(&op.operation, attempts, error, Utc::now()) {
            Next::Done => {
                self.store.mark_done(&op.id, &[]).await?;
                Ok(Flow::Continue)
            }
            Next::Wait { state, at, reason } => {
                self.store.mark_waiting(&op.id, state, at, &reason).await?;
                if matches!(error, ApiError::Offline { .. }) {
                    Ok(Flow::Stop(EngineState::Offline))
                } else {
                    Ok(Flow::Continue)
                }
            }
            Next::Attention { message, fields } => {
                self.store
                    .mark_needs_attention(&op.id, &message, &fields)
                    .await?;
                Ok(Flow::Continue)
            }
            Next::Paused => {
                self.store
                    .mark_waiting(&op.id, OpState::Pending, Utc::now(), &error.to_string())
                    .await?;
                Ok(Flow::Stop(EngineState::SignedOut))
            }
        }
    }

    /// The server id of the visitor an operation acts on, or why there is none.
    async fn target_id(
        &self,
        op: &QueuedOp,
        target: &Target,
    ) -> Result<Result<i64, Flow>, StoreError> {
        match self.store.resolve_target(target).await? {
            Ok(Some(id)) => Ok(Ok(id)),
            Ok(None) => {
                // The creating operation is not done yet; ordering normally prevents this.
                let later = Utc::now() + chrono::Duration::seconds(5);
                self.store
                    .mark_waiting(
                        &op.id,
                        OpState::Pending,
                        later,
                        "Waiting for the visitor to be created.",
                    )
                    .await?;
                Ok(Err(Flow::Continue))
            }
            Err(()) => {
                self.store
                    .mark_needs_attention(
                        &op.id,
                        "This visitor was never created in Nexudus (its registration was discarded).",
                        &[],
                    )
                    .await?;
                Ok(Err(Flow::Continue))
            }
        }
    }

    async fn send(&self, client: &NexudusClient, op: QueuedOp) -> Result<Flow, StoreError> {
        let change = match &op.operation {
            Operation::CheckIn {
                target,
                at,
                location,
            } => Some((target, VisitorChange::check_in(*at, location.as_deref()))),
            Operation::CheckOut { target, at } => Some((target, VisitorChange::check_out(*at))),
            Operation::SetApproval { target, status } => {
                Some((target, VisitorChange::host_approval(*status)))
            }
            _ => None,
        };
        let target = match (&op.operation, &change) {
            (_, Some((target, _))) => Some(*target),
            (Operation::DeleteVisitor { target }, None) => Some(target),
            _ => None,
        };
        let target_id = match target {
            Some(target) => match self.target_id(&op, target).await? {
                Ok(id) => Some(id),
                Err(flow) => return Ok(flow),
            },
            None => None,
        };
        self.store
            .mark_in_flight(std::slice::from_ref(&op.id))
            .await?;
        let attempts = op.attempts + 1;
        let result: Result<Vec<i64>, ApiError> = match (&op.operation, change, target_id) {
            (Operation::WalkIn { visitor, .. }, _, _) => {
                let mut tagged = visitor.clone();
                tagged.system_id = Some(walk_in_tag(&op.id));
                client.create_visitor(&tagged).await.map(|id| vec![id])
            }
            (_, Some((_, change)), Some(id)) => {
                client.update_visitor(id, &change).await.map(|_| vec![id])
            }
            (Operation::DeleteVisitor { .. }, None, Some(id)) => {
                client.delete_visitor(id).await.map(|()| vec![id])
            }
            (Operation::CancelRegistration { visitor_id }, _, _) => client
                .cancel_registration(*visitor_id)
                .await
                .map(|()| vec![*visitor_id]),
            (Operation::Register { visits }, _, _) => {
                client.register_visitors(visits).await.map(|()| Vec::new())
            }
            _ => Err(ApiError::Protocol {
                detail: "an operation without its visitor".into(),
            }),
        };
        match result {
            Ok(ids) => {
                let ids = if let Operation::Register { visits } = &op.operation {
                    self.registered_ids(client, &op.account, visits)
                        .await
                        .unwrap_or_default()
                } else {
                    ids
                };
                self.store.mark_done(&op.id, &ids).await?;
                self.succeeded();
                Ok(Flow::Continue)
            }
            Err(error) => self.settle(&op, attempts, &error).await,
        }
    }

    /// Best effort: the ids the server gave a registration (its answer has none).
    async fn registered_ids(
        &self,
        client: &NexudusClient,
        account: &str,
        visits: &[crate::nexudus::Registration],
    ) -> Option<Vec<i64>> {
        let mine = client.my_visitors(false).await.ok()?;
        let claimed = self.store.claimed_registration_ids(account).await.ok()?;
        match_registrations(&mine, visits, &claimed)
    }

    async fn send_registrations(
        &self,
        client: &NexudusClient,
        ops: Vec<QueuedOp>,
    ) -> Result<Flow, StoreError> {
        if ops.is_empty() {
            return Ok(Flow::Continue);
        }
        let ids: Vec<String> = ops.iter().map(|op| op.id.clone()).collect();
        self.store.mark_in_flight(&ids).await?;
        let visits: Vec<_> = ops
            .iter()
            .flat_map(|op| match &op.operation {
                Operation::Register { visits } => visits.clone(),
                _ => Vec::new(),
            })
            .collect();
        match client.register_visitors(&visits).await {
            Ok(()) => {
                let mine = client.my_visitors(false).await.ok();
                for op in &ops {
                    let found = match (&mine, &op.operation) {
                        (Some(mine), Operation::Register { visits }) => {
                            let claimed = self.store.claimed_registration_ids(&op.account).await?;
                            match_registrations(mine, visits, &claimed)
                        }
                        _ => None,
                    };
                    self.store
                        .mark_done(&op.id, &found.unwrap_or_default())
                        .await?;
                }
                self.succeeded();
                Ok(Flow::Continue)
            }
            // One bad visit refuses the whole request. Look first (a server may have kept the
            // good ones), then send each alone so only the bad one waits for a person.
            Err(ApiError::Validation { .. }) if ops.len() > 1 => {
                for op in &ops {
                    self.store.set_send_alone(&op.id).await?;
                    self.store
                        .mark_waiting(
                            &op.id,
                            OpState::Uncertain,
                            Utc::now(),
                            "Checking before sending alone.",
                        )
                        .await?;
                }
                Ok(Flow::Continue)
            }
            Err(error) => {
                let mut flow = Flow::Continue;
                for op in &ops {
                    if let Flow::Stop(state) = self.settle(op, op.attempts + 1, &error).await? {
                        flow = Flow::Stop(state);
                    }
                }
                Ok(flow)
            }
        }
    }

    /// Looks for the effect of an operation that may have been applied; resends only when
    /// it is certainly not there.
    async fn reconcile(&self, client: &NexudusClient, op: QueuedOp) -> Result<Flow, StoreError> {
        let found: Result<Option<Vec<i64>>, ApiError> = match &op.operation {
            Operation::WalkIn { visitor, .. } => self.find_walk_in(client, &op, visitor).await,
            Operation::Register { visits } => {
                let claimed = self.store.claimed_registration_ids(&op.account).await?;
                match client.my_visitors(false).await {
                    Ok(mine) => match match_registrations(&mine, visits, &claimed) {
                        Some(ids) => Ok(Some(ids)),
                        None if count_found(&mine, visits, &claimed) > 0 => {
                            self.store
                                .mark_needs_attention(
                                    &op.id,
                                    "Only some of these dates reached Nexudus. Check the host's visitors, then retry or discard.",
                                    &[],
                                )
                                .await?;
                            return Ok(Flow::Continue);
                        }
                        None => Ok(None),
                    },
                    Err(error) => Err(error),
                }
            }
            Operation::CheckIn { target, .. }
            | Operation::CheckOut { target, .. }
            | Operation::SetApproval { target, .. } => {
                let id = match self.target_id(&op, target).await? {
                    Ok(id) => id,
                    Err(flow) => return Ok(flow),
                };
                client.get_visitor(id).await.map(|record| {
                    let visitor = record.visitor;
                    let applied = match &op.operation {
                        Operation::CheckIn { .. } => visitor.arrived,
                        Operation::CheckOut { .. } => visitor.departure_date.is_some(),
                        Operation::SetApproval { status, .. } => {
                            visitor.host_approval_status == *status
                        }
                        _ => false,
                    };
                    applied.then(|| vec![id])
                })
            }
            // Deleting twice is harmless: just send again.
            Operation::DeleteVisitor { .. } | Operation::CancelRegistration { .. } => Ok(None),
        };
        match found {
            Ok(Some(ids)) => {
                self.store.mark_done(&op.id, &ids).await?;
                self.succeeded();
                Ok(Flow::Continue)
            }
            Ok(None) => {
                self.store
                    .mark_waiting(
                        &op.id,
                        OpState::Pending,
                        Utc::now(),
                        "Not applied yet; sending again.",
                    )
                    .await?;
                Ok(Flow::Continue)
            }
            Err(ApiError::NotFound) => {
                self.store
                    .mark_needs_attention(&op.id, "That visitor no longer exists in Nexudus.", &[])
                    .await?;
                Ok(Flow::Continue)
            }
            Err(error) => {
                // Still unknown: stay uncertain and look again later.
                let next = after_error(&op.operation, op.attempts.max(1), &error, Utc::now());
                match next {
                    Next::Paused => Ok(Flow::Stop(EngineState::SignedOut)),
                    Next::Wait { at, reason, .. } => {
                        self.store
                            .mark_waiting(&op.id, OpState::Uncertain, at, &reason)
                            .await?;
                        Ok(if matches!(error, ApiError::Offline { .. }) {
                            Flow::Stop(EngineState::Offline)
                        } else {
                            Flow::Continue
                        })
                    }
                    _ => {
                        let at = Utc::now() + chrono::Duration::seconds(30);
                        self.store
                            .mark_waiting(&op.id, OpState::Uncertain, at, &error.to_string())
                            .await?;
                        Ok(Flow::Continue)
                    }
                }
            }
        }
    }

    /// A walk-in is recognised by the tag it carries in `SystemId`.
    async fn find_walk_in(
        &self,
        client: &NexudusClient,
        op: &QueuedOp,
        visitor: &crate::nexudus::NewVisitor,
    ) -> Result<Option<Vec<i64>>, ApiError> {
        let (from, to) = arrival_window(visitor.expected_arrival);
        let candidates = client
            .list_visitors(&VisitorQuery {
                business: Some(visitor.business_id),
                email: Some(visitor.email.clone()),
                expected_from: Some(from),
                expected_to: Some(to),
                ..VisitorQuery::default()
            })
            .await?;
        let tag = walk_in_tag(&op.id);
        for candidate in candidates
            .iter()
            .filter(|c| c.full_name == visitor.full_name)
        {
            let record = client.get_visitor(candidate.id).await?;
            if record.raw.get("SystemId").and_then(|v| v.as_str()) == Some(tag.as_str()) {
                return Ok(Some(vec![candidate.id]));
            }
        }
        Ok(None)
    }
}
