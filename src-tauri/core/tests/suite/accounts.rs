//! Sign-in, restore and sign-out end to end: the simulator, a real SQLite file and the real
//! Secret Service (run through `./x test`).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::common::*;
use frontdesk_core::account::{AccountError, Accounts, Mode, SignInRequest};
use frontdesk_core::nexudus::pacing::PaceLimits;
use frontdesk_core::nexudus::{ApiError, VisitorQuery};
use frontdesk_core::secrets::{AccountKey, KeyringStore, Secret, SecretStore};
use frontdesk_core::store::Store;
use serde_json::json;

/// A data folder and a keyring service of its own: one desk computer, as the accounts see it.
struct DeskFolder {
    dir: PathBuf,
    secrets: Arc<KeyringStore>,
}

impl DeskFolder {
    fn new(test: &str) -> Self {
        let dir = std::env::temp_dir().join(format!(
            "frontdesk-accounts-{test}-{}",
            uuid::Uuid::new_v4()
        ));
        DeskFolder {
            dir,
            secrets: Arc::new(KeyringStore::with_service(format!(
                "app.frontdesk.test.accounts.{test}.{}",
                std::process::id()
            ))),
        }
    }

    /// A fresh `Accounts`, as after an app start, pointed at the simulator by the env override.
    async fn open(&self, h: &Harness) -> Accounts {
        let store = Store::open(&self.dir).await.expect("store");
        let secrets: Arc<dyn SecretStore> = self.secrets.clone();
        Accounts::new(store, secrets, Some(h.sim.base_url())).with_limits(PaceLimits::unlimited())
    }
}

impl Drop for DeskFolder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn request(email: &str, totp: Option<&str>, space: Option<&str>) -> SignInRequest {
    SignInRequest {
        email: email.into(),
        password: Secret::new(PASSWORD),
        totp: totp.map(str::to_string),
        space: space.map(str::to_string),
        server: None,
    }
}

fn every_file_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(every_file_under(&path));
        } else {
            files.push(path);
        }
    }
    files
}

#[tokio::test]
async fn reception_signs_in_restores_offline_after_a_restart_and_signs_out() {
    let h = harness(json!({})).await;
    let desk = DeskFolder::new("reception");
    let accounts = desk.open(&h).await;
    let status = accounts
        .sign_in(request(RECEPTION, None, None))
        .await
        .expect("sign in");
    assert!(status.signed_in);
    assert!(status.roles.reception && !status.roles.host);
    assert_eq!(status.mode, Some(Mode::Reception));
    drop(accounts);

    // Restart with the network down: the session comes back from the keyring.
    let Harness { sim, .. } = h;
    let base = sim.base_url();
    sim.stop().await;
    let store = Store::open(&desk.dir).await.expect("store");
    let secrets: Arc<dyn SecretStore> = desk.secrets.clone();
    let restarted = Accounts::new(store, secrets, Some(base)).with_limits(PaceLimits::unlimited());
    let restored = restarted.restore().await.expect("restore");
    assert!(restored.signed_in);
    assert_eq!(restored.email.as_deref(), Some(RECEPTION));
    assert!(matches!(
        restarted
            .client()
            .await
            .expect("client")
            .list_visitors(&VisitorQuery::default())
            .await,
        Err(ApiError::Offline { .. })
    ));

    let after = restarted.sign_out().await.expect("sign out");
    assert!(!after.signed_in);
    assert_eq!(
        after.email.as_deref(),
        Some(RECEPTION),
        "the email is remembered for next time"
    );
    assert!(matches!(
        restarted.client().await,
        Err(AccountError::SignedOut)
    ));
    assert!(!restarted.restore().await.expect("restore").signed_in);
}

#[tokio::test]
async fn two_factor_is_asked_for_then_accepted() {
    let h = harness(json!({})).await;
    let desk = DeskFolder::new("twofactor");
    let accounts = desk.open(&h).await;
    assert!(matches!(
        accounts.sign_in(request(SECURITY, None, None)).await,
        Err(AccountError::Api(ApiError::TwoFactorRequired))
    ));
    assert!(!accounts.status().await.expect("status").signed_in);
    let status = accounts
        .sign_in(request(SECURITY, Some("123456"), None))
        .await
        .expect("sign in");
    assert!(status.signed_in);
}

#[tokio::test]
async fn a_member_signs_in_at_the_space_as_a_host_and_the_space_is_remembered() {
    let h = harness(json!({})).await;
    let desk = DeskFolder::new("host");
    let accounts = desk.open(&h).await;
    let status = accounts
        .sign_in(request(ANA, None, Some("shoreditch.spaces.nexudus.com")))
        .await
        .expect("sign in");
    assert!(status.roles.host && !status.roles.reception);
    assert_eq!(status.mode, Some(Mode::Host));
    assert!(matches!(
        accounts.set_mode(Mode::Reception).await,
        Err(AccountError::ModeNotAllowed(_))
    ));
    accounts.sign_out().await.expect("sign out");
    let remembered = accounts.status().await.expect("status");
    assert_eq!(
        remembered.space.as_deref(),
        Some("shoreditch.spaces.nexudus.com")
    );
}

#[tokio::test]
async fn an_account_with_no_visitor_access_is_turned_away_and_not_kept() {
    let h = harness(json!({})).await;
    let desk = DeskFolder::new("noaccess");
    let accounts = desk.open(&h).await;
    assert!(matches!(
        accounts.sign_in(request(BILLING, None, None)).await,
        Err(AccountError::NoAccess)
    ));
    let key = AccountKey::new(&url::Url::parse(&h.sim.base_url()).expect("url"), BILLING);
    assert!(desk.secrets.load(&key).expect("load").is_none());
}

#[tokio::test]
async fn bad_input_is_refused_before_any_request() {
    let h = harness(json!({})).await;
    let desk = DeskFolder::new("invalid");
    let accounts = desk.open(&h).await;
    let mut bad = request("not-an-email", None, None);
    bad.password = Secret::new("");
    assert!(
        matches!(accounts.sign_in(bad).await, Err(AccountError::Invalid { fields }) if fields.len() == 2)
    );
    assert_eq!(h.requests_to("POST", "/api/token").await, 0);
}

#[tokio::test]
async fn tokens_are_in_the_keyring_and_in_no_file_the_app_wrote() {
    let h = harness(json!({})).await;
    let desk = DeskFolder::new("nosecrets");
    let accounts = desk.open(&h).await;
    accounts
        .sign_in(request(RECEPTION, None, None))
        .await
        .expect("sign in");
    let client = accounts.client().await.expect("client");
    client
        .list_visitors(&VisitorQuery::default())
        .await
        .expect("list");
    // A refresh writes a rotated pair: check those too.
    h.control("/_sim/tokens/expire", json!({})).await;
    client
        .list_visitors(&VisitorQuery::default())
        .await
        .expect("list after refresh");
    accounts.set_mode(Mode::Reception).await.expect("mode");

    let tokens = desk
        .secrets
        .load(client.account())
        .expect("load")
        .expect("tokens in the keyring");
    let files = every_file_under(&desk.dir);
    assert!(
        files.iter().any(|f| f.ends_with("frontdesk.sqlite3")),
        "{files:?}"
    );
    for file in files {
        let bytes = std::fs::read(&file).expect("read");
        let text = String::from_utf8_lossy(&bytes);
        // (The demo password, "frontdesk", is part of every demo email, so it cannot be
        // searched for; the sign-in form never hands it to the store in the first place.)
        for (name, secret) in [
            ("access token", tokens.access_token.expose()),
            ("refresh token", tokens.refresh_token.expose()),
        ] {
            assert!(
                !text.contains(secret),
                "{} contains the {name}",
                file.display()
            );
        }
    }
    // Debug output of everything the session holds is redacted too.
    assert!(!format!("{tokens:?}").contains(tokens.access_token.expose()));
}
