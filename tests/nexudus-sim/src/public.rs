//! The customer ("public") API (`https://{space}.spaces.nexudus.com/api/public/...`): register
//! visitors (an array), list one's own, cancel one, and the locations that take visitors.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use chrono::{DateTime, Utc};
use serde_json::{json, Value};
use uuid::Uuid;

use crate::auth::authorize;
use crate::dates;
use crate::respond::{self, paged, query_pairs, Family, Paging};
use crate::state::{lock, Sim};
use crate::world::{AccountKind, Visitor, WebhookEvent, World};

/// The portal's "Repeat visit" caps at 30 dates; one object per date.
pub const MAX_REGISTRATIONS: usize = 30;

struct Registration {
    business_id: i64,
    full_name: String,
    email: String,
    phone_number: Option<String>,
    expected_arrival: DateTime<Utc>,
    notes: Option<String>,
}

fn text_field(item: &Value, key: &str) -> Option<String> {
    item.get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// Validates one array item; the error is the plain-text body the real service answers.
fn read_registration(
    item: &Value,
    world: &World,
    email_required: bool,
) -> Result<Registration, String> {
    let business_id = item
        .get("BusinessId")
        .and_then(Value::as_i64)
        .ok_or("BusinessId: is a required field")?;
    if !world
        .business(business_id)
        .is_some_and(|b| b.visitors_enabled)
    {
        return Err("BusinessId: is not valid".into());
    }
    let full_name = text_field(item, "FullName").ok_or("FullName: is a required field")?;
    let expected_arrival =
        text_field(item, "ExpectedArrival").ok_or("ExpectedArrival: is a required field")?;
    let expected_arrival =
        dates::parse(&expected_arrival).ok_or("ExpectedArrival: is not valid")?;
    let email = match text_field(item, "Email") {
        Some(email) if !plausible_email(&email) => return Err("Invalid Email Address".into()),
        Some(email) => email,
        None if email_required => return Err("not valid".into()),
        None => String::new(),
    };
    Ok(Registration {
        business_id,
        full_name,
        email,
        phone_number: text_field(item, "PhoneNumber"),
        expected_arrival,
        notes: text_field(item, "CustomerNotes").or_else(|| text_field(item, "Notes")),
    })
}

/// A live space rejected malformed addresses and the reserved `example.com` domain.
fn plausible_email(email: &str) -> bool {
    let Some((local, domain)) = email.rsplit_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email.contains(char::is_whitespace)
        && !domain.eq_ignore_ascii_case("example.com")
}

pub async fn register_visitors(
    State(sim): State<Arc<Sim>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let account = match authorize(&sim, &headers, Family::Public, "") {
        Ok(account) => account,
        Err(denied) => return denied,
    };
    let AccountKind::Customer { coworker_id } = account.kind else {
        return respond::empty(StatusCode::UNAUTHORIZED);
    };
    let Ok(Value::Array(items)) = serde_json::from_slice::<Value>(&body) else {
        return respond::text(StatusCode::BAD_REQUEST, "The request is invalid.");
    };
    if items.is_empty() || items.len() > MAX_REGISTRATIONS {
        return respond::text(
            StatusCode::BAD_REQUEST,
            "Between 1 and 30 visitors can be registered at once.",
        );
    }
    let config = sim.config();
    let now = Sim::now();
    let mut world = lock(&sim.world);
    let results: Vec<Result<Registration, String>> = items
        .iter()
        .map(|item| read_registration(item, &world, config.public_email_required))
        .collect();
    let first_error = results.iter().find_map(|r| r.as_ref().err()).cloned();
    if config.public_register_all_or_nothing {
        if let Some(error) = first_error {
            return respond::text(StatusCode::BAD_REQUEST, &error);
        }
    }
    let mut ids = Vec::new();
    for registration in results.into_iter().flatten() {
        let id = world.allocate_visitor_id();
        world.visitors.insert(
            id,
            Visitor {
                id,
                unique_id: Uuid::new_v4(),
                business_id: registration.business_id,
                coworker_id: Some(coworker_id),
                full_name: registration.full_name,
                email: registration.email,
                phone_number: registration.phone_number,
                customer_notes: registration.notes,
                visitor_code: World::visitor_code_for(id),
                visitor_source: 3,
                host_approval_status: 1,
                expected_arrival: Some(registration.expected_arrival),
                created_on: now,
                updated_on: now,
                updated_by: account.email.clone(),
                ..Visitor::default()
            },
        );
        world.webhooks.push(WebhookEvent {
            action: 42,
            visitor_id: id,
            at: now,
        });
        ids.push(id);
    }
    if let Some(error) = first_error {
        return respond::text(StatusCode::BAD_REQUEST, &error);
    }
    match config.public_register_reply {
        crate::config::RegisterReply::Empty => respond::empty(StatusCode::OK),
        crate::config::RegisterReply::Ids => respond::json(
            StatusCode::OK,
            Value::Array(ids.into_iter().map(|id| json!({ "Id": id })).collect()),
        ),
    }
}

/// `GET /api/public/visitors/my`: the caller's own registrations, `ExpectedArrival` ascending
/// whatever is asked (`orderBy`/`dir` are ignored, as live), 15 per page by default.
pub async fn my_visitors(
    State(sim): State<Arc<Sim>>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    let account = match authorize(&sim, &headers, Family::Public, "") {
        Ok(account) => account,
        Err(denied) => return denied,
    };
    let AccountKind::Customer { coworker_id } = account.kind else {
        return respond::empty(StatusCode::UNAUTHORIZED);
    };
    let params = query_pairs(query.as_deref());
    let flag = |key: &str| {
        params
            .iter()
            .any(|(k, v)| k.eq_ignore_ascii_case(key) && v.eq_ignore_ascii_case("true"))
    };
    let approval: Option<i64> = params
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("hostApprovalStatus"))
        .and_then(|(_, v)| v.parse().ok());
    let upcoming_only = flag("showUpcoming");
    let now = Sim::now();
    let config = sim.config();
    let world = lock(&sim.world);
    let mut mine: Vec<&Visitor> = world
        .visitors
        .values()
        .filter(|v| v.coworker_id == Some(coworker_id))
        .filter(|v| !upcoming_only || v.expected_arrival.is_some_and(|at| at >= now))
        .filter(|v| approval.is_none_or(|status| v.host_approval_status == status))
        .collect();
    mine.sort_by(|a, b| {
        a.expected_arrival
            .cmp(&b.expected_arrival)
            .then(a.id.cmp(&b.id))
    });
    let rows = mine.iter().map(|v| world.public_json(v, &config)).collect();
    let paging = Paging::from_params(
        &params,
        config.public_default_page_size,
        config.public_max_page_size,
    );
    respond::json(
        StatusCode::OK,
        paged(
            rows,
            &paging,
            "ExpectedArrival",
            true,
            Family::Public,
            &config,
        ),
    )
}

pub async fn cancel_visitor(
    State(sim): State<Arc<Sim>>,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Response {
    let account = match authorize(&sim, &headers, Family::Public, "") {
        Ok(account) => account,
        Err(denied) => return denied,
    };
    let AccountKind::Customer { coworker_id } = account.kind else {
        return respond::empty(StatusCode::UNAUTHORIZED);
    };
    let mut world = lock(&sim.world);
    let own = world
        .visitors
        .get(&id)
        .is_some_and(|v| v.coworker_id == Some(coworker_id));
    if own && world.delete_visitor(id, Sim::now()) {
        respond::empty(StatusCode::OK)
    } else {
        respond::empty(StatusCode::NOT_FOUND)
    }
}

/// Collection reads other than `/my` answer 405, as observed live.
pub async fn method_not_allowed() -> Response {
    respond::empty(StatusCode::METHOD_NOT_ALLOWED)
}

pub async fn businesses_with_visitors(State(sim): State<Arc<Sim>>, headers: HeaderMap) -> Response {
    if let Err(denied) = authorize(&sim, &headers, Family::Public, "") {
        return denied;
    }
    let world = lock(&sim.world);
    let businesses: Vec<Value> = world
        .businesses
        .iter()
        .filter(|b| b.visitors_enabled)
        .map(|b| {
            json!({"Id": b.id, "UniqueId": b.unique_id, "Name": b.name, "WebAddress": b.web_address})
        })
        .collect();
    respond::json(StatusCode::OK, json!({ "Businesses": businesses }))
}

#[cfg(test)]
mod tests {
    use super::plausible_email;

    #[test]
    fn emails_are_checked_like_the_live_space() {
        assert!(plausible_email("sarah@connor.test"));
        assert!(!plausible_email("sarah@example.com"));
        assert!(!plausible_email("sarah"));
        assert!(!plausible_email("sarah@localhost"));
        assert!(!plausible_email("sa rah@x.test"));
    }
}
