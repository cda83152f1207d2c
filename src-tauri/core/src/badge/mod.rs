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
            date: zone.date_of(at).format("%A %-d %B %Y").to_string(),
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

    /// The CUPS `media` option for this label.
    pub fn media(self) -> String {
        let (width, height) = self.millimetres();
        format!("Custom.{width}x{height}mm")
    }
}

/// How this desk prints badges (Settings), kept beside the other settings.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct BadgeSettings {
    /// The CUPS printer badges go to without a dialog; `None` opens the system print dialog.
    pub printer: Option<String>,
    pub label: LabelSize,
    /// Print a badge at every check-in made at this desk.
    pub print_at_check_in: bool,
}

pub const SETTING: &str = "badges";
