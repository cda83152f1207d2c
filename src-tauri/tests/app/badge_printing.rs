//! Badges printed at check-in in the real window, through a real CUPS with a virtual PDF
//! printer: Settings → Badges chooses the printer, a scanned check-in prints at once, and the
//! printed page's QR code is read back; a stopped printer is said and the check-in stands.

use crate::cups::{qr_codes_in, wait_for_printed_in, PrivateCups};
use crate::e2e::{launch, App, Launch};
use chrono::Utc;
use serde_json::Value;

const SHOREDITCH: i64 = 1001;
const ANA: i64 = 2001;
const PRINTER: &str = "FrontDeskLabels";

fn today_near(minutes: i64) -> chrono::DateTime<Utc> {
    use frontdesk_core::day::{Day, DayZone};
    let now = Utc::now();
    let day = Day::containing(now, DayZone::of_location(Some("Europe/London"), None));
    (now + chrono::Duration::minutes(minutes)).clamp(day.start, day.end)
}

async fn expected(app: &App, name: &str, minutes: i64) -> (i64, String) {
    let id = app
        .add_visitor(name, SHOREDITCH, ANA, today_near(minutes))
        .await;
    let record = app.sim_get(&format!("/_sim/visitors/{id}")).await;
    (
        id,
        record["VisitorCode"].as_str().expect("code").to_string(),
    )
}

fn arrived(state: &Value, id: i64) -> bool {
    state["visitors"]
        .as_array()
        .expect("visitors")
        .iter()
        .any(|v| v["Id"] == id && v["Arrived"] == true)
}

#[tokio::test]
async fn a_check_in_prints_a_badge_whose_qr_code_is_the_visitor_code() {
    let Some(cups) = PrivateCups::start(PRINTER) else {
        return;
    };
    let app = launch(Launch {
        empty: true,
        env: vec![("CUPS_SERVER".into(), cups.server())],
        ..Launch::default()
    })
    .await;
    let (_, ada_code) = expected(&app, "Ada Labelle", 10).await;
    let (ben, _) = expected(&app, "Ben Stopped", 12).await;
    app.sign_in_as("reception@frontdesk.test").await;
    app.wait_for_text("Ben Stopped").await;

    // Settings → Badges: the printer CUPS has, the label, print at every check-in.
    app.open("Settings").await;
    app.wait_until(
        "the printer is offered",
        &format!("return [...document.getElementById('badge-printer').options].some((o) => o.value === '{PRINTER}');"),
    )
    .await;
    // A print server name that could be read as an option is refused, with the field named.
    app.fill("Print server", "-hevil.example").await;
    app.script("document.getElementById('badge-cups-server').dispatchEvent(new Event('change'));")
        .await;
    app.wait_for_text("The print server cannot start with -")
        .await;
    app.fill("Print server", "").await;
    app.script("document.getElementById('badge-cups-server').dispatchEvent(new Event('change'));")
        .await;
    app.wait_until(
        "the field's message is gone",
        "return document.getElementById('badge-cups-server-message').hidden && !document.getElementById('badge-cups-server').hasAttribute('aria-invalid');",
    )
    .await;
    app.field("Badge printer")
        .await
        .select_by_value(PRINTER)
        .await
        .expect("choose the printer");
    app.wait_for_text("Saved.").await;
    app.field("Label size")
        .await
        .select_by_value("brother62x100")
        .await
        .expect("choose the label");
    app.field("Print a badge at every check-in")
        .await
        .click()
        .await
        .expect("tick print at check-in");
    app.wait_until(
        "the settings are kept",
        "return document.getElementById('badge-at-check-in').checked && document.getElementById('badge-settings-result').textContent === 'Saved.';",
    )
    .await;
    app.screenshot("settings-badges").await;
    let kept = app.invoke("badge_settings", serde_json::json!({})).await;
    assert_eq!(kept["printer"], PRINTER);
    assert_eq!(kept["label"], "brother62x100");
    assert_eq!(kept["printAtCheckIn"], true);

    // A scanned check-in prints at once, with no dialog.
    app.open("Today").await;
    app.script("document.getElementById('scan-code').focus();")
        .await;
    app.browser
        .active_element()
        .await
        .expect("scan field")
        .send_keys(&format!("{ada_code}\u{E007}"))
        .await
        .expect("scan");
    app.wait_for_text(&format!("Badge for Ada Labelle sent to {PRINTER}."))
        .await;
    let out = cups.out.clone();
    let printed = tokio::task::spawn_blocking(move || wait_for_printed_in(&out, 1))
        .await
        .expect("printed");
    assert_eq!(qr_codes_in(&printed[0]), vec![ada_code]);
    assert!(
        !app.script("return document.getElementById('badge-dialog').open;")
            .await
            .as_bool()
            .unwrap_or(true),
        "no dialog"
    );

    // The label roll runs out: the check-in stands, and the desk says what to do.
    cups.stop_printer("Out of labels");
    app.button_named("Check in Ben Stopped")
        .await
        .click()
        .await
        .expect("check in");
    app.wait_for_text(&format!(
        "The printer \"{PRINTER}\" is stopped (Out of labels), so the badge was not printed."
    ))
    .await;
    app.wait_for_text("Ben Stopped's check-in is saved.").await;
    app.screenshot("badge-printer-stopped").await;
    app.wait_for_sim("Ben's check-in reached Nexudus", |s| arrived(s, ben))
        .await;
    assert_eq!(cups.printed().len(), 1, "nothing more was printed");
    app.finish().await;
}
