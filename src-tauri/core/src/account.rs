//! Signing in and out, and which mode the app runs in. The tokens are the client's business
//! (keyring only); this module remembers only what is not secret: the email, the space's web
//! address, an overriding server address, the roles found, and the chosen mode.

use std::sync::Arc;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use tokio::sync::RwLock;

use crate::nexudus::pacing::PaceLimits;
use crate::nexudus::{
    ApiError, ClientConfig, EndpointError, Endpoints, FieldProblem, NexudusClient, Roles,
    SignInError,
};
use crate::policy::{Key, LOCKED_MESSAGE};
use crate::secrets::{Secret, SecretError, SecretStore};
use crate::store::{Store, StoreError};

const SIGN_IN_KEY: &str = "sign_in";

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    Reception,
    Host,
}

/// What is remembered about the last sign-in; never a password or token.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SignInDetails {
    pub email: String,
    pub space: Option<String>,
    pub server: Option<String>,
    pub roles: Roles,
    pub mode: Option<Mode>,
}

pub struct SignInRequest {
    pub email: String,
    pub password: Secret,
    pub totp: Option<String>,
    /// The member's space, `myspace` or `myspace.spaces.nexudus.com`; empty for reception.
    pub space: Option<String>,
    /// An overriding server address (staging, the simulator), from the sign-in form.
    pub server: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionStatus {
    pub signed_in: bool,
    pub email: Option<String>,
    pub space: Option<String>,
    pub server: String,
    pub roles: Roles,
    pub mode: Option<Mode>,
    /// Nexudus ended the session (a refused refresh, a password changed elsewhere) while the
    /// desk was in use: its work stays on screen and queued until someone signs in again.
    pub session_lost: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    #[error("Please check the highlighted fields.")]
    Invalid { fields: Vec<FieldProblem> },
    #[error(transparent)]
    Api(#[from] ApiError),
    #[error(transparent)]
    Keyring(#[from] SecretError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Endpoint(#[from] EndpointError),
    #[error("This Nexudus account can neither run reception (it needs the Visitor roles) nor host visitors (it needs a member profile at the space).")]
    NoAccess,
    #[error("You are signed out. Sign in to continue.")]
    SignedOut,
    #[error("This account cannot be used in {0:?} mode.")]
    ModeNotAllowed(Mode),
    #[error("{0} change(s) made here have not reached Nexudus yet, so nothing was removed. Sync them first (Sync → Sync now), or tick \"save waiting changes to a file first\" to keep them in a file instead (they will then not be sent).")]
    ChangesWaiting(i64),
}

impl From<SignInError> for AccountError {
    fn from(error: SignInError) -> Self {
        match error {
            SignInError::Api(error) => AccountError::Api(error),
            SignInError::Keyring(error) => AccountError::Keyring(error),
        }
    }
}

struct Current {
    client: NexudusClient,
    details: SignInDetails,
}

pub struct Accounts {
    store: Store,
    secrets: Arc<dyn SecretStore>,
    /// `FRONTDESK_NEXUDUS_URL`, which wins over any saved server address.
    env_override: Option<String>,
    limits: PaceLimits,
    /// Time allowed for one request; the default unless set.
    timeout: Option<Duration>,
    current: RwLock<Option<Current>>,
    /// Rung by the signed-in client when Nexudus ends its session.
    lost: Arc<tokio::sync::Notify>,
}

/// Names a request timeout in seconds for the app and the CLI (slow links; tests that make a
/// gateway give up quickly). Unset or unreadable: the default.
pub const TIMEOUT_ENV: &str = "FRONTDESK_REQUEST_TIMEOUT";

/// The timeout [`TIMEOUT_ENV`] asks for, within 1 s to 10 minutes.
pub fn timeout_from_env() -> Option<Duration> {
    let seconds: f64 = std::env::var(TIMEOUT_ENV).ok()?.trim().parse().ok()?;
    (seconds.is_finite() && seconds > 0.0)
        .then(|| Duration::from_secs_f64(seconds.clamp(1.0, 600.0)))
}

fn field(field: &str, message: &str) -> FieldProblem {
    FieldProblem {
        field: field.into(),
        message: message.into(),
    }
}

fn trimmed(value: Option<String>) -> Option<String> {
    value
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// Checks the form before anything is sent, in the server's wording style.
fn validate(request: &SignInRequest) -> Result<(), AccountError> {
    let mut fields = Vec::new();
    crate::input::check_email(request.email.trim(), true, &mut fields);
    if request.password.expose().is_empty() {
        fields.push(field("password", "is a required field"));
    }
    if let Some(code) = request
        .totp
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        if !code.chars().all(|c| c.is_ascii_digit()) {
            fields.push(field(
                "totp",
                "must be the digits from your authenticator app",
            ));
        }
    }
    if fields.is_empty() {
        Ok(())
    } else {
        Err(AccountError::Invalid { fields })
    }
}

/// Where processes that share this user's keyring entry meet to refresh it: a folder of the
/// user's home, the same for the desktop session and a cron job (whose environment has no
/// session variables), and for several data folders; the data folder when there is no home.
fn refresh_lock_dir(data: &std::path::Path) -> std::path::PathBuf {
    std::env::home_dir()
        .map(|home| home.join(".cache").join("frontdesk"))
        .filter(|dir| std::fs::create_dir_all(dir).is_ok())
        .unwrap_or_else(|| data.to_path_buf())
}

impl Accounts {
    pub fn new(store: Store, secrets: Arc<dyn SecretStore>, env_override: Option<String>) -> Self {
        Accounts {
            store,
            secrets,
            env_override: trimmed(env_override),
            limits: PaceLimits::default(),
            timeout: None,
            current: RwLock::new(None),
            lost: Arc::new(tokio::sync::Notify::new()),
        }
    }

    /// Pacing for every client this makes (tests against an unlimited simulator turn it off).
    pub fn with_limits(mut self, limits: PaceLimits) -> Self {
        self.limits = limits;
        self
    }

    /// The time allowed for one request (and so how patiently a lost answer is looked for).
    pub fn with_timeout(mut self, timeout: Option<Duration>) -> Self {
        self.timeout = timeout;
        self
    }

    fn client_config(
        &self,
        server: Option<&str>,
        space: Option<&str>,
    ) -> Result<ClientConfig, AccountError> {
        let override_url = self.env_override.as_deref().or(server);
        let mut config = ClientConfig::new(Endpoints::resolve(override_url, space)?);
        config.limits = self.limits;
        if let Some(timeout) = self.timeout {
            config.timeout = timeout;
        }
        config.lock_dir = Some(refresh_lock_dir(self.store.dir()));
        config.session_lost = Some(self.lost.clone());
        Ok(config)
    }

    fn status_of(&self, details: Option<&SignInDetails>, signed_in: bool) -> SessionStatus {
        self.status_with(details, signed_in, false)
    }

    fn status_with(
        &self,
        details: Option<&SignInDetails>,
        signed_in: bool,
        session_lost: bool,
    ) -> SessionStatus {
        let server = self
            .client_config(
                details.and_then(|d| d.server.as_deref()),
                details.and_then(|d| d.space.as_deref()),
            )
            .map(|c| c.endpoints.admin.to_string())
            .unwrap_or_default();
        SessionStatus {
            signed_in,
            email: details.map(|d| d.email.clone()),
            space: details.and_then(|d| d.space.clone()),
            server,
            roles: details.map(|d| d.roles).unwrap_or_default(),
            mode: details.and_then(|d| d.mode),
            session_lost,
        }
    }

    /// The session as it stands; when signed out, the last email and space for the form.
    pub async fn status(&self) -> Result<SessionStatus, AccountError> {
        if let Some(current) = self.current.read().await.as_ref() {
            let signed_in = current.client.is_signed_in().await;
            return Ok(self.status_with(Some(&current.details), signed_in, !signed_in));
        }
        let remembered: Option<SignInDetails> = self.store.setting(SIGN_IN_KEY).await?;
        Ok(self.status_of(remembered.as_ref(), false))
    }

    pub async fn sign_in(&self, request: SignInRequest) -> Result<SessionStatus, AccountError> {
        validate(&request)?;
        let space = trimmed(request.space.clone());
        let server = trimmed(request.server.clone());
        let previous: Option<SignInDetails> = self.store.setting(SIGN_IN_KEY).await?;
        // At a kiosk anyone can reach the sign-in form: the server the next password goes to
        // is IT's choice, never a field a visitor can fill in.
        let kiosk = crate::preferences::Preferences::load(&self.store)
            .await?
            .kiosk;
        // The organisation's own server is never a visitor's choice.
        let organisations = self.store.policy().policy.server.clone();
        if kiosk
            && server.is_some()
            && server != previous.as_ref().and_then(|p| p.server.clone())
            && server != organisations
        {
            return Err(AccountError::Invalid {
                fields: vec![field(
                    "server",
                    "cannot be changed in kiosk mode: leave kiosk mode in Settings first",
                )],
            });
        }
        // The organisation's server and space: a default for the form, a lock on what it sends.
        let policy = self.store.policy();
        for (key, name, sent, set) in [
            (Key::Server, "server", &server, &policy.policy.server),
            (Key::Space, "space", &space, &policy.policy.space),
        ] {
            if policy.is_locked(key) && sent.is_some() && sent != set {
                return Err(AccountError::Invalid {
                    fields: vec![field(name, LOCKED_MESSAGE)],
                });
            }
        }
        let server = server.or_else(|| policy.policy.server.clone());
        let config = self.client_config(server.as_deref(), space.as_deref())?;
        let totp = trimmed(request.totp.clone());
        let client = NexudusClient::sign_in(
            config,
            self.secrets.clone(),
            &request.email,
            &request.password,
            totp.as_deref(),
            space.is_some(),
        )
        .await?;
        let roles = client.detect_roles().await?;
        if !roles.reception && !roles.host {
            client.sign_out().await?;
            return Err(AccountError::NoAccess);
        }
        let kept_mode = previous
            .filter(|p| p.email.eq_ignore_ascii_case(request.email.trim()))
            .and_then(|p| p.mode)
            .filter(|mode| allowed(roles, *mode));
        let details = SignInDetails {
            email: request.email.trim().to_lowercase(),
            space,
            server,
            roles,
            mode: kept_mode.or(Some(if roles.reception {
                Mode::Reception
            } else {
                Mode::Host
            })),
        };
        self.store.set_setting(SIGN_IN_KEY, &details).await?;
        let status = self.status_of(Some(&details), true);
        *self.current.write().await = Some(Current { client, details });
        Ok(status)
    }

    /// Picks up the last session from the keyring at start-up. Works offline: the roles found
    /// at sign-in are remembered, so no request is needed.
    pub async fn restore(&self) -> Result<SessionStatus, AccountError> {
        let Some(details) = self.store.setting::<SignInDetails>(SIGN_IN_KEY).await? else {
            return Ok(self.status_of(None, false));
        };
        if !self.on_the_organisations_server(&details) {
            // Signed in elsewhere before IT locked the server: a new sign-in goes to theirs.
            tracing::warn!("the saved session is on another server than the policy locks");
            return Ok(self.status_of(Some(&details), false));
        }
        let config = self.client_config(details.server.as_deref(), details.space.as_deref())?;
        let restored = NexudusClient::restore(
            config,
            self.secrets.clone(),
            &details.email,
            details.space.is_some(),
        )
        .await?;
        let Some(client) = restored else {
            return Ok(self.status_of(Some(&details), false));
        };
        let status = self.status_of(Some(&details), true);
        *self.current.write().await = Some(Current { client, details });
        Ok(status)
    }

    /// Whether a saved session is on the server the policy locks (always, without a lock).
    fn on_the_organisations_server(&self, details: &SignInDetails) -> bool {
        let policy = self.store.policy();
        if !policy.is_locked(Key::Server) {
            return true;
        }
        let admin = |server: Option<&str>| Endpoints::resolve(server, None).ok().map(|e| e.admin);
        admin(details.server.as_deref()) == admin(policy.policy.server.as_deref())
    }

    /// Signs out: the keyring entry goes; the email and space stay for the next sign-in.
    pub async fn sign_out(&self) -> Result<SessionStatus, AccountError> {
        if let Some(current) = self.current.write().await.take() {
            current.client.sign_out().await?;
        }
        self.status().await
    }

    pub async fn set_mode(&self, mode: Mode) -> Result<SessionStatus, AccountError> {
        let mut guard = self.current.write().await;
        let current = guard.as_mut().ok_or(AccountError::SignedOut)?;
        if !allowed(current.details.roles, mode) {
            return Err(AccountError::ModeNotAllowed(mode));
        }
        current.details.mode = Some(mode);
        self.store
            .set_setting(SIGN_IN_KEY, &current.details)
            .await?;
        // A session Nexudus ended stays ended: the window keeps saying so.
        let signed_in = current.client.is_signed_in().await;
        Ok(self.status_with(Some(&current.details), signed_in, !signed_in))
    }

    /// Checks the signed-in account's password with Nexudus (kiosk mode asks for it before
    /// anything that would let a visitor take over the desk).
    pub async fn confirm_password(
        &self,
        password: &Secret,
        code: Option<&str>,
    ) -> Result<(), AccountError> {
        let client = match self.current.read().await.as_ref() {
            Some(current) => current.client.clone(),
            None => return Err(AccountError::SignedOut),
        };
        if password.expose().is_empty() {
            return Err(AccountError::Invalid {
                fields: vec![field("password", "is a required field")],
            });
        }
        let answer = match client.confirm_password(password, code).await {
            Err(crate::nexudus::ApiError::TwoFactorRequired) => {
                return Err(AccountError::Invalid {
                    fields: vec![field(
                        "totp",
                        "is needed too: enter the code from your authenticator app",
                    )],
                })
            }
            other => other?,
        };
        if answer {
            Ok(())
        } else {
            Err(AccountError::Invalid {
                fields: vec![field("password", "is not this account's password")],
            })
        }
    }

    /// Waits until Nexudus ends the session in use (not a sign-out here).
    pub async fn session_lost(&self) {
        self.lost.notified().await;
    }

    /// The account whose queue and cache the desk works on: the signed-in one, or the one whose
    /// session Nexudus ended (what is done meanwhile is queued for it, and sent after the next
    /// sign-in). Works offline.
    pub async fn account_name(&self) -> Result<String, AccountError> {
        match self.current.read().await.as_ref() {
            Some(current) => Ok(current.client.account().entry_name()),
            None => Err(AccountError::SignedOut),
        }
    }

    /// The signed-in client, for the use cases.
    pub async fn client(&self) -> Result<NexudusClient, AccountError> {
        match self.current.read().await.as_ref() {
            Some(current) if current.client.is_signed_in().await => Ok(current.client.clone()),
            _ => Err(AccountError::SignedOut),
        }
    }
}

fn allowed(roles: Roles, mode: Mode) -> bool {
    match mode {
        Mode::Reception => roles.reception,
        Mode::Host => roles.host,
    }
}

impl crate::l10n::Localize for AccountError {
    fn localize(&self, words: &crate::l10n::Messages) -> String {
        use crate::l10n::Arg;
        match self {
            AccountError::Invalid { .. } => words.text("error-check-fields", &[]),
            AccountError::Api(error) => error.localize(words),
            AccountError::Keyring(error) => error.localize(words),
            AccountError::Store(error) => error.localize(words),
            AccountError::Endpoint(error) => error.localize(words),
            AccountError::NoAccess => words.text("error-no-access", &[]),
            AccountError::SignedOut => words.text("error-signed-out", &[]),
            AccountError::ModeNotAllowed(mode) => {
                let mode = match mode {
                    Mode::Reception => "reception",
                    Mode::Host => "host",
                };
                words.text("error-mode-not-allowed", &[("mode", Arg::from(mode))])
            }
            AccountError::ChangesWaiting(count) => {
                words.text("error-changes-waiting", &[("count", Arg::from(*count))])
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(email: &str, password: &str, totp: Option<&str>) -> SignInRequest {
        SignInRequest {
            email: email.into(),
            password: Secret::new(password),
            totp: totp.map(str::to_string),
            space: None,
            server: None,
        }
    }

    fn fields(result: Result<(), AccountError>) -> Vec<String> {
        match result {
            Err(AccountError::Invalid { fields }) => fields
                .into_iter()
                .map(|f| format!("{}: {}", f.field, f.message))
                .collect(),
            _ => Vec::new(),
        }
    }

    #[test]
    fn the_form_is_checked_before_anything_is_sent() {
        assert_eq!(
            fields(validate(&request("", "", None))),
            [
                "email: is a required field",
                "password: is a required field"
            ]
        );
        assert_eq!(
            fields(validate(&request("ana", "x", None))),
            ["email: is not a valid email address"]
        );
        assert_eq!(
            fields(validate(&request("a@b.c", "x", Some("12ab")))),
            ["totp: must be the digits from your authenticator app"]
        );
        assert!(validate(&request("a@b.c", "x", Some(" 123456 "))).is_ok());
    }
}
