//! Reception's dashboard in the real window.

use std::time::{Duration, Instant};

use crate::e2e::{launch, Launch, WAIT};
use serde_json::Value;

const HTML_NAME: &str = "<img src=x onerror=\"alert('xss')\">Mallory";

async fn visible_rows(app: &crate::e2e::App) -> usize {
    app.script(
        "return document.querySelectorAll('#reception-screen .visitor:not([hidden])').length;",
    )
    .await
    .as_u64()
    .unwrap_or_default() as usize
}

#[tokio::test]
async fn reception_sees_today_searches_and_checks_visitors_in_and_out() {
    let app = launch(Launch::default()).await;
    app.sign_in_as("reception@frontdesk.test").await;
    app.wait_for_text("Today's visitors").await;
    app.wait_for_text("Zoë Ångström").await;
    app.screenshot("reception-dashboard").await;

    // A name that looks like HTML is shown as text, and nothing in it runs.
    let text = app.visible_text().await;
    assert!(text.contains(HTML_NAME), "the name is shown literally");
    let images = app
        .script("return document.querySelectorAll('.visitor-list img').length;")
        .await;
    assert_eq!(images, Value::from(0));

    // Search filters as you type.
    let all = visible_rows(&app).await;
    assert!(all >= 20, "{all} rows");
    app.fill("Search", "zoë").await;
    let deadline = Instant::now() + WAIT;
    while visible_rows(&app).await != 1 {
        assert!(
            Instant::now() < deadline,
            "search did not narrow to one row"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    app.fill("Search", "").await;

    // One click checks an expected visitor in; the server has it, the row moves on site.
    let state = app.sim_get("/_sim/state").await;
    let waiting = state["visitors"]
        .as_array()
        .expect("visitors")
        .iter()
        .find(|v| {
            v["BusinessId"] == 1001
                && v["Arrived"] == false
                && v["FullName"].as_str().is_some_and(|n| !n.contains('<'))
                && text.contains(v["FullName"].as_str().unwrap_or("?"))
                // One click: no approval asked, or the host approved (else it takes two).
                && ![2, 3].contains(&v["HostApprovalStatus"].as_i64().unwrap_or(1))
        })
        .expect("someone expected")
        .clone();
    let (id, name) = (
        waiting["Id"].as_i64().expect("id"),
        waiting["FullName"].as_str().expect("name").to_string(),
    );
    app.button_named(&format!("Check in {name}"))
        .await
        .click()
        .await
        .expect("click");
    let deadline = Instant::now() + WAIT * 2;
    while app.sim_get(&format!("/_sim/visitors/{id}")).await["Arrived"] != true {
        assert!(
            Instant::now() < deadline,
            "check-in never reached the server"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    app.button_named(&format!("Check out {name}"))
        .await
        .click()
        .await
        .expect("click");
    while !app.sim_get(&format!("/_sim/visitors/{id}")).await["DepartureDate"].is_string() {
        assert!(
            Instant::now() < deadline,
            "check-out never reached the server"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    app.wait_for_text("Everything is synced.").await;
    app.screenshot("reception-after-check-out").await;
    assert_eq!(app.host_notices(id).await, 1, "checked in exactly once");
    app.finish().await;
}

/// A desk whose clock is 10 minutes fast (the server's answers say so) is told, in words a
/// receptionist can act on.
#[tokio::test]
async fn a_desk_with_a_wrong_clock_is_warned() {
    let app = launch(Launch {
        sim_config: serde_json::json!({"date_offset_secs": -600}),
        ..Launch::default()
    })
    .await;
    app.sign_in_as("reception@frontdesk.test").await;
    app.wait_for_text("Today's visitors").await;
    app.wait_for_text("This computer's clock is 10 minutes fast")
        .await;
    app.finish().await;
}
