//! CSV for people's spreadsheets: the evacuation list (who is on site now, for a fire
//! marshal), the visitor log of a date range, and the cell rule every CSV Front Desk writes
//! follows.

use chrono::{DateTime, Local, Utc};

use crate::day::DayZone;
use crate::visitor::{DeskVisitor, Presence, ShownVisitor};

/// The evacuation list's columns (catalog ids).
const HEADER: [&str; 6] = [
    "export-name",
    "export-company",
    "export-host",
    "export-email",
    "export-arrived",
    "export-visitor-code",
];

/// Starts every CSV: Excel reads a file without it as the PC's old code page, and shows
/// "ZoÃ«" for "Zoë" (LibreOffice and scripts take it either way).
pub const UTF8_BOM: &str = "\u{feff}";

/// The header row in the desk's language, after the byte order mark.
fn header_row(ids: &[&str]) -> String {
    let words = crate::l10n::desk_words();
    let cells: Vec<String> = ids
        .iter()
        .map(|id| csv_cell(&words.text(id, &[])))
        .collect();
    format!("{UTF8_BOM}{}\r\n", cells.join(","))
}

/// One cell, quoted where needed. A cell a spreadsheet would run as a formula (`=`, `+`, `-`,
/// `@`, tab, return) gets a leading apostrophe: names come from whoever registered the visit.
pub fn csv_cell(text: &str) -> String {
    let guarded = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

fn local_time(at: Option<DateTime<Utc>>) -> String {
    at.map(|at| {
        at.with_timezone(&Local)
            .format("%Y-%m-%d %H:%M")
            .to_string()
    })
    .unwrap_or_default()
}

/// Everyone on site, by name, with a header row; lines end in CRLF as RFC 4180 asks.
pub fn on_site_csv(visitors: &[DeskVisitor]) -> String {
    let mut on_site: Vec<&DeskVisitor> = visitors
        .iter()
        .filter(|v| v.presence() == Presence::OnSite)
        .collect();
    on_site.sort_by_key(|v| v.full_name.to_lowercase());
    let mut out = header_row(&HEADER);
    for visitor in on_site {
        let row = [
            csv_cell(&visitor.full_name),
            csv_cell(visitor.company.as_deref().unwrap_or_default()),
            csv_cell(visitor.host_name.as_deref().unwrap_or_default()),
            csv_cell(visitor.email.as_deref().unwrap_or_default()),
            csv_cell(&local_time(visitor.arrived_at)),
            csv_cell(visitor.visitor_code.as_deref().unwrap_or_default()),
        ];
        out.push_str(&row.join(","));
        out.push_str("\r\n");
    }
    out
}

const LOG_HEADER: [&str; 10] = [
    "export-expected",
    "export-arrived",
    "export-left",
    "export-name",
    "export-company",
    "export-email",
    "export-host",
    "export-source",
    "export-approval",
    "export-visitor-code",
];

/// How a visit was registered, in the desk's words.
pub fn source_label(source: Option<&str>) -> String {
    let id = match source {
        Some("administrator") => "export-source-administrator",
        Some("nex_io") => "export-source-kiosk",
        Some("customer") => "export-source-member",
        _ => return String::new(),
    };
    crate::l10n::desk_words().text(id, &[])
}

fn approval_label(approval: Option<&str>) -> String {
    let id = match approval {
        Some("requested") => "export-approval-requested",
        Some("rejected") => "export-approval-declined",
        Some("accepted_and_hold") => "export-approval-collect",
        Some("accepted_and_grant") => "export-approval-sent-up",
        _ => return String::new(),
    };
    crate::l10n::desk_words().text(id, &[])
}

/// The visitor log as CSV, times in the location's zone (`zone`), in the log's order.
pub fn visitor_log_csv(rows: &[ShownVisitor], zone: DayZone) -> String {
    let at = |when: Option<DateTime<Utc>>| {
        when.map(|t| zone.local_time(t).format("%Y-%m-%d %H:%M").to_string())
            .unwrap_or_default()
    };
    // Times stay ISO-shaped (2026-12-01 09:30): every spreadsheet in every locale reads
    // them as dates and sorts them; a "1 dic 2026" cell would be text.
    let mut out = header_row(&LOG_HEADER);
    for row in rows {
        let visitor = &row.visitor;
        let arrived = if visitor.arrived {
            at(visitor.arrived_at)
        } else {
            String::new()
        };
        let cells = [
            at(visitor.expected_at),
            arrived,
            at(visitor.departed_at),
            visitor.full_name.clone(),
            visitor.company.clone().unwrap_or_default(),
            visitor.email.clone().unwrap_or_default(),
            visitor.host_name.clone().unwrap_or_default(),
            source_label(visitor.source.as_deref()),
            approval_label(visitor.approval.as_deref()),
            visitor.visitor_code.clone().unwrap_or_default(),
        ];
        let cells: Vec<String> = cells.iter().map(|c| csv_cell(c)).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn visitor(name: &str, arrived: bool, left: bool) -> DeskVisitor {
        DeskVisitor {
            id: Some(1),
            full_name: name.into(),
            email: Some("v@example.com".into()),
            company: Some("Acme, Inc.".into()),
            host_name: Some("Ana".into()),
            business_id: Some(1),
            arrived_at: arrived.then(Utc::now),
            departed_at: left.then(Utc::now),
            arrived,
            ..DeskVisitor::default()
        }
    }

    #[test]
    fn cells_are_quoted_only_when_needed() {
        assert_eq!(csv_cell("plain"), "plain");
        assert_eq!(csv_cell("a, b"), "\"a, b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
    }

    #[test]
    fn only_people_on_site_are_listed_with_quoting_and_no_formulas() {
        let csv = on_site_csv(&[
            visitor("Zed \"Z\" Jones", true, false),
            visitor("=HYPERLINK(\"http://x\")", true, false),
            visitor("Expected Only", false, false),
            visitor("Already Left", true, true),
        ]);
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(
            lines[0],
            "\u{feff}Name,Company,Host,Email,Arrived,Visitor code"
        );
        assert!(lines[1].starts_with("\"'=HYPERLINK(\"\"http://x\"\")\",\"Acme, Inc.\",Ana,"));
        assert!(lines[2].starts_with("\"Zed \"\"Z\"\" Jones\","));
        assert_eq!(
            lines.len(),
            4,
            "two rows, a header and the final line end: {csv}"
        );
        assert!(!csv.contains("Expected Only") && !csv.contains("Already Left"));
    }

    #[test]
    fn the_log_lists_every_row_in_the_locations_time_and_guards_formulas() {
        let london = DayZone::Location(chrono_tz::Europe::London);
        let at = |text: &str| Some(text.parse::<DateTime<Utc>>().expect("time"));
        let came = DeskVisitor {
            expected_at: at("2026-07-01T08:00:00Z"),
            arrived_at: at("2026-07-01T08:05:00Z"),
            departed_at: at("2026-07-01T09:00:00Z"),
            arrived: true,
            source: Some("nex_io".into()),
            approval: Some("accepted_and_grant".into()),
            full_name: "=HYPERLINK(\"x\")".into(),
            ..visitor("x", true, true)
        };
        let expected = DeskVisitor {
            expected_at: at("2026-07-02T12:30:00Z"),
            ..visitor("Grace", false, false)
        };
        let csv = visitor_log_csv(&crate::visitor::shown(vec![came, expected]), london);
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(
            lines[0],
            "\u{feff}Expected,Arrived,Left,Name,Company,Email,Host,Source,Host approval,Visitor code"
        );
        assert_eq!(
            lines[1],
            "2026-07-01 09:00,2026-07-01 09:05,2026-07-01 10:00,\"'=HYPERLINK(\"\"x\"\")\",\"Acme, Inc.\",v@example.com,Ana,Kiosk (NexIO),\"Approved, sent up\","
        );
        assert_eq!(
            lines[2],
            "2026-07-02 13:30,,,Grace,\"Acme, Inc.\",v@example.com,Ana,,,"
        );
        assert_eq!(lines.len(), 4, "two rows and the final line end");
    }
}
