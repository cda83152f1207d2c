//! Sending: each operation is claimed first (a compare-and-set, so an operation discarded or
//! taken by another drain since the plan was made is never sent), then delivered, then settled
//! under the same claim.

use chrono::Utc;

use super::apply::{apply_change, Applied};
use super::engine::{Flow, SyncEngine};
use super::plan::LOOKS_BEFORE_RESEND;
use super::reconcile::{match_registrations, walk_in_tag};
use crate::nexudus::{ApiError, NexudusClient, Registration};
use crate::queue::{Operation, QueuedOp, Target, TargetId};
use crate::store::StoreError;

/// What a send came to, when it was not an error.
enum Sent {
    Ids(Vec<i64>),
    /// Nothing had to be sent; the reason is kept for the sync panel.
    AlreadyDone(i64, String),
}

impl SyncEngine {
    /// The server id of the visitor a claimed operation acts on. Without one, the operation
    /// is settled here (waiting, or for a person) and the caller moves on.
    pub(super) async fn target_id(
        &self,
        op: &QueuedOp,
        target: &Target,
    ) -> Result<TargetId, StoreError> {
        let resolved = self.store.resolve_target(target).await?;
        match resolved {
            TargetId::Known(_) => {}
            TargetId::NotYetCreated => {
                // The creating operation is not done yet; ordering normally prevents this.
                let later = Utc::now() + chrono::Duration::seconds(5);
                self.store
                    .mark_waiting(
                        &op.id,
                        &self.owner,
                        op.state,
                        later,
                        &crate::l10n::MessageKey::new("engine-waiting-for-creation").stored(),
                    )
                    .await?;
            }
            TargetId::NeverCreated => {
                self.store
                    .mark_needs_attention(
                        &op.id,
                        &self.owner,
                        &crate::l10n::MessageKey::new("engine-never-created").stored(),
                        &[],
                    )
                    .await?;
            }
        }
        Ok(resolved)
    }

    pub(super) async fn send(
        &self,
        client: &NexudusClient,
        op: QueuedOp,
    ) -> Result<Flow, StoreError> {
        let claimed = self
            .store
            .claim_to_send(std::slice::from_ref(&op.id), &self.owner)
            .await?;
        if claimed.is_empty() {
            return Ok(Flow::Continue);
        }
        let attempts = op.attempts + 1;
        let result: Result<Sent, ApiError> = match &op.operation {
            Operation::WalkIn { visitor, .. } => {
                let mut tagged = visitor.as_ref().clone();
                tagged.system_id = Some(walk_in_tag(&op.id));
                client
                    .create_visitor(&tagged)
                    .await
                    .map(|id| Sent::Ids(vec![id]))
            }
            Operation::CheckIn { target, .. }
            | Operation::CheckOut { target, .. }
            | Operation::SetApproval { target, .. } => {
                let TargetId::Known(id) = self.target_id(&op, target).await? else {
                    return Ok(Flow::Continue);
                };
                match apply_change(client, id, &op.operation).await {
                    Ok(Applied::Written) => Ok(Sent::Ids(vec![id])),
                    Ok(Applied::AlreadyDone(why)) => Ok(Sent::AlreadyDone(id, why)),
                    Ok(Applied::Conflict(why)) => {
                        self.store
                            .mark_needs_attention(&op.id, &self.owner, &why, &[])
                            .await?;
                        return Ok(Flow::Continue);
                    }
                    Err(error) => Err(error),
                }
            }
            Operation::DeleteVisitor { target } => {
                let TargetId::Known(id) = self.target_id(&op, target).await? else {
                    return Ok(Flow::Continue);
                };
                client
                    .delete_visitor(id)
                    .await
                    .map(|()| Sent::Ids(vec![id]))
            }
            Operation::CancelRegistration { visitor_id } => client
                .cancel_registration(*visitor_id)
                .await
                .map(|()| Sent::Ids(vec![*visitor_id])),
            Operation::Register { visits } => match client.register_visitors(visits).await {
                Ok(()) => Ok(Sent::Ids(
                    self.registered_ids(client, &op.account, visits)
                        .await
                        .unwrap_or_default(),
                )),
                Err(error) => Err(error),
            },
        };
        match result {
            Ok(Sent::Ids(ids)) => {
                self.store
                    .mark_done(&op.id, &self.owner, &ids, None)
                    .await?;
                self.succeeded();
                Ok(Flow::Continue)
            }
            Ok(Sent::AlreadyDone(id, why)) => {
                self.store
                    .mark_done(&op.id, &self.owner, &[id], Some(&why))
                    .await?;
                self.succeeded();
                Ok(Flow::Continue)
            }
            Err(error) => self.settle(client, &op, attempts, &error).await,
        }
    }

    /// Best effort: the ids the server gave a registration (its answer has none).
    async fn registered_ids(
        &self,
        client: &NexudusClient,
        account: &str,
        visits: &[Registration],
    ) -> Option<Vec<i64>> {
        let mine = client.my_visitors(false).await.ok()?;
        let claimed = self.store.claimed_registration_ids(account).await.ok()?;
        match_registrations(&mine, visits, &claimed)
    }

    pub(super) async fn send_registrations(
        &self,
        client: &NexudusClient,
        ops: Vec<QueuedOp>,
    ) -> Result<Flow, StoreError> {
        let ids: Vec<String> = ops.iter().map(|op| op.id.clone()).collect();
        let claimed = self.store.claim_to_send(&ids, &self.owner).await?;
        let ops: Vec<QueuedOp> = ops
            .into_iter()
            .filter(|op| claimed.contains(&op.id))
            .collect();
        if ops.is_empty() {
            return Ok(Flow::Continue);
        }
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
                        .mark_done(&op.id, &self.owner, &found.unwrap_or_default(), None)
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
                    // A refusal is an answer, not a lost one: one look decides.
                    self.store
                        .mark_uncertain(
                            &op.id,
                            &self.owner,
                            Utc::now(),
                            &crate::l10n::MessageKey::new("engine-checking-before-alone").stored(),
                            LOOKS_BEFORE_RESEND - 1,
                        )
                        .await?;
                }
                Ok(Flow::Continue)
            }
            Err(error) => {
                let mut flow = Flow::Continue;
                for op in &ops {
                    if let Flow::Stop(state) =
                        self.settle(client, op, op.attempts + 1, &error).await?
                    {
                        flow = Flow::Stop(state);
                    }
                }
                Ok(flow)
            }
        }
    }
}
