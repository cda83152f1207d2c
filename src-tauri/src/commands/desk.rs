use frontdesk_core::badge::BadgeSettings;
use frontdesk_core::desk::{
    ApprovalAnswer, BadgePreview, Host, Location, LogSource, Printed, RegistrationForm, ScanResult,
    TodayQuery, TodayView, VisitorLog, VisitorRef, WalkInForm,
};
use frontdesk_core::nexudus::models::Unreadable;
use frontdesk_core::queue::QueuedOp;
use frontdesk_core::visitor::{shown, ShownVisitor};
use tauri::AppHandle;
use tauri::State;

use crate::error::UiError;
use crate::state::AppState;

/// Where this desk checks visitors in, as Nexudus shows it on the record.
const DESK_LOCATION: &str = "Front Desk";

/// What the window shows of today's list: each group's first rows, the counts and the chart.
/// `fresh` reads the day again; a search keystroke or "Show more" pages the day as last read.
#[tauri::command]
pub async fn today(
    state: State<'_, AppState>,
    business: i64,
    query: Option<TodayQuery>,
    fresh: Option<bool>,
) -> Result<TodayView, UiError> {
    let query = query.unwrap_or_default();
    let view = state
        .core
        .desk
        .today_view(business, &query, fresh.unwrap_or(true))
        .await?;
    // The first list handed to the window is a start-up milestone.
    static FIRST: std::sync::Once = std::sync::Once::new();
    FIRST.call_once(|| {
        crate::milestones::reached(crate::milestones::Milestone::TodayServed { rows: view.total })
    });
    Ok(view)
}

#[tauri::command]
pub async fn refresh_today(
    state: State<'_, AppState>,
    business: i64,
    query: Option<TodayQuery>,
) -> Result<TodayView, UiError> {
    let query = query.unwrap_or_default();
    Ok(state.core.desk.refresh_today_view(business, &query).await?)
}

/// Everyone on site now, by name: the evacuation list (never paged).
#[tauri::command]
pub async fn on_site_now(
    state: State<'_, AppState>,
    business: i64,
) -> Result<Vec<ShownVisitor>, UiError> {
    Ok(state.core.desk.on_site_now(business).await?)
}

/// One visitor's row in today's list as it is now (the badge printed after a check-in).
#[tauri::command]
pub async fn today_visitor(
    state: State<'_, AppState>,
    business: i64,
    visitor: VisitorRef,
) -> Result<ShownVisitor, UiError> {
    let row = state.core.desk.visitor_today(business, &visitor).await?;
    Ok(ShownVisitor::from(row))
}

/// Records of today's list that could not be read, so the window can name them.
#[tauri::command]
pub fn unreadable_today(state: State<'_, AppState>, business: i64) -> Vec<Unreadable> {
    state.core.desk.unreadable(business)
}

#[tauri::command]
pub async fn check_in(
    state: State<'_, AppState>,
    visitor: VisitorRef,
) -> Result<QueuedOp, UiError> {
    Ok(state
        .core
        .desk
        .check_in(&visitor, Some(DESK_LOCATION.into()))
        .await?)
}

#[tauri::command]
pub async fn check_out(
    state: State<'_, AppState>,
    visitor: VisitorRef,
) -> Result<QueuedOp, UiError> {
    Ok(state.core.desk.check_out(&visitor).await?)
}

/// What a scanner (or a person) typed into the scan field, ended with Enter.
#[tauri::command]
pub async fn scan_code(
    state: State<'_, AppState>,
    business: i64,
    text: String,
) -> Result<ScanResult, UiError> {
    Ok(state
        .core
        .desk
        .check_in_by_code(business, &text, Some(DESK_LOCATION.into()))
        .await?)
}

#[tauri::command]
pub async fn answer_approval(
    state: State<'_, AppState>,
    visitor: VisitorRef,
    answer: ApprovalAnswer,
) -> Result<QueuedOp, UiError> {
    Ok(state.core.desk.answer_approval(&visitor, answer).await?)
}

#[tauri::command]
pub async fn walk_in(state: State<'_, AppState>, form: WalkInForm) -> Result<QueuedOp, UiError> {
    Ok(state
        .core
        .desk
        .walk_in(form, Some(DESK_LOCATION.into()))
        .await?)
}

#[tauri::command]
pub async fn register_visitor(
    state: State<'_, AppState>,
    form: RegistrationForm,
) -> Result<QueuedOp, UiError> {
    Ok(state.core.desk.register(form).await?)
}

#[tauri::command]
pub async fn cancel_registration(state: State<'_, AppState>, id: i64) -> Result<QueuedOp, UiError> {
    Ok(state.core.desk.cancel_registration(id).await?)
}

#[tauri::command]
pub async fn upcoming(state: State<'_, AppState>) -> Result<Vec<ShownVisitor>, UiError> {
    Ok(shown(state.core.desk.upcoming().await?))
}

#[tauri::command]
pub async fn refresh_upcoming(state: State<'_, AppState>) -> Result<Vec<ShownVisitor>, UiError> {
    Ok(shown(state.core.desk.refresh_upcoming().await?))
}

#[tauri::command]
pub async fn locations(state: State<'_, AppState>) -> Result<Vec<Location>, UiError> {
    Ok(state.core.desk.locations().await?)
}

/// The location this desk chose last (so the list shows from the cache before anything is
/// read from the network).
#[tauri::command]
pub async fn desk_location(state: State<'_, AppState>) -> Result<Option<i64>, UiError> {
    Ok(state.core.desk.location().await?)
}

/// Reception's location: today's list and arrival alerts follow it.
#[tauri::command]
pub async fn set_location(state: State<'_, AppState>, business: i64) -> Result<(), UiError> {
    Ok(state.core.set_location(business).await?)
}

#[tauri::command]
pub async fn search_hosts(state: State<'_, AppState>, text: String) -> Result<Vec<Host>, UiError> {
    Ok(state.core.desk.search_hosts(&text).await?)
}

/// Saves who is on site now as CSV (from the local list, so it works offline); answers the
/// file's path.
#[tauri::command]
pub async fn export_on_site(
    app: AppHandle,
    state: State<'_, AppState>,
    business: i64,
) -> Result<String, UiError> {
    let csv = frontdesk_core::export::on_site_csv(&state.core.desk.today(business).await?);
    let stamp = chrono::Local::now().format("%Y-%m-%d-%H%M");
    let path = crate::desktop::export_dir(&app).join(format!("on-site-{stamp}.csv"));
    tokio::fs::write(&path, csv)
        .await
        .map_err(|e| UiError::file(&path, e))?;
    Ok(path.display().to_string())
}

#[tauri::command]
pub async fn badge_preview(
    state: State<'_, AppState>,
    business: i64,
    visitor: VisitorRef,
) -> Result<BadgePreview, UiError> {
    Ok(state.core.desk.badge_preview(business, &visitor).await?)
}

/// Prints the badge on the printer chosen in Settings, with no dialog.
#[tauri::command]
pub async fn print_badge(
    state: State<'_, AppState>,
    business: i64,
    visitor: VisitorRef,
) -> Result<Printed, UiError> {
    Ok(state.core.desk.print_badge(business, &visitor).await?)
}

#[tauri::command]
pub async fn badge_settings(state: State<'_, AppState>) -> Result<BadgeSettings, UiError> {
    Ok(state.core.desk.badge_settings().await?)
}

#[tauri::command]
pub async fn set_badge_settings(
    state: State<'_, AppState>,
    settings: BadgeSettings,
) -> Result<BadgeSettings, UiError> {
    Ok(state.core.desk.set_badge_settings(settings).await?)
}

#[tauri::command]
pub async fn printers(state: State<'_, AppState>) -> Result<Vec<String>, UiError> {
    Ok(state.core.desk.printers().await?)
}

/// The visitors of a location over a range of days (`YYYY-MM-DD`, the location's days).
#[tauri::command]
pub async fn visitor_log(
    state: State<'_, AppState>,
    business: i64,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
) -> Result<VisitorLog, UiError> {
    Ok(state.core.desk.visitor_log(business, from, to).await?)
}

/// Where the visitor log was saved, and whether it came from Nexudus or this computer.
#[derive(serde::Serialize)]
pub struct SavedLog {
    path: String,
    source: LogSource,
    rows: usize,
}

#[tauri::command]
pub async fn export_visitor_log(
    app: AppHandle,
    state: State<'_, AppState>,
    business: i64,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
) -> Result<SavedLog, UiError> {
    let log = state.core.desk.visitor_log(business, from, to).await?;
    let zone = state.core.desk.day_zone(business).await?;
    let csv = frontdesk_core::export::visitor_log_csv(&log.rows, zone);
    let path = crate::desktop::export_dir(&app).join(format!("visitor-log-{from}-to-{to}.csv"));
    tokio::fs::write(&path, csv)
        .await
        .map_err(|e| UiError::file(&path, e))?;
    Ok(SavedLog {
        path: path.display().to_string(),
        source: log.source,
        rows: log.rows.len(),
    })
}
