//! The start-up outcome: the desk opened, or why it could not (the window then shows the
//! recovery screen instead of the app dying with "Failed to setup app" and no window).

use std::sync::Mutex;

use frontdesk_core::store::recovery::StartupProblem;

#[derive(Default)]
pub struct Startup {
    problem: Mutex<Option<StartupProblem>>,
}

impl Startup {
    pub fn failed(problem: StartupProblem) -> Self {
        Startup {
            problem: Mutex::new(Some(problem)),
        }
    }

    /// What stops the desk from opening, if anything.
    pub fn problem(&self) -> Option<StartupProblem> {
        self.problem.lock().ok().and_then(|p| p.clone())
    }

    pub fn set(&self, problem: Option<StartupProblem>) {
        if let Ok(mut slot) = self.problem.lock() {
            *slot = problem;
        }
    }
}
