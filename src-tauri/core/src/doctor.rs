//! `frontdesk doctor`: what a desk needs to work, each checked for real, each with a result an
//! IT person can act on.

use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::l10n::{desk_words, Arg, Localize};
use crate::secrets::{AccountKey, SecretStore};
use crate::store::Store;

/// Clocks further apart than this break token expiry and "today" (one minute is generous).
pub const MAX_CLOCK_SKEW: Duration = Duration::from_secs(60);

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Check {
    pub name: &'static str,
    pub passed: bool,
    pub detail: String,
}

/// A detail in the desk's language.
fn said(id: &str, args: &[(&str, Arg<'_>)]) -> String {
    desk_words().text(id, args)
}

impl Check {
    fn pass(name: &'static str, detail: impl Into<String>) -> Self {
        Check {
            name,
            passed: true,
            detail: detail.into(),
        }
    }

    fn fail(name: &'static str, detail: impl Into<String>) -> Self {
        Check {
            name,
            passed: false,
            detail: detail.into(),
        }
    }
}

/// The OS keyring answers (an entry that does not exist reads as "none", not an error).
pub fn keyring(secrets: &dyn SecretStore, server: &url::Url) -> Check {
    let probe = AccountKey::new(server, "doctor-probe@frontdesk.invalid");
    match secrets.load(&probe) {
        Ok(_) => Check::pass("keyring", said("doctor-keyring-answers", &[])),
        Err(error) => Check::fail("keyring", error.localize(&desk_words())),
    }
}

/// A desktop notification service is running (arrival alerts need it).
pub fn notifications() -> Check {
    match crate::arrivals::notify::service_name() {
        Ok(name) => Check::pass(
            "notifications",
            said(
                "doctor-notifications-served",
                &[("service", Arg::from(&name))],
            ),
        ),
        Err(error) => Check::fail(
            "notifications",
            said(
                "doctor-notifications-none",
                &[("detail", Arg::from(&error.to_string()))],
            ),
        ),
    }
}

/// Nexudus answers over HTTP(S), and its clock agrees with ours.
pub async fn server_and_clock(server: &url::Url) -> Vec<Check> {
    let http = match reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
    {
        Ok(http) => http,
        Err(error) => return vec![Check::fail("server", error.to_string())],
    };
    let sent = Utc::now();
    let answer = match http.get(server.clone()).send().await {
        Ok(answer) => answer,
        Err(error) => {
            let (address, detail) = (server.to_string(), error.to_string());
            return vec![
                Check::fail(
                    "server",
                    said(
                        "doctor-server-unreachable",
                        &[
                            ("server", Arg::from(&address)),
                            ("detail", Arg::from(&detail)),
                        ],
                    ),
                ),
                Check::fail("clock", said("doctor-clock-not-checked", &[])),
            ];
        }
    };
    let received = Utc::now();
    // The numbers as text: a locale's grouping has no place in a status code.
    let (address, status, took) = (
        server.to_string(),
        answer.status().as_u16().to_string(),
        (received - sent).num_milliseconds().to_string(),
    );
    let server_check = Check::pass(
        "server",
        said(
            "doctor-server-answered",
            &[
                ("server", Arg::from(&address)),
                ("status", Arg::from(&status)),
                ("ms", Arg::from(&took)),
            ],
        ),
    );
    let date = answer
        .headers()
        .get(reqwest::header::DATE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| DateTime::parse_from_rfc2822(v).ok())
        .map(|d| d.with_timezone(&Utc));
    let clock = match date {
        Some(theirs) => clock_check(theirs, sent, received),
        None => Check::fail("clock", said("doctor-clock-no-date", &[])),
    };
    vec![server_check, clock]
}

/// The server's clock (whole seconds) against the middle of our request.
pub fn clock_check(theirs: DateTime<Utc>, sent: DateTime<Utc>, received: DateTime<Utc>) -> Check {
    let ours = sent + (received - sent) / 2;
    let skew = (ours - theirs).num_milliseconds().abs();
    // The Date header has one-second resolution.
    let allowed = MAX_CLOCK_SKEW.as_millis() as i64 + 1_000;
    let seconds = format!("{:.1}", skew as f64 / 1000.0);
    let seconds = Arg::from(&seconds);
    if skew <= allowed {
        Check::pass("clock", said("doctor-clock-skew", &[("seconds", seconds)]))
    } else {
        Check::fail(
            "clock",
            said("doctor-clock-skew-too-far", &[("seconds", seconds)]),
        )
    }
}

/// SQLite's own integrity check of the queue and cache.
pub async fn database(store: &Store) -> Check {
    match store.integrity_check().await {
        Ok(text) if text == "ok" => Check::pass("database", said("doctor-database-ok", &[])),
        Ok(text) => Check::fail(
            "database",
            said("doctor-database-damaged", &[("detail", Arg::from(&text))]),
        ),
        Err(error) => Check::fail("database", error.localize(&desk_words())),
    }
}

/// The organisation's policy file: none, read (with what it fixes), or what is wrong with it.
pub fn policy(state: &crate::policy::PolicyState) -> Check {
    let path = state.path.display();
    if let Some(problem) = &state.problem {
        return Check::fail(
            "policy",
            said("doctor-policy-broken", &[("problem", Arg::from(problem))]),
        );
    }
    let path = path.to_string();
    if !state.present {
        return Check::pass(
            "policy",
            said("doctor-policy-none", &[("path", Arg::from(&path))]),
        );
    }
    let names = |keys: Vec<crate::policy::Key>| -> Vec<String> {
        keys.iter()
            .filter_map(|k| serde_json::to_value(k).ok())
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect()
    };
    let locked = names(state.locked()).join(", ");
    let mut detail = if locked.is_empty() {
        said("doctor-policy-defaults", &[("path", Arg::from(&path))])
    } else {
        said(
            "doctor-policy-locks",
            &[("path", Arg::from(&path)), ("keys", Arg::from(&locked))],
        )
    };
    // A language this version does not ship is not a broken file (an older desk's policy
    // must keep its locks): it is passed over, and said.
    if let Some(problem) = state
        .policy
        .language
        .as_deref()
        .and_then(crate::l10n::language_problem)
    {
        detail.push_str(&said(
            "doctor-policy-language-passed-over",
            &[("problem", Arg::from(&problem))],
        ));
    }
    Check::pass("policy", detail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_skew_beyond_a_minute_fails() {
        let now = Utc::now();
        let later = now + chrono::Duration::milliseconds(200);
        assert!(clock_check(now, now, later).passed);
        assert!(clock_check(now - chrono::Duration::seconds(30), now, later).passed);
        let off = clock_check(now - chrono::Duration::minutes(5), now, later);
        assert!(!off.passed);
        assert!(off.detail.contains("300."), "{}", off.detail);
    }
}
