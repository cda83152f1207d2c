//! Desktop notifications on Linux through the freedesktop service, over **one** session-bus
//! connection for the whole app, with **one** thread listening for clicks and closes. (Each
//! notify-rust handle kept its own connection and a waiting thread until the server said the
//! notification closed, which servers that keep a notification list never say: a busy desk
//! piled up a thread per alert.) A notification nobody clicked is forgotten after a while.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use futures_lite::StreamExt;
use zbus::Variant;

use super::detect::Alert;
use super::notify::{escape_markup, Notifier, OnClick};
use crate::l10n::Messages;

const SERVICE: &str = "org.freedesktop.Notifications";
const PATH: &str = "/org/freedesktop/Notifications";
/// How long one call to the notification service may take.
const CALL_TIMEOUT: Duration = Duration::from_secs(5);
/// How long a click on an alert still opens its visitor.
const REMEMBER_FOR: Duration = Duration::from_secs(30 * 60);

/// Shown notifications whose click still means something: id → visitor, and since when.
type Shown = Arc<Mutex<HashMap<u32, (i64, Instant)>>>;

pub struct SharedNotifier {
    on_click: Option<OnClick>,
    connection: Mutex<Option<zbus::Connection>>,
    shown: Shown,
}

impl SharedNotifier {
    pub fn new(on_click: Option<OnClick>) -> Self {
        SharedNotifier {
            on_click,
            connection: Mutex::new(None),
            shown: Arc::default(),
        }
    }

    /// How many notifications still wait for a click (for tests and the log).
    pub fn remembered(&self) -> usize {
        self.shown
            .lock()
            .map(|shown| shown.len())
            .unwrap_or_default()
    }

    /// The shared connection, opened (with its listener) on first use, and again after a
    /// failure (the session bus may come later than the app).
    fn connection(&self) -> Result<zbus::Connection, String> {
        let mut slot = self.connection.lock().map_err(|e| e.to_string())?;
        if let Some(connection) = slot.as_ref() {
            return Ok(connection.clone());
        }
        // A frozen notification service must not hold an alert (and a blocking thread) for
        // ever: every call gives up after a few seconds.
        let connection = futures_lite::future::block_on(async {
            zbus::connection::Builder::session()
                .method_timeout(CALL_TIMEOUT)
                .build()
                .await
        })
        .map_err(|e| e.to_string())?;
        if let Some(on_click) = self.on_click.clone() {
            listen(connection.clone(), self.shown.clone(), on_click)?;
        }
        *slot = Some(connection.clone());
        Ok(connection)
    }

    fn forget_old(&self) {
        if let Ok(mut shown) = self.shown.lock() {
            shown.retain(|_, (_, at)| at.elapsed() < REMEMBER_FOR);
        }
    }
}

/// One thread for every alert's click and close.
fn listen(connection: zbus::Connection, shown: Shown, on_click: OnClick) -> Result<(), String> {
    let rule = |member: &'static str| {
        zbus::MatchRule::builder()
            .msg_type(zbus::message::Type::Signal)
            .interface(SERVICE)
            .member(member)
            .build()
            .map_err(|e| e.to_string())
    };
    let (invoked, closed) = (rule("ActionInvoked")?, rule("NotificationClosed")?);
    futures_lite::future::block_on(async {
        let bus = zbus::fdo::DBusProxy::new(&connection).await?;
        bus.add_match_rule(invoked).await?;
        bus.add_match_rule(closed).await
    })
    .map_err(|e| e.to_string())?;
    std::thread::Builder::new()
        .name("notification clicks".into())
        .spawn(move || {
            futures_lite::future::block_on(async move {
                let mut messages = zbus::MessageStream::from(&connection);
                // One unreadable message is skipped; the stream ends only with the connection.
                while let Some(message) = messages.next().await {
                    let Ok(message) = message else {
                        continue;
                    };
                    let header = message.header();
                    let member = header.member().map(|m| m.as_str().to_string());
                    let id_and_click = match member.as_deref() {
                        Some("ActionInvoked") => message
                            .body()
                            .deserialize::<(u32, String)>()
                            .ok()
                            .map(|(id, action)| (id, action == "default")),
                        Some("NotificationClosed") => message
                            .body()
                            .deserialize::<(u32, u32)>()
                            .ok()
                            .map(|(id, _)| (id, false)),
                        _ => None,
                    };
                    let Some((id, clicked)) = id_and_click else {
                        continue;
                    };
                    let visitor = shown
                        .lock()
                        .ok()
                        .and_then(|mut shown| shown.remove(&id))
                        .map(|(visitor, _)| visitor);
                    if let (true, Some(visitor)) = (clicked, visitor) {
                        on_click(visitor);
                    }
                }
            })
        })
        .map(|_| ())
        .map_err(|e| e.to_string())
}

impl Notifier for SharedNotifier {
    fn show(&self, alert: &Alert, words: &Messages) -> Result<(), String> {
        self.forget_old();
        let connection = self.connection()?;
        let show_visitor = words.text("alert-show-visitor", &[]);
        let actions: Vec<&str> = if self.on_click.is_some() {
            vec!["default", show_visitor.as_str()]
        } else {
            Vec::new()
        };
        let hints: HashMap<&str, Variant<'_>> = HashMap::new();
        let (title, body) = (alert.title(words), escape_markup(&alert.body(words)));
        let sent = futures_lite::future::block_on(connection.call_method(
            Some(SERVICE),
            PATH,
            Some(SERVICE),
            "Notify",
            &(
                "Front Desk",
                0u32,
                "",
                title.as_str(),
                body.as_str(),
                actions,
                hints,
                -1i32,
            ),
        ));
        // A failed call (no notification service, a timeout) keeps the connection: opening a
        // new one per alert would start a listener per alert too.
        let id: u32 = sent
            .and_then(|reply| reply.body().deserialize())
            .map_err(|error| error.to_string())?;
        if self.on_click.is_some() {
            if let Ok(mut shown) = self.shown.lock() {
                shown.insert(id, (alert.visitor_id, Instant::now()));
            }
        }
        Ok(())
    }
}
