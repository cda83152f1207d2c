//! Response shapes the real service uses: empty bodies, the ActionConfirmation envelope, the
//! validation envelope, paged lists, and throttling in both documented variants.

use std::time::Duration;

use axum::body::Body;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use crate::config::{DirConvention, SimConfig, SortDirectionStyle, ThrottleHints};
use crate::world::FieldError;

pub fn empty(status: StatusCode) -> Response {
    (status, Body::empty()).into_response()
}

pub fn json(status: StatusCode, value: Value) -> Response {
    (status, axum::Json(value)).into_response()
}

pub fn text(status: StatusCode, message: &str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        message.to_string(),
    )
        .into_response()
}

/// The ActionConfirmation envelope of a successful write.
pub fn confirmation(message: &str, id: Option<i64>, by: &str, now: DateTime<Utc>) -> Response {
    json(
        StatusCode::OK,
        json!({
            "Status": 200,
            "Message": message,
            "Value": id.map(|id| json!({"Id": id})),
            "OpenInDialog": false,
            "OpenInWindow": false,
            "RedirectURL": null,
            "JavaScript": null,
            "UpdatedOn": now.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
            "UpdatedBy": by,
            "Errors": null,
            "WasSuccessful": true,
        }),
    )
}

/// A 200 that failed all the same (seen live on DELETE).
pub fn unsuccessful(message: &str) -> Response {
    json(
        StatusCode::OK,
        json!({
            "Status": 200,
            "Message": message,
            "Value": null,
            "OpenInDialog": false,
            "OpenInWindow": false,
            "RedirectURL": null,
            "JavaScript": null,
            "Errors": null,
            "WasSuccessful": false,
        }),
    )
}

/// The 400 validation envelope: `Message` is `PropertyName: message` per error.
pub fn validation(errors: &[FieldError]) -> Response {
    let message = errors
        .iter()
        .map(|e| format!("{}: {}", e.property_name, e.message))
        .collect::<Vec<_>>()
        .join("\n");
    json(
        StatusCode::BAD_REQUEST,
        json!({"Message": message, "Value": null, "Errors": errors, "WasSuccessful": false}),
    )
}

pub fn server_error() -> Response {
    json(
        StatusCode::INTERNAL_SERVER_ERROR,
        json!({
            "Message": "Ooops! There was a problem while running this action. Please try again later.",
            "Value": null,
            "WasSuccessful": false,
        }),
    )
}

/// A throttled answer in the configured variant: 429 or 409 (with the legacy reason phrase),
/// the wait told by `Retry-After`, by a "Wait N seconds" body, by both, or by neither.
pub fn throttled(config: &SimConfig, wait: Duration) -> Response {
    let seconds = wait.as_secs_f64();
    let header_seconds = seconds.ceil().max(1.0) as u64;
    let body_seconds = ((seconds * 10.0).ceil() / 10.0).max(0.1);
    let status =
        StatusCode::from_u16(config.throttle_status).unwrap_or(StatusCode::TOO_MANY_REQUESTS);
    let with_body = matches!(
        config.throttle_hints,
        ThrottleHints::Both | ThrottleHints::Body
    );
    let with_header = matches!(
        config.throttle_hints,
        ThrottleHints::Both | ThrottleHints::Header
    );
    let body = if with_body {
        Body::from(format!(
            "You have exceeded the number of requests allowed. Wait {body_seconds} seconds before trying again."
        ))
    } else {
        Body::empty()
    };
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    headers.insert(header::PRAGMA, HeaderValue::from_static("no-cache"));
    if with_header {
        headers.insert(header::RETRY_AFTER, HeaderValue::from(header_seconds));
    }
    if status == StatusCode::CONFLICT {
        response
            .extensions_mut()
            .insert(hyper::ext::ReasonPhrase::from_static(
                b"You must wait before accessing this url again.",
            ));
    }
    response
}

pub enum Family {
    Admin,
    Public,
}

/// Page parameters: `page`/`size` only (`PageNumber`/`PageSize` are ignored, as live).
pub struct Paging {
    pub page: usize,
    pub size: usize,
}

impl Paging {
    pub fn from_params(params: &[(String, String)], default_size: u32, max_size: u32) -> Paging {
        let number = |key: &str| {
            params
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(key))
                .and_then(|(_, v)| v.trim().parse::<usize>().ok())
                .filter(|n| *n > 0)
        };
        Paging {
            page: number("page").unwrap_or(1),
            size: number("size")
                .unwrap_or(default_size as usize)
                .min(max_size as usize),
        }
    }
}

/// Reads `dir` under the configured convention; `true` means ascending.
pub fn ascending(params: &[(String, String)], config: &SimConfig) -> bool {
    let Some(dir) = params
        .iter()
        .find(|(k, _)| k == "dir")
        .map(|(_, v)| v.trim().to_ascii_lowercase())
    else {
        return true;
    };
    match (config.dir_convention, dir.as_str()) {
        (DirConvention::Ignored, _) => true,
        (_, "ascending" | "asc") => true,
        (_, "descending" | "desc") => false,
        (DirConvention::OneMinusOne, value) => value != "-1",
        (DirConvention::ZeroOne, value) => value != "1",
    }
}

/// The paged envelope (§3.4) around one page of `records`.
pub fn paged(
    all: Vec<Value>,
    paging: &Paging,
    order_field: &str,
    ascending: bool,
    family: Family,
    config: &SimConfig,
) -> Value {
    let total = all.len();
    let total_pages = total.div_ceil(paging.size);
    let start = (paging.page - 1).saturating_mul(paging.size).min(total);
    let records: Vec<Value> = all.into_iter().skip(start).take(paging.size).collect();
    let as_string = match config.sort_direction {
        SortDirectionStyle::Native => matches!(family, Family::Public),
        SortDirectionStyle::Number => false,
        SortDirectionStyle::String => true,
    };
    let direction = if as_string {
        json!(if ascending { "ASC" } else { "DESC" })
    } else {
        match (config.dir_convention, ascending) {
            (DirConvention::ZeroOne, true) => json!(0),
            (DirConvention::ZeroOne, false) => json!(1),
            (_, true) => json!(1),
            (_, false) => json!(-1),
        }
    };
    let mut envelope = json!({
        "CurrentPageSize": paging.size,
        "CurrentPage": paging.page,
        "CurrentOrderField": order_field,
        "CurrentSortDirection": direction,
        "FirstItem": if records.is_empty() { 0 } else { start + 1 },
        "LastItem": start + records.len(),
        "TotalItems": total,
        "TotalPages": total_pages,
        "HasNextPage": paging.page < total_pages,
        "HasPreviousPage": paging.page > 1,
        "Records": records,
    });
    if config.page_fields_in_envelope {
        envelope["PageNumber"] = json!(paging.page);
        envelope["PageSize"] = json!(paging.size);
    }
    envelope
}

pub fn query_pairs(raw: Option<&str>) -> Vec<(String, String)> {
    raw.map(|q| {
        form_urlencoded::parse(q.as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect()
    })
    .unwrap_or_default()
}
