//! The reference for Front Desk's start-up and memory benchmarks: the same Tauri, an empty
//! page, and the same `milestone {"name":"page_loaded"}` line on stderr that Front Desk prints
//! when `FRONTDESK_MILESTONES` is set (see `src-tauri/src/milestones.rs`).
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    let result = tauri::Builder::default()
        .on_page_load(|_, payload| {
            if matches!(payload.event(), tauri::webview::PageLoadEvent::Finished)
                && std::env::var_os("FRONTDESK_MILESTONES").is_some()
            {
                eprintln!(r#"milestone {{"name":"page_loaded"}}"#);
            }
        })
        .run(tauri::generate_context!());
    if let Err(error) = result {
        eprintln!("empty-window: {error}");
        std::process::exit(1);
    }
}
