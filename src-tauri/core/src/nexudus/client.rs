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
use tokens::{blocking, token_request, token_set, token_timeout, Grant};
use transport::{build_http, capped_body, transport_error};

mod tokens;
mod transport;

use crate::secrets::{AccountKey, Secret, SecretError, SecretStore, TokenSet};
pub use transport::LARGEST_ANSWER;

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
            token_timeout(config.timeout),
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
