//! Tauri commands, one module per domain; each command is a one-line call into the core.

pub mod app;
pub mod desk;
pub mod queue;
pub mod session;
