use tauri::State;

use crate::error::UiError;
use crate::notifications::test_alert;
use crate::state::AppState;

/// The page reports that a person used it (at most every 30 s).
#[tauri::command]
pub fn user_active(state: State<'_, AppState>) {
    if let Ok(mut at) = state.last_input.lock() {
        *at = std::time::Instant::now();
    }
}

/// Shows a sample alert, so a person can check notifications work on this computer.
#[tauri::command]
pub async fn send_test_notification(state: State<'_, AppState>) -> Result<(), UiError> {
    let notifier = state.notifier.clone();
    let words = state.core.watcher.words();
    tauri::async_runtime::spawn_blocking(move || notifier.show(&test_alert(&words), &words))
        .await
        .map_err(|e| UiError::notifications_unavailable(e.to_string()))?
        .map_err(UiError::notifications_unavailable)
}
