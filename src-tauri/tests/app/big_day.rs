//! A big day: 5,000 visitors at one location render, count and filter correctly in the real
//! window. The webview's own timings are reported (and saved for the benchmarks), not asserted:
//! speed targets live in BENCHMARKS.md, not in tests that flake on a busy machine.

use crate::e2e::{launch, output_dir, Launch};
use chrono::{Duration, Timelike, Utc};
use frontdesk_core::day::{Day, DayZone};
use frontdesk_core::desk::PAGE_ROWS;
use serde_json::{json, Map, Value};

const EXTRA: usize = 5_000;

fn visitor_body(n: usize) -> Map<String, Value> {
    // Between 09:00 and 17:00 of the location's day (London), whatever the test's hour and zone.
    let london = DayZone::of_location(Some("Europe/London"), None);
    let midnight = Day::containing(Utc::now(), london).start;
    let minutes = 9 * 60 + (n % (8 * 60)) as i64;
    let at = midnight + Duration::minutes(minutes);
    let body = json!({
        "BusinessId": 1001,
        "FullName": format!("Guest {n:05}"),
        "Email": format!("guest{n}@big.frontdesk.test"),
        "VisitorSource": 1,
        "HostApprovalStatus": 1,
        "ExpectedArrival": at.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
    });
    body.as_object().expect("object").clone()
}

#[tokio::test]
async fn five_thousand_visitors_render_count_and_filter() {
    let app = launch(Launch::default()).await;
    {
        let mut world = app.sim.sim.world.lock().expect("world");
        let config = app.sim.sim.config.lock().expect("config").clone();
        let now = Utc::now().with_nanosecond(0).expect("now");
        for n in 0..EXTRA {
            world
                .create_visitor(&visitor_body(n), "bench@frontdesk.test", now, &config)
                .expect("created");
        }
    }
    app.sign_in_as("reception@frontdesk.test").await;
    // 51 pages of 100 at Nexudus's 120 requests a minute: about half a minute, once.
    let loading = std::time::Instant::now();
    app.wait_until_within(
        std::time::Duration::from_secs(120),
        "all 5,000 extra visitors are counted as expected",
        &format!(
            "const n = Number(document.getElementById('expected-count').textContent.replace(/[()]/g, '')); return n >= {EXTRA};"
        ),
    )
    .await;
    eprintln!("first load of the big day: {:?}", loading.elapsed());
    // A screenful first, then the first page; never the day.
    app.wait_until(
        "the expected group shows its first page of rows",
        &format!(
            "return document.querySelectorAll('#expected-list .visitor').length === {PAGE_ROWS};"
        ),
    )
    .await;
    app.screenshot("big-day").await;

    // "Show more" brings the next page from the day kept in Rust.
    let more = app
        .script(
            "const b = document.querySelector('#expected-list li.more button'); const text = b.textContent; b.click(); return text;",
        )
        .await;
    assert!(
        more.as_str()
            .is_some_and(|t| t.starts_with(&format!("Show {PAGE_ROWS} more of "))),
        "{more}"
    );
    app.wait_until(
        "the second page is shown",
        &format!(
            "return document.querySelectorAll('#expected-list .visitor').length === {};",
            2 * PAGE_ROWS
        ),
    )
    .await;

    // Typed at WebDriver's pace (keys a few ms apart), a search narrows 5,000 to a hundred.
    app.fill("Search", "guest 042").await;
    app.wait_until(
        "the search narrows to a hundred rows",
        "return document.getElementById('expected-count').textContent === '(100)';",
    )
    .await;
    let burst = app
        .script("const all = performance.getEntriesByName('today-filter'); return all[all.length - 1].duration;")
        .await;
    // One more key, on its own as a person types it, narrows to the ten guests of 0421.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    app.type_more("Search", "1").await;
    app.wait_until(
        "the search narrows to ten rows",
        "return document.getElementById('expected-count').textContent === '(10)' && document.querySelectorAll('#expected-list .visitor').length === 10;",
    )
    .await;
    let mut timings = app
        .script(
            "const last = (name) => { const all = performance.getEntriesByName(name); return all.length ? all[all.length - 1].duration : null; };
             return { render_ms: last('today-render'), filter_ms: last('today-filter'), rows: document.querySelectorAll('#reception-screen .visitor').length };",
        )
        .await;
    timings["filter_burst_ms"] = burst;
    eprintln!("big day in the webview: {timings}");
    std::fs::write(
        output_dir().join("ui-timings.json"),
        serde_json::to_vec_pretty(&timings).expect("json"),
    )
    .expect("timings");
    assert!(timings["render_ms"].is_number() && timings["filter_ms"].is_number());
    app.finish().await;
}
