//! The sign-in screen in the real app window.

use crate::e2e::{launch, Launch};

#[tokio::test]
async fn reception_signs_in_and_out_and_the_email_is_remembered() {
    let app = launch(Launch::default()).await;
    app.wait_for_text("Sign in with your Nexudus account").await;
    app.screenshot("sign-in").await;
    app.fill("Email", "reception@frontdesk.test").await;
    app.fill("Password", "frontdesk").await;
    app.click("Sign in").await;
    app.wait_for_text("Signed in as reception@frontdesk.test in Reception mode.")
        .await;
    app.screenshot("signed-in").await;
    let tokens_issued = app.sim_get("/_sim/state").await["sessions"].as_u64();
    assert_eq!(tokens_issued, Some(1));

    app.open("Settings").await;
    app.screenshot("settings").await;
    app.click("Sign out").await;
    app.wait_for_text("Sign in with your Nexudus account").await;
    let email = app.field("Email").await.prop("value").await.expect("value");
    assert_eq!(email.as_deref(), Some("reception@frontdesk.test"));
    app.finish().await;
}

#[tokio::test]
async fn two_factor_asks_for_the_code_then_signs_in() {
    let app = launch(Launch::default()).await;
    app.fill("Email", "security@frontdesk.test").await;
    app.fill("Password", "frontdesk").await;
    app.click("Sign in").await;
    app.wait_for_text("Enter the code from your authenticator app.")
        .await;
    assert_eq!(app.focused_id().await, "totp");
    app.screenshot("sign-in-2fa").await;
    app.fill("Code from your authenticator app", "123456").await;
    app.click("Sign in").await;
    app.wait_for_text("Signed in as security@frontdesk.test")
        .await;
    app.finish().await;
}

#[tokio::test]
async fn a_wrong_password_and_empty_fields_get_clear_messages() {
    let app = launch(Launch::default()).await;
    app.click("Sign in").await;
    app.wait_for_text("Email is a required field").await;
    app.wait_for_text("Password is a required field").await;
    assert_eq!(app.focused_id().await, "email");

    app.fill("Email", "reception@frontdesk.test").await;
    app.fill("Password", "not-the-password").await;
    app.click("Sign in").await;
    app.wait_for_text("The email or password is incorrect.")
        .await;
    assert_eq!(app.focused_id().await, "password");
    app.screenshot("sign-in-wrong-password").await;
    app.finish().await;
}

#[tokio::test]
async fn a_member_signs_in_as_a_host_at_their_space() {
    let app = launch(Launch::default()).await;
    app.fill("Email", "ana@frontdesk.test").await;
    app.fill("Password", "frontdesk").await;
    app.fill("Your space's web address", "shoreditch.spaces.nexudus.com")
        .await;
    app.click("Sign in").await;
    app.wait_for_text("Signed in as ana@frontdesk.test in Host mode.")
        .await;
    app.finish().await;
}
