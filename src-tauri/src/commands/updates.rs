use std::sync::Arc;

use frontdesk_core::updates::UpdateStatus;
use tauri::State;

use crate::error::UiError;
use crate::updates::Updates;

/// The update's status now, for the window's first look.
#[tauri::command]
pub fn update_status(updates: State<'_, Arc<Updates>>) -> UpdateStatus {
    updates.status()
}

/// "Restart to update".
#[tauri::command]
pub async fn restart_to_update(updates: State<'_, Arc<Updates>>) -> Result<(), UiError> {
    updates.restart_now().await
}
