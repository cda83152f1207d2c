//! Locks shared by every process that opens one data folder (the app, `frontdesk sync --once`
//! from cron, a second desk window started by mistake). An OS file lock is released by the
//! kernel when its process dies, even by SIGKILL, so a crashed holder never blocks the others
//! and "the holder is gone" is exactly "the lock is free".

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Held by the one process delivering the queue of a data folder.
pub const DRAIN_LOCK: &str = "drain.lock";

/// A held lock; dropping it releases the lock.
#[derive(Debug)]
pub struct FolderLock {
    _file: File,
    path: PathBuf,
}

impl FolderLock {
    /// Takes the lock if it is free now; `Ok(None)` when another holder has it.
    pub fn try_take(path: &Path) -> std::io::Result<Option<FolderLock>> {
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(path)?;
        match file.try_lock() {
            Ok(()) => Ok(Some(FolderLock {
                _file: file,
                path: path.to_path_buf(),
            })),
            Err(TryLockError::WouldBlock) => Ok(None),
            Err(TryLockError::Error(error)) => Err(error),
        }
    }

    /// Waits up to `patience` for the lock, checking often; `Ok(None)` when it stayed taken.
    pub async fn take_within(path: &Path, patience: Duration) -> std::io::Result<Option<Self>> {
        let deadline = Instant::now() + patience;
        loop {
            if let Some(lock) = Self::try_take(path)? {
                return Ok(Some(lock));
            }
            if Instant::now() >= deadline {
                return Ok(None);
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn one_holder_at_a_time_and_dropping_releases() {
        let dir = std::env::temp_dir().join(format!("frontdesk-lock-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).expect("dir");
        let path = dir.join(DRAIN_LOCK);
        let first = FolderLock::try_take(&path).expect("io").expect("free");
        assert!(FolderLock::try_take(&path).expect("io").is_none());
        assert!(FolderLock::take_within(&path, Duration::from_millis(120))
            .await
            .expect("io")
            .is_none());
        drop(first);
        assert!(FolderLock::try_take(&path).expect("io").is_some());
        let _ = std::fs::remove_dir_all(dir);
    }
}
