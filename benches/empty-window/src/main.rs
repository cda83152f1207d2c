//! The reference for Front Desk's start-up and memory benchmarks: the same Tauri, an empty
//! page, and the same `milestone {"name":…,"at_ms":…}` lines on stderr that Front Desk prints
//! when `FRONTDESK_MILESTONES` is set (see `src-tauri/src/milestones.rs`), for the steps both
//! have. Its page has no script, so the page's own steps are Front Desk's alone. Like Front
//! Desk, it creates its window hidden and shows it when the page starts loading, which avoids
//! WebKit's late launch (see `src-tauri/src/desktop.rs`, `show_at_page_start`): the reference
//! is the best start Tauri gives, not a default window that starts its page 470 ms late at
//! random.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::time::{SystemTime, UNIX_EPOCH};

fn milestone(name: &str) {
    if std::env::var_os("FRONTDESK_MILESTONES").is_some() {
        let at_ms = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|since| since.as_secs_f64() * 1000.0)
            .unwrap_or_default();
        eprintln!(r#"milestone {{"name":"{name}","at_ms":{at_ms}}}"#);
    }
}

fn main() {
    milestone("process_started");
    let result = tauri::Builder::default()
        .on_page_load(|webview, payload| match payload.event() {
            tauri::webview::PageLoadEvent::Started => {
                milestone("page_started");
                let window = webview.window();
                let _ = window.show().and_then(|()| window.set_focus());
            }
            tauri::webview::PageLoadEvent::Finished => milestone("page_loaded"),
        })
        .setup(|_| {
            milestone("setup_done");
            Ok(())
        })
        .run(tauri::generate_context!());
    if let Err(error) = result {
        eprintln!("empty-window: {error}");
        std::process::exit(1);
    }
}
