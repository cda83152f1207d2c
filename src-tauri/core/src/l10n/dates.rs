//! Dates in the desk's words, by the rules the window's `Intl.DateTimeFormat` follows for the
//! same language: the badge printed in Rust says its day as the badge preview does.

use chrono::{Datelike, NaiveDate};

use super::{Arg, Messages};

/// "Tuesday, December 1, 2026"; "martes, 1 de diciembre de 2026".
pub fn long_date(date: NaiveDate, words: &Messages) -> String {
    let weekday = words.text(
        &format!("date-weekday-{}", date.weekday().number_from_monday()),
        &[],
    );
    let month = words.text(&format!("date-month-{}", date.month()), &[]);
    // Day and year as text: a number would be grouped ("2,026") by a locale's rules.
    let (day, year) = (date.day().to_string(), date.year().to_string());
    words.text(
        "date-long",
        &[
            ("weekday", Arg::from(&weekday)),
            ("day", Arg::from(&day)),
            ("month", Arg::from(&month)),
            ("year", Arg::from(&year)),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::l10n::Language;

    #[test]
    fn a_long_date_reads_as_intl_writes_it_in_each_language() {
        let date = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default();
        assert_eq!(
            long_date(date, &Messages::new(Language::En)),
            "Tuesday, December 1, 2026"
        );
        assert_eq!(
            long_date(date, &Messages::new(Language::Es)),
            "martes, 1 de diciembre de 2026"
        );
        let sunday = NaiveDate::from_ymd_opt(2027, 1, 3).unwrap_or_default();
        assert_eq!(
            long_date(sunday, &Messages::new(Language::Es)),
            "domingo, 3 de enero de 2027"
        );
    }
}
