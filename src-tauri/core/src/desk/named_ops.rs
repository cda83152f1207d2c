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
    /// them.
    pub async fn name_operations(&self, ops: Vec<QueuedOp>) -> Result<Vec<NamedOp>, DeskError> {
        let mut by_account: HashMap<&str, Vec<i64>> = HashMap::new();
        for op in &ops {
            if let Some(Target::Server(id)) = op.operation.target() {
                by_account.entry(&op.account).or_default().push(*id);
            }
        }
        let mut names: HashMap<(String, i64), String> = HashMap::new();
        for (account, ids) in by_account {
            for (id, name) in self.store.visitor_names(account, &ids).await? {
                names.insert((account.to_string(), id), name);
            }
        }
        let walk_ins: HashMap<&str, &str> = ops
            .iter()
            .filter_map(|op| match &op.operation {
                Operation::WalkIn { visitor, .. } => {
                    Some((op.id.as_str(), visitor.full_name.as_str()))
                }
                _ => None,
            })
            .collect();
        let named = ops
            .iter()
            .map(|op| match op.operation.target() {
                Some(Target::Server(id)) => names.get(&(op.account.clone(), *id)).cloned(),
                Some(Target::Queued(creator)) => {
                    walk_ins.get(creator.as_str()).map(|name| name.to_string())
                }
                None => None,
            })
            .collect::<Vec<_>>();
        Ok(ops
            .into_iter()
            .zip(named)
            .map(|(op, visitor_name)| NamedOp { op, visitor_name })
            .collect())
    }
}
