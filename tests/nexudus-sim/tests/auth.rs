//! `POST /api/token` and route authorisation, as documented in nexudus-api.md §2.

mod common;

use common::*;
use reqwest::StatusCode;
use serde_json::{json, Value};

#[tokio::test]
async fn a_json_token_body_is_an_unsupported_grant_type() {
    let sim = sim().await;
    let response = sim
        .http
        .post(sim.url("/api/token"))
        .json(&json!({"grant_type": "password", "username": RECEPTION, "password": PASSWORD}))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let body: Value = response.json().await.expect("json");
    assert_eq!(body["error"], "unsupported_grant_type");
}

#[tokio::test]
async fn password_grant_answers_the_documented_fields() {
    let sim = sim().await;
    let token = sim.sign_in(RECEPTION).await;
    assert_eq!(token["token_type"], "bearer");
    assert_eq!(token["expires_in"], 604_799);
    assert!(token["access_token"]
        .as_str()
        .is_some_and(|t| !t.is_empty()));
    assert!(token["refresh_token"]
        .as_str()
        .is_some_and(|t| !t.is_empty()));
}

#[tokio::test]
async fn wrong_credentials_are_an_invalid_grant_with_a_description() {
    let sim = sim().await;
    for (user, password) in [(RECEPTION, "nope"), ("nobody@frontdesk.test", PASSWORD)] {
        let response = sim
            .token_form(
                &[
                    ("grant_type", "password"),
                    ("username", user),
                    ("password", password),
                ],
                None,
            )
            .await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST);
        let body: Value = response.json().await.expect("json");
        assert_eq!(body["error"], "invalid_grant");
        assert!(body["error_description"].is_string());
    }
}

#[tokio::test]
async fn token_errors_can_come_without_descriptions() {
    let sim = sim_with(json!({"rate_limits": false, "token_error_descriptions": false})).await;
    let response = sim
        .token_form(
            &[
                ("grant_type", "password"),
                ("username", RECEPTION),
                ("password", "x"),
            ],
            None,
        )
        .await;
    let body: Value = response.json().await.expect("json");
    assert_eq!(body, json!({"error": "invalid_grant"}));
}

#[tokio::test]
async fn two_factor_accounts_need_the_totp_field() {
    let sim = sim().await;
    let attempt = |totp: &'static str| {
        let sim = &sim;
        async move {
            let response = sim
                .token_form(
                    &[
                        ("grant_type", "password"),
                        ("username", SECURITY),
                        ("password", PASSWORD),
                        ("totp", totp),
                    ],
                    None,
                )
                .await;
            let status = response.status();
            (status, response.json::<Value>().await.expect("json"))
        }
    };
    let (status, body) = attempt("").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"], "two_factor_auth_check");
    let (status, body) = attempt("000000").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"], "invalid_grant");
    let (status, body) = attempt("123456").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body["access_token"].is_string());
}

async fn refresh(sim: &Sim, refresh_token: &str, client_id: Option<&str>) -> (StatusCode, Value) {
    let response = sim
        .token_form(
            &[
                ("grant_type", "refresh_token"),
                ("refresh_token", refresh_token),
            ],
            client_id,
        )
        .await;
    let status = response.status();
    (status, response.json().await.expect("json"))
}

#[tokio::test]
async fn refresh_tokens_rotate_and_are_single_use() {
    let sim = sim().await;
    let first = sim.sign_in(RECEPTION).await;
    let old_refresh = first["refresh_token"].as_str().expect("refresh");
    let (status, second) = refresh(&sim, old_refresh, Some(RECEPTION)).await;
    assert_eq!(status, StatusCode::OK);
    assert_ne!(second["refresh_token"], first["refresh_token"]);
    assert_ne!(second["access_token"], first["access_token"]);

    let (status, reused) = refresh(&sim, old_refresh, Some(RECEPTION)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(reused["error"], "invalid_grant");

    let new_access = second["access_token"].as_str().expect("access");
    assert_eq!(
        sim.get(new_access, "/api/sys/businesses").await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn refresh_needs_the_sign_in_client_id_unless_switched_off() {
    let sim = sim().await;
    let token = sim.sign_in(RECEPTION).await;
    let (status, body) = refresh(&sim, token["refresh_token"].as_str().expect("rt"), None).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"], "invalid_grant");

    let token = sim.sign_in(RECEPTION).await;
    let rt = token["refresh_token"].as_str().expect("rt");
    let (status, _) = refresh(&sim, rt, Some("someone-else")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    let relaxed =
        sim_with(json!({"rate_limits": false, "client_id_required_on_refresh": false})).await;
    let token = relaxed.sign_in(RECEPTION).await;
    let (status, _) = refresh(&relaxed, token["refresh_token"].as_str().expect("rt"), None).await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn a_client_id_given_at_sign_in_is_the_one_refresh_must_send() {
    let sim = sim().await;
    let response = sim
        .token_form(
            &[
                ("grant_type", "password"),
                ("username", RECEPTION),
                ("password", PASSWORD),
            ],
            Some("desk-7"),
        )
        .await;
    let token: Value = response.json().await.expect("json");
    let rt = token["refresh_token"].as_str().expect("rt");
    let (status, _) = refresh(&sim, rt, Some("desk-7")).await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn expired_access_tokens_get_401_with_an_empty_body_and_refresh_still_works() {
    let sim = sim().await;
    let token = sim.sign_in(RECEPTION).await;
    let access = token["access_token"].as_str().expect("access");
    assert_eq!(
        sim.get(access, "/api/spaces/visitors").await.status(),
        StatusCode::OK
    );

    sim.control("/_sim/tokens/expire", json!({})).await;
    let response = sim.get(access, "/api/spaces/visitors").await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert!(response.bytes().await.expect("body").is_empty());

    let (status, _) = refresh(
        &sim,
        token["refresh_token"].as_str().expect("rt"),
        Some(RECEPTION),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn expiring_refresh_tokens_too_means_signing_in_again() {
    let sim = sim().await;
    let token = sim.sign_in(RECEPTION).await;
    sim.control("/_sim/tokens/expire", json!({"refresh": true}))
        .await;
    let (status, body) = refresh(
        &sim,
        token["refresh_token"].as_str().expect("rt"),
        Some(RECEPTION),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"], "invalid_grant");
}

#[tokio::test]
async fn token_lifetime_is_configurable() {
    let sim = sim_with(json!({"rate_limits": false, "access_token_lifetime_secs": 86400})).await;
    assert_eq!(sim.sign_in(ANA).await["expires_in"], 86400);
}

#[tokio::test]
async fn customer_tokens_are_refused_on_admin_routes_and_admin_tokens_on_public_ones() {
    let sim = sim().await;
    let member = sim.token(ANA).await;
    let admin = sim.token(RECEPTION).await;
    let response = sim.get(&member, "/api/spaces/visitors").await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert!(response.bytes().await.expect("body").is_empty());
    assert_eq!(
        sim.get(&admin, "/api/public/visitors/my").await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        sim.get(&member, "/api/public/visitors/my").await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_missing_role_is_401_by_default_and_403_when_switched() {
    let sim = sim().await;
    let billing = sim.token(BILLING).await;
    assert_eq!(
        sim.get(&billing, "/api/spaces/visitors").await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        sim.get(&billing, "/api/sys/businesses").await.status(),
        StatusCode::OK
    );
    sim.control("/_sim/config", json!({"missing_role_status": 403}))
        .await;
    assert_eq!(
        sim.get(&billing, "/api/spaces/visitors").await.status(),
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn admin_routes_take_http_basic_auth() {
    let sim = sim().await;
    let response = sim
        .http
        .get(sim.url("/api/sys/businesses"))
        .basic_auth(RECEPTION, Some(PASSWORD))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::OK);
    let wrong = sim
        .http
        .get(sim.url("/api/sys/businesses"))
        .basic_auth(RECEPTION, Some("wrong"))
        .send()
        .await
        .expect("request");
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn no_token_is_401() {
    let sim = sim().await;
    let response = sim
        .http
        .get(sim.url("/api/spaces/visitors"))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
}
