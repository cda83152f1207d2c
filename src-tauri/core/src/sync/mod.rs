//! Delivering the queue to Nexudus: pure decisions (`plan`), pure matching (`reconcile`), and
//! the engine that carries them out.

pub mod apply;
pub mod engine;
mod look;
pub mod plan;
pub mod reconcile;
mod send;

pub use engine::{DrainReport, EngineState, SyncEngine, SyncStatus};
