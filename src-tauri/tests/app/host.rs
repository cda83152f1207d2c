//! The host's view in the real window: register a visitor for two dates in one go, see them,
//! cancel one.

use std::time::{Duration, Instant};

use crate::e2e::{launch, Launch, WAIT};
use chrono::{Duration as Days, Local};
use serde_json::json;

async fn visitors_named(app: &crate::e2e::App, name: &str) -> usize {
    app.sim_get("/_sim/state").await["visitors"]
        .as_array()
        .expect("visitors")
        .iter()
        .filter(|v| v["FullName"] == name)
        .count()
}

#[tokio::test]
async fn a_host_registers_two_dates_in_one_go_and_cancels_one() {
    let app = launch(Launch::default()).await;
    app.sign_in_as_host("ana@frontdesk.test").await;
    app.wait_for_text("Register a visitor").await;

    app.fill("Visitor's full name", "Dana Scully").await;
    app.fill("Visitor's email", "dana.scully@guests.frontdesk.test")
        .await;
    for days in [2, 3] {
        let date = (Local::now() + Days::days(days))
            .format("%Y-%m-%d")
            .to_string();
        // Date inputs take their value as a person's picker would set it.
        let field = app.field("Date").await;
        let element = serde_json::to_value(&field).expect("element");
        app.browser
            .execute(
                "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', { bubbles: true }));",
                vec![element, json!(date)],
            )
            .await
            .expect("set date");
        app.click("Add date").await;
    }
    app.screenshot("host-register").await;
    app.click("Register").await;
    app.wait_for_text("Dana Scully is registered for 2 dates.")
        .await;

    let deadline = Instant::now() + WAIT * 2;
    while visitors_named(&app, "Dana Scully").await != 2 {
        assert!(
            Instant::now() < deadline,
            "the two visits never reached the server"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let posts = app
        .sim_get("/_sim/log")
        .await
        .as_array()
        .expect("log")
        .iter()
        .filter(|e| e["method"] == "POST" && e["path"] == "/api/public/visitors")
        .count();
    assert_eq!(posts, 1, "both dates in one request");

    // Once synced, the list shows them with ids; cancel the first.
    let deadline = Instant::now() + WAIT * 2;
    let cancel = loop {
        let named: serde_json::Value = app
            .script("return [...document.querySelectorAll('#upcoming-list button')].map(b => b.getAttribute('aria-label')).filter(l => l.includes('Dana Scully'));")
            .await;
        if let Some(label) = named
            .as_array()
            .and_then(|l| l.first())
            .and_then(|l| l.as_str())
        {
            break label.to_string();
        }
        assert!(
            Instant::now() < deadline,
            "no cancel button for Dana Scully"
        );
        tokio::time::sleep(Duration::from_millis(300)).await;
    };
    // The list follows the server while the test clicks (the synced rows replace the queued
    // ones): a click on a row redrawn under the pointer is made again, as a person would.
    let confirm = format!("Confirm {}", cancel.replacen("Cancel", "cancel", 1));
    let mut tries = 0;
    loop {
        tries += 1;
        let armed = app
            .script(&format!(
                "return !!document.querySelector('#upcoming-list button[aria-label=\"{confirm}\"]');"
            ))
            .await
            == serde_json::Value::Bool(true);
        let first = if armed {
            Ok(())
        } else {
            app.button_named(&cancel).await.click().await
        };
        let clicked = match first {
            Ok(()) => app.button_named(&confirm).await.click().await,
            Err(error) => Err(error),
        };
        match clicked {
            Ok(()) => break,
            Err(error) if tries < 5 => eprintln!("host: the row was redrawn ({error}); again"),
            Err(error) => panic!("cancel: {error}"),
        }
    }
    while visitors_named(&app, "Dana Scully").await != 1 {
        assert!(
            Instant::now() < deadline,
            "the cancellation never reached the server"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    app.screenshot("host-upcoming").await;
    app.finish().await;
}
