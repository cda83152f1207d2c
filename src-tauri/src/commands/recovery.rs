use frontdesk_core::store::recovery::{move_aside, MovedAside, StartupProblem};
use frontdesk_core::store::Store;
use tauri::{AppHandle, State};

use crate::error::UiError;
use crate::recovery::Startup;
use crate::state::AppState;

/// Why the desk could not open its data, if it could not.
#[tauri::command]
pub fn startup_problem(startup: State<'_, Startup>) -> Option<StartupProblem> {
    startup.problem()
}

/// Opens the desk on the data folder as it is now; a new problem goes back to the screen.
async fn open_now(app: &AppHandle, startup: &Startup) -> Result<(), UiError> {
    match AppState::start(app).await {
        Ok(state) => {
            let preferences = frontdesk_core::preferences::Preferences::load(&state.core.store)
                .await
                .unwrap_or_default();
            crate::open_desk(app, state, preferences);
            startup.set(None);
            Ok(())
        }
        Err(again) => {
            let message = format!("{} ({})", again.message, again.detail);
            startup.set(Some(again));
            Err(UiError::new("storage", message))
        }
    }
}

/// "Try again": for a database another process held, or an unexplained failure.
#[tauri::command]
pub async fn retry_start(app: AppHandle, startup: State<'_, Startup>) -> Result<(), UiError> {
    if startup.problem().is_none() {
        return Ok(());
    }
    open_now(&app, &startup).await
}

/// "Move it aside and start fresh": the old data is kept beside the new (its waiting changes
/// saved to a file first, and its settings carried over, when they can be read), and the desk
/// opens on a fresh database.
#[tauri::command]
pub async fn start_fresh(
    app: AppHandle,
    startup: State<'_, Startup>,
) -> Result<MovedAside, UiError> {
    let Some(problem) = startup.problem() else {
        return Err(UiError::catalog(
            "nothing_to_recover",
            "error-nothing-to-recover",
        ));
    };
    let dir = crate::paths::data_dir().map_err(|e| UiError::new("storage", e))?;
    let moved = move_aside(&dir, &problem).await.map_err(|error| {
        let detail = error.to_string();
        let words = frontdesk_core::l10n::desk_words();
        UiError::new(
            "storage",
            words.text(
                "error-not-moved-aside",
                &[
                    ("path", problem.path.as_str().into()),
                    ("detail", detail.as_str().into()),
                ],
            ),
        )
    })?;
    tracing::warn!(kept_at = %moved.kept_at, exported = moved.exported, "moved the unusable data aside");
    if !moved.settings.is_empty() {
        let fresh = Store::open(&dir).await?;
        fresh.adopt_settings(&moved.settings).await?;
        fresh.pool().close().await;
    }
    open_now(&app, &startup).await?;
    Ok(moved)
}

/// "Quit", from the recovery screen only (the desk itself quits from its tray).
#[tauri::command]
pub fn quit(app: AppHandle, startup: State<'_, Startup>) -> Result<(), UiError> {
    if startup.problem().is_none() {
        return Err(UiError::catalog("not_allowed", "error-quit-from-tray"));
    }
    app.exit(0);
    Ok(())
}
