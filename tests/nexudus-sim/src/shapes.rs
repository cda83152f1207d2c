//! The `vary_shapes` switch: list answers as an independently written server, an older API
//! version or another tenant might send them. Deterministic (by record id and field name), so
//! a failing test fails the same way every run.
//!
//! - Fields no client should depend on get another JSON type: an object, a list, a number,
//!   text, a yes/no or null.
//! - Fields a client reads but whose type the docs leave open keep their meaning in another
//!   form: numbers as text (`"5"`), yes/no as `0`/`1`, `CoworkerCoworkerType` as the
//!   documented string.
//! - Every record and envelope gains per-tenant custom fields.
//!
//! Only list answers vary: a get-one record is what a client sends back in a full-record PUT,
//! and real Nexudus accepts its own record.
//!
//! - Keys come in reverse order ([`reordered`]): a client must not depend on key order
//!   either (the simulator otherwise writes them sorted).

use serde_json::{json, Map, Value};

/// What a client needs as documented: never changed.
const AS_DOCUMENTED: &[&str] = &[
    "Id",
    "FullName",
    "Name",
    "ExpectedArrival",
    "ArrivalDate",
    "DepartureDate",
    "UtcExpectedArrival",
    "UtcArrivalDate",
    "Arrived",
    "Email",
    "PhoneNumber",
    "CompanyName",
    "VisitReason",
    "Notes",
    "CustomerNotes",
    "CheckedInAt",
    "VisitorCode",
    "SystemId",
    "CoworkerFullName",
    "SimpleTimeZoneId",
    "TimeZoneIana",
    "UpdatedOn",
    "UpdatedOnUtc",
    "CreatedOnUtc",
    "Businesses",
    "WebAddress",
];

/// Read by clients, type open: same meaning, another form.
const SAME_MEANING: &[&str] = &[
    "CoworkerId",
    "BusinessId",
    "HostApprovalStatus",
    "VisitorSource",
    "CoworkerCoworkerType",
];

fn pick(id: i64, key: &str, choices: usize) -> usize {
    // FNV-1a over the key, mixed with the id: stable across runs and platforms.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325 ^ (id as u64);
    for byte in key.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    (hash % choices as u64) as usize
}

fn same_meaning(key: &str, value: &Value) -> Value {
    match (key, value) {
        ("CoworkerCoworkerType", _) => json!("Individual"),
        (_, Value::Number(n)) => json!(n.to_string()),
        (_, Value::Bool(b)) => json!(u8::from(*b)),
        (_, other) => other.clone(),
    }
}

fn another_type(id: i64, key: &str) -> Value {
    match pick(id, key, 7) {
        0 => json!({"Id": id, "Kind": "nested"}),
        1 => json!([key, 1, null]),
        2 => json!(12.5),
        3 => json!("Individual"),
        4 => json!(true),
        5 => Value::Null,
        _ => json!(-3),
    }
}

fn vary_record(record: &mut Map<String, Value>) {
    let id = record.get("Id").and_then(Value::as_i64).unwrap_or_default();
    for (key, value) in record.iter_mut() {
        if AS_DOCUMENTED.contains(&key.as_str()) {
            continue;
        }
        *value = if SAME_MEANING.contains(&key.as_str()) {
            same_meaning(key, value)
        } else {
            another_type(id, key)
        };
    }
    record.insert("CustomField1".into(), another_type(id, "CustomField1"));
    record.insert(
        "TenantExtras".into(),
        json!({"BadgeColour": "teal", "Floors": [1, 2]}),
    );
}

fn vary_all(records: &mut [Value]) {
    for record in records {
        if let Value::Object(map) = record {
            vary_record(map);
        }
    }
}

/// Varies a list answer in place: an envelope, a bare array, or the hosts' location list.
pub fn vary(answer: &mut Value) {
    match answer {
        Value::Array(records) => vary_all(records),
        Value::Object(envelope) => {
            for key in ["Records", "Businesses"] {
                if let Some(Value::Array(records)) = envelope.get_mut(key) {
                    vary_all(records);
                }
            }
            if let Some(total) = envelope.get_mut("TotalItems") {
                *total = same_meaning("TotalItems", total);
            }
            envelope.insert("TenantBanner".into(), json!({"Text": "Welcome"}));
        }
        _ => {}
    }
}

/// The answer as JSON text with every object's keys in reverse order.
pub fn reordered(value: &Value) -> String {
    match value {
        Value::Object(map) => {
            let fields: Vec<String> = map
                .iter()
                .rev()
                .map(|(key, value)| format!("{}:{}", Value::String(key.clone()), reordered(value)))
                .collect();
            format!("{{{}}}", fields.join(","))
        }
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(reordered).collect();
            format!("[{}]", items.join(","))
        }
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn needed_fields_stay_and_the_rest_varies_the_same_way_every_time() {
        let record = json!({
            "Id": 7, "FullName": "Ada", "Arrived": true, "Internal": false,
            "HostApprovalStatus": 5, "CoworkerCoworkerType": 1, "IsTour": false
        });
        let mut first = json!({"Records": [record.clone()], "TotalItems": 1});
        let mut second = json!({"Records": [record], "TotalItems": 1});
        vary(&mut first);
        vary(&mut second);
        assert_eq!(first, second, "deterministic");
        let varied = &first["Records"][0];
        assert_eq!(varied["FullName"], "Ada");
        assert_eq!(varied["Arrived"], true);
        assert_eq!(varied["HostApprovalStatus"], "5");
        assert_eq!(varied["CoworkerCoworkerType"], "Individual");
        assert!(varied.get("CustomField1").is_some());
        assert_eq!(first["TotalItems"], "1");
    }

    #[test]
    fn keys_come_in_reverse_order_and_mean_the_same() {
        let answer = json!({"a": 1, "b": [{"x": true, "y": "é\"q"}], "c": null});
        let text = reordered(&answer);
        assert_eq!(text, r#"{"c":null,"b":[{"y":"é\"q","x":true}],"a":1}"#);
        assert_eq!(serde_json::from_str::<Value>(&text).expect("json"), answer);
    }
}
