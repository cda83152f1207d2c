//! The operations a person can queue, and their life:
//!
//! ```text
//! pending ──send──► in_flight ──2xx──► done
//!    ▲                 │ throttled / offline: pending again, at the time the server gave
//!    │                 ├──400, lasting WasSuccessful:false──► needs_attention ──edit/retry──► pending
//!    │                 │                                              └──discard──► discarded
//!    │                 └──no answer / 5xx / crash──► uncertain ──look: applied──► done
//!    └──────────────────────────────────────────── look: not applied ◄┘
//! ```

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::nexudus::{FieldProblem, NewVisitor, Registration};

/// Which visitor an operation acts on: one the server knows, or one a queued operation
/// creates (a walk-in registered while offline), whose id is known once that is done.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    Server(i64),
    Queued(String),
}

/// The server id of the visitor an operation acts on, as far as this desk knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TargetId {
    Known(i64),
    /// Created by a queued operation that is not done yet.
    NotYetCreated,
    /// Its creating operation was discarded or is gone: the visitor will never exist.
    NeverCreated,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Operation {
    /// A host registers one visitor on one or many dates (public API).
    Register {
        visits: Vec<Registration>,
    },
    /// Reception creates a visitor, usually a walk-in checked in at once (admin API).
    WalkIn {
        visitor: Box<NewVisitor>,
        /// The host's name as chosen at the desk, to show until Nexudus's copy is read.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        host_name: Option<String>,
    },
    CheckIn {
        target: Target,
        at: DateTime<Utc>,
        location: Option<String>,
    },
    CheckOut {
        target: Target,
        at: DateTime<Utc>,
    },
    SetApproval {
        target: Target,
        status: i64,
        /// The answer the desk showed when this was queued: if someone changed it since,
        /// theirs stands and this waits for a person.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        seen: Option<i64>,
    },
    DeleteVisitor {
        target: Target,
    },
    /// A host cancels one of their registrations (public API).
    CancelRegistration {
        visitor_id: i64,
    },
}

impl Operation {
    pub fn kind(&self) -> &'static str {
        match self {
            Operation::Register { .. } => "register",
            Operation::WalkIn { .. } => "walk_in",
            Operation::CheckIn { .. } => "check_in",
            Operation::CheckOut { .. } => "check_out",
            Operation::SetApproval { .. } => "set_approval",
            Operation::DeleteVisitor { .. } => "delete_visitor",
            Operation::CancelRegistration { .. } => "cancel_registration",
        }
    }

    pub fn target(&self) -> Option<&Target> {
        match self {
            Operation::CheckIn { target, .. }
            | Operation::CheckOut { target, .. }
            | Operation::SetApproval { target, .. }
            | Operation::DeleteVisitor { target } => Some(target),
            _ => None,
        }
    }

    /// Operations that create a record; an uncertain one must be looked for, never resent
    /// blindly.
    pub fn creates(&self) -> bool {
        matches!(self, Operation::Register { .. } | Operation::WalkIn { .. })
    }

    /// A short description for lists and errors, on one line and without invisible
    /// characters (queued before the forms stripped them, a name could still hold some).
    pub fn summary(&self) -> String {
        crate::input::one_line(&self.raw_summary())
    }

    /// The same in `words`' language, for people (`summary` stays English for files).
    pub fn summary_in(&self, words: &crate::l10n::Messages) -> String {
        use crate::l10n::Arg;
        let text = match self {
            Operation::Register { visits } => {
                let name = visits.first().map_or("", |v| v.full_name.as_str());
                let dates = i64::try_from(visits.len()).unwrap_or(i64::MAX);
                words.text(
                    "queue-summary-register",
                    &[("name", Arg::from(name)), ("dates", Arg::from(dates))],
                )
            }
            Operation::WalkIn { visitor, .. } => words.text(
                "queue-summary-walk-in",
                &[("name", Arg::from(&visitor.full_name))],
            ),
            Operation::CheckIn { .. } => words.text("queue-summary-check-in", &[]),
            Operation::CheckOut { .. } => words.text("queue-summary-check-out", &[]),
            Operation::SetApproval { .. } => words.text("queue-summary-approval", &[]),
            Operation::DeleteVisitor { .. } => words.text("queue-summary-delete", &[]),
            Operation::CancelRegistration { .. } => words.text("queue-summary-cancel", &[]),
        };
        crate::input::one_line(&text)
    }

    fn raw_summary(&self) -> String {
        match self {
            Operation::Register { visits } => {
                let name = visits.first().map_or("a visitor", |v| v.full_name.as_str());
                match visits.len() {
                    1 => format!("Register {name}"),
                    n => format!("Register {name} on {n} dates"),
                }
            }
            Operation::WalkIn { visitor, .. } => format!("Walk-in {}", visitor.full_name),
            Operation::CheckIn { .. } => "Check in".into(),
            Operation::CheckOut { .. } => "Check out".into(),
            Operation::SetApproval { .. } => "Host approval".into(),
            Operation::DeleteVisitor { .. } => "Delete visitor".into(),
            Operation::CancelRegistration { .. } => "Cancel registration".into(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OpState {
    Pending,
    InFlight,
    Uncertain,
    Done,
    NeedsAttention,
    Discarded,
}

impl OpState {
    pub fn as_str(self) -> &'static str {
        match self {
            OpState::Pending => "pending",
            OpState::InFlight => "in_flight",
            OpState::Uncertain => "uncertain",
            OpState::Done => "done",
            OpState::NeedsAttention => "needs_attention",
            OpState::Discarded => "discarded",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Some(match text {
            "pending" => OpState::Pending,
            "in_flight" => OpState::InFlight,
            "uncertain" => OpState::Uncertain,
            "done" => OpState::Done,
            "needs_attention" => OpState::NeedsAttention,
            "discarded" => OpState::Discarded,
            _ => return None,
        })
    }

    /// Finished: nothing more will happen to it.
    pub fn is_terminal(self) -> bool {
        matches!(self, OpState::Done | OpState::Discarded)
    }
}

/// A queued operation as stored.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct QueuedOp {
    pub seq: i64,
    pub id: String,
    pub account: String,
    pub visitor_key: String,
    pub operation: Operation,
    pub state: OpState,
    pub attempts: i64,
    pub send_alone: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub next_attempt_at: DateTime<Utc>,
    pub last_error: Option<String>,
    pub error_fields: Vec<FieldProblem>,
    pub server_ids: Vec<i64>,
    /// Looks for an uncertain operation that found nothing yet.
    pub looks: i64,
    /// Why nothing was sent, when it was done without sending ("already checked in at ...").
    pub outcome: Option<String>,
}

/// Queued operations for unit tests, without a database: pending, made now, due now, with
/// `op{seq}` as id; tests change what they are about.
#[cfg(test)]
impl QueuedOp {
    pub(crate) fn for_test(seq: i64, state: OpState, operation: Operation) -> QueuedOp {
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_summary_shows_no_invisible_characters() {
        let walk_in = Operation::WalkIn {
            visitor: Box::new(NewVisitor::walk_in(1, "Eve\u{202E}lyn\nX", "e@x.test")),
            host_name: None,
        };
        assert_eq!(walk_in.summary(), "Walk-in Evelyn X");
    }
}
