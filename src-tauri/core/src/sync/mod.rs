//! Delivering the queue to Nexudus: pure decisions (`plan`), pure matching (`reconcile`), and
//! the engine that carries them out.

pub mod engine;
pub mod plan;
pub mod reconcile;

pub use engine::{DrainReport, EngineState, SyncEngine, SyncStatus};
