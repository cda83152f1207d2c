//! The HTTP layer under the client: one reqwest client per session with the configured
//! timeouts, answers capped in size, and transport failures named for a person (offline, not
//! trusted, timed out).

use std::time::Duration;

use bytes::Bytes;

use super::ClientConfig;
use crate::nexudus::pacing::RequestKind;
use crate::nexudus::ApiError;

pub(super) fn build_http(config: &ClientConfig) -> Result<reqwest::Client, ApiError> {
    reqwest::Client::builder()
        .timeout(config.timeout)
        .connect_timeout(config.timeout.min(Duration::from_secs(10)))
        .user_agent(concat!("FrontDesk/", env!("CARGO_PKG_VERSION")))
        .redirect(reqwest::redirect::Policy::none())
        .https_only(false)
        .build()
        .map_err(|e| ApiError::Protocol {
            detail: e.to_string(),
        })
}

/// The error and its causes, as one line (reqwest's own message hides the TLS reason).
pub(super) fn error_chain(error: &(dyn std::error::Error + 'static)) -> String {
    let mut parts = vec![error.to_string()];
    let mut source = error.source();
    while let Some(cause) = source {
        parts.push(cause.to_string());
        source = cause.source();
    }
    parts.join(": ")
}

/// Whether TLS refused the connection: a rustls error anywhere in the chain (an I/O error
/// carries it inside, where `source()` does not reach).
pub(super) fn is_tls_failure(error: &(dyn std::error::Error + 'static)) -> bool {
    let mut current = Some(error);
    while let Some(cause) = current {
        if cause.downcast_ref::<rustls::Error>().is_some() {
            return true;
        }
        if let Some(inner) = cause
            .downcast_ref::<std::io::Error>()
            .and_then(std::io::Error::get_ref)
        {
            if is_tls_failure(inner) {
                return true;
            }
        }
        current = cause.source();
    }
    false
}

/// Nexudus answers are small; a bigger one is a broken proxy or server, not data to keep.
pub const LARGEST_ANSWER: usize = 16 * 1024 * 1024;

/// Reads an answer's body up to [`LARGEST_ANSWER`].
pub(super) async fn capped_body(
    mut response: reqwest::Response,
    kind: RequestKind,
) -> Result<Bytes, ApiError> {
    let too_large = || ApiError::Protocol {
        detail: format!(
            "the answer is larger than {} MB",
            LARGEST_ANSWER / (1024 * 1024)
        ),
    };
    if response
        .content_length()
        .is_some_and(|length| length > LARGEST_ANSWER as u64)
    {
        return Err(too_large());
    }
    let mut body = bytes::BytesMut::new();
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) => {
                if body.len() + chunk.len() > LARGEST_ANSWER {
                    return Err(too_large());
                }
                body.extend_from_slice(&chunk);
            }
            Ok(None) => return Ok(body.freeze()),
            Err(error) => return Err(transport_error(&error, kind)),
        }
    }
}

/// The transport failed. A request that never connected was not sent; a write that failed
/// later may have been applied.
pub(super) fn transport_error(error: &reqwest::Error, kind: RequestKind) -> ApiError {
    let detail = error_chain(error);
    if is_tls_failure(error) {
        tracing::warn!(%detail, "the TLS connection to Nexudus was refused");
        return ApiError::Untrusted { detail };
    }
    if error.is_connect() || error.is_builder() {
        ApiError::Offline { detail }
    } else if kind == RequestKind::Write {
        ApiError::Uncertain { detail }
    } else {
        ApiError::Transient {
            status: None,
            detail,
        }
    }
}
