//! The desktop side of Settings: full-screen kiosk mode and starting at login. The choice is
//! stored by the core; this applies it to the window and the OS.

use frontdesk_core::preferences::Preferences;
use tauri::{AppHandle, Manager};
use tauri_plugin_autostart::ManagerExt;

use crate::error::UiError;

pub fn apply(app: &AppHandle, preferences: &Preferences) -> Result<(), UiError> {
    if let Some(window) = app.get_webview_window("main") {
        let kiosk = preferences.kiosk;
        if window.is_fullscreen().unwrap_or(false) != kiosk {
            window
                .set_fullscreen(kiosk)
                .map_err(|e| UiError::desktop("Kiosk mode", e))?;
        }
    }
    let autostart = app.autolaunch();
    let enabled = autostart.is_enabled().unwrap_or(false);
    if enabled != preferences.start_at_login {
        let changed = if preferences.start_at_login {
            autostart.enable()
        } else {
            autostart.disable()
        };
        changed.map_err(|e| UiError::desktop("Start at login", e))?;
    }
    Ok(())
}

/// Where an exported file goes: the Downloads folder, else the home folder.
pub fn export_dir(app: &AppHandle) -> std::path::PathBuf {
    if let Some(dir) = std::env::var_os("FRONTDESK_EXPORT_DIR") {
        return dir.into();
    }
    app.path()
        .download_dir()
        .or_else(|_| app.path().home_dir())
        .unwrap_or_else(|_| std::env::temp_dir())
}
