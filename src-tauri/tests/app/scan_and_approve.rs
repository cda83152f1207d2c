//! Scan to check in and host approval at the desk, in the real window: codes are typed into
//! the focused scan field and ended with Enter, as a USB scanner does; reception approves and
//! declines for hosts; a declined visitor takes a second click to check in.

use crate::e2e::{launch, App, Launch};
use chrono::Utc;
use serde_json::{json, Value};

const SHOREDITCH: i64 = 1001;
const ANA: i64 = 2001;
/// WebDriver's Enter key, which a scanner sends after the code.
const ENTER: &str = "\u{E007}";

/// `minutes` from now, kept inside the location's current day (London), so the test means the
/// same at 23:58.
fn today_near(minutes: i64) -> chrono::DateTime<Utc> {
    use frontdesk_core::day::{Day, DayZone};
    let now = Utc::now();
    let day = Day::containing(now, DayZone::of_location(Some("Europe/London"), None));
    (now + chrono::Duration::minutes(minutes)).clamp(day.start, day.end)
}

/// A visitor for Ana expected soon, with the host approval `status`; answers id and code.
async fn expected(app: &App, name: &str, minutes: i64, status: i64) -> (i64, String) {
    let id = app
        .add_visitor(name, SHOREDITCH, ANA, today_near(minutes))
        .await;
    if status != 1 {
        let answer = app
            .http
            .post(format!(
                "{}/_sim/visitors/{id}/approval",
                app.sim.base_url()
            ))
            .json(&json!({ "status": status }))
            .send()
            .await
            .expect("approval");
        assert!(answer.status().is_success());
    }
    let record = app.sim_get(&format!("/_sim/visitors/{id}")).await;
    let code = record["VisitorCode"].as_str().expect("code").to_string();
    (id, code)
}

fn record(state: &Value, id: i64) -> Value {
    state["visitors"]
        .as_array()
        .expect("visitors")
        .iter()
        .find(|v| v["Id"] == id)
        .cloned()
        .unwrap_or(Value::Null)
}

/// Types into whatever has the focus, as a keyboard-wedge scanner does, and ends with Enter.
async fn scan(app: &App, text: &str) {
    app.browser
        .active_element()
        .await
        .expect("focused field")
        .send_keys(&format!("{text}{ENTER}"))
        .await
        .expect("scan");
}

/// Waits for the scan answer `outcome` whose large line is `message`, with the field cleared
/// and focused for the next scan.
async fn answered(app: &App, outcome: &str, message: &str) {
    let script = format!(
        "const box = document.getElementById('scan-result');
         const field = document.getElementById('scan-code');
         return !box.hidden && box.dataset.outcome === {outcome:?}
           && document.getElementById('scan-message').textContent === {message:?}
           && field.value === '' && document.activeElement === field;"
    );
    app.wait_until(&format!("the scan answered {outcome}: {message}"), &script)
        .await;
}

#[tokio::test]
async fn a_scanner_checks_visitors_in_and_reception_answers_for_hosts() {
    let mut app = launch(Launch {
        empty: true,
        ..Launch::default()
    })
    .await;
    let (ada, ada_code) = expected(&app, "Ada Scanner", 10, 1).await;
    let (dan, dan_code) = expected(&app, "Dan Declined", 12, 3).await;
    let (rhea, _) = expected(&app, "Rhea Requested", 14, 2).await;
    let (sam, _) = expected(&app, "Sam Requested", 16, 2).await;
    let (quinn, quinn_code) = expected(&app, "Quinn Offline", 18, 1).await;
    app.sign_in_as("reception@frontdesk.test").await;
    app.wait_for_text("Quinn Offline").await;
    app.wait_until(
        "the scan field has the focus",
        "return document.activeElement && document.activeElement.id === 'scan-code';",
    )
    .await;

    scan(&app, &ada_code).await;
    answered(
        &app,
        "checked_in",
        "Welcome, Ada Scanner, visiting Ana Oliveira.",
    )
    .await;
    app.wait_until(
        "the confirmation names the host and the sound cue is the welcome one",
        "return document.getElementById('scan-detail').textContent.includes('Host: Ana Oliveira')
           && document.getElementById('scan-result').dataset.cue === 'ok';",
    )
    .await;
    app.screenshot("scan-checked-in").await;
    app.wait_for_sim("Ada checked in", |s| record(s, ada)["Arrived"] == true)
        .await;

    // Scanned twice, an unknown code, a declined visitor: said, with the other cue, and sent
    // nowhere.
    scan(&app, &ada_code).await;
    answered(
        &app,
        "already_on_site",
        "Ada Scanner is already checked in, visiting Ana Oliveira.",
    )
    .await;
    scan(&app, "NOT-A-CODE").await;
    answered(
        &app,
        "unknown",
        "No visitor expected here today has the code NOT-A-CODE. Check the code, or search by name.",
    )
    .await;
    scan(&app, &dan_code).await;
    answered(
        &app,
        "declined",
        "Not checked in: the host declined Dan Declined's visit. Find them in the list to check them in anyway.",
    )
    .await;
    let cue = app
        .script("return document.getElementById('scan-result').dataset.cue;")
        .await;
    assert_eq!(cue, "problem");
    app.screenshot("scan-declined").await;

    // Reception answers for hosts who have not.
    app.button_named("Approve Rhea Requested")
        .await
        .click()
        .await
        .expect("approve");
    app.wait_for_sim("Rhea approved, to be collected", |s| {
        record(s, rhea)["HostApprovalStatus"] == 4
    })
    .await;
    app.button_named("Decline Sam Requested")
        .await
        .click()
        .await
        .expect("decline");
    app.button_named("Confirm: decline Sam Requested")
        .await
        .click()
        .await
        .expect("confirm decline");
    app.wait_for_sim("Sam declined", |s| {
        record(s, sam)["HostApprovalStatus"] == 3
    })
    .await;

    // Checking in someone the host declined asks first.
    app.button_named("Check in Dan Declined")
        .await
        .click()
        .await
        .expect("check in");
    app.wait_for_text("Declined by host: check in anyway?")
        .await;
    let state = app.sim_get("/_sim/state").await;
    assert_eq!(
        record(&state, dan)["Arrived"],
        false,
        "not on the first click"
    );
    app.button_named("Confirm: check in Dan Declined, whom the host declined")
        .await
        .click()
        .await
        .expect("confirm");
    app.wait_for_sim("Dan checked in after the confirmation", |s| {
        record(s, dan)["Arrived"] == true
    })
    .await;

    // Offline, from the cache: the code inside a link, as a QR may carry it.
    app.go_offline().await;
    app.script("document.getElementById('scan-code').focus();")
        .await;
    scan(
        &app,
        &format!("https://frontdesk.test/visit?code={quinn_code}"),
    )
    .await;
    answered(
        &app,
        "checked_in",
        "Welcome, Quinn Offline, visiting Ana Oliveira.",
    )
    .await;
    app.come_back().await;
    app.wait_for_sim("Quinn's offline check-in arrives", |s| {
        record(s, quinn)["Arrived"] == true
    })
    .await;
    let state = app.sim_get("/_sim/state").await;
    assert_eq!(
        record(&state, rhea)["Arrived"],
        false,
        "approving is not checking in"
    );
    app.finish().await;
}
