//! The organisation's policy on a real desk: its values are a new desk's defaults, its locked
//! values win over what was saved and cannot be changed (settings, badges, location, the
//! sign-in server), and a malformed file applies nothing.

use crate::common::*;
use frontdesk_core::account::{AccountError, SignInRequest};
use frontdesk_core::badge::{BadgeSettings, LabelSize};
use frontdesk_core::desk::DeskError;
use frontdesk_core::policy::{PolicyState, LOCKED_MESSAGE};
use frontdesk_core::preferences::Preferences;
use frontdesk_core::secrets::Secret;
use serde_json::json;

const BROOKLYN: i64 = 1002;

#[tokio::test]
async fn a_policys_values_are_defaults_until_a_person_changes_them() {
    let h = empty_harness(json!({})).await;
    let policy = PolicyState::from_text(
        "kiosk = true\nretention_days = 14\nbadge_printer = \"Labels\"\nlabel_size = \"dymo89x36\"\nlocation = 1002\n",
    );
    assert_eq!(policy.problem, None);
    let desk = signed_in_under(&h, RECEPTION, Some(policy)).await;

    let first = Preferences::load(&desk.store).await.expect("load");
    assert!(first.kiosk);
    assert_eq!(first.retention_days, 14);
    let badges = desk.desk.badge_settings().await.expect("badges");
    assert_eq!(badges.printer.as_deref(), Some("Labels"));
    assert_eq!(badges.label, LabelSize::Dymo89x36);
    assert_eq!(
        desk.desk.location().await.expect("location"),
        Some(BROOKLYN)
    );

    // Not locked: a person's choice stands.
    let mine = Preferences {
        retention_days: 60,
        ..first
    };
    assert!(first.locked_changes(&mine, desk.store.policy()).is_empty());
    mine.save(&desk.store).await.expect("save");
    assert_eq!(
        Preferences::load(&desk.store)
            .await
            .expect("load")
            .retention_days,
        60
    );
    desk.desk.set_location(SHOREDITCH).await.expect("chosen");
    assert_eq!(
        desk.desk.location().await.expect("location"),
        Some(SHOREDITCH)
    );
}

#[tokio::test]
async fn locked_settings_win_over_saved_ones_and_cannot_be_changed() {
    let h = empty_harness(json!({})).await;
    let unlocked = signed_in(&h, RECEPTION).await;
    let policy = PolicyState::from_text(
        r#"
        retention_days = 14
        badge_printer = "Labels"
        location = 1001
        server = "https://spaces.nexudus.com"
        locked = ["retention_days", "badge_printer", "location", "server"]
        "#,
    );
    // A desk that saved its own choices before the policy came.
    Preferences {
        retention_days: 90,
        ..Preferences::default()
    }
    .save(&unlocked.store)
    .await
    .expect("save");
    let store = unlocked.store.clone().with_policy(policy.clone());
    let in_effect = Preferences::load(&store).await.expect("load");
    assert_eq!(
        in_effect.retention_days, 14,
        "the lock wins over the saved 90"
    );
    let changed = Preferences {
        retention_days: 30,
        ..in_effect
    };
    let refused = in_effect.locked_changes(&changed, store.policy());
    assert_eq!(refused.len(), 1);
    assert_eq!(refused[0].field, "retentionDays");
    assert_eq!(refused[0].message, LOCKED_MESSAGE);

    let desk = signed_in_under(&h, RECEPTION, Some(policy)).await;
    let other_printer = desk
        .desk
        .set_badge_settings(BadgeSettings {
            printer: Some("Elsewhere".into()),
            ..BadgeSettings::default()
        })
        .await;
    assert!(
        matches!(&other_printer, Err(DeskError::Invalid { fields }) if fields[0].field == "printer"),
        "{other_printer:?}"
    );
    assert!(matches!(
        desk.desk.set_location(BROOKLYN).await,
        Err(DeskError::Invalid { .. })
    ));
    assert_eq!(
        desk.desk.location().await.expect("location"),
        Some(SHOREDITCH)
    );

    // The sign-in form (or `frontdesk login --server`) cannot send the desk elsewhere.
    let other_server = desk
        .accounts
        .sign_in(SignInRequest {
            email: RECEPTION.into(),
            password: Secret::new(PASSWORD),
            totp: None,
            space: None,
            server: Some(h.sim.base_url()),
        })
        .await;
    match other_server {
        Err(AccountError::Invalid { fields }) => {
            assert_eq!(fields[0].field, "server");
            assert_eq!(fields[0].message, LOCKED_MESSAGE);
        }
        other => panic!("a locked server is refused: {other:?}"),
    }
}

#[tokio::test]
async fn a_malformed_policy_applies_nothing_and_says_why() {
    let h = empty_harness(json!({})).await;
    let policy = PolicyState::from_text("retention_days = 7\nlocked = [\"retention_dayz\"]\n");
    let problem = policy.problem.clone().expect("a problem");
    assert!(problem.contains("retention_dayz"), "{problem}");
    let desk = signed_in_under(&h, RECEPTION, Some(policy)).await;
    let in_effect = Preferences::load(&desk.store).await.expect("load");
    assert_eq!(in_effect, Preferences::default(), "nothing of it applies");
    let check = frontdesk_core::doctor::policy(desk.store.policy());
    assert!(!check.passed);
    assert!(
        check.detail.contains("nothing in it applies"),
        "{}",
        check.detail
    );
}

#[tokio::test]
async fn a_session_on_another_server_is_not_restored_once_the_server_is_locked() {
    use frontdesk_core::account::Accounts;
    use frontdesk_core::secrets::MemoryStore;
    use std::sync::Arc;

    let h = empty_harness(json!({})).await;
    let dir = std::env::temp_dir().join(format!("frontdesk-policy-{}", uuid::Uuid::new_v4()));
    let store = frontdesk_core::store::Store::open(&dir)
        .await
        .expect("store")
        .with_policy(PolicyState::default());
    let secrets: Arc<dyn frontdesk_core::secrets::SecretStore> = Arc::new(MemoryStore::default());
    let before = Accounts::new(store.clone(), secrets.clone(), None);
    before
        .sign_in(SignInRequest {
            email: RECEPTION.into(),
            password: Secret::new(PASSWORD),
            totp: None,
            space: None,
            server: Some(h.sim.base_url()),
        })
        .await
        .expect("signed in to the simulator");

    let unlocked = Accounts::new(store.clone(), secrets.clone(), None);
    assert!(unlocked.restore().await.expect("restore").signed_in);

    let locked =
        PolicyState::from_text("server = \"https://spaces.nexudus.com\"\nlocked = [\"server\"]\n");
    let after = Accounts::new(store.with_policy(locked), secrets, None);
    let status = after.restore().await.expect("restore");
    assert!(!status.signed_in, "the old server's session is not used");
    let _ = std::fs::remove_dir_all(&dir);
}
