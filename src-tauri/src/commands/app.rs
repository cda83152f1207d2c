use frontdesk_core::nexudus::Endpoints;
use serde::Serialize;
use tauri::State;

use crate::error::UiError;
use crate::state::AppState;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    version: &'static str,
    server: String,
    /// Nexudus's own address: any other is shown in the header at all times.
    default_server: String,
    demo: bool,
    /// The most dates one registration may have (the host's form checks as it adds them).
    max_dates: usize,
    /// The benchmark asks for the start-up timeline: the page then reports its own steps.
    milestones: bool,
}

/// What the app is connected to, for the header and the demo banner.
#[tauri::command]
pub fn app_info(state: State<'_, AppState>) -> Result<AppInfo, UiError> {
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION"),
        server: Endpoints::from_env(None)?.admin.to_string(),
        default_server: Endpoints::resolve(None, None)?.admin.to_string(),
        demo: state.demo,
        max_dates: frontdesk_core::input::MAX_DATES,
        milestones: crate::milestones::enabled(),
    })
}

/// The window's first screen is painted: work held back at start may begin.
#[tauri::command]
pub fn page_ready(state: State<'_, AppState>) {
    state.start_gate.open();
    // What start-up read and freed (the cached day, the first list) goes back to the OS once
    // the page has settled; a trim takes a few milliseconds, off the main thread.
    tauri::async_runtime::spawn_blocking(|| {
        std::thread::sleep(std::time::Duration::from_millis(1500));
        frontdesk_core::memory::give_back_freed();
    });
}

/// The page's own start-up steps, for the benchmark's timeline (dropped unless it asked).
#[tauri::command]
pub fn page_milestones(marks: Vec<crate::milestones::PageMark>) {
    crate::milestones::reached_in_page(&marks);
}

/// The window's words: the desk's catalogs (and English's, for anything they lack), as the
/// `.ftl` texts the core formats too. Sent once at start; the CSP allows no fetch.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Catalog {
    language: &'static str,
    locale: &'static str,
    pseudo: bool,
    resources: &'static [&'static str],
    fallback: &'static [&'static str],
}

/// The desk's language is the process's (set at start, and by Settings): the recovery
/// screen, shown when no data could be opened, has its words too.
#[tauri::command]
pub fn l10n_catalog() -> Catalog {
    use frontdesk_core::l10n::Language;
    let language = frontdesk_core::l10n::desk_words().language();
    Catalog {
        language: language.code(),
        locale: language.locale(),
        pseudo: language == Language::Pseudo,
        resources: language.catalogs(),
        fallback: if !matches!(language, Language::En | Language::Pseudo) {
            Language::En.catalogs()
        } else {
            &[]
        },
    }
}
