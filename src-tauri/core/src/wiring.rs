//! The one place the core's parts are put together: data folder → store → accounts → sync
//! engine → use cases → arrival watcher. The app, the CLI, the tests and the benchmarks all
//! start here, so a new part is wired once.

use std::path::Path;
use std::sync::Arc;

use crate::account::{
    timeout_from_env, AccountError, Accounts, Mode, SessionStatus, SignInRequest,
};
use crate::arrivals::{Notifier, Watcher};
use crate::desk::{Desk, DeskError};
use crate::nexudus::endpoints::OVERRIDE_ENV;
use crate::queue::Operation;
use crate::secrets::SecretStore;
use crate::store::recovery::StartupProblem;
use crate::store::{Store, StoreError};
use crate::sync::SyncEngine;

/// Everything a running desk holds.
#[derive(Clone)]
pub struct Core {
    pub store: Store,
    pub accounts: Arc<Accounts>,
    pub engine: Arc<SyncEngine>,
    pub desk: Arc<Desk>,
    pub watcher: Arc<Watcher>,
}

impl Core {
    /// Opens the data folder as the app and the CLI do: the folder and database are checked
    /// (a problem is named, for the recovery screen), the server may be overridden by
    /// `FRONTDESK_NEXUDUS_URL` and the request timeout by its variable, and the last session
    /// is restored when it can be (offline, it is kept for later).
    pub async fn open(
        data_dir: &Path,
        secrets: Arc<dyn SecretStore>,
        notifier: Arc<dyn Notifier>,
    ) -> Result<Core, StartupProblem> {
        let store = Store::open_checked(data_dir).await?;
        let accounts = Arc::new(
            Accounts::new(store.clone(), secrets, std::env::var(OVERRIDE_ENV).ok())
                .with_timeout(timeout_from_env()),
        );
        if let Err(error) = accounts.restore().await {
            tracing::warn!(%error, "the last session could not be restored");
        }
        // The CLI's and the window's messages, and alerts, in the desk's language.
        let language = crate::l10n::in_effect(&store).await.unwrap_or_default();
        let core = Core::assemble(store, accounts, notifier);
        core.watcher
            .set_words(crate::l10n::set_desk_language(language));
        Ok(core)
    }

    /// The desk's own language choice (`None`: the policy's and the OS's), in effect at once
    /// for errors, the CLI and alerts; the window reloads its own words.
    pub async fn set_language(
        &self,
        choice: Option<&str>,
    ) -> Result<crate::l10n::Language, crate::l10n::ChoiceError> {
        let language = crate::l10n::save_choice(&self.store, choice).await?;
        self.watcher
            .set_words(crate::l10n::set_desk_language(language));
        Ok(language)
    }

    /// Builds the engine, the use cases and the watcher over a store and accounts made by the
    /// caller (tests and benchmarks choose their own pacing and timeouts).
    pub fn assemble(store: Store, accounts: Arc<Accounts>, notifier: Arc<dyn Notifier>) -> Core {
        let engine = SyncEngine::new(store.clone(), accounts.clone());
        let desk = Arc::new(Desk::new(store.clone(), accounts.clone(), engine.clone()));
        let watcher = Watcher::new(store.clone(), accounts.clone(), notifier);
        Core {
            store,
            accounts,
            engine,
            desk,
            watcher,
        }
    }

    // What a person does that the background tasks must hear of at once: each wakes the
    // engine or the watcher itself, so no caller can forget to.

    /// Signs in; a paused queue resumes and arrivals are watched for the new account.
    pub async fn sign_in(&self, request: SignInRequest) -> Result<SessionStatus, AccountError> {
        let status = self.accounts.sign_in(request).await?;
        self.desk.forget_today();
        self.engine.wake();
        self.watcher.wake();
        Ok(status)
    }

    /// Switches between reception and host; the watcher looks at what the new mode needs.
    pub async fn set_mode(&self, mode: Mode) -> Result<SessionStatus, AccountError> {
        let status = self.accounts.set_mode(mode).await?;
        self.watcher.wake();
        Ok(status)
    }

    /// Chooses reception's location; arrivals there are looked for at once.
    pub async fn set_location(&self, business: i64) -> Result<(), DeskError> {
        self.desk.set_location(business).await?;
        self.watcher.wake();
        Ok(())
    }

    /// Sends a change that needed a person again, now.
    pub async fn retry(&self, id: &str) -> Result<bool, StoreError> {
        let retried = self.store.retry_operation(id).await?;
        self.engine.wake();
        Ok(retried)
    }

    /// A person's correction of a refused change, sent now.
    pub async fn correct(&self, id: &str, edited: &Operation) -> Result<bool, DeskError> {
        let corrected = crate::corrections::correct(&self.store, id, edited).await?;
        self.engine.wake();
        Ok(corrected)
    }

    /// Drops a change; later ones on the same visitor may go now.
    pub async fn discard(&self, id: &str) -> Result<bool, StoreError> {
        let discarded = self.store.discard_operation(id).await?;
        self.engine.wake();
        Ok(discarded)
    }

    /// "Sync now": the engine stops waiting and tries what is due.
    pub fn sync_now(&self) {
        self.engine.wake();
    }
}
