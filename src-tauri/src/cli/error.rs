//! Why a command stopped, as the person (or the cron job's mail) reads it after "frontdesk: ".
//! Each cause keeps its type until it is printed, so a caller can still tell them apart.

use frontdesk_core::account::AccountError;
use frontdesk_core::l10n::{desk_words, field_sentence, Localize};
use frontdesk_core::nexudus::EndpointError;
use frontdesk_core::store::recovery::StartupProblem;
use frontdesk_core::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// The data folder or database cannot be used (the window would show its recovery screen).
    #[error("{} ({}: {})", .0.message, .0.path, .0.detail)]
    Startup(StartupProblem),
    /// This computer has no folder for Front Desk's data.
    #[error("{0}")]
    NoDataFolder(String),
    /// What was given on the command line or standard input cannot be used.
    #[error("{0}")]
    Input(String),
    #[error("{}", account_message(.0))]
    Account(#[from] AccountError),
    #[error("{}", said(.0))]
    Store(#[from] StoreError),
    #[error("{}", said(.0))]
    Server(#[from] EndpointError),
    #[error(transparent)]
    Address(#[from] url::ParseError),
    #[error("cannot write {path}: {cause}")]
    Write { path: String, cause: std::io::Error },
    #[error(transparent)]
    Output(#[from] std::io::Error),
    #[error(transparent)]
    Json(#[from] serde_json::Error),
    #[error("a check stopped unexpectedly: {0}")]
    Check(#[from] tokio::task::JoinError),
}

/// A refused field is named on the command line (the window marks the field instead).
fn account_message(error: &AccountError) -> String {
    let words = desk_words();
    match error {
        AccountError::Invalid { fields } if !fields.is_empty() => fields
            .iter()
            .map(|problem| field_sentence(problem, &words))
            .collect::<Vec<_>>()
            .join("; "),
        other => other.localize(&words),
    }
}

/// A core error in the desk's language.
fn said(error: &impl Localize) -> String {
    error.localize(&desk_words())
}

impl From<StartupProblem> for CliError {
    fn from(problem: StartupProblem) -> Self {
        CliError::Startup(problem)
    }
}
