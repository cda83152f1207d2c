//! The Tauri shell: window, plugins, and one-line commands over `frontdesk_core`. Nothing here
//! holds business logic; it is all in the core crate, which is tested without a window.

mod commands;
mod error;

use std::process::ExitCode;

pub fn run() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_notification::init())
        .invoke_handler(tauri::generate_handler![commands::app::app_info])
        .run(tauri::generate_context!());
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("Front Desk could not start: {error}");
            ExitCode::FAILURE
        }
    }
}
