//! The Nexudus HTTP client: signs in, keeps the session's tokens (in memory and in the
//! keyring), paces every request, refreshes once on a 401, and turns answers into typed
//! outcomes. Visitor operations live in `visitors.rs`.

use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use chrono::Utc;
use reqwest::{Method, StatusCode};
use serde::Deserialize;
use serde_json::Value;
use tokio::sync::Mutex;
use url::Url;

use super::backoff::backoff;
use super::error::{classify, Answer};
use super::pacing::{pacer_for, PaceLimits, Pacer, RequestKind};
use super::{ApiError, Endpoints};
use crate::secrets::{AccountKey, Secret, SecretError, SecretStore, TokenSet};

/// Which API family a call goes to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    Admin,
    Public,
}

#[derive(Clone, Debug)]
pub struct ClientConfig {
    pub endpoints: Endpoints,
    pub limits: PaceLimits,
    /// Time allowed for one request, from connect to the last byte.
    pub timeout: Duration,
    /// A throttle wait up to this long is waited out inside the call; a longer one is
    /// returned to the caller (the sync engine schedules it).
    pub max_inline_wait: Duration,
    /// Retries of a throttled request (never applied, so safe for writes too).
    pub throttle_retries: u32,
    /// Retries of a read that failed for a passing reason.
    pub read_retries: u32,
    /// Where the lock that every process refreshing this account's tokens takes lives: the
    /// data folder, the one place the app and a cron job surely share.
    pub lock_dir: Option<std::path::PathBuf>,
    /// Rung when Nexudus refuses this session's refresh (signed out elsewhere, a changed
    /// password): the session ended without anyone here signing out, and the window must say so.
    pub session_lost: Option<std::sync::Arc<tokio::sync::Notify>>,
}

impl ClientConfig {
    pub fn new(endpoints: Endpoints) -> Self {
        ClientConfig {
            endpoints,
            limits: PaceLimits::default(),
            timeout: Duration::from_secs(20),
            max_inline_wait: Duration::from_secs(10),
            throttle_retries: 3,
            read_retries: 2,
            lock_dir: None,
            session_lost: None,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SignInError {
    #[error(transparent)]
    Api(#[from] ApiError),
    #[error(transparent)]
    Keyring(#[from] SecretError),
}

struct Inner {
    http: reqwest::Client,
    config: ClientConfig,
    account: AccountKey,
    pacer: Arc<Pacer>,
    store: Arc<dyn SecretStore>,
    /// The session's tokens. Holding this lock across a refresh is what makes a burst of
    /// expired requests cause exactly one refresh: the single-use refresh token is never sent
    /// twice.
    tokens: Mutex<Option<TokenSet>>,
    /// Where the token endpoint lives for this account (admin host, or the member's space).
    token_base: Url,
    /// Nexudus's time, from its answers' `Date` headers.
    clock: super::clock::ServerClock,
}

/// A signed-in client. Cheap to clone; clones share the session.
#[derive(Clone)]
pub struct NexudusClient {
    inner: Arc<Inner>,
}

#[derive(Deserialize)]
struct TokenAnswer {
    access_token: String,
    refresh_token: String,
    /// A number on Nexudus, text on some servers; unreadable means "assume an hour".
    #[serde(default, deserialize_with = "super::lenient::int")]
    expires_in: Option<i64>,
}

#[derive(Deserialize)]
struct TokenErrorAnswer {
    error: String,
    #[serde(default, deserialize_with = "super::lenient::text")]
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

enum Grant<'a> {
    Password {
        email: &'a str,
        password: &'a Secret,
        totp: Option<&'a str>,
    },
    Refresh(&'a Secret),
}

fn build_http(config: &ClientConfig) -> Result<reqwest::Client, ApiError> {
    reqwest::Client::builder()
        .timeout(config.timeout)
        .connect_timeout(config.timeout.min(Duration::from_secs(10)))
        .user_agent(concat!("FrontDesk/", env!("CARGO_PKG_VERSION")))
        .redirect(reqwest::redirect::Policy::none())
        .https_only(false)
        .build()
        .map_err(|e| ApiError::Protocol {
            detail: e.to_string(),
        })
}

/// The error and its causes, as one line (reqwest's own message hides the TLS reason).
fn error_chain(error: &(dyn std::error::Error + 'static)) -> String {
    let mut parts = vec![error.to_string()];
    let mut source = error.source();
    while let Some(cause) = source {
        parts.push(cause.to_string());
        source = cause.source();
    }
    parts.join(": ")
}

/// Whether TLS refused the connection: a rustls error anywhere in the chain (an I/O error
/// carries it inside, where `source()` does not reach).
fn is_tls_failure(error: &(dyn std::error::Error + 'static)) -> bool {
    let mut current = Some(error);
    while let Some(cause) = current {
        if cause.downcast_ref::<rustls::Error>().is_some() {
            return true;
        }
        if let Some(inner) = cause
            .downcast_ref::<std::io::Error>()
            .and_then(std::io::Error::get_ref)
        {
            if is_tls_failure(inner) {
                return true;
            }
        }
        current = cause.source();
    }
    false
}

/// Nexudus answers are small; a bigger one is a broken proxy or server, not data to keep.
pub const LARGEST_ANSWER: usize = 16 * 1024 * 1024;

/// Reads an answer's body up to [`LARGEST_ANSWER`].
async fn capped_body(
    mut response: reqwest::Response,
    kind: RequestKind,
) -> Result<Bytes, ApiError> {
    let too_large = || ApiError::Protocol {
        detail: format!(
            "the answer is larger than {} MB",
            LARGEST_ANSWER / (1024 * 1024)
        ),
    };
    if response
        .content_length()
        .is_some_and(|length| length > LARGEST_ANSWER as u64)
    {
        return Err(too_large());
    }
    let mut body = bytes::BytesMut::new();
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) => {
                if body.len() + chunk.len() > LARGEST_ANSWER {
                    return Err(too_large());
                }
                body.extend_from_slice(&chunk);
            }
            Ok(None) => return Ok(body.freeze()),
            Err(error) => return Err(transport_error(&error, kind)),
        }
    }
}

/// The transport failed. A request that never connected was not sent; a write that failed
/// later may have been applied.
fn transport_error(error: &reqwest::Error, kind: RequestKind) -> ApiError {
    let detail = error_chain(error);
    if is_tls_failure(error) {
        tracing::warn!(%detail, "the TLS connection to Nexudus was refused");
        return ApiError::Untrusted { detail };
    }
    if error.is_connect() || error.is_builder() {
        ApiError::Offline { detail }
    } else if kind == RequestKind::Write {
        ApiError::Uncertain { detail }
    } else {
        ApiError::Transient {
            status: None,
            detail,
        }
    }
}

async fn token_request(
    http: &reqwest::Client,
    base: &Url,
    grant: Grant<'_>,
    client_id: Option<&str>,
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
    let mut request = http.post(url).form(&form).timeout(TOKEN_REQUEST_TIMEOUT);
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
                        .unwrap_or_else(|| "The email or password is incorrect.".into()),
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

fn token_set(answer: TokenAnswer, client_id: String) -> TokenSet {
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
async fn blocking<T: Send + 'static>(
    job: impl FnOnce() -> Result<T, SecretError> + Send + 'static,
) -> Result<T, SecretError> {
    tokio::task::spawn_blocking(job)
        .await
        .map_err(|e| SecretError::Refused(e.to_string()))?
}

/// One attempt's result: a 401 is kept apart because it may mean "refresh and try again".
enum Attempt {
    Done(Result<Bytes, ApiError>),
    Unauthorized,
}

/// What one call asks for.
pub(crate) struct Call<'a> {
    pub family: Family,
    pub method: Method,
    pub path: &'a str,
    pub query: Vec<(String, String)>,
    pub body: Option<Value>,
    /// Whether a 401 means "token expired" (refresh and retry) rather than a probe's "no".
    pub refresh_on_401: bool,
    /// Whether a throttled call is waited out and sent again as it was. Off for a write
    /// built from a read: after the wait the record is read again, not the old body re-sent.
    pub retry_throttled: bool,
    /// A write whose place in the write budget was taken before its read
    /// ([`Pacer::reserve_write`]).
    pub write_reserved: bool,
}

impl<'a> Call<'a> {
    pub fn get(family: Family, path: &'a str) -> Self {
        Call {
            family,
            method: Method::GET,
            path,
            query: Vec::new(),
            body: None,
            refresh_on_401: true,
            retry_throttled: true,
            write_reserved: false,
        }
    }

    pub fn with_body(family: Family, method: Method, path: &'a str, body: Value) -> Self {
        Call {
            family,
            method,
            path,
            query: Vec::new(),
            body: Some(body),
            refresh_on_401: true,
            retry_throttled: true,
            write_reserved: false,
        }
    }

    pub fn query(mut self, key: &str, value: impl ToString) -> Self {
        self.query.push((key.to_string(), value.to_string()));
        self
    }

    fn kind(&self) -> RequestKind {
        if self.method == Method::GET {
            RequestKind::Read
        } else {
            RequestKind::Write
        }
    }
}

impl NexudusClient {
    /// Signs in with email and password (and the 2FA code when asked), stores the tokens in
    /// the keyring, and answers a client for the account. Members sign in at their space's
    /// address (`endpoints.public`); reception at the admin host.
    pub async fn sign_in(
        config: ClientConfig,
        store: Arc<dyn SecretStore>,
        email: &str,
        password: &Secret,
        totp: Option<&str>,
        as_member: bool,
    ) -> Result<Self, SignInError> {
        let token_base = Self::token_base(&config, as_member)?;
        let http = build_http(&config)?;
        let account = AccountKey::new(&token_base, email);
        let pacer = pacer_for(
            &format!("{}|{}", account.server, account.email),
            config.limits,
        );
        pacer.ready(RequestKind::Read, as_member).await;
        let answer = token_request(
            &http,
            &token_base,
            Grant::Password {
                email: email.trim(),
                password,
                totp: totp.map(str::trim).filter(|t| !t.is_empty()),
            },
            None,
        )
        .await?;
        // Without a client_id header at sign-in, Nexudus uses the account email.
        let tokens = token_set(answer, email.trim().to_string());
        let (saving_store, saving_account, saving_tokens) =
            (store.clone(), account.clone(), tokens.clone());
        blocking(move || saving_store.save(&saving_account, &saving_tokens)).await?;
        Ok(Self::assemble(
            config, store, account, tokens, token_base, http, pacer,
        ))
    }

    /// A client for an account whose tokens are in the keyring, if they are.
    pub async fn restore(
        config: ClientConfig,
        store: Arc<dyn SecretStore>,
        email: &str,
        as_member: bool,
    ) -> Result<Option<Self>, SignInError> {
        let token_base = Self::token_base(&config, as_member)?;
        let account = AccountKey::new(&token_base, email);
        let (loading_store, loading_account) = (store.clone(), account.clone());
        let Some(tokens) = blocking(move || loading_store.load(&loading_account)).await? else {
            return Ok(None);
        };
        let http = build_http(&config)?;
        let pacer = pacer_for(
            &format!("{}|{}", account.server, account.email),
            config.limits,
        );
        Ok(Some(Self::assemble(
            config, store, account, tokens, token_base, http, pacer,
        )))
    }

    fn token_base(config: &ClientConfig, as_member: bool) -> Result<Url, ApiError> {
        if as_member {
            config.endpoints.public.clone().ok_or(ApiError::Protocol {
                detail: "a member signs in at the space's web address; none was given".into(),
            })
        } else {
            Ok(config.endpoints.admin.clone())
        }
    }

    fn assemble(
        config: ClientConfig,
        store: Arc<dyn SecretStore>,
        account: AccountKey,
        tokens: TokenSet,
        token_base: Url,
        http: reqwest::Client,
        pacer: Arc<Pacer>,
    ) -> Self {
        NexudusClient {
            inner: Arc::new(Inner {
                http,
                config,
                account,
                pacer,
                store,
                tokens: Mutex::new(Some(tokens)),
                token_base,
                clock: super::clock::ServerClock::default(),
            }),
        }
    }

    pub fn account(&self) -> &AccountKey {
        &self.inner.account
    }

    pub fn endpoints(&self) -> &Endpoints {
        &self.inner.config.endpoints
    }

    pub fn config(&self) -> &ClientConfig {
        &self.inner.config
    }

    pub(crate) fn pacer(&self) -> &Pacer {
        &self.inner.pacer
    }

    /// Nexudus's clock, as learnt from its answers.
    pub fn server_clock(&self) -> &super::clock::ServerClock {
        &self.inner.clock
    }

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
        match token_request(&self.inner.http, &self.inner.token_base, grant, None).await {
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
    async fn access_token(&self) -> Result<Secret, ApiError> {
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
    async fn refresh_replacing(&self, stale: &Secret) -> Result<Secret, ApiError> {
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
    async fn token_lock(&self) -> Option<crate::store::lock::FolderLock> {
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
        match crate::store::lock::FolderLock::take_within(&path, Duration::from_secs(30)).await {
            Ok(Some(lock)) => Some(lock),
            Ok(None) => {
                tracing::warn!("another process held the refresh lock for 30 s; refreshing anyway");
                None
            }
            Err(error) => {
                tracing::warn!(%error, "could not take the refresh lock; refreshing anyway");
                None
            }
        }
    }

    fn base(&self, family: Family) -> Result<&Url, ApiError> {
        match family {
            Family::Admin => Ok(&self.inner.config.endpoints.admin),
            Family::Public => {
                self.inner
                    .config
                    .endpoints
                    .public
                    .as_ref()
                    .ok_or(ApiError::Protocol {
                        detail: "no space web address is set for the member API".into(),
                    })
            }
        }
    }

    async fn attempt(&self, call: &Call<'_>, token: &Secret) -> Attempt {
        let kind = call.kind();
        let url = match self.base(call.family).and_then(|base| {
            base.join(call.path.trim_start_matches('/'))
                .map_err(|e| ApiError::Protocol {
                    detail: e.to_string(),
                })
        }) {
            Ok(url) => url,
            Err(error) => return Attempt::Done(Err(error)),
        };
        let public_api = call.family == Family::Public;
        if call.write_reserved {
            self.inner.pacer.ready_reserved_write(public_api).await;
        } else {
            self.inner.pacer.ready(kind, public_api).await;
        }
        let mut request = self
            .inner
            .http
            .request(call.method.clone(), url)
            .bearer_auth(token.expose())
            .header(reqwest::header::ACCEPT, "application/json");
        if !call.query.is_empty() {
            request = request.query(&call.query);
        }
        if let Some(body) = &call.body {
            request = request.json(body);
        }
        let sent = Utc::now();
        let response = match request.send().await {
            Ok(response) => response,
            Err(error) => return Attempt::Done(Err(transport_error(&error, kind))),
        };
        if let Some(date) = response
            .headers()
            .get(reqwest::header::DATE)
            .and_then(|v| v.to_str().ok())
        {
            self.inner.clock.observe(date, sent, Utc::now());
        }
        let status = response.status();
        if status == StatusCode::UNAUTHORIZED {
            return Attempt::Unauthorized;
        }
        let retry_after = response
            .headers()
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let body = match capped_body(response, kind).await {
            Ok(body) => body,
            Err(error) => return Attempt::Done(Err(error)),
        };
        // A 200 that is not JSON (a captive portal's login page, a proxy's error page) is not
        // Nexudus: a write it answered may or may not have arrived.
        let blank = body.iter().all(u8::is_ascii_whitespace);
        if status.is_success()
            && !blank
            && serde_json::from_slice::<serde::de::IgnoredAny>(&body).is_err()
        {
            let detail = format!("HTTP {status} with an answer that is not JSON");
            return Attempt::Done(Err(if kind == RequestKind::Write {
                ApiError::Uncertain { detail }
            } else {
                ApiError::Transient {
                    status: Some(status.as_u16()),
                    detail,
                }
            }));
        }
        let outcome = classify(
            &Answer {
                status: status.as_u16(),
                retry_after: retry_after.as_deref(),
                body: &body,
            },
            Utc::now(),
        );
        Attempt::Done(outcome.map(|()| body))
    }

    /// Sends a call with every rule applied: pacing, one refresh on 401, throttle waits the
    /// server asked for (a throttled request was not applied, so this is safe for writes),
    /// and a few retries of reads that failed for a passing reason. Writes that may have been
    /// applied are never resent here.
    pub(crate) async fn send(&self, call: Call<'_>) -> Result<Bytes, ApiError> {
        let config = &self.inner.config;
        // Two tries: the first may only adopt tokens another process saved, which the server
        // may already have expired too; the second then refreshes for real.
        let mut refreshes = 0;
        let mut throttled = 0;
        let mut read_failures = 0;
        loop {
            let token = self.access_token().await?;
            let error = match self.attempt(&call, &token).await {
                Attempt::Done(Ok(body)) => return Ok(body),
                Attempt::Unauthorized if call.refresh_on_401 && refreshes < 2 => {
                    refreshes += 1;
                    self.refresh_replacing(&token).await?;
                    continue;
                }
                Attempt::Unauthorized => return Err(ApiError::Forbidden),
                Attempt::Done(Err(error)) => error,
            };
            match error {
                ApiError::Throttled { wait }
                    if call.retry_throttled && throttled < config.throttle_retries =>
                {
                    let wait = wait.unwrap_or_else(|| backoff(throttled, config.max_inline_wait));
                    if wait > config.max_inline_wait {
                        return Err(ApiError::Throttled { wait: Some(wait) });
                    }
                    throttled += 1;
                    tracing::debug!(?wait, path = call.path, "throttled; waiting as asked");
                    tokio::time::sleep(wait).await;
                }
                ApiError::Transient { .. } | ApiError::Offline { .. }
                    if call.kind() == RequestKind::Read && read_failures < config.read_retries =>
                {
                    tokio::time::sleep(backoff(read_failures, Duration::from_secs(5))).await;
                    read_failures += 1;
                }
                error => return Err(error),
            }
        }
    }

    /// Sends a call and reads the answer as JSON of type `T`.
    pub(crate) async fn send_json<T: for<'de> Deserialize<'de>>(
        &self,
        call: Call<'_>,
    ) -> Result<T, ApiError> {
        let path = call.path.to_string();
        let body = self.send(call).await?;
        serde_json::from_slice(&body).map_err(|e| ApiError::Protocol {
            detail: format!("{path}: {e}"),
        })
    }

    /// Whether a probe call succeeds with this account: `false` for a 401/403 (no such role
    /// or family), an error for anything else. Never refreshes.
    pub(crate) async fn probe(&self, mut call: Call<'_>) -> Result<bool, ApiError> {
        call.refresh_on_401 = false;
        match self.send(call).await {
            Ok(_) => Ok(true),
            Err(ApiError::Forbidden) => Ok(false),
            Err(error) => Err(error),
        }
    }
}
