use frontdesk_core::kiosk;
use frontdesk_core::l10n::LanguageSettings;
use frontdesk_core::policy::PolicySummary;
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
        return Err(UiError::check_fields("validation", vec![problem]));
    }
    let in_effect = Preferences::load(&state.core.store).await?;
    let locked = in_effect.locked_changes(&preferences, state.core.store.policy());
    if !locked.is_empty() {
        let message = frontdesk_core::l10n::desk_words().text("error-settings-locked", &[]);
        return Err(UiError::with_fields("locked", message, locked));
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

/// Which settings the organisation's policy fixes, and a problem with its file.
#[tauri::command]
pub fn policy(state: State<'_, AppState>) -> PolicySummary {
    PolicySummary::from(state.core.store.policy())
}

/// The language in effect, the desk's choice, the options and whether the policy locks it.
#[tauri::command]
pub async fn language_settings(state: State<'_, AppState>) -> Result<LanguageSettings, UiError> {
    Ok(frontdesk_core::l10n::settings(&state.core.store).await?)
}

/// Saves the desk's language (`null`: automatic); the window then reloads in it.
#[tauri::command]
pub async fn set_language(
    state: State<'_, AppState>,
    language: Option<String>,
) -> Result<LanguageSettings, UiError> {
    state.core.set_language(language.as_deref()).await?;
    Ok(frontdesk_core::l10n::settings(&state.core.store).await?)
}
