//! A desk that starts whatever its disk holds: each way the data folder can be unusable is
//! named, and "move it aside and start fresh" keeps the old file, saves its waiting changes
//! when it can still read them, and leaves a folder that opens.

use std::path::{Path, PathBuf};

use frontdesk_core::queue::{Operation, Target};
use frontdesk_core::store::recovery::{move_aside, ProblemKind};
use frontdesk_core::store::{Store, DATABASE_FILE};

fn fresh_dir(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!(
        "frontdesk-recovery-{name}-{}",
        uuid::Uuid::new_v4()
    ))
}

async fn a_store_with_one_waiting_change(dir: &Path) {
    let store = Store::open(dir).await.expect("store");
    store
        .enqueue(
            "reception@frontdesk.test on test",
            &Operation::CheckIn {
                target: Target::Server(42),
                at: chrono::Utc::now(),
                location: None,
            },
        )
        .await
        .expect("queued");
    store.pool().close().await;
}

async fn starts_fresh_after_moving_aside(
    dir: &Path,
    kind: ProblemKind,
) -> frontdesk_core::store::recovery::MovedAside {
    let problem = match Store::open_checked(dir).await {
        Err(problem) => problem,
        Ok(_) => panic!("{kind:?}: the store opened"),
    };
    assert_eq!(problem.kind, kind, "{problem:?}");
    assert!(!problem.message.is_empty() && !problem.path.is_empty());
    let moved = move_aside(dir, &problem).await.expect("moved aside");
    assert!(
        Path::new(&moved.kept_at).exists(),
        "the old one is kept: {moved:?}"
    );
    let store = Store::open_checked(dir).await.expect("a fresh start opens");
    assert_eq!(
        store.open_operations(None).await.expect("queue").len(),
        0,
        "and is empty"
    );
    moved
}

#[tokio::test]
async fn garbage_in_the_database_file() {
    let dir = fresh_dir("garbage");
    std::fs::create_dir_all(&dir).expect("dir");
    std::fs::write(
        dir.join(DATABASE_FILE),
        "this is not a database, it is a shopping list\n".repeat(100),
    )
    .expect("garbage");
    let moved = starts_fresh_after_moving_aside(&dir, ProblemKind::NotADatabase).await;
    assert_eq!(moved.exported, 0, "nothing readable to save");
    let kept = std::fs::read_to_string(&moved.kept_at).expect("kept");
    assert!(kept.starts_with("this is not a database"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn a_database_from_a_newer_version_keeps_its_waiting_changes() {
    let dir = fresh_dir("newer");
    a_store_with_one_waiting_change(&dir).await;
    // What a newer Front Desk leaves behind: a migration this version does not have.
    let store = Store::open(&dir).await.expect("store");
    sqlx::query(
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time)
         VALUES (9999, 'from the future', 1, x'00', 0)",
    )
    .execute(store.pool())
    .await
    .expect("a future migration");
    store.pool().close().await;

    let moved = starts_fresh_after_moving_aside(&dir, ProblemKind::NewerVersion).await;
    assert_eq!(moved.exported, 1, "the waiting check-in is saved");
    let saved: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(moved.exported_to.as_deref().expect("exported")).expect("read"),
    )
    .expect("json");
    assert_eq!(saved[0]["kind"], "check_in");
    assert_eq!(saved[0]["operation"]["target"]["server"], 42);
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn a_data_folder_that_is_a_file() {
    let parent = fresh_dir("file");
    std::fs::create_dir_all(&parent).expect("parent");
    let dir = parent.join("data");
    std::fs::write(&dir, "not a folder").expect("file in the folder's place");
    let moved = starts_fresh_after_moving_aside(&dir, ProblemKind::FolderUnusable).await;
    assert_eq!(
        std::fs::read_to_string(&moved.kept_at).expect("kept"),
        "not a folder"
    );
    assert!(dir.is_dir());
    let _ = std::fs::remove_dir_all(&parent);
}

/// Set in the unprivileged child that plays the read-only case (see below).
const CHILD: &str = "FRONTDESK_READ_ONLY_CHILD";

/// A read-only database opens, and then every check-in would fail: the start-up check names
/// it. Root ignores permission bits, and the tests run as root: then the case is played by this
/// same test in a child process without privileges (`setpriv`), on a database file it owns and
/// may not write; failing that, by an immutable file (`chattr +i`).
#[tokio::test]
async fn a_read_only_database() {
    if std::env::var_os(CHILD).is_some() || !is_root() {
        return read_only_here().await;
    }
    let child = std::process::Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(std::env::current_exe().expect("this test binary"))
        .args([
            "--exact",
            "recovery::a_read_only_database",
            "--test-threads=1",
        ])
        .env(CHILD, "1")
        .env("HOME", std::env::temp_dir())
        .output();
    match child {
        Ok(output) if output.status.success() => {
            let text = String::from_utf8_lossy(&output.stdout);
            assert!(text.contains("1 passed"), "the child ran the case: {text}");
        }
        Ok(output) if !String::from_utf8_lossy(&output.stdout).contains("running") => {
            eprintln!(
                "no unprivileged child here ({}); an immutable file instead",
                output.status
            );
            read_only_by_immutable_file().await;
        }
        Ok(output) => panic!(
            "the read-only case failed in the child:\n{}\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ),
        Err(error) => {
            eprintln!("no setpriv here ({error}); an immutable file instead");
            read_only_by_immutable_file().await;
        }
    }
}

/// Without privileges: the file's own permission bits make it read-only.
async fn read_only_here() {
    let dir = fresh_dir("readonly");
    a_store_with_one_waiting_change(&dir).await;
    let database = dir.join(DATABASE_FILE);
    let mut permissions = std::fs::metadata(&database).expect("meta").permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&database, permissions).expect("read-only");
    let result = Store::open_checked(&dir).await;
    let _ = std::fs::remove_dir_all(&dir);
    match result {
        Err(problem) => assert_eq!(problem.kind, ProblemKind::ReadOnly, "{problem:?}"),
        Ok(_) => panic!("a read-only database passed the start-up check"),
    }
}

async fn read_only_by_immutable_file() {
    let dir = fresh_dir("immutable");
    a_store_with_one_waiting_change(&dir).await;
    let database = dir.join(DATABASE_FILE);
    let immutable = std::process::Command::new("chattr")
        .arg("+i")
        .arg(&database)
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    assert!(
        immutable,
        "neither an unprivileged child nor chattr works here"
    );
    let result = Store::open_checked(&dir).await;
    let _ = std::process::Command::new("chattr")
        .arg("-i")
        .arg(&database)
        .status();
    let _ = std::fs::remove_dir_all(&dir);
    match result {
        Err(problem) => assert_eq!(problem.kind, ProblemKind::ReadOnly, "{problem:?}"),
        Ok(_) => panic!("a read-only database passed the start-up check"),
    }
}

fn is_root() -> bool {
    std::process::Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

/// A database another process holds (an upgrade, `frontdesk sync` from cron) is "busy", not
/// damaged: the screen offers "Try again", and moving it aside is refused.
#[tokio::test]
async fn a_busy_database_is_not_offered_for_moving_aside() {
    let dir = fresh_dir("busy");
    a_store_with_one_waiting_change(&dir).await;
    let holder = Store::open(&dir).await.expect("another process's store");
    let mut held = holder.pool().acquire().await.expect("connection");
    sqlx::query("BEGIN EXCLUSIVE")
        .execute(&mut *held)
        .await
        .expect("lock");
    let problem = match Store::open_checked(&dir).await {
        Err(problem) => problem,
        Ok(_) => panic!("opened while another process held the database"),
    };
    assert_eq!(problem.kind, ProblemKind::Busy, "{problem:?}");
    assert!(!problem.can_move_aside);
    assert!(move_aside(&dir, &problem).await.is_err());
    sqlx::query("ROLLBACK")
        .execute(&mut *held)
        .await
        .expect("unlock");
    drop(held);
    holder.pool().close().await;
    assert!(
        dir.join(DATABASE_FILE).exists(),
        "the database stayed where it was"
    );
    Store::open_checked(&dir)
        .await
        .expect("and opens once free");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Not while another process on this computer sends this folder's queue.
#[tokio::test]
async fn moving_aside_waits_for_the_folder_to_be_free() {
    let dir = fresh_dir("held");
    std::fs::create_dir_all(&dir).expect("dir");
    std::fs::write(dir.join(DATABASE_FILE), "garbage\n".repeat(200)).expect("garbage");
    let problem = match Store::open_checked(&dir).await {
        Err(problem) => problem,
        Ok(_) => panic!("garbage opened"),
    };
    let lease =
        frontdesk_core::lock::FolderLock::try_take(&dir.join(frontdesk_core::lock::DRAIN_LOCK))
            .expect("lock")
            .expect("free");
    let refused = move_aside(&dir, &problem).await;
    assert!(refused.is_err(), "{refused:?}");
    assert!(dir.join(DATABASE_FILE).exists());
    drop(lease);
    move_aside(&dir, &problem).await.expect("moved once free");
    let _ = std::fs::remove_dir_all(&dir);
}
