//! The simulator's shared state, one lock per concern; no lock is held across an `.await`.

use std::sync::{Mutex, MutexGuard, PoisonError};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::config::SimConfig;
use crate::faults::FaultBook;
use crate::limits::RateLimiter;
use crate::log::RequestLog;
use crate::world::World;

#[derive(Clone, Copy, Debug, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum DataSet {
    #[default]
    Demo,
    Empty,
}

pub struct Sim {
    pub world: Mutex<World>,
    pub config: Mutex<SimConfig>,
    pub limiter: Mutex<RateLimiter>,
    pub faults: Mutex<FaultBook>,
    pub log: Mutex<RequestLog>,
}

/// Locks a mutex, carrying on with the data if a handler panicked while holding it: the sim
/// must keep answering so the test that caused the panic reports it.
pub fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Sim {
    pub fn new(config: SimConfig, data: DataSet) -> Self {
        Sim {
            world: Mutex::new(build_world(data, Self::now())),
            config: Mutex::new(config),
            limiter: Mutex::new(RateLimiter::default()),
            faults: Mutex::new(FaultBook::default()),
            log: Mutex::new(RequestLog::default()),
        }
    }

    pub fn now() -> DateTime<Utc> {
        Utc::now()
    }

    pub fn config(&self) -> SimConfig {
        lock(&self.config).clone()
    }

    /// Fresh data, no tokens, no faults, no log; the config is kept.
    pub fn reset(&self, data: DataSet) {
        *lock(&self.world) = build_world(data, Self::now());
        lock(&self.limiter).reset();
        lock(&self.faults).clear();
        lock(&self.log).clear();
    }
}

fn build_world(data: DataSet, now: DateTime<Utc>) -> World {
    let mut world = World::empty();
    crate::demo::seed(&mut world, now);
    if data == DataSet::Empty {
        world.visitors.clear();
    }
    world
}
