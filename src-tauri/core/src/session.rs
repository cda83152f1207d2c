//! Signing out at a desk: in kiosk mode only with the password (see [`crate::kiosk`]), and, when
//! asked, removing this account's visitor data from the computer, which is refused while any of
//! its changes have not reached Nexudus.

use crate::account::{AccountError, Accounts, SessionStatus};
use crate::kiosk::Proof;
use crate::store::Store;

pub async fn sign_out(
    accounts: &Accounts,
    store: &Store,
    proof: Option<&Proof>,
    remove_data: bool,
) -> Result<SessionStatus, AccountError> {
    let account = accounts.account_name().await.ok();
    if let Some(account) = &account {
        crate::kiosk::guard(accounts, store, proof).await?;
        if remove_data {
            let unsent = store.unsent_for(account).await?;
            if unsent > 0 {
                return Err(AccountError::ChangesWaiting(unsent));
            }
        }
    }
    let status = accounts.sign_out().await?;
    if let (true, Some(account)) = (remove_data, account) {
        let removed = store.remove_account_data(&account).await?;
        // Signed out and removed either way; the space comes back at the next compaction.
        if let Err(error) = store.compact().await {
            tracing::warn!(%error, "could not compact after removing the account's data");
        }
        tracing::info!(
            visitors = removed.visitors,
            operations = removed.operations,
            "removed the signed-out account's visitor data"
        );
    }
    Ok(status)
}
