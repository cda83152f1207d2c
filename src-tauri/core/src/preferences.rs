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
}

impl Default for Preferences {
    fn default() -> Self {
        Preferences {
            notifications: true,
            kiosk: false,
            start_at_login: false,
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
                start_at_login: false
            }
        );
    }
}
