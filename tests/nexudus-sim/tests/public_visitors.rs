//! The public (customer) visitors API (§4), over real HTTP.

mod common;

use chrono::{Duration, Utc};
use common::*;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

fn registration(name: &str, email: &str, at: &str) -> Value {
    json!({
        "BusinessId": SHOREDITCH,
        "FullName": name,
        "Email": email,
        "PhoneNumber": "+44 7700 900000",
        "ExpectedArrival": at,
        "CustomerNotes": "Meeting in room 3",
    })
}

fn future(days: i64) -> String {
    (Utc::now() + Duration::days(days))
        .format("%Y-%m-%dT10:00:00")
        .to_string()
}

async fn all_mine(sim: &Sim, token: &str, query: &str) -> Vec<Value> {
    let mut rows = Vec::new();
    let mut page = 1;
    loop {
        let envelope = sim
            .get_json(
                token,
                &format!("/api/public/visitors/my?page={page}{query}"),
            )
            .await;
        rows.extend(
            envelope["Records"]
                .as_array()
                .expect("records")
                .iter()
                .cloned(),
        );
        if envelope["HasNextPage"] != true {
            return rows;
        }
        page += 1;
    }
}

#[tokio::test]
async fn registering_an_array_answers_200_with_an_empty_body_and_no_id() {
    let sim = sim().await;
    let token = sim.token(ANA).await;
    let before = sim.visitor_count().await;
    let body = json!([
        registration("Sarah Connor", "sarah@connor.test", &future(1)),
        registration("Sarah Connor", "sarah@connor.test", &future(2)),
    ]);
    let response = sim
        .send_json(Method::POST, &token, "/api/public/visitors", &body)
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers().get("location").is_none());
    assert!(response.bytes().await.expect("body").is_empty());
    assert_eq!(sim.visitor_count().await, before + 2);

    let mine = all_mine(&sim, &token, "").await;
    let sarahs: Vec<_> = mine
        .iter()
        .filter(|v| v["FullName"] == "Sarah Connor")
        .collect();
    assert_eq!(sarahs.len(), 2);
    assert_eq!(sarahs[0]["Notes"], "Meeting in room 3");
    let state = sim.state().await;
    let stored: Vec<_> = state["visitors"]
        .as_array()
        .expect("visitors")
        .iter()
        .filter(|v| v["FullName"] == "Sarah Connor")
        .collect();
    assert!(stored
        .iter()
        .all(|v| v["VisitorSource"] == 3 && v["CoworkerId"] == ANA_COWORKER));
}

#[tokio::test]
async fn a_rejected_email_is_plain_text_and_nothing_is_registered() {
    let sim = sim().await;
    let token = sim.token(ANA).await;
    let before = sim.visitor_count().await;
    let body = json!([
        registration("Good", "good@guests.test", &future(1)),
        registration("Bad", "bad@example.com", &future(1)),
    ]);
    let response = sim
        .send_json(Method::POST, &token, "/api/public/visitors", &body)
        .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert!(response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/plain")));
    assert_eq!(
        response.text().await.expect("text"),
        "Invalid Email Address"
    );
    assert_eq!(sim.visitor_count().await, before);

    let mut no_email = registration("No Mail", "", &future(1));
    no_email.as_object_mut().expect("object").remove("Email");
    let response = sim
        .send_json(
            Method::POST,
            &token,
            "/api/public/visitors",
            &json!([no_email]),
        )
        .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert_eq!(response.text().await.expect("text"), "not valid");
}

#[tokio::test]
async fn partial_registration_when_switched_keeps_the_good_items() {
    let sim =
        sim_with(json!({"rate_limits": false, "public_register_all_or_nothing": false})).await;
    let token = sim.token(ANA).await;
    let before = sim.visitor_count().await;
    let body = json!([
        registration("Good", "good@guests.test", &future(1)),
        registration("Bad", "not-an-email", &future(1)),
    ]);
    let response = sim
        .send_json(Method::POST, &token, "/api/public/visitors", &body)
        .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert_eq!(sim.visitor_count().await, before + 1);
}

#[tokio::test]
async fn between_one_and_thirty_visitors_per_request() {
    let sim = sim().await;
    let token = sim.token(BEN).await;
    let thirty: Vec<Value> = (1..=30)
        .map(|day| registration("Daily Guest", "daily@guests.test", &future(day)))
        .collect();
    let response = sim
        .send_json(Method::POST, &token, "/api/public/visitors", &json!(thirty))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let mut too_many = thirty.clone();
    too_many.push(registration("One More", "one@guests.test", &future(31)));
    let response = sim
        .send_json(
            Method::POST,
            &token,
            "/api/public/visitors",
            &json!(too_many),
        )
        .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let response = sim
        .send_json(Method::POST, &token, "/api/public/visitors", &json!([]))
        .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let response = sim
        .send_json(
            Method::POST,
            &token,
            "/api/public/visitors",
            &registration("Not An Array", "a@guests.test", &future(1)),
        )
        .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn ids_come_back_when_switched() {
    let sim = sim_with(json!({"rate_limits": false, "public_register_reply": "ids"})).await;
    let token = sim.token(ANA).await;
    let response = sim
        .send_json(
            Method::POST,
            &token,
            "/api/public/visitors",
            &json!([registration("Id Please", "id@guests.test", &future(1))]),
        )
        .await;
    let body: Value = response.json().await.expect("json");
    assert!(body[0]["Id"].is_i64());
}

#[tokio::test]
async fn my_list_pages_by_15_in_arrival_order_with_local_and_utc_dates() {
    let sim = sim().await;
    let token = sim.token(ANA).await;
    let first = sim.get_json(&token, "/api/public/visitors/my").await;
    assert_eq!(first["CurrentPageSize"], 15);
    assert_eq!(first["CurrentSortDirection"], "ASC");
    assert_eq!(first["CurrentOrderField"], "ExpectedArrival");
    assert_eq!(first["Records"].as_array().expect("records").len(), 15);
    assert_eq!(first["HasNextPage"], true);

    // orderBy/dir are ignored: always ExpectedArrival ascending.
    let mine = all_mine(&sim, &token, "&orderBy=FullName&dir=-1").await;
    let arrivals: Vec<String> = mine
        .iter()
        .map(|v| v["UtcExpectedArrival"].as_str().expect("utc").to_string())
        .collect();
    let mut sorted = arrivals.clone();
    sorted.sort();
    assert_eq!(arrivals, sorted);
    let state = sim.state().await;
    let hosted = state["visitors"]
        .as_array()
        .expect("visitors")
        .iter()
        .filter(|v| v["CoworkerId"] == ANA_COWORKER)
        .count();
    assert_eq!(mine.len(), hosted);
    for field in [
        "Id",
        "UniqueId",
        "FullName",
        "Email",
        "Arrived",
        "ExpectedArrival",
        "CreatedOnUtc",
    ] {
        assert!(mine[0].get(field).is_some(), "{field}");
    }

    let bigger = sim
        .get_json(&token, "/api/public/visitors/my?size=100")
        .await;
    assert_eq!(bigger["Records"].as_array().expect("records").len(), hosted);
}

#[tokio::test]
async fn local_dates_are_in_the_locations_zone() {
    let sim = sim().await;
    let token = sim.token(BEN).await;
    let mut brooklyn = registration("Zone Check", "zone@guests.test", "2030-01-15T15:00:00Z");
    brooklyn["BusinessId"] = json!(BROOKLYN);
    sim.send_json(
        Method::POST,
        &token,
        "/api/public/visitors",
        &json!([brooklyn]),
    )
    .await;
    let mine = all_mine(&sim, &token, "").await;
    let visit = mine
        .iter()
        .find(|v| v["FullName"] == "Zone Check")
        .expect("registered");
    assert_eq!(visit["UtcExpectedArrival"], "2030-01-15T15:00:00Z");
    assert_eq!(visit["ExpectedArrival"], "2030-01-15T10:00:00");
}

#[tokio::test]
async fn show_upcoming_leaves_out_past_visits() {
    let sim = sim().await;
    let token = sim.token(ANA).await;
    let all = all_mine(&sim, &token, "").await;
    let upcoming = all_mine(&sim, &token, "&showUpcoming=true").await;
    assert!(upcoming.len() < all.len());
    let now = Utc::now();
    assert!(upcoming.iter().all(|v| v["UtcExpectedArrival"]
        .as_str()
        .and_then(|s| s.parse::<chrono::DateTime<Utc>>().ok())
        .is_some_and(|at| at >= now - Duration::seconds(5))));
}

#[tokio::test]
async fn hosts_see_and_cancel_only_their_own_visitors() {
    let sim = sim().await;
    let ana = sim.token(ANA).await;
    let ben = sim.token(BEN).await;
    let ana_visits = all_mine(&sim, &ana, "").await;
    let ben_visits = all_mine(&sim, &ben, "").await;
    let ana_ids: Vec<_> = ana_visits.iter().map(|v| v["Id"].clone()).collect();
    assert!(ben_visits.iter().all(|v| !ana_ids.contains(&v["Id"])));

    let target = ana_ids[0].as_i64().expect("id");
    let path = format!("/api/public/visitors/{target}");
    let by_ben = sim
        .http
        .delete(sim.url(&path))
        .bearer_auth(&ben)
        .send()
        .await
        .expect("delete");
    assert_eq!(by_ben.status(), StatusCode::NOT_FOUND);
    let by_ana = sim
        .http
        .delete(sim.url(&path))
        .bearer_auth(&ana)
        .send()
        .await
        .expect("delete");
    assert_eq!(by_ana.status(), StatusCode::OK);
    let again = sim
        .http
        .delete(sim.url(&path))
        .bearer_auth(&ana)
        .send()
        .await
        .expect("delete");
    assert_eq!(again.status(), StatusCode::NOT_FOUND);
    assert_eq!(all_mine(&sim, &ana, "").await.len(), ana_visits.len() - 1);
}

#[tokio::test]
async fn collection_reads_other_than_my_are_405() {
    let sim = sim().await;
    let token = sim.token(ANA).await;
    for path in [
        "/api/public/visitors",
        "/api/public/visitors/all",
        "/api/public/visitors/upcoming",
    ] {
        assert_eq!(
            sim.get(&token, path).await.status(),
            StatusCode::METHOD_NOT_ALLOWED,
            "{path}"
        );
    }
}

#[tokio::test]
async fn businesses_with_visitors_lists_both_locations() {
    let sim = sim().await;
    let token = sim.token(ANA).await;
    let body = sim
        .get_json(&token, "/api/public/businesses/withVisitors")
        .await;
    let names: Vec<_> = body["Businesses"]
        .as_array()
        .expect("businesses")
        .iter()
        .map(|b| b["Name"].as_str().expect("name").to_string())
        .collect();
    assert_eq!(
        names,
        ["Front Desk Works Shoreditch", "Front Desk Works Brooklyn"]
    );
}
