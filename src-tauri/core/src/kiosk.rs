//! Kiosk mode: a desk PC visitors can touch. What would let one of them take the desk over
//! (sign it out and sign it in elsewhere, or leave kiosk mode) needs the signed-in account's
//! password; the server address is not offered at all (see `Accounts::sign_in`).

use crate::account::{AccountError, Accounts};
use crate::preferences::Preferences;
use crate::secrets::Secret;
use crate::store::Store;

async fn in_kiosk_mode(store: &Store) -> Result<bool, AccountError> {
    Ok(Preferences::load(store).await?.kiosk)
}

/// Nothing to check outside kiosk mode; in it, the signed-in account's password.
pub async fn guard(
    accounts: &Accounts,
    store: &Store,
    password: Option<&Secret>,
) -> Result<(), AccountError> {
    if !in_kiosk_mode(store).await? {
        return Ok(());
    }
    let empty = Secret::new("");
    accounts.confirm_password(password.unwrap_or(&empty)).await
}

/// Checks a change of Settings: leaving kiosk mode needs the account's password.
pub async fn check_change(
    accounts: &Accounts,
    store: &Store,
    next: &Preferences,
    password: Option<&Secret>,
) -> Result<(), AccountError> {
    if next.kiosk {
        return Ok(());
    }
    guard(accounts, store, password).await
}
