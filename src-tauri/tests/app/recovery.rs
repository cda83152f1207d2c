//! A damaged database opens the recovery screen, not a crash: it says what happened and where,
//! logs it, and "Move it aside and start fresh" keeps the old file and opens the desk.

use std::time::{Duration, Instant};

use crate::e2e::{launch, Launch};

#[tokio::test]
async fn a_damaged_database_opens_the_recovery_screen_and_starts_fresh() {
    let app = launch(Launch {
        database_file: Some(b"this is not a database, it is a shopping list\n".repeat(100)),
        ..Launch::default()
    })
    .await;
    app.wait_for_text("Front Desk could not open its data")
        .await;
    app.wait_for_text("damaged or is not a database").await;
    app.wait_for_text("frontdesk.sqlite3").await;
    app.screenshot("recovery-screen").await;
    let logged = std::fs::read_dir(app.data_dir().join("logs"))
        .expect("logs")
        .flatten()
        .any(|log| {
            std::fs::read_to_string(log.path())
                .is_ok_and(|text| text.contains("could not open its data"))
        });
    assert!(logged, "the failure is in the log");

    app.click("Move it aside and start fresh").await;
    app.wait_for_text("The old data is kept at").await;
    app.wait_for_text("Sign in with your Nexudus account").await;
    let deadline = Instant::now() + crate::e2e::WAIT;
    let kept = loop {
        let kept: Vec<_> = std::fs::read_dir(app.data_dir())
            .expect("data dir")
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().contains(".unusable-"))
            .collect();
        if !kept.is_empty() {
            break kept;
        }
        assert!(Instant::now() < deadline, "the old file was not kept");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    let text = std::fs::read_to_string(kept[0].path()).expect("kept file");
    assert!(text.starts_with("this is not a database"));
    // The desk works on the fresh database.
    app.sign_in_as("reception@frontdesk.test").await;
    app.wait_for_text("Today's visitors").await;
    app.finish().await;
}
