//! Talking to Nexudus: where its two API families live, what its answers mean, how fast we may
//! ask, and the client itself.

pub mod backoff;
pub mod client;
pub mod clock;
pub mod dates;
mod directory;
pub mod endpoints;
pub mod error;
pub mod lenient;
pub mod listing;
pub mod models;
pub mod pacing;
pub mod requests;
pub mod visitors;

#[cfg(test)]
mod shape_tests;

pub use client::{ClientConfig, Family, NexudusClient, SignInError};
pub use endpoints::{EndpointError, Endpoints};
pub use error::{ApiError, FieldProblem};
pub use requests::{NewVisitor, Precheck, Registration, Roles, VisitorChange, VisitorQuery};
