//! What reception and hosts do, as the UI calls it. Every change is validated, written to the
//! queue (durable at once) and handed to the sync engine; every list is read from the local
//! cache with the queued changes laid over it, so the desk works the same offline.
//!
//! One file per use case: `reception` (today's list, check-in and out, walk-ins), `host`
//! (registrations, upcoming visits), `locations`, `host_search`; `forms` checks what people
//! type and `overlay` lays the queue over the cache for every list.

use std::sync::Arc;

use serde::Deserialize;

use crate::account::{AccountError, Accounts};
use crate::cache::VisitorCache;
use crate::nexudus::models::Unreadable;
use crate::nexudus::{ApiError, FieldProblem};
use crate::queue::{Operation, QueuedOp, Target};
use crate::store::{Store, StoreError};
use crate::sync::SyncEngine;

mod badges;
mod forms;
mod host;
mod host_search;
mod locations;
mod named_ops;
mod overlay;
mod reception;
mod scan;
mod today_view;
mod visitor_log;

pub use crate::input::MAX_DATES;
pub use crate::visitor::{DeskVisitor, Location, Presence};
pub use badges::{BadgePreview, Printed};
pub use forms::{validate_registration, validate_walk_in, RegistrationForm, WalkInForm};
pub use host_search::Host;
pub use named_ops::NamedOp;
pub use overlay::{overlay, List};
pub use reception::ApprovalAnswer;
pub use scan::{ScanOutcome, ScanResult};
pub use today_view::{GroupLimits, GroupView, HourCount, TodayQuery, TodayView, PAGE_ROWS};
pub use visitor_log::{log_range, LogSource, VisitorLog, MAX_LOG_DAYS};

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
    #[error(transparent)]
    Print(#[from] crate::printing::PrintError),
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

pub struct Desk {
    store: Store,
    cache: VisitorCache,
    accounts: Arc<Accounts>,
    engine: Arc<SyncEngine>,
    /// Records the last full read of each location's day skipped, for the window to say so.
    unreadable: std::sync::Mutex<std::collections::HashMap<i64, Vec<Unreadable>>>,
    /// Today's list as the window last read it, searched and paged without reading it again.
    today_kept: today_view::KeptToday,
}

impl Desk {
    pub fn new(store: Store, accounts: Arc<Accounts>, engine: Arc<SyncEngine>) -> Self {
        Desk {
            cache: VisitorCache::new(store.clone()),
            store,
            accounts,
            engine,
            unreadable: Default::default(),
            today_kept: Default::default(),
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
}

impl crate::l10n::Localize for DeskError {
    fn localize(&self, words: &crate::l10n::Messages) -> String {
        match self {
            DeskError::Invalid { .. } => words.text("error-check-fields", &[]),
            DeskError::Account(error) => error.localize(words),
            DeskError::Api(error) => error.localize(words),
            DeskError::Store(error) => error.localize(words),
            DeskError::UnknownVisitor => words.text("error-unknown-visitor", &[]),
            DeskError::Print(error) => error.localize(words),
        }
    }
}
