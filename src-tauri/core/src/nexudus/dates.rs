//! Dates as Nexudus sends them, read leniently, and written the one way that works on both API
//! families (§6.4 of the API notes).
//!
//! Read: `Z`, a `±hh:mm` offset, no suffix, with or without seconds and fractions, and the
//! legacy `/Date(ms)/` (with an optional inner `±hhmm`). A value without a zone is taken as UTC,
//! as live observation shows for both families; the `Utc*` fields of the public list are
//! preferred wherever they are present.
//!
//! Write: UTC wall-clock time with no suffix, `YYYY-MM-DDTHH:mm:ss`. Live notes show a naive
//! value is stored as UTC on the public API, the admin API accepts it too, and a non-`Z` offset
//! can silently shift a time, so no offset is ever sent. Range filters take `YYYY-MM-DDTHH:mm`.

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use serde::{Deserialize, Deserializer};

/// Parses any date form Nexudus is known to send; `None` for anything else.
pub fn parse(input: &str) -> Option<DateTime<Utc>> {
    let text = input.trim();
    if text.is_empty() {
        return None;
    }
    if let Some(inner) = text
        .strip_prefix("/Date(")
        .and_then(|t| t.strip_suffix(")/"))
    {
        // The milliseconds are UTC already; an inner "+hhmm" only says how it was displayed.
        let end = inner
            .char_indices()
            .skip(1)
            .find(|(_, c)| *c == '+' || *c == '-')
            .map_or(inner.len(), |(i, _)| i);
        return Utc
            .timestamp_millis_opt(inner[..end].parse().ok()?)
            .single();
    }
    if let Ok(with_zone) = DateTime::parse_from_rfc3339(text) {
        return Some(with_zone.with_timezone(&Utc));
    }
    let naive = text.strip_suffix('Z').unwrap_or(text);
    [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S%.f",
    ]
    .iter()
    .find_map(|pattern| NaiveDateTime::parse_from_str(naive, pattern).ok())
    .map(|naive| naive.and_utc())
}

/// The form Front Desk sends: UTC, no suffix, whole seconds.
pub fn to_wire(instant: DateTime<Utc>) -> String {
    instant.format("%Y-%m-%dT%H:%M:%S").to_string()
}

/// The form range filters take (`from_Visitor_ExpectedArrival=…`).
pub fn to_range_bound(instant: DateTime<Utc>) -> String {
    instant.format("%Y-%m-%dT%H:%M").to_string()
}

/// Serde helper: a date field that may be missing, null, empty or in any known form. An
/// unreadable value becomes `None` rather than failing the whole record.
pub fn lenient<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<DateTime<Utc>>, D::Error> {
    let value = Option::<serde_json::Value>::deserialize(deserializer)?;
    Ok(match value {
        Some(serde_json::Value::String(text)) => parse(&text),
        Some(serde_json::Value::Number(ms)) => ms
            .as_i64()
            .and_then(|ms| Utc.timestamp_millis_opt(ms).single()),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .expect("test date")
            .with_timezone(&Utc)
    }

    #[test]
    fn reads_every_known_form() {
        let expected = utc("2030-07-20T14:30:00Z");
        for text in [
            "2030-07-20T14:30:00Z",
            "2030-07-20T14:30:00",
            "2030-07-20T14:30",
            "2030-07-20T14:30:00.000Z",
            "2030-07-20T14:30:00.0000000",
            "2030-07-20T15:30:00+01:00",
            "2030-07-20T10:30:00-04:00",
            "/Date(1910788200000)/",
            "/Date(1910788200000+0100)/",
            " 2030-07-20T14:30:00Z ",
        ] {
            assert_eq!(parse(text), Some(expected), "{text}");
        }
        for junk in ["", "soon", "2030-13-40T99:00:00", "/Date(abc)/"] {
            assert_eq!(parse(junk), None, "{junk}");
        }
    }

    #[test]
    fn writes_utc_without_an_offset() {
        let instant = utc("2030-07-20T15:30:45+01:00");
        assert_eq!(to_wire(instant), "2030-07-20T14:30:45");
        assert_eq!(to_range_bound(instant), "2030-07-20T14:30");
    }

    #[test]
    fn lenient_fields_never_fail_a_record() {
        #[derive(Deserialize)]
        struct Row {
            #[serde(default, deserialize_with = "lenient")]
            at: Option<DateTime<Utc>>,
        }
        let read = |json: &str| serde_json::from_str::<Row>(json).expect("row").at;
        assert_eq!(read(r#"{"at": null}"#), None);
        assert_eq!(read(r#"{}"#), None);
        assert_eq!(read(r#"{"at": "garbage"}"#), None);
        assert_eq!(
            read(r#"{"at": "/Date(1910788200000)/"}"#),
            Some(utc("2030-07-20T14:30:00Z"))
        );
    }
}
