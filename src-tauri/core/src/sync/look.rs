//! Looking for the effect of an operation whose answer was lost (a timeout, a 502/504, a
//! dropped connection, a crash). A server behind a gateway may apply a write seconds after
//! the client gave up on it, so "not there" is believed only after patient looks; an
//! operation is sent again only then.

use chrono::Utc;

use super::apply::shows_applied;
use super::engine::{EngineState, Flow, SyncEngine};
use super::plan::{after_error, next_look, Next, LOOKS_BEFORE_RESEND};
use super::reconcile::{arrival_window, count_found, match_registrations, walk_in_tag};
use crate::nexudus::{ApiError, NewVisitor, NexudusClient, VisitorQuery};
use crate::queue::{OpState, Operation, QueuedOp, TargetId};
use crate::store::StoreError;

/// Full records read when looking for a walk-in's tag; list rows rarely carry `SystemId`
/// (§ list rows), so each likely candidate is read.
const MOST_CANDIDATES_READ: usize = 20;

fn folded(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

impl SyncEngine {
    pub(super) async fn look(
        &self,
        client: &NexudusClient,
        op: QueuedOp,
    ) -> Result<Flow, StoreError> {
        if !self.store.claim_to_look(&op.id, &self.owner).await? {
            return Ok(Flow::Continue);
        }
        let found: Result<Option<Vec<i64>>, ApiError> = match &op.operation {
            Operation::WalkIn { visitor, .. } => find_walk_in(client, &op, visitor).await,
            Operation::Register { visits } => {
                let claimed = self.store.claimed_registration_ids(&op.account).await?;
                match client.my_visitors(false).await {
                    Ok(mine) => match match_registrations(&mine, visits, &claimed) {
                        Some(ids) => Ok(Some(ids)),
                        None if count_found(&mine, visits, &claimed) > 0
                            && op.looks + 1 >= LOOKS_BEFORE_RESEND =>
                        {
                            self.store
                                .mark_needs_attention(
                                    &op.id,
                                    &self.owner,
                                    &crate::l10n::MessageKey::new("engine-some-dates-arrived")
                                        .stored(),
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
                let TargetId::Known(id) = self.target_id(&op, target).await? else {
                    return Ok(Flow::Continue);
                };
                client
                    .get_visitor(id)
                    .await
                    .map(|record| shows_applied(&record.visitor, &op.operation).then(|| vec![id]))
            }
            // Deleting twice is harmless: just send again.
            Operation::DeleteVisitor { .. } | Operation::CancelRegistration { .. } => {
                self.store
                    .mark_waiting(
                        &op.id,
                        &self.owner,
                        OpState::Pending,
                        Utc::now(),
                        &crate::l10n::MessageKey::new("engine-sending-again").stored(),
                    )
                    .await?;
                return Ok(Flow::Continue);
            }
        };
        let timeout = client.config().timeout;
        match found {
            Ok(Some(ids)) => {
                self.store
                    .mark_done(&op.id, &self.owner, &ids, None)
                    .await?;
                self.succeeded();
                Ok(Flow::Continue)
            }
            Ok(None) if op.looks + 1 < LOOKS_BEFORE_RESEND => {
                let next = next_look(Utc::now(), timeout);
                self.store
                    .mark_not_found_yet(&op.id, &self.owner, next)
                    .await?;
                Ok(Flow::Continue)
            }
            Ok(None) => {
                self.store
                    .mark_waiting(
                        &op.id,
                        &self.owner,
                        OpState::Pending,
                        Utc::now(),
                        &crate::l10n::MessageKey::new("engine-not-found-sending-again").stored(),
                    )
                    .await?;
                Ok(Flow::Continue)
            }
            Err(ApiError::NotFound) => {
                self.store
                    .mark_needs_attention(
                        &op.id,
                        &self.owner,
                        &crate::l10n::MessageKey::new("engine-visitor-gone").stored(),
                        &[],
                    )
                    .await?;
                Ok(Flow::Continue)
            }
            Err(error) => {
                // Still unknown: stay uncertain and look again later.
                let now = Utc::now();
                let (at, reason) = match after_error(&op.operation, op.attempts.max(1), &error, now)
                {
                    Next::Paused => {
                        self.store
                            .mark_waiting(
                                &op.id,
                                &self.owner,
                                OpState::Uncertain,
                                now,
                                &error.message_key().stored(),
                            )
                            .await?;
                        return Ok(Flow::Stop(EngineState::SignedOut));
                    }
                    Next::Wait { at, reason, .. } => (at, reason),
                    _ => (
                        now + chrono::Duration::seconds(30),
                        error.message_key().stored(),
                    ),
                };
                self.store
                    .mark_waiting(&op.id, &self.owner, OpState::Uncertain, at, &reason)
                    .await?;
                Ok(if matches!(error, ApiError::Offline { .. }) {
                    Flow::Stop(EngineState::Offline)
                } else {
                    Flow::Continue
                })
            }
        }
    }
}

/// A walk-in is recognised by the tag it carries in `SystemId`, never by its name or email:
/// a server may normalise those (case, spaces), and two walk-ins may share them.
async fn find_walk_in(
    client: &NexudusClient,
    op: &QueuedOp,
    visitor: &NewVisitor,
) -> Result<Option<Vec<i64>>, ApiError> {
    let (from, to) = arrival_window(visitor.expected_arrival);
    let candidates = client
        .list_visitors(&VisitorQuery {
            business: Some(visitor.business_id),
            expected_from: Some(from),
            expected_to: Some(to),
            ..VisitorQuery::default()
        })
        .await?;
    let tag = walk_in_tag(&op.id);
    if let Some(row) = candidates
        .iter()
        .find(|c| c.system_id.as_deref() == Some(tag.as_str()))
    {
        return Ok(Some(vec![row.id]));
    }
    // Only records with the same name or email, once case and spacing are set aside (a server
    // may normalise both), are read whole: a busy minute can hold dozens of walk-ins.
    let (name, email) = (folded(&visitor.full_name), folded(&visitor.email));
    let likely = candidates.iter().filter(|c| {
        folded(&c.full_name) == name || c.email.as_deref().map(folded).as_deref() == Some(&email)
    });
    for candidate in likely.take(MOST_CANDIDATES_READ) {
        let record = client.get_visitor(candidate.id).await?;
        if record.raw.get("SystemId").and_then(|v| v.as_str()) == Some(tag.as_str()) {
            return Ok(Some(vec![candidate.id]));
        }
    }
    Ok(None)
}
