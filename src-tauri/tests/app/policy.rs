//! The organisation's policy in the real window: locked settings show as set by the
//! organisation and cannot be changed, and a malformed policy file is said at once.

use crate::e2e::{launch, Launch};

fn policy_file(name: &str, text: &str) -> std::path::PathBuf {
    let path = std::env::temp_dir().join(format!("frontdesk-{name}-{}.toml", std::process::id()));
    std::fs::write(&path, text).expect("policy file");
    path
}

#[tokio::test]
async fn locked_settings_are_shown_as_the_organisations_and_a_bad_file_is_said() {
    let path = policy_file(
        "policy-locks",
        "retention_days = 14\nlabel_size = \"dymo89x36\"\nlocked = [\"retention_days\", \"label_size\"]\n",
    );
    let app = launch(Launch {
        env: vec![("FRONTDESK_POLICY".into(), path.display().to_string())],
        ..Launch::default()
    })
    .await;
    app.sign_in_as("reception@frontdesk.test").await;
    app.open("Settings").await;
    app.wait_until(
        "the locked settings are the policy's and cannot be changed",
        "const days = document.getElementById('pref-retention');
         const label = document.getElementById('badge-label');
         return days.disabled && days.value === '14' && label.disabled && label.value === 'dymo89x36'
           && document.getElementById('pref-retention-locked')?.textContent === 'Set by your organisation'
           && !document.getElementById('pref-notifications').disabled;",
    )
    .await;
    app.screenshot("settings-policy").await;
    // Rust refuses too, whatever the window sends.
    let refused = app
        .invoke_result(
            "set_preferences",
            serde_json::json!({"preferences": {"notifications": true, "kiosk": false, "startAtLogin": false, "retentionDays": 30}}),
        )
        .await
        .expect_err("a locked setting is refused");
    assert_eq!(refused["code"], "locked", "{refused}");
    assert_eq!(
        refused["fields"][0]["message"],
        "Days is set by your organisation"
    );
    app.finish().await;
    let _ = std::fs::remove_file(&path);

    // A location the organisation fixed that this account cannot see is said, not guessed.
    let path = policy_file("policy-away", "location = 4242\nlocked = [\"location\"]\n");
    let app = launch(Launch {
        env: vec![("FRONTDESK_POLICY".into(), path.display().to_string())],
        ..Launch::default()
    })
    .await;
    app.sign_in_as("reception@frontdesk.test").await;
    app.wait_for_text(
        "This desk's location (4242) is set by your organisation, but this account cannot see it.",
    )
    .await;
    app.finish().await;
    let _ = std::fs::remove_file(&path);

    let path = policy_file(
        "policy-bad",
        "retention_days = 14\nlocked = [\"retension_days\"]\n",
    );
    let app = launch(Launch {
        env: vec![("FRONTDESK_POLICY".into(), path.display().to_string())],
        ..Launch::default()
    })
    .await;
    app.wait_for_text("Your organisation's settings file has a problem, so none of it applies")
        .await;
    app.wait_for_text("retension_days").await;
    app.screenshot("policy-problem").await;
    app.finish().await;
    let _ = std::fs::remove_file(&path);
}
