//! The one error shape the UI sees: `{code, message, fields?}`. `code` is set only where the
//! UI acts on it; everything else is `unknown` with a message a person can act on.

use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct UiError {
    pub code: &'static str,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fields: Option<Vec<FieldMessage>>,
}

#[derive(Debug, Serialize)]
pub struct FieldMessage {
    pub field: String,
    pub message: String,
}

impl From<frontdesk_core::nexudus::EndpointError> for UiError {
    fn from(error: frontdesk_core::nexudus::EndpointError) -> Self {
        UiError {
            code: "bad_server_address",
            message: error.to_string(),
            fields: None,
        }
    }
}
