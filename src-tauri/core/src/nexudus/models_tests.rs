//! Reading what Nexudus sends, however it sends it.
use super::*;
use crate::nexudus::dates;
use serde_json::json;

#[test]
fn the_blank_batch_example_reads_with_zero_enums_and_nulls() {
    let blank = json!({
        "BusinessId": 0, "FullName": "", "Email": "", "CoworkerId": null,
        "VisitorSource": 0, "HostApprovalStatus": 0, "ExpectedArrival": null,
        "Arrived": false, "ArrivalDate": null, "Notified": null, "Unmodelled": [1, 2]
    });
    let visitor: Visitor = serde_json::from_value(blank).expect("lenient");
    assert_eq!(visitor.approval(), HostApproval::Unknown);
    assert_eq!(visitor.source(), VisitorSource::Unknown);
    assert!(!visitor.notified);
    assert_eq!(visitor.expected_arrival, None);
}

#[test]
fn sort_direction_is_a_number_or_a_string() {
    let admin: Page<Visitor> = serde_json::from_value(json!({
        "Records": [], "CurrentSortDirection": 1, "TotalPages": 0
    }))
    .expect("admin");
    assert_eq!(admin.sort_direction, Some(SortDirection::Number(1)));
    let public: Page<PublicVisitor> = serde_json::from_value(json!({
        "Records": [{"Id": 42, "FullName": "A"}], "CurrentSortDirection": "ASC", "HasNextPage": true
    }))
    .expect("public");
    assert_eq!(
        public.sort_direction,
        Some(SortDirection::Text("ASC".into()))
    );
    assert!(public.has_more(1));
}

#[test]
fn a_bare_array_is_one_page() {
    let page: Page<PublicVisitor> =
        serde_json::from_value(json!([{"Id": 42, "FullName": "Jane", "Email": "jane.doe@gmail.com", "ExpectedArrival": "2030-07-20T14:30:00"}]))
            .expect("bare");
    assert_eq!(page.records.len(), 1);
    assert!(!page.has_more(1));
    assert!(page.records[0].expected_at().is_some());
}

#[test]
fn paging_falls_back_to_total_pages() {
    let page: Page<Coworker> = serde_json::from_value(json!({
        "Records": [{"Id": 1}], "CurrentPage": 1, "TotalPages": 3
    }))
    .expect("page");
    assert!(page.has_more(1));
    let last: Page<Coworker> = serde_json::from_value(json!({
        "Records": [{"Id": 1}], "CurrentPage": 3, "TotalPages": 3
    }))
    .expect("page");
    assert!(!last.has_more(3));
}

#[test]
fn utc_twins_win_over_local_dates() {
    let row: PublicVisitor = serde_json::from_value(json!({
        "Id": 1, "ExpectedArrival": "2030-01-15T10:00:00", "UtcExpectedArrival": "2030-01-15T15:00:00Z"
    }))
    .expect("row");
    assert_eq!(
        dates::to_wire(row.expected_at().expect("date")),
        "2030-01-15T15:00:00"
    );
}

#[test]
fn confirmation_carries_the_new_id() {
    let confirmation: ActionConfirmation = serde_json::from_value(json!({
        "Status": 200, "Message": "Visitor was successfully created.",
        "Value": {"Id": 87654321}, "Errors": null, "WasSuccessful": true
    }))
    .expect("envelope");
    assert_eq!(confirmation.id(), Some(87_654_321));
}
