//! Front Desk's local SQLite database: settings now; the operation queue and visitor cache
//! build on it. WAL with `synchronous=FULL`, so anything acknowledged to a person survives a
//! crash and a power cut, not only a crash.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;

pub mod announced;
pub mod queue;
pub mod queue_reads;
pub mod recovery;
pub mod retention;
pub mod settings;
pub mod visitors;

pub const DATABASE_FILE: &str = "frontdesk.sqlite3";

/// What the desk reads and deletes all day, by name: the very statements the code runs, for a
/// test to check that each uses an index whatever the history's size.
pub fn all_day_queries() -> Vec<(&'static str, String)> {
    vec![
        ("overlay", queue_reads::overlay_query()),
        (
            "check-in history",
            queue_reads::CHECKED_IN_QUERY.to_string(),
        ),
        ("today's list", visitors::cached_query(true)),
        ("host's list", visitors::cached_query(false)),
        ("purge visitors", retention::PURGE_VISITORS.to_string()),
        ("purge operations", retention::PURGE_OPERATIONS.to_string()),
        (
            "purge announcements",
            retention::PURGE_ANNOUNCEMENTS.to_string(),
        ),
    ]
}

/// How every table stores an instant: UTC, fixed width, so text order is time order.
pub(crate) fn stamp(at: chrono::DateTime<chrono::Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("Front Desk's local data could not be opened at {path}: {cause}")]
    Open { path: String, cause: String },
    #[error("Front Desk's local data could not be updated: {0}")]
    Database(#[from] sqlx::Error),
    #[error("Front Desk's local data could not be prepared: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("A saved setting could not be read: {0}")]
    Setting(#[from] serde_json::Error),
    #[error("Front Desk's data folder could not be locked: {0}")]
    Lock(#[from] std::io::Error),
}

/// How long a commit waits for the disk. The app always uses `Full`; `Normal` (survives a
/// crash, not a power cut) exists so the benchmarks can show what durability costs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Durability {
    Full,
    Normal,
}

#[derive(Clone)]
pub struct Store {
    pool: SqlitePool,
    /// The data folder, shared with any other process that opens it (its lock files live here).
    dir: PathBuf,
    /// The organisation's policy, read once at open: every read of a setting goes through the
    /// store, and the policy decides what some of them are.
    policy: std::sync::Arc<crate::policy::PolicyState>,
}

impl Store {
    /// The organisation's policy this store's settings follow.
    pub fn policy(&self) -> &crate::policy::PolicyState {
        &self.policy
    }

    /// The same store under another policy (a test's, or one read again).
    pub fn with_policy(mut self, policy: crate::policy::PolicyState) -> Store {
        self.policy = std::sync::Arc::new(policy);
        self
    }

    /// Opens (creating if needed) the database in `dir` and brings its schema up to date, with
    /// full durability: an acknowledged change survives power loss.
    pub async fn open(dir: &Path) -> Result<Self, StoreError> {
        Self::open_with(dir, Durability::Full).await
    }

    pub async fn open_with(dir: &Path, durability: Durability) -> Result<Self, StoreError> {
        std::fs::create_dir_all(dir).map_err(|e| StoreError::Open {
            path: dir.display().to_string(),
            cause: e.to_string(),
        })?;
        let path = dir.join(DATABASE_FILE);
        let options = SqliteConnectOptions::from_str(&format!("sqlite://{}", path.display()))
            .map_err(|e| StoreError::Open {
                path: path.display().to_string(),
                cause: e.to_string(),
            })?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(match durability {
                Durability::Full => SqliteSynchronous::Full,
                Durability::Normal => SqliteSynchronous::Normal,
            })
            .foreign_keys(true)
            // Deleted personal data is overwritten, not left in free pages.
            .pragma("secure_delete", "ON")
            .busy_timeout(Duration::from_secs(5));
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await?;
        sqlx::migrate!("./migrations").run(&pool).await?;
        Ok(Store {
            policy: std::sync::Arc::new(crate::policy::PolicyState::load(
                &crate::policy::system_path(),
            )),
            pool,
            dir: dir.to_path_buf(),
        })
    }

    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// SQLite's own check of every table and index: "ok", or what it found.
    pub async fn integrity_check(&self) -> Result<String, StoreError> {
        Ok(sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_one(&self.pool)
            .await?)
    }
}

impl crate::l10n::Localize for StoreError {
    fn localize(&self, words: &crate::l10n::Messages) -> String {
        use crate::l10n::Arg;
        let with_detail =
            |id: &str, detail: String| words.text(id, &[("detail", Arg::from(&detail))]);
        match self {
            StoreError::Open { path, cause } => words.text(
                "error-store-open",
                &[("path", Arg::from(path)), ("detail", Arg::from(cause))],
            ),
            StoreError::Database(error) => with_detail("error-store-database", error.to_string()),
            StoreError::Migration(error) => with_detail("error-store-migration", error.to_string()),
            StoreError::Setting(error) => with_detail("error-store-setting", error.to_string()),
            StoreError::Lock(error) => with_detail("error-store-lock", error.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> std::path::PathBuf {
        let dir =
            std::env::temp_dir().join(format!("frontdesk-store-{name}-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        dir
    }

    #[tokio::test]
    async fn settings_survive_reopening_and_the_journal_is_durable() {
        let dir = temp_dir("settings");
        let store = Store::open(&dir).await.expect("open");
        store.set_setting("mode", &"reception").await.expect("set");
        store.set_setting("mode", &"host").await.expect("overwrite");
        drop(store);
        let reopened = Store::open(&dir).await.expect("reopen");
        assert_eq!(
            reopened.setting::<String>("mode").await.expect("get"),
            Some("host".into())
        );
        assert_eq!(
            reopened.setting::<String>("missing").await.expect("get"),
            None
        );
        let (mode,): (String,) = sqlx::query_as("PRAGMA journal_mode")
            .fetch_one(reopened.pool())
            .await
            .expect("pragma");
        assert_eq!(mode, "wal");
        let (sync,): (i64,) = sqlx::query_as("PRAGMA synchronous")
            .fetch_one(reopened.pool())
            .await
            .expect("pragma");
        assert_eq!(sync, 2, "synchronous=FULL");
        reopened.remove_setting("mode").await.expect("remove");
        assert_eq!(reopened.setting::<String>("mode").await.expect("get"), None);
        let _ = std::fs::remove_dir_all(dir);
    }
}
