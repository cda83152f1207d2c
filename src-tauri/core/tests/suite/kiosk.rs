//! Kiosk mode: a visitor at the desk cannot send the next receptionist's password elsewhere,
//! sign the desk out, or leave kiosk mode without the account's password.

use crate::common::*;
use frontdesk_core::account::{AccountError, SignInRequest};
use frontdesk_core::kiosk::{self, Proof};
use frontdesk_core::preferences::Preferences;
use frontdesk_core::secrets::Secret;
use frontdesk_core::session::{self, Removal};
use serde_json::json;

fn proof(password: &str, code: Option<&str>) -> Proof {
    Proof {
        password: Secret::new(password),
        code: code.map(str::to_string),
    }
}

fn field_of(result: Result<impl std::fmt::Debug, AccountError>) -> String {
    match result {
        Err(AccountError::Invalid { fields }) => fields
            .iter()
            .map(|f| format!("{}: {}", f.field, f.message))
            .collect::<Vec<_>>()
            .join("; "),
        other => panic!("expected a field problem, got {other:?}"),
    }
}

#[tokio::test]
async fn kiosk_mode_guards_the_server_sign_out_and_itself_with_the_password() {
    let h = empty_harness(json!({})).await;
    let desk = signed_in(&h, RECEPTION).await;
    let kiosk_on = Preferences {
        kiosk: true,
        ..Preferences::default()
    };
    kiosk_on.save(&desk.store).await.expect("kiosk on");

    // Signing in again is fine; naming another server is not.
    let request = |server: Option<&str>| SignInRequest {
        email: RECEPTION.into(),
        password: Secret::new(PASSWORD),
        totp: None,
        space: None,
        server: server.map(str::to_string),
    };
    assert_eq!(
        field_of(
            desk.accounts
                .sign_in(request(Some("https://evil.example")))
                .await
        ),
        "server: cannot be changed in kiosk mode: leave kiosk mode in Settings first"
    );
    desk.accounts
        .sign_in(request(None))
        .await
        .expect("the same server is fine");

    // Sign-out: no password, a wrong one, then the right one.
    assert_eq!(
        field_of(session::sign_out(&desk.accounts, &desk.store, None, Removal::Keep).await),
        "password: is a required field"
    );
    let wrong = proof("guess", None);
    assert_eq!(
        field_of(session::sign_out(&desk.accounts, &desk.store, Some(&wrong), Removal::Keep).await),
        "password: is not this account's password"
    );
    assert!(desk.accounts.status().await.expect("status").signed_in);
    // Checking a password leaves the session it guards working.
    desk.desk
        .locations()
        .await
        .expect("still signed in after the checks");

    // Leaving kiosk mode needs it too; staying in it does not.
    let kiosk_off = Preferences::default();
    assert!(
        kiosk::check_change(&desk.accounts, &desk.store, &kiosk_on, None)
            .await
            .is_ok()
    );
    assert_eq!(
        field_of(kiosk::check_change(&desk.accounts, &desk.store, &kiosk_off, Some(&wrong)).await),
        "password: is not this account's password"
    );
    let right = proof(PASSWORD, None);
    kiosk::check_change(&desk.accounts, &desk.store, &kiosk_off, Some(&right))
        .await
        .expect("the right password");
    let status = session::sign_out(&desk.accounts, &desk.store, Some(&right), Removal::Keep)
        .await
        .expect("signed out with the password");
    assert!(!status.signed_in);
}

#[tokio::test]
async fn a_two_factor_account_needs_its_code_too() {
    let h = empty_harness(json!({})).await;
    let desk = signed_in(&h, SECURITY).await;
    Preferences {
        kiosk: true,
        ..Preferences::default()
    }
    .save(&desk.store)
    .await
    .expect("kiosk on");
    // A wrong password is wrong; the right one alone is not enough: "code needed" is never
    // taken as a yes.
    assert_eq!(
        field_of(
            session::sign_out(
                &desk.accounts,
                &desk.store,
                Some(&proof("guess", None)),
                Removal::Keep
            )
            .await
        ),
        "password: is not this account's password"
    );
    assert_eq!(
        field_of(
            session::sign_out(
                &desk.accounts,
                &desk.store,
                Some(&proof(PASSWORD, None)),
                Removal::Keep
            )
            .await
        ),
        "totp: is needed too: enter the code from your authenticator app"
    );
    assert!(session::sign_out(
        &desk.accounts,
        &desk.store,
        Some(&proof("guess", Some("123456"))),
        Removal::Keep
    )
    .await
    .is_err());
    let status = session::sign_out(
        &desk.accounts,
        &desk.store,
        Some(&proof(PASSWORD, Some("123456"))),
        Removal::Keep,
    )
    .await
    .expect("the password and the code");
    assert!(!status.signed_in);
}

#[tokio::test]
async fn outside_kiosk_mode_sign_out_needs_nothing() {
    let h = empty_harness(json!({})).await;
    let desk = signed_in(&h, RECEPTION).await;
    let status = session::sign_out(&desk.accounts, &desk.store, None, Removal::Keep)
        .await
        .expect("signed out");
    assert!(!status.signed_in);
}
