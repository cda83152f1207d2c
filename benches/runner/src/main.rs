//! Front Desk's benchmarks. Each section writes `bench-output/<section>.json`; `report` turns
//! them into BENCHMARKS.md. The machine is shared and noisy, so every figure that can be is
//! set beside a reference measured in the same run. `./x bench` runs it all.
//!
//! usage: frontdesk-bench <enqueue|drain|registrations|arrivals|startup|retention|report>... [--quick]

mod arrivals;
mod drain;
mod enqueue;
mod report;
mod retention;
mod startup;
mod startup_report;
mod support;

use std::path::PathBuf;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let quick = args.iter().any(|a| a == "--quick");
    let out =
        PathBuf::from(std::env::var("BENCH_OUTPUT").unwrap_or_else(|_| "bench-output".into()));
    if let Err(error) = std::fs::create_dir_all(&out) {
        eprintln!("bench: cannot create {}: {error}", out.display());
        return std::process::ExitCode::FAILURE;
    }
    let sections: Vec<&str> = args
        .iter()
        .map(String::as_str)
        .filter(|a| !a.starts_with("--"))
        .collect();
    if sections.is_empty() {
        eprintln!("usage: frontdesk-bench <enqueue|drain|registrations|arrivals|startup|retention|report>... [--quick]");
        return std::process::ExitCode::from(2);
    }
    for section in sections {
        eprintln!("bench: {section}…");
        let result = match section {
            "enqueue" => enqueue::run(quick).await,
            "drain" => drain::run(quick).await,
            "registrations" => drain::registrations().await,
            "arrivals" => arrivals::run(quick).await,
            "startup" => startup::run(quick).await,
            "retention" => retention::run(quick).await,
            "report" => report::run(&out).map(|()| serde_json::Value::Null),
            other => Err(format!("unknown section {other}")),
        };
        match result {
            Ok(serde_json::Value::Null) => {}
            Ok(value) => {
                let path = out.join(format!("{section}.json"));
                let text = serde_json::to_string_pretty(&value).unwrap_or_default();
                if let Err(error) = std::fs::write(&path, text) {
                    eprintln!("bench: cannot write {}: {error}", path.display());
                    return std::process::ExitCode::FAILURE;
                }
                eprintln!("bench: {section} done: {value}");
            }
            Err(error) => {
                eprintln!("bench: {section} failed: {error}");
                return std::process::ExitCode::FAILURE;
            }
        }
    }
    std::process::ExitCode::SUCCESS
}
