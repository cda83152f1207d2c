//! Logs: human-readable on stderr, and JSON lines in the OS log folder, one file a day, the
//! last 14 kept. Nothing logged carries a token: the core's `Secret` type prints as
//! `[redacted]`, and errors are built without credentials.

use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{fmt, EnvFilter, Layer};

const KEEP_DAYS: usize = 14;

/// Starts logging; the guard flushes the file on drop, so keep it for the process's life.
pub fn init() -> Option<tracing_appender::non_blocking::WorkerGuard> {
    let filter = || EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into());
    let console = fmt::layer()
        .with_writer(std::io::stderr)
        .with_filter(filter());
    let file = crate::paths::log_dir().and_then(|dir| {
        tracing_appender::rolling::Builder::new()
            .rotation(tracing_appender::rolling::Rotation::DAILY)
            .filename_prefix("frontdesk")
            .filename_suffix("log")
            .max_log_files(KEEP_DAYS)
            .build(&dir)
            .map_err(|error| eprintln!("Front Desk: no log file in {}: {error}", dir.display()))
            .ok()
    });
    match file {
        Some(appender) => {
            let (writer, guard) = tracing_appender::non_blocking(appender);
            let json = fmt::layer()
                .json()
                .with_writer(writer)
                .with_filter(filter());
            tracing_subscriber::registry()
                .with(console)
                .with(json)
                .init();
            Some(guard)
        }
        None => {
            tracing_subscriber::registry().with(console).init();
            None
        }
    }
}
