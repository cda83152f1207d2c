//! Settings an IT department fixes once for every desk: a TOML file the desk's users cannot
//! change (`/etc/frontdesk/policy.toml` on Linux), with defaults and locks.
//!
//! A key in the file is the default a desk starts with; a key also listed in `locked` is the
//! value, whatever was saved, and the window and the CLI refuse to change it. A file that
//! cannot be read or understood applies nothing and is reported (window banner, `frontdesk
//! doctor`), never silently ignored.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::badge::LabelSize;

/// Names another policy file, in debug (test) builds only.
pub const PATH_ENV: &str = "FRONTDESK_POLICY";

/// Where the operating system keeps the file: writable by administrators only.
pub fn system_path() -> PathBuf {
    // Only test builds take another file: a release desk's user must not lift IT's locks by
    // setting a variable.
    if cfg!(debug_assertions) {
        if let Some(path) = std::env::var_os(PATH_ENV) {
            return PathBuf::from(path);
        }
    }
    if cfg!(windows) {
        let data = std::env::var_os("ProgramData").unwrap_or_else(|| "C:\\ProgramData".into());
        PathBuf::from(data).join("Front Desk").join("policy.toml")
    } else if cfg!(target_os = "macos") {
        PathBuf::from("/Library/Application Support/Front Desk/policy.toml")
    } else {
        PathBuf::from("/etc/frontdesk/policy.toml")
    }
}

/// A setting the policy can set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Key {
    Server,
    Space,
    Location,
    Kiosk,
    Notifications,
    RetentionDays,
    BadgePrinter,
    LabelSize,
    PrintBadgeAtCheckIn,
    Language,
    UpdateChannel,
    UpdateFeed,
    Updates,
}

/// The file as written. Unknown keys are an error: a misspelt lock must not pass as none.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    pub server: Option<String>,
    pub space: Option<String>,
    pub location: Option<i64>,
    pub kiosk: Option<bool>,
    pub notifications: Option<bool>,
    pub retention_days: Option<u32>,
    pub badge_printer: Option<String>,
    pub label_size: Option<LabelSize>,
    pub print_badge_at_check_in: Option<bool>,
    pub language: Option<String>,
    pub update_channel: Option<String>,
    /// The update feed's address; `{channel}` in it is replaced by the channel.
    pub update_feed: Option<String>,
    pub updates: Option<bool>,
    #[serde(default)]
    pub locked: Vec<Key>,
}

impl Policy {
    fn has(&self, key: Key) -> bool {
        match key {
            Key::Server => self.server.is_some(),
            Key::Space => self.space.is_some(),
            Key::Location => self.location.is_some(),
            Key::Kiosk => self.kiosk.is_some(),
            Key::Notifications => self.notifications.is_some(),
            Key::RetentionDays => self.retention_days.is_some(),
            Key::BadgePrinter => self.badge_printer.is_some(),
            Key::LabelSize => self.label_size.is_some(),
            Key::PrintBadgeAtCheckIn => self.print_badge_at_check_in.is_some(),
            Key::Language => self.language.is_some(),
            Key::UpdateChannel => self.update_channel.is_some(),
            Key::UpdateFeed => self.update_feed.is_some(),
            Key::Updates => self.updates.is_some(),
        }
    }
}

/// `text` as a policy, or what is wrong with it, in words for an IT person.
pub fn parse(text: &str) -> Result<Policy, String> {
    // One line, as doctor prints it: "line 2: unknown variant `kioks`, expected ...".
    let policy: Policy = toml::from_str(text).map_err(|error| {
        let message = error.message().replace('\n', " ");
        match error.span() {
            Some(span) => {
                let before = &text.as_bytes()[..span.start.min(text.len())];
                let line = before.iter().filter(|b| **b == b'\n').count() + 1;
                format!("line {line}: {message}")
            }
            None => message,
        }
    })?;
    if let Some(days) = policy.retention_days {
        if !(1..=crate::preferences::RETENTION_MAX).contains(&days) {
            return Err(format!(
                "retention_days must be between 1 and {}, not {days}",
                crate::preferences::RETENTION_MAX
            ));
        }
    }
    if let Some(server) = &policy.server {
        let url = url::Url::parse(server).map_err(|e| format!("server {server:?}: {e}"))?;
        let loopback = matches!(url.host_str(), Some("localhost" | "127.0.0.1" | "[::1]"));
        if url.scheme() != "https" && !(url.scheme() == "http" && loopback) {
            return Err(format!("server {server:?} must be an https:// address"));
        }
    }
    // The same reading the updater makes: a channel or feed it would refuse is the file's problem.
    crate::updates::UpdatePlan::from_policy(&policy)?;
    if let Some(printer) = &policy.badge_printer {
        if let Some(problem) = crate::badge::name_problem(printer) {
            return Err(format!("badge_printer {printer:?} {problem}"));
        }
    }
    if let Some(id) = policy.location.filter(|id| *id <= 0) {
        return Err(format!("location must be a Nexudus location id, not {id}"));
    }
    if let Some(key) = policy.locked.iter().find(|key| !policy.has(**key)) {
        let name = serde_json::to_value(key).ok();
        let name = name.as_ref().and_then(|v| v.as_str()).unwrap_or("?");
        return Err(format!("{name} is locked but has no value in the file"));
    }
    Ok(policy)
}

/// The policy in effect, where it came from, and what went wrong reading it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PolicyState {
    pub path: PathBuf,
    /// Whether there is a file at all.
    pub present: bool,
    pub policy: Policy,
    /// A file that could not be read or understood: nothing of it applies.
    pub problem: Option<String>,
}

impl PolicyState {
    /// Reads the file at `path`; no file is no policy.
    pub fn load(path: &Path) -> PolicyState {
        let mut state = PolicyState {
            path: path.to_path_buf(),
            ..PolicyState::default()
        };
        match std::fs::read_to_string(path) {
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
            Err(error) => {
                state.present = true;
                state.problem = Some(format!("{} could not be read: {error}", path.display()));
            }
            Ok(text) => {
                state.present = true;
                match parse(&text) {
                    Ok(policy) => state.policy = policy,
                    Err(problem) => state.problem = Some(format!("{}: {problem}", path.display())),
                }
            }
        }
        state
    }

    /// A policy from text, for tests and trials.
    pub fn from_text(text: &str) -> PolicyState {
        match parse(text) {
            Ok(policy) => PolicyState {
                present: true,
                policy,
                ..PolicyState::default()
            },
            Err(problem) => PolicyState {
                present: true,
                problem: Some(problem),
                ..PolicyState::default()
            },
        }
    }

    pub fn is_locked(&self, key: Key) -> bool {
        self.policy.locked.contains(&key)
    }

    pub fn locked(&self) -> Vec<Key> {
        self.policy.locked.clone()
    }
}

/// What the window is told: which settings are fixed, and a problem to show.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PolicySummary {
    pub locked: Vec<Key>,
    pub problem: Option<String>,
    pub server: Option<String>,
    pub space: Option<String>,
}

impl From<&PolicyState> for PolicySummary {
    fn from(state: &PolicyState) -> Self {
        PolicySummary {
            locked: state.locked(),
            problem: state.problem.clone(),
            server: state.policy.server.clone(),
            space: state.policy.space.clone(),
        }
    }
}

/// The message for a change to a locked setting.
pub const LOCKED_MESSAGE: &str = "is set by your organisation";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_policy_reads_with_its_locks() {
        let policy = parse(
            r#"
            server = "https://spaces.nexudus.com"
            space = "myspace.spaces.nexudus.com"
            location = 1001
            kiosk = true
            notifications = false
            retention_days = 14
            badge_printer = "Brother_QL"
            label_size = "dymo89x36"
            print_badge_at_check_in = true
            language = "es"
            update_channel = "stable"
            updates = true
            locked = ["kiosk", "retention_days"]
            "#,
        )
        .expect("reads");
        assert_eq!(policy.retention_days, Some(14));
        assert_eq!(policy.label_size, Some(LabelSize::Dymo89x36));
        assert_eq!(policy.locked, vec![Key::Kiosk, Key::RetentionDays]);
        assert_eq!(policy.language.as_deref(), Some("es"));
    }

    #[test]
    fn a_bad_policy_says_what_is_wrong() {
        for (text, said) in [
            ("retention_days = 0", "between 1 and 365"),
            ("retention_dayz = 3", "unknown field"),
            ("kiosk = \"yes\"", "invalid type"),
            ("locked = [\"kiosk\"]", "kiosk is locked but has no value"),
            ("locked = [\"kioks\"]", "unknown variant"),
            ("server = \"http://nexudus.example\"", "https://"),
            ("badge_printer = \"-hevil\"", "cannot start with -"),
            ("kiosk = true\nkiosk = false", "line 2: duplicate key"),
            ("[kiosk", "expected"),
            ("# Café\nkiosk = \"ñ\"", "line 2: invalid type"),
        ] {
            let problem = parse(text).expect_err(text);
            assert!(problem.contains(said), "{text}: {problem}");
            assert!(!problem.contains('\n'), "one line: {problem}");
        }
    }

    #[test]
    fn no_file_is_no_policy_and_an_unreadable_one_is_a_problem() {
        let dir = std::env::temp_dir().join(format!("frontdesk-policy-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let missing = PolicyState::load(&dir.join("none.toml"));
        assert!(!missing.present && missing.problem.is_none());
        let bad = dir.join("bad.toml");
        std::fs::write(&bad, "kiosk = maybe").expect("write");
        let state = PolicyState::load(&bad);
        assert!(state.present);
        assert_eq!(state.policy, Policy::default(), "nothing of it applies");
        assert!(state
            .problem
            .as_deref()
            .is_some_and(|p| p.contains("bad.toml")));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
