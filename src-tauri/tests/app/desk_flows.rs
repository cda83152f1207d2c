//! The desk's everyday flows in the real window: a walk-in with a host, the evacuation list
//! and a badge, a check-in made offline, a refused registration corrected in the sync panel,
//! the settings, and signing out with the account's data removed. Each main screen is saved as
//! a screenshot.

use crate::e2e::{launch, App, Launch};
use serde_json::{json, Value};

const ANA_COWORKER: i64 = 2001;

fn visitors(state: &Value) -> &Vec<Value> {
    state["visitors"].as_array().expect("visitors")
}

/// Someone the window lists as expected at Shoreditch (a plain name, not the demo's markup
/// test), once today's list has shown: their id and name.
pub(crate) async fn someone_expected(app: &App) -> (i64, String) {
    app.wait_for_text("Zoë Ångström").await;
    let text = app.visible_text().await;
    let state = app.sim_get("/_sim/state").await;
    let waiting = visitors(&state)
        .iter()
        .find(|v| {
            v["BusinessId"] == 1001
                && v["Arrived"] == false
                // One click: no approval asked, or the host approved (else it takes two).
                && ![2, 3].contains(&v["HostApprovalStatus"].as_i64().unwrap_or(1))
                && v["FullName"]
                    .as_str()
                    .is_some_and(|n| !n.contains('<') && text.contains(n))
        })
        .expect("someone expected")
        .clone();
    let id = waiting["Id"].as_i64().expect("id");
    let name = waiting["FullName"].as_str().expect("name").to_string();
    (id, name)
}

/// Takes the desk offline and checks `name` in there: the change waits in the queue.
pub(crate) async fn check_in_offline(app: &mut App, name: &str) {
    app.go_offline().await;
    app.button_named(&format!("Check in {name}"))
        .await
        .click()
        .await
        .expect("check in");
    app.wait_for_text("Offline: changes are kept").await;
}

#[tokio::test]
async fn a_walk_in_with_a_host_is_checked_in_listed_on_site_exported_and_badged() {
    let app = launch(Launch::default()).await;
    app.sign_in_as("reception@frontdesk.test").await;
    app.wait_for_text("Zoë Ångström").await;
    app.screenshot("today").await;

    // The sections are a tab strip: arrow keys move between them.
    app.script("document.querySelector('#sections button[aria-label=\"Today\"]').focus();")
        .await;
    app.browser
        .active_element()
        .await
        .expect("focused tab")
        .send_keys("\u{E014}")
        .await
        .expect("arrow right");
    app.wait_until(
        "the arrow key opened the walk-in form",
        "return !document.getElementById('walk-in-screen').hidden;",
    )
    .await;

    // Nothing is queued until the form is right.
    app.click("Check in walk-in").await;
    app.wait_for_text("Full name is a required field").await;
    app.wait_for_text("Email is a required field").await;

    app.fill("Full name", "Walter Walkin").await;
    app.fill("Email", "walter@walkin.frontdesk.test").await;
    app.fill("Phone", "+44 20 7946 0000").await;
    app.fill("Company", "Walkin & Sons").await;
    app.fill("Host", "oliv").await;
    app.button_named("Choose host Ana Oliveira")
        .await
        .click()
        .await
        .expect("choose host");
    app.wait_for_text("Host: Ana Oliveira").await;
    app.fill("Reason for the visit", "Interview").await;
    app.screenshot("walk-in").await;
    app.click("Check in walk-in").await;
    app.wait_for_text("Walter Walkin is checked in.").await;

    let state = app
        .wait_for_sim("the walk-in, checked in, with Ana as host", |state| {
            visitors(state)
                .iter()
                .any(|v| v["FullName"] == "Walter Walkin" && v["Arrived"] == true)
        })
        .await;
    let created: Vec<&Value> = visitors(&state)
        .iter()
        .filter(|v| v["FullName"] == "Walter Walkin")
        .collect();
    assert_eq!(created.len(), 1, "created once");
    assert_eq!(created[0]["CoworkerId"], ANA_COWORKER);
    assert_eq!(created[0]["CompanyName"], "Walkin & Sons");
    assert_eq!(created[0]["VisitReason"], "Interview");

    // The evacuation list has them, and so does its CSV.
    app.open("On site").await;
    app.wait_until(
        "Walter is on the evacuation list",
        "return [...document.querySelectorAll('#on-site-rows tr')].some((tr) => tr.textContent.startsWith('Walter WalkinWalkin & SonsAna Oliveira'));",
    )
    .await;
    app.screenshot("on-site").await;
    app.click("Export CSV").await;
    app.wait_for_text("Saved to ").await;
    let saved: Vec<_> = std::fs::read_dir(&app.export_dir)
        .expect("export dir")
        .flatten()
        .map(|e| e.path())
        .collect();
    assert_eq!(saved.len(), 1, "one file: {saved:?}");
    let csv = std::fs::read_to_string(&saved[0]).expect("csv");
    assert!(csv.starts_with("\u{feff}Name,Company,Host,Email,Arrived,Visitor code\r\n"));
    assert!(
        csv.contains("Walter Walkin,Walkin & Sons,Ana Oliveira,walter@walkin.frontdesk.test,"),
        "{csv}"
    );
    let listed = app
        .script("return document.querySelectorAll('#on-site-rows tr').length;")
        .await;
    assert_eq!(
        Some(csv.lines().count() as u64 - 1),
        listed.as_u64(),
        "the file lists whoever the screen lists"
    );

    // A badge for the visitor, ready for the print dialog.
    app.button_named("Badge for Walter Walkin")
        .await
        .click()
        .await
        .expect("badge");
    app.wait_until(
        "the badge shows the visitor and host",
        "return document.getElementById('badge-dialog').open && document.getElementById('badge-name').textContent === 'Walter Walkin' && document.getElementById('badge-host').textContent === 'Visiting Ana Oliveira';",
    )
    .await;
    app.screenshot("badge").await;
    app.click("Close").await;

    // Every control on every screen has a name a person (and a screen reader) can use.
    for section in ["Today", "Walk-in", "On site", "Sync", "Settings"] {
        app.open(section).await;
        let unnamed = app
            .script(
                "return [...document.querySelectorAll('button, input, select, textarea, summary')]
                   .filter((el) => el.offsetParent !== null && el.type !== 'hidden')
                   .filter((el) => !(el.getAttribute('aria-label') || (el.labels && el.labels.length)
                       || el.getAttribute('aria-labelledby') || el.textContent.trim() || el.placeholder))
                   .map((el) => el.outerHTML.slice(0, 80));",
            )
            .await;
        assert_eq!(unnamed, json!([]), "controls without a name on {section}");
    }
    app.finish().await;
}

#[tokio::test]
async fn a_check_in_made_offline_shows_pending_and_reaches_nexudus_once() {
    let mut app = launch(Launch::default()).await;
    app.sign_in_as("reception@frontdesk.test").await;
    let (id, name) = someone_expected(&app).await;

    check_in_offline(&mut app, &name).await;
    app.wait_until(
        "the row is on site with a pending mark",
        &format!(
            "return [...document.querySelectorAll('#onsite-list .visitor')].some((row) => row.dataset.visitorId === '{id}' && row.textContent.includes('Waiting to sync'));"
        ),
    )
    .await;
    app.wait_for_text("Offline: changes are kept").await;
    app.open("Sync").await;
    app.wait_for_text(&format!("Check in {name}")).await;
    app.screenshot("sync-offline").await;

    app.come_back().await;
    app.click("Sync now").await;
    app.wait_for_text("Everything is synced.").await;
    app.wait_for_sim("the check-in", |state| {
        visitors(state)
            .iter()
            .any(|v| v["Id"] == id && v["Arrived"] == true)
    })
    .await;
    assert_eq!(app.host_notices(id).await, 1, "checked in exactly once");
    app.finish().await;
}

#[tokio::test]
async fn a_refused_registration_is_corrected_in_the_sync_panel_and_sent() {
    let app = launch(Launch::default()).await;
    app.sign_in_as_host("ana@frontdesk.test").await;
    app.wait_for_text("Register a visitor").await;

    // Nexudus refuses example.com addresses; the form cannot know that.
    app.fill("Visitor's full name", "Fox Mulder").await;
    app.fill("Visitor's email", "fox@example.com").await;
    let tomorrow = (chrono::Local::now() + chrono::Duration::days(1))
        .format("%Y-%m-%d")
        .to_string();
    app.script(&format!(
        "const d = document.getElementById('visit-date'); d.value = '{tomorrow}';"
    ))
    .await;
    app.click("Add date").await;
    app.click("Register").await;
    app.wait_for_text("Fox Mulder is registered").await;

    app.open("Sync").await;
    app.wait_for_text("Needs attention (1)").await;
    app.wait_for_text("Invalid Email Address").await;
    app.screenshot("sync-needs-attention").await;
    app.fill(
        "Correct the email for Register Fox Mulder",
        "fox.mulder@fbi.frontdesk.test",
    )
    .await;
    app.click("Save and retry").await;
    app.wait_for_text("Nothing needs attention.").await;
    let state = app
        .wait_for_sim("the corrected registration", |state| {
            visitors(state)
                .iter()
                .any(|v| v["Email"] == "fox.mulder@fbi.frontdesk.test")
        })
        .await;
    let foxes = visitors(&state)
        .iter()
        .filter(|v| v["FullName"] == "Fox Mulder")
        .count();
    assert_eq!(foxes, 1, "registered once, with the corrected address");
    app.finish().await;
}

#[tokio::test]
async fn settings_are_kept_and_start_at_login_is_set_up() {
    let app = launch(Launch::default()).await;
    app.sign_in_as("reception@frontdesk.test").await;
    app.open("Settings").await;
    app.wait_for_text("Desktop notifications for arrivals")
        .await;
    // auto-launch writes to ~/.config/autostart (it does not read XDG_CONFIG_HOME).
    let autostart_dir = app.home.join(".config/autostart");
    let entries = || -> Vec<std::path::PathBuf> {
        std::fs::read_dir(&autostart_dir)
            .map(|dir| dir.flatten().map(|e| e.path()).collect())
            .unwrap_or_default()
    };
    assert!(entries().is_empty(), "not set up before it is asked for");

    app.field("Start Front Desk when I log in")
        .await
        .click()
        .await
        .expect("tick");
    app.wait_for_text("Saved.").await;
    let desktop_files = entries();
    assert_eq!(desktop_files.len(), 1, "{desktop_files:?}");
    let entry = std::fs::read_to_string(&desktop_files[0]).expect("autostart entry");
    assert!(entry.contains("Exec="), "{entry}");
    app.field("Desktop notifications for arrivals")
        .await
        .click()
        .await
        .expect("untick");
    app.screenshot("settings-screen").await;
    let kept = app.invoke("preferences", json!({})).await;
    assert_eq!(
        kept,
        json!({"notifications": false, "kiosk": false, "startAtLogin": true, "retentionDays": 30})
    );
    // How long visitor details are kept: checked, then kept.
    app.fill("Keep visitor details for", "0").await;
    app.script("document.getElementById('pref-retention').dispatchEvent(new Event('change')); return true;")
        .await;
    app.wait_for_text("Days must be between 1 and 365 days")
        .await;
    app.fill("Keep visitor details for", "14").await;
    app.script("document.getElementById('pref-retention').dispatchEvent(new Event('change')); return true;")
        .await;
    let deadline = std::time::Instant::now() + crate::e2e::WAIT;
    while app.invoke("preferences", json!({})).await["retentionDays"] != 14 {
        assert!(
            std::time::Instant::now() < deadline,
            "the retention setting was not kept"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    // Kiosk mode is applied to the window and kept (Xvfb has no window manager to show it).
    app.field("Kiosk mode").await.click().await.expect("tick");
    let deadline = std::time::Instant::now() + crate::e2e::WAIT;
    while app.invoke("preferences", json!({})).await["kiosk"] != true {
        assert!(
            std::time::Instant::now() < deadline,
            "kiosk mode was not kept"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    // A server other than Nexudus's is named in the header at all times.
    app.wait_for_text(&format!(
        "Server: {}",
        app.sim.base_url().trim_end_matches('/')
    ))
    .await;
    // At a kiosk, leaving kiosk mode and signing out need the account's password.
    app.field("Kiosk mode").await.click().await.expect("untick");
    app.wait_for_text("Password is a required field").await;
    assert_eq!(app.invoke("preferences", json!({})).await["kiosk"], true);
    app.click("Sign out").await;
    app.wait_for_text("Password is a required field").await;
    app.fill("This account's password", "wrong").await;
    app.click("Sign out").await;
    app.wait_for_text("Password is not this account's password")
        .await;
    app.fill("This account's password", "frontdesk").await;
    app.click("Sign out").await;
    app.wait_for_text("Sign in with your Nexudus account").await;
    // The sign-in form offers no server field at a kiosk.
    let advanced = app
        .script("const a = document.querySelector('#sign-in-form .advanced'); return a.offsetParent === null;")
        .await;
    assert_eq!(advanced, json!(true), "the server field is hidden");
    app.screenshot("kiosk-sign-in").await;
    app.sign_in_as("reception@frontdesk.test").await;
    app.open("Settings").await;
    app.fill("This account's password", "frontdesk").await;
    app.field("Kiosk mode").await.click().await.expect("untick");
    let deadline = std::time::Instant::now() + crate::e2e::WAIT;
    while app.invoke("preferences", json!({})).await["kiosk"] != false {
        assert!(
            std::time::Instant::now() < deadline,
            "kiosk mode was not left with the password"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }

    app.field("Start Front Desk when I log in")
        .await
        .click()
        .await
        .expect("untick");
    let deadline = std::time::Instant::now() + crate::e2e::WAIT;
    while !entries().is_empty() {
        assert!(
            std::time::Instant::now() < deadline,
            "start at login was not undone"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    app.finish().await;
}

/// Sign-out can remove the account's visitor data from the computer: refused, with the count,
/// while a change has not reached Nexudus; with "save waiting changes to a file first" the
/// change is kept in a file in the export folder and nothing of the account is left.
#[tokio::test]
async fn sign_out_removes_the_accounts_data_only_once_waiting_changes_are_saved() {
    let mut app = launch(Launch::default()).await;
    app.sign_in_as("reception@frontdesk.test").await;
    let (id, name) = someone_expected(&app).await;

    check_in_offline(&mut app, &name).await;

    app.open("Settings").await;
    app.field("When signing out, also remove this account's visitor data from this computer")
        .await
        .click()
        .await
        .expect("tick remove");
    app.click("Sign out").await;
    app.wait_for_text("1 change made here has not reached Nexudus yet, so nothing was removed")
        .await;
    assert_eq!(
        app.invoke("session_status", json!({})).await["signedIn"],
        true,
        "still signed in"
    );
    app.field(
        "…and save waiting changes to a file in Downloads first (they will then not be sent)",
    )
    .await
    .click()
    .await
    .expect("tick export");
    app.click("Sign out").await;
    app.wait_for_text("Sign in with your Nexudus account").await;

    let files: Vec<_> = std::fs::read_dir(&app.export_dir)
        .expect("export folder")
        .flatten()
        .filter(|f| f.path().extension().is_some_and(|e| e == "json"))
        .collect();
    assert_eq!(files.len(), 1, "one file of waiting changes");
    let saved: Value =
        serde_json::from_str(&std::fs::read_to_string(files[0].path()).expect("read"))
            .expect("json");
    assert_eq!(saved[0]["operation"]["kind"], "check_in");
    assert_eq!(saved[0]["operation"]["target"]["server"], id);
    let store = frontdesk_core::store::Store::open(app.data_dir())
        .await
        .expect("the data folder");
    assert!(
        store
            .recent_operations(1_000)
            .await
            .expect("read")
            .is_empty(),
        "no change of the account is left"
    );
    app.finish().await;
}
