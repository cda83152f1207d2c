//! Today's list kept in the core and paged to the window: a search answers from the day as
//! last read, a fresh read takes in what was queued since, and the sync panel names whom each
//! queued change is for without the window holding the day.

use crate::common::*;
use chrono::Utc;
use frontdesk_core::desk::{GroupLimits, Presence, TodayQuery, VisitorRef, WalkInForm};
use frontdesk_core::queue::OpState;
use serde_json::json;

#[tokio::test]
async fn the_window_pages_searches_and_sees_queued_changes_after_a_fresh_read() {
    let h = empty_harness(json!({})).await;
    let now = Utc::now();
    let mut ids = Vec::new();
    for n in 0..12 {
        let name = format!("Guest {n:02}");
        ids.push(
            h.add_visitor(&name, SHOREDITCH, ANA_COWORKER, today_near(now, 20 + n))
                .await,
        );
    }
    let s = signed_in(&h, RECEPTION).await;
    s.desk.locations().await.expect("locations");
    let small_pages = TodayQuery {
        limits: GroupLimits {
            expected: 5,
            on_site: 5,
            left: 5,
        },
        ..TodayQuery::default()
    };
    let view = s
        .desk
        .refresh_today_view(SHOREDITCH, &small_pages)
        .await
        .expect("read from Nexudus");
    assert_eq!(view.total, 12);
    assert_eq!(view.expected.matches, 12);
    assert_eq!(view.expected.rows.len(), 5, "one page, not the day");

    let search = TodayQuery {
        search: "guest 07".into(),
        ..small_pages.clone()
    };
    let found = s
        .desk
        .today_view(SHOREDITCH, &search, false)
        .await
        .expect("searched in the kept day");
    assert_eq!(found.expected.matches, 1);
    assert_eq!(found.expected.rows[0].visitor.id, Some(ids[7]));

    // A check-in queued now shows once the day is read again, not in the kept one.
    s.desk
        .check_in(&by(ids[7]), Some("Front desk".into()))
        .await
        .expect("queued");
    let kept = s
        .desk
        .today_view(SHOREDITCH, &search, false)
        .await
        .expect("kept");
    assert_eq!(kept.on_site_now, 0);
    let fresh = s
        .desk
        .today_view(SHOREDITCH, &search, true)
        .await
        .expect("fresh");
    assert_eq!(fresh.on_site_now, 1);
    assert_eq!(fresh.on_site.rows[0].visitor.id, Some(ids[7]));
    assert!(fresh.on_site.rows[0].visitor.pending);
    assert_eq!(fresh.focus, None);

    let here = s.desk.on_site_now(SHOREDITCH).await.expect("on site");
    assert_eq!(here.len(), 1);
    assert_eq!(here[0].presence, Presence::OnSite);

    // A notification about guest 11 brings their row into the first page.
    let focused = s
        .desk
        .today_view(
            SHOREDITCH,
            &TodayQuery {
                focus: Some(ids[11]),
                ..small_pages
            },
            false,
        )
        .await
        .expect("focus");
    assert_eq!(focused.focus, Some(Presence::Expected));
    assert!(focused
        .expected
        .rows
        .iter()
        .any(|r| r.visitor.id == Some(ids[11])));
}

#[tokio::test]
async fn queued_changes_are_named_from_the_cache_and_from_the_walk_in_that_creates_them() {
    let h = empty_harness(json!({})).await;
    let now = Utc::now();
    let ada = h
        .add_visitor(
            "Ada Lovelace",
            SHOREDITCH,
            ANA_COWORKER,
            today_near(now, 30),
        )
        .await;
    let s = signed_in(&h, RECEPTION).await;
    s.desk.locations().await.expect("locations");
    s.desk.refresh_today(SHOREDITCH).await.expect("cached");
    // Nexudus goes away so everything stays queued.
    let Harness { sim, .. } = h;
    sim.stop().await;
    s.desk
        .check_in(&by(ada), Some("Front desk".into()))
        .await
        .expect("queued");
    let walk_in = s
        .desk
        .walk_in(
            WalkInForm {
                business_id: SHOREDITCH,
                full_name: "Wanda Walk-in".into(),
                email: "wanda@guests.frontdesk.test".into(),
                ..WalkInForm::default()
            },
            Some("Front desk".into()),
        )
        .await
        .expect("walk-in queued");
    s.desk
        .check_out(&VisitorRef {
            id: None,
            queued_id: Some(walk_in.id.clone()),
        })
        .await
        .expect("check-out queued");
    s.desk
        .check_out(&by(987_654))
        .await
        .expect("an unknown visitor is still queued");

    let open = s.store.open_operations(None).await.expect("open");
    assert!(open.iter().all(|op| op.state != OpState::Done));
    // The walk-in's own operation out of the list (done, or beyond the page) still names it.
    let check_out_alone: Vec<_> = open
        .iter()
        .filter(|op| op.operation.kind() == "check_out")
        .take(1)
        .cloned()
        .collect();
    let alone = s
        .desk
        .name_operations(check_out_alone)
        .await
        .expect("named alone");
    assert_eq!(alone[0].visitor_name.as_deref(), Some("Wanda Walk-in"));
    let named = s.desk.name_operations(open).await.expect("named");
    let names: Vec<(&str, Option<&str>)> = named
        .iter()
        .map(|n| (n.op.operation.kind(), n.visitor_name.as_deref()))
        .collect();
    assert_eq!(
        names,
        [
            ("check_in", Some("Ada Lovelace")),
            ("walk_in", None),
            ("check_out", Some("Wanda Walk-in")),
            ("check_out", None),
        ]
    );
}
