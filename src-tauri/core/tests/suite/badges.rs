//! Badges printed through a real CUPS with a virtual PDF printer: the printed page is turned
//! into an image and its QR code read back, on both label presets; a stopped printer is said
//! plainly and the check-in it follows stays queued.

use crate::common::cups::{qr_codes_in, wait_for_printed_in, PrivateCups};
use crate::common::*;
use chrono::Utc;
use frontdesk_core::badge::{BadgeSettings, LabelSize};
use frontdesk_core::desk::{DeskError, VisitorRef};
use frontdesk_core::printing::PrintError;
use serde_json::json;

#[tokio::test]
async fn a_badge_goes_to_the_label_printer_with_the_visitor_code_as_a_qr_code() {
    let Some(cups) = PrivateCups::start("FrontDeskBadges") else {
        return;
    };

    let h = empty_harness(json!({})).await;
    let id = h
        .add_visitor(
            "Zoë Badge",
            SHOREDITCH,
            ANA_COWORKER,
            today_near(Utc::now(), 15),
        )
        .await;
    let code = h.visitor(id).await["VisitorCode"]
        .as_str()
        .expect("code")
        .to_string();
    let desk = signed_in(&h, RECEPTION).await;
    desk.desk.refresh_today(SHOREDITCH).await.expect("today");
    let visitor = VisitorRef {
        id: Some(id),
        queued_id: None,
    };

    // This computer's CUPS is not the test's: the test's scheduler is named in Settings.
    desk.desk
        .set_badge_settings(BadgeSettings {
            cups_server: Some(cups.server()),
            ..BadgeSettings::default()
        })
        .await
        .expect("settings");
    let printers = desk.desk.printers().await.expect("printers");
    assert_eq!(printers, vec!["FrontDeskBadges".to_string()]);
    for bad in ["-hevil.example", "two words", "a#b"] {
        let refused = desk
            .desk
            .set_badge_settings(BadgeSettings {
                printer: Some(bad.into()),
                ..BadgeSettings::default()
            })
            .await;
        assert!(
            matches!(&refused, Err(DeskError::Invalid { fields }) if fields[0].field == "printer"),
            "{bad}: {refused:?}"
        );
    }
    assert!(matches!(
        desk.desk.print_badge(SHOREDITCH, &visitor).await,
        Err(DeskError::Print(PrintError::NoPrinter))
    ));

    desk.desk
        .check_in(&visitor, Some("Front desk".into()))
        .await
        .expect("checked in");
    for (n, label) in [LabelSize::Brother62x100, LabelSize::Dymo89x36]
        .into_iter()
        .enumerate()
    {
        desk.desk
            .set_badge_settings(BadgeSettings {
                printer: Some(" FrontDeskBadges ".into()),
                cups_server: Some(cups.server()),
                label,
                print_at_check_in: true,
            })
            .await
            .expect("settings");
        let printed = desk
            .desk
            .print_badge(SHOREDITCH, &visitor)
            .await
            .expect("printed");
        assert_eq!(printed.printer, "FrontDeskBadges");
        assert!(printed.job.starts_with("FrontDeskBadges-"), "{printed:?}");
        assert!(!printed.approximated);
        let files = wait_for_printed_in(&cups.out, n + 1);
        let newest = files.last().expect("a page");
        assert_eq!(qr_codes_in(newest), vec![code.clone()], "{label:?}");
    }

    // A stopped printer: said, nothing sent, the check-in still waiting to go.
    cups.stop_printer("Out of labels");
    let refused = desk.desk.print_badge(SHOREDITCH, &visitor).await;
    match refused {
        Err(DeskError::Print(PrintError::Stopped { printer, reason })) => {
            assert_eq!(printer, "FrontDeskBadges");
            assert!(reason.contains("Out of labels"), "{reason}");
        }
        other => panic!("expected a stopped printer, got {other:?}"),
    }
    let message = DeskError::Print(PrintError::Stopped {
        printer: "FrontDeskBadges".into(),
        reason: " (Out of labels)".into(),
    })
    .to_string();
    assert!(message.contains("print the badge again"), "{message}");
    assert_eq!(
        desk.store
            .queue_counts(None)
            .await
            .expect("counts")
            .to_send(),
        1,
        "the check-in is still queued"
    );
    let row = desk
        .desk
        .today(SHOREDITCH)
        .await
        .expect("today")
        .into_iter()
        .find(|r| r.id == Some(id))
        .expect("listed");
    assert!(row.arrived);
    std::thread::sleep(std::time::Duration::from_millis(500));
    assert_eq!(cups.printed().len(), 2, "nothing more was printed");

    // A printer CUPS does not have, and no CUPS at all: each said as what it is.
    let mut settings = desk.desk.badge_settings().await.expect("settings");
    settings.printer = Some("NoSuchPrinter".into());
    desk.desk
        .set_badge_settings(settings.clone())
        .await
        .expect("settings");
    assert!(matches!(
        desk.desk.print_badge(SHOREDITCH, &visitor).await,
        Err(DeskError::Print(PrintError::UnknownPrinter(name))) if name == "NoSuchPrinter"
    ));
    settings.cups_server = Some(format!("{}.gone", cups.server()));
    desk.desk
        .set_badge_settings(settings)
        .await
        .expect("settings");
    assert!(matches!(
        desk.desk.print_badge(SHOREDITCH, &visitor).await,
        Err(DeskError::Print(PrintError::NoScheduler))
    ));
}

#[tokio::test]
async fn a_walk_ins_badge_is_found_by_its_queued_change_before_and_after_nexudus_creates_it() {
    let h = empty_harness(json!({})).await;
    let desk = signed_in(&h, RECEPTION).await;
    desk.desk.locations().await.expect("locations");
    let queued = desk
        .desk
        .walk_in(
            frontdesk_core::desk::WalkInForm {
                business_id: SHOREDITCH,
                full_name: "Wally Walk-in".into(),
                email: "wally@guests.frontdesk.test".into(),
                host_id: Some(ANA_COWORKER),
                host_name: Some("Ana Oliveira".into()),
                ..Default::default()
            },
            Some("Front desk".into()),
        )
        .await
        .expect("queued");
    let by_queue = VisitorRef {
        id: None,
        queued_id: Some(queued.id.clone()),
    };
    let before = desk.desk.badge(SHOREDITCH, &by_queue).await.expect("badge");
    assert_eq!(before.name, "Wally Walk-in");
    assert_eq!(before.host.as_deref(), Some("Ana Oliveira"));
    assert_eq!(before.code, None, "Nexudus has not numbered the visit yet");

    desk.engine.drain().await.expect("drain");
    desk.desk.refresh_today(SHOREDITCH).await.expect("today");
    let after = desk.desk.badge(SHOREDITCH, &by_queue).await.expect("badge");
    let created = h.visitors_named("Wally Walk-in").await;
    assert_eq!(created.len(), 1);
    assert_eq!(after.code.as_deref(), created[0]["VisitorCode"].as_str());
}
