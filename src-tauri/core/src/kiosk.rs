//! Kiosk mode: a desk PC visitors can touch. What would let one of them take the desk over
//! (sign it out and sign it in elsewhere, or leave kiosk mode) needs the signed-in account's
//! password; the server address is not offered at all (see `Accounts::sign_in`).

use crate::account::{AccountError, Accounts};
use crate::preferences::Preferences;
use crate::secrets::Secret;
use crate::store::Store;

/// What a person at a kiosk gives to prove they may act for the signed-in account.
pub struct Proof {
    pub password: Secret,
    /// The authenticator code, for an account with two-factor sign-in.
    pub code: Option<String>,
}

impl Proof {
    pub fn new(password: Option<String>, code: Option<String>) -> Option<Proof> {
        password.map(|password| Proof {
            password: Secret::new(password),
            code,
        })
    }
}

async fn in_kiosk_mode(store: &Store) -> Result<bool, AccountError> {
    Ok(Preferences::load(store).await?.kiosk)
}

/// Nothing to check outside kiosk mode; in it, the signed-in account's password.
pub async fn guard(
    accounts: &Accounts,
    store: &Store,
    proof: Option<&Proof>,
) -> Result<(), AccountError> {
    if !in_kiosk_mode(store).await? {
        return Ok(());
    }
    match proof {
        Some(proof) => {
            accounts
                .confirm_password(&proof.password, proof.code.as_deref())
                .await
        }
        None => accounts.confirm_password(&Secret::new(""), None).await,
    }
}

/// Checks a change of Settings: at a kiosk, any change (leaving kiosk mode, how long data is
/// kept, notifications) needs the account's password.
pub async fn check_change(
    accounts: &Accounts,
    store: &Store,
    next: &Preferences,
    proof: Option<&Proof>,
) -> Result<(), AccountError> {
    let current = Preferences::load(store).await?;
    if !current.kiosk || *next == current {
        return Ok(());
    }
    guard(accounts, store, proof).await
}
