//! Queued changes with the name of the visitor they act on, for the sync panel: a check-in
//! queued for visitor 4213 reads "Check in Ada Lovelace", without the window holding the day.

use std::collections::HashMap;

use serde::Serialize;

use super::{Desk, DeskError};
use crate::queue::{Operation, QueuedOp, Target};

/// A queued change and whom it is for, when the desk knows.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NamedOp {
    #[serde(flatten)]
    pub op: QueuedOp,
    pub visitor_name: Option<String>,
}

impl Desk {
    /// Names each operation's visitor from the cache, or from the queued walk-in that creates
    /// them (in the list, or read from the queue when it is done and out of the list). A name
    /// that cannot be read is left out; the panel still lists the change.
    pub async fn name_operations(&self, ops: Vec<QueuedOp>) -> Result<Vec<NamedOp>, DeskError> {
        let mut walk_ins: HashMap<String, String> = ops
            .iter()
            .filter_map(|op| match &op.operation {
                Operation::WalkIn { visitor, .. } => {
                    Some((op.id.clone(), visitor.full_name.clone()))
                }
                _ => None,
            })
            .collect();
        let mut by_account: HashMap<&str, Vec<i64>> = HashMap::new();
        for op in &ops {
            match op.operation.target() {
                Some(Target::Server(id)) => by_account.entry(&op.account).or_default().push(*id),
                Some(Target::Queued(creator)) if !walk_ins.contains_key(creator) => {
                    if let Ok(Some(Operation::WalkIn { visitor, .. })) = self
                        .store
                        .operation(creator)
                        .await
                        .map(|found| found.map(|op| op.operation))
                    {
                        walk_ins.insert(creator.clone(), visitor.full_name);
                    }
                }
                _ => {}
            }
        }
        let mut names: HashMap<(String, i64), String> = HashMap::new();
        for (account, ids) in by_account {
            match self.store.visitor_names(account, &ids).await {
                Ok(found) => names.extend(
                    found
                        .into_iter()
                        .map(|(id, name)| ((account.to_string(), id), name)),
                ),
                Err(error) => tracing::warn!(%error, "could not read visitors' names"),
            }
        }
        let named = ops
            .iter()
            .map(|op| match op.operation.target() {
                Some(Target::Server(id)) => names.get(&(op.account.clone(), *id)).cloned(),
                Some(Target::Queued(creator)) => walk_ins.get(creator).cloned(),
                None => None,
            })
            .collect::<Vec<_>>();
        Ok(ops
            .into_iter()
            .zip(named)
            .map(|(op, visitor_name)| NamedOp {
                op: worded(op),
                visitor_name,
            })
            .collect())
    }
}

/// What the engine noted on `op`, in the desk's language: its notes are kept as message keys
/// (see `l10n::MessageKey`), and its fields' problems become whole sentences.
fn worded(mut op: QueuedOp) -> QueuedOp {
    let words = crate::l10n::desk_words();
    let shown = |text: &mut Option<String>| {
        if let Some(stored) = text.as_mut() {
            *stored = crate::l10n::MessageKey::shown(stored, &words);
        }
    };
    shown(&mut op.last_error);
    shown(&mut op.outcome);
    for problem in &mut op.error_fields {
        problem.message = crate::l10n::field_sentence(problem, &words);
    }
    op
}
