//! `POST /api/token` exactly as documented (§2): form-encoded only, password and refresh grants,
//! 2FA through the `totp` field, single-use rotating refresh tokens bound to a `client_id`; and
//! the bearer / Basic checks every API route makes.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::Response;
use base64_lite::decode_basic;
use chrono::Duration;
use serde_json::json;
use uuid::Uuid;

use crate::respond::{self, Family};
use crate::state::{lock, Sim};
use crate::world::{Account, RefreshGrant, Session};

pub async fn token(State(sim): State<Arc<Sim>>, headers: HeaderMap, body: Bytes) -> Response {
    let config = sim.config();
    let error = |code: &str, description: &str| {
        let mut body = json!({ "error": code });
        if config.token_error_descriptions && !description.is_empty() {
            body["error_description"] = json!(description);
        }
        respond::json(StatusCode::BAD_REQUEST, body)
    };
    let is_form = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return error("unsupported_grant_type", "The grant type is not supported.");
    }
    let form: Vec<(String, String)> = form_urlencoded::parse(&body)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let field = |name: &str| {
        form.iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    };
    let header_client_id = headers
        .get("client_id")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let now = Sim::now();
    let mut world = lock(&sim.world);

    let (email, client_id) = match field("grant_type") {
        "password" => {
            let Some(account) = world.account(field("username")).cloned() else {
                return error("invalid_grant", "The email or password is incorrect.");
            };
            if account.password != field("password") {
                return error("invalid_grant", "The email or password is incorrect.");
            }
            if let Some(expected) = &account.totp {
                match field("totp") {
                    "" => return error("two_factor_auth_check", ""),
                    code if code != expected => {
                        return error("invalid_grant", "The verification code is incorrect.")
                    }
                    _ => {}
                }
            }
            let client_id = header_client_id.unwrap_or_else(|| account.email.clone());
            (account.email, client_id)
        }
        "refresh_token" => {
            // Single use: the grant is gone the moment it is presented, valid or not.
            let Some(grant) = world.refresh_grants.remove(field("refresh_token")) else {
                return error(
                    "invalid_grant",
                    "The refresh token is invalid or has been used.",
                );
            };
            if grant.expires_at <= now {
                return error("invalid_grant", "The refresh token has expired.");
            }
            match &header_client_id {
                Some(id) if *id != grant.client_id => {
                    return error("invalid_grant", "The client_id does not match.")
                }
                None if config.client_id_required_on_refresh => {
                    return error("invalid_grant", "The client_id header is required.")
                }
                _ => {}
            }
            (grant.email, grant.client_id)
        }
        _ => return error("unsupported_grant_type", "The grant type is not supported."),
    };

    let access_token = format!("sim-at-{}", Uuid::new_v4().simple());
    let refresh_token = format!("sim-rt-{}", Uuid::new_v4().simple());
    world.sessions.insert(
        access_token.clone(),
        Session {
            email: email.clone(),
            expires_at: now + Duration::seconds(config.access_token_lifetime_secs),
        },
    );
    world.refresh_grants.insert(
        refresh_token.clone(),
        RefreshGrant {
            email,
            client_id,
            expires_at: now + Duration::seconds(config.refresh_token_lifetime_secs),
        },
    );
    let mut response = respond::json(
        StatusCode::OK,
        json!({
            "access_token": access_token,
            "token_type": "bearer",
            "expires_in": config.access_token_lifetime_secs,
            "refresh_token": refresh_token,
        }),
    );
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    response
}

/// The account a request acts as, if its credentials are valid now. Admin routes also take
/// HTTP Basic (email and password), as documented; public routes take bearer tokens only.
pub fn caller(sim: &Sim, headers: &HeaderMap, family: &Family) -> Option<Account> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let world = lock(&sim.world);
    if let Some(token) = value.strip_prefix("Bearer ") {
        let session = world.sessions.get(token.trim())?;
        if session.expires_at <= Sim::now() {
            return None;
        }
        return world.account(&session.email).cloned();
    }
    if let (Some(encoded), Family::Admin) = (value.strip_prefix("Basic "), family) {
        let (email, password) = decode_basic(encoded.trim())?;
        let account = world.account(&email)?;
        if account.password == password && account.totp.is_none() {
            return Some(account.clone());
        }
    }
    None
}

/// Checks the caller is signed in, of the right family, and holds `role` (admin only).
/// 401 with an empty body for a missing or expired token; for the wrong family or a missing
/// role, the configured "missing permission" status (401 documented, 403 switchable).
pub fn authorize(
    sim: &Sim,
    headers: &HeaderMap,
    family: Family,
    role: &str,
) -> Result<Account, Response> {
    let Some(account) = caller(sim, headers, &family) else {
        return Err(respond::empty(StatusCode::UNAUTHORIZED));
    };
    let allowed = match family {
        Family::Admin => account.has_role(role),
        Family::Public => !account.is_admin(),
    };
    if allowed {
        Ok(account)
    } else {
        let status = StatusCode::from_u16(sim.config().missing_role_status)
            .unwrap_or(StatusCode::UNAUTHORIZED);
        Err(respond::empty(status))
    }
}

/// The account email behind a request's bearer token, valid or not, for logs and rate limits.
pub fn token_owner(sim: &Sim, headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let token = value.strip_prefix("Bearer ")?;
    lock(&sim.world)
        .sessions
        .get(token.trim())
        .map(|s| s.email.clone())
}

/// Minimal base64 for HTTP Basic, so the sim needs no extra crate for one header.
mod base64_lite {
    pub fn decode_basic(encoded: &str) -> Option<(String, String)> {
        const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut bits = 0u32;
        let mut count = 0;
        let mut bytes = Vec::new();
        for c in encoded.bytes().filter(|c| *c != b'=') {
            let value = ALPHABET.iter().position(|a| *a == c)? as u32;
            bits = (bits << 6) | value;
            count += 6;
            if count >= 8 {
                count -= 8;
                bytes.push((bits >> count) as u8);
                bits &= (1 << count) - 1;
            }
        }
        let text = String::from_utf8(bytes).ok()?;
        let (user, password) = text.split_once(':')?;
        Some((user.to_string(), password.to_string()))
    }

    #[cfg(test)]
    mod tests {
        #[test]
        fn decodes_user_and_password() {
            // "admin@example.com:your-password"
            let decoded = super::decode_basic("YWRtaW5AZXhhbXBsZS5jb206eW91ci1wYXNzd29yZA==");
            assert_eq!(
                decoded,
                Some(("admin@example.com".into(), "your-password".into()))
            );
        }
    }
}
