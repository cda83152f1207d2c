//! What the app holds while it runs: the core's use cases, built once at start-up, and the
//! sync engine running beside the window.

use std::sync::Arc;

use frontdesk_core::arrivals::Notifier;
use frontdesk_core::secrets::{KeyringStore, SecretStore};
use frontdesk_core::store::recovery::{ProblemKind, StartupProblem};
use frontdesk_core::supervise::supervise;
use frontdesk_core::wiring::Core;

use crate::events::{emit, WindowEvent};

pub struct AppState {
    /// The core's parts, wired once (see `frontdesk_core::wiring`).
    pub core: Core,
    pub notifier: Arc<dyn Notifier>,
    /// When a person last used the window (the arrival watcher slows down at night when idle).
    pub last_input: Arc<std::sync::Mutex<std::time::Instant>>,
    pub demo: bool,
    /// Opened when the window's first screen is painted (see `start_gate`).
    pub start_gate: Arc<crate::start_gate::StartGate>,
}

impl AppState {
    /// Opens the data folder and builds the use cases; a folder or database that cannot be
    /// used is named (the window then opens on the recovery screen).
    pub async fn start(app: &tauri::AppHandle) -> Result<Self, StartupProblem> {
        // The recovery screen's words, before the desk's own choice can be read.
        let policy =
            frontdesk_core::policy::PolicyState::load(&frontdesk_core::policy::system_path());
        frontdesk_core::l10n::set_desk_language(frontdesk_core::l10n::Language::for_desk(
            &policy, None,
        ));
        let dir = crate::paths::data_dir().map_err(|detail| StartupProblem {
            kind: ProblemKind::FolderUnusable,
            path: String::new(),
            message: frontdesk_core::l10n::desk_words().text("recovery-problem-no-folder", &[]),
            detail,
            can_move_aside: false,
        })?;
        let secrets: Arc<dyn SecretStore> = Arc::new(KeyringStore::default());
        let notifier = crate::notifications::notifier(app.clone());
        let core = Core::open(&dir, secrets, notifier.clone()).await?;
        Ok(AppState {
            core,
            notifier,
            last_input: Arc::new(std::sync::Mutex::new(std::time::Instant::now())),
            demo: std::env::var_os("FRONTDESK_DEMO").is_some(),
            start_gate: Arc::default(),
        })
    }

    /// Starts the engine and the arrival watcher, and tells the window about every change of
    /// the queue's status.
    pub fn run_background(&self, app: tauri::AppHandle) {
        // Both are supervised: a panic is logged and the task starts again.
        let (engine, after_crash) = (self.core.engine.clone(), self.core.engine.clone());
        tauri::async_runtime::spawn(supervise(
            "sync engine",
            move || engine.clone().run(),
            move || {
                let engine = after_crash.clone();
                async move { engine.crashed().await }
            },
        ));
        // Visitor data older than the retention setting goes at start and then daily; the
        // purge (seconds on a year of history) waits for the window's first screen. The
        // arrival watcher does not wait: its first look is the baseline nothing in it is
        // announced from, so a later first look would swallow the arrivals in between.
        let store = self.core.store.clone();
        let purge_waits = self.start_gate.passed(crate::start_gate::FALLBACK);
        tauri::async_runtime::spawn(async move {
            purge_waits.await;
            supervise(
                "retention purge",
                move || frontdesk_core::retention::run(store.clone()),
                || async {},
            )
            .await
        });
        let last_input = self.last_input.clone();
        let idle: Arc<dyn Fn() -> std::time::Duration + Send + Sync> =
            Arc::new(move || last_input.lock().map(|at| at.elapsed()).unwrap_or_default());
        let watcher = self.core.watcher.clone();
        tauri::async_runtime::spawn(supervise(
            "arrival watcher",
            move || watcher.clone().run(idle.clone()),
            || async {},
        ));
        forward(&app, self.core.watcher.subscribe(), WindowEvent::Arrival);
        forward(
            &app,
            self.core.watcher.subscribe_changes(),
            WindowEvent::ListChanged,
        );
        // Nexudus ended the session: the window says so at once (not at the next click), the
        // engine records that the queue waits for a sign-in (and the tray, following it, says so).
        let (accounts, engine, window) = (
            self.core.accounts.clone(),
            self.core.engine.clone(),
            app.clone(),
        );
        tauri::async_runtime::spawn(async move {
            loop {
                accounts.session_lost().await;
                engine.wake();
                match accounts.status().await {
                    Ok(status) => emit(&window, WindowEvent::SessionChanged, status),
                    Err(error) => tracing::warn!(%error, "could not read the lost session"),
                }
            }
        });
        let mut status = self.core.engine.subscribe();
        tauri::async_runtime::spawn(async move {
            while status.changed().await.is_ok() {
                let current = status.borrow_and_update().clone();
                emit(&app, WindowEvent::QueueChanged, current);
            }
        });
    }
}

/// Passes every message of a core broadcast to the window as `event`.
fn forward<T: serde::Serialize + Clone + Send + 'static>(
    app: &tauri::AppHandle,
    mut messages: tokio::sync::broadcast::Receiver<T>,
    event: WindowEvent,
) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        loop {
            match messages.recv().await {
                Ok(message) => emit(&app, event, message),
                Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => continue,
                Err(tokio::sync::broadcast::error::RecvError::Closed) => break,
            }
        }
    });
}
