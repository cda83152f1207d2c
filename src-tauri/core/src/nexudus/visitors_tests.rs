//! What the visitor operations send and how they read answers, without a server.
use serde_json::json;

use super::*;
use crate::nexudus::dates;

#[test]
fn a_merge_keeps_unknown_fields_drops_read_only_ones_and_rewrites_dates() {
    let raw: Map<String, Value> = serde_json::from_value(json!({
        "Id": 7, "FullName": "Ada", "Notes": "keep me", "SomethingNew": {"x": 1},
        "UpdatedOn": "2026-01-01T00:00:00Z", "UniqueId": "abc", "IsNew": false,
        "ExpectedArrival": "/Date(1910788200000)/", "ArrivalDate": null
    }))
    .expect("map");
    let at = dates::parse("2030-07-20T15:00:00Z").expect("date");
    let body = VisitorChange::check_in(at, Some("Front desk")).merged_into(&raw);
    assert_eq!(body["Notes"], "keep me");
    assert_eq!(body["SomethingNew"], json!({"x": 1}));
    assert!(!body.contains_key("UpdatedOn") && !body.contains_key("UniqueId"));
    assert_eq!(body["ExpectedArrival"], "2030-07-20T14:30:00");
    assert_eq!(body["ArrivalDate"], "2030-07-20T15:00:00");
    assert_eq!(body["CheckInNow"], true);
    assert_eq!(body["CheckedInAt"], "Front desk");
    assert_eq!(body["Id"], 7);
}

#[test]
fn queries_use_the_documented_filter_names() {
    let query = VisitorQuery {
        business: Some(1001),
        expected_from: dates::parse("2026-11-23T00:00:00Z"),
        expected_to: dates::parse("2026-11-23T23:59:00Z"),
        arrived: Some(false),
        ..VisitorQuery::default()
    };
    let params = query.params();
    assert!(params.contains(&("Visitor_Business".into(), "1001".into())));
    assert!(params.contains(&(
        "from_Visitor_ExpectedArrival".into(),
        "2026-11-23T00:00".into()
    )));
    assert!(params.contains(&(
        "to_Visitor_ExpectedArrival".into(),
        "2026-11-23T23:59".into()
    )));
    assert!(params.contains(&("Visitor_Arrived".into(), "false".into())));
    let last_second = VisitorQuery {
        expected_to: dates::parse("2026-11-23T23:59:59Z"),
        ..VisitorQuery::default()
    };
    assert!(last_second.params().contains(&(
        "to_Visitor_ExpectedArrival".into(),
        "2026-11-24T00:00".into()
    )));
    assert!(!params.iter().any(|(k, _)| k == "Visitor_BusinessId"));
}

#[test]
fn new_visitors_send_utc_dates_without_an_offset_and_both_enums() {
    let visitor = NewVisitor {
        expected_arrival: dates::parse("2030-07-20T15:30:00+01:00").expect("date"),
        ..NewVisitor::walk_in(1, "Walk In", "w@x.test")
    };
    let body = serde_json::to_value(&visitor).expect("json");
    assert_eq!(body["ExpectedArrival"], "2030-07-20T14:30:00");
    assert_eq!(body["VisitorSource"], 1);
    assert_eq!(body["HostApprovalStatus"], 1);
    assert!(body.get("CoworkerId").is_none());
}

#[test]
fn get_one_is_read_bare_or_wrapped() {
    let bare = unwrap_record(json!({"Id": 1, "FullName": "A"})).expect("bare");
    let wrapped = unwrap_record(json!({"Value": {"Id": 1, "FullName": "A"}})).expect("wrapped");
    assert_eq!(bare, wrapped);
}
