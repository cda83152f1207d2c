//! Tokens live only in the OS keyring: Secret Service on Linux, Keychain on macOS, Credential
//! Manager on Windows. One entry per account and server; nothing is ever written anywhere else
//! as a fallback. [`Secret`] keeps token text out of logs, errors and anything serialised.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Mutex, PoisonError};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Text that never shows itself: `Debug` and `Display` print `[redacted]`, and it has no
/// `Serialize`, so it cannot reach the UI, a log line or the database by accident.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(text: impl Into<String>) -> Self {
        Secret(text.into())
    }

    /// The secret itself, for the one place that must send it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

/// A signed-in account's tokens. `client_id` must be sent again with every refresh.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokenSet {
    pub access_token: Secret,
    pub refresh_token: Secret,
    pub expires_at: DateTime<Utc>,
    pub client_id: String,
}

/// Whose tokens: an account on a server (host and port).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct AccountKey {
    pub server: String,
    pub email: String,
}

impl AccountKey {
    pub fn new(server: &url::Url, email: &str) -> Self {
        let host = server.host_str().unwrap_or_default();
        let server = match server.port() {
            Some(port) => format!("{host}:{port}"),
            None => host.to_string(),
        };
        AccountKey {
            server,
            email: email.trim().to_lowercase(),
        }
    }

    /// The keyring entry's user name.
    pub fn entry_name(&self) -> String {
        format!("{} on {}", self.email, self.server)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SecretError {
    #[error("No keyring is available to keep your sign-in safe. {hint}")]
    Unavailable { hint: &'static str },
    #[error("The keyring is locked. Unlock it (your desktop's Passwords and Keys, or log out and in again), then sign in.")]
    Locked,
    #[error("The saved sign-in could not be read. Sign in again.")]
    Unreadable,
    #[error("The keyring refused to keep the sign-in: {0}")]
    Refused(String),
}

#[cfg(target_os = "linux")]
const NO_KEYRING_HINT: &str = "Install and unlock a Secret Service keyring such as GNOME Keyring (apt install gnome-keyring) or KWallet, then sign in again.";
#[cfg(target_os = "macos")]
const NO_KEYRING_HINT: &str = "Allow Front Desk to use your login Keychain, then sign in again.";
#[cfg(not(any(target_os = "linux", target_os = "macos")))]
const NO_KEYRING_HINT: &str =
    "Make sure Windows Credential Manager is running, then sign in again.";

pub trait SecretStore: Send + Sync {
    fn load(&self, account: &AccountKey) -> Result<Option<TokenSet>, SecretError>;
    fn save(&self, account: &AccountKey, tokens: &TokenSet) -> Result<(), SecretError>;
    fn delete(&self, account: &AccountKey) -> Result<(), SecretError>;
}

/// The stored form, private to this module: only the keyring ever sees it.
#[derive(Serialize, Deserialize)]
struct Stored {
    access_token: String,
    refresh_token: String,
    expires_at: DateTime<Utc>,
    client_id: String,
}

pub const KEYRING_SERVICE: &str = "app.frontdesk.reception";

/// The operating system's keyring.
pub struct KeyringStore {
    service: String,
}

impl Default for KeyringStore {
    fn default() -> Self {
        KeyringStore {
            service: KEYRING_SERVICE.to_string(),
        }
    }
}

impl KeyringStore {
    /// A store under another service name, so tests never touch a real user's entries.
    pub fn with_service(service: impl Into<String>) -> Self {
        KeyringStore {
            service: service.into(),
        }
    }

    fn entry(&self, account: &AccountKey) -> Result<keyring::Entry, SecretError> {
        keyring::Entry::new(&self.service, &account.entry_name()).map_err(map_keyring_error)
    }
}

fn map_keyring_error(error: keyring::Error) -> SecretError {
    // No D-Bus at all, or a bus with no Secret Service on it: there is nothing to unlock, so
    // say what to install. The keyring crate reports the second as "no storage access".
    let nothing_there = |text: &str| {
        [
            "not provided by any .service files",
            "ServiceUnknown",
            "autolaunch",
            "No such file",
            "Connection refused",
        ]
        .iter()
        .any(|needle| text.contains(needle))
    };
    match error {
        keyring::Error::NoStorageAccess(cause) | keyring::Error::PlatformFailure(cause)
            if nothing_there(&cause.to_string()) =>
        {
            SecretError::Unavailable {
                hint: NO_KEYRING_HINT,
            }
        }
        keyring::Error::NoStorageAccess(_) => SecretError::Locked,
        keyring::Error::PlatformFailure(cause) => SecretError::Refused(cause.to_string()),
        keyring::Error::BadEncoding(_) => SecretError::Unreadable,
        other => SecretError::Refused(other.to_string()),
    }
}

impl SecretStore for KeyringStore {
    fn load(&self, account: &AccountKey) -> Result<Option<TokenSet>, SecretError> {
        let text = match self.entry(account)?.get_password() {
            Ok(text) => text,
            Err(keyring::Error::NoEntry) => return Ok(None),
            Err(error) => return Err(map_keyring_error(error)),
        };
        let stored: Stored = serde_json::from_str(&text).map_err(|_| SecretError::Unreadable)?;
        Ok(Some(TokenSet {
            access_token: Secret::new(stored.access_token),
            refresh_token: Secret::new(stored.refresh_token),
            expires_at: stored.expires_at,
            client_id: stored.client_id,
        }))
    }

    fn save(&self, account: &AccountKey, tokens: &TokenSet) -> Result<(), SecretError> {
        let stored = Stored {
            access_token: tokens.access_token.expose().to_string(),
            refresh_token: tokens.refresh_token.expose().to_string(),
            expires_at: tokens.expires_at,
            client_id: tokens.client_id.clone(),
        };
        let text =
            serde_json::to_string(&stored).map_err(|e| SecretError::Refused(e.to_string()))?;
        self.entry(account)?
            .set_password(&text)
            .map_err(map_keyring_error)
    }

    fn delete(&self, account: &AccountKey) -> Result<(), SecretError> {
        match self.entry(account)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(error) => Err(map_keyring_error(error)),
        }
    }
}

/// An in-process store for tests of code above the keyring (the keyring itself is tested
/// against a real Secret Service).
#[derive(Default)]
pub struct MemoryStore {
    entries: Mutex<HashMap<AccountKey, TokenSet>>,
}

impl SecretStore for MemoryStore {
    fn load(&self, account: &AccountKey) -> Result<Option<TokenSet>, SecretError> {
        Ok(self
            .entries
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(account)
            .cloned())
    }

    fn save(&self, account: &AccountKey, tokens: &TokenSet) -> Result<(), SecretError> {
        self.entries
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(account.clone(), tokens.clone());
        Ok(())
    }

    fn delete(&self, account: &AccountKey) -> Result<(), SecretError> {
        self.entries
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(account);
        Ok(())
    }
}

impl crate::l10n::Localize for SecretError {
    fn localize(&self, words: &crate::l10n::Messages) -> String {
        use crate::l10n::Arg;
        match self {
            SecretError::Unavailable { .. } => words.text(
                "error-keyring-unavailable",
                &[("os", Arg::from(std::env::consts::OS))],
            ),
            SecretError::Locked => words.text("error-keyring-locked", &[]),
            SecretError::Unreadable => words.text("error-keyring-unreadable", &[]),
            SecretError::Refused(detail) => {
                words.text("error-keyring-refused", &[("detail", Arg::from(detail))])
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_never_print_themselves() {
        let tokens = TokenSet {
            access_token: Secret::new("at-123"),
            refresh_token: Secret::new("rt-456"),
            expires_at: Utc::now(),
            client_id: "desk".into(),
        };
        let shown = format!("{tokens:?} {}", tokens.access_token);
        assert!(
            !shown.contains("at-123") && !shown.contains("rt-456"),
            "{shown}"
        );
        assert!(shown.contains("[redacted]"));
    }

    #[test]
    fn account_keys_name_the_server_with_its_port() {
        let url = url::Url::parse("http://127.0.0.1:4010/").expect("url");
        let key = AccountKey::new(&url, " Reception@FrontDesk.test ");
        assert_eq!(
            key.entry_name(),
            "reception@frontdesk.test on 127.0.0.1:4010"
        );
        let real = url::Url::parse("https://spaces.nexudus.com/").expect("url");
        assert_eq!(AccountKey::new(&real, "a@b.c").server, "spaces.nexudus.com");
    }
}
