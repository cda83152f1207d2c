use frontdesk_core::kiosk;
use frontdesk_core::preferences::Preferences;
use tauri::{AppHandle, State};

use crate::error::UiError;
use crate::state::AppState;

#[tauri::command]
pub async fn preferences(state: State<'_, AppState>) -> Result<Preferences, UiError> {
    Ok(Preferences::load(&state.core.store).await?)
}

/// Applies the choice to the desktop first, so a refused change is not remembered as made.
/// Leaving kiosk mode needs the account's password.
#[tauri::command]
pub async fn set_preferences(
    app: AppHandle,
    state: State<'_, AppState>,
    preferences: Preferences,
    password: Option<String>,
    code: Option<String>,
) -> Result<Preferences, UiError> {
    if let Some(problem) = preferences.problem() {
        return Err(UiError::with_fields(
            "validation",
            "Please check the highlighted fields.",
            vec![problem],
        ));
    }
    let proof = kiosk::Proof::new(password, code);
    kiosk::check_change(
        &state.core.accounts,
        &state.core.store,
        &preferences,
        proof.as_ref(),
    )
    .await?;
    crate::desktop::apply(&app, &preferences)?;
    preferences.save(&state.core.store).await?;
    Ok(preferences)
}
