//! How alerts reach the person: on Linux through notify-rust, whose actions report a click
//! (the Tauri plugin cannot there); elsewhere through tauri-plugin-notification. A click
//! brings the window forward on that visitor.

use std::sync::Arc;

use frontdesk_core::arrivals::{Alert, Notifier};
use tauri::{AppHandle, Manager};

use crate::events::{emit, WindowEvent};

/// Brings the main window forward (a notification click, a second launch).
pub fn raise_window(app: &AppHandle) {
    // Before its page starts the window shows on its own; drawn earlier, WebKit stalls.
    if !crate::desktop::shown_at_start() {
        return;
    }
    if let Some(window) = app.get_webview_window(crate::events::MAIN_WINDOW) {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

/// Raises the main window and tells the page which visitor to show.
pub fn show_visitor(app: &AppHandle, visitor_id: i64) {
    raise_window(app);
    emit(app, WindowEvent::ShowVisitor, visitor_id);
}

#[cfg(all(unix, not(target_os = "macos")))]
pub fn notifier(app: AppHandle) -> Arc<dyn Notifier> {
    let on_click: frontdesk_core::arrivals::notify::OnClick =
        Arc::new(move |visitor| show_visitor(&app, visitor));
    Arc::new(frontdesk_core::arrivals::DesktopNotifier::new(Some(
        on_click,
    )))
}

#[cfg(not(all(unix, not(target_os = "macos"))))]
pub fn notifier(app: AppHandle) -> Arc<dyn Notifier> {
    use tauri_plugin_notification::{NotificationExt, PermissionState};
    struct PluginNotifier(AppHandle);
    impl Notifier for PluginNotifier {
        fn show(
            &self,
            alert: &Alert,
            words: &frontdesk_core::l10n::Messages,
        ) -> Result<(), String> {
            let notifications = self.0.notification();
            if notifications
                .permission_state()
                .map_err(|e| e.to_string())?
                != PermissionState::Granted
            {
                notifications
                    .request_permission()
                    .map_err(|e| e.to_string())?;
            }
            notifications
                .builder()
                .title(alert.title(words))
                .body(alert.body(words))
                .show()
                .map_err(|e| e.to_string())
        }
    }
    Arc::new(PluginNotifier(app))
}

/// The alert "Send test notification" shows, in the desk's words.
pub fn test_alert(words: &frontdesk_core::l10n::Messages) -> Alert {
    Alert {
        visitor_id: 0,
        name: words.text("alert-test-name", &[]),
        event: frontdesk_core::arrivals::Event::Arrived,
        at: Some(chrono::Utc::now()),
        location: None,
        notes: Some(words.text("alert-test-note", &[])),
        host: None,
        approval_requested: false,
    }
}
