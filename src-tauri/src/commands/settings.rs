use frontdesk_core::preferences::Preferences;
use tauri::{AppHandle, State};

use crate::error::UiError;
use crate::state::AppState;

#[tauri::command]
pub async fn preferences(state: State<'_, AppState>) -> Result<Preferences, UiError> {
    Ok(Preferences::load(&state.store).await?)
}

/// Applies the choice to the desktop first, so a refused change is not remembered as made.
#[tauri::command]
pub async fn set_preferences(
    app: AppHandle,
    state: State<'_, AppState>,
    preferences: Preferences,
) -> Result<Preferences, UiError> {
    crate::desktop::apply(&app, &preferences)?;
    preferences.save(&state.store).await?;
    Ok(preferences)
}
