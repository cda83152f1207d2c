//! The Tauri shell: window, plugins, and one-line commands over `frontdesk_core`. Nothing here
//! holds business logic; it is all in the core crate, which is tested without a window.

pub mod cli;
mod commands;
mod demo;
mod desktop;
mod error;
mod events;
mod logging;
mod milestones;
mod notifications;
mod paths;
mod recovery;
mod start_gate;
mod state;
mod tray;
mod updates;

use std::process::ExitCode;

use tauri::Manager;

use crate::state::AppState;

/// The app's identifier (tauri.conf.json): names its data folder and keyring service.
pub const IDENTIFIER: &str = "app.frontdesk.reception";

/// Opens the app, or runs an admin command when one is given.
pub fn main() -> ExitCode {
    match cli::parse() {
        Ok(Some(command)) => cli::run(command),
        Ok(None) => run(),
        Err(code) => code,
    }
}

pub fn run() -> ExitCode {
    milestones::reached(milestones::Milestone::ProcessStarted);
    let _log_guard = logging::init();
    tracing::info!(version = env!("CARGO_PKG_VERSION"), "Front Desk starting");
    let result = tauri::Builder::default()
        // First, so a second launch only raises the running window and exits.
        .plugin(
            tauri_plugin_single_instance::Builder::new()
                .callback(|app, _args, _cwd| notifications::raise_window(app))
                .dbus_id(single_instance_id())
                .build(),
        )
        .plugin(
            tauri_plugin_window_state::Builder::default()
                .with_state_flags(window_state_flags())
                .build(),
        )
        .plugin(tauri_plugin_autostart::init(
            tauri_plugin_autostart::MacosLauncher::LaunchAgent,
            None,
        ))
        .plugin(tauri_plugin_notification::init())
        .plugin(tauri_plugin_updater::Builder::new().build())
        // Start-up milestones for the benchmarks (their reference app reports the same).
        .on_page_load(|webview, payload| match payload.event() {
            tauri::webview::PageLoadEvent::Started => {
                milestones::reached(milestones::Milestone::PageStarted);
                desktop::show_at_page_start(&webview.window());
            }
            tauri::webview::PageLoadEvent::Finished => {
                milestones::reached(milestones::Milestone::PageLoaded)
            }
        })
        .on_window_event(|window, event| {
            if matches!(
                event,
                tauri::WindowEvent::Resized(_) | tauri::WindowEvent::Moved(_)
            ) {
                desktop::save_window_state_soon(window.app_handle());
            }
        })
        .setup(|app| {
            let handle = app.handle().clone();
            // Whatever the disk holds, a window opens: on the desk, or on the recovery screen.
            let started = tauri::async_runtime::block_on(AppState::start(&handle));
            match started {
                Ok(state) => {
                    app.manage(recovery::Startup::default());
                    let preferences = tauri::async_runtime::block_on(
                        frontdesk_core::preferences::Preferences::load(&state.core.store),
                    )
                    .unwrap_or_default();
                    open_desk(&handle, state, preferences);
                }
                Err(problem) => {
                    tracing::error!(
                        kind = ?problem.kind,
                        path = %problem.path,
                        detail = %problem.detail,
                        "Front Desk could not open its data: showing the recovery screen"
                    );
                    app.manage(recovery::Startup::failed(problem));
                }
            }
            desktop::show_at_start_at_the_latest(&handle);
            milestones::reached(milestones::Milestone::SetupDone);
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app::app_info,
            commands::app::page_milestones,
            commands::app::page_ready,
            commands::recovery::startup_problem,
            commands::recovery::start_fresh,
            commands::recovery::retry_start,
            commands::recovery::quit,
            commands::session::session_status,
            commands::session::sign_in,
            commands::session::sign_out,
            commands::session::set_mode,
            commands::queue::queue_status,
            commands::queue::queue_list,
            commands::queue::queue_open,
            commands::queue::queue_retry,
            commands::queue::queue_edit,
            commands::queue::queue_discard,
            commands::queue::sync_now,
            commands::desk::today,
            commands::desk::refresh_today,
            commands::desk::unreadable_today,
            commands::desk::on_site_now,
            commands::desk::today_visitor,
            commands::desk::check_in,
            commands::desk::check_out,
            commands::desk::scan_code,
            commands::desk::answer_approval,
            commands::desk::badge_preview,
            commands::desk::print_badge,
            commands::desk::badge_settings,
            commands::desk::set_badge_settings,
            commands::desk::printers,
            commands::desk::visitor_log,
            commands::desk::export_visitor_log,
            commands::desk::walk_in,
            commands::desk::register_visitor,
            commands::desk::cancel_registration,
            commands::desk::upcoming,
            commands::desk::refresh_upcoming,
            commands::desk::locations,
            commands::desk::set_location,
            commands::desk::desk_location,
            commands::desk::search_hosts,
            commands::desk::export_on_site,
            commands::settings::preferences,
            commands::settings::set_preferences,
            commands::settings::policy,
            commands::settings::language_settings,
            commands::settings::set_language,
            commands::app::l10n_catalog,
            commands::alerts::send_test_notification,
            commands::alerts::user_active,
            commands::updates::update_status,
            commands::updates::restart_to_update,
        ])
        .run(tauri::generate_context!());
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("Front Desk could not start: {error}");
            ExitCode::FAILURE
        }
    }
}

/// One window per data folder: a second launch on the same folder raises the first, while a
/// desk run on another folder (`FRONTDESK_DATA_DIR`: a second desk, a test) opens its own.
fn single_instance_id() -> String {
    let folder = paths::data_dir().unwrap_or_default();
    let default = dirs::data_dir().map(|dir| dir.join(IDENTIFIER));
    if default.as_ref() == Some(&folder) {
        return IDENTIFIER.to_string();
    }
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    folder.hash(&mut hasher);
    format!("{IDENTIFIER}.folder{:016x}", hasher.finish())
}

/// Starts the desk on an opened data folder: settings applied, demo sign-in, the tray and the
/// background work. (At start, or after the recovery screen started afresh.)
pub(crate) fn open_desk(
    handle: &tauri::AppHandle,
    state: AppState,
    preferences: frontdesk_core::preferences::Preferences,
) {
    if let Err(error) = desktop::apply(handle, &preferences) {
        tracing::warn!(message = %error.message, "settings not applied at start");
    }
    if state.demo {
        demo::sign_in_if_needed(handle.clone(), state.core.clone());
    }
    tray::build(handle, state.core.engine.clone());
    state.run_background(handle.clone());
    handle.manage(updates::start(handle, &state));
    handle.manage(state);
}

/// Size, place and maximised are remembered; full screen follows the kiosk setting instead.
/// Not whether it was visible: the window is created hidden and shows when its page starts
/// (`desktop::show_at_page_start`), not when the plugin restores it; nothing hides it later.
pub(crate) fn window_state_flags() -> tauri_plugin_window_state::StateFlags {
    use tauri_plugin_window_state::StateFlags;
    StateFlags::SIZE | StateFlags::POSITION | StateFlags::MAXIMIZED
}
