//! Every model against every JSON type in every field: a field the desk can do without never
//! costs a record, a field it needs costs only its own record, and nothing costs a page.

use serde_json::{json, Map, Value};

use super::models::{
    ActionConfirmation, Business, Coworker, FieldError, Page, PublicVisitor, Record, Visitor,
};

/// What a server may put in any field (and `None`: the key is missing).
fn odd_values() -> Vec<Option<Value>> {
    vec![
        None,
        Some(json!(null)),
        Some(json!(true)),
        Some(json!(false)),
        Some(json!(0)),
        Some(json!(-3)),
        Some(json!(12.5)),
        Some(json!(1e300)),
        Some(json!("")),
        Some(json!("Individual")),
        Some(json!("870123")),
        Some(json!([1, "a", null])),
        Some(json!({"Id": 5, "Name": "nested"})),
    ]
}

/// The ids a page read, and the ids (where known) of the records it skipped.
type PageIds = (Vec<i64>, Vec<Option<i64>>);

struct Model {
    name: &'static str,
    record: Value,
    /// Fields whose loss makes the record useless (the rest must never cost the record).
    needed: &'static [&'static str],
    read: fn(Value) -> PageIds,
}

fn read_page<T: Record>(page: Value) -> PageIds {
    let page: Page<T> = serde_json::from_value(page).expect("a page never fails");
    (
        page.records.iter().map(Record::id).collect(),
        page.unreadable.iter().map(|u| u.id).collect(),
    )
}

fn models() -> Vec<Model> {
    vec![
        Model {
            name: "admin visitor",
            record: json!({
                "Id": 870123, "UniqueId": "5f0c", "BusinessId": 1001, "CoworkerId": 2001,
                "FullName": "Zoë Ångström", "Email": "zoe@example.test", "PhoneNumber": "+44",
                "CompanyName": "Acme", "VisitReason": "Meeting", "Notes": "n", "CustomerNotes": "c",
                "CheckedInAt": "Lobby", "VisitorCode": "123456", "SystemId": "fd:1",
                "AccessControlScheduledJobId": "j", "CoworkerCoworkerType": "Individual",
                "CoworkerFullName": "Ana", "CoworkerCompanyName": "A Co", "CoworkerBillingName": "A",
                "CoworkerEmail": "ana@example.test", "CoworkerTeamNames": "T",
                "VisitorSource": 1, "HostApprovalStatus": 1,
                "ExpectedArrival": "2026-11-30T10:00:00Z", "ArrivalDate": null,
                "DepartureDate": null, "CreatedOn": "2026-11-28T10:00:00Z",
                "UpdatedOn": "2026-11-29T10:00:00Z", "UpdatedBy": "admin", "Arrived": false,
                "Notified": false, "Internal": false, "IsTour": false, "HasAgreedTerms": true,
                "TourConfirmed": false, "CheckInNow": false, "IsNew": false
            }),
            needed: &[
                "Id",
                "FullName",
                "CoworkerId",
                "ExpectedArrival",
                "ArrivalDate",
                "DepartureDate",
                "Arrived",
            ],
            read: read_page::<Visitor>,
        },
        Model {
            name: "public visitor",
            record: json!({
                "Id": 870123, "UniqueId": "5f0c", "FullName": "Zoë Ångström",
                "Email": "zoe@example.test", "PhoneNumber": "+44", "Notes": "n",
                "HostApprovalStatus": 1, "ExpectedArrival": "2026-11-30T10:00:00",
                "UtcExpectedArrival": "2026-11-30T10:00:00Z", "ArrivalDate": null,
                "UtcArrivalDate": null, "Arrived": false, "CreatedOnUtc": "2026-11-28T10:00:00Z",
                "UpdatedOnUtc": "2026-11-29T10:00:00Z", "CurrentSortDirection": "ASC"
            }),
            needed: &[
                "Id",
                "FullName",
                "UtcExpectedArrival",
                "UtcArrivalDate",
                "Arrived",
            ],
            read: read_page::<PublicVisitor>,
        },
        Model {
            name: "coworker",
            record: json!({
                "Id": 870123, "FullName": "Ana Host", "Email": "ana@example.test",
                "CompanyName": "A Co", "TeamNames": "T", "Businesses": [1001, 1002],
                "CoworkerType": 1, "Active": true
            }),
            needed: &["Id", "FullName"],
            read: read_page::<Coworker>,
        },
        Model {
            name: "business",
            record: json!({
                "Id": 870123, "Name": "Shoreditch", "WebAddress": "shoreditch",
                "SimpleTimeZoneId": "GMT Standard Time", "TimeZoneIana": "Europe/London",
                "RootLocationId": null, "Suspended": false
            }),
            needed: &["Id", "Name"],
            read: read_page::<Business>,
        },
    ]
}

fn with_field(record: &Value, field: &str, value: &Option<Value>) -> Value {
    let mut map: Map<String, Value> = record.as_object().cloned().unwrap_or_default();
    match value {
        Some(value) => map.insert(field.to_string(), value.clone()),
        None => map.remove(field),
    };
    // Unknown keys and per-tenant custom fields ride along, before and after.
    map.insert("ZzCustomField".into(), json!({"any": ["shape"]}));
    map.insert("AaUndocumented".into(), json!([true, 1]));
    Value::Object(map)
}

impl Model {
    /// Reads a page of two records: the model's record with `field` set to `value` (Id
    /// 870123), and an untouched one (Id 42), in the order given.
    fn read_pair(&self, field: &str, value: &Option<Value>, odd_first: bool) -> PageIds {
        let odd = with_field(&self.record, field, value);
        let mut other = self.record.clone();
        other["Id"] = json!(42);
        let records = if odd_first {
            [odd, other]
        } else {
            [other, odd]
        };
        (self.read)(json!({"Records": records, "TotalPages": 1, "CurrentPage": 1}))
    }
}

#[test]
fn an_optional_field_of_any_type_never_costs_its_record() {
    for model in models() {
        let fields: Vec<String> = model
            .record
            .as_object()
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default();
        for field in fields
            .iter()
            .filter(|f| !model.needed.contains(&f.as_str()))
        {
            for value in odd_values() {
                let (read, skipped) = model.read_pair(field, &value, true);
                assert_eq!(
                    read,
                    [870_123, 42],
                    "{} with {field} = {value:?}: skipped {skipped:?}",
                    model.name
                );
            }
        }
    }
}

#[test]
fn a_needed_field_that_cannot_be_read_costs_only_its_record_and_is_reported() {
    for model in models() {
        for field in model.needed {
            for value in odd_values() {
                let (read, skipped) = model.read_pair(field, &value, false);
                let context = format!("{} with {field} = {value:?}", model.name);
                assert_eq!(read.first(), Some(&42), "{context}: the rest survives");
                assert_eq!(read.len() + skipped.len(), 2, "{context}: read or reported");
                // A list or an object is never a usable id, name, date or yes/no.
                if matches!(value, Some(Value::Array(_) | Value::Object(_))) {
                    assert_eq!(skipped.len(), 1, "{context}: skipped");
                    if *field != "Id" {
                        assert_eq!(skipped[0], Some(870_123), "{context}: named by its Id");
                    }
                }
            }
        }
    }
}

#[test]
fn the_envelope_reads_whatever_its_paging_fields_hold() {
    for value in odd_values() {
        let mut page = json!({"Records": [{"Id": 1, "FullName": "A"}]});
        for key in [
            "CurrentPage",
            "TotalPages",
            "HasNextPage",
            "TotalItems",
            "CurrentSortDirection",
        ] {
            if let Some(value) = &value {
                page[key] = value.clone();
            }
        }
        let read: Page<Coworker> = serde_json::from_value(page).expect("envelope");
        assert_eq!(read.records.len(), 1, "paging fields = {value:?}");
    }
    // Records that is not a list is a broken answer, not an empty day.
    assert!(serde_json::from_value::<Page<Coworker>>(json!({"Records": {"Id": 1}})).is_err());
    assert!(serde_json::from_value::<Page<Coworker>>(json!("<html>")).is_err());
}

#[test]
fn a_write_confirmation_reads_whatever_its_fields_hold() {
    let base = json!({
        "Status": 200, "Message": "ok", "Value": {"Id": 7}, "WasSuccessful": true,
        "Errors": [{"PropertyName": "Email", "Message": "bad", "AttemptedValue": 1}]
    });
    for field in ["Status", "Message", "Value", "WasSuccessful", "Errors"] {
        for value in odd_values() {
            let odd = with_field(&base, field, &value);
            let read: Result<ActionConfirmation, _> = serde_json::from_value(odd);
            assert!(read.is_ok(), "{field} = {value:?}: {read:?}");
        }
    }
    let text_id: ActionConfirmation =
        serde_json::from_value(json!({"Value": {"Id": "88"}})).expect("confirmation");
    assert_eq!(text_id.id(), Some(88));
    let errors: ActionConfirmation = serde_json::from_value(json!({
        "Errors": [{"PropertyName": 5, "Message": null}, "junk", {"Message": "kept"}]
    }))
    .expect("errors");
    assert_eq!(errors.errors.len(), 2);
    assert_eq!(
        errors.errors[0],
        FieldError {
            property_name: Some("5".into()),
            message: None,
            attempted_value: None
        }
    );
}
