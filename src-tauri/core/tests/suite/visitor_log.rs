//! The visitor log over two weeks of a location's visitors: read from Nexudus (every page),
//! then the same days from this computer's copy with Nexudus gone, saying which; days never
//! read offline are empty, not an error; a wrong range names its field.

use crate::common::*;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use frontdesk_core::day::DayZone;
use frontdesk_core::desk::{DeskError, LogSource};
use serde_json::{json, Value};

const BROOKLYN: i64 = 1002;
const LONDON: DayZone = DayZone::Location(chrono_tz::Europe::London);

/// The London date `days_ago` days before `today`.
fn date(today: NaiveDate, days_ago: i64) -> NaiveDate {
    today - Duration::days(days_ago)
}

/// Noon, London time, `days_ago` days before `today` (by the calendar, so a clock-change day
/// has its noon at 12:00 too).
fn noon(today: NaiveDate, days_ago: i64) -> DateTime<Utc> {
    use chrono::TimeZone;
    let local = date(today, days_ago).and_hms_opt(12, 0, 0).expect("noon");
    chrono_tz::Europe::London
        .from_local_datetime(&local)
        .earliest()
        .expect("noon exists")
        .with_timezone(&Utc)
}

fn stamp(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// A visitor as the admin panel records it, with `patch` over the usual fields.
async fn recorded(h: &Harness, name: &str, business: i64, expected: DateTime<Utc>, patch: Value) {
    let mut body = nexudus_sim::control::registered_visitor(name, business, ANA_COWORKER, expected);
    if let (Some(body), Some(patch)) = (body.as_object_mut(), patch.as_object()) {
        body.extend(patch.clone());
    }
    h.control("/_sim/visitors", body).await;
}

#[tokio::test]
async fn two_weeks_are_read_from_nexudus_then_from_the_copy_offline() {
    // One "today" for the whole test: a run that crosses midnight means the same days.
    let today = LONDON.date_of(Utc::now());
    let h = empty_harness(json!({ "admin_max_page_size": 10 })).await;
    // Two visitors a day for fourteen days: one came and left, one never came; a kiosk
    // registration every other day.
    for days_ago in 0..14 {
        let at = noon(today, days_ago);
        recorded(
            &h,
            &format!("Came {days_ago:02}"),
            SHOREDITCH,
            at,
            json!({
                "Arrived": true,
                "ArrivalDate": stamp(at + Duration::minutes(5)),
                "DepartureDate": stamp(at + Duration::hours(2)),
                "VisitorSource": if days_ago % 2 == 0 { 2 } else { 1 },
            }),
        )
        .await;
        recorded(
            &h,
            &format!("Missed {days_ago:02}"),
            SHOREDITCH,
            at + Duration::hours(1),
            json!({}),
        )
        .await;
    }
    // Outside the log: the day before the range, another location, the day after tomorrow.
    recorded(&h, "Too Early", SHOREDITCH, noon(today, 14), json!({})).await;
    recorded(&h, "Elsewhere", BROOKLYN, noon(today, 3), json!({})).await;
    recorded(&h, "Too Late", SHOREDITCH, noon(today, -2), json!({})).await;

    let desk = signed_in(&h, RECEPTION).await;
    desk.desk
        .locations()
        .await
        .expect("locations, with their zones");
    let (from, to) = (date(today, 13), date(today, 0));
    let online = desk
        .desk
        .visitor_log(SHOREDITCH, from, to)
        .await
        .expect("log");
    assert_eq!(online.source, LogSource::Nexudus);
    assert_eq!(online.problem, None);
    assert_eq!(online.time_zone.as_deref(), Some("Europe/London"));
    let names: Vec<&str> = online
        .rows
        .iter()
        .map(|r| r.visitor.full_name.as_str())
        .collect();
    assert_eq!(names.len(), 28, "{names:?}");
    assert_eq!(names.first(), Some(&"Came 13"), "oldest first");
    assert_eq!(names.last(), Some(&"Missed 00"));
    assert!(!names
        .iter()
        .any(|n| n.starts_with("Too") || *n == "Elsewhere"));
    let came = online
        .rows
        .iter()
        .find(|r| r.visitor.full_name == "Came 04")
        .expect("Came 04");
    assert!(came.visitor.arrived && came.visitor.departed_at.is_some());
    assert_eq!(came.visitor.source.as_deref(), Some("nex_io"));
    assert!(
        h.requests_to("GET", "/api/spaces/visitors").await >= 3,
        "28 visitors at 10 a page take three pages"
    );

    let csv = frontdesk_core::export::visitor_log_csv(&online.rows, LONDON);
    assert_eq!(csv.lines().count(), 29, "a header and 28 rows");
    assert!(csv.contains(&format!(
        "{} 12:00,{} 12:05,{} 14:00,Came 04,",
        date(today, 4),
        date(today, 4),
        date(today, 4)
    )));

    // Nexudus gone: the same days from this computer, said as such.
    let Harness { sim, .. } = h;
    sim.stop().await;
    let offline = desk
        .desk
        .visitor_log(SHOREDITCH, from, to)
        .await
        .expect("log offline");
    assert_eq!(offline.source, LogSource::Cache);
    assert!(offline.problem.is_some());
    assert_eq!(offline.rows, online.rows, "the same visitors");
    let never_read = desk
        .desk
        .visitor_log(SHOREDITCH, date(today, 40), date(today, 30))
        .await
        .expect("an empty log");
    assert_eq!(never_read.source, LogSource::Cache);
    assert!(never_read.rows.is_empty());
    assert_eq!(never_read.read_at, None, "never read here, said as such");

    match desk.desk.visitor_log(SHOREDITCH, to, from).await {
        Err(DeskError::Invalid { fields }) => assert_eq!(fields[0].field, "to"),
        other => panic!("a reversed range is refused: {other:?}"),
    }
}
