//! The settings table: small JSON values by key. The keys other modules share are named here,
//! so a purge and the code that writes a key cannot drift apart.

use serde::de::DeserializeOwned;
use serde::Serialize;

use super::{Store, StoreError};

/// The location this desk stands at (today's list and arrival alerts follow it).
pub const LOCATION: &str = "reception_location";
/// Hosts found by earlier searches, so the walk-in form still finds them offline.
pub const KNOWN_HOSTS: &str = "known_hosts";

/// The locations last read for an account (the desk must open without the network).
pub fn locations_key(account: &str) -> String {
    format!("locations:{account}")
}

impl Store {
    pub async fn setting<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>, StoreError> {
        let row: Option<(String,)> = sqlx::query_as("SELECT value FROM settings WHERE key = ?")
            .bind(key)
            .fetch_optional(self.pool())
            .await?;
        row.map(|(text,)| serde_json::from_str(&text))
            .transpose()
            .map_err(StoreError::from)
    }

    pub async fn set_setting<T: Serialize>(&self, key: &str, value: &T) -> Result<(), StoreError> {
        let text = serde_json::to_string(value)?;
        sqlx::query("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
            .bind(key)
            .bind(text)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    pub async fn remove_setting(&self, key: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM settings WHERE key = ?")
            .bind(key)
            .execute(self.pool())
            .await?;
        Ok(())
    }
}
