//! The sync engine: delivers queued operations to Nexudus exactly once, in order, within the
//! rate limits (the client paces every request), and reports what is pending and what needs
//! a person. It wakes on enqueue, on a timer, and on "sync now".

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::Serialize;
use tokio::sync::{watch, Mutex, Notify};

use super::plan::{after_error, patient, plan, Action, Next};
use crate::account::Accounts;
use crate::lock::{FolderLock, DRAIN_LOCK};
use crate::nexudus::{ApiError, NexudusClient};
use crate::queue::{OpState, QueuedOp};
use crate::store::queue_reads::QueueCounts;
use crate::store::{Store, StoreError};

/// Longest sleep between drains when nothing is due (also how soon a returning network is
/// noticed without a "sync now").
const IDLE_RECHECK: Duration = Duration::from_secs(30);
const MAX_ROUNDS: usize = 10_000;
/// How soon to try again when another process on this computer is delivering the queue.
const BUSY_RETRY: chrono::Duration = chrono::Duration::seconds(2);

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
    /// How far this computer's clock is from Nexudus's, in seconds (server minus desk), once
    /// an answer told.
    pub clock_offset_seconds: Option<i64>,
}

/// What a drain ended with.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DrainReport {
    pub completed: u64,
    pub stopped: Option<EngineState>,
    pub next_wake: Option<DateTime<Utc>>,
    /// Another process (the app, or `frontdesk sync --once`) is delivering this data folder's
    /// queue: nothing was done here.
    pub busy: bool,
}

pub(super) enum Flow {
    Continue,
    Stop(EngineState),
}

pub struct SyncEngine {
    pub(super) store: Store,
    accounts: Arc<Accounts>,
    wake: Notify,
    status: watch::Sender<SyncStatus>,
    /// One drain at a time in this process; the folder's drain lock makes it one per computer.
    draining: Mutex<()>,
    /// This engine's name on the operations it claims.
    pub(super) owner: String,
}

impl SyncEngine {
    pub fn new(store: Store, accounts: Arc<Accounts>) -> Arc<Self> {
        Arc::new(SyncEngine {
            store,
            accounts,
            wake: Notify::new(),
            status: watch::Sender::new(SyncStatus::default()),
            draining: Mutex::new(()),
            owner: format!("{}-{}", std::process::id(), uuid::Uuid::new_v4()),
        })
    }

    pub fn subscribe(&self) -> watch::Receiver<SyncStatus> {
        self.status.subscribe()
    }

    pub fn status(&self) -> SyncStatus {
        self.status.borrow().clone()
    }

    /// Waits for this process's drain in progress to end, and holds off the next one while
    /// the guard lives: a restart (to update) must not cut a request off half-way.
    pub async fn hold_deliveries(&self) -> tokio::sync::MutexGuard<'_, ()> {
        self.draining.lock().await
    }

    /// Asks for a drain now (after an enqueue, or "sync now").
    pub fn wake(&self) {
        self.wake.notify_one();
    }

    /// Runs until the process ends: drains whenever woken or when the next operation falls
    /// due (each drain first recovers what a stopped process left in flight).
    pub async fn run(self: Arc<Self>) {
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
        let offset = match self.accounts.client().await {
            Ok(client) => client.server_clock().offset(),
            Err(_) => None,
        };
        self.status.send_modify(|status| {
            status.state = state;
            status.counts = counts;
            status.progress = progress;
            status.next_attempt_at = next;
            if let Some(offset) = offset {
                status.clock_offset_seconds = Some(offset.num_seconds());
            }
        });
    }

    pub(super) fn succeeded(&self) {
        self.status
            .send_modify(|status| status.last_success_at = Some(Utc::now()));
    }

    /// Delivers everything that is due now for the signed-in account, unless another process
    /// on this computer is delivering this data folder's queue (`busy`).
    pub async fn drain(&self) -> Result<DrainReport, StoreError> {
        let _one = self.draining.lock().await;
        let Some(_lease) = FolderLock::try_take(&self.store.dir().join(DRAIN_LOCK))? else {
            return Ok(DrainReport {
                busy: true,
                next_wake: Some(Utc::now() + BUSY_RETRY),
                ..DrainReport::default()
            });
        };
        // Holding both locks, no other drain is alive: whatever is in flight was left by one
        // that stopped, and may or may not have reached the server.
        match self.store.recover_in_flight().await? {
            0 => {}
            n => tracing::info!(
                operations = n,
                "found operations in flight after a stop; checking them"
            ),
        }
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
                Some(op) => self.look(client, op).await,
                None => Ok(Flow::Continue),
            },
            Action::SendRegistrations(ids) => {
                let ops: Vec<QueuedOp> = ids.iter().filter_map(|id| find(id)).collect();
                self.send_registrations(client, ops).await
            }
        }
    }

    /// Records a failed attempt of a claimed operation as the plan says; tells the drain
    /// whether to stop.
    pub(super) async fn settle(
        &self,
        client: &NexudusClient,
        op: &QueuedOp,
        attempts: i64,
        error: &ApiError,
    ) -> Result<Flow, StoreError> {
        let now = Utc::now();
        let next = patient(
            after_error(&op.operation, attempts, error, now),
            now,
            client.config().timeout,
        );
        match next {
            Next::Done => {
                self.store.mark_done(&op.id, &self.owner, &[], None).await?;
                Ok(Flow::Continue)
            }
            Next::Wait { state, at, reason } => {
                self.store
                    .mark_waiting(&op.id, &self.owner, state, at, &reason)
                    .await?;
                if matches!(error, ApiError::Offline { .. }) {
                    Ok(Flow::Stop(EngineState::Offline))
                } else {
                    Ok(Flow::Continue)
                }
            }
            Next::Attention { message, fields } => {
                self.store
                    .mark_needs_attention(&op.id, &self.owner, &message, &fields)
                    .await?;
                Ok(Flow::Continue)
            }
            Next::Paused => {
                let state = if op.state == OpState::Uncertain {
                    OpState::Uncertain
                } else {
                    OpState::Pending
                };
                self.store
                    .mark_waiting(
                        &op.id,
                        &self.owner,
                        state,
                        now,
                        &error.message_key().stored(),
                    )
                    .await?;
                Ok(Flow::Stop(EngineState::SignedOut))
            }
        }
    }
}
