//! What a person chose in Settings, kept in SQLite beside the queue (no secrets here).

use serde::{Deserialize, Serialize};

use crate::store::{Store, StoreError};

const SETTING: &str = "preferences";

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Preferences {
    /// Desktop notifications for arrivals. When off, arrivals still show in the window.
    pub notifications: bool,
    /// Full screen with no window controls, for a desk PC used by visitors too.
    pub kiosk: bool,
    pub start_at_login: bool,
    /// Days visitor details are kept on this computer (1 to 365): past days' visitors and
    /// finished changes older than this are deleted, at start and daily.
    pub retention_days: u32,
}

pub const RETENTION_DEFAULT: u32 = 30;
pub const RETENTION_MAX: u32 = 365;

impl Default for Preferences {
    fn default() -> Self {
        Preferences {
            notifications: true,
            kiosk: false,
            start_at_login: false,
            retention_days: RETENTION_DEFAULT,
        }
    }
}

impl Preferences {
    pub async fn load(store: &Store) -> Result<Self, StoreError> {
        Ok(store.setting(SETTING).await?.unwrap_or_default())
    }

    pub async fn save(&self, store: &Store) -> Result<(), StoreError> {
        store.set_setting(SETTING, self).await
    }

    /// The problem with these settings, in the forms' wording, if any.
    pub fn problem(&self) -> Option<crate::nexudus::FieldProblem> {
        (!(1..=RETENTION_MAX).contains(&self.retention_days)).then(|| {
            crate::nexudus::FieldProblem {
                field: "retentionDays".into(),
                message: format!("must be between 1 and {RETENTION_MAX} days"),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn older_or_partial_settings_fill_in_the_defaults() {
        let partial: Preferences = serde_json::from_str(r#"{"kiosk":true}"#).expect("parse");
        assert_eq!(
            partial,
            Preferences {
                notifications: true,
                kiosk: true,
                start_at_login: false,
                retention_days: RETENTION_DEFAULT,
            }
        );
    }
}
