//! The one error shape the UI sees: `{code, message, fields?}`. `code` is set only where the
//! UI acts on it; everything else is `unknown` with a message a person can act on. Messages
//! come from the core's errors, which never carry a token, in the desk's language; each
//! field's message is a whole sentence ("Email is a required field").

use frontdesk_core::account::AccountError;
use frontdesk_core::desk::DeskError;
use frontdesk_core::l10n::{desk_words, field_sentence, ChoiceError, Localize};
use frontdesk_core::nexudus::{ApiError, EndpointError, FieldProblem};
use frontdesk_core::secrets::SecretError;
use frontdesk_core::store::StoreError;
use serde::Serialize;

#[derive(Clone, Debug, Serialize)]
pub struct UiError {
    pub code: &'static str,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fields: Option<Vec<FieldProblem>>,
}

impl UiError {
    pub(crate) fn new(code: &'static str, message: impl ToString) -> Self {
        UiError {
            code,
            message: message.to_string(),
            fields: None,
        }
    }

    /// An error in the desk's words.
    pub(crate) fn said(code: &'static str, error: &impl Localize) -> Self {
        UiError::new(code, error.localize(&desk_words()))
    }

    /// A message from the catalog, by id.
    pub(crate) fn catalog(code: &'static str, id: &str) -> Self {
        UiError::new(code, desk_words().text(id, &[]))
    }

    pub(crate) fn with_fields(
        code: &'static str,
        message: impl ToString,
        fields: Vec<FieldProblem>,
    ) -> Self {
        let words = desk_words();
        let fields: Vec<FieldProblem> = fields
            .into_iter()
            .map(|problem| FieldProblem {
                message: field_sentence(&problem, &words),
                field: problem.field,
            })
            .collect();
        UiError {
            code,
            message: message.to_string(),
            fields: (!fields.is_empty()).then_some(fields),
        }
    }

    /// "Please check the highlighted fields", with them.
    pub(crate) fn check_fields(code: &'static str, fields: Vec<FieldProblem>) -> Self {
        let message = desk_words().text("error-check-fields", &[]);
        UiError::with_fields(code, message, fields)
    }
}

impl UiError {
    /// Alerts cannot reach the desktop; the window shows them instead.
    pub fn notifications_unavailable(detail: impl std::fmt::Display) -> Self {
        let detail = detail.to_string();
        UiError::new(
            "notifications_unavailable",
            desk_words().text(
                "error-notifications-unavailable",
                &[("detail", detail.as_str().into())],
            ),
        )
    }
}

impl UiError {
    /// A desktop setting the OS refused (full screen, start at login).
    /// `setting` names the message: "error-desktop-kiosk", "error-desktop-start-at-login".
    pub fn desktop(setting: &str, detail: impl std::fmt::Display) -> Self {
        let detail = detail.to_string();
        UiError::new(
            "desktop",
            desk_words().text(setting, &[("detail", detail.as_str().into())]),
        )
    }

    /// A file could not be written where the person expects it.
    pub fn file(path: &std::path::Path, detail: impl std::fmt::Display) -> Self {
        let (path, detail) = (path.display().to_string(), detail.to_string());
        UiError::new(
            "file",
            desk_words().text(
                "error-file",
                &[
                    ("path", path.as_str().into()),
                    ("detail", detail.as_str().into()),
                ],
            ),
        )
    }
}

impl From<EndpointError> for UiError {
    fn from(error: EndpointError) -> Self {
        let message = error.localize(&desk_words());
        // The whole sentence under the field: it names the address, not the field.
        UiError {
            code: "bad_server_address",
            fields: Some(vec![FieldProblem {
                field: "server".into(),
                message: message.clone(),
            }]),
            message,
        }
    }
}

impl From<ApiError> for UiError {
    fn from(error: ApiError) -> Self {
        let code = match &error {
            ApiError::TwoFactorRequired => "two_factor_required",
            ApiError::InvalidCredentials(_) => "invalid_credentials",
            ApiError::MustResetPassword => "must_reset_password",
            ApiError::Offline { .. } => "offline",
            ApiError::Untrusted { .. } => "untrusted",
            ApiError::SignInRequired => "signed_out",
            ApiError::Forbidden => "no_access",
            ApiError::Throttled { .. } => "busy",
            ApiError::Validation { fields, .. } | ApiError::Rejected { fields, .. } => {
                let message = error.localize(&desk_words());
                return UiError::with_fields("validation", message, fields.clone());
            }
            _ => "unknown",
        };
        UiError::said(code, &error)
    }
}

impl From<SecretError> for UiError {
    fn from(error: SecretError) -> Self {
        let code = match error {
            SecretError::Unavailable { .. } => "no_keyring",
            SecretError::Locked => "keyring_locked",
            _ => "unknown",
        };
        UiError::said(code, &error)
    }
}

impl From<AccountError> for UiError {
    fn from(error: AccountError) -> Self {
        match error {
            AccountError::Invalid { fields } => UiError::check_fields("validation", fields),
            AccountError::Api(error) => error.into(),
            AccountError::Keyring(error) => error.into(),
            AccountError::Endpoint(error) => error.into(),
            AccountError::NoAccess => UiError::said("no_access", &error),
            AccountError::SignedOut => UiError::said("signed_out", &error),
            AccountError::ChangesWaiting(_) => UiError::said("changes_waiting", &error),
            other => UiError::said("unknown", &other),
        }
    }
}

impl From<StoreError> for UiError {
    fn from(error: StoreError) -> Self {
        UiError::said("storage", &error)
    }
}

impl From<ChoiceError> for UiError {
    fn from(error: ChoiceError) -> Self {
        match error {
            ChoiceError::Locked { fields } => {
                let message = error_text(&ChoiceError::Locked { fields: Vec::new() });
                UiError::with_fields("locked", message, fields)
            }
            ChoiceError::Store(error) => error.into(),
            other => UiError::said("validation", &other),
        }
    }
}

fn error_text(error: &impl Localize) -> String {
    error.localize(&desk_words())
}

impl From<DeskError> for UiError {
    fn from(error: DeskError) -> Self {
        match error {
            DeskError::Invalid { fields } => UiError::check_fields("validation", fields),
            DeskError::Account(error) => error.into(),
            DeskError::Api(error) => error.into(),
            DeskError::Store(error) => error.into(),
            DeskError::UnknownVisitor => UiError::said("unknown_visitor", &error),
            DeskError::Print(problem) => {
                use frontdesk_core::printing::PrintError;
                let code = match problem {
                    PrintError::NoCups => "no_cups",
                    PrintError::NoPrinter => "no_printer",
                    PrintError::UnknownPrinter(_) => "unknown_printer",
                    PrintError::NoScheduler => "no_scheduler",
                    PrintError::Stopped { .. } => "printer_stopped",
                    PrintError::NotAccepting(_) => "printer_not_accepting",
                    PrintError::Failed(_) => "print_failed",
                };
                UiError::said(code, &problem)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_reach_the_ui_as_code_message_and_fields() {
        let two_factor = UiError::from(AccountError::Api(ApiError::TwoFactorRequired));
        assert_eq!(two_factor.code, "two_factor_required");
        let no_keyring = UiError::from(AccountError::Keyring(SecretError::Unavailable {
            hint: "install one",
        }));
        assert_eq!(no_keyring.code, "no_keyring");
        // The catalog's advice for this OS, not the core's English hint.
        assert!(no_keyring.message.starts_with("No keyring is available"));
        assert!(!no_keyring.message.contains("install one"));
        let invalid = UiError::from(AccountError::Invalid {
            fields: vec![FieldProblem {
                field: "email".into(),
                message: "is a required field".into(),
            }],
        });
        let json = serde_json::to_value(&invalid).expect("json");
        assert_eq!(json["code"], "validation");
        assert_eq!(json["fields"][0]["field"], "email");
        // A whole sentence: the window shows it as it is.
        assert_eq!(json["fields"][0]["message"], "Email is a required field");
        let offline = serde_json::to_value(UiError::from(ApiError::Offline { detail: "x".into() }))
            .expect("json");
        assert!(offline.get("fields").is_none());
    }
}
