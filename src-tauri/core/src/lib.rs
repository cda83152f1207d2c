//! Front Desk's core: everything that needs no window. The Tauri shell (`frontdesk`) is a thin
//! layer of commands and events over this crate.

pub mod account;
pub mod arrivals;
pub mod badge;
pub mod cache;
pub mod corrections;
pub mod day;
pub mod desk;
pub mod doctor;
pub mod export;
pub mod input;
pub mod kiosk;
pub mod l10n;
pub mod live;
pub mod lock;
pub mod memory;
pub mod nexudus;
pub mod policy;
pub mod preferences;
pub mod printing;
pub mod queue;
pub mod retention;
pub mod secrets;
pub mod session;
pub mod store;
pub mod supervise;
pub mod sync;
pub mod updates;
pub mod visitor;
pub mod wiring;
