//! The desktop side of Settings: full-screen kiosk mode and starting at login. The choice is
//! stored by the core; this applies it to the window and the OS. Also when the window first
//! shows.

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
                .map_err(|e| UiError::desktop("error-desktop-kiosk", e))?;
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
        changed.map_err(|e| UiError::desktop("error-desktop-start-at-login", e))?;
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

/// The main window is created hidden (`tauri.conf.json`) and shown once WebKit has started
/// loading the page. Shown before that, GTK draws it while WebKit's web process is still
/// launching, and WebKit's UI process then blocks up to 500 ms waiting for a frame that cannot
/// come yet: a plain Tauri window here started its page about 470 ms late in 7 of 16 launches,
/// and in none of 16 when shown at the page's start.
pub fn show_at_page_start(window: &tauri::Window) {
    show_once(window, true);
}

/// Whether the window has shown since start; before that, raising it would draw it early.
pub fn shown_at_start() -> bool {
    SHOWN_AT_START.load(std::sync::atomic::Ordering::SeqCst)
}

fn show_once(window: &tauri::Window, focus: bool) {
    use std::sync::atomic::Ordering;
    if SHOWN_AT_START.swap(true, Ordering::SeqCst) {
        return;
    }
    let shown = window
        .show()
        .and_then(|()| if focus { window.set_focus() } else { Ok(()) });
    if let Err(error) = shown {
        tracing::warn!(%error, "could not show the window");
    }
}

/// If WebKit never starts the page (a broken install, a web process that dies), the window
/// still shows, so the desk sees something is wrong instead of nothing at all.
pub fn show_at_start_at_the_latest(app: &AppHandle) {
    let app = app.clone();
    std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_secs(3));
        if let Some(window) = app.get_webview_window(crate::events::MAIN_WINDOW) {
            // Not focused: three seconds in, a person may be in another program.
            show_once(&window.as_ref().window(), false);
        }
    });
}

static SHOWN_AT_START: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
