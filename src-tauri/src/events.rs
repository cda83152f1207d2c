//! What the app tells the window without being asked, by name. The page listens for the same
//! names (`ui/js/events.js`); this is the one place the Rust side spells them.

use serde::Serialize;
use tauri::{AppHandle, Emitter};

/// The one window's label, as `tauri.conf.json` names it.
pub const MAIN_WINDOW: &str = "main";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WindowEvent {
    /// An arrival alert, shown in the window too.
    Arrival,
    /// A poll changed what the current list shows (`frontdesk_core::live::ListChanged`).
    ListChanged,
    /// The queue's status (`SyncStatus`).
    QueueChanged,
    /// The session changed without the window asking: signed in (demo), or lost.
    SessionChanged,
    /// A notification was clicked: show this visitor.
    ShowVisitor,
    /// Something the person should read (`UiError`).
    Notice,
    /// The update's status (`UpdateStatus`).
    UpdateChanged,
}

impl WindowEvent {
    #[cfg(test)]
    pub const ALL: [WindowEvent; 7] = [
        WindowEvent::Arrival,
        WindowEvent::ListChanged,
        WindowEvent::QueueChanged,
        WindowEvent::SessionChanged,
        WindowEvent::ShowVisitor,
        WindowEvent::Notice,
        WindowEvent::UpdateChanged,
    ];

    pub const fn name(self) -> &'static str {
        match self {
            WindowEvent::Arrival => "arrival",
            WindowEvent::ListChanged => "list-changed",
            WindowEvent::QueueChanged => "queue-changed",
            WindowEvent::SessionChanged => "session-changed",
            WindowEvent::ShowVisitor => "show-visitor",
            WindowEvent::Notice => "notice",
            WindowEvent::UpdateChanged => "update-changed",
        }
    }
}

/// Sends an event to the window; a window that is gone is only logged.
pub fn emit<T: Serialize + Clone>(app: &AppHandle, event: WindowEvent, payload: T) {
    if let Err(error) = app.emit(event.name(), payload) {
        tracing::warn!(%error, event = event.name(), "could not tell the window");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The page spells every name the same way (a typo would be an event nobody hears).
    #[test]
    fn the_page_listens_for_every_event_by_the_same_name() {
        let page = include_str!("../../ui/js/events.js");
        for event in WindowEvent::ALL {
            assert!(
                page.contains(&format!("\"{}\"", event.name())),
                "ui/js/events.js does not name {:?}",
                event
            );
        }
    }

    #[test]
    fn the_main_window_is_the_one_the_config_makes() {
        let config: serde_json::Value =
            serde_json::from_str(include_str!("../tauri.conf.json")).expect("tauri.conf.json");
        assert_eq!(config["app"]["windows"][0]["label"], MAIN_WINDOW);
    }
}
