//! A simulator on a free loopback port and a small HTTP client around it.
#![allow(dead_code)]

use nexudus_sim::{RunningSim, SimConfig, StartOptions};
use reqwest::{Client, Response, StatusCode};
use serde_json::{json, Value};

pub const PASSWORD: &str = "frontdesk";
pub const RECEPTION: &str = "reception@frontdesk.test";
pub const SECURITY: &str = "security@frontdesk.test";
pub const BILLING: &str = "billing@frontdesk.test";
pub const ANA: &str = "ana@frontdesk.test";
pub const BEN: &str = "ben@frontdesk.test";
pub const SHOREDITCH: i64 = 1001;
pub const BROOKLYN: i64 = 1002;
pub const ANA_COWORKER: i64 = 2001;

pub struct Sim {
    pub running: RunningSim,
    pub http: Client,
    pub base: String,
}

/// Rate limits off unless a test turns them on: tests send requests back to back.
pub async fn sim() -> Sim {
    sim_with(json!({"rate_limits": false})).await
}

pub async fn sim_with(patch: Value) -> Sim {
    let config = SimConfig::default()
        .patched(&patch)
        .expect("valid test config");
    let running = nexudus_sim::start(StartOptions {
        config,
        ..StartOptions::default()
    })
    .await
    .expect("simulator starts");
    let base = running.base_url();
    Sim {
        running,
        http: Client::builder()
            .timeout(std::time::Duration::from_secs(10))
            .build()
            .expect("client"),
        base,
    }
}

impl Sim {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub async fn token_form(&self, form: &[(&str, &str)], client_id: Option<&str>) -> Response {
        let mut request = self.http.post(self.url("/api/token")).form(form);
        if let Some(id) = client_id {
            request = request.header("client_id", id);
        }
        request.send().await.expect("token request")
    }

    /// Signs in and answers the whole token response.
    pub async fn sign_in(&self, email: &str) -> Value {
        let response = self
            .token_form(
                &[
                    ("grant_type", "password"),
                    ("username", email),
                    ("password", PASSWORD),
                    ("totp", if email == SECURITY { "123456" } else { "" }),
                ],
                None,
            )
            .await;
        assert_eq!(response.status(), StatusCode::OK, "sign-in of {email}");
        response.json().await.expect("token json")
    }

    pub async fn token(&self, email: &str) -> String {
        self.sign_in(email).await["access_token"]
            .as_str()
            .expect("access token")
            .to_string()
    }

    pub async fn get(&self, token: &str, path: &str) -> Response {
        self.http
            .get(self.url(path))
            .bearer_auth(token)
            .send()
            .await
            .expect("GET")
    }

    pub async fn get_json(&self, token: &str, path: &str) -> Value {
        let response = self.get(token, path).await;
        assert_eq!(response.status(), StatusCode::OK, "GET {path}");
        response.json().await.expect("json")
    }

    pub async fn send_json(
        &self,
        method: reqwest::Method,
        token: &str,
        path: &str,
        body: &Value,
    ) -> Response {
        self.http
            .request(method, self.url(path))
            .bearer_auth(token)
            .json(body)
            .send()
            .await
            .expect("request")
    }

    pub async fn control(&self, path: &str, body: Value) -> Response {
        self.http
            .post(self.url(path))
            .json(&body)
            .send()
            .await
            .expect("control request")
    }

    pub async fn state(&self) -> Value {
        self.http
            .get(self.url("/_sim/state"))
            .send()
            .await
            .expect("state")
            .json()
            .await
            .expect("state json")
    }

    pub async fn visitor(&self, id: i64) -> Value {
        self.http
            .get(self.url(&format!("/_sim/visitors/{id}")))
            .send()
            .await
            .expect("visitor")
            .json()
            .await
            .expect("visitor json")
    }

    pub async fn visitor_count(&self) -> usize {
        self.state().await["visitors"]
            .as_array()
            .map_or(0, Vec::len)
    }

    pub async fn log(&self) -> Vec<Value> {
        self.http
            .get(self.url("/_sim/log"))
            .send()
            .await
            .expect("log")
            .json()
            .await
            .expect("log json")
    }
}

/// A valid admin create body for the demo's Shoreditch location.
pub fn new_visitor(name: &str) -> Value {
    json!({
        "BusinessId": SHOREDITCH,
        "FullName": name,
        "Email": "walk.in@guests.frontdesk.test",
        "VisitorSource": 1,
        "HostApprovalStatus": 1,
        "ExpectedArrival": "2030-01-15T09:30:00",
        "CoworkerId": ANA_COWORKER,
        "Notes": "Has a laptop to register",
        "PhoneNumber": "+44 20 7946 0000",
    })
}
