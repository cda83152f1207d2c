//! A live desk: what other desks, kiosks, the admin panel and hosts do reaches this desk's
//! list at the next look, named and attributed; a session Nexudus ends is announced, and the
//! desk goes on queueing for the next sign-in.

use std::sync::Arc;
use std::time::Duration;

use crate::common::*;
use frontdesk_core::arrivals::{Alert, Notifier, Watcher};
use frontdesk_core::desk::{Presence, WalkInForm};
use frontdesk_core::live::{ChangeKind, ListChanged};
use frontdesk_core::store::settings::LOCATION as LOCATION_SETTING;
use serde_json::json;
use tokio::sync::broadcast::error::TryRecvError;

struct Quiet;

impl Notifier for Quiet {
    fn show(&self, _: &Alert, _: &frontdesk_core::l10n::Messages) -> Result<(), String> {
        Ok(())
    }
}

/// Every change the watcher announced since the last call.
fn drained(
    changes: &mut tokio::sync::broadcast::Receiver<ListChanged>,
) -> Vec<(i64, ChangeKind, bool)> {
    let mut all = Vec::new();
    loop {
        match changes.try_recv() {
            Ok(changed) => all.extend(
                changed
                    .changes
                    .into_iter()
                    .map(|c| (c.visitor_id, c.kind, c.elsewhere)),
            ),
            Err(TryRecvError::Lagged(_)) => continue,
            Err(_) => return all,
        }
    }
}

#[tokio::test]
async fn changes_made_elsewhere_reach_the_list_at_the_next_look_and_are_named() {
    let h = empty_harness(json!({})).await;
    let desk_a = signed_in(&h, RECEPTION).await;
    // Another desk at the same location, with its own data folder and account.
    let desk_b = signed_in(&h, SECURITY).await;
    desk_a
        .store
        .set_setting(LOCATION_SETTING, &SHOREDITCH)
        .await
        .expect("location");
    desk_a.desk.locations().await.expect("locations");
    let watcher = Watcher::new(
        desk_a.store.clone(),
        desk_a.accounts.clone(),
        Arc::new(Quiet),
    );
    let mut changes = watcher.subscribe_changes();
    let now = chrono::Utc::now();
    let mut ids = Vec::new();
    for (n, name) in ["Kit Kiosk", "Bo Otherdesk", "Cal Cancelled", "Ola Ours"]
        .iter()
        .enumerate()
    {
        ids.push(
            h.add_visitor(
                name,
                SHOREDITCH,
                ANA_COWORKER,
                today_near(now, 10 + 5 * n as i64),
            )
            .await,
        );
    }
    let [kiosk, other_desk, cancelled, ours] = ids[..] else {
        panic!("four visitors");
    };

    // The first look is the baseline: nothing in it is news.
    watcher.poll_once(Duration::ZERO).await;
    assert!(drained(&mut changes).is_empty(), "the baseline is not news");

    // A kiosk checks one in; desk B checks another in and out; the admin panel deletes one;
    // this desk checks the last one in.
    h.control(
        &format!("/_sim/visitors/{kiosk}/check-in"),
        json!({"location": "Lobby kiosk"}),
    )
    .await;
    desk_b
        .desk
        .check_in(&by(other_desk), Some("Desk B".into()))
        .await
        .expect("queued at B");
    desk_b.engine.drain().await.expect("B syncs");
    let admin = h.sign_in(SECURITY).await;
    admin.delete_visitor(cancelled).await.expect("deleted");
    desk_a
        .desk
        .check_in(&by(ours), Some("Desk A".into()))
        .await
        .expect("queued at A");
    desk_a.engine.drain().await.expect("A syncs");

    watcher.poll_once(Duration::ZERO).await;
    let mut seen = drained(&mut changes);
    seen.sort_by_key(|c| c.0);
    assert_eq!(
        seen,
        [
            (kiosk, ChangeKind::CheckedIn, true),
            (other_desk, ChangeKind::CheckedIn, true),
            (cancelled, ChangeKind::Removed, true),
            (ours, ChangeKind::CheckedIn, false),
        ],
        "one change each, and only this desk's own check-in is not 'elsewhere'"
    );
    let today = desk_a.desk.today(SHOREDITCH).await.expect("today");
    let presence = |id: i64| {
        today
            .iter()
            .find(|v| v.id == Some(id))
            .map(|v| v.presence())
    };
    assert_eq!(presence(kiosk), Some(Presence::OnSite));
    assert_eq!(presence(other_desk), Some(Presence::OnSite));
    assert_eq!(
        presence(cancelled),
        None,
        "a deleted visitor leaves the list"
    );

    // Desk B checks its visitor out and takes a walk-in; a host answers for this desk's
    // visitor. The next look says so; a look with no news says nothing.
    desk_b
        .desk
        .check_out(&by(other_desk))
        .await
        .expect("queued at B");
    desk_b
        .desk
        .walk_in(
            WalkInForm {
                business_id: SHOREDITCH,
                full_name: "Wren Walkin".into(),
                email: "wren@guests.test".into(),
                phone: None,
                company: None,
                host_id: Some(ANA_COWORKER),
                host_name: None,
                reason: None,
                notes: None,
            },
            Some("Desk B".into()),
        )
        .await
        .expect("walk-in at B");
    desk_b.engine.drain().await.expect("B syncs");
    let walk_in = h.visitors_named("Wren Walkin").await[0]["Id"]
        .as_i64()
        .expect("walk-in id");
    h.control(
        &format!("/_sim/visitors/{ours}/approval"),
        json!({"status": 5}),
    )
    .await;
    watcher.poll_once(Duration::ZERO).await;
    let mut seen = drained(&mut changes);
    seen.sort_by_key(|c| c.0);
    assert_eq!(
        seen,
        [
            (other_desk, ChangeKind::CheckedOut, true),
            (ours, ChangeKind::Approval, true),
            (walk_in, ChangeKind::Added, true),
        ]
    );
    let today = desk_a.desk.today(SHOREDITCH).await.expect("today");
    assert_eq!(
        today
            .iter()
            .find(|v| v.id == Some(other_desk))
            .map(|v| v.presence()),
        Some(Presence::Left)
    );
    watcher.poll_once(Duration::ZERO).await;
    let quiet = drained(&mut changes);
    assert!(quiet.is_empty(), "nothing changed, nothing said: {quiet:?}");

    // An empty answer where the desk knows visitors (a proxy, a failover) clears nobody.
    let empty = r#"{"Records":[],"CurrentPage":1,"TotalPages":1,"TotalItems":0}"#;
    h.fault(
        json!({"method": "GET", "path": "/api/spaces/visitors", "count": 2,
        "kind": "status", "status": 200, "body": empty}),
    )
    .await;
    watcher.poll_once(Duration::ZERO).await;
    let faults: serde_json::Value = h
        .http
        .get(format!("{}/_sim/faults", h.sim.base_url()))
        .send()
        .await
        .expect("faults")
        .json()
        .await
        .expect("faults json");
    assert_eq!(
        faults.as_array().map(Vec::len),
        Some(0),
        "both reads were empty: {faults}"
    );
    let removed: Vec<_> = drained(&mut changes)
        .into_iter()
        .filter(|c| c.1 == ChangeKind::Removed)
        .collect();
    assert!(removed.is_empty(), "{removed:?}");
    assert_eq!(desk_a.desk.today(SHOREDITCH).await.expect("today").len(), 4);
}

#[tokio::test]
async fn a_session_nexudus_ends_is_announced_and_the_desk_keeps_queueing_for_the_next_sign_in() {
    let h = empty_harness(json!({})).await;
    let desk = signed_in(&h, RECEPTION).await;
    desk.store
        .set_setting(LOCATION_SETTING, &SHOREDITCH)
        .await
        .expect("location");
    let watcher = Watcher::new(desk.store.clone(), desk.accounts.clone(), Arc::new(Quiet));
    let visitor = h
        .add_visitor(
            "Lou Lost",
            SHOREDITCH,
            ANA_COWORKER,
            today_near(chrono::Utc::now(), 15),
        )
        .await;
    watcher.poll_once(Duration::ZERO).await;
    let status = desk.accounts.status().await.expect("status");
    assert!(status.signed_in && !status.session_lost);

    // Nexudus refuses the refresh (signed out elsewhere, a password changed).
    h.control("/_sim/tokens/expire", json!({"refresh": true}))
        .await;
    let lost = desk.accounts.clone();
    let announced = tokio::spawn(async move { lost.session_lost().await });
    watcher.poll_once(Duration::ZERO).await;
    tokio::time::timeout(Duration::from_secs(5), announced)
        .await
        .expect("the lost session is announced at the look that found it")
        .expect("task");
    let status = desk.accounts.status().await.expect("status");
    assert!(!status.signed_in && status.session_lost, "{status:?}");
    assert_eq!(status.email.as_deref(), Some(RECEPTION));
    // Choosing a mode does not make it look signed in again.
    let status = desk
        .accounts
        .set_mode(frontdesk_core::account::Mode::Reception)
        .await
        .expect("mode");
    assert!(!status.signed_in && status.session_lost, "{status:?}");

    // The desk still works from its cache, and a check-in is queued, not lost.
    let today = desk
        .desk
        .today(SHOREDITCH)
        .await
        .expect("today while signed out");
    assert!(today.iter().any(|v| v.id == Some(visitor)));
    desk.desk
        .check_in(&by(visitor), Some("Front Desk".into()))
        .await
        .expect("queued while signed out");
    let report = desk.engine.drain().await.expect("drain");
    assert_eq!(
        report.stopped,
        Some(frontdesk_core::sync::EngineState::SignedOut)
    );
    assert_eq!(
        desk.engine.status().state,
        frontdesk_core::sync::EngineState::SignedOut
    );
    assert_eq!(h.visitor(visitor).await["Arrived"], false);

    // Signing in again sends it, once.
    desk.accounts
        .sign_in(frontdesk_core::account::SignInRequest {
            email: RECEPTION.into(),
            password: frontdesk_core::secrets::Secret::new(PASSWORD),
            totp: None,
            space: None,
            server: None,
        })
        .await
        .expect("signed in again");
    let report = desk.engine.drain().await.expect("drain");
    assert_eq!(report.completed, 1);
    assert_eq!(h.visitor(visitor).await["Arrived"], true);
    assert_eq!(
        h.requests_to("PUT", "/api/spaces/visitors").await,
        1,
        "the check-in went out once"
    );
    let status = desk.accounts.status().await.expect("status");
    assert!(status.signed_in && !status.session_lost);
}

#[tokio::test]
async fn a_hosts_list_follows_arrivals_and_cancellations_made_elsewhere() {
    let h = empty_harness(json!({})).await;
    let host = signed_in(&h, ANA).await;
    let watcher = Watcher::new(host.store.clone(), host.accounts.clone(), Arc::new(Quiet));
    let mut changes = watcher.subscribe_changes();
    let now = chrono::Utc::now();
    let arriving = h
        .add_visitor(
            "Ari Arriving",
            SHOREDITCH,
            ANA_COWORKER,
            today_near(now, 20),
        )
        .await;
    let cancelled = h
        .add_visitor(
            "Cass Cancelled",
            SHOREDITCH,
            ANA_COWORKER,
            today_near(now, 30),
        )
        .await;
    watcher.poll_once(Duration::ZERO).await;
    drained(&mut changes);
    assert_eq!(host.desk.upcoming().await.expect("upcoming").len(), 2);

    h.control(
        &format!("/_sim/visitors/{arriving}/check-in"),
        json!({"location": "Lobby kiosk"}),
    )
    .await;
    let admin = h.sign_in(SECURITY).await;
    admin.delete_visitor(cancelled).await.expect("deleted");
    watcher.poll_once(Duration::ZERO).await;
    let mut seen = drained(&mut changes);
    seen.sort_by_key(|c| c.0);
    assert_eq!(
        seen,
        [
            (arriving, ChangeKind::CheckedIn, true),
            (cancelled, ChangeKind::Removed, true),
        ]
    );
    let upcoming = host.desk.upcoming().await.expect("upcoming");
    assert_eq!(upcoming.len(), 1);
    assert!(upcoming[0].arrived);
}

#[tokio::test]
async fn the_last_visitor_of_the_day_cancelled_leaves_an_empty_list() {
    let h = empty_harness(json!({})).await;
    let desk = signed_in(&h, RECEPTION).await;
    desk.store
        .set_setting(LOCATION_SETTING, &SHOREDITCH)
        .await
        .expect("location");
    let watcher = Watcher::new(desk.store.clone(), desk.accounts.clone(), Arc::new(Quiet));
    let mut changes = watcher.subscribe_changes();
    let only = h
        .add_visitor(
            "Una Only",
            SHOREDITCH,
            ANA_COWORKER,
            today_near(chrono::Utc::now(), 15),
        )
        .await;
    watcher.poll_once(Duration::ZERO).await;
    assert_eq!(desk.desk.today(SHOREDITCH).await.expect("today").len(), 1);
    let admin = h.sign_in(SECURITY).await;
    admin.delete_visitor(only).await.expect("deleted");
    watcher.poll_once(Duration::ZERO).await;
    assert_eq!(drained(&mut changes), [(only, ChangeKind::Removed, true)]);
    assert!(desk.desk.today(SHOREDITCH).await.expect("today").is_empty());
}
