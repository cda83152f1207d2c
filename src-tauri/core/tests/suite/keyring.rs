//! Tokens in a real Secret Service (gnome-keyring in the private D-Bus session that `./x test`
//! starts). These tests fail, rather than skip, without one: the keyring is a real part.

use std::process::Command;
use std::sync::Arc;

use crate::common::*;
use chrono::Utc;
use frontdesk_core::nexudus::NexudusClient;
use frontdesk_core::secrets::{AccountKey, KeyringStore, Secret, SecretStore, TokenSet};
use serde_json::json;

fn unique_service(test: &str) -> String {
    format!("app.frontdesk.test.{test}.{}", std::process::id())
}

fn sample_tokens() -> TokenSet {
    TokenSet {
        access_token: Secret::new("access-ABC"),
        refresh_token: Secret::new("refresh-XYZ"),
        expires_at: Utc::now(),
        client_id: "reception@frontdesk.test".into(),
    }
}

#[test]
fn tokens_round_trip_through_the_secret_service() {
    let store = KeyringStore::with_service(unique_service("roundtrip"));
    let account = AccountKey {
        server: "127.0.0.1:4010".into(),
        email: "reception@frontdesk.test".into(),
    };
    let tokens = sample_tokens();
    store.save(&account, &tokens).expect("save");

    // Really in the Secret Service, not an in-memory mock: another process can see it.
    let search = Command::new("secret-tool")
        .args(["search", "--all", "service", &unique_service("roundtrip")])
        .output()
        .expect("secret-tool");
    let listed = String::from_utf8_lossy(&search.stdout) + String::from_utf8_lossy(&search.stderr);
    assert!(
        listed.contains("reception@frontdesk.test on 127.0.0.1:4010"),
        "{listed}"
    );

    // A fresh store (as after a restart) reads the same tokens back.
    let reopened = KeyringStore::with_service(unique_service("roundtrip"));
    assert_eq!(reopened.load(&account).expect("load"), Some(tokens));
    reopened.delete(&account).expect("delete");
    assert_eq!(store.load(&account).expect("load"), None);
    reopened.delete(&account).expect("deleting nothing is fine");
}

#[tokio::test]
async fn a_signed_in_session_survives_a_restart_through_the_keyring() {
    let h = harness(json!({})).await;
    let service = unique_service("session");
    let store: Arc<dyn SecretStore> = Arc::new(KeyringStore::with_service(&service));
    let client = NexudusClient::sign_in(
        h.config(),
        store,
        RECEPTION,
        &Secret::new(PASSWORD),
        None,
        false,
    )
    .await
    .expect("sign in");
    drop(client);

    let after_restart: Arc<dyn SecretStore> = Arc::new(KeyringStore::with_service(&service));
    let restored = NexudusClient::restore(h.config(), after_restart.clone(), RECEPTION, false)
        .await
        .expect("restore")
        .expect("saved session");
    assert!(restored.detect_roles().await.expect("roles").reception);
    restored.sign_out().await.expect("sign out");
    assert!(
        NexudusClient::restore(h.config(), after_restart, RECEPTION, false)
            .await
            .expect("restore")
            .is_none()
    );
}
