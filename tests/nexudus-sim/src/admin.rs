//! The admin REST API (`https://spaces.nexudus.com/api/...`): visitors (search, get one, batch,
//! create, full-record update, delete, commands), coworkers and businesses.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use chrono::{DateTime, Utc};
use serde_json::{json, Map, Value};

use crate::auth::authorize;
use crate::config::SimConfig;
use crate::dates;
use crate::respond::{self, ascending, paged, query_pairs, Family, Paging};
use crate::state::{lock, Sim};
use crate::world::{FieldError, UpdateError, Visitor};

type Params = Vec<(String, String)>;

const PAGING_PARAMS: [&str; 6] = ["page", "size", "orderBy", "orderby", "dir", "id"];
type TextField = fn(&Visitor) -> Option<&str>;
type IntField = fn(&Visitor) -> Option<i64>;
type BoolField = fn(&Visitor) -> bool;
type DateField = fn(&Visitor) -> Option<DateTime<Utc>>;

const TEXT_FILTERS: [(&str, TextField); 9] = [
    ("Visitor_FullName", |v| Some(&v.full_name)),
    ("Visitor_Email", |v| Some(&v.email)),
    ("Visitor_VisitorCode", |v| Some(&v.visitor_code)),
    ("Visitor_CompanyName", |v| v.company_name.as_deref()),
    ("Visitor_PhoneNumber", |v| v.phone_number.as_deref()),
    ("Visitor_Notes", |v| v.notes.as_deref()),
    ("Visitor_CustomerNotes", |v| v.customer_notes.as_deref()),
    ("Visitor_VisitReason", |v| v.visit_reason.as_deref()),
    ("Visitor_CheckedInAt", |v| v.checked_in_at.as_deref()),
];
const INT_FILTERS: [(&str, IntField); 4] = [
    ("Visitor_Business", |v| Some(v.business_id)),
    ("Visitor_Coworker", |v| v.coworker_id),
    ("Visitor_VisitorSource", |v| Some(v.visitor_source)),
    ("Visitor_HostApprovalStatus", |v| {
        Some(v.host_approval_status)
    }),
];
const BOOL_FILTERS: [(&str, BoolField); 5] = [
    ("Visitor_Arrived", |v| v.arrived),
    ("Visitor_IsTour", |v| v.is_tour),
    ("Visitor_HasAgreedTerms", |v| v.has_agreed_terms),
    ("Visitor_TourConfirmed", |v| v.tour_confirmed),
    ("Visitor_Internal", |v| v.internal),
];
const RANGE_FILTERS: [(&str, DateField); 5] = [
    ("Visitor_ExpectedArrival", |v| v.expected_arrival),
    ("Visitor_ArrivalDate", |v| v.arrival_date),
    ("Visitor_DepartureDate", |v| v.departure_date),
    ("Visitor_CreatedOn", |v| Some(v.created_on)),
    ("Visitor_UpdatedOn", |v| Some(v.updated_on)),
];

fn contains_ci(haystack: &str, needle: &str) -> bool {
    haystack.to_lowercase().contains(&needle.to_lowercase())
}

/// Applies the known filters; `Err` names a parameter whose value cannot be read.
fn visitor_matches(visitor: &Visitor, params: &Params) -> Result<bool, String> {
    for (key, value) in params {
        if PAGING_PARAMS.contains(&key.as_str()) || value.is_empty() {
            continue;
        }
        let keep = if let Some((_, get)) = TEXT_FILTERS.iter().find(|(name, _)| name == key) {
            get(visitor).is_some_and(|text| contains_ci(text, value))
        } else if let Some((_, get)) = INT_FILTERS.iter().find(|(name, _)| name == key) {
            let wanted: i64 = value.trim().parse().map_err(|_| key.clone())?;
            get(visitor) == Some(wanted)
        } else if let Some((_, get)) = BOOL_FILTERS.iter().find(|(name, _)| name == key) {
            get(visitor) == value.trim().eq_ignore_ascii_case("true")
        } else if let Some((bound, field)) = range_filter(key) {
            let limit = dates::parse_range_bound(value).ok_or_else(|| key.clone())?;
            field(visitor).is_some_and(|actual| match bound {
                Bound::From => actual >= limit,
                Bound::To => actual <= limit,
            })
        } else {
            // Host filters are applied by `host_filters_match`, which can see coworkers.
            true
        };
        if !keep {
            return Ok(false);
        }
    }
    Ok(true)
}

fn is_known_parameter(key: &str) -> bool {
    PAGING_PARAMS.contains(&key)
        || TEXT_FILTERS.iter().any(|(n, _)| *n == key)
        || INT_FILTERS.iter().any(|(n, _)| *n == key)
        || BOOL_FILTERS.iter().any(|(n, _)| *n == key)
        || range_filter(key).is_some()
        || visitor_host_name_key(key)
}

fn visitor_host_name_key(key: &str) -> bool {
    key.starts_with("Visitor_Coworker_")
}

enum Bound {
    From,
    To,
}

fn range_filter(key: &str) -> Option<(Bound, DateField)> {
    let (bound, field) = if let Some(field) = key.strip_prefix("from_") {
        (Bound::From, field)
    } else {
        (Bound::To, key.strip_prefix("to_")?)
    };
    RANGE_FILTERS
        .iter()
        .find(|(name, _)| *name == field)
        .map(|(_, get)| (bound, *get))
}

fn sort_visitors(visitors: &mut [&Visitor], order_by: &str, ascending: bool) -> &'static str {
    let field = match order_by.to_ascii_lowercase().as_str() {
        "fullname" | "name" => "FullName",
        "expectedarrival" => "ExpectedArrival",
        "createdon" => "CreatedOn",
        "updatedon" => "UpdatedOn",
        "email" => "Email",
        "arrivaldate" => "ArrivalDate",
        _ => "Id",
    };
    visitors.sort_by(|a, b| {
        let ordering = match field {
            "FullName" => a.full_name.to_lowercase().cmp(&b.full_name.to_lowercase()),
            "ExpectedArrival" => a.expected_arrival.cmp(&b.expected_arrival),
            "CreatedOn" => a.created_on.cmp(&b.created_on),
            "UpdatedOn" => a.updated_on.cmp(&b.updated_on),
            "Email" => a.email.cmp(&b.email),
            "ArrivalDate" => a.arrival_date.cmp(&b.arrival_date),
            _ => std::cmp::Ordering::Equal,
        }
        .then(a.id.cmp(&b.id));
        if ascending {
            ordering
        } else {
            ordering.reverse()
        }
    });
    field
}

fn param<'a>(params: &'a Params, key: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

/// `GET /api/spaces/visitors`: a search, or a batch when `id=[…]` is given.
pub async fn list_visitors(
    State(sim): State<Arc<Sim>>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    let params = query_pairs(query.as_deref());
    let batch = param(&params, "id").map(str::to_string);
    let role = if batch.is_some() {
        "Visitor-Read"
    } else {
        "Visitor-List"
    };
    if let Err(denied) = authorize(&sim, &headers, Family::Admin, role) {
        return denied;
    }
    let config = sim.config();
    let world = lock(&sim.world);
    if let Some(ids) = batch {
        let Ok(ids) = serde_json::from_str::<Vec<i64>>(&ids) else {
            return respond::validation(&[bad_parameter("id")]);
        };
        let records: Vec<Value> = ids
            .iter()
            .filter_map(|id| world.visitors.get(id))
            .map(|v| world.admin_json(v, &config, false))
            .collect();
        return respond::json(StatusCode::OK, Value::Array(records));
    }

    // The real service ignores parameters it does not know; the switch makes typos visible.
    let (known, unknown): (Params, Params) = params
        .iter()
        .cloned()
        .partition(|(k, _)| is_known_parameter(k));
    if let (true, Some((name, _))) = (config.reject_unknown_params, unknown.first()) {
        return respond::validation(&[FieldError {
            attempted_value: Value::Null,
            message: "is not a known parameter".into(),
            property_name: name.clone(),
        }]);
    }
    let mut matching = Vec::new();
    for visitor in world.visitors.values() {
        match visitor_matches(visitor, &known) {
            Ok(true) if host_filters_match(visitor, &known, &world) => matching.push(visitor),
            Ok(_) => {}
            Err(name) => return respond::validation(&[bad_parameter(&name)]),
        }
    }
    let ascending = ascending(&params, &config);
    let order_by = param(&params, "orderBy")
        .or_else(|| param(&params, "orderby"))
        .unwrap_or("Id");
    let order_field = sort_visitors(&mut matching, order_by, ascending);
    let paging = Paging::from_params(&params, 25, config.admin_max_page_size);
    let rows = matching
        .iter()
        .map(|v| world.admin_json(v, &config, true))
        .collect();
    respond::json(
        StatusCode::OK,
        paged(
            rows,
            &paging,
            order_field,
            ascending,
            Family::Admin,
            &config,
        ),
    )
}

fn host_filters_match(visitor: &Visitor, params: &Params, world: &crate::world::World) -> bool {
    let host = visitor.coworker_id.and_then(|id| world.coworker(id));
    params
        .iter()
        .filter(|(k, v)| visitor_host_name_key(k) && !v.is_empty())
        .all(|(key, value)| {
            let field = match key.as_str() {
                "Visitor_Coworker_FullName" | "Visitor_Coworker_BillingName" => {
                    host.map(|h| h.full_name.as_str())
                }
                "Visitor_Coworker_Email" => host.map(|h| h.email.as_str()),
                "Visitor_Coworker_CompanyName" => host.and_then(|h| h.company_name.as_deref()),
                "Visitor_Coworker_TeamNames" => host.and_then(|h| h.team_names.as_deref()),
                _ => None,
            };
            field.is_some_and(|text| contains_ci(text, value))
        })
}

fn bad_parameter(name: &str) -> FieldError {
    FieldError {
        attempted_value: Value::Null,
        message: "is not valid".into(),
        property_name: name.to_string(),
    }
}

pub async fn get_visitor(
    State(sim): State<Arc<Sim>>,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Response {
    if let Err(denied) = authorize(&sim, &headers, Family::Admin, "Visitor-Read") {
        return denied;
    }
    let config = sim.config();
    let world = lock(&sim.world);
    match world.visitors.get(&id) {
        Some(visitor) => {
            let record = world.admin_json(visitor, &config, false);
            let body = if config.get_one_wrapped {
                json!({ "Value": record })
            } else {
                record
            };
            respond::json(StatusCode::OK, body)
        }
        None => respond::empty(StatusCode::NOT_FOUND),
    }
}

fn json_object(body: &Bytes) -> Result<Map<String, Value>, Response> {
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(map)) => Ok(map),
        _ => Err(respond::validation(&[FieldError {
            attempted_value: Value::Null,
            message: "The request body is not a valid visitor.".into(),
            property_name: "Body".into(),
        }])),
    }
}

pub async fn create_visitor(
    State(sim): State<Arc<Sim>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let account = match authorize(&sim, &headers, Family::Admin, "Visitor-Create") {
        Ok(account) => account,
        Err(denied) => return denied,
    };
    let body = match json_object(&body) {
        Ok(body) => body,
        Err(invalid) => return invalid,
    };
    let now = Sim::now();
    let config: SimConfig = sim.config();
    let created = lock(&sim.world).create_visitor(&body, &account.email, now, &config);
    match created {
        Ok(id) => respond::confirmation(
            "Visitor was successfully created.",
            Some(id),
            &account.email,
            now,
        ),
        Err(errors) => respond::validation(&errors),
    }
}

pub async fn update_visitor(
    State(sim): State<Arc<Sim>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let account = match authorize(&sim, &headers, Family::Admin, "Visitor-Edit") {
        Ok(account) => account,
        Err(denied) => return denied,
    };
    let body = match json_object(&body) {
        Ok(body) => body,
        Err(invalid) => return invalid,
    };
    let Some(id) = body.get("Id").and_then(Value::as_i64) else {
        return respond::validation(&[FieldError {
            attempted_value: body.get("Id").cloned().unwrap_or(Value::Null),
            message: "is a required field".into(),
            property_name: "Id".into(),
        }]);
    };
    let now = Sim::now();
    let config = sim.config();
    let updated = lock(&sim.world).update_visitor(id, &body, &account.email, now, &config);
    match updated {
        Ok(()) => respond::confirmation(
            "Visitor was successfully updated.",
            Some(id),
            &account.email,
            now,
        ),
        Err(UpdateError::NotFound) => respond::empty(StatusCode::NOT_FOUND),
        Err(UpdateError::Invalid(errors)) => respond::validation(&errors),
    }
}

pub async fn delete_visitor(
    State(sim): State<Arc<Sim>>,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Response {
    let account = match authorize(&sim, &headers, Family::Admin, "Visitor-Delete") {
        Ok(account) => account,
        Err(denied) => return denied,
    };
    let now = Sim::now();
    if lock(&sim.world).delete_visitor(id, now) {
        respond::confirmation(
            "Visitor was successfully deleted.",
            None,
            &account.email,
            now,
        )
    } else {
        respond::empty(StatusCode::NOT_FOUND)
    }
}

/// No visitor commands are published; the API answers an empty list.
pub async fn visitor_commands(State(sim): State<Arc<Sim>>, headers: HeaderMap) -> Response {
    match authorize(&sim, &headers, Family::Admin, "Visitor-List") {
        Ok(_) => respond::json(StatusCode::OK, json!([])),
        Err(denied) => denied,
    }
}

pub async fn run_visitor_command(
    State(sim): State<Arc<Sim>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if let Err(denied) = authorize(&sim, &headers, Family::Admin, "Visitor-Edit") {
        return denied;
    }
    let key = serde_json::from_slice::<Value>(&body)
        .ok()
        .and_then(|v| v.get("Key").cloned())
        .unwrap_or(Value::Null);
    respond::validation(&[FieldError {
        attempted_value: key,
        message: "is not a known command".into(),
        property_name: "Key".into(),
    }])
}

pub async fn list_coworkers(
    State(sim): State<Arc<Sim>>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    if let Err(denied) = authorize(&sim, &headers, Family::Admin, "Coworker-List") {
        return denied;
    }
    let params = query_pairs(query.as_deref());
    let config = sim.config();
    let world = lock(&sim.world);
    let rows: Vec<Value> = world
        .coworkers
        .iter()
        .filter(|c| {
            params.iter().all(|(key, value)| match key.as_str() {
                "Coworker_FullName" => contains_ci(&c.full_name, value),
                "Coworker_Email" => contains_ci(&c.email, value),
                "Coworker_CompanyName" => c
                    .company_name
                    .as_deref()
                    .is_some_and(|name| contains_ci(name, value)),
                "Coworker_CoworkerType" => value.parse() == Ok(c.coworker_type),
                _ => true,
            })
        })
        .map(|c| world.coworker_json(c))
        .collect();
    let paging = Paging::from_params(&params, 25, config.admin_max_page_size);
    let ascending = ascending(&params, &config);
    respond::json(
        StatusCode::OK,
        paged(rows, &paging, "Id", ascending, Family::Admin, &config),
    )
}

pub async fn get_coworker(
    State(sim): State<Arc<Sim>>,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Response {
    if let Err(denied) = authorize(&sim, &headers, Family::Admin, "Coworker-Read") {
        return denied;
    }
    let world = lock(&sim.world);
    match world.coworker(id) {
        Some(coworker) => respond::json(StatusCode::OK, world.coworker_json(coworker)),
        None => respond::empty(StatusCode::NOT_FOUND),
    }
}

pub async fn list_businesses(
    State(sim): State<Arc<Sim>>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    if let Err(denied) = authorize(&sim, &headers, Family::Admin, "Business-List") {
        return denied;
    }
    let params = query_pairs(query.as_deref());
    let config = sim.config();
    let world = lock(&sim.world);
    let rows: Vec<Value> = world
        .businesses
        .iter()
        .filter(|b| param(&params, "Business_Name").is_none_or(|name| contains_ci(&b.name, name)))
        .map(|b| world.business_json(b))
        .collect();
    let paging = Paging::from_params(&params, 25, config.admin_max_page_size);
    respond::json(
        StatusCode::OK,
        paged(rows, &paging, "Id", true, Family::Admin, &config),
    )
}

pub async fn get_business(
    State(sim): State<Arc<Sim>>,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Response {
    if let Err(denied) = authorize(&sim, &headers, Family::Admin, "Business-Read") {
        return denied;
    }
    let world = lock(&sim.world);
    match world.business(id) {
        Some(business) => respond::json(StatusCode::OK, world.business_json(business)),
        None => respond::empty(StatusCode::NOT_FOUND),
    }
}

/// Tenant discovery by web address (RE-PUBLIC): `?host=shoreditch`.
pub async fn business_by_host(State(sim): State<Arc<Sim>>, RawQuery(query): RawQuery) -> Response {
    let params = query_pairs(query.as_deref());
    let wanted = param(&params, "host").unwrap_or("").to_ascii_lowercase();
    let world = lock(&sim.world);
    let slug = wanted.split('.').next().unwrap_or("");
    match world.businesses.iter().find(|b| b.web_address == slug) {
        Some(b) => respond::json(
            StatusCode::OK,
            json!({"Id": b.id, "WebAddress": format!("{}.spaces.nexudus.com", b.web_address)}),
        ),
        None => respond::empty(StatusCode::NOT_FOUND),
    }
}
