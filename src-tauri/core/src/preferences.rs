//! What a person chose in Settings, kept in SQLite beside the queue (no secrets here).

use serde::{Deserialize, Serialize};

use crate::nexudus::FieldProblem;
use crate::policy::{Key, PolicyState, LOCKED_MESSAGE};
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
    /// What is in effect: what was saved (or, on a desk that never saved any, the policy's
    /// defaults), with the policy's locked settings over it.
    pub async fn load(store: &Store) -> Result<Self, StoreError> {
        let policy = store.policy();
        let saved: Option<Preferences> = store.setting(SETTING).await?;
        let base = saved.unwrap_or_else(|| Preferences::default().with_policy(policy, false));
        Ok(base.with_policy(policy, true))
    }

    /// These settings with the policy's values: every one it sets, or only the locked ones.
    fn with_policy(mut self, state: &PolicyState, only_locked: bool) -> Self {
        let policy = &state.policy;
        let applies = |key: Key| !only_locked || state.is_locked(key);
        if let Some(value) = policy.kiosk.filter(|_| applies(Key::Kiosk)) {
            self.kiosk = value;
        }
        if let Some(value) = policy.notifications.filter(|_| applies(Key::Notifications)) {
            self.notifications = value;
        }
        if let Some(value) = policy
            .retention_days
            .filter(|_| applies(Key::RetentionDays))
        {
            self.retention_days = value;
        }
        self
    }

    /// The locked settings `changed` differs from what is in effect in, as field problems.
    pub fn locked_changes(&self, changed: &Preferences, state: &PolicyState) -> Vec<FieldProblem> {
        [
            (Key::Kiosk, "kiosk", self.kiosk != changed.kiosk),
            (
                Key::Notifications,
                "notifications",
                self.notifications != changed.notifications,
            ),
            (
                Key::RetentionDays,
                "retentionDays",
                self.retention_days != changed.retention_days,
            ),
        ]
        .into_iter()
        .filter(|(key, _, differs)| *differs && state.is_locked(*key))
        .map(|(_, field, _)| FieldProblem {
            field: field.into(),
            message: LOCKED_MESSAGE.into(),
        })
        .collect()
    }

    pub async fn save(&self, store: &Store) -> Result<(), StoreError> {
        store.set_setting(SETTING, self).await
    }

    /// The problem with these settings, in the forms' wording, if any.
    pub fn problem(&self) -> Option<crate::nexudus::FieldProblem> {
        (!(1..=RETENTION_MAX).contains(&self.retention_days)).then(|| FieldProblem {
            field: "retentionDays".into(),
            message: format!("must be between 1 and {RETENTION_MAX} days"),
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
