//! Signed updates (Tauri's updater): a look once the first screen is painted and then daily,
//! the download in the background, and the install when the desk is idle with nothing waiting
//! to be sent, or when a person clicks "Restart to update". The rules (feed, channel, when)
//! are the core's `updates` module; this is the part that needs the app.
//!
//! Waiting changes live in the data folder's SQLite queue, which an install does not touch:
//! the new version starts with them and sends them. The restart waits for this process's
//! delivery in progress (up to half a minute), so no request is cut off half-way.

use std::sync::Arc;
use std::time::Duration;

use frontdesk_core::updates::{self, UpdatePlan, UpdateStatus};
use tauri::{AppHandle, Manager};
use tauri_plugin_updater::{Update, UpdaterExt};
use tokio::sync::{mpsc, watch, Mutex};
use tokio::time::Instant;

use crate::error::UiError;
use crate::events::{emit, WindowEvent};
use crate::state::AppState;

/// How long the restart waits for a delivery in progress to finish.
const DRAIN_PATIENCE: Duration = Duration::from_secs(30);
/// A look that failed (no network yet, the feed down) is tried again after 5 minutes, then
/// 10, 20, ... up to an hour; not after a day.
const FIRST_RETRY: Duration = Duration::from_secs(5 * 60);
const LONGEST_RETRY: Duration = Duration::from_secs(60 * 60);
/// A download that has not finished by then is given up (and tried again at the next look).
const DOWNLOAD_LIMIT: Duration = Duration::from_secs(30 * 60);
/// How long a look at the feed may take. Only the look: the plugin's own `timeout` would also
/// cut every download longer than it (a 7 MB package over a slow desk line takes minutes).
const CHECK_LIMIT: Duration = Duration::from_secs(120);

/// A downloaded update whose signature matched.
struct Downloaded {
    update: Update,
    bytes: Vec<u8>,
}

pub struct Updates {
    status: watch::Sender<UpdateStatus>,
    downloaded: Mutex<Option<Downloaded>>,
    /// Clicks on "Restart to update"; at most one waits.
    clicks: mpsc::Sender<()>,
    clicked: Mutex<mpsc::Receiver<()>>,
}

impl Default for Updates {
    fn default() -> Self {
        let (clicks, clicked) = mpsc::channel(1);
        Updates {
            status: watch::Sender::default(),
            downloaded: Mutex::default(),
            clicks,
            clicked: Mutex::new(clicked),
        }
    }
}

impl Updates {
    pub fn status(&self) -> UpdateStatus {
        self.status.borrow().clone()
    }

    fn set(&self, app: &AppHandle, status: UpdateStatus) {
        let before = self.status.send_replace(status.clone());
        if before == status {
            return;
        }
        // A download's progress is the window's; the log keeps the changes of state.
        if std::mem::discriminant(&before) == std::mem::discriminant(&status) {
            tracing::debug!(?status, "update status");
        } else {
            tracing::info!(?status, "update status");
        }
        emit(app, WindowEvent::UpdateChanged, status);
    }

    /// "Restart to update": installs the downloaded update now, whatever waits in the queue
    /// (it is kept on disk and sent by the new version).
    pub async fn restart_now(&self) -> Result<(), UiError> {
        if self.downloaded.lock().await.is_none() {
            return Err(UiError::catalog("no_update", "error-no-update"));
        }
        // A second click before the first is acted on is the same request.
        let _ = self.clicks.try_send(());
        Ok(())
    }

    /// Forgets clicks made before now (a failed install must not be retried by an old one).
    async fn forget_clicks(&self) {
        let mut clicked = self.clicked.lock().await;
        while clicked.try_recv().is_ok() {}
    }
}

/// Starts looking for updates once the first screen is painted (a look is a request to the
/// feed, which the first screen does not need).
pub fn start(app: &AppHandle, state: &AppState) -> Arc<Updates> {
    let updates = Arc::new(Updates::default());
    let policy = state.core.store.policy().clone();
    let gate = state.start_gate.passed(crate::start_gate::FALLBACK);
    let (app, running) = (app.clone(), updates.clone());
    tauri::async_runtime::spawn(async move {
        let plan = match plan(&app, &policy) {
            Ok(plan) => plan,
            Err(status) => return running.set(&app, status),
        };
        gate.await;
        let mut retry_in = FIRST_RETRY;
        loop {
            let held = running.downloaded.lock().await.take();
            match look(&app, &running, &plan, held).await {
                Some(downloaded) => {
                    retry_in = FIRST_RETRY;
                    let version = downloaded.update.version.clone();
                    *running.downloaded.lock().await = Some(downloaded);
                    if install_when_due(&app, &running, &version).await == Next::LookAgain {
                        continue;
                    }
                }
                // Nothing newer, or a newer version that was refused (its signature, its
                // address): the next look is tomorrow's. Only an unreachable feed is retried.
                None if matches!(
                    running.status(),
                    UpdateStatus::UpToDate { .. }
                        | UpdateStatus::Failed {
                            version: Some(_),
                            ..
                        }
                ) =>
                {
                    retry_in = FIRST_RETRY;
                    tokio::time::sleep(updates::CHECK_EVERY).await;
                    continue;
                }
                None => {}
            }
            tokio::time::sleep(retry_in).await;
            retry_in = (retry_in * 2).min(LONGEST_RETRY);
        }
    });
    updates
}

/// What the policy and this build make of updates, or the status saying why there are none.
fn plan(
    app: &AppHandle,
    policy: &frontdesk_core::policy::PolicyState,
) -> Result<UpdatePlan, UpdateStatus> {
    if policy.problem.is_some() {
        // Nothing of a broken file applies: not even `updates = false`. Wait for it to be fixed.
        return Err(off(&said("update-off-policy-broken", &[])));
    }
    let plan = UpdatePlan::from_policy(&policy.policy).map_err(|problem| {
        off(&said(
            "update-off-policy-unusable",
            &[("problem", problem.as_str().into())],
        ))
    })?;
    if !plan.enabled {
        return Err(off(&said("update-off-switched-off", &[])));
    }
    if cfg!(debug_assertions) && policy.policy.update_feed.is_none() {
        // A development build is on no release feed: it looks only where a policy says.
        return Err(off(&said("update-off-development", &[])));
    }
    if cfg!(not(debug_assertions)) && updates::is_test_only_key(&configured_pubkey(app)) {
        return Err(off(&said("update-off-test-key", &[])));
    }
    Ok(plan)
}

fn off(reason: &str) -> UpdateStatus {
    UpdateStatus::Off {
        reason: reason.to_string(),
    }
}

/// Asks the feed, and downloads a newer version (its signature checked against the key built
/// into this app); `held`, already downloaded, is kept when the feed still offers it. `None`
/// when there is nothing newer or the look failed (said in the status).
async fn look(
    app: &AppHandle,
    updates: &Updates,
    plan: &UpdatePlan,
    held: Option<Downloaded>,
) -> Option<Downloaded> {
    updates.set(app, UpdateStatus::Checking);
    let current = app.package_info().version.to_string();
    let updater = app
        .updater_builder()
        .endpoints(vec![plan.feed.clone()])
        .map(|builder| builder.configure_client(|client| client.redirect(redirects())))
        .and_then(|builder| builder.build());
    let update = match updater {
        Ok(updater) => tokio::time::timeout(CHECK_LIMIT, updater.check()).await,
        Err(error) => Ok(Err(error)),
    };
    let update = match update {
        Ok(Ok(Some(update))) => update,
        Ok(Ok(None)) => {
            updates.set(app, UpdateStatus::UpToDate { current });
            return None;
        }
        Ok(Err(error)) => {
            updates.set(app, failed(None, in_words(&error, None, &current)));
            return None;
        }
        Err(_) => {
            let message = said(
                "update-feed-timeout",
                &[("current", current.as_str().into())],
            );
            updates.set(app, failed(None, message));
            return None;
        }
    };
    let version = update.version.clone();
    if let Some(held) = held.filter(|held| held.update.version == version) {
        return Some(held);
    }
    if let Err(problem) = updates::feed_url(update.download_url.as_str()) {
        let problem = problem.to_string();
        let message = said(
            "update-not-https",
            &[
                ("version", version.as_str().into()),
                ("problem", problem.as_str().into()),
                ("current", current.as_str().into()),
            ],
        );
        updates.set(app, failed(Some(version), message));
        return None;
    }
    let mut received = 0_u64;
    let mut last_told = 0_u64;
    let progress = |chunk: usize, total: Option<u64>| {
        received += chunk as u64;
        // The window hears of every megabyte, not of every chunk.
        if received - last_told >= 1 << 20 || Some(received) == total {
            last_told = received;
            let status = UpdateStatus::Downloading {
                version: version.clone(),
                received,
                total,
            };
            updates.set(app, status);
        }
    };
    match tokio::time::timeout(DOWNLOAD_LIMIT, update.download(progress, || {})).await {
        Ok(Ok(bytes)) => Some(Downloaded { update, bytes }),
        Ok(Err(error)) => {
            let message = in_words(&error, Some(&version), &current);
            // A refused package waits for tomorrow's look; a broken connection is the feed
            // being unreachable, and is tried again on the same backoff (5 minutes to an hour).
            let refused = (!network_failure(&error)).then_some(version);
            updates.set(app, failed(refused, message));
            None
        }
        Err(_) => {
            let message = said(
                "update-download-timeout",
                &[
                    ("version", version.as_str().into()),
                    ("current", current.as_str().into()),
                ],
            );
            updates.set(app, failed(None, message));
            None
        }
    }
}

/// Follows a redirect only to an address the feed itself could have (https, or loopback).
fn redirects() -> updater_http::redirect::Policy {
    updater_http::redirect::Policy::custom(|attempt| {
        if attempt.previous().len() >= 10 {
            attempt.error("too many redirects")
        } else if updates::feed_url(attempt.url().as_str()).is_ok() {
            attempt.follow()
        } else {
            attempt.error("redirected to an address that is not https")
        }
    })
}

#[derive(Debug, PartialEq)]
enum Next {
    /// A day passed without a moment to install: look at the feed again (a newer version?).
    LookAgain,
    /// The install could not go on: back off before the next look.
    BackOff,
}

enum Moment {
    Quiet,
    Asked,
    Stale,
}

/// Installs at the first quiet moment or click, and tries again on a click after a failed
/// install. Returns only when it did not restart.
async fn install_when_due(app: &AppHandle, updates: &Updates, version: &str) -> Next {
    let deadline = Instant::now() + updates::CHECK_EVERY;
    let mut moment = wait_for_the_moment(app, updates, version, deadline).await;
    loop {
        if matches!(moment, Moment::Stale) {
            return Next::LookAgain;
        }
        install_and_restart(app, updates).await;
        // Still here: the install failed. A person may try again until the next look.
        updates.forget_clicks().await;
        if updates.downloaded.lock().await.is_none() {
            return Next::BackOff;
        }
        moment = wait_for_a_click(updates, deadline).await;
    }
}

/// Waits until nobody has used the desk for a while and nothing waits to be sent, or until a
/// person clicks "Restart to update". The status says how many changes it waits for.
async fn wait_for_the_moment(
    app: &AppHandle,
    updates: &Updates,
    version: &str,
    deadline: Instant,
) -> Moment {
    let Some(state) = app.try_state::<AppState>() else {
        return Moment::Stale;
    };
    // The count shown follows the queue at once, not at the next look.
    let mut queue = state.core.engine.subscribe();
    let mut clicked = updates.clicked.lock().await;
    loop {
        let waiting = state.core.engine.status().counts.to_send().max(0) as usize;
        let idle = state
            .last_input
            .lock()
            .map(|at| at.elapsed())
            .unwrap_or_default();
        let status = UpdateStatus::Ready {
            version: version.to_string(),
            waiting_changes: waiting,
        };
        updates.set(app, status);
        if updates::may_install_unasked(idle, waiting) {
            return Moment::Quiet;
        }
        tokio::select! {
            Some(()) = clicked.recv() => return Moment::Asked,
            Ok(()) = queue.changed() => {}
            _ = tokio::time::sleep(updates::INSTALL_LOOK_EVERY) => {}
            _ = tokio::time::sleep_until(deadline) => return Moment::Stale,
        }
    }
}

async fn wait_for_a_click(updates: &Updates, deadline: Instant) -> Moment {
    let mut clicked = updates.clicked.lock().await;
    tokio::select! {
        Some(()) = clicked.recv() => Moment::Asked,
        _ = tokio::time::sleep_until(deadline) => Moment::Stale,
    }
}

/// Installs with the package manager the app came from (`dpkg -i` for a .deb, through
/// pkexec or sudo), then starts the new version. A failed install leaves the desk as it was,
/// the update at hand for another try, and says what to do.
async fn install_and_restart(app: &AppHandle, updates: &Updates) {
    let Some(downloaded) = updates.downloaded.lock().await.take() else {
        return;
    };
    let version = downloaded.update.version.clone();
    let current = downloaded.update.current_version.clone();
    let status = UpdateStatus::Installing {
        version: version.clone(),
    };
    updates.set(app, status);
    // Deliveries go on during the install: it may wait for an administrator's password.
    let installing = tauri::async_runtime::spawn_blocking(move || {
        let result = downloaded.update.install(&downloaded.bytes);
        (downloaded, result)
    })
    .await;
    match installing {
        Ok((_, Ok(()))) => {
            tracing::info!(%version, "update installed: restarting");
            // Not while this process is sending a change: the restart would cut the request
            // off. A long drain is not waited out: what it has in flight is checked by the
            // next start, as after a crash.
            let engine = app
                .try_state::<AppState>()
                .map(|state| state.core.engine.clone());
            let _held = match &engine {
                Some(engine) => tokio::time::timeout(DRAIN_PATIENCE, engine.hold_deliveries())
                    .await
                    .ok(),
                None => None,
            };
            app.request_restart();
            // The event loop exits and starts the new version; deliveries stay held until then.
            std::future::pending::<()>().await;
        }
        Ok((downloaded, Err(error))) => {
            let message = in_words(&error, Some(&version), &current);
            *updates.downloaded.lock().await = Some(downloaded);
            let status = UpdateStatus::Failed {
                version: Some(version),
                message,
                retry: true,
            };
            updates.set(app, status);
        }
        Err(error) => {
            let error = error.to_string();
            let message = said(
                "update-install-stopped",
                &[
                    ("version", version.as_str().into()),
                    ("detail", error.as_str().into()),
                    ("current", current.as_str().into()),
                ],
            );
            updates.set(app, failed(Some(version), message));
        }
    }
}

/// The update key this build trusts (tauri.conf.json, or the one the release build was given).
fn configured_pubkey(app: &AppHandle) -> String {
    let plugins = &app.config().plugins.0;
    let key = plugins
        .get("updater")
        .and_then(|updater| updater.get("pubkey"));
    key.and_then(|key| key.as_str())
        .unwrap_or_default()
        .to_string()
}

fn failed(version: Option<String>, message: String) -> UpdateStatus {
    UpdateStatus::Failed {
        version,
        message,
        retry: false,
    }
}

/// A failure of the connection, not of the package: worth another try soon.
fn network_failure(error: &tauri_plugin_updater::Error) -> bool {
    use tauri_plugin_updater::Error;
    matches!(error, Error::Reqwest(_) | Error::Network(_))
}

/// What went wrong, for a receptionist and for IT.
fn in_words(error: &tauri_plugin_updater::Error, version: Option<&str>, current: &str) -> String {
    use tauri_plugin_updater::Error;
    // "none" picks the catalog's wording for an update whose version is not known yet.
    let detail = error.to_string();
    let args = [
        ("version", version.unwrap_or("none").into()),
        ("current", current.into()),
        ("detail", detail.as_str().into()),
    ];
    let id = match error {
        Error::Minisign(_)
        | Error::Base64(_)
        | Error::SignatureUtf8(_)
        | Error::MissingSignedVersion
        | Error::SignedVersionMismatch { .. } => "update-not-signed",
        // On Linux a cancelled password prompt comes back as a failed install.
        Error::AuthenticationFailed | Error::DebInstallFailed | Error::PackageInstallFailed => {
            "update-not-installed"
        }
        Error::Reqwest(_) | Error::Network(_) | Error::ReleaseNotFound => "update-feed-unreachable",
        _ => "update-could-not-install",
    };
    said(id, &args)
}

/// A message of the update's, in the desk's language.
fn said(id: &str, args: &[(&str, frontdesk_core::l10n::Arg<'_>)]) -> String {
    frontdesk_core::l10n::desk_words().text(id, args)
}
