//! Scan to check in and host approval at the desk, through the core as the window calls it:
//! a scan checks in from the cache (offline too), every reason not to check in is said and
//! nothing is queued, and reception's answer for a host is queued, shown at once and sent.

use crate::common::*;
use chrono::Utc;
use frontdesk_core::desk::{ApprovalAnswer, Presence, ScanOutcome, VisitorRef};
use serde_json::json;

const DESK: &str = "Front desk";

fn code(record: &serde_json::Value) -> String {
    record["VisitorCode"].as_str().expect("a code").to_string()
}

async fn queued(desk: &SignedIn) -> i64 {
    desk.store
        .queue_counts(None)
        .await
        .expect("counts")
        .to_send()
}

#[tokio::test]
async fn a_scan_checks_in_from_the_cache_and_says_why_when_it_does_not() {
    let h = empty_harness(json!({})).await;
    let now = Utc::now();
    let ada = h
        .add_visitor("Ada Scan", SHOREDITCH, ANA_COWORKER, today_near(now, 20))
        .await;
    let grace = h
        .add_visitor("Grace Scan", SHOREDITCH, ANA_COWORKER, today_near(now, 25))
        .await;
    let declined = h
        .add_visitor(
            "Dan Declined",
            SHOREDITCH,
            ANA_COWORKER,
            today_near(now, 30),
        )
        .await;
    let waiting = h
        .add_visitor("Wes Waiting", SHOREDITCH, ANA_COWORKER, today_near(now, 35))
        .await;
    h.control(
        &format!("/_sim/visitors/{declined}/approval"),
        json!({"status": 3}),
    )
    .await;
    h.control(
        &format!("/_sim/visitors/{waiting}/approval"),
        json!({"status": 2}),
    )
    .await;
    let codes: Vec<String> = codes_of(&h, &[ada, grace, declined, waiting]).await;
    let desk = signed_in(&h, RECEPTION).await;
    desk.desk.refresh_today(SHOREDITCH).await.expect("today");

    // Offline from here: the scan works from the cache.
    let Harness { sim, .. } = h;
    let (state, addr) = (sim.sim.clone(), sim.addr);
    sim.stop().await;

    let scan = |text: String| {
        let desk = desk.desk.clone();
        async move {
            desk.check_in_by_code(SHOREDITCH, &text, Some(DESK.into()))
                .await
                .expect("a scan answers")
        }
    };

    let welcome = scan(format!("{}\r\n", codes[0])).await;
    assert_eq!(welcome.outcome, ScanOutcome::CheckedIn, "{welcome:?}");
    assert_eq!(welcome.code, codes[0]);
    let shown = welcome.visitor.expect("the visitor");
    assert_eq!(shown.visitor.id, Some(ada));
    assert_eq!(shown.presence, Presence::OnSite);
    assert!(shown.visitor.pending, "waiting to sync");
    assert!(welcome.message.contains("Ada Scan"), "{}", welcome.message);
    assert_eq!(queued(&desk).await, 1);

    // What a QR code may carry: the code inside a link.
    let link = format!("https://frontdesk.test/visit?code={}&x=1", codes[1]);
    let from_link = scan(link).await;
    assert_eq!(from_link.outcome, ScanOutcome::CheckedIn, "{from_link:?}");
    assert_eq!(from_link.visitor.and_then(|v| v.visitor.id), Some(grace));
    assert_eq!(queued(&desk).await, 2);

    // Every reason not to check in is said, and nothing more is queued.
    for (text, outcome) in [
        (codes[0].clone(), ScanOutcome::AlreadyOnSite),
        (codes[2].clone(), ScanOutcome::Declined),
        (codes[3].clone(), ScanOutcome::AwaitingApproval),
        ("NO-SUCH-CODE".to_string(), ScanOutcome::Unknown),
        ("   ".to_string(), ScanOutcome::Empty),
    ] {
        let result = scan(text.clone()).await;
        assert_eq!(result.outcome, outcome, "{text}: {result:?}");
        assert!(!result.message.is_empty());
    }
    assert_eq!(queued(&desk).await, 2, "only the two check-ins are queued");

    // Back online, both check-ins reach Nexudus once.
    let sim = nexudus_sim::start_with(state, addr).await.expect("back");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while queued(&desk).await > 0 {
        assert!(
            std::time::Instant::now() < deadline,
            "the check-ins never went"
        );
        desk.engine.drain().await.expect("drain");
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    let world = reqwest::get(format!("{}/_sim/state", sim.base_url()))
        .await
        .expect("state")
        .json::<serde_json::Value>()
        .await
        .expect("json");
    let arrived = |id: i64| {
        world["visitors"]
            .as_array()
            .expect("visitors")
            .iter()
            .find(|v| v["Id"] == id)
            .map(|v| v["Arrived"] == true)
    };
    assert_eq!(arrived(ada), Some(true));
    assert_eq!(arrived(grace), Some(true));
    assert_eq!(arrived(declined), Some(false));
    assert_eq!(arrived(waiting), Some(false));
}

async fn codes_of(h: &Harness, ids: &[i64]) -> Vec<String> {
    let mut codes = Vec::new();
    for id in ids {
        codes.push(code(&h.visitor(*id).await));
    }
    codes
}

#[tokio::test]
async fn reception_answers_for_the_host_and_the_list_shows_it_before_it_is_sent() {
    let h = empty_harness(json!({})).await;
    let now = Utc::now();
    let v = h
        .add_visitor(
            "Reena Requested",
            SHOREDITCH,
            ANA_COWORKER,
            today_near(now, 20),
        )
        .await;
    h.control(
        &format!("/_sim/visitors/{v}/approval"),
        json!({"status": 2}),
    )
    .await;
    let desk = signed_in(&h, RECEPTION).await;
    let today = desk.desk.refresh_today(SHOREDITCH).await.expect("today");
    let row = today.iter().find(|r| r.id == Some(v)).expect("listed");
    assert_eq!(row.approval.as_deref(), Some("requested"));

    let target = VisitorRef {
        id: Some(v),
        queued_id: None,
    };
    desk.desk
        .answer_approval(&target, ApprovalAnswer::ApproveAndSendUp)
        .await
        .expect("queued");
    let shown = desk.desk.today(SHOREDITCH).await.expect("today");
    let row = shown.iter().find(|r| r.id == Some(v)).expect("listed");
    assert_eq!(row.approval.as_deref(), Some("accepted_and_grant"));
    assert!(row.pending);

    desk.engine.drain().await.expect("drain");
    assert_eq!(h.visitor(v).await["HostApprovalStatus"], 5);
}
