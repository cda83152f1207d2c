//! The tray icon: how many changes wait to sync, at a glance, and the quick actions a desk
//! needs without opening the window (open, sync now, quit).

use std::sync::Arc;

use frontdesk_core::l10n::{desk_words, Arg, Messages};
use frontdesk_core::sync::{EngineState, SyncEngine, SyncStatus};
use tauri::menu::{Menu, MenuItem, PredefinedMenuItem};
use tauri::tray::{TrayIcon, TrayIconBuilder};
use tauri::{AppHandle, Wry};

pub struct Tray {
    icon: TrayIcon,
    status_item: MenuItem<Wry>,
    /// The actions, worded again when the desk's language changed since they were.
    actions: [(MenuItem<Wry>, &'static str); 3],
    worded_in: std::sync::Mutex<frontdesk_core::l10n::Language>,
}

/// The tray's label (shown beside the icon where the desktop allows) and its status line, in
/// the desk's language.
pub fn describe(status: &SyncStatus, words: &Messages) -> (String, String) {
    let waiting = status.counts.to_send();
    let attention = status.counts.needs_attention;
    let label = match waiting + attention {
        0 => String::new(),
        n => n.to_string(),
    };
    let state = match status.state {
        EngineState::Offline => "offline",
        EngineState::SignedOut => "signed-out",
        EngineState::Syncing => "syncing",
        EngineState::Idle => "idle",
    };
    let line = words.text(
        "tray-status",
        &[
            ("state", Arg::from(state)),
            ("waiting", Arg::from(waiting)),
            ("attention", Arg::from(attention)),
        ],
    );
    (label, line)
}

/// Builds the tray, which then follows the engine's status by itself and asks it to sync. A
/// desktop without a tray (or without its library) gets none; the app works the same.
pub fn build(app: &AppHandle, engine: Arc<SyncEngine>) {
    let built = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        try_build(app, engine.clone())
    }));
    match built {
        Ok(Ok(tray)) => follow(tray, engine),
        Ok(Err(error)) => tracing::warn!(%error, "no tray icon"),
        Err(_) => tracing::warn!("no tray icon: the desktop's tray library could not be loaded"),
    }
}

/// Shows every change of the queue's status.
fn follow(tray: Tray, engine: Arc<SyncEngine>) {
    let mut status = engine.subscribe();
    tauri::async_runtime::spawn(async move {
        while status.changed().await.is_ok() {
            let current = status.borrow_and_update().clone();
            tray.show(&current);
        }
    });
}

fn try_build(app: &AppHandle, engine: Arc<SyncEngine>) -> tauri::Result<Tray> {
    let words = desk_words();
    let text = |id: &str| words.text(id, &[]);
    let status_item = MenuItem::with_id(app, "status", text("tray-synced"), false, None::<&str>)?;
    let open = MenuItem::with_id(app, "open", text("tray-open"), true, None::<&str>)?;
    let sync = MenuItem::with_id(app, "sync", text("tray-sync-now"), true, None::<&str>)?;
    let quit = MenuItem::with_id(app, "quit", text("tray-quit"), true, None::<&str>)?;
    let menu = Menu::with_items(
        app,
        &[
            &status_item,
            &PredefinedMenuItem::separator(app)?,
            &open,
            &sync,
            &PredefinedMenuItem::separator(app)?,
            &quit,
        ],
    )?;
    let mut builder = TrayIconBuilder::with_id("front-desk")
        .tooltip("Front Desk")
        .menu(&menu)
        .on_menu_event(move |app, event| match event.id().as_ref() {
            "open" => crate::notifications::raise_window(app),
            "sync" => engine.wake(),
            "quit" => app.exit(0),
            _ => {}
        });
    if let Some(icon) = app.default_window_icon() {
        builder = builder.icon(icon.clone());
    }
    let icon = builder.build(app)?;
    Ok(Tray {
        icon,
        status_item,
        actions: [
            (open, "tray-open"),
            (sync, "tray-sync-now"),
            (quit, "tray-quit"),
        ],
        worded_in: std::sync::Mutex::new(words.language()),
    })
}

impl Tray {
    pub fn show(&self, status: &SyncStatus) {
        let words = desk_words();
        let (label, line) = describe(status, &words);
        let title = (!label.is_empty()).then_some(label.as_str());
        if let Err(error) = self.icon.set_title(title) {
            tracing::debug!(%error, "tray label not shown");
        }
        let tooltip = words.text("tray-tooltip", &[("status", Arg::from(&line))]);
        let _ = self.icon.set_tooltip(Some(tooltip));
        let _ = self.status_item.set_text(line);
        if let Ok(mut worded_in) = self.worded_in.lock() {
            if *worded_in != words.language() {
                *worded_in = words.language();
                for (item, id) in &self.actions {
                    let _ = item.set_text(words.text(id, &[]));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use frontdesk_core::store::queue_reads::QueueCounts;

    fn status(state: EngineState, pending: i64, needs_attention: i64) -> SyncStatus {
        SyncStatus {
            state,
            counts: QueueCounts {
                pending,
                needs_attention,
                ..QueueCounts::default()
            },
            ..SyncStatus::default()
        }
    }

    fn describe(status: &SyncStatus) -> (String, String) {
        super::describe(status, &Messages::new(frontdesk_core::l10n::Language::En))
    }

    #[test]
    fn the_tray_counts_what_is_not_yet_in_nexudus() {
        assert_eq!(
            describe(&status(EngineState::Idle, 0, 0)),
            (String::new(), "Everything is synced".into())
        );
        assert_eq!(
            describe(&status(EngineState::Offline, 3, 1)),
            (
                "4".into(),
                "Offline: 3 waiting to sync, 1 need attention".into()
            )
        );
        assert_eq!(
            describe(&status(EngineState::Idle, 1, 0)).1,
            "1 change waiting to sync"
        );
        assert_eq!(
            describe(&status(EngineState::SignedOut, 2, 0)).1,
            "Signed out: sign in again to send 2 waiting changes"
        );
        let spanish = super::describe(
            &status(EngineState::Offline, 3, 1),
            &Messages::new(frontdesk_core::l10n::Language::Es),
        );
        assert_eq!(
            spanish.1,
            "Sin conexión: 3 cambios pendientes de sincronizar, 1 necesita atención"
        );
    }
}
