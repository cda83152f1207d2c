//! The admin visitors API (§3) and coworkers/businesses (§5), over real HTTP.

mod common;

use chrono::{DateTime, Utc};
use common::*;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

fn records(envelope: &Value) -> &Vec<Value> {
    envelope["Records"].as_array().expect("Records array")
}

fn ids(envelope: &Value) -> Vec<i64> {
    records(envelope)
        .iter()
        .map(|r| r["Id"].as_i64().expect("Id"))
        .collect()
}

#[tokio::test]
async fn search_answers_the_paged_envelope_and_ignores_page_number_and_page_size() {
    let sim = sim().await;
    let token = sim.token(RECEPTION).await;
    let total = sim.visitor_count().await;

    let page = sim
        .get_json(&token, "/api/spaces/visitors?page=2&size=10")
        .await;
    assert_eq!(page["CurrentPage"], 2);
    assert_eq!(page["CurrentPageSize"], 10);
    assert_eq!(page["TotalItems"], total);
    assert_eq!(page["TotalPages"], total.div_ceil(10));
    assert_eq!(page["FirstItem"], 11);
    assert_eq!(page["LastItem"], 20);
    assert_eq!(page["HasNextPage"], true);
    assert_eq!(page["HasPreviousPage"], true);
    assert_eq!(records(&page).len(), 10);
    assert!(page.get("PageNumber").is_none());

    let ignored = sim
        .get_json(&token, "/api/spaces/visitors?PageNumber=2&PageSize=5")
        .await;
    assert_eq!(ignored["CurrentPage"], 1);
    assert_eq!(records(&ignored).len(), 25);

    sim.control("/_sim/config", json!({"page_fields_in_envelope": true}))
        .await;
    let old = sim.get_json(&token, "/api/spaces/visitors?size=5").await;
    assert_eq!(old["PageSize"], 5);
    assert_eq!(old["PageNumber"], 1);
}

#[tokio::test]
async fn every_page_together_is_every_visitor_once() {
    let sim = sim().await;
    let token = sim.token(RECEPTION).await;
    let mut seen = Vec::new();
    let mut page = 1;
    loop {
        let envelope = sim
            .get_json(&token, &format!("/api/spaces/visitors?page={page}&size=7"))
            .await;
        seen.extend(ids(&envelope));
        if envelope["HasNextPage"] != true {
            break;
        }
        page += 1;
    }
    let mut unique = seen.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), seen.len());
    assert_eq!(seen.len(), sim.visitor_count().await);
}

#[tokio::test]
async fn todays_visitors_of_a_location_by_business_and_arrival_range() {
    let sim = sim().await;
    let token = sim.token(RECEPTION).await;
    let state = sim.state().await;
    // The location's day (London), whatever the hour and zone the test runs in.
    let london = chrono_tz::Europe::London;
    let date = Utc::now().with_timezone(&london).date_naive();
    let midnight = |date: chrono::NaiveDate| {
        use chrono::TimeZone;
        london
            .from_local_datetime(&date.and_hms_opt(0, 0, 0).expect("midnight"))
            .earliest()
            .expect("London has midnights")
            .with_timezone(&Utc)
    };
    let start = midnight(date);
    let end = midnight(date.succ_opt().expect("tomorrow")) - chrono::Duration::minutes(1);
    let from = start.format("%Y-%m-%dT%H:%M").to_string();
    let to = end.format("%Y-%m-%dT%H:%M").to_string();
    let path = format!(
        "/api/spaces/visitors?Visitor_Business={SHOREDITCH}&from_Visitor_ExpectedArrival={from}&to_Visitor_ExpectedArrival={to}&size=100"
    );
    let envelope = sim.get_json(&token, &path).await;
    let in_range = |v: &Value| {
        let at: DateTime<Utc> = v["ExpectedArrival"]
            .as_str()
            .and_then(|s| s.parse().ok())
            .expect("date");
        v["BusinessId"] == SHOREDITCH && at >= start && at <= end
    };
    let expected = state["visitors"]
        .as_array()
        .expect("visitors")
        .iter()
        .filter(|v| in_range(v))
        .count();
    assert!(expected >= 20, "demo has a busy day at Shoreditch");
    assert_eq!(records(&envelope).len(), expected);
    assert!(records(&envelope).iter().all(in_range));
}

#[tokio::test]
async fn text_filters_match_case_insensitive_substrings_and_ints_match_exactly() {
    let sim = sim().await;
    let token = sim.token(RECEPTION).await;
    let by_name = sim
        .get_json(&token, "/api/spaces/visitors?Visitor_FullName=zOË")
        .await;
    assert_eq!(records(&by_name).len(), 1);
    assert_eq!(records(&by_name)[0]["FullName"], "Zoë Ångström");

    let code = records(&by_name)[0]["VisitorCode"].as_str().expect("code");
    let by_code = sim
        .get_json(
            &token,
            &format!("/api/spaces/visitors?Visitor_VisitorCode={code}"),
        )
        .await;
    assert_eq!(ids(&by_code), ids(&by_name));

    let by_host = sim
        .get_json(
            &token,
            &format!("/api/spaces/visitors?Visitor_Coworker={ANA_COWORKER}&size=100"),
        )
        .await;
    assert!(records(&by_host).len() >= 8);
    assert!(records(&by_host)
        .iter()
        .all(|v| v["CoworkerId"] == ANA_COWORKER));

    let by_email = sim
        .get_json(&token, "/api/spaces/visitors?Visitor_Email=visitor-004@")
        .await;
    assert_eq!(records(&by_email).len(), 1);

    let host_name = sim
        .get_json(
            &token,
            "/api/spaces/visitors?Visitor_Coworker_FullName=oliveira&size=100",
        )
        .await;
    assert_eq!(records(&host_name).len(), records(&by_host).len());
}

#[tokio::test]
async fn arrived_filter_and_updated_on_range_support_incremental_polls() {
    let sim = sim().await;
    let token = sim.token(RECEPTION).await;
    let arrived = sim
        .get_json(
            &token,
            "/api/spaces/visitors?Visitor_Arrived=true&size=1000",
        )
        .await;
    assert!(records(&arrived).iter().all(|v| v["Arrived"] == true));
    let waiting = sim
        .get_json(
            &token,
            "/api/spaces/visitors?Visitor_Arrived=false&size=1000",
        )
        .await;
    assert!(records(&waiting).iter().all(|v| v["Arrived"] == false));
    assert_eq!(
        records(&arrived).len() + records(&waiting).len(),
        sim.visitor_count().await
    );

    let mark = (Utc::now() + chrono::Duration::seconds(1))
        .format("%Y-%m-%dT%H:%M:%S")
        .to_string();
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let target = records(&waiting)[0]["Id"].as_i64().expect("id");
    sim.control(&format!("/_sim/visitors/{target}/check-in"), json!({}))
        .await;
    let changed = sim
        .get_json(
            &token,
            &format!("/api/spaces/visitors?from_Visitor_UpdatedOn={mark}"),
        )
        .await;
    assert_eq!(ids(&changed), vec![target]);
}

#[tokio::test]
async fn list_rows_are_partial_but_get_one_is_complete() {
    let sim = sim().await;
    let token = sim.token(RECEPTION).await;
    let list = sim.get_json(&token, "/api/spaces/visitors?size=1").await;
    let row = &records(&list)[0];
    for omitted in [
        "Notes",
        "CustomerNotes",
        "PhoneNumber",
        "SystemId",
        "AccessControlScheduledJobId",
    ] {
        assert!(
            row.get(omitted).is_none(),
            "{omitted} must be missing from list rows"
        );
    }
    let id = row["Id"].as_i64().expect("id");
    let one = sim
        .get_json(&token, &format!("/api/spaces/visitors/{id}"))
        .await;
    assert_eq!(one["Id"], id);
    assert!(one.get("Notes").is_some());
    assert!(one.get("Records").is_none(), "get-one is a bare record");
    assert_eq!(one["CoworkerFullName"], "Ana Oliveira");

    sim.control("/_sim/config", json!({"get_one_wrapped": true}))
        .await;
    let wrapped = sim
        .get_json(&token, &format!("/api/spaces/visitors/{id}"))
        .await;
    assert_eq!(wrapped["Value"]["Id"], id);

    let missing = sim.get(&token, "/api/spaces/visitors/1").await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn sorting_follows_the_dir_convention_in_force() {
    let sim = sim().await;
    let token = sim.token(RECEPTION).await;
    let names = |envelope: &Value| {
        records(envelope)
            .iter()
            .map(|r| r["FullName"].as_str().expect("name").to_lowercase())
            .collect::<Vec<_>>()
    };
    let desc = sim
        .get_json(
            &token,
            "/api/spaces/visitors?orderBy=FullName&dir=-1&size=100",
        )
        .await;
    let mut sorted = names(&desc);
    sorted.sort();
    sorted.reverse();
    assert_eq!(names(&desc), sorted);
    assert_eq!(desc["CurrentSortDirection"], -1);
    assert_eq!(desc["CurrentOrderField"], "FullName");

    let words = sim
        .get_json(
            &token,
            "/api/spaces/visitors?orderBy=FullName&dir=Descending&size=100",
        )
        .await;
    assert_eq!(names(&words), sorted);

    sim.control(
        "/_sim/config",
        json!({"dir_convention": "zero_one", "sort_direction": "string"}),
    )
    .await;
    let zero_one = sim
        .get_json(
            &token,
            "/api/spaces/visitors?orderBy=FullName&dir=1&size=100",
        )
        .await;
    assert_eq!(names(&zero_one), sorted);
    assert_eq!(zero_one["CurrentSortDirection"], "DESC");
}

#[tokio::test]
async fn batch_get_answers_an_array_of_full_records() {
    let sim = sim().await;
    let token = sim.token(RECEPTION).await;
    let first = nexudus_sim::world::FIRST_VISITOR_ID;
    let batch = sim
        .get_json(
            &token,
            &format!("/api/spaces/visitors/?id=[{},{}]", first, first + 3),
        )
        .await;
    let batch = batch.as_array().expect("array");
    assert_eq!(batch.len(), 2);
    assert!(batch.iter().all(|v| v.get("Notes").is_some()));
}

#[tokio::test]
async fn create_answers_the_action_confirmation_with_the_new_id() {
    let sim = sim().await;
    let token = sim.token(RECEPTION).await;
    let response = sim
        .send_json(
            Method::POST,
            &token,
            "/api/spaces/visitors",
            &new_visitor("Walk In"),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let envelope: Value = response.json().await.expect("json");
    assert_eq!(envelope["WasSuccessful"], true);
    assert_eq!(envelope["Message"], "Visitor was successfully created.");
    assert_eq!(envelope["UpdatedBy"], RECEPTION);
    let id = envelope["Value"]["Id"].as_i64().expect("new id");
    let stored = sim.visitor(id).await;
    assert_eq!(stored["FullName"], "Walk In");
    assert_eq!(stored["ExpectedArrival"], "2030-01-15T09:30:00Z");
    assert_eq!(stored["VisitorCode"].as_str().map(str::len), Some(6));
    assert!(sim.state().await["webhooks"]
        .as_array()
        .expect("webhooks")
        .iter()
        .any(|w| w["action"] == 42 && w["visitor_id"] == id));
}

#[tokio::test]
async fn create_with_missing_fields_answers_the_validation_envelope() {
    let sim = sim().await;
    let token = sim.token(RECEPTION).await;
    let before = sim.visitor_count().await;
    let mut body = new_visitor("x");
    body.as_object_mut().expect("object").remove("FullName");
    body.as_object_mut()
        .expect("object")
        .remove("VisitorSource");
    let response = sim
        .send_json(Method::POST, &token, "/api/spaces/visitors", &body)
        .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let envelope: Value = response.json().await.expect("json");
    assert_eq!(envelope["WasSuccessful"], false);
    assert_eq!(envelope["Value"], Value::Null);
    assert!(envelope["Message"]
        .as_str()
        .expect("message")
        .starts_with("FullName: is a required field"));
    let errors = envelope["Errors"].as_array().expect("errors");
    assert_eq!(errors[0]["PropertyName"], "FullName");
    assert_eq!(errors[0]["Message"], "is a required field");
    assert_eq!(errors[0]["AttemptedValue"], Value::Null);
    assert_eq!(errors[1]["PropertyName"], "VisitorSource");
    assert_eq!(sim.visitor_count().await, before);
}

#[tokio::test]
async fn put_replaces_the_whole_record_so_a_put_from_list_data_clears_fields() {
    let sim = sim().await;
    let token = sim.token(RECEPTION).await;
    let created: Value = sim
        .send_json(
            Method::POST,
            &token,
            "/api/spaces/visitors",
            &new_visitor("Grace Hopper"),
        )
        .await
        .json()
        .await
        .expect("json");
    let id = created["Value"]["Id"].as_i64().expect("id");

    // GET one, change, PUT: nothing is lost.
    let mut full = sim
        .get_json(&token, &format!("/api/spaces/visitors/{id}"))
        .await;
    full["CompanyName"] = json!("Navy");
    let response = sim
        .send_json(Method::PUT, &token, "/api/spaces/visitors", &full)
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let envelope: Value = response.json().await.expect("json");
    assert_eq!(envelope["Message"], "Visitor was successfully updated.");
    let stored = sim.visitor(id).await;
    assert_eq!(stored["CompanyName"], "Navy");
    assert_eq!(stored["Notes"], "Has a laptop to register");

    // PUT built from a list row: the fields list rows leave out are cleared.
    let list = sim
        .get_json(
            &token,
            "/api/spaces/visitors?Visitor_FullName=Grace%20Hopper",
        )
        .await;
    let row = records(&list)[0].clone();
    let response = sim
        .send_json(Method::PUT, &token, "/api/spaces/visitors", &row)
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let stored = sim.visitor(id).await;
    assert_eq!(stored["Notes"], Value::Null);
    assert_eq!(stored["PhoneNumber"], Value::Null);
}

#[tokio::test]
async fn put_without_required_fields_or_id_is_refused_and_changes_nothing() {
    let sim = sim().await;
    let token = sim.token(RECEPTION).await;
    let id = nexudus_sim::world::FIRST_VISITOR_ID;
    let before = sim.visitor(id).await;
    let response = sim
        .send_json(
            Method::PUT,
            &token,
            "/api/spaces/visitors",
            &json!({"Id": id, "Arrived": true}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let envelope: Value = response.json().await.expect("json");
    let names: Vec<_> = envelope["Errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| e["PropertyName"].as_str().expect("name").to_string())
        .collect();
    assert_eq!(
        names,
        [
            "BusinessId",
            "FullName",
            "Email",
            "VisitorSource",
            "HostApprovalStatus",
            "ExpectedArrival"
        ]
    );
    assert_eq!(sim.visitor(id).await, before);

    let no_id = sim
        .send_json(
            Method::PUT,
            &token,
            "/api/spaces/visitors",
            &new_visitor("x"),
        )
        .await;
    assert_eq!(no_id.status(), StatusCode::BAD_REQUEST);
    let mut unknown = new_visitor("x");
    unknown["Id"] = json!(5);
    let missing = sim
        .send_json(Method::PUT, &token, "/api/spaces/visitors", &unknown)
        .await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn put_keeps_read_only_fields_and_records_who_changed_it() {
    let sim = sim().await;
    let token = sim.token(SECURITY).await;
    let id = nexudus_sim::world::FIRST_VISITOR_ID + 1;
    let mut full = sim
        .get_json(&token, &format!("/api/spaces/visitors/{id}"))
        .await;
    let code = full["VisitorCode"].clone();
    let unique = full["UniqueId"].clone();
    let host = full["CoworkerFullName"].clone();
    full["VisitorCode"] = json!("999999");
    full["UniqueId"] = json!("00000000-0000-0000-0000-000000000000");
    full["CoworkerFullName"] = json!("Someone Else");
    sim.send_json(Method::PUT, &token, "/api/spaces/visitors", &full)
        .await;
    let stored = sim.visitor(id).await;
    assert_eq!(stored["VisitorCode"], code);
    assert_eq!(stored["UniqueId"], unique);
    assert_eq!(stored["CoworkerFullName"], host);
    assert_eq!(stored["UpdatedBy"], SECURITY);
    let updated: DateTime<Utc> = stored["UpdatedOn"]
        .as_str()
        .and_then(|s| s.parse().ok())
        .expect("date");
    assert!(Utc::now() - updated < chrono::Duration::seconds(5));
}

#[tokio::test]
async fn check_in_now_checks_in_notifies_the_host_and_reads_back_false() {
    let sim = sim().await;
    let token = sim.token(RECEPTION).await;
    let waiting = sim
        .get_json(
            &token,
            &format!("/api/spaces/visitors?Visitor_Arrived=false&Visitor_Coworker={ANA_COWORKER}"),
        )
        .await;
    let id = records(&waiting)[0]["Id"].as_i64().expect("id");
    let mut full = sim
        .get_json(&token, &format!("/api/spaces/visitors/{id}"))
        .await;
    full["CheckInNow"] = json!(true);
    full["CheckedInAt"] = json!("Front desk");
    let response = sim
        .send_json(Method::PUT, &token, "/api/spaces/visitors", &full)
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let stored = sim
        .get_json(&token, &format!("/api/spaces/visitors/{id}"))
        .await;
    assert_eq!(stored["Arrived"], true);
    assert!(stored["ArrivalDate"].is_string());
    assert_eq!(stored["CheckInNow"], false);
    assert_eq!(stored["CheckedInAt"], "Front desk");
    let state = sim.state().await;
    let notices: Vec<_> = state["notices"]
        .as_array()
        .expect("notices")
        .iter()
        .filter(|n| n["visitor_id"] == id)
        .collect();
    assert_eq!(notices.len(), 1);
    assert_eq!(notices[0]["coworker_id"], ANA_COWORKER);
}

#[tokio::test]
async fn check_out_is_a_departure_date() {
    let sim = sim().await;
    let token = sim.token(RECEPTION).await;
    let id = nexudus_sim::world::FIRST_VISITOR_ID + 2;
    let mut full = sim
        .get_json(&token, &format!("/api/spaces/visitors/{id}"))
        .await;
    full["DepartureDate"] = json!("2026-11-23T17:05:00");
    sim.send_json(Method::PUT, &token, "/api/spaces/visitors", &full)
        .await;
    assert_eq!(
        sim.visitor(id).await["DepartureDate"],
        "2026-11-23T17:05:00Z"
    );
}

#[tokio::test]
async fn delete_confirms_then_the_visitor_is_gone() {
    let sim = sim().await;
    let token = sim.token(RECEPTION).await;
    let id = nexudus_sim::world::FIRST_VISITOR_ID + 4;
    let response = sim
        .http
        .delete(sim.url(&format!("/api/spaces/visitors/{id}")))
        .bearer_auth(&token)
        .send()
        .await
        .expect("delete");
    assert_eq!(response.status(), StatusCode::OK);
    let envelope: Value = response.json().await.expect("json");
    assert_eq!(envelope["WasSuccessful"], true);
    assert_eq!(envelope["Value"], Value::Null);
    let again = sim
        .http
        .delete(sim.url(&format!("/api/spaces/visitors/{id}")))
        .bearer_auth(&token)
        .send()
        .await
        .expect("delete");
    assert_eq!(again.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        sim.get(&token, &format!("/api/spaces/visitors/{id}"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn dates_are_written_in_the_configured_format_and_read_in_every_format() {
    let sim = sim().await;
    let token = sim.token(RECEPTION).await;
    let id = nexudus_sim::world::FIRST_VISITOR_ID;
    let mut full = sim
        .get_json(&token, &format!("/api/spaces/visitors/{id}"))
        .await;
    full["ExpectedArrival"] = json!("2030-07-20T15:30:00+01:00");
    sim.send_json(Method::PUT, &token, "/api/spaces/visitors", &full)
        .await;
    let path = format!("/api/spaces/visitors/{id}");
    assert_eq!(
        sim.get_json(&token, &path).await["ExpectedArrival"],
        "2030-07-20T14:30:00Z"
    );
    for (format, expected) in [
        ("naive", "2030-07-20T14:30:00"),
        ("fractional", "2030-07-20T14:30:00.000Z"),
        ("ms_date", "/Date(1910788200000)/"),
        ("fake_z_local", "2030-07-20T15:30:00Z"),
    ] {
        sim.control("/_sim/config", json!({"date_format": format}))
            .await;
        assert_eq!(
            sim.get_json(&token, &path).await["ExpectedArrival"],
            expected,
            "{format}"
        );
    }
    full["ExpectedArrival"] = json!("/Date(1910788200000)/");
    sim.send_json(Method::PUT, &token, "/api/spaces/visitors", &full)
        .await;
    assert_eq!(
        sim.visitor(id).await["ExpectedArrival"],
        "2030-07-20T14:30:00Z"
    );
}

#[tokio::test]
async fn coworkers_and_businesses_are_searchable() {
    let sim = sim().await;
    let token = sim.token(RECEPTION).await;
    let coworkers = sim.get_json(&token, "/api/spaces/coworkers?size=100").await;
    assert_eq!(coworkers["TotalItems"], 30);
    let ana = sim
        .get_json(&token, "/api/spaces/coworkers?Coworker_FullName=oliveira")
        .await;
    assert_eq!(records(&ana).len(), 1);
    assert_eq!(records(&ana)[0]["Email"], ANA);
    let one = sim
        .get_json(&token, &format!("/api/spaces/coworkers/{ANA_COWORKER}"))
        .await;
    assert_eq!(one["FullName"], "Ana Oliveira");

    let businesses = sim.get_json(&token, "/api/sys/businesses").await;
    assert_eq!(records(&businesses).len(), 2);
    let brooklyn = sim
        .get_json(&token, &format!("/api/sys/businesses/{BROOKLYN}"))
        .await;
    assert_eq!(brooklyn["TimeZoneIana"], "America/New_York");
    assert!(brooklyn["SimpleTimeZoneId"].is_string());

    assert_eq!(
        sim.get(&token, "/api/sys/coworkers").await.status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn visitor_commands_are_empty_and_unknown_keys_are_refused() {
    let sim = sim().await;
    let token = sim.token(RECEPTION).await;
    assert_eq!(
        sim.get_json(&token, "/api/spaces/visitors/commands").await,
        json!([])
    );
    let response = sim
        .send_json(
            Method::POST,
            &token,
            "/api/spaces/visitors/runcommand",
            &json!({"Key": "CHECK_IN", "Ids": [1]}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn unknown_query_parameters_are_ignored_unless_switched_to_errors() {
    let sim = sim().await;
    let token = sim.token(RECEPTION).await;
    let typo = sim
        .get_json(
            &token,
            "/api/spaces/visitors?Visitor_BusinessId=1002&size=100",
        )
        .await;
    assert_eq!(records(&typo).len(), sim.visitor_count().await);
    sim.control("/_sim/config", json!({"reject_unknown_params": true}))
        .await;
    let response = sim
        .get(&token, "/api/spaces/visitors?Visitor_BusinessId=1002")
        .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
}
