//! The visitor log in the real window: the last two weeks by default, read from Nexudus and
//! saved as CSV; offline, the same days from this computer's copy, and the screen says so.

use crate::e2e::{launch, App, Launch};
use chrono::{DateTime, Duration, Utc};
use frontdesk_core::day::{Day, DayZone};
use serde_json::json;

const SHOREDITCH: i64 = 1001;
const ANA: i64 = 2001;

fn noon(days_ago: i64) -> DateTime<Utc> {
    let london = DayZone::of_location(Some("Europe/London"), None);
    Day::containing(Utc::now() - Duration::days(days_ago), london).start + Duration::hours(12)
}

async fn visited(app: &App, name: &str, days_ago: i64) {
    let at = noon(days_ago);
    let mut body = nexudus_sim::control::registered_visitor(name, SHOREDITCH, ANA, at);
    body["Arrived"] = json!(true);
    body["ArrivalDate"] = json!((at + Duration::minutes(3))
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string());
    let added = app
        .http
        .post(format!("{}/_sim/visitors", app.sim.base_url()))
        .json(&body)
        .send()
        .await
        .expect("add");
    assert!(added.status().is_success());
}

const ROWS: &str = "return document.querySelectorAll('#log-rows tr').length;";

#[tokio::test]
async fn the_log_shows_two_weeks_from_nexudus_exports_them_and_works_offline() {
    let mut app = launch(Launch {
        empty: true,
        ..Launch::default()
    })
    .await;
    // A day inside each end of the two weeks, so a run that crosses midnight sees the same.
    for (name, days_ago) in [
        ("Lena Log", 1),
        ("Mo Log", 6),
        ("Noor Log", 12),
        ("Old Log", 20),
    ] {
        visited(&app, name, days_ago).await;
    }
    app.sign_in_as("reception@frontdesk.test").await;
    app.open("Visitor log").await;
    app.wait_until(
        "the last two weeks, from Nexudus",
        "return document.getElementById('log-source').dataset.source === 'nexudus' && document.querySelectorAll('#log-rows tr').length === 3;",
    )
    .await;
    let text = app.visible_text().await;
    assert!(
        text.contains("Noor Log") && !text.contains("Old Log"),
        "{text}"
    );
    assert!(text.contains("3 visitors."));
    app.screenshot("visitor-log").await;

    app.click("Export CSV").await;
    app.wait_for_text("Saved 3 visitors to ").await;
    let saved: Vec<_> = std::fs::read_dir(&app.export_dir)
        .expect("exports")
        .flatten()
        .map(|e| e.path())
        .collect();
    assert_eq!(saved.len(), 1, "{saved:?}");
    let csv = std::fs::read_to_string(&saved[0]).expect("csv");
    assert!(csv.starts_with("\u{feff}Expected,Arrived,Left,Name,Company,Email,Host,Source,"));
    assert_eq!(csv.lines().count(), 4, "{csv}");
    assert!(csv.contains(",Mo Log,"));

    // A reversed range names the field and keeps what was shown.
    app.script("const to = document.getElementById('log-to'); to.value = '2000-01-01';")
        .await;
    app.click("Show").await;
    app.wait_for_text("The last day must be on or after the first day")
        .await;
    assert_eq!(app.script(ROWS).await, 3);

    // Offline: the same days from this computer, and the screen says so.
    app.go_offline().await;
    app.script("document.getElementById('log-to').value = '';")
        .await;
    app.open("Today").await;
    app.open("Visitor log").await;
    app.wait_until(
        "the log from this computer's copy",
        "return document.getElementById('log-source').dataset.source === 'cache' && document.querySelectorAll('#log-rows tr').length === 3;",
    )
    .await;
    app.wait_for_text("this is this computer's copy").await;
    app.come_back().await;
    app.finish().await;
}
