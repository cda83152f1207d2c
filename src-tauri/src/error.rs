//! The one error shape the UI sees: `{code, message, fields?}`. `code` is set only where the
//! UI acts on it; everything else is `unknown` with a message a person can act on. Messages
//! come from the core's errors, which never carry a token.

use frontdesk_core::account::AccountError;
use frontdesk_core::desk::DeskError;
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

    pub(crate) fn with_fields(
        code: &'static str,
        message: impl ToString,
        fields: Vec<FieldProblem>,
    ) -> Self {
        UiError {
            code,
            message: message.to_string(),
            fields: (!fields.is_empty()).then_some(fields),
        }
    }
}

impl UiError {
    /// Alerts cannot reach the desktop; the window shows them instead.
    pub fn notifications_unavailable(detail: impl std::fmt::Display) -> Self {
        UiError::new(
            "notifications_unavailable",
            format!(
                "Desktop notifications cannot be shown on this computer ({detail}). Arrivals will still appear in this window."
            ),
        )
    }
}

impl UiError {
    /// A desktop setting the OS refused (full screen, start at login).
    pub fn desktop(what: &str, detail: impl std::fmt::Display) -> Self {
        UiError::new(
            "desktop",
            format!("{what} could not be changed on this computer ({detail})."),
        )
    }

    /// A file could not be written where the person expects it.
    pub fn file(path: &std::path::Path, detail: impl std::fmt::Display) -> Self {
        UiError::new(
            "file",
            format!(
                "Could not save {} ({detail}). Check the folder exists and has space.",
                path.display()
            ),
        )
    }
}

impl From<EndpointError> for UiError {
    fn from(error: EndpointError) -> Self {
        let field = FieldProblem {
            field: "server".into(),
            message: error.to_string(),
        };
        UiError::with_fields("bad_server_address", &error, vec![field])
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
                return UiError::with_fields("validation", &error, fields.clone())
            }
            _ => "unknown",
        };
        UiError::new(code, error)
    }
}

impl From<SecretError> for UiError {
    fn from(error: SecretError) -> Self {
        let code = match error {
            SecretError::Unavailable { .. } => "no_keyring",
            SecretError::Locked => "keyring_locked",
            _ => "unknown",
        };
        UiError::new(code, error)
    }
}

impl From<AccountError> for UiError {
    fn from(error: AccountError) -> Self {
        match error {
            AccountError::Invalid { fields } => {
                UiError::with_fields("validation", "Please check the highlighted fields.", fields)
            }
            AccountError::Api(error) => error.into(),
            AccountError::Keyring(error) => error.into(),
            AccountError::Endpoint(error) => error.into(),
            AccountError::NoAccess => UiError::new("no_access", error),
            AccountError::SignedOut => UiError::new("signed_out", error),
            AccountError::ChangesWaiting(_) => UiError::new("changes_waiting", error),
            other => UiError::new("unknown", other),
        }
    }
}

impl From<StoreError> for UiError {
    fn from(error: StoreError) -> Self {
        UiError::new("storage", error)
    }
}

impl From<DeskError> for UiError {
    fn from(error: DeskError) -> Self {
        match error {
            DeskError::Invalid { fields } => {
                UiError::with_fields("validation", "Please check the highlighted fields.", fields)
            }
            DeskError::Account(error) => error.into(),
            DeskError::Api(error) => error.into(),
            DeskError::Store(error) => error.into(),
            DeskError::UnknownVisitor => UiError::new("unknown_visitor", error),
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
                UiError::new(code, problem)
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
        assert!(no_keyring.message.contains("install one"));
        let invalid = UiError::from(AccountError::Invalid {
            fields: vec![FieldProblem {
                field: "email".into(),
                message: "is a required field".into(),
            }],
        });
        let json = serde_json::to_value(&invalid).expect("json");
        assert_eq!(json["code"], "validation");
        assert_eq!(json["fields"][0]["field"], "email");
        let offline = serde_json::to_value(UiError::from(ApiError::Offline { detail: "x".into() }))
            .expect("json");
        assert!(offline.get("fields").is_none());
    }
}
