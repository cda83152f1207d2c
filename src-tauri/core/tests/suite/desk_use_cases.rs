//! The desk use cases end to end: lists from the cache work offline, queued changes show at
//! once marked pending, and after a sync the server's data takes over.

use crate::common::*;
use chrono::{Duration, Utc};
use frontdesk_core::desk::{DeskError, Presence, RegistrationForm, VisitorRef, WalkInForm};
use serde_json::json;

#[tokio::test]
async fn reception_keeps_working_offline_and_catches_up() {
    // The day is made for the moment the test runs, inside the location's day.
    let h = empty_harness(json!({})).await;
    let now = Utc::now();
    let eve = h
        .add_visitor(
            "Eve Expected",
            SHOREDITCH,
            ANA_COWORKER,
            today_near(now, 30),
        )
        .await;
    for n in 0..4 {
        let name = format!("Guest {n}");
        h.add_visitor(&name, SHOREDITCH, ANA_COWORKER, today_near(now, 40 + n))
            .await;
    }
    h.add_visitor(
        "Tess Tomorrow",
        SHOREDITCH,
        ANA_COWORKER,
        now + Duration::days(1),
    )
    .await;
    let s = signed_in(&h, RECEPTION).await;
    s.desk
        .locations()
        .await
        .expect("locations, with their zones");
    let today = s.desk.refresh_today(SHOREDITCH).await.expect("today");
    assert_eq!(today.len(), 5, "today's five, not tomorrow's: {today:?}");
    let expected = today
        .iter()
        .find(|v| v.id == Some(eve))
        .expect("Eve is expected")
        .clone();
    assert_eq!(expected.presence(), Presence::Expected);

    let Harness { sim, .. } = h;
    let (state, addr) = (sim.sim.clone(), sim.addr);
    sim.stop().await;

    let target = VisitorRef {
        id: expected.id,
        queued_id: None,
    };
    s.desk
        .check_in(&target, Some("Front desk".into()))
        .await
        .expect("queued at once");
    let walk_in = s
        .desk
        .walk_in(
            WalkInForm {
                business_id: SHOREDITCH,
                full_name: "Wanda Walk-in".into(),
                email: "wanda@guests.frontdesk.test".into(),
                host_id: Some(ANA_COWORKER),
                ..WalkInForm::default()
            },
            Some("Front desk".into()),
        )
        .await
        .expect("queued");
    let offline = s.desk.today(SHOREDITCH).await.expect("today from cache");
    let shown = offline
        .iter()
        .find(|v| v.id == expected.id)
        .expect("still listed");
    assert_eq!(shown.presence(), Presence::OnSite);
    assert!(shown.pending);
    let wanda = offline
        .iter()
        .find(|v| v.full_name == "Wanda Walk-in")
        .expect("walk-in listed");
    assert!(wanda.pending && wanda.id.is_none());
    assert_eq!(wanda.queued_id.as_deref(), Some(walk_in.id.as_str()));

    // Check Wanda out before she even reached the server.
    s.desk
        .check_out(&VisitorRef {
            id: None,
            queued_id: Some(walk_in.id.clone()),
        })
        .await
        .expect("queued");

    let sim = nexudus_sim::start_with(state, addr)
        .await
        .expect("back online");
    s.engine.drain().await.expect("drain");
    let synced = s.desk.refresh_today(SHOREDITCH).await.expect("refresh");
    let shown = synced.iter().find(|v| v.id == expected.id).expect("listed");
    assert!(shown.arrived && !shown.pending);
    let wandas: Vec<_> = synced
        .iter()
        .filter(|v| v.full_name == "Wanda Walk-in")
        .collect();
    assert_eq!(wandas.len(), 1);
    assert!(wandas[0].id.is_some() && !wandas[0].pending);
    assert_eq!(wandas[0].presence(), Presence::Left);
    drop(sim);
}

#[tokio::test]
async fn a_host_registers_two_dates_sees_them_pending_then_synced() {
    let h = harness(json!({})).await;
    let s = signed_in(&h, ANA).await;
    let days: Vec<_> = [3, 4]
        .iter()
        .map(|d| {
            (Utc::now() + Duration::days(*d))
                .date_naive()
                .and_hms_opt(11, 0, 0)
                .expect("time")
                .and_utc()
        })
        .collect();
    let form = RegistrationForm {
        business_id: SHOREDITCH,
        full_name: "Two Dates".into(),
        email: "two.dates@guests.frontdesk.test".into(),
        phone: None,
        notes: Some("Room 2".into()),
        dates: days,
    };
    s.desk.register(form.clone()).await.expect("queued");
    let pending = s.desk.upcoming().await.expect("upcoming");
    assert_eq!(
        pending
            .iter()
            .filter(|v| v.full_name == "Two Dates" && v.pending)
            .count(),
        2
    );

    s.engine.drain().await.expect("drain");
    // Before any refetch, the synced visits show with their new ids (they can be cancelled).
    let from_cache = s.desk.upcoming().await.expect("upcoming");
    let rows: Vec<_> = from_cache
        .iter()
        .filter(|v| v.full_name == "Two Dates")
        .collect();
    assert_eq!(rows.len(), 2);
    assert!(
        rows.iter().all(|v| v.id.is_some() && !v.pending),
        "{rows:?}"
    );
    let synced = s.desk.refresh_upcoming().await.expect("refresh");
    let rows: Vec<_> = synced
        .iter()
        .filter(|v| v.full_name == "Two Dates")
        .collect();
    assert_eq!(rows.len(), 2);
    assert!(rows.iter().all(|v| v.id.is_some() && !v.pending));
    assert_eq!(h.visitors_named("Two Dates").await.len(), 2);

    let past = RegistrationForm {
        dates: vec![Utc::now() - Duration::days(1)],
        ..form
    };
    assert!(matches!(
        s.desk.register(past).await,
        Err(DeskError::Invalid { .. })
    ));
}

#[tokio::test]
async fn one_empty_answer_does_not_wipe_a_known_day_two_do() {
    let h = empty_harness(json!({})).await;
    let now = Utc::now();
    for n in 0..3 {
        let name = format!("Known {n}");
        h.add_visitor(&name, SHOREDITCH, ANA_COWORKER, today_near(now, 10 + n))
            .await;
    }
    let s = signed_in(&h, RECEPTION).await;
    s.desk.locations().await.expect("locations");
    assert_eq!(
        s.desk.refresh_today(SHOREDITCH).await.expect("today").len(),
        3
    );

    let empty_day = json!({
        "kind": "status", "status": 200, "method": "GET", "path": "/api/spaces/visitors",
        "body": "{\"Records\": [], \"CurrentPage\": 1, \"TotalPages\": 1, \"HasNextPage\": false}"
    });
    let reads_before = h.requests_to("GET", "/api/spaces/visitors").await;
    h.fault(empty_day.clone()).await;
    let after_glitch = s.desk.refresh_today(SHOREDITCH).await.expect("today");
    assert_eq!(after_glitch.len(), 3, "one empty answer is not believed");
    assert_eq!(
        h.requests_to("GET", "/api/spaces/visitors").await - reads_before,
        2,
        "it was read a second time"
    );
    assert_eq!(s.desk.today(SHOREDITCH).await.expect("cache").len(), 3);

    // Two empty answers in a row: the day really is empty now.
    h.fault(json!([empty_day.clone(), empty_day])).await;
    assert!(s
        .desk
        .refresh_today(SHOREDITCH)
        .await
        .expect("today")
        .is_empty());
}
