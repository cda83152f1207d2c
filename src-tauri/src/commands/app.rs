use frontdesk_core::nexudus::Endpoints;
use serde::Serialize;

use crate::error::UiError;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    version: &'static str,
    server: String,
    demo: bool,
}

/// What the app is connected to, for the header and the demo banner.
#[tauri::command]
pub fn app_info() -> Result<AppInfo, UiError> {
    let endpoints = Endpoints::from_env(None)?;
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION"),
        server: endpoints.admin.to_string(),
        demo: std::env::var_os("FRONTDESK_DEMO").is_some(),
    })
}
