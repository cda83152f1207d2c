//! Where Front Desk keeps its files, for the app and the command line alike (they must agree:
//! `frontdesk sync --once` drains the queue the window filled). The folders match Tauri's
//! `app_data_dir` and `app_log_dir` for the app's identifier; environment variables override
//! them for tests and portable installs.

use std::path::PathBuf;

/// `FRONTDESK_DATA_DIR`, else the OS's data folder for the app (Linux:
/// `~/.local/share/app.frontdesk.reception`).
pub fn data_dir() -> Result<PathBuf, String> {
    if let Some(dir) = std::env::var_os("FRONTDESK_DATA_DIR") {
        return Ok(PathBuf::from(dir));
    }
    dirs::data_dir()
        .map(|dir| dir.join(crate::IDENTIFIER))
        .ok_or_else(|| "no folder for Front Desk's data: set FRONTDESK_DATA_DIR".to_string())
}

/// `FRONTDESK_LOG_DIR`, else the OS's log folder for the app (Linux:
/// `~/.local/share/app.frontdesk.reception/logs`).
pub fn log_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("FRONTDESK_LOG_DIR") {
        return Some(PathBuf::from(dir));
    }
    #[cfg(target_os = "macos")]
    {
        dirs::home_dir().map(|home| home.join("Library/Logs").join(crate::IDENTIFIER))
    }
    #[cfg(not(target_os = "macos"))]
    {
        dirs::data_local_dir().map(|dir| dir.join(crate::IDENTIFIER).join("logs"))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_folders_are_named_by_the_apps_identifier() {
        let config: serde_json::Value =
            serde_json::from_str(include_str!("../../tauri.conf.json")).expect("tauri.conf.json");
        assert_eq!(config["identifier"], crate::IDENTIFIER);
    }
}
