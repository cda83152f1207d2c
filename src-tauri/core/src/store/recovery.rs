//! A desk that starts whatever its disk holds. Opening the data folder can fail in a few ways
//! IT will meet: a folder that is a file, a database that is not one (or is damaged), one made
//! by a newer Front Desk (a downgrade), one the desk may only read. Each is named here, for the
//! recovery screen and `frontdesk doctor`, and "move it aside and start fresh" keeps the old
//! file beside the new one after saving its waiting changes where it still can.

use std::path::{Path, PathBuf};

use chrono::{SecondsFormat, Utc};
use serde::Serialize;
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Row};

use super::{Store, StoreError, DATABASE_FILE};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProblemKind {
    /// The data folder cannot be created or used (a file in its place, no permission).
    FolderUnusable,
    /// The file is not a database, or a damaged one.
    NotADatabase,
    /// A newer (or different) Front Desk changed the database: this version does not know it.
    NewerVersion,
    /// The database can be read but not written.
    ReadOnly,
    /// Another process holds the database (an upgrade or `frontdesk sync` from cron at the
    /// same moment): nothing is wrong with the file, trying again is the cure.
    Busy,
    /// Anything else the database said.
    Other,
}

impl ProblemKind {
    /// Whether "move it aside and start fresh" fits. Not for a busy or unexplained failure: a
    /// healthy database must never be one click away from being set aside.
    pub fn can_move_aside(self) -> bool {
        matches!(
            self,
            ProblemKind::FolderUnusable
                | ProblemKind::NotADatabase
                | ProblemKind::NewerVersion
                | ProblemKind::ReadOnly
        )
    }
}

/// Why the desk could not open its data, for a person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StartupProblem {
    pub kind: ProblemKind,
    /// The file or folder concerned.
    pub path: String,
    /// What happened, in a sentence.
    pub message: String,
    /// What the database or the system said.
    pub detail: String,
    /// See [`ProblemKind::can_move_aside`]; otherwise the screen offers "Try again".
    pub can_move_aside: bool,
}

/// What "move it aside" did.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MovedAside {
    /// Where the old file or folder is now.
    pub kept_at: String,
    /// The waiting changes read from it, as JSON, when it could still be read.
    pub exported_to: Option<String>,
    pub exported: usize,
    /// The old database's settings (kiosk mode, the desk's location, the last sign-in), when it
    /// could still be read: the fresh one starts with them, so a kiosk stays a kiosk.
    #[serde(skip)]
    pub settings: Vec<(String, String)>,
}

fn sqlite_code(error: &sqlx::Error) -> Option<String> {
    match error {
        sqlx::Error::Database(db) => db.code().map(|c| c.into_owned()),
        _ => None,
    }
}

/// Names a failure to open or prepare the database in `dir`.
pub fn classify(dir: &Path, error: &StoreError) -> StartupProblem {
    let database = dir.join(DATABASE_FILE).display().to_string();
    let detail = error.to_string();
    let (kind, path, message) = match error {
        StoreError::Open { path, .. } => (
            ProblemKind::FolderUnusable,
            path.clone(),
            "recovery-problem-folder-unusable",
        ),
        StoreError::Migration(sqlx::migrate::MigrateError::VersionMissing(_))
        | StoreError::Migration(sqlx::migrate::MigrateError::VersionMismatch(_)) => (
            ProblemKind::NewerVersion,
            database,
            "recovery-problem-newer-version",
        ),
        StoreError::Database(inner)
        | StoreError::Migration(sqlx::migrate::MigrateError::Execute(inner)) => {
            match sqlite_code(inner).as_deref() {
                // SQLITE_NOTADB, SQLITE_CORRUPT
                Some("26") | Some("11") => (
                    ProblemKind::NotADatabase,
                    database,
                    "recovery-problem-not-a-database",
                ),
                // SQLITE_READONLY and its extended codes
                Some(code) if code == "8" || code.parse::<i32>().is_ok_and(|c| c & 0xff == 8) => (
                    ProblemKind::ReadOnly,
                    database,
                    "recovery-problem-read-only",
                ),
                // SQLITE_BUSY, SQLITE_LOCKED and their extended codes
                Some(code) if code.parse::<i32>().is_ok_and(|c| matches!(c & 0xff, 5 | 6)) => {
                    (ProblemKind::Busy, database, "recovery-problem-busy")
                }
                // SQLITE_CANTOPEN
                Some("14") => (
                    ProblemKind::FolderUnusable,
                    dir.display().to_string(),
                    "recovery-problem-cannot-open",
                ),
                _ => (ProblemKind::Other, database, "recovery-problem-other"),
            }
        }
        _ => (ProblemKind::Other, database, "recovery-problem-other"),
    };
    StartupProblem {
        kind,
        path,
        message: crate::l10n::desk_words().text(message, &[]),
        detail,
        can_move_aside: kind.can_move_aside(),
    }
}

impl Store {
    /// Opens the store as the app and the CLI start: what [`Store::open`] does, and a write to
    /// prove the database takes them (a read-only file opens, then fails every check-in).
    pub async fn open_checked(dir: &Path) -> Result<Store, StartupProblem> {
        let store = Store::open(dir).await.map_err(|e| classify(dir, &e))?;
        let probe = sqlx::query(
            "INSERT INTO settings (key, value) VALUES ('last_started_at', ?1)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        )
        .bind(serde_json::Value::from(Utc::now().to_rfc3339()).to_string())
        .execute(store.pool())
        .await;
        match probe {
            Ok(_) => Ok(store),
            Err(error) => {
                store.pool().close().await;
                Err(classify(dir, &StoreError::Database(error)))
            }
        }
    }
}

async fn read_only(database: &Path) -> Option<sqlx::SqliteConnection> {
    SqliteConnectOptions::new()
        .filename(database)
        .read_only(true)
        .connect()
        .await
        .ok()
}

/// The settings of a database that cannot be used any more, if they can be read.
async fn old_settings(database: &Path) -> Vec<(String, String)> {
    let Some(mut connection) = read_only(database).await else {
        return Vec::new();
    };
    sqlx::query_as("SELECT key, value FROM settings")
        .fetch_all(&mut connection)
        .await
        .unwrap_or_default()
}

impl Store {
    /// Takes in the settings read from a database that was set aside (see [`MovedAside`]).
    pub async fn adopt_settings(&self, settings: &[(String, String)]) -> Result<(), StoreError> {
        for (key, value) in settings {
            sqlx::query(
                "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            )
            .bind(key)
            .bind(value)
            .execute(self.pool())
            .await?;
        }
        Ok(())
    }
}

/// Reads the waiting changes of a database that cannot be used any more, if it can be read.
async fn waiting_changes(database: &Path) -> Option<Vec<serde_json::Value>> {
    let mut connection = read_only(database).await?;
    let rows = sqlx::query(
        "SELECT id, account, kind, payload, state, created_at, last_error FROM operations
         WHERE state NOT IN ('done', 'discarded') ORDER BY seq",
    )
    .fetch_all(&mut connection)
    .await
    .ok()?;
    Some(
        rows.iter()
            .map(|row| {
                let text = |name: &str| row.try_get::<Option<String>, _>(name).ok().flatten();
                let payload = text("payload")
                    .and_then(|p| serde_json::from_str::<serde_json::Value>(&p).ok())
                    .unwrap_or(serde_json::Value::Null);
                serde_json::json!({
                    "id": text("id"), "account": text("account"), "kind": text("kind"),
                    "state": text("state"), "createdAt": text("created_at"),
                    "lastError": text("last_error")
                        .map(|noted| crate::l10n::MessageKey::shown(&noted, crate::l10n::english())),
                    "operation": payload,
                })
            })
            .collect(),
    )
}

fn aside(path: &Path, stamp: &str) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "frontdesk".into());
    path.with_file_name(format!("{name}.unusable-{stamp}"))
}

/// "Move it aside and start fresh": the old database (with its journal) or the thing in the
/// folder's place is renamed beside it, its waiting changes first saved to a JSON file when it
/// can still be read. The next open starts an empty database.
pub async fn move_aside(dir: &Path, problem: &StartupProblem) -> std::io::Result<MovedAside> {
    let stamp = Utc::now()
        .to_rfc3339_opts(SecondsFormat::Secs, true)
        .replace(':', "-");
    if problem.kind == ProblemKind::FolderUnusable && !dir.is_dir() {
        let kept = aside(dir, &stamp);
        std::fs::rename(dir, &kept)?;
        std::fs::create_dir_all(dir)?;
        return Ok(MovedAside {
            kept_at: kept.display().to_string(),
            ..MovedAside::default()
        });
    }
    if !problem.kind.can_move_aside() {
        return Err(std::io::Error::other(
            "nothing is wrong with the file itself: try again instead",
        ));
    }
    // Not while another process on this computer works on it (its journal would follow the
    // renamed file's name into the new database).
    let Some(_lease) = crate::lock::FolderLock::try_take(&dir.join(crate::lock::DRAIN_LOCK))?
    else {
        return Err(std::io::Error::other(
            "another Front Desk process is using the data: close it (or let `frontdesk sync` finish) and try again",
        ));
    };
    let database = dir.join(DATABASE_FILE);
    let mut moved = MovedAside {
        settings: old_settings(&database).await,
        ..MovedAside::default()
    };
    if let Some(changes) = waiting_changes(&database).await.filter(|c| !c.is_empty()) {
        let file = dir.join(format!("waiting-changes-{stamp}.json"));
        let text = serde_json::to_string_pretty(&changes).map_err(std::io::Error::other)?;
        std::fs::write(&file, text)?;
        moved.exported = changes.len();
        moved.exported_to = Some(file.display().to_string());
    }
    let kept = aside(&database, &stamp);
    std::fs::rename(&database, &kept)?;
    for journal in ["-wal", "-shm"] {
        let from = dir.join(format!("{DATABASE_FILE}{journal}"));
        if from.exists() {
            let to = kept.with_file_name(format!(
                "{}{journal}",
                kept.file_name()
                    .map(|n| n.to_string_lossy())
                    .unwrap_or_default()
            ));
            std::fs::rename(&from, to)?;
        }
    }
    moved.kept_at = kept.display().to_string();
    Ok(moved)
}
