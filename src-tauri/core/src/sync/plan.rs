//! The sync engine's decisions, free of I/O: which operations to act on now, and what an
//! answer means for an operation. The engine only carries these out.

use std::collections::HashSet;
use std::time::Duration;

use chrono::{DateTime, Utc};

use crate::nexudus::backoff::backoff;
use crate::nexudus::{ApiError, FieldProblem};
use crate::queue::{OpState, Operation, QueuedOp};

/// The public API takes up to 30 visits in one request (the portal's "repeat visit" cap).
pub const MAX_VISITS_PER_REQUEST: usize = 30;
/// A `WasSuccessful:false` is retried this many times before a person is asked.
pub const REJECTIONS_BEFORE_ATTENTION: i64 = 3;
/// Looks that find nothing before an uncertain operation is sent again.
pub const LOOKS_BEFORE_RESEND: i64 = 3;
const OFFLINE_CAP: Duration = Duration::from_secs(30);
const TRANSIENT_CAP: Duration = Duration::from_secs(300);

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// Send one operation.
    Send(String),
    /// Send these hosts' registrations together in one array request.
    SendRegistrations(Vec<String>),
    /// Find out whether an uncertain operation was applied.
    Reconcile(String),
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Plan {
    pub actions: Vec<Action>,
    /// When the earliest operation not yet due becomes due.
    pub next_wake: Option<DateTime<Utc>>,
}

/// What to do now. Operations on one visitor go strictly in order: only the oldest open one
/// of each visitor may act, and one waiting for a person holds back the ones after it.
pub fn plan(open: &[QueuedOp], now: DateTime<Utc>) -> Plan {
    let mut seen_keys = HashSet::new();
    let mut plan = Plan::default();
    let mut batch: Vec<&QueuedOp> = Vec::new();
    let mut ordered: Vec<&QueuedOp> = open.iter().collect();
    ordered.sort_by_key(|op| op.seq);
    for op in ordered {
        if !seen_keys.insert(op.visitor_key.as_str()) {
            continue;
        }
        match op.state {
            OpState::Pending | OpState::Uncertain if op.next_attempt_at > now => {
                plan.next_wake = Some(
                    plan.next_wake
                        .map_or(op.next_attempt_at, |w| w.min(op.next_attempt_at)),
                );
            }
            OpState::Uncertain => plan.actions.push(Action::Reconcile(op.id.clone())),
            OpState::Pending
                if matches!(op.operation, Operation::Register { .. }) && !op.send_alone =>
            {
                batch.push(op)
            }
            OpState::Pending => plan.actions.push(Action::Send(op.id.clone())),
            _ => {}
        }
    }
    plan.actions.extend(registration_batches(&batch));
    plan
}

fn visits(op: &QueuedOp) -> usize {
    match &op.operation {
        Operation::Register { visits } => visits.len(),
        _ => 0,
    }
}

/// Groups registrations of the same account, in order, into requests of at most 30 visits.
fn registration_batches(ops: &[&QueuedOp]) -> Vec<Action> {
    let mut accounts: Vec<&str> = Vec::new();
    for op in ops {
        if !accounts.contains(&op.account.as_str()) {
            accounts.push(&op.account);
        }
    }
    let mut actions = Vec::new();
    for account in accounts {
        let mut current: Vec<String> = Vec::new();
        let mut size = 0;
        for op in ops.iter().filter(|op| op.account == account) {
            if !current.is_empty() && size + visits(op) > MAX_VISITS_PER_REQUEST {
                actions.push(Action::SendRegistrations(std::mem::take(&mut current)));
                size = 0;
            }
            current.push(op.id.clone());
            size += visits(op);
        }
        if !current.is_empty() {
            actions.push(Action::SendRegistrations(current));
        }
    }
    actions
}

/// What becomes of an operation after an answer that was not a success.
#[derive(Clone, Debug, PartialEq)]
pub enum Next {
    Done,
    Wait {
        state: OpState,
        at: DateTime<Utc>,
        reason: String,
    },
    Attention {
        message: String,
        fields: Vec<FieldProblem>,
    },
    /// The session ended: the whole queue waits for a sign-in; nothing is lost.
    Paused,
}

/// `now + wait`, with the wait clamped: a server's hint must never overflow the date or park
/// an operation for years.
fn later(now: DateTime<Utc>, wait: Duration) -> DateTime<Utc> {
    let wait = chrono::Duration::from_std(wait.min(crate::nexudus::error::LONGEST_WAIT))
        .unwrap_or(chrono::Duration::hours(1));
    now.checked_add_signed(wait).unwrap_or(now)
}

/// When to look (again) for an operation whose answer was lost. A server behind a gateway
/// may still be applying it: each look waits twice the request timeout after the last, so
/// "not there" is believed only when the server had every chance to finish.
pub fn next_look(now: DateTime<Utc>, timeout: Duration) -> DateTime<Utc> {
    later(now, timeout.saturating_mul(2))
}

/// An error's plan, made patient: an operation turned uncertain is first looked for no
/// sooner than [`next_look`] allows.
pub fn patient(next: Next, now: DateTime<Utc>, timeout: Duration) -> Next {
    match next {
        Next::Wait {
            state: OpState::Uncertain,
            at,
            reason,
        } => Next::Wait {
            state: OpState::Uncertain,
            at: at.max(next_look(now, timeout)),
            reason,
        },
        other => other,
    }
}

fn as_said(text: &str) -> String {
    crate::l10n::MessageKey::new("error-as-said")
        .with("text", text)
        .stored()
}

/// `attempts` counts the sends so far, including the one that just failed.
pub fn after_error(
    operation: &Operation,
    attempts: i64,
    error: &ApiError,
    now: DateTime<Utc>,
) -> Next {
    let tries = attempts.max(1) as u32 - 1;
    let wait = |state, cap, reason: &str| Next::Wait {
        state,
        at: later(now, backoff(tries, cap)),
        reason: reason.to_string(),
    };
    match error {
        ApiError::Throttled { wait: hint } => Next::Wait {
            state: OpState::Pending,
            at: later(now, hint.unwrap_or_else(|| backoff(tries, TRANSIENT_CAP))),
            reason: error.message_key().stored(),
        },
        ApiError::Offline { .. } => wait(
            OpState::Pending,
            OFFLINE_CAP,
            &crate::l10n::MessageKey::new("engine-unreachable").stored(),
        ),
        // The handshake failed: nothing was sent.
        ApiError::Untrusted { .. } => {
            wait(OpState::Pending, OFFLINE_CAP, &error.message_key().stored())
        }
        // It may have been applied: look before sending again.
        ApiError::Transient { .. } | ApiError::Uncertain { .. } => wait(
            OpState::Uncertain,
            TRANSIENT_CAP,
            &error.message_key().stored(),
        ),
        ApiError::Protocol { .. } if operation.creates() => wait(
            OpState::Uncertain,
            TRANSIENT_CAP,
            &error.message_key().stored(),
        ),
        // Nexudus's own words, kept as such: text shaped like a stored key is never read
        // as one.
        ApiError::Validation { message, fields } => Next::Attention {
            message: as_said(message),
            fields: fields.clone(),
        },
        ApiError::Rejected { message, fields } if attempts >= REJECTIONS_BEFORE_ATTENTION => {
            Next::Attention {
                message: as_said(message),
                fields: fields.clone(),
            }
        }
        ApiError::Rejected { .. } => wait(
            OpState::Pending,
            TRANSIENT_CAP,
            &error.message_key().stored(),
        ),
        ApiError::NotFound
            if matches!(
                operation,
                Operation::DeleteVisitor { .. } | Operation::CancelRegistration { .. }
            ) =>
        {
            Next::Done
        }
        ApiError::SignInRequired
        | ApiError::TwoFactorRequired
        | ApiError::InvalidCredentials(_)
        | ApiError::MustResetPassword => Next::Paused,
        other => Next::Attention {
            message: other.message_key().stored(),
            fields: Vec::new(),
        },
    }
}

#[cfg(test)]
#[path = "plan_tests.rs"]
mod tests;
