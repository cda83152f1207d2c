//! Front Desk's core: everything that needs no window. The Tauri shell (`frontdesk`) is a thin
//! layer of commands and events over this crate.

pub mod nexudus;
pub mod secrets;
