//! Tauri commands, one module per domain; each command is a one-line call into the core.

pub mod alerts;
pub mod app;
pub mod desk;
pub mod queue;
pub mod recovery;
pub mod session;
pub mod settings;
pub mod updates;
