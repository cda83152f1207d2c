//! The desktop side of Settings: full-screen kiosk mode and starting at login. The choice is
//! stored by the core; this applies it to the window and the OS.

use frontdesk_core::preferences::Preferences;
use tauri::{AppHandle, Manager};
use tauri_plugin_autostart::ManagerExt;

use crate::error::UiError;

pub fn apply(app: &AppHandle, preferences: &Preferences) -> Result<(), UiError> {
    if let Some(window) = app.get_webview_window(crate::events::MAIN_WINDOW) {
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

/// Saves the window's size and place shortly after it stops changing. The plugin alone saves
/// only on a clean exit; a desk PC is more often switched off or the app killed.
pub fn save_window_state_soon(app: &AppHandle) {
    use std::sync::atomic::{AtomicU64, Ordering};
    use tauri_plugin_window_state::AppHandleExt;
    static LATEST: AtomicU64 = AtomicU64::new(0);
    let change = LATEST.fetch_add(1, Ordering::SeqCst) + 1;
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(std::time::Duration::from_millis(400)).await;
        if LATEST.load(Ordering::SeqCst) != change {
            return;
        }
        if let Err(error) = app.save_window_state(crate::window_state_flags()) {
            tracing::warn!(%error, "could not save the window's size and place");
        }
    });
}
