//! Desktop notifications through the freedesktop D-Bus service (notify-rust): on Linux the
//! Tauri plugin cannot report a click, notify-rust's actions can.

use std::sync::Arc;

use super::detect::Alert;
use crate::l10n::Messages;

pub trait Notifier: Send + Sync {
    /// Shows an alert in the desk's words; an error means nobody will see it (no
    /// notification service).
    fn show(&self, alert: &Alert, words: &Messages) -> Result<(), String>;
}

/// For a process that never shows alerts (the CLI's sync run): its watcher is never run.
pub struct Silent;

impl Notifier for Silent {
    fn show(&self, _: &Alert, _: &Messages) -> Result<(), String> {
        Err("this process shows no notifications".into())
    }
}

/// Called with the visitor's id when a person clicks an alert.
pub type OnClick = Arc<dyn Fn(i64) + Send + Sync>;

pub struct DesktopNotifier {
    on_click: Option<OnClick>,
    #[cfg(target_os = "linux")]
    shared: super::dbus_notify::SharedNotifier,
}

impl DesktopNotifier {
    pub fn new(on_click: Option<OnClick>) -> Self {
        DesktopNotifier {
            #[cfg(target_os = "linux")]
            shared: super::dbus_notify::SharedNotifier::new(on_click.clone()),
            on_click,
        }
    }

    /// Alerts whose click still opens their visitor (Linux; elsewhere the system keeps them).
    pub fn remembered(&self) -> usize {
        #[cfg(target_os = "linux")]
        {
            self.shared.remembered()
        }
        #[cfg(not(target_os = "linux"))]
        {
            0
        }
    }
}

/// The running notification service's name and version, or why there is none.
pub fn service_name() -> Result<String, String> {
    #[cfg(all(unix, not(target_os = "macos")))]
    {
        notify_rust::get_server_information()
            .map(|info| format!("{} {}", info.name, info.version))
            .map_err(|e| e.to_string())
    }
    #[cfg(not(all(unix, not(target_os = "macos"))))]
    {
        Ok("the system's notification centre".to_string())
    }
}

/// Notification servers may read the body as markup: server text must stay text.
pub fn escape_markup(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

impl Notifier for DesktopNotifier {
    #[cfg(target_os = "linux")]
    fn show(&self, alert: &Alert, words: &Messages) -> Result<(), String> {
        let _ = &self.on_click;
        self.shared.show(alert, words)
    }

    #[cfg(not(target_os = "linux"))]
    fn show(&self, alert: &Alert, words: &Messages) -> Result<(), String> {
        let mut notification = notify_rust::Notification::new();
        notification
            .appname("Front Desk")
            .summary(&alert.title(words))
            .body(&escape_markup(&alert.body(words)));
        #[cfg(all(unix, not(target_os = "macos")))]
        {
            if self.on_click.is_some() {
                notification.action("default", &words.text("alert-show-visitor", &[]));
            }
            let handle = notification.show().map_err(|e| e.to_string())?;
            if let Some(on_click) = self.on_click.clone() {
                let visitor = alert.visitor_id;
                std::thread::spawn(move || {
                    handle.wait_for_action(|action| {
                        if action == "default" {
                            on_click(visitor);
                        }
                    })
                });
            }
            Ok(())
        }
        #[cfg(not(all(unix, not(target_os = "macos"))))]
        {
            let _ = &self.on_click;
            notification.show().map(|_| ()).map_err(|e| e.to_string())
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn markup_in_server_text_is_escaped() {
        assert_eq!(
            super::escape_markup("<b>Bring</b> the contract & a pen"),
            "&lt;b&gt;Bring&lt;/b&gt; the contract &amp; a pen"
        );
    }
}
