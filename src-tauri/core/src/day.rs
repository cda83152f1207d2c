//! Which calendar day "today" is, and where it starts and ends.
//!
//! Today is the **location's** day, not the desk computer's: a desk set to the wrong zone, a
//! laptop that travelled, or a head office watching a branch must all see the same list the
//! people in the building see. The desk's own zone is only the fallback when Nexudus did not
//! tell us the location's.
//!
//! Days are not always 24 hours long (DST gives 23 and 25), and in some zones local midnight
//! does not exist on the day the clocks go forward, so the bounds are computed from the
//! calendar, never as `start + 24 h`.

use chrono::{DateTime, Days, Local, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

/// The zone a location's day is counted in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DayZone {
    Location(Tz),
    /// The location's zone is unknown: this computer's zone.
    Desk,
}

impl DayZone {
    /// The location's zone from what Nexudus said of it: an IANA name where a server gives one,
    /// else the Windows zone id Nexudus documents (`SimpleTimeZoneId`).
    pub fn of_location(iana: Option<&str>, windows: Option<&str>) -> DayZone {
        let from_iana = iana.and_then(|name| name.trim().parse::<Tz>().ok());
        let from_windows = || windows.and_then(iana_for_windows_zone);
        from_iana
            .or_else(from_windows)
            .map_or(DayZone::Desk, DayZone::Location)
    }

    /// The IANA name, for the window to show times in the location's zone.
    pub fn iana(&self) -> Option<&'static str> {
        match self {
            DayZone::Location(zone) => Some(zone.name()),
            DayZone::Desk => None,
        }
    }

    /// The calendar date `at` falls on in this zone.
    pub fn date_of(&self, at: DateTime<Utc>) -> NaiveDate {
        match self {
            DayZone::Location(zone) => at.with_timezone(zone).date_naive(),
            DayZone::Desk => at.with_timezone(&Local).date_naive(),
        }
    }

    /// The wall-clock time `at` shows in this zone.
    pub fn local_time(&self, at: DateTime<Utc>) -> chrono::NaiveDateTime {
        match self {
            DayZone::Location(zone) => at.with_timezone(zone).naive_local(),
            DayZone::Desk => at.with_timezone(&Local).naive_local(),
        }
    }

    /// The first instant of `date` in this zone.
    pub fn start_of(&self, date: NaiveDate) -> Option<DateTime<Utc>> {
        match self {
            DayZone::Location(zone) => start_of_day(zone, date),
            DayZone::Desk => start_of_day(&Local, date),
        }
    }
}

/// One calendar day as an inclusive UTC range (the list filters are inclusive).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Day {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

impl Day {
    /// The day that contains `now` in `zone`.
    pub fn containing(now: DateTime<Utc>, zone: DayZone) -> Day {
        let date = zone.date_of(now);
        let start = zone.start_of(date).unwrap_or(now);
        let next = date
            .checked_add_days(Days::new(1))
            .and_then(|next| zone.start_of(next))
            .unwrap_or(start + chrono::Duration::days(1));
        Day {
            start,
            end: next - chrono::Duration::seconds(1),
        }
    }

    pub fn contains(&self, at: DateTime<Utc>) -> bool {
        self.start <= at && at <= self.end
    }
}

/// The first instant of `date` in `zone`: local midnight, or the first local time after it
/// that exists when the clocks jump over midnight (e.g. America/Santiago in September).
fn start_of_day<Z: TimeZone>(zone: &Z, date: NaiveDate) -> Option<DateTime<Utc>> {
    (0..=24).find_map(|quarter| {
        let time = NaiveTime::MIN + chrono::Duration::minutes(quarter * 15);
        zone.from_local_datetime(&date.and_time(time))
            .earliest()
            .map(|at| at.with_timezone(&Utc))
    })
}

/// Windows zone ids (what Nexudus's `SimpleTimeZoneId` holds) to IANA names, after the
/// Unicode CLDR `windowsZones` table ("001" territory). The zones coworking spaces are in;
/// an id not listed falls back to the desk's zone.
fn iana_for_windows_zone(id: &str) -> Option<Tz> {
    const TABLE: &[(&str, &str)] = &[
        ("Dateline Standard Time", "Etc/GMT+12"),
        ("Hawaiian Standard Time", "Pacific/Honolulu"),
        ("Aleutian Standard Time", "America/Adak"),
        ("Alaskan Standard Time", "America/Anchorage"),
        ("Pacific Standard Time", "America/Los_Angeles"),
        ("US Mountain Standard Time", "America/Phoenix"),
        ("Mountain Standard Time", "America/Denver"),
        ("Central America Standard Time", "America/Guatemala"),
        ("Central Standard Time", "America/Chicago"),
        ("Central Standard Time (Mexico)", "America/Mexico_City"),
        ("Canada Central Standard Time", "America/Regina"),
        ("SA Pacific Standard Time", "America/Bogota"),
        ("Eastern Standard Time", "America/New_York"),
        ("Atlantic Standard Time", "America/Halifax"),
        ("Venezuela Standard Time", "America/Caracas"),
        ("Pacific SA Standard Time", "America/Santiago"),
        ("Newfoundland Standard Time", "America/St_Johns"),
        ("E. South America Standard Time", "America/Sao_Paulo"),
        ("Argentina Standard Time", "America/Buenos_Aires"),
        ("UTC", "Etc/UTC"),
        ("Coordinated Universal Time", "Etc/UTC"),
        ("GMT Standard Time", "Europe/London"),
        ("Greenwich Standard Time", "Atlantic/Reykjavik"),
        ("W. Europe Standard Time", "Europe/Berlin"),
        ("Central Europe Standard Time", "Europe/Budapest"),
        ("Romance Standard Time", "Europe/Paris"),
        ("Central European Standard Time", "Europe/Warsaw"),
        ("W. Central Africa Standard Time", "Africa/Lagos"),
        ("GTB Standard Time", "Europe/Bucharest"),
        ("Middle East Standard Time", "Asia/Beirut"),
        ("Egypt Standard Time", "Africa/Cairo"),
        ("South Africa Standard Time", "Africa/Johannesburg"),
        ("FLE Standard Time", "Europe/Kiev"),
        ("Israel Standard Time", "Asia/Jerusalem"),
        ("Turkey Standard Time", "Europe/Istanbul"),
        ("Arab Standard Time", "Asia/Riyadh"),
        ("Russian Standard Time", "Europe/Moscow"),
        ("E. Africa Standard Time", "Africa/Nairobi"),
        ("Arabian Standard Time", "Asia/Dubai"),
        ("Pakistan Standard Time", "Asia/Karachi"),
        ("India Standard Time", "Asia/Calcutta"),
        ("Bangladesh Standard Time", "Asia/Dhaka"),
        ("SE Asia Standard Time", "Asia/Bangkok"),
        ("China Standard Time", "Asia/Shanghai"),
        ("Singapore Standard Time", "Asia/Singapore"),
        ("W. Australia Standard Time", "Australia/Perth"),
        ("Taipei Standard Time", "Asia/Taipei"),
        ("Tokyo Standard Time", "Asia/Tokyo"),
        ("Korea Standard Time", "Asia/Seoul"),
        ("AUS Central Standard Time", "Australia/Darwin"),
        ("E. Australia Standard Time", "Australia/Brisbane"),
        ("AUS Eastern Standard Time", "Australia/Sydney"),
        ("New Zealand Standard Time", "Pacific/Auckland"),
        ("Line Islands Standard Time", "Pacific/Kiritimati"),
    ];
    let id = id.trim();
    TABLE
        .iter()
        .find(|(windows, _)| windows.eq_ignore_ascii_case(id))
        .and_then(|(_, iana)| iana.parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .map(|at| at.with_timezone(&Utc))
            .expect("test date")
    }

    fn london() -> DayZone {
        DayZone::of_location(Some("Europe/London"), None)
    }

    #[test]
    fn the_location_zone_comes_from_iana_or_the_windows_id_else_the_desk() {
        assert_eq!(london(), DayZone::Location(chrono_tz::Europe::London));
        assert_eq!(
            DayZone::of_location(None, Some("Eastern Standard Time")),
            DayZone::Location(chrono_tz::America::New_York)
        );
        assert_eq!(
            DayZone::of_location(Some("Not/AZone"), Some("GMT Standard Time")),
            DayZone::Location(chrono_tz::Europe::London)
        );
        assert_eq!(DayZone::of_location(None, Some("Mars Time")), DayZone::Desk);
        assert_eq!(DayZone::of_location(None, None), DayZone::Desk);
    }

    #[test]
    fn a_day_is_the_locations_calendar_day_whatever_the_utc_date() {
        // 23:30 UTC on 30 Nov is already 1 Dec in Kiritimati (UTC+14) and still 30 Nov in London.
        let late = utc("2026-11-30T23:30:00Z");
        let day = Day::containing(late, london());
        assert_eq!(day.start, utc("2026-11-30T00:00:00Z"));
        assert_eq!(day.end, utc("2026-11-30T23:59:59Z"));
        let kiritimati = DayZone::of_location(Some("Pacific/Kiritimati"), None);
        let day = Day::containing(late, kiritimati);
        assert_eq!(day.start, utc("2026-11-30T10:00:00Z"));
        assert!(day.contains(late));
        let adak = DayZone::of_location(Some("America/Adak"), None);
        let day = Day::containing(utc("2026-12-01T05:00:00Z"), adak);
        assert_eq!(day.start, utc("2026-11-30T10:00:00Z"));
    }

    #[test]
    fn dst_days_are_23_and_25_hours_long() {
        let spring = Day::containing(utc("2026-03-29T00:59:00Z"), london());
        assert_eq!(spring.start, utc("2026-03-29T00:00:00Z"));
        assert_eq!(spring.end, utc("2026-03-29T22:59:59Z"));
        let autumn = Day::containing(utc("2026-10-25T00:59:00Z"), london());
        assert_eq!(autumn.start, utc("2026-10-24T23:00:00Z"));
        assert_eq!(autumn.end, utc("2026-10-25T23:59:59Z"));
        // The hour before the autumn change is still the same day.
        assert!(autumn.contains(utc("2026-10-25T01:30:00Z")));
    }

    #[test]
    fn a_day_whose_midnight_does_not_exist_starts_at_the_first_real_minute() {
        // Chile moves its clocks from 00:00 to 01:00 on 6 Sep 2026.
        let santiago = DayZone::of_location(Some("America/Santiago"), None);
        let day = Day::containing(utc("2026-09-06T15:00:00Z"), santiago);
        assert_eq!(day.start, utc("2026-09-06T04:00:00Z"));
        assert!(day.end > day.start);
    }
}
