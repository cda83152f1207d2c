//! Dates as Nexudus writes and reads them (§6.4): every documented input form is accepted, and
//! output follows the configured [`DateFormat`].

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

use crate::config::DateFormat;

/// Parses a date the way the real service accepts it: `Z`, a `±hh:mm` offset (converted to
/// UTC), no suffix (read as UTC, as observed live), with or without seconds and fractions, and
/// the legacy `/Date(ms)/`.
pub fn parse(input: &str) -> Option<DateTime<Utc>> {
    let text = input.trim();
    if let Some(ms) = parse_ms_date(text) {
        return Utc.timestamp_millis_opt(ms).single();
    }
    if let Ok(with_offset) = DateTime::parse_from_rfc3339(text) {
        return Some(with_offset.with_timezone(&Utc));
    }
    let naive_text = text.strip_suffix('Z').unwrap_or(text);
    for pattern in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S%.f",
    ] {
        if let Ok(naive) = NaiveDateTime::parse_from_str(naive_text, pattern) {
            return Some(naive.and_utc());
        }
    }
    None
}

fn parse_ms_date(text: &str) -> Option<i64> {
    let inner = text.strip_prefix("/Date(")?.strip_suffix(")/")?;
    // An inner "+hhmm" is informational: the milliseconds are already UTC.
    let digits_end = inner
        .char_indices()
        .skip(1)
        .find(|(_, c)| *c == '+' || *c == '-')
        .map_or(inner.len(), |(i, _)| i);
    inner[..digits_end].parse().ok()
}

/// Writes an instant in the configured format. `zone` is the business's zone, used only by the
/// fake-Z variant.
pub fn format(instant: DateTime<Utc>, style: DateFormat, zone: Tz) -> String {
    match style {
        DateFormat::Z => instant.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        DateFormat::Naive => instant.format("%Y-%m-%dT%H:%M:%S").to_string(),
        DateFormat::Fractional => instant.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string(),
        DateFormat::MsDate => format!("/Date({})/", instant.timestamp_millis()),
        DateFormat::FakeZLocal => instant
            .with_timezone(&zone)
            .format("%Y-%m-%dT%H:%M:%SZ")
            .to_string(),
    }
}

/// Business-local wall-clock time with no suffix, as the public list's non-`Utc*` fields carry.
pub fn format_local(instant: DateTime<Utc>, zone: Tz) -> String {
    instant
        .with_timezone(&zone)
        .format("%Y-%m-%dT%H:%M:%S")
        .to_string()
}

/// Parses a range-filter bound: `YYYY-MM-DDTHH:mm`, also with seconds or `Z` (inclusive).
pub fn parse_range_bound(input: &str) -> Option<DateTime<Utc>> {
    parse(input)
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
    fn parses_every_documented_form() {
        let expected = utc("2026-11-23T10:30:00Z");
        for text in [
            "2026-11-23T10:30:00Z",
            "2026-11-23T10:30:00",
            "2026-11-23T10:30",
            "2026-11-23T10:30:00.000Z",
            "2026-11-23T11:30:00+01:00",
            "2026-11-23T05:30:00-05:00",
            "/Date(1795429800000)/",
            "/Date(1795429800000+0100)/",
        ] {
            assert_eq!(parse(text), Some(expected), "{text}");
        }
        assert_eq!(parse("tomorrow"), None);
        assert_eq!(parse(""), None);
    }

    #[test]
    fn formats_each_variant() {
        let instant = utc("2026-11-23T10:30:00Z");
        let zone: Tz = "America/New_York".parse().expect("zone");
        assert_eq!(format(instant, DateFormat::Z, zone), "2026-11-23T10:30:00Z");
        assert_eq!(
            format(instant, DateFormat::Naive, zone),
            "2026-11-23T10:30:00"
        );
        assert_eq!(
            format(instant, DateFormat::Fractional, zone),
            "2026-11-23T10:30:00.000Z"
        );
        assert_eq!(
            format(instant, DateFormat::MsDate, zone),
            "/Date(1795429800000)/"
        );
        assert_eq!(
            format(instant, DateFormat::FakeZLocal, zone),
            "2026-11-23T05:30:00Z"
        );
        assert_eq!(format_local(instant, zone), "2026-11-23T05:30:00");
    }
}
