//! Visitor badges: what a badge says, the label sizes of common label printers, and the PDF a
//! printer gets (`pdf`), with the visitor code as a QR code a kiosk or door reader can scan.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::day::DayZone;
use crate::visitor::DeskVisitor;

mod pdf;
mod text;

pub use pdf::{qr_rows, render};
pub use text::prints_faithfully;

/// What one badge says.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Badge {
    pub name: String,
    pub company: Option<String>,
    pub host: Option<String>,
    /// The visit's day, written out ("Monday 30 November 2026").
    pub date: String,
    /// The visitor code, printed and as a QR code; none for a walk-in Nexudus has not
    /// numbered yet.
    pub code: Option<String>,
}

impl Badge {
    /// The badge of `visitor`, dated on the day they arrived (else were expected, else `now`)
    /// in the location's zone.
    pub fn of(visitor: &DeskVisitor, zone: DayZone, now: DateTime<Utc>) -> Badge {
        let at = visitor.arrived_at.or(visitor.expected_at).unwrap_or(now);
        let clean = |text: &Option<String>| {
            text.as_deref()
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_string)
        };
        Badge {
            name: visitor.full_name.trim().to_string(),
            company: clean(&visitor.company),
            host: clean(&visitor.host_name),
            date: crate::l10n::long_date(zone.date_of(at), &crate::l10n::desk_words()),
            code: clean(&visitor.visitor_code),
        }
    }
}

/// The label a badge is printed on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LabelSize {
    /// Brother QL with 62 mm continuous tape, cut at 100 mm.
    #[default]
    Brother62x100,
    /// DYMO LabelWriter large address labels (99012), 89 × 36 mm.
    Dymo89x36,
    /// A6 paper, for a desk with an office printer.
    A6,
}

impl LabelSize {
    /// Width and height of the page in millimetres, as the label comes out of the printer.
    pub fn millimetres(self) -> (f32, f32) {
        match self {
            LabelSize::Brother62x100 => (62.0, 100.0),
            LabelSize::Dymo89x36 => (89.0, 36.0),
            LabelSize::A6 => (105.0, 148.0),
        }
    }

    /// The CUPS `media` option: the label as it feeds through the printer, narrow side
    /// across (a DYMO label is 36 mm wide on the roll; CUPS turns the landscape badge onto it).
    pub fn media(self) -> String {
        let (width, height) = self.millimetres();
        format!("Custom.{}x{}mm", width.min(height), width.max(height))
    }
}

/// How this desk prints badges (Settings), kept beside the other settings.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct BadgeSettings {
    /// The CUPS printer badges go to without a dialog; `None` opens the system print dialog.
    pub printer: Option<String>,
    /// The CUPS server that has it, when it is not this computer's (a print server, or a
    /// socket path); `None` uses the system's choice.
    pub cups_server: Option<String>,
    pub label: LabelSize,
    /// Print a badge at every check-in made at this desk.
    pub print_at_check_in: bool,
}

pub const SETTING: &str = "badges";

/// Why a printer or server name cannot be used, if it cannot. CUPS names have no spaces, `/`
/// or `#`; one starting with `-` would be read by `lpstat` as an option.
pub fn name_problem(name: &str) -> Option<&'static str> {
    if name.starts_with('-') {
        Some("cannot start with -")
    } else if name
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || c == '#')
    {
        Some("cannot contain spaces or #")
    } else if name.len() > 127 {
        Some("is longer than 127 characters")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_sent_as_they_feed_narrow_side_across() {
        assert_eq!(LabelSize::Brother62x100.media(), "Custom.62x100mm");
        assert_eq!(LabelSize::Dymo89x36.media(), "Custom.36x89mm");
        assert_eq!(LabelSize::A6.media(), "Custom.105x148mm");
    }

    #[test]
    fn printer_names_that_could_read_as_options_are_refused() {
        assert_eq!(name_problem("Brother_QL-820NWB"), None);
        assert_eq!(name_problem("/run/cups/cups.sock"), None);
        assert!(name_problem("-hevil").is_some());
        assert!(name_problem("two words").is_some());
        assert!(name_problem("a#b").is_some());
    }
}
