//! Field readers for what Nexudus, or a server like it, really sends.
//!
//! Nexudus is a large, old API: fields change JSON type between API families and tenants,
//! and undocumented fields come and go. So every field is read in one of two ways:
//! - a field the desk can do without reads **whatever its type**: a value it cannot use is
//!   `None` (or the default), never an error;
//! - a field the desk needs (an id, the name, the dates, `Arrived`, the host) is read
//!   leniently where the meaning is plain (`"42"` is 42, `1` is true) and is otherwise an
//!   error, which fails **that record only**: lists read each record on its own
//!   ([`super::models::Page`]).
//!
//! Every reader takes a `Value` first, so no JSON shape can fail the surrounding structure.

use chrono::{DateTime, TimeZone, Utc};
use serde::de::Error as _;
use serde::{Deserialize, Deserializer};
use serde_json::Value;

use super::dates;

fn value<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Value, D::Error> {
    Ok(Option::<Value>::deserialize(deserializer)?.unwrap_or(Value::Null))
}

/// A whole number from a number or its text (also for callers holding a raw `Value`).
pub(crate) fn as_int(value: &Value) -> Option<i64> {
    match value {
        Value::Number(n) => n.as_i64().or_else(|| {
            n.as_f64()
                .filter(|f| f.fract() == 0.0 && f.abs() < 9.0e15)
                .map(|f| f as i64)
        }),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn as_flag(value: &Value) -> Option<bool> {
    match value {
        Value::Bool(b) => Some(*b),
        Value::Number(n) => match n.as_i64() {
            Some(0) => Some(false),
            Some(1) => Some(true),
            _ => None,
        },
        Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
            "true" | "1" | "yes" => Some(true),
            "false" | "0" | "no" | "" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

fn as_date(value: &Value) -> Option<DateTime<Utc>> {
    match value {
        Value::String(text) => dates::parse(text),
        Value::Number(ms) => ms
            .as_i64()
            .and_then(|ms| Utc.timestamp_millis_opt(ms).single()),
        _ => None,
    }
}

fn short(value: &Value) -> String {
    let text = value.to_string();
    match text.char_indices().nth(40) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text,
    }
}

// Fields the desk can do without.

/// Text of any type: numbers and booleans as their text, anything else as `None`.
pub fn text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    Ok(match value(deserializer)? {
        Value::String(s) => Some(s),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    })
}

/// Text, or the empty string.
pub fn text_or_empty<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    Ok(text(deserializer)?.unwrap_or_default())
}

/// A whole number, from a number or a numeric string; anything else is `None`.
pub fn int<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<i64>, D::Error> {
    Ok(as_int(&value(deserializer)?))
}

/// A whole number, or 0.
pub fn int_or_zero<'de, D: Deserializer<'de>>(deserializer: D) -> Result<i64, D::Error> {
    Ok(int(deserializer)?.unwrap_or_default())
}

/// A yes/no: a boolean, 0/1 or "true"/"false"; anything else is false.
pub fn flag<'de, D: Deserializer<'de>>(deserializer: D) -> Result<bool, D::Error> {
    Ok(as_flag(&value(deserializer)?).unwrap_or_default())
}

/// A yes/no that may be absent.
pub fn maybe_flag<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<bool>, D::Error> {
    Ok(as_flag(&value(deserializer)?))
}

/// A date in any known form, else `None`.
pub fn date<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<DateTime<Utc>>, D::Error> {
    Ok(as_date(&value(deserializer)?))
}

/// A list of ids: the whole numbers in an array (others dropped), else empty.
pub fn ints<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<i64>, D::Error> {
    Ok(match value(deserializer)? {
        Value::Array(items) => items.iter().filter_map(as_int).collect(),
        _ => Vec::new(),
    })
}

/// Any JSON at all (kept as it came).
pub fn any<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Value>, D::Error> {
    Ok(Some(value(deserializer)?).filter(|v| !v.is_null()))
}

/// A list whose items each read on their own; an item that cannot be read is dropped, and a
/// value that is not a list is an empty one.
pub fn list<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: serde::de::DeserializeOwned,
{
    Ok(match value(deserializer)? {
        Value::Array(items) => items
            .into_iter()
            .filter_map(|item| serde_json::from_value(item).ok())
            .collect(),
        _ => Vec::new(),
    })
}

// Fields the desk needs: readable or the record is skipped.

/// An id: a positive whole number (or its text). Missing reads as 0, which the list then
/// reports as a record with no id.
pub fn id<'de, D: Deserializer<'de>>(deserializer: D) -> Result<i64, D::Error> {
    match value(deserializer)? {
        Value::Null => Ok(0),
        other => as_int(&other)
            .filter(|id| *id > 0)
            .ok_or_else(|| D::Error::custom(format!("Id is not an id: {}", short(&other)))),
    }
}

/// The id of a related record (the host): missing or null is "none", anything else must be
/// a whole number.
pub fn related_id<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<i64>, D::Error> {
    match value(deserializer)? {
        Value::Null => Ok(None),
        Value::String(s) if s.trim().is_empty() => Ok(None),
        other => as_int(&other)
            .map(Some)
            .ok_or_else(|| D::Error::custom(format!("not an id: {}", short(&other)))),
    }
}

/// A name: text (numbers as their text). Missing reads as empty, which the list reports.
pub fn name<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    match value(deserializer)? {
        Value::Null => Ok(String::new()),
        Value::String(s) => Ok(s),
        Value::Number(n) => Ok(n.to_string()),
        other => Err(D::Error::custom(format!(
            "FullName is not text: {}",
            short(&other)
        ))),
    }
}

/// A date the desk needs: missing, null or empty is "none"; anything else must be a date.
pub fn needed_date<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<DateTime<Utc>>, D::Error> {
    match value(deserializer)? {
        Value::Null => Ok(None),
        Value::String(s) if s.trim().is_empty() => Ok(None),
        other => as_date(&other)
            .map(Some)
            .ok_or_else(|| D::Error::custom(format!("not a date: {}", short(&other)))),
    }
}

/// A yes/no the desk needs (`Arrived`): missing or null is no; otherwise it must be one.
pub fn needed_flag<'de, D: Deserializer<'de>>(deserializer: D) -> Result<bool, D::Error> {
    match value(deserializer)? {
        Value::Null => Ok(false),
        other => as_flag(&other)
            .ok_or_else(|| D::Error::custom(format!("not a yes/no: {}", short(&other)))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Debug, Deserialize)]
    struct Probe {
        #[serde(default, deserialize_with = "text")]
        text: Option<String>,
        #[serde(default, deserialize_with = "int")]
        int: Option<i64>,
        #[serde(default, deserialize_with = "flag")]
        flag: bool,
    }

    #[test]
    fn optional_fields_take_any_type() {
        for odd in [
            json!(null),
            json!(true),
            json!(12.5),
            json!("x"),
            json!([1]),
            json!({"a": 1}),
        ] {
            let probe: Result<Probe, _> =
                serde_json::from_value(json!({"text": odd, "int": odd, "flag": odd}));
            assert!(probe.is_ok(), "{odd}: {probe:?}");
        }
        let probe: Probe =
            serde_json::from_value(json!({"text": 7, "int": "42", "flag": 1})).expect("probe");
        assert_eq!(probe.text.as_deref(), Some("7"));
        assert_eq!(probe.int, Some(42));
        assert!(probe.flag);
    }

    #[derive(Debug, Deserialize)]
    struct Needed {
        #[serde(default, deserialize_with = "id")]
        id: i64,
        #[serde(default, deserialize_with = "needed_date")]
        at: Option<DateTime<Utc>>,
    }

    #[test]
    fn needed_fields_read_plain_meanings_and_refuse_the_rest() {
        let ok: Needed =
            serde_json::from_value(json!({"id": "870123", "at": "2026-11-30T10:00:00Z"}))
                .expect("ok");
        assert_eq!(ok.id, 870_123);
        assert!(ok.at.is_some());
        for bad in [json!({"id": {"x": 1}}), json!({"id": 1, "at": "soon"})] {
            assert!(serde_json::from_value::<Needed>(bad).is_err());
        }
    }
}
