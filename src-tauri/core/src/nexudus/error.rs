//! Typed outcomes of a Nexudus call, and the pure rules that turn an HTTP answer into one.
//! The sync engine decides on these: retry (`Throttled`, `Transient`, `Offline`), look before
//! resending (`Uncertain`), ask a person (`Validation`, `Rejected`), or pause (`SignInRequired`).

use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::models::ActionConfirmation;

/// One field's problem, as the server phrased it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldProblem {
    pub field: String,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ApiError {
    /// 400: the server refused the data; `fields` is empty for a plain-text answer.
    #[error("Nexudus did not accept this: {message}")]
    Validation {
        message: String,
        fields: Vec<FieldProblem>,
    },
    /// A 200 whose body says it failed (`WasSuccessful:false`, or a body `Status` ≥ 400).
    #[error("Nexudus could not complete this: {message}")]
    Rejected {
        message: String,
        fields: Vec<FieldProblem>,
    },
    /// The sign-in is over (refresh refused): sign in again; nothing queued is lost.
    #[error(
        "Your Nexudus sign-in has expired. Sign in again to continue; nothing you entered is lost."
    )]
    SignInRequired,
    /// Still 401 after a fresh token, or 403: the account lacks a role.
    #[error("This Nexudus account is not allowed to do this. Ask an administrator for the Visitor roles (Visitor-List, -Read, -Create, -Edit).")]
    Forbidden,
    /// 409 or 429 throttling; `wait` is the server's hint when it gave one.
    #[error("Nexudus asked us to slow down.")]
    Throttled { wait: Option<Duration> },
    /// The request never reached Nexudus (no connection): safe to send again.
    #[error("Nexudus cannot be reached. Check the network; the change is kept and sent later.")]
    Offline { detail: String },
    /// 5xx, or a read that failed in flight: try again later.
    #[error("Nexudus had a temporary problem{}. It will be tried again.", status.map(|s| format!(" ({s})")).unwrap_or_default())]
    Transient { status: Option<u16>, detail: String },
    /// A write was sent but no answer came back: it may or may not have been applied.
    #[error("No answer came back from Nexudus; the change may have been applied. It is checked before anything is resent.")]
    Uncertain { detail: String },
    /// 404 (or 410): the record does not exist (any more).
    #[error("That record no longer exists in Nexudus.")]
    NotFound,
    /// Any other refusal that retrying will not fix.
    #[error("Nexudus refused this ({status}): {message}")]
    Permanent { status: u16, message: String },
    /// Sign-in: wrong email or password, unknown at this location, or suspended.
    #[error("{0}")]
    InvalidCredentials(String),
    /// Sign-in: the account has two-factor authentication; ask for the code.
    #[error("Enter the code from your authenticator app.")]
    TwoFactorRequired,
    /// Sign-in: Nexudus wants a new password first.
    #[error("Nexudus asks you to reset your password. Reset it in the Nexudus portal, then sign in here.")]
    MustResetPassword,
    /// An answer we could not read.
    #[error("Nexudus sent an answer Front Desk could not read: {detail}")]
    Protocol { detail: String },
    /// TLS failed (an unknown or expired certificate, a proxy that intercepts HTTPS): nothing
    /// was sent. Not "offline": the network works, but this is not safely Nexudus.
    #[error("The connection to Nexudus is not trusted (its certificate was refused). Nothing was sent; changes are kept. Ask IT to check the network's proxy or the server address.")]
    Untrusted { detail: String },
}

/// The longest a server's "wait" hint is honoured: a bigger one (10 years, 1e20 s) is a broken
/// answer, and must not stall the queue for years or overflow the date arithmetic.
pub const LONGEST_WAIT: Duration = Duration::from_secs(3600);

fn seconds_to_wait(seconds: f64) -> Option<Duration> {
    (seconds.is_finite() && seconds >= 0.0)
        .then(|| Duration::from_secs_f64(seconds.min(LONGEST_WAIT.as_secs_f64())))
}

impl ApiError {
    /// Whether the same request may simply be sent again later.
    pub fn is_retryable(&self) -> bool {
        matches!(
            self,
            ApiError::Throttled { .. }
                | ApiError::Offline { .. }
                | ApiError::Transient { .. }
                | ApiError::Untrusted { .. }
        )
    }
}

/// The parts of an HTTP answer the rules look at.
pub struct Answer<'a> {
    pub status: u16,
    pub retry_after: Option<&'a str>,
    pub body: &'a [u8],
}

/// Reads a `Retry-After` header: delay-seconds (whole or fractional) or an HTTP date.
pub fn parse_retry_after(value: &str, now: chrono::DateTime<chrono::Utc>) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<f64>() {
        return seconds_to_wait(seconds);
    }
    let at = chrono::DateTime::parse_from_rfc2822(value).ok()?;
    Some(
        (at.with_timezone(&chrono::Utc) - now)
            .to_std()
            .unwrap_or(Duration::ZERO)
            .min(LONGEST_WAIT),
    )
}

/// Finds the "Wait N seconds" hint some throttled answers carry in their body.
pub fn parse_wait_message(body: &str) -> Option<Duration> {
    let start = body.find("Wait ")? + "Wait ".len();
    let rest = &body[start..];
    let end = rest.find(|c: char| !(c.is_ascii_digit() || c == '.'))?;
    if !rest[end..].trim_start().starts_with("second") {
        return None;
    }
    let seconds: f64 = rest[..end].parse().ok()?;
    seconds_to_wait(seconds)
}

fn text_of(body: &[u8]) -> String {
    String::from_utf8_lossy(body).trim().to_string()
}

fn problems(confirmation: &ActionConfirmation) -> Vec<FieldProblem> {
    confirmation
        .errors
        .iter()
        .map(|e| FieldProblem {
            field: e.property_name.clone().unwrap_or_default(),
            message: e.message.clone().unwrap_or_default(),
        })
        .collect()
}

/// A short summary for a person when the server's message is empty.
fn summary(message: Option<&str>, fields: &[FieldProblem], fallback: &str) -> String {
    match message.map(str::trim).filter(|m| !m.is_empty()) {
        Some(message) => message.to_string(),
        None if !fields.is_empty() => fields
            .iter()
            .map(|f| format!("{}: {}", f.field, f.message))
            .collect::<Vec<_>>()
            .join("; "),
        None => fallback.to_string(),
    }
}

/// Classifies a complete HTTP answer. `Ok(())` means a real success; a 401 is reported as
/// `Forbidden` here because the caller refreshes and retries before asking.
pub fn classify(answer: &Answer<'_>, now: chrono::DateTime<chrono::Utc>) -> Result<(), ApiError> {
    let status = answer.status;
    let text = text_of(answer.body);
    match status {
        200..=299 => {
            // A 200 can still be a failure: check the envelope when there is one.
            let Ok(confirmation) = serde_json::from_slice::<ActionConfirmation>(answer.body) else {
                return Ok(());
            };
            let failed_status = confirmation.status.is_some_and(|s| s >= 400);
            if confirmation.was_successful == Some(false) || failed_status {
                let fields = problems(&confirmation);
                let message = summary(
                    confirmation.message.as_deref(),
                    &fields,
                    "the server reported a failure",
                );
                return Err(ApiError::Rejected { message, fields });
            }
            Ok(())
        }
        409 | 429 => {
            let header_wait = answer.retry_after.and_then(|v| parse_retry_after(v, now));
            let body_wait = parse_wait_message(&text);
            let legacy_reason = text.contains("You must wait");
            if header_wait.is_some()
                || body_wait.is_some()
                || legacy_reason
                || status == 429
                || text.is_empty()
            {
                Err(ApiError::Throttled {
                    wait: header_wait.or(body_wait),
                })
            } else {
                // A 409 with a body and no throttle hint may be a real conflict.
                Err(ApiError::Permanent {
                    status,
                    message: text,
                })
            }
        }
        400 => match serde_json::from_slice::<ActionConfirmation>(answer.body) {
            Ok(envelope) if !envelope.errors.is_empty() || envelope.message.is_some() => {
                let fields = problems(&envelope);
                let message = summary(envelope.message.as_deref(), &fields, "invalid data");
                Err(ApiError::Validation { message, fields })
            }
            _ => Err(ApiError::Validation {
                message: if text.is_empty() {
                    "invalid data".into()
                } else {
                    text
                },
                fields: Vec::new(),
            }),
        },
        // Redirects are never followed (a write must not be re-sent somewhere else, and a
        // token must not leave for another host): any 3xx is an error.
        300..=399 => Err(ApiError::Permanent {
            status,
            message: "the server answered with a redirect; check the server address in Settings"
                .into(),
        }),
        401 | 403 => Err(ApiError::Forbidden),
        404 | 410 => Err(ApiError::NotFound),
        500..=599 => Err(ApiError::Transient {
            status: Some(status),
            detail: summary(
                serde_json::from_slice::<ActionConfirmation>(answer.body)
                    .ok()
                    .and_then(|e| e.message)
                    .as_deref(),
                &[],
                &text,
            ),
        }),
        _ => Err(ApiError::Permanent {
            status,
            message: if text.is_empty() {
                format!("HTTP {status}")
            } else {
                text
            },
        }),
    }
}

impl crate::l10n::Localize for ApiError {
    fn localize(&self, words: &crate::l10n::Messages) -> String {
        self.message_key().text(words)
    }
}

impl ApiError {
    /// What to say of this error, as a message id and its values (kept by the sync engine,
    /// worded when shown).
    pub fn message_key(&self) -> crate::l10n::MessageKey {
        use crate::l10n::MessageKey;
        let key = MessageKey::new;
        match self {
            ApiError::Validation { message, .. } => {
                key("error-validation").with("message", message.as_str())
            }
            ApiError::Rejected { message, .. } => {
                key("error-rejected").with("message", message.as_str())
            }
            ApiError::SignInRequired => key("error-sign-in-required"),
            ApiError::Forbidden => key("error-forbidden"),
            ApiError::Throttled { .. } => key("error-throttled"),
            ApiError::Offline { .. } => key("error-offline"),
            ApiError::Transient {
                status: Some(status),
                ..
            } => key("error-transient-status").with("status", i64::from(*status)),
            ApiError::Transient { status: None, .. } => key("error-transient"),
            ApiError::Uncertain { .. } => key("error-uncertain"),
            ApiError::NotFound => key("error-not-found"),
            ApiError::Permanent { status, message } => key("error-permanent")
                .with("status", i64::from(*status))
                .with("message", message.as_str()),
            // Nexudus's own reason when it gave one; ours otherwise.
            ApiError::InvalidCredentials(reason) if reason != DEFAULT_CREDENTIALS_REFUSAL => {
                key("error-as-said").with("text", reason.as_str())
            }
            ApiError::InvalidCredentials(_) => key("error-invalid-credentials"),
            ApiError::TwoFactorRequired => key("error-two-factor-required"),
            ApiError::MustResetPassword => key("error-must-reset-password"),
            ApiError::Protocol { detail } => key("error-protocol").with("detail", detail.as_str()),
            ApiError::Untrusted { .. } => key("error-untrusted"),
        }
    }
}

/// What a refused sign-in says when Nexudus gives no reason.
pub const DEFAULT_CREDENTIALS_REFUSAL: &str = "The email or password is incorrect.";

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;

    fn answer(status: u16, retry_after: Option<&str>, body: &str) -> Result<(), ApiError> {
        classify(
            &Answer {
                status,
                retry_after,
                body: body.as_bytes(),
            },
            Utc::now(),
        )
    }

    #[test]
    fn throttling_in_both_variants_reads_the_wait_from_header_then_body() {
        assert_eq!(
            answer(429, Some("3"), "Wait 9 seconds"),
            Err(ApiError::Throttled {
                wait: Some(Duration::from_secs(3))
            })
        );
        assert_eq!(
            answer(
                409,
                None,
                "You have exceeded the number of requests. Wait 1.5 seconds before trying again."
            ),
            Err(ApiError::Throttled {
                wait: Some(Duration::from_millis(1500))
            })
        );
        assert_eq!(
            answer(409, None, ""),
            Err(ApiError::Throttled { wait: None })
        );
        assert_eq!(
            answer(429, None, "slow down"),
            Err(ApiError::Throttled { wait: None })
        );
        assert_eq!(
            answer(409, None, "You must wait before accessing this url again."),
            Err(ApiError::Throttled { wait: None })
        );
        assert!(matches!(
            answer(409, None, "{\"Message\":\"Duplicate\"}"),
            Err(ApiError::Permanent { status: 409, .. })
        ));
    }

    #[test]
    fn a_200_that_failed_is_a_failure() {
        assert!(answer(200, None, "").is_ok());
        assert!(answer(200, None, r#"{"WasSuccessful": true, "Value": {"Id": 1}}"#).is_ok());
        assert!(answer(200, None, r#"{"Records": []}"#).is_ok());
        assert_eq!(
            answer(
                200,
                None,
                r#"{"WasSuccessful": false, "Message": "Visitor could not be saved."}"#
            ),
            Err(ApiError::Rejected {
                message: "Visitor could not be saved.".into(),
                fields: vec![]
            })
        );
        assert!(matches!(
            answer(
                200,
                None,
                r#"{"Status": 500, "Message": "Business rule", "Errors": []}"#
            ),
            Err(ApiError::Rejected { .. })
        ));
    }

    #[test]
    fn validation_reads_the_envelope_or_plain_text() {
        let envelope = r#"{"Message":"FullName: is a required field","Value":null,
            "Errors":[{"AttemptedValue":null,"Message":"is a required field","PropertyName":"FullName"}],
            "WasSuccessful":false}"#;
        assert_eq!(
            answer(400, None, envelope),
            Err(ApiError::Validation {
                message: "FullName: is a required field".into(),
                fields: vec![FieldProblem {
                    field: "FullName".into(),
                    message: "is a required field".into()
                }]
            })
        );
        assert_eq!(
            answer(400, None, "Invalid Email Address"),
            Err(ApiError::Validation {
                message: "Invalid Email Address".into(),
                fields: vec![]
            })
        );
    }

    #[test]
    fn other_statuses_map_to_their_class() {
        assert!(matches!(
            answer(500, None, "Ooops!"),
            Err(ApiError::Transient {
                status: Some(500),
                ..
            })
        ));
        assert!(matches!(
            answer(503, None, ""),
            Err(ApiError::Transient { .. })
        ));
        assert_eq!(answer(404, None, ""), Err(ApiError::NotFound));
        assert_eq!(answer(410, None, ""), Err(ApiError::NotFound));
        assert_eq!(answer(403, None, ""), Err(ApiError::Forbidden));
        assert!(matches!(
            answer(405, None, ""),
            Err(ApiError::Permanent { status: 405, .. })
        ));
    }

    #[test]
    fn absurd_waits_are_clamped_never_a_panic() {
        let now = Utc::now();
        for huge in ["1e20", "315360000", "99999999999999999999"] {
            assert_eq!(parse_retry_after(huge, now), Some(LONGEST_WAIT), "{huge}");
        }
        let in_ten_years = (now + chrono::Duration::days(3650)).to_rfc2822();
        assert_eq!(parse_retry_after(&in_ten_years, now), Some(LONGEST_WAIT));
        assert_eq!(parse_retry_after("-5", now), None);
        assert_eq!(parse_retry_after("NaN", now), None);
        assert_eq!(parse_retry_after("inf", now), None);
        assert_eq!(
            parse_wait_message("Wait 1234567890123 seconds"),
            Some(LONGEST_WAIT)
        );
        for status in [301, 302, 307, 308] {
            let answer = Answer {
                status,
                retry_after: None,
                body: b"",
            };
            assert!(matches!(
                classify(&answer, now),
                Err(ApiError::Permanent { .. })
            ));
        }
    }

    #[test]
    fn retry_after_takes_seconds_or_a_date() {
        let now = Utc::now();
        assert_eq!(parse_retry_after("2", now), Some(Duration::from_secs(2)));
        assert_eq!(
            parse_retry_after("0.5", now),
            Some(Duration::from_millis(500))
        );
        let later = (now + chrono::Duration::seconds(30)).to_rfc2822();
        let wait = parse_retry_after(&later, now).expect("date form");
        assert!(wait <= Duration::from_secs(30) && wait >= Duration::from_secs(29));
        assert_eq!(parse_retry_after("soon", now), None);
        assert_eq!(parse_retry_after("-1", now), None);
    }

    #[test]
    fn wait_messages_are_found_anywhere_in_the_body() {
        assert_eq!(
            parse_wait_message("Wait 2 seconds"),
            Some(Duration::from_secs(2))
        );
        assert_eq!(
            parse_wait_message("Please Wait 0.1 seconds."),
            Some(Duration::from_millis(100))
        );
        assert_eq!(parse_wait_message("Wait for it"), None);
        assert_eq!(parse_wait_message("Wait 5 minutes"), None);
    }

    #[test]
    fn messages_tell_a_person_what_to_do_next() {
        assert!(ApiError::SignInRequired
            .to_string()
            .contains("Sign in again"));
        assert!(ApiError::Offline {
            detail: String::new()
        }
        .to_string()
        .contains("sent later"));
        assert!(ApiError::Forbidden.to_string().contains("Visitor roles"));
    }
}
