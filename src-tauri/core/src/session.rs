//! Signing out at a desk: in kiosk mode only with the password (see [`crate::kiosk`]), and, when
//! asked, removing this account's visitor data from the computer. Changes that have not reached
//! Nexudus are never removed silently: removal is refused while any wait, unless they are first
//! saved to a file the person can hand to IT (the "synced or exported").

use std::path::{Path, PathBuf};

use crate::account::{AccountError, Accounts, SessionStatus};
use crate::kiosk::Proof;
use crate::store::{Store, StoreError};

/// What to do with this computer's copy of the account's visitor data at sign-out.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Removal<'a> {
    #[default]
    Keep,
    /// Remove it; refused while changes wait.
    Remove,
    /// Save waiting changes to a JSON file in this folder, then remove everything.
    ExportWaitingTo(&'a Path),
}

pub async fn sign_out(
    accounts: &Accounts,
    store: &Store,
    proof: Option<&Proof>,
    removal: Removal<'_>,
) -> Result<SessionStatus, AccountError> {
    let account = accounts.account_name().await.ok();
    let mut exported = None;
    if let Some(account) = &account {
        crate::kiosk::guard(accounts, store, proof).await?;
        let unsent = match removal {
            Removal::Keep => 0,
            _ => store.unsent_for(account).await?,
        };
        match removal {
            Removal::Remove if unsent > 0 => return Err(AccountError::ChangesWaiting(unsent)),
            Removal::ExportWaitingTo(folder) if unsent > 0 => {
                exported = Some(export_waiting(store, account, folder).await?);
            }
            _ => {}
        }
    }
    let status = accounts.sign_out().await?;
    if let (false, Some(account)) = (removal == Removal::Keep, account) {
        // Only what was exported just now may go unsent.
        let removed = store
            .remove_account_data(&account, exported.is_some())
            .await?;
        // Signed out and removed either way; the space comes back at the next compaction.
        if let Err(error) = store.compact().await {
            tracing::warn!(%error, "could not compact after removing the account's data");
        }
        tracing::info!(
            visitors = removed.visitors,
            operations = removed.operations,
            exported_to = ?exported,
            "removed the signed-out account's visitor data"
        );
    }
    Ok(status)
}

/// Writes the account's waiting changes to `waiting-changes-<time>.json` in `folder`.
async fn export_waiting(
    store: &Store,
    account: &str,
    folder: &Path,
) -> Result<PathBuf, AccountError> {
    let mut waiting = store.open_operations(Some(account)).await?;
    // The engine's notes in English, as IT reads them (kept as message keys in the queue).
    for op in &mut waiting {
        for noted in [&mut op.last_error, &mut op.outcome].into_iter().flatten() {
            *noted = crate::l10n::MessageKey::shown(noted, crate::l10n::english());
        }
    }
    let text = serde_json::to_string_pretty(&waiting).map_err(StoreError::from)?;
    let stamp = chrono::Utc::now()
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
        .replace(':', "-");
    let file = folder.join(format!("waiting-changes-{stamp}.json"));
    std::fs::create_dir_all(folder)
        .and_then(|()| std::fs::write(&file, text))
        .map_err(StoreError::from)?;
    Ok(file)
}
