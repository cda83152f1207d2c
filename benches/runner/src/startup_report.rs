//! The start-up and memory part of BENCHMARKS.md: the targets against the empty window, each
//! miss explained from the measured timeline, and the timeline itself.

use std::fmt::Write as _;

use serde_json::Value;

use crate::report::{readable, show, Row};
use crate::startup::STEPS;

/// What each step of the timeline is, for the table.
fn step_meaning(step: &str) -> &'static str {
    match step {
        "process_started" => "exec → `main` (the binary and its libraries loaded)",
        "setup_done" => "Rust `setup` done (data folder, migrations, keyring, tray, plugins)",
        "page_started" => "the webview starts loading `index.html`",
        "dom_content_loaded" => "DOMContentLoaded (every module loaded and run)",
        "first_paint" => "the first frame painted (header and tabs, no data yet)",
        "page_loaded" => "the page's load event (the webview's `Finished`)",
        "session_known" => "the session's state answered",
        "today_served" => "today's list handed over by Rust",
        "today_received" => "the list arrived in the page (the IPC answer parsed)",
        "list_built" => {
            "rows, counts and chart built in the DOM (each group's first page of 100 rows)"
        }
        "list_laid_out" => {
            "its style and layout computed (forced at once, to split layout from painting)"
        }
        "list_frame" => "the next frame begins (its animation callbacks run)",
        "list_painted" => "the next frame after it: the list on screen",
        _ => "",
    }
}

fn step(case: &Value, name: &str) -> Option<f64> {
    case["steps"][name].as_f64()
}

/// The two longest stretches of the app's timeline, named: where its time goes.
fn longest_stretches(case: &Value) -> String {
    let reached: Vec<(&str, f64)> = STEPS
        .iter()
        .filter_map(|name| step(case, name).map(|at| (*name, at)))
        .collect();
    let mut stretches: Vec<(f64, &str, &str)> = reached
        .windows(2)
        .map(|pair| (pair[1].1 - pair[0].1, pair[0].0, pair[1].0))
        .collect();
    stretches.sort_by(|a, b| b.0.total_cmp(&a.0));
    let named: Vec<String> = stretches
        .iter()
        .take(2)
        .map(|(ms, from, to)| format!("{from} → {to} {} ms", readable(*ms)))
        .collect();
    named.join(", ")
}

fn signed(mb: f64) -> String {
    format!("{}{}", if mb >= 0.0 { "+" } else { "" }, readable(mb))
}

/// The extra megabytes by process, and for the two big ones by what holds them.
fn memory_split(case: &Value, reference: &Value) -> String {
    let extra = |key: &str| {
        case["pss_mb"][key].as_f64().unwrap_or(0.0)
            - reference["pss_mb"][key].as_f64().unwrap_or(0.0)
    };
    ["app", "web", "network"]
        .iter()
        .map(|kind| {
            let name = match *kind {
                "app" => "Rust process",
                "web" => "WebKitWebProcess",
                _ => "WebKitNetworkProcess",
            };
            let parts: Vec<String> = [
                ("binary", "its executable"),
                ("libraries", "libraries"),
                ("files", "other files"),
                ("anonymous", "heap"),
            ]
            .iter()
            .filter(|(part, _)| case["pss_mb"][format!("{kind}_{part}")].is_number())
            .map(|(part, what)| (extra(&format!("{kind}_{part}")), *what))
            .filter(|(mb, _)| mb.abs() >= 1.0)
            .map(|(mb, what)| format!("{what} {} MB", signed(mb)))
            .collect();
            let detail = if parts.is_empty() {
                String::new()
            } else {
                format!(" ({})", parts.join(", "))
            };
            format!("{name} {} MB{detail}", signed(extra(kind)))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The four start-up and memory rows: both days against the empty window.
pub fn rows(startup: &Value) -> Vec<Row> {
    let reference = &startup["reference"];
    let reference_loaded = step(reference, "page_loaded");
    let reference_pss = reference["pss_mb"]["total"].as_f64();
    let rounds = show(&startup["rounds"], "");
    let mut rows = Vec::new();
    for (key, label, start_target, start_limit, memory_label, memory_target, memory_limit) in [
        (
            "big_day",
            "Start to today's list painted (5,000 cached)",
            "≤ 150 ms slower than the empty window",
            150.0,
            "Memory at idle (PSS, app + WebKit), 5,000 cached",
            "≤ 30 MB more than the empty window",
            30.0,
        ),
        (
            "typical_day",
            "Start to today's list painted (200 cached)",
            "≤ 60 ms slower than the empty window",
            60.0,
            "Memory at idle (PSS, app + WebKit), 200 cached",
            "≤ 15 MB more than the empty window",
            15.0,
        ),
    ] {
        let case = &startup[key];
        let painted = step(case, "list_painted");
        let slower = painted.zip(reference_loaded).map(|(p, r)| p - r);
        rows.push(Row {
            metric: label,
            target: start_target,
            result: format!(
                "{} (page loaded {})",
                show(&case["steps"]["list_painted"], " ms"),
                show(&case["steps"]["page_loaded"], " ms")
            ),
            reference: format!(
                "empty window page loaded: {}",
                show(&reference["steps"]["page_loaded"], " ms")
            ),
            met: slower.map(|s| s <= start_limit),
            limit: slower.filter(|s| *s > start_limit).map(|s| {
                format!(
                    "{} ms over the empty window's load. The page itself loads {} ms after the empty one's; the longest stretches of the timeline below are {}. WebKit began loading the page late (setup_done → page_started over 450 ms) in {} of {rounds} launches here and {} of {rounds} of the empty window. From the page's start, the list is painted after {} ms; the empty page loads after {} ms.",
                    readable(s),
                    step(case, "page_loaded")
                        .zip(reference_loaded)
                        .map_or("?".into(), |(a, r)| readable(a - r)),
                    longest_stretches(case),
                    show(&case["late_webkit_launches"], ""),
                    show(&reference["late_webkit_launches"], ""),
                    show(&case["page_start_to_shown_ms"], ""),
                    show(&reference["page_start_to_shown_ms"], ""),
                )
            }),
        });
        let total = case["pss_mb"]["total"].as_f64();
        let extra = total.zip(reference_pss).map(|(t, r)| t - r);
        rows.push(Row {
            metric: memory_label,
            target: memory_target,
            result: format!(
                "{} (+{})",
                show(&case["pss_mb"]["total"], " MB"),
                extra.map_or("?".into(), readable)
            ),
            reference: format!(
                "empty window: {}",
                show(&reference["pss_mb"]["total"], " MB")
            ),
            met: extra.map(|e| e <= memory_limit),
            limit: extra.filter(|e| *e > memory_limit).map(|_| {
                format!(
                    "over the empty window, by process: {}.",
                    memory_split(case, reference)
                )
            }),
        });
    }
    rows
}

/// The timeline table (medians, ms from the spawn) and the memory split.
pub fn timeline(startup: &Value) -> String {
    let mut md = String::new();
    if !startup.is_object() {
        return md;
    }
    let cases = [
        ("reference", "Empty window"),
        ("typical_day", "Typical day (200)"),
        ("big_day", "Big day (5,000)"),
    ];
    let _ = writeln!(md, "\n## Start-up timeline\n");
    let _ = writeln!(md, "Medians of {} alternating launches, in ms from the spawn; Rust's steps and the page's on one clock. The empty window's page has no script, so the page's own steps are Front Desk's alone.\n", show(&startup["rounds"], ""));
    let _ = writeln!(
        md,
        "| Step | | {} | {} | {} |",
        cases[0].1, cases[1].1, cases[2].1
    );
    let _ = writeln!(md, "|---|---|---|---|---|");
    for name in STEPS {
        let cells: Vec<String> = cases
            .iter()
            .map(|(key, _)| step(&startup[*key], name).map_or("—".to_string(), readable))
            .collect();
        let _ = writeln!(
            md,
            "| `{name}` | {} | {} | {} | {} |",
            step_meaning(name),
            cells[0],
            cells[1],
            cells[2]
        );
    }
    let _ = writeln!(md, "\nMemory at idle (PSS, MB) by process:\n");
    let _ = writeln!(
        md,
        "| Process | {} | {} | {} |",
        cases[0].1, cases[1].1, cases[2].1
    );
    let _ = writeln!(md, "|---|---|---|---|");
    for (kind, name) in [
        ("app", "Rust process (the app)"),
        ("app_binary", "· its executable"),
        ("app_libraries", "· shared libraries (GTK, WebKitGTK, ...)"),
        ("app_files", "· other mapped files"),
        ("app_anonymous", "· heap, stacks, anonymous"),
        ("web", "WebKitWebProcess"),
        ("web_libraries", "· shared libraries"),
        ("web_files", "· other mapped files (fonts, ICU)"),
        ("web_anonymous", "· heap, JS, anonymous"),
        ("network", "WebKitNetworkProcess"),
        ("total", "Total"),
    ] {
        let cells: Vec<String> = cases
            .iter()
            .map(|(key, _)| show(&startup[*key]["pss_mb"][kind], ""))
            .collect();
        let _ = writeln!(
            md,
            "| {name} | {} | {} | {} |",
            cells[0], cells[1], cells[2]
        );
    }
    md
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn case(loaded: f64, painted: f64, web: f64) -> Value {
        json!({
            "steps": {"process_started": 20.0, "setup_done": 90.0, "page_loaded": loaded,
                      "session_known": loaded + 10.0, "list_painted": painted},
            "pss_mb": {"app": 80.0, "web": web, "network": 28.0, "total": 108.0 + web,
                       "web_libraries": 80.0, "web_anonymous": web - 80.0},
        })
    }

    #[test]
    fn a_miss_names_its_longest_stretches_and_its_megabytes_by_process() {
        let startup = json!({
            "rounds": 5,
            "reference": case(400.0, f64::NAN, 90.0),
            "typical_day": case(420.0, 450.0, 95.0),
            "big_day": case(430.0, 900.0, 160.0),
        });
        let rows = rows(&startup);
        assert_eq!(rows.len(), 4);
        // 200 cached: painted 50 ms after the empty page loaded; 5 MB more.
        assert_eq!((rows[2].met, rows[3].met), (Some(true), Some(true)));
        // 5,000 cached: 500 ms slower, and 70 MB more, all in the web process.
        assert_eq!((rows[0].met, rows[1].met), (Some(false), Some(false)));
        let start = rows[0].limit.as_deref().unwrap_or_default();
        assert!(
            start.contains("session_known → list_painted 460 ms"),
            "{start}"
        );
        let memory = rows[1].limit.as_deref().unwrap_or_default();
        assert!(
            memory.contains("WebKitWebProcess +70 MB (heap +70 MB)"),
            "{memory}"
        );
        assert!(memory.contains("Rust process +0 MB"), "{memory}");
        let table = timeline(&startup);
        assert!(table.contains("| `list_painted` |"), "{table}");
        assert!(table.contains("| 450 | 900 |"), "{table}");
    }
}
