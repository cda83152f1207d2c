//! The core's integration tests in one binary, one module per former test file: linking the
//! crate once instead of once per file saves minutes of every cold run on a 2-core machine.
//! Two suites stay binaries of their own: `keyring_missing` changes the process's D-Bus address
//! and `notifications` counts the process's threads, so neither may share a process.

mod common;

mod accounts;
mod arrivals;
mod badges;
mod client;
mod clock_skew;
mod crash;
mod desk_use_cases;
mod keyring;
mod kiosk;
mod live_desk;
mod many_writers;
mod policy;
mod reception_alerts;
mod recovery;
mod retention;
mod scan_and_approval;
mod sync;
mod today_view;
mod visitor_log;
