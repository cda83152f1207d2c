//! The session's tokens: signing in, refreshing the single-use refresh token under a lock that
//! every process sharing the keyring entry takes, and saving what was rotated before anyone
//! else may read it.

use std::time::Duration;

use chrono::Utc;
use reqwest::StatusCode;
use serde::Deserialize;
use url::Url;

use super::transport::{capped_body, transport_error};
use super::NexudusClient;
use crate::nexudus::error::{classify, Answer};
use crate::nexudus::pacing::RequestKind;
use crate::nexudus::ApiError;
use crate::secrets::{Secret, SecretError, TokenSet};

#[derive(Deserialize)]
pub(super) struct TokenAnswer {
    access_token: String,
    refresh_token: String,
    /// A number on Nexudus, text on some servers; unreadable means "assume an hour".
    #[serde(default, deserialize_with = "crate::nexudus::lenient::int")]
    expires_in: Option<i64>,
}

#[derive(Deserialize)]
struct TokenErrorAnswer {
    error: String,
    #[serde(default, deserialize_with = "crate::nexudus::lenient::text")]
    error_description: Option<String>,
}

/// Token lifetimes are trusted up to a year: a larger one (or a huge number) would overflow
/// the date arithmetic and never refresh.
const LONGEST_TOKEN_LIFE: i64 = 366 * 24 * 3600;
const ASSUMED_TOKEN_LIFE: i64 = 3600;
/// The least time a token request is given, whatever the timeout for other requests. A refresh
/// token is single-use: a refresh the server applies after we gave up on it has spent the token
/// that every process sharing the keyring entry holds, and the session is gone for all of them.
/// Waiting longer for that one small answer is far cheaper than a sign-out.
const TOKEN_REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// The time a token request is given: the configured request timeout, and never less than
/// [`TOKEN_REQUEST_TIMEOUT`].
pub(super) fn token_timeout(configured: Duration) -> Duration {
    configured.max(TOKEN_REQUEST_TIMEOUT)
}

pub(super) enum Grant<'a> {
    Password {
        email: &'a str,
        password: &'a Secret,
        totp: Option<&'a str>,
    },
    Refresh(&'a Secret),
}

pub(super) async fn token_request(
    http: &reqwest::Client,
    base: &Url,
    grant: Grant<'_>,
    client_id: Option<&str>,
    timeout: Duration,
) -> Result<TokenAnswer, ApiError> {
    let url = base.join("api/token").map_err(|e| ApiError::Protocol {
        detail: e.to_string(),
    })?;
    let form: Vec<(&str, &str)> = match &grant {
        Grant::Password {
            email,
            password,
            totp,
        } => vec![
            ("grant_type", "password"),
            ("username", email),
            ("password", password.expose()),
            ("totp", totp.unwrap_or("")),
        ],
        Grant::Refresh(token) => vec![
            ("grant_type", "refresh_token"),
            ("refresh_token", token.expose()),
        ],
    };
    let mut request = http.post(url).form(&form).timeout(timeout);
    if let Some(id) = client_id {
        request = request.header("client_id", id);
    }
    let response = request
        .send()
        .await
        .map_err(|e| transport_error(&e, RequestKind::Read))?;
    let status = response.status();
    let retry_after = response
        .headers()
        .get(reqwest::header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let body = capped_body(response, RequestKind::Read).await?;
    if status == StatusCode::OK {
        return serde_json::from_slice(&body).map_err(|e| ApiError::Protocol {
            detail: format!("token answer: {e}"),
        });
    }
    if status == StatusCode::BAD_REQUEST {
        if let Ok(refusal) = serde_json::from_slice::<TokenErrorAnswer>(&body) {
            return Err(match (refusal.error.as_str(), &grant) {
                ("two_factor_auth_check", _) => ApiError::TwoFactorRequired,
                ("must_reset_password", _) => ApiError::MustResetPassword,
                ("invalid_grant", Grant::Refresh(_)) => ApiError::SignInRequired,
                ("invalid_grant", Grant::Password { .. }) => ApiError::InvalidCredentials(
                    refusal
                        .error_description
                        .filter(|d| !d.trim().is_empty())
                        .unwrap_or_else(|| {
                            crate::nexudus::error::DEFAULT_CREDENTIALS_REFUSAL.into()
                        }),
                ),
                (other, _) => ApiError::Protocol {
                    detail: format!("sign-in refused: {other}"),
                },
            });
        }
    }
    classify(
        &Answer {
            status: status.as_u16(),
            retry_after: retry_after.as_deref(),
            body: &body,
        },
        Utc::now(),
    )?;
    Err(ApiError::Protocol {
        detail: format!("unexpected sign-in answer ({status})"),
    })
}

pub(super) fn token_set(answer: TokenAnswer, client_id: String) -> TokenSet {
    TokenSet {
        access_token: Secret::new(answer.access_token),
        refresh_token: Secret::new(answer.refresh_token),
        expires_at: Utc::now()
            + chrono::Duration::seconds(
                answer
                    .expires_in
                    .unwrap_or(ASSUMED_TOKEN_LIFE)
                    .clamp(0, LONGEST_TOKEN_LIFE),
            ),
        client_id,
    }
}

/// Keyring calls block on D-Bus (or the OS); keep them off the async workers.
pub(super) async fn blocking<T: Send + 'static>(
    job: impl FnOnce() -> Result<T, SecretError> + Send + 'static,
) -> Result<T, SecretError> {
    tokio::task::spawn_blocking(job)
        .await
        .map_err(|e| SecretError::Refused(e.to_string()))?
}

impl NexudusClient {
    /// Forgets the session here and in the keyring.
    pub async fn sign_out(&self) -> Result<(), SecretError> {
        self.inner.tokens.lock().await.take();
        let (store, account) = (self.inner.store.clone(), self.inner.account.clone());
        blocking(move || store.delete(&account)).await
    }

    fn session_ended(&self) {
        tracing::warn!("Nexudus refused to renew the session: signed out");
        if let Some(lost) = &self.inner.config.session_lost {
            lost.notify_one();
        }
    }

    /// Asks Nexudus whether `password` (and, for an account with two-factor sign-in, `code`)
    /// signs this account in, leaving the session as it is (kiosk mode guards sign-out with
    /// it). "Code needed" is an error, never a yes: the docs do not say the password was
    /// checked first.
    pub async fn confirm_password(
        &self,
        password: &Secret,
        code: Option<&str>,
    ) -> Result<bool, ApiError> {
        self.inner.pacer.ready(RequestKind::Read, false).await;
        let grant = Grant::Password {
            email: &self.inner.account.email,
            password,
            totp: code.map(str::trim).filter(|c| !c.is_empty()),
        };
        let timeout = token_timeout(self.inner.config.timeout);
        match token_request(
            &self.inner.http,
            &self.inner.token_base,
            grant,
            None,
            timeout,
        )
        .await
        {
            Ok(_) => Ok(true),
            Err(ApiError::InvalidCredentials(_)) => Ok(false),
            Err(error) => Err(error),
        }
    }

    /// Whether the client still has tokens (a refused refresh clears them).
    pub async fn is_signed_in(&self) -> bool {
        self.inner.tokens.lock().await.is_some()
    }

    /// The access token to use now; one past its expiry is refreshed first.
    pub(super) async fn access_token(&self) -> Result<Secret, ApiError> {
        let expired = {
            let tokens = self.inner.tokens.lock().await;
            let current = tokens.as_ref().ok_or(ApiError::SignInRequired)?;
            if current.expires_at > Utc::now() {
                return Ok(current.access_token.clone());
            }
            current.access_token.clone()
        };
        self.refresh_replacing(&expired).await
    }

    /// Refreshes the session unless someone else already replaced `stale`; either way answers
    /// the access token to retry with. Other processes (the CLI from cron, a second window)
    /// share the keyring entry and rotate the single-use refresh token too, so the refresh
    /// runs under a lock they take as well, starts from what the keyring holds now, and a
    /// refused refresh removes the entry only if it still holds the refused token. The rotated
    /// tokens are saved before the lock is released.
    pub(super) async fn refresh_replacing(&self, stale: &Secret) -> Result<Secret, ApiError> {
        let mut tokens = self.inner.tokens.lock().await;
        let current = tokens.as_ref().ok_or(ApiError::SignInRequired)?;
        if current.access_token != *stale {
            return Ok(current.access_token.clone());
        }
        let _shared = self.token_lock().await;
        let mut current = current.clone();
        if let Some(stored) = self.stored_tokens().await {
            // Newer than ours: another process refreshed, and its tokens are this session's
            // now. (Older ones are what a failed save left behind: never go back to those.)
            if stored.refresh_token != current.refresh_token
                && stored.expires_at > current.expires_at
            {
                let usable = stored.expires_at > Utc::now() + chrono::Duration::seconds(30);
                let access = stored.access_token.clone();
                *tokens = Some(stored.clone());
                if usable && access != *stale {
                    return Ok(access);
                }
                current = stored;
            }
        }
        let client_id = current.client_id.clone();
        self.inner.pacer.ready(RequestKind::Read, false).await;
        let answer = token_request(
            &self.inner.http,
            &self.inner.token_base,
            Grant::Refresh(&current.refresh_token),
            Some(&client_id),
            token_timeout(self.inner.config.timeout),
        )
        .await;
        match answer {
            Ok(answer) => {
                let fresh = token_set(answer, client_id);
                let (store, account, saving) = (
                    self.inner.store.clone(),
                    self.inner.account.clone(),
                    fresh.clone(),
                );
                if let Err(error) = blocking(move || store.save(&account, &saving)).await {
                    // The old refresh token is spent: keep the new one in memory rather than
                    // lose the session, and say so.
                    tracing::error!(%error, "could not save refreshed sign-in to the keyring");
                }
                let access = fresh.access_token.clone();
                *tokens = Some(fresh);
                Ok(access)
            }
            Err(ApiError::SignInRequired) => {
                match self.stored_tokens().await {
                    // Rotated by someone else while this request was out: theirs stands.
                    Some(stored)
                        if stored.refresh_token != current.refresh_token
                            && stored.expires_at > current.expires_at =>
                    {
                        let access = stored.access_token.clone();
                        *tokens = Some(stored);
                        Ok(access)
                    }
                    Some(_) => {
                        tokens.take();
                        let (store, account) =
                            (self.inner.store.clone(), self.inner.account.clone());
                        if let Err(error) = blocking(move || store.delete(&account)).await {
                            tracing::warn!(%error, "could not remove an expired sign-in from the keyring");
                        }
                        self.session_ended();
                        Err(ApiError::SignInRequired)
                    }
                    None => {
                        tokens.take();
                        self.session_ended();
                        Err(ApiError::SignInRequired)
                    }
                }
            }
            Err(other) => Err(other),
        }
    }

    /// The tokens the keyring holds now for this account (another process may have saved
    /// newer ones); `None` when there are none or the keyring cannot be read.
    async fn stored_tokens(&self) -> Option<TokenSet> {
        let (store, account) = (self.inner.store.clone(), self.inner.account.clone());
        match blocking(move || store.load(&account)).await {
            Ok(tokens) => tokens,
            Err(error) => {
                tracing::warn!(%error, "could not read the sign-in from the keyring");
                None
            }
        }
    }

    /// The lock every process on this computer takes to refresh this account's tokens, in the
    /// data folder (without one, the user's runtime folder); if it cannot be had, refreshing
    /// goes on unlocked.
    async fn token_lock(&self) -> Option<crate::lock::FolderLock> {
        let folder = self.inner.config.lock_dir.clone().unwrap_or_else(|| {
            std::env::var_os("XDG_RUNTIME_DIR")
                .map(std::path::PathBuf::from)
                .unwrap_or_else(std::env::temp_dir)
        });
        let name: String = self
            .inner
            .account
            .entry_name()
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        let path = folder.join(format!("frontdesk-refresh-{name}.lock"));
        // The holder may be waiting out its whole token request: give up on the lock only well
        // after that, or two processes would present the same single-use refresh token.
        let patience = token_timeout(self.inner.config.timeout) + Duration::from_secs(30);
        match crate::lock::FolderLock::take_within(&path, patience).await {
            Ok(Some(lock)) => Some(lock),
            Ok(None) => {
                tracing::warn!(
                    seconds = patience.as_secs(),
                    "another process held the refresh lock too long; refreshing anyway"
                );
                None
            }
            Err(error) => {
                tracing::warn!(%error, "could not take the refresh lock; refreshing anyway");
                None
            }
        }
    }
}
