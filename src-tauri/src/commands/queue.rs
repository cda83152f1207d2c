use frontdesk_core::desk::NamedOp;
use frontdesk_core::queue::Operation;
use frontdesk_core::sync::SyncStatus;
use tauri::State;

use crate::error::UiError;
use crate::state::AppState;

#[tauri::command]
pub fn queue_status(state: State<'_, AppState>) -> SyncStatus {
    state.core.engine.status()
}

#[tauri::command]
pub async fn queue_list(
    state: State<'_, AppState>,
    limit: Option<i64>,
) -> Result<Vec<NamedOp>, UiError> {
    let ops = state
        .core
        .store
        .recent_operations(limit.unwrap_or(200).clamp(1, 1000))
        .await?;
    Ok(state.core.desk.name_operations(ops).await?)
}

/// Everything not yet done or discarded, oldest first: the sync panel's lists. (The recent
/// list could hide an old item waiting for a person behind newer finished ones.)
#[tauri::command]
pub async fn queue_open(state: State<'_, AppState>) -> Result<Vec<NamedOp>, UiError> {
    let ops = state.core.store.open_operations(None).await?;
    Ok(state.core.desk.name_operations(ops).await?)
}

#[tauri::command]
pub async fn queue_retry(state: State<'_, AppState>, id: String) -> Result<bool, UiError> {
    Ok(state.core.retry(&id).await?)
}

#[tauri::command]
pub async fn queue_edit(
    state: State<'_, AppState>,
    id: String,
    operation: Operation,
) -> Result<bool, UiError> {
    Ok(state.core.correct(&id, &operation).await?)
}

#[tauri::command]
pub async fn queue_discard(state: State<'_, AppState>, id: String) -> Result<bool, UiError> {
    Ok(state.core.discard(&id).await?)
}

#[tauri::command]
pub fn sync_now(state: State<'_, AppState>) {
    state.core.sync_now();
}
