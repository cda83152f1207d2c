//! CSV for people's spreadsheets: the evacuation list (who is on site now, for a fire
//! marshal), and the cell rule every CSV Front Desk writes follows.

use chrono::{DateTime, Local, Utc};

use crate::visitor::{DeskVisitor, Presence};

const HEADER: [&str; 6] = [
    "Name",
    "Company",
    "Host",
    "Email",
    "Arrived",
    "Visitor code",
];

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
    let mut out = HEADER.join(",");
    out.push_str("\r\n");
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
        assert_eq!(lines[0], "Name,Company,Host,Email,Arrived,Visitor code");
        assert!(lines[1].starts_with("\"'=HYPERLINK(\"\"http://x\"\")\",\"Acme, Inc.\",Ana,"));
        assert!(lines[2].starts_with("\"Zed \"\"Z\"\" Jones\","));
        assert_eq!(
            lines.len(),
            4,
            "two rows, a header and the final line end: {csv}"
        );
        assert!(!csv.contains("Expected Only") && !csv.contains("Already Left"));
    }
}
