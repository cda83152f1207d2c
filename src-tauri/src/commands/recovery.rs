use frontdesk_core::store::recovery::{move_aside, MovedAside, StartupProblem};
use tauri::{AppHandle, State};

use crate::error::UiError;
use crate::recovery::Startup;
use crate::state::AppState;

/// Why the desk could not open its data, if it could not.
#[tauri::command]
pub fn startup_problem(startup: State<'_, Startup>) -> Option<StartupProblem> {
    startup.problem()
}

/// "Move it aside and start fresh": the old data is kept beside the new (its waiting changes
/// saved to a file first when they can be read), and the desk opens on an empty folder.
#[tauri::command]
pub async fn start_fresh(
    app: AppHandle,
    startup: State<'_, Startup>,
) -> Result<MovedAside, UiError> {
    let Some(problem) = startup.problem() else {
        return Err(UiError::new(
            "nothing_to_recover",
            "Front Desk's data opened normally.",
        ));
    };
    let dir = crate::paths::data_dir().map_err(|e| UiError::new("storage", e))?;
    let moved = move_aside(&dir, &problem).await.map_err(|error| {
        UiError::new(
            "storage",
            format!(
                "{} could not be moved aside: {error}. Ask IT to move or remove it.",
                problem.path
            ),
        )
    })?;
    tracing::warn!(kept_at = %moved.kept_at, exported = moved.exported, "moved the unusable data aside");
    match AppState::start(&app).await {
        Ok(state) => {
            let preferences = frontdesk_core::preferences::Preferences::load(&state.store)
                .await
                .unwrap_or_default();
            crate::open_desk(&app, state, preferences);
            startup.set(None);
            Ok(moved)
        }
        Err(again) => {
            let message = format!("{} ({})", again.message, again.detail);
            startup.set(Some(again));
            Err(UiError::new("storage", message))
        }
    }
}

#[tauri::command]
pub fn quit(app: AppHandle) {
    app.exit(0);
}
