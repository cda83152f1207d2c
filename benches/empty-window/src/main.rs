//! The reference for Front Desk's start-up and memory benchmarks: the same Tauri, an empty
//! page, and the same "page loaded" line on stderr that Front Desk prints.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    let result = tauri::Builder::default()
        .on_page_load(|_, payload| {
            if matches!(payload.event(), tauri::webview::PageLoadEvent::Finished) {
                eprintln!("startup: page loaded");
            }
        })
        .run(tauri::generate_context!());
    if let Err(error) = result {
        eprintln!("empty-window: {error}");
        std::process::exit(1);
    }
}
