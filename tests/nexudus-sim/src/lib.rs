//! A local simulator of the Nexudus APIs Front Desk uses, built from `shared/nexudus-api.md`:
//! the admin visitors/coworkers/businesses API, the public visitors API, OAuth-style tokens,
//! rate limits, and a `/_sim/` control API for fault injection. See README.md.

// Handlers return `Result<_, Response>` so an early answer (401, 400) reads as `?`-style
// control flow; the size of `Response` does not matter at this rate of requests.
#![allow(clippy::result_large_err)]

pub mod admin;
pub mod auth;
pub mod config;
pub mod control;
pub mod dates;
pub mod demo;
pub mod faults;
pub mod limits;
pub mod log;
pub mod middleware;
pub mod public;
pub mod respond;
pub mod server;
pub mod shapes;
pub mod state;
pub mod world;

pub use config::SimConfig;
pub use server::{start, start_with, RunningSim, StartOptions};
pub use state::{DataSet, Sim};
