//! What the app holds while it runs: the core's use cases, built once at start-up.

use std::path::PathBuf;
use std::sync::Arc;

use frontdesk_core::account::Accounts;
use frontdesk_core::nexudus::endpoints::OVERRIDE_ENV;
use frontdesk_core::secrets::{KeyringStore, SecretStore};
use frontdesk_core::store::Store;
use tauri::Manager;

pub struct AppState {
    pub accounts: Arc<Accounts>,
    pub demo: bool,
}

/// `FRONTDESK_DATA_DIR` (tests, portable installs), else the OS's app data folder.
fn data_dir(app: &tauri::AppHandle) -> Result<PathBuf, String> {
    if let Some(dir) = std::env::var_os("FRONTDESK_DATA_DIR") {
        return Ok(PathBuf::from(dir));
    }
    app.path()
        .app_data_dir()
        .map_err(|e| format!("no folder for Front Desk's data: {e}"))
}

impl AppState {
    pub async fn start(app: &tauri::AppHandle) -> Result<Self, String> {
        let dir = data_dir(app)?;
        let store = Store::open(&dir).await.map_err(|e| e.to_string())?;
        let secrets: Arc<dyn SecretStore> = Arc::new(KeyringStore::default());
        let accounts = Accounts::new(store, secrets, std::env::var(OVERRIDE_ENV).ok());
        if let Err(error) = accounts.restore().await {
            tracing::warn!(%error, "the last session could not be restored");
        }
        Ok(AppState {
            accounts: Arc::new(accounts),
            demo: std::env::var_os("FRONTDESK_DEMO").is_some(),
        })
    }
}
