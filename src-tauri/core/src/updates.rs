//! When, and from where, a desk updates itself. Downloading, checking the signature and
//! installing are Tauri's updater's, in the shell; the rules a desk follows are here, where
//! they are tested without a window.

use std::time::Duration;

use serde::Serialize;

use crate::policy::Policy;

/// Where a desk looks when IT names no feed; `{channel}` is the policy's channel.
pub const DEFAULT_FEED: &str = "https://updates.frontdesk.app/{channel}/latest.json";
pub const DEFAULT_CHANNEL: &str = "stable";
/// How often a desk that stays open looks again.
pub const CHECK_EVERY: Duration = Duration::from_secs(24 * 60 * 60);
/// A desk nobody has used for this long may restart on its own to update.
pub const IDLE_BEFORE_INSTALL: Duration = Duration::from_secs(10 * 60);
/// How often a downloaded update looks for its moment to install.
pub const INSTALL_LOOK_EVERY: Duration = Duration::from_secs(30);

/// What the policy makes of updates on this desk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UpdatePlan {
    /// IT switched updates off (`updates = false`).
    pub enabled: bool,
    pub channel: String,
    /// The feed's address, its channel filled in.
    pub feed: url::Url,
}

impl UpdatePlan {
    /// The plan from IT's policy, or what is wrong with its feed or channel.
    pub fn from_policy(policy: &Policy) -> Result<UpdatePlan, String> {
        let channel = policy
            .update_channel
            .clone()
            .unwrap_or_else(|| DEFAULT_CHANNEL.to_string());
        if let Some(problem) = channel_problem(&channel) {
            return Err(problem);
        }
        let template = policy.update_feed.as_deref().unwrap_or(DEFAULT_FEED);
        let feed = feed_url(&template.replace("{channel}", &channel))
            .map_err(|problem| format!("update_feed {problem}"))?;
        Ok(UpdatePlan {
            enabled: policy.updates.unwrap_or(true),
            channel,
            feed,
        })
    }
}

/// A channel names a folder of the feed: letters, digits and dashes only.
pub fn channel_problem(channel: &str) -> Option<String> {
    let fine = !channel.is_empty()
        && channel.len() <= 40
        && channel
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    (!fine).then(|| {
        format!(
            "update_channel {channel:?} must be letters, digits, dashes and underscores (as \"stable\")"
        )
    })
}

/// An address updates come from (the feed, its packages): https, or http on this computer
/// only (a test feed, a local mirror).
pub fn feed_url(text: &str) -> Result<url::Url, String> {
    let url = url::Url::parse(text).map_err(|e| format!("{text:?}: {e}"))?;
    let loopback = url
        .host_str()
        .is_some_and(crate::nexudus::endpoints::is_loopback);
    if url.scheme() == "https" || (url.scheme() == "http" && loopback) {
        Ok(url)
    } else {
        Err(format!(
            "{text:?} must be an https:// address (http only on this computer)"
        ))
    }
}

/// The public key of the signing key kept in the repository for tests (`keys/`). A release
/// built with it would accept updates anyone can sign: such a build does not update.
pub const TEST_ONLY_PUBKEY: &str = include_str!("../../../keys/update-test-only.key.pub");

/// Whether `pubkey` (as the app's config holds it) is the test-only key.
pub fn is_test_only_key(pubkey: &str) -> bool {
    pubkey.trim() == TEST_ONLY_PUBKEY.trim()
}

/// Whether a downloaded update may restart the desk now, with nobody asking: only when nobody
/// is using it and nothing waits to be sent. (A person can always ask with "Restart to update";
/// waiting changes are kept on disk either way.)
pub fn may_install_unasked(idle: Duration, waiting_changes: usize) -> bool {
    idle >= IDLE_BEFORE_INSTALL && waiting_changes == 0
}

/// What the window shows of updates.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(tag = "state", rename_all = "camelCase")]
pub enum UpdateStatus {
    /// Not looked yet.
    #[default]
    NotChecked,
    /// No looking: IT switched updates off, the policy cannot be used, or this build has no
    /// feed or no real key. `reason` says which, for Settings.
    Off {
        reason: String,
    },
    Checking,
    UpToDate {
        current: String,
    },
    #[serde(rename_all = "camelCase")]
    Downloading {
        version: String,
        received: u64,
        total: Option<u64>,
    },
    /// Downloaded and its signature checked; waits for a quiet moment or a person's click.
    #[serde(rename_all = "camelCase")]
    Ready {
        version: String,
        waiting_changes: usize,
    },
    Installing {
        version: String,
    },
    /// The look, the download or the install failed; the desk stays on its version.
    /// `retry`: the downloaded update is still at hand, and "Restart to update" tries again.
    Failed {
        version: Option<String>,
        message: String,
        retry: bool,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(text: &str) -> Policy {
        crate::policy::parse(text).expect("policy")
    }

    #[test]
    fn without_a_policy_a_desk_follows_the_stable_channel_over_https() {
        let plan = UpdatePlan::from_policy(&Policy::default()).expect("plan");
        assert!(plan.enabled);
        assert_eq!(plan.channel, "stable");
        assert_eq!(
            plan.feed.as_str(),
            "https://updates.frontdesk.app/stable/latest.json"
        );
    }

    #[test]
    fn it_names_the_feed_and_channel_and_can_switch_updates_off() {
        let plan = UpdatePlan::from_policy(&policy(
            "update_feed = \"https://mirror.example.org/fd/{channel}.json\"\nupdate_channel = \"beta\"\nupdates = false",
        ))
        .expect("plan");
        assert!(!plan.enabled);
        assert_eq!(
            plan.feed.as_str(),
            "https://mirror.example.org/fd/beta.json"
        );
    }

    #[test]
    fn a_feed_is_https_or_on_this_computer() {
        assert!(feed_url("http://127.0.0.1:8123/latest.json").is_ok());
        assert!(feed_url("http://localhost/latest.json").is_ok());
        let problem = feed_url("http://updates.example.org/latest.json").expect_err("http");
        assert!(problem.contains("must be an https:// address"), "{problem}");
        assert!(feed_url("not a url").is_err());
    }

    #[test]
    fn a_channel_cannot_walk_out_of_the_feed() {
        assert!(channel_problem("stable").is_none());
        assert!(channel_problem("beta-2").is_none());
        assert!(channel_problem("../admin").is_some());
        assert!(channel_problem("").is_some());
    }

    #[test]
    fn the_test_key_is_recognised_whatever_its_spacing() {
        assert!(is_test_only_key(&format!("  {TEST_ONLY_PUBKEY}\n")));
        assert!(!is_test_only_key("dW50cnVzdGVkIGNvbW1lbnQ6IG90aGVy"));
    }

    #[test]
    fn it_installs_unasked_only_when_idle_and_nothing_waits() {
        let idle = IDLE_BEFORE_INSTALL;
        let busy = Duration::from_secs(5);
        assert!(may_install_unasked(idle, 0));
        assert!(!may_install_unasked(idle, 1));
        assert!(!may_install_unasked(busy, 0));
    }

    #[test]
    fn the_window_reads_the_status_by_its_state() {
        let ready = serde_json::to_value(UpdateStatus::Ready {
            version: "0.1.1".into(),
            waiting_changes: 2,
        })
        .expect("json");
        assert_eq!(
            ready,
            serde_json::json!({"state": "ready", "version": "0.1.1", "waitingChanges": 2})
        );
    }
}
