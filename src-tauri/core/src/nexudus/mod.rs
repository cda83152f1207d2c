//! Talking to Nexudus: where its two API families live, and (in later modules) the client.

pub mod endpoints;

pub use endpoints::{EndpointError, Endpoints};
