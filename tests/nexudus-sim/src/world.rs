//! The simulator's in-memory Nexudus: locations, coworkers, accounts, visitors, tokens, and the
//! side effects a test may want to observe (host notifications, webhook events).
//! Everything here is synchronous and free of HTTP so the rules can be unit tested.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::Serialize;
use serde_json::{json, Map, Value};
use uuid::Uuid;

use crate::config::SimConfig;
use crate::dates;

pub const FIRST_VISITOR_ID: i64 = 87_654_001;

#[derive(Clone, Debug)]
pub struct Business {
    pub id: i64,
    pub unique_id: Uuid,
    pub name: String,
    pub web_address: String,
    pub zone: Tz,
    /// Nexudus's own zone id (not IANA); the IANA name is `zone`.
    pub simple_time_zone_id: String,
    pub address: String,
    pub visitors_enabled: bool,
}

#[derive(Clone, Debug)]
pub struct Coworker {
    pub id: i64,
    pub unique_id: Uuid,
    pub full_name: String,
    pub email: String,
    pub company_name: Option<String>,
    pub coworker_type: i64,
    pub businesses: Vec<i64>,
    pub team_names: Option<String>,
    pub position: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AccountKind {
    Admin { roles: Vec<String> },
    Customer { coworker_id: i64 },
}

#[derive(Clone, Debug)]
pub struct Account {
    pub email: String,
    pub password: String,
    pub totp: Option<String>,
    pub kind: AccountKind,
}

impl Account {
    pub fn is_admin(&self) -> bool {
        matches!(self.kind, AccountKind::Admin { .. })
    }

    pub fn has_role(&self, role: &str) -> bool {
        match &self.kind {
            AccountKind::Admin { roles } => roles.iter().any(|r| r == role || r == "*"),
            AccountKind::Customer { .. } => false,
        }
    }
}

#[derive(Clone, Debug, Default)]
pub struct Visitor {
    pub id: i64,
    pub unique_id: Uuid,
    pub business_id: i64,
    pub coworker_id: Option<i64>,
    pub full_name: String,
    pub email: String,
    pub phone_number: Option<String>,
    pub company_name: Option<String>,
    pub visit_reason: Option<String>,
    pub notes: Option<String>,
    pub customer_notes: Option<String>,
    pub checked_in_at: Option<String>,
    pub access_control_scheduled_job_id: Option<String>,
    pub system_id: Option<String>,
    pub visitor_code: String,
    pub visitor_source: i64,
    pub host_approval_status: i64,
    pub expected_arrival: Option<DateTime<Utc>>,
    pub arrival_date: Option<DateTime<Utc>>,
    pub departure_date: Option<DateTime<Utc>>,
    pub arrived: bool,
    pub notified: bool,
    pub internal: bool,
    pub is_tour: bool,
    pub has_agreed_terms: bool,
    pub tour_confirmed: bool,
    pub created_on: DateTime<Utc>,
    pub updated_on: DateTime<Utc>,
    pub updated_by: String,
}

#[derive(Clone, Debug)]
pub struct Session {
    pub email: String,
    pub expires_at: DateTime<Utc>,
}

#[derive(Clone, Debug)]
pub struct RefreshGrant {
    pub email: String,
    pub client_id: String,
    pub expires_at: DateTime<Utc>,
}

/// "ada   LOVELACE" → "Ada Lovelace".
fn tidy_name(name: &str) -> String {
    name.split_whitespace()
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_uppercase().collect::<String>() + &chars.as_str().to_lowercase()
            })
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A host notification Nexudus would send (email / push) when a visitor checks in.
#[derive(Clone, Debug, Serialize)]
pub struct HostNotice {
    pub visitor_id: i64,
    pub coworker_id: Option<i64>,
    pub at: DateTime<Utc>,
    pub via: String,
}

/// A webhook Nexudus would fire (eWebhookAction: 41 checked in, 42 registered, 64 deleted).
#[derive(Clone, Debug, Serialize)]
pub struct WebhookEvent {
    pub action: i64,
    pub visitor_id: i64,
    pub at: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FieldError {
    #[serde(rename = "AttemptedValue")]
    pub attempted_value: Value,
    #[serde(rename = "Message")]
    pub message: String,
    #[serde(rename = "PropertyName")]
    pub property_name: String,
}

impl FieldError {
    fn required(property: &str, attempted: Option<&Value>) -> Self {
        FieldError {
            attempted_value: attempted.cloned().unwrap_or(Value::Null),
            message: "is a required field".into(),
            property_name: property.into(),
        }
    }

    fn invalid(property: &str, attempted: &Value) -> Self {
        FieldError {
            attempted_value: attempted.clone(),
            message: "is not valid".into(),
            property_name: property.into(),
        }
    }
}

#[derive(Default)]
pub struct World {
    pub businesses: Vec<Business>,
    pub coworkers: Vec<Coworker>,
    pub accounts: Vec<Account>,
    pub visitors: BTreeMap<i64, Visitor>,
    pub next_visitor_id: i64,
    pub sessions: HashMap<String, Session>,
    pub refresh_grants: HashMap<String, RefreshGrant>,
    pub notices: Vec<HostNotice>,
    pub webhooks: Vec<WebhookEvent>,
}

/// Fields every write of a visitor must carry (DEV-PUTVIS; enums required per the CONFLICT's
/// stricter side, §3.6).
const REQUIRED: [&str; 6] = [
    "BusinessId",
    "FullName",
    "Email",
    "VisitorSource",
    "HostApprovalStatus",
    "ExpectedArrival",
];

impl World {
    pub fn empty() -> Self {
        World {
            next_visitor_id: FIRST_VISITOR_ID,
            ..World::default()
        }
    }

    pub fn business(&self, id: i64) -> Option<&Business> {
        self.businesses.iter().find(|b| b.id == id)
    }

    pub fn coworker(&self, id: i64) -> Option<&Coworker> {
        self.coworkers.iter().find(|c| c.id == id)
    }

    pub fn account(&self, email: &str) -> Option<&Account> {
        self.accounts
            .iter()
            .find(|a| a.email.eq_ignore_ascii_case(email))
    }

    pub fn zone_of(&self, business_id: i64) -> Tz {
        self.business(business_id)
            .map_or(chrono_tz::UTC, |business| business.zone)
    }

    /// A 6-digit PIN, unique for the first million visitors (7919 is coprime with 10^6).
    pub fn visitor_code_for(id: i64) -> String {
        format!("{:06}", (id * 7919).rem_euclid(1_000_000))
    }

    pub fn allocate_visitor_id(&mut self) -> i64 {
        let id = self.next_visitor_id;
        self.next_visitor_id += 1;
        id
    }

    /// Creates a visitor from an admin POST body (full-record semantics).
    pub fn create_visitor(
        &mut self,
        body: &Map<String, Value>,
        by: &str,
        now: DateTime<Utc>,
        config: &SimConfig,
    ) -> Result<i64, Vec<FieldError>> {
        let fields = self.validate_fields(body)?;
        let id = self.allocate_visitor_id();
        let mut visitor = Visitor {
            id,
            unique_id: Uuid::new_v4(),
            visitor_code: Self::visitor_code_for(id),
            created_on: now,
            ..Visitor::default()
        };
        fields.assign_to(&mut visitor);
        if config.normalise_names {
            visitor.full_name = tidy_name(&visitor.full_name);
            visitor.email = visitor.email.to_lowercase();
        }
        visitor.updated_on = now;
        visitor.updated_by = by.to_string();
        let check_in_now = fields.check_in_now;
        self.visitors.insert(id, visitor);
        self.webhooks.push(WebhookEvent {
            action: 42,
            visitor_id: id,
            at: now,
        });
        if check_in_now && config.check_in_now_notifies {
            self.check_in(id, None, "admin", by, now);
        }
        Ok(id)
    }

    /// Replaces a visitor from an admin PUT body. Every writable field the body omits is
    /// cleared, as the real service does; read-only fields are ignored.
    pub fn update_visitor(
        &mut self,
        id: i64,
        body: &Map<String, Value>,
        by: &str,
        now: DateTime<Utc>,
        config: &SimConfig,
    ) -> Result<(), UpdateError> {
        if !self.visitors.contains_key(&id) {
            return Err(UpdateError::NotFound);
        }
        let fields = self.validate_fields(body).map_err(UpdateError::Invalid)?;
        let was_arrived = self.visitors.get(&id).is_some_and(|v| v.arrived);
        if let Some(visitor) = self.visitors.get_mut(&id) {
            fields.assign_to(visitor);
            visitor.updated_on = now;
            visitor.updated_by = by.to_string();
        }
        if fields.check_in_now && config.check_in_now_notifies {
            let at = fields.checked_in_at.clone();
            self.check_in(id, at, "admin", by, now);
        } else if fields.arrived && !was_arrived && !config.check_in_now_notifies {
            // With the "flag stored only" switch, `Arrived` alone behaves like CheckInNow.
            self.notify_arrival(id, "admin", now);
        }
        Ok(())
    }

    /// Checks a visitor in as the Admin Panel or NexIO does: arrived, arrival time, notified,
    /// and the host's notification plus the VisitorCheckedin webhook.
    pub fn check_in(
        &mut self,
        id: i64,
        location: Option<String>,
        via: &str,
        by: &str,
        now: DateTime<Utc>,
    ) -> bool {
        let Some(visitor) = self.visitors.get_mut(&id) else {
            return false;
        };
        visitor.arrived = true;
        visitor.arrival_date.get_or_insert(now);
        visitor.notified = true;
        if location.is_some() {
            visitor.checked_in_at = location;
        }
        visitor.updated_on = now;
        visitor.updated_by = by.to_string();
        self.notify_arrival(id, via, now);
        true
    }

    fn notify_arrival(&mut self, id: i64, via: &str, now: DateTime<Utc>) {
        let coworker_id = self.visitors.get(&id).and_then(|v| v.coworker_id);
        self.notices.push(HostNotice {
            visitor_id: id,
            coworker_id,
            at: now,
            via: via.to_string(),
        });
        self.webhooks.push(WebhookEvent {
            action: 41,
            visitor_id: id,
            at: now,
        });
    }

    pub fn check_out(&mut self, id: i64, by: &str, now: DateTime<Utc>) -> bool {
        let Some(visitor) = self.visitors.get_mut(&id) else {
            return false;
        };
        visitor.departure_date = Some(now);
        visitor.updated_on = now;
        visitor.updated_by = by.to_string();
        true
    }

    pub fn delete_visitor(&mut self, id: i64, now: DateTime<Utc>) -> bool {
        let removed = self.visitors.remove(&id).is_some();
        if removed {
            self.webhooks.push(WebhookEvent {
                action: 64,
                visitor_id: id,
                at: now,
            });
        }
        removed
    }

    fn validate_fields(&self, body: &Map<String, Value>) -> Result<VisitorFields, Vec<FieldError>> {
        let mut errors = Vec::new();
        for key in REQUIRED {
            let value = body.get(key);
            let blank = match value {
                None | Some(Value::Null) => true,
                Some(Value::String(s)) => s.trim().is_empty(),
                _ => false,
            };
            if blank {
                errors.push(FieldError::required(key, value));
            }
        }
        let mut reader = FieldReader {
            body,
            errors: &mut errors,
        };
        let fields = VisitorFields {
            business_id: reader.int("BusinessId").unwrap_or_default(),
            coworker_id: reader.int("CoworkerId"),
            full_name: reader.string("FullName").unwrap_or_default(),
            email: reader.string("Email").unwrap_or_default(),
            phone_number: reader.string("PhoneNumber"),
            company_name: reader.string("CompanyName"),
            visit_reason: reader.string("VisitReason"),
            notes: reader.string("Notes"),
            customer_notes: reader.string("CustomerNotes"),
            checked_in_at: reader.string("CheckedInAt"),
            access_control_scheduled_job_id: reader.string("AccessControlScheduledJobId"),
            system_id: reader.string("SystemId"),
            visitor_source: reader.int("VisitorSource").unwrap_or_default(),
            host_approval_status: reader.int("HostApprovalStatus").unwrap_or_default(),
            expected_arrival: reader.date("ExpectedArrival"),
            arrival_date: reader.date("ArrivalDate"),
            departure_date: reader.date("DepartureDate"),
            arrived: reader.bool("Arrived"),
            notified: reader.bool("Notified"),
            internal: reader.bool("Internal"),
            is_tour: reader.bool("IsTour"),
            has_agreed_terms: reader.bool("HasAgreedTerms"),
            tour_confirmed: reader.bool("TourConfirmed"),
            check_in_now: reader.bool("CheckInNow"),
        };
        let known_error = |name: &str, errors: &[FieldError]| {
            errors.iter().any(|error| error.property_name == name)
        };
        if !known_error("BusinessId", &errors) && self.business(fields.business_id).is_none() {
            errors.push(FieldError::invalid(
                "BusinessId",
                &json!(fields.business_id),
            ));
        }
        if let Some(coworker_id) = fields.coworker_id {
            if self.coworker(coworker_id).is_none() {
                errors.push(FieldError::invalid("CoworkerId", &json!(coworker_id)));
            }
        }
        if !known_error("VisitorSource", &errors) && !(1..=3).contains(&fields.visitor_source) {
            errors.push(FieldError::invalid(
                "VisitorSource",
                &json!(fields.visitor_source),
            ));
        }
        if !known_error("HostApprovalStatus", &errors)
            && !(1..=5).contains(&fields.host_approval_status)
        {
            errors.push(FieldError::invalid(
                "HostApprovalStatus",
                &json!(fields.host_approval_status),
            ));
        }
        if !known_error("Email", &errors) && !fields.email.contains('@') {
            errors.push(FieldError::invalid("Email", &json!(fields.email)));
        }
        if errors.is_empty() {
            Ok(fields)
        } else {
            Err(errors)
        }
    }

    /// The admin API's view of a visitor, with the host's details copied in. `list_row` drops
    /// the fields list responses leave out (§9: so a PUT built from list data visibly clears
    /// them).
    pub fn admin_json(&self, visitor: &Visitor, config: &SimConfig, list_row: bool) -> Value {
        let zone = self.zone_of(visitor.business_id);
        let date = |d: Option<DateTime<Utc>>| {
            d.map_or(Value::Null, |d| {
                Value::String(dates::format(d, config.date_format, zone))
            })
        };
        let host = visitor.coworker_id.and_then(|id| self.coworker(id));
        let mut record = json!({
            "Id": visitor.id,
            "UniqueId": visitor.unique_id,
            "BusinessId": visitor.business_id,
            "CoworkerId": visitor.coworker_id,
            "CoworkerCoworkerType": host.map(|h| h.coworker_type),
            "CoworkerFullName": host.map(|h| h.full_name.clone()),
            "CoworkerCompanyName": host.and_then(|h| h.company_name.clone()),
            "CoworkerBillingName": host.map(|h| h.full_name.clone()),
            "CoworkerEmail": host.map(|h| h.email.clone()),
            "CoworkerTeamNames": host.and_then(|h| h.team_names.clone()),
            "FullName": visitor.full_name,
            "Email": visitor.email,
            "PhoneNumber": visitor.phone_number,
            "CompanyName": visitor.company_name,
            "VisitReason": visitor.visit_reason,
            "Notes": visitor.notes,
            "CustomerNotes": visitor.customer_notes,
            "CheckedInAt": visitor.checked_in_at,
            "AccessControlScheduledJobId": visitor.access_control_scheduled_job_id,
            "SystemId": visitor.system_id,
            "VisitorCode": visitor.visitor_code,
            "VisitorSource": visitor.visitor_source,
            "HostApprovalStatus": visitor.host_approval_status,
            "ExpectedArrival": date(visitor.expected_arrival),
            "ArrivalDate": date(visitor.arrival_date),
            "DepartureDate": date(visitor.departure_date),
            "Arrived": visitor.arrived,
            "Notified": visitor.notified,
            "Internal": visitor.internal,
            "IsTour": visitor.is_tour,
            "HasAgreedTerms": visitor.has_agreed_terms,
            "TourConfirmed": visitor.tour_confirmed,
            "CheckInNow": false,
            "IsNew": false,
            "CreatedOn": date(Some(visitor.created_on)),
            "UpdatedOn": date(Some(visitor.updated_on)),
            "UpdatedBy": visitor.updated_by,
            "LocalizationDetails": null,
            "CustomFields": null,
            "ToStringText": visitor.full_name,
        });
        if list_row && config.partial_list_rows {
            if let Value::Object(map) = &mut record {
                for omitted in [
                    "Notes",
                    "CustomerNotes",
                    "PhoneNumber",
                    "SystemId",
                    "AccessControlScheduledJobId",
                ] {
                    map.remove(omitted);
                }
            }
        }
        record
    }

    /// The public `/my` list's view of a visitor: business-local and `Utc*` dates side by side.
    pub fn public_json(&self, visitor: &Visitor, config: &SimConfig) -> Value {
        let zone = self.zone_of(visitor.business_id);
        let local = |d: Option<DateTime<Utc>>| d.map(|d| dates::format_local(d, zone));
        let utc = |d: Option<DateTime<Utc>>| d.map(|d| dates::format(d, config.date_format, zone));
        json!({
            "Id": visitor.id,
            "UniqueId": visitor.unique_id,
            "FullName": visitor.full_name,
            "Email": visitor.email,
            "PhoneNumber": visitor.phone_number,
            "Notes": visitor.customer_notes.clone().or_else(|| visitor.notes.clone()),
            "HostApprovalStatus": visitor.host_approval_status,
            "ExpectedArrival": local(visitor.expected_arrival),
            "UtcExpectedArrival": utc(visitor.expected_arrival),
            "ArrivalDate": local(visitor.arrival_date),
            "UtcArrivalDate": utc(visitor.arrival_date),
            "Arrived": visitor.arrived,
            "GravatarHashedEmail": null,
            "DefaultAvatarUrl": null,
            "CreatedOn": local(Some(visitor.created_on)),
            "CreatedOnUtc": utc(Some(visitor.created_on)),
            "UpdatedOn": local(Some(visitor.updated_on)),
            "UpdatedOnUtc": utc(Some(visitor.updated_on)),
        })
    }

    pub fn business_json(&self, business: &Business) -> Value {
        json!({
            "Id": business.id,
            "UniqueId": business.unique_id,
            "Name": business.name,
            "WebAddress": business.web_address,
            "SimpleTimeZoneId": business.simple_time_zone_id,
            "TimeZoneIana": business.zone.name(),
            "Address": business.address,
            "RootLocationId": null,
            "Suspended": false,
        })
    }

    pub fn coworker_json(&self, coworker: &Coworker) -> Value {
        json!({
            "Id": coworker.id,
            "UniqueId": coworker.unique_id,
            "FullName": coworker.full_name,
            "Email": coworker.email,
            "CompanyName": coworker.company_name,
            "CoworkerType": coworker.coworker_type,
            "Businesses": coworker.businesses,
            "TeamNames": coworker.team_names,
            "Position": coworker.position,
            "Active": true,
            "Archived": false,
        })
    }
}

#[derive(Debug)]
pub enum UpdateError {
    NotFound,
    Invalid(Vec<FieldError>),
}

/// The writable fields of a visitor after validation.
struct VisitorFields {
    business_id: i64,
    coworker_id: Option<i64>,
    full_name: String,
    email: String,
    phone_number: Option<String>,
    company_name: Option<String>,
    visit_reason: Option<String>,
    notes: Option<String>,
    customer_notes: Option<String>,
    checked_in_at: Option<String>,
    access_control_scheduled_job_id: Option<String>,
    system_id: Option<String>,
    visitor_source: i64,
    host_approval_status: i64,
    expected_arrival: Option<DateTime<Utc>>,
    arrival_date: Option<DateTime<Utc>>,
    departure_date: Option<DateTime<Utc>>,
    arrived: bool,
    notified: bool,
    internal: bool,
    is_tour: bool,
    has_agreed_terms: bool,
    tour_confirmed: bool,
    check_in_now: bool,
}

impl VisitorFields {
    fn assign_to(&self, visitor: &mut Visitor) {
        visitor.business_id = self.business_id;
        visitor.coworker_id = self.coworker_id;
        visitor.full_name = self.full_name.clone();
        visitor.email = self.email.clone();
        visitor.phone_number = self.phone_number.clone();
        visitor.company_name = self.company_name.clone();
        visitor.visit_reason = self.visit_reason.clone();
        visitor.notes = self.notes.clone();
        visitor.customer_notes = self.customer_notes.clone();
        visitor.checked_in_at = self.checked_in_at.clone();
        visitor.access_control_scheduled_job_id = self.access_control_scheduled_job_id.clone();
        visitor.system_id = self.system_id.clone();
        visitor.visitor_source = self.visitor_source;
        visitor.host_approval_status = self.host_approval_status;
        visitor.expected_arrival = self.expected_arrival;
        visitor.arrival_date = self.arrival_date;
        visitor.departure_date = self.departure_date;
        visitor.arrived = self.arrived;
        visitor.notified = self.notified;
        visitor.internal = self.internal;
        visitor.is_tour = self.is_tour;
        visitor.has_agreed_terms = self.has_agreed_terms;
        visitor.tour_confirmed = self.tour_confirmed;
    }
}

/// Reads loosely typed JSON the way a .NET model binder does, recording "is not valid" for a
/// value of the wrong type.
struct FieldReader<'a> {
    body: &'a Map<String, Value>,
    errors: &'a mut Vec<FieldError>,
}

impl FieldReader<'_> {
    fn present(&self, key: &str) -> Option<&Value> {
        self.body.get(key).filter(|value| !value.is_null())
    }

    fn string(&mut self, key: &str) -> Option<String> {
        match self.present(key)? {
            Value::String(text) => Some(text.clone()),
            Value::Number(number) => Some(number.to_string()),
            other => {
                let other = other.clone();
                self.errors.push(FieldError::invalid(key, &other));
                None
            }
        }
    }

    fn int(&mut self, key: &str) -> Option<i64> {
        let value = self.present(key)?.clone();
        let parsed = match &value {
            Value::Number(number) => number.as_i64(),
            Value::String(text) if !text.trim().is_empty() => text.trim().parse().ok(),
            Value::String(_) => return None,
            _ => None,
        };
        if parsed.is_none() {
            self.errors.push(FieldError::invalid(key, &value));
        }
        parsed
    }

    fn bool(&mut self, key: &str) -> bool {
        let Some(value) = self.present(key).cloned() else {
            return false;
        };
        match &value {
            Value::Bool(flag) => *flag,
            Value::String(text) if text.eq_ignore_ascii_case("true") => true,
            Value::String(text) if text.eq_ignore_ascii_case("false") => false,
            _ => {
                self.errors.push(FieldError::invalid(key, &value));
                false
            }
        }
    }

    fn date(&mut self, key: &str) -> Option<DateTime<Utc>> {
        let value = self.present(key)?.clone();
        match &value {
            Value::String(text) if text.trim().is_empty() => None,
            Value::String(text) => {
                let parsed = dates::parse(text);
                if parsed.is_none() {
                    self.errors.push(FieldError::invalid(key, &value));
                }
                parsed
            }
            _ => {
                self.errors.push(FieldError::invalid(key, &value));
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn world() -> World {
        let mut world = World::empty();
        world.businesses.push(Business {
            id: 1,
            unique_id: Uuid::nil(),
            name: "Main".into(),
            web_address: "main".into(),
            zone: chrono_tz::Europe::London,
            simple_time_zone_id: "GMT Standard Time".into(),
            address: String::new(),
            visitors_enabled: true,
        });
        world
    }

    fn body(value: Value) -> Map<String, Value> {
        match value {
            Value::Object(map) => map,
            _ => Map::new(),
        }
    }

    fn valid_body() -> Value {
        json!({"BusinessId": 1, "FullName": "Ada", "Email": "ada@x.test",
               "VisitorSource": 1, "HostApprovalStatus": 1,
               "ExpectedArrival": "2026-11-23T10:00:00Z", "Notes": "keep"})
    }

    #[test]
    fn missing_required_fields_are_listed_like_the_real_envelope() {
        let mut world = world();
        let errors = world
            .create_visitor(
                &body(json!({"BusinessId": 1})),
                "a",
                Utc::now(),
                &SimConfig::default(),
            )
            .expect_err("must fail");
        let names: Vec<_> = errors.iter().map(|e| e.property_name.as_str()).collect();
        assert_eq!(
            names,
            [
                "FullName",
                "Email",
                "VisitorSource",
                "HostApprovalStatus",
                "ExpectedArrival"
            ]
        );
        assert!(errors.iter().all(|e| e.message == "is a required field"));
        assert!(world.visitors.is_empty());
    }

    #[test]
    fn put_clears_omitted_optional_fields() {
        let mut world = world();
        let config = SimConfig::default();
        let id = world
            .create_visitor(&body(valid_body()), "a", Utc::now(), &config)
            .expect("created");
        let mut without_notes = body(valid_body());
        without_notes.remove("Notes");
        world
            .update_visitor(id, &without_notes, "a", Utc::now(), &config)
            .expect("updated");
        assert_eq!(world.visitors[&id].notes, None);
    }

    #[test]
    fn check_in_now_checks_in_and_notifies_once() {
        let mut world = world();
        let config = SimConfig::default();
        let id = world
            .create_visitor(&body(valid_body()), "a", Utc::now(), &config)
            .expect("created");
        let mut check_in = body(valid_body());
        check_in.insert("CheckInNow".into(), json!(true));
        world
            .update_visitor(id, &check_in, "a", Utc::now(), &config)
            .expect("updated");
        assert!(world.visitors[&id].arrived);
        assert!(world.visitors[&id].arrival_date.is_some());
        assert_eq!(world.notices.len(), 1);
        assert!(world.webhooks.iter().any(|w| w.action == 41));
    }

    #[test]
    fn wrong_types_are_not_valid() {
        let mut world = world();
        let mut wrong = body(valid_body());
        wrong.insert("Arrived".into(), json!("maybe"));
        wrong.insert("ExpectedArrival".into(), json!("soon"));
        let errors = world
            .create_visitor(&wrong, "a", Utc::now(), &SimConfig::default())
            .expect_err("must fail");
        assert_eq!(errors.len(), 2);
        assert!(errors.iter().all(|e| e.message == "is not valid"));
    }

    #[test]
    fn visitor_codes_are_unique_and_six_digits() {
        let codes: std::collections::HashSet<_> = (FIRST_VISITOR_ID..FIRST_VISITOR_ID + 5000)
            .map(World::visitor_code_for)
            .collect();
        assert_eq!(codes.len(), 5000);
        assert!(codes.iter().all(|c| c.len() == 6));
    }
}
