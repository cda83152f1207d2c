//! A live desk in the real window: what another desk or a kiosk does shows without a click,
//! within one poll interval, without moving the receptionist's scroll or search; a session
//! Nexudus ends in the background is shown at once, and the desk queues until a new sign-in.

use std::time::{Duration, Instant};

use crate::e2e::{launch, App, Launch, Window};
use chrono::Utc;
use serde_json::{json, Value};

const SHOREDITCH: i64 = 1001;
const ANA: i64 = 2001;
/// The arrival watcher's fastest interval (visitors are due soon in these tests).
const POLL: Duration = Duration::from_secs(5);
/// "Within one poll interval plus 2 s".
const LIVE: Duration = Duration::from_secs(7);

/// Today's visitors for these tests: enough to scroll, all matching one search, due soon (so
/// the desk polls at its fastest) and inside the location's day at any hour.
async fn a_busy_morning(app: &App, names: &[&str]) -> Vec<i64> {
    let now = Utc::now();
    let mut ids = Vec::new();
    for (n, name) in names.iter().enumerate() {
        let minutes = 5 + n as i64;
        let at = today_near(now, minutes);
        ids.push(app.add_visitor(name, SHOREDITCH, ANA, at).await);
    }
    ids
}

/// `minutes` from now, kept inside the location's current day (Shoreditch, London), so the
/// test means the same at 23:58.
fn today_near(now: chrono::DateTime<Utc>, minutes: i64) -> chrono::DateTime<Utc> {
    use frontdesk_core::day::{Day, DayZone};
    let day = Day::containing(now, DayZone::of_location(Some("Europe/London"), None));
    (now + chrono::Duration::minutes(minutes)).clamp(day.start, day.end)
}

async fn sign_in_with_code(window: &Window, email: &str) {
    window.fill("Email", email).await;
    window.fill("Password", "frontdesk").await;
    window.click("Sign in").await;
    window
        .wait_for_text("Enter the code from your authenticator app.")
        .await;
    window
        .fill("Code from your authenticator app", "123456")
        .await;
    window.click("Sign in").await;
    window.wait_for_text(&format!("Signed in as {email}")).await;
}

/// Which group of today's list shows the visitor: "expected", "onsite", "left", or "".
const GROUP_OF: &str = "const id = arguments[0];
    for (const group of ['expected', 'onsite', 'left']) {
      if (document.querySelector(`#${group}-list [data-visitor-id=\"${id}\"]`)) return group;
    }
    return '';";

async fn group_of(window: &Window, id: i64) -> String {
    window
        .browser
        .execute(GROUP_OF, vec![json!(id)])
        .await
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// Waits until the visitor's row is in `group` (no click, no key: the window follows alone);
/// answers how long it took.
async fn shows_in(window: &Window, id: i64, group: &str, limit: Duration) -> Duration {
    let started = Instant::now();
    loop {
        if group_of(window, id).await == group {
            return started.elapsed();
        }
        assert!(
            started.elapsed() < limit,
            "visitor {id} was not shown in {group} within {limit:?} (it is in {:?}); the page said:\n{}",
            group_of(window, id).await,
            window.visible_text().await
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn arrived_in_sim(app: &App, id: i64) -> Value {
    app.sim_get(&format!("/_sim/visitors/{id}")).await
}

/// Where the list is scrolled, what the search says, and what has focus.
async fn view_state(window: &Window) -> Value {
    window
        .script(
            "const list = document.getElementById('expected-list');
             return { scroll: list.scrollTop, search: document.getElementById('search').value,
                      focus: document.activeElement && document.activeElement.id };",
        )
        .await
}

#[tokio::test]
async fn another_desks_check_in_and_out_show_here_without_a_click() {
    let app = launch(Launch {
        empty: true,
        ..Launch::default()
    })
    .await;
    let names: Vec<String> = (1..=30).map(|n| format!("Live Guest {n:02}")).collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let ids = a_busy_morning(&app, &names).await;
    let target = ids[20];

    app.sign_in_as("reception@frontdesk.test").await;
    app.wait_for_text("Live Guest 30").await;
    // The receptionist has searched and scrolled down the expected list.
    app.fill("Search", "live guest").await;
    app.wait_until(
        "the expected list can scroll",
        "const l = document.getElementById('expected-list'); return l.scrollHeight > l.clientHeight + 100;",
    )
    .await;
    app.script("document.getElementById('expected-list').scrollTop = 240; document.getElementById('search').focus(); return true;")
        .await;
    let before = view_state(&app).await;
    assert_eq!(before["scroll"], 240, "{before}");

    // Desk B: another app, its own data folder, another receptionist, the same location.
    let desk_b = app.open_another_desk().await;
    sign_in_with_code(&desk_b, "security@frontdesk.test").await;
    desk_b.wait_for_text("Live Guest 21").await;
    desk_b
        .browser
        .execute(
            "document.querySelector(`#expected-list [data-visitor-id=\"${arguments[0]}\"] button`).click(); return true;",
            vec![json!(target)],
        )
        .await
        .expect("desk B clicks Check in");
    let deadline = Instant::now() + crate::e2e::WAIT;
    while arrived_in_sim(&app, target).await["Arrived"] != true {
        assert!(
            Instant::now() < deadline,
            "desk B's check-in never reached Nexudus"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let took_in = shows_in(&app, target, "onsite", LIVE).await;
    app.wait_for_text("Checked in at another desk").await;

    shows_in(&desk_b, target, "onsite", crate::e2e::WAIT).await;
    desk_b
        .browser
        .execute(
            "document.querySelector(`#onsite-list [data-visitor-id=\"${arguments[0]}\"] button`).click(); return true;",
            vec![json!(target)],
        )
        .await
        .expect("desk B clicks Check out");
    let deadline = Instant::now() + crate::e2e::WAIT;
    while arrived_in_sim(&app, target).await["DepartureDate"].is_null() {
        assert!(
            Instant::now() < deadline,
            "desk B's check-out never reached Nexudus"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let took_out = shows_in(&app, target, "left", LIVE).await;
    app.wait_for_text("Checked out at another desk").await;
    app.screenshot("live-desk-checked-out-elsewhere").await;

    // Desk A was never touched: its scroll, search and focus are as the receptionist left them.
    let after = view_state(&app).await;
    assert_eq!(after, before, "desk A's view moved");
    eprintln!(
        "live desk: another desk's check-in shown after {took_in:?}, its check-out after {took_out:?} (poll {POLL:?})"
    );
    desk_b.finish().await;
    app.finish().await;
}

#[tokio::test]
async fn a_kiosk_check_in_shows_on_the_reception_list_without_a_click() {
    let app = launch(Launch {
        empty: true,
        ..Launch::default()
    })
    .await;
    let ids = a_busy_morning(&app, &["Kiki Kiosk", "Walt Waiting"]).await;
    app.sign_in_as("reception@frontdesk.test").await;
    app.wait_for_text("Kiki Kiosk").await;
    assert_eq!(group_of(&app, ids[0]).await, "expected");
    // Let the first look (the baseline) pass.
    tokio::time::sleep(Duration::from_millis(500)).await;

    let kiosk = app
        .http
        .post(format!(
            "{}/_sim/visitors/{}/check-in",
            app.sim.base_url(),
            ids[0]
        ))
        .json(&json!({"location": "Lobby kiosk"}))
        .send()
        .await
        .expect("kiosk check-in");
    assert!(kiosk.status().is_success());
    let took = shows_in(&app, ids[0], "onsite", LIVE).await;
    app.wait_for_text("Checked in at another desk").await;
    assert_eq!(
        group_of(&app, ids[1]).await,
        "expected",
        "only the kiosk's visitor moved"
    );
    eprintln!("live desk: a kiosk check-in shown after {took:?}");
    app.finish().await;
}

#[tokio::test]
async fn a_session_lost_in_the_background_is_shown_and_its_queued_check_in_sent_after_sign_in() {
    let app = launch(Launch {
        empty: true,
        ..Launch::default()
    })
    .await;
    let ids = a_busy_morning(&app, &["Lena Later", "Otto Other"]).await;
    app.sign_in_as("reception@frontdesk.test").await;
    app.wait_for_text("Lena Later").await;

    // Nexudus refuses the refresh (signed out elsewhere, a password changed): nobody clicks.
    app.http
        .post(format!("{}/_sim/tokens/expire", app.sim.base_url()))
        .json(&json!({"refresh": true}))
        .send()
        .await
        .expect("expire");
    let started = Instant::now();
    while !app
        .visible_text()
        .await
        .contains("Signed out: sign in again")
    {
        assert!(
            started.elapsed() < LIVE,
            "no banner within one poll interval; the page said:\n{}",
            app.visible_text().await
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let banner_after = started.elapsed();
    let header = app.visible_text().await;
    assert!(
        !header.contains("Signed in as reception@frontdesk.test"),
        "the header must not say signed in:\n{header}"
    );
    // The list stays, with the sign-in form.
    assert_eq!(group_of(&app, ids[0]).await, "expected");
    assert!(app
        .script("return !document.getElementById('sign-in-screen').hidden;")
        .await
        .as_bool()
        .unwrap_or(false));

    // A check-in while signed out is queued and says what it waits for.
    let check_in = app.button_named("Check in Lena Later").await;
    crate::e2e::bounded("click Check in", check_in.click())
        .await
        .expect("click");
    app.wait_for_text("Waiting for sign-in").await;
    app.wait_for_text("Signed out: sign in again to send 1 waiting change")
        .await;
    assert_eq!(arrived_in_sim(&app, ids[0]).await["Arrived"], false);
    app.screenshot("live-desk-session-lost").await;

    // Signing in again sends it, once.
    app.fill("Password", "frontdesk").await;
    app.click("Sign in").await;
    app.wait_for_text("Signed in as reception@frontdesk.test")
        .await;
    let deadline = Instant::now() + crate::e2e::WAIT;
    while arrived_in_sim(&app, ids[0]).await["Arrived"] != true {
        assert!(
            Instant::now() < deadline,
            "the queued check-in never went out"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    shows_in(&app, ids[0], "onsite", crate::e2e::WAIT).await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    let puts = app.sim_get("/_sim/log").await;
    let check_ins = puts
        .as_array()
        .map(|entries| {
            entries
                .iter()
                .filter(|e| e["method"] == "PUT" && e["path"] == "/api/spaces/visitors")
                .count()
        })
        .unwrap_or_default();
    assert_eq!(check_ins, 1, "the check-in went out once");
    assert!(!app
        .visible_text()
        .await
        .contains("Signed out: sign in again"));
    eprintln!("live desk: the lost session was shown after {banner_after:?}");
    app.finish().await;
}
