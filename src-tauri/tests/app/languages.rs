//! The window in another language: switched to Spanish in Settings, a desk's screens, its
//! form messages and its desktop notifications are Spanish; and in the pseudo-locale (accented,
//! 40% longer English) no word shows that did not come from a catalog, and no text overflows
//! its control.

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use crate::e2e::{launch, App, Launch};
use crate::notify_monitor::NotifyMonitor;
use serde_json::{json, Value};

/// Signs in through the form by its fields' ids (their labels are in the desk's language).
async fn sign_in_by_ids(app: &App, email: &str, space: &str) {
    app.wait_until(
        "the sign-in form",
        "return !document.getElementById('sign-in-screen').hidden;",
    )
    .await;
    app.script(&format!(
        "for (const [id, value] of [['email', {email:?}], ['password', 'frontdesk'], ['space', {space:?}]]) {{
           const field = document.getElementById(id);
           field.value = value;
           field.dispatchEvent(new Event('input', {{ bubbles: true }}));
         }}
         document.getElementById('sign-in-button').click();
         return true;"
    ))
    .await;
    app.wait_until(
        "signed in",
        "return document.getElementById('sign-in-screen').hidden && !document.getElementById('sections').hidden;",
    )
    .await;
}

/// Opens a section by its tab's place in the page (its name is in the desk's language).
async fn open_screen(app: &App, screen: &str) {
    app.script(&format!(
        "document.querySelector('#sections button[data-screen=\"{screen}\"]').click(); return true;"
    ))
    .await;
    app.wait_until(
        &format!("{screen} shows"),
        &format!("return !document.getElementById('{screen}').hidden;"),
    )
    .await;
}

#[tokio::test]
async fn a_desk_switched_to_spanish_shows_its_screens_messages_and_alerts_in_spanish() {
    let app = launch(Launch::default()).await;
    let monitor = NotifyMonitor::start();
    let name = "Zoë Ångström";
    let id = app
        .add_visitor(
            name,
            1001,
            2001,
            chrono::Utc::now() + chrono::Duration::minutes(20),
        )
        .await;
    app.sign_in_as_host("ana@frontdesk.test").await;

    // The person's switch: Settings, Language, Español. The window is drawn again in it.
    app.open("Settings").await;
    app.wait_until(
        "the language choice lists Spanish by its own name",
        "return [...document.getElementById('settings-language').options].some(o => o.value === 'es' && o.textContent === 'Español');",
    )
    .await;
    app.script(
        "const select = document.getElementById('settings-language');
         select.value = 'es';
         select.dispatchEvent(new Event('change', { bubbles: true }));
         return true;",
    )
    .await;
    // Picking is not applying: the window stays English until the person confirms.
    assert_eq!(
        app.script("return document.documentElement.lang;").await,
        "en"
    );
    app.click("Use this language").await;
    app.wait_until(
        "the window is drawn again in Spanish",
        "return document.documentElement.lang === 'es'
           && document.querySelector('#sections button[data-screen=\"settings-screen\"]')?.getAttribute('aria-label') === 'Ajustes';",
    )
    .await;
    app.wait_for_text("Mis visitantes").await;

    // A desktop notification in Spanish: the test one, then a real arrival.
    open_screen(&app, "settings-screen").await;
    app.click("Enviar notificación de prueba").await;
    app.wait_for_text("Enviada. Deberías verla en tu escritorio.")
        .await;
    assert_eq!(
        monitor.calls_naming("Notificación de prueba de Front Desk"),
        1
    );
    tokio::time::sleep(Duration::from_secs(2)).await;
    let checked_in = Instant::now();
    app.http
        .post(format!(
            "{}/_sim/visitors/{id}/check-in",
            app.sim.base_url()
        ))
        .json(&json!({"location": "Lobby kiosk"}))
        .send()
        .await
        .expect("kiosk check-in");
    app.wait_for_text(&format!("{name} ha llegado")).await;
    while monitor.calls_naming(&format!("{name} ha llegado")) == 0 {
        assert!(
            checked_in.elapsed() < Duration::from_secs(15),
            "no Spanish desktop notification"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    app.screenshot("spanish-host-arrival").await;
    app.finish().await;

    // The choice is the desk's: reception on the same language, through the environment.
    let app = launch(Launch {
        env: vec![("FRONTDESK_LANG".into(), "es".into())],
        ..Launch::default()
    })
    .await;
    app.wait_for_text("Inicia sesión con tu cuenta de Nexudus")
        .await;
    sign_in_by_ids(&app, "reception@frontdesk.test", "").await;
    app.wait_for_text("Visitantes de hoy").await;
    app.wait_until(
        "today's rows offer their actions in Spanish",
        "return [...document.querySelectorAll('#reception-screen button')]
           .some(b => b.textContent === 'Registrar entrada' && b.getAttribute('aria-label').startsWith('Registrar la entrada de '));",
    )
    .await;
    app.screenshot("spanish-today").await;

    // The walk-in form's field messages, each a whole Spanish sentence.
    open_screen(&app, "walk-in-screen").await;
    app.script("document.getElementById('walk-in-button').click(); return true;")
        .await;
    app.wait_for_text("El campo Nombre completo es obligatorio")
        .await;
    app.wait_for_text("El campo Correo electrónico es obligatorio")
        .await;
    app.screenshot("spanish-walk-in").await;
    app.finish().await;
}

/// Every word of three ASCII letters or more in `value`'s strings: what the server holds.
fn data_words(value: &Value, into: &mut BTreeSet<String>) {
    match value {
        Value::String(text) => {
            for word in text.split(|c: char| !c.is_ascii_alphabetic()) {
                if word.len() >= 3 {
                    into.insert(word.to_string());
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| data_words(v, into)),
        Value::Object(map) => map.values().for_each(|v| data_words(v, into)),
        _ => {}
    }
}

/// What the visible page shows that is neither the catalog's (pseudo text has no plain ASCII
/// letters) nor the server's data, and which elements' text overflows them.
const PSEUDO_CHECK: &str = r#"
const data = new Set(arguments[0]);
// Month and day names and AM/PM are Intl's, in the locale's own words: not hard-coded text.
const intl = (options, dates) => dates.flatMap((d) => new Intl.DateTimeFormat(document.documentElement.lang, options).formatToParts(d).map((p) => p.value));
const months = [...Array(12).keys()].map((m) => new Date(2020, m, 1));
const days = [...Array(7).keys()].map((d) => new Date(2020, 0, 5 + d, d * 3));
for (const value of [...intl({ month: 'short' }, months), ...intl({ month: 'long' }, months), ...intl({ weekday: 'short', hour: 'numeric' }, days), ...intl({ weekday: 'long', hour: 'numeric' }, days)]) {
  for (const word of value.match(/[A-Za-z]{3,}/g) ?? []) data.add(word);
}
data.add('AM'); data.add('PM');
const visible = (el) => el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
const plain = [];
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
for (let node = walker.nextNode(); node; node = walker.nextNode()) {
  const parent = node.parentElement;
  if (!visible(parent) || parent.closest('code, script, style, #app-version, #app-server')) continue;
  const words = (node.textContent.match(/[A-Za-z]{3,}/g) ?? []).filter((w) => !data.has(w));
  if (words.length) plain.push(`${parent.tagName.toLowerCase()}#${parent.id}: ${node.textContent.trim()}`);
}
for (const el of document.querySelectorAll('[placeholder], [aria-label], [title]')) {
  if (!visible(el)) continue;
  for (const name of ['placeholder', 'aria-label', 'title']) {
    const words = (el.getAttribute(name)?.match(/[A-Za-z]{3,}/g) ?? []).filter((w) => !data.has(w));
    if (words.length) plain.push(`${el.tagName.toLowerCase()}#${el.id}[${name}]: ${el.getAttribute(name)}`);
  }
}
const overflowing = [];
for (const el of document.querySelectorAll('button, label, legend, h1, h2, h3, th, summary, select, .chip, .badge, .status')) {
  if (!visible(el) || el.clientWidth === 0) continue;
  if (el.scrollWidth > el.clientWidth + 1) overflowing.push(`${el.tagName.toLowerCase()}#${el.id}.${el.className}: ${el.textContent.trim().slice(0, 60)} (${el.scrollWidth} > ${el.clientWidth})`);
}
if (document.documentElement.scrollWidth > window.innerWidth + 1) overflowing.push(`the page is ${document.documentElement.scrollWidth}px wide in a ${window.innerWidth}px window`);
return { plain, overflowing };
"#;

/// Runs the check on what shows now; its findings are added to `problems` under `place`.
async fn pseudo_check(app: &App, place: &str, data: &[String], problems: &mut Vec<String>) {
    tokio::time::sleep(Duration::from_millis(500)).await;
    let found = app
        .browser
        .execute(PSEUDO_CHECK, vec![json!(data)])
        .await
        .expect("check script");
    app.screenshot(&format!("pseudo-{place}")).await;
    for kind in ["plain", "overflowing"] {
        for item in found[kind].as_array().into_iter().flatten() {
            problems.push(format!("{place}: {kind}: {}", item.as_str().unwrap_or("?")));
        }
    }
}

/// The words the simulator's data holds, and the names the desk shows as they are.
async fn known_data(app: &App) -> Vec<String> {
    let mut data = BTreeSet::new();
    data_words(&app.sim_get("/_sim/state").await, &mut data);
    for word in [
        "Front",
        "Desk",
        "Nexudus",
        "frontdesk",
        "test",
        "reception",
        "http",
        "localhost",
        "CSV",
        "PDF",
        "CUPS",
    ] {
        data.insert(word.to_string());
    }
    data.into_iter().collect()
}

#[tokio::test]
async fn in_the_pseudo_locale_every_word_comes_from_a_catalog_and_nothing_overflows() {
    let pseudo = || Launch {
        env: vec![("FRONTDESK_LANG".into(), "qps".into())],
        ..Launch::default()
    };
    let mut problems = Vec::new();
    let app = launch(pseudo()).await;
    let data = known_data(&app).await;
    app.wait_until(
        "the sign-in form",
        "return !document.getElementById('sign-in-screen').hidden;",
    )
    .await;
    pseudo_check(&app, "sign-in", &data, &mut problems).await;
    sign_in_by_ids(&app, "reception@frontdesk.test", "").await;
    app.wait_until(
        "today's list is drawn",
        "return document.querySelectorAll('#reception-screen button').length > 3;",
    )
    .await;
    for screen in [
        "reception-screen",
        "walk-in-screen",
        "on-site-screen",
        "log-screen",
        "sync-screen",
        "settings-screen",
    ] {
        open_screen(&app, screen).await;
        pseudo_check(&app, screen, &data, &mut problems).await;
    }
    app.finish().await;

    // A host's screens.
    let app = launch(pseudo()).await;
    sign_in_by_ids(&app, "ana@frontdesk.test", "shoreditch").await;
    for screen in ["host-screen", "sync-screen", "settings-screen"] {
        open_screen(&app, screen).await;
        pseudo_check(&app, &format!("host-{screen}"), &data, &mut problems).await;
    }
    app.finish().await;
    assert!(
        problems.is_empty(),
        "{} problems in the pseudo-locale:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn the_command_line_speaks_the_language_it_is_given() {
    let data = std::env::temp_dir().join(format!("frontdesk-cli-es-{}", std::process::id()));
    let run = |language: &str, args: &[&str]| {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_frontdesk"))
            .args(args)
            .env("FRONTDESK_LANG", language)
            .env("FRONTDESK_DATA_DIR", &data)
            .env("FRONTDESK_POLICY", data.join("no-policy.toml"))
            .output()
            .expect("run frontdesk");
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    let status = run("es", &["queue", "status"]);
    assert!(
        status.contains("cuenta:") && status.contains("sesión cerrada"),
        "{status}"
    );
    let empty = run("es", &["queue", "list"]);
    assert!(empty.contains("La cola está vacía."), "{empty}");
    let help = run("es", &["sync", "--help"]);
    assert!(
        help.contains("Envía a Nexudus los cambios pendientes"),
        "{help}"
    );
    // A cron job's script reads the language it was written for.
    let english = run("en", &["queue", "list"]);
    assert!(english.contains("The queue is empty."), "{english}");
    let _ = std::fs::remove_dir_all(&data);
}
