//! What the desk sends about visitors: searches with the documented filter names, new
//! visitors, host registrations, and changes merged into the full record (§3–§4).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use super::dates;

/// Fields the server owns: never sent back in an update (§3.7).
const READ_ONLY: [&str; 8] = [
    "CreatedOn",
    "UpdatedOn",
    "UpdatedBy",
    "UniqueId",
    "IsNew",
    "ToStringText",
    "LocalizationDetails",
    "CustomFields",
];
const DATE_FIELDS: [&str; 3] = ["ExpectedArrival", "ArrivalDate", "DepartureDate"];

fn ceil_to_minute(at: DateTime<Utc>) -> DateTime<Utc> {
    use chrono::{DurationRound, Timelike};
    let whole = at
        .duration_trunc(chrono::Duration::minutes(1))
        .unwrap_or(at);
    if whole == at && at.second() == 0 {
        at
    } else {
        whole + chrono::Duration::minutes(1)
    }
}

/// A search of admin visitors with the documented filter names (§3.3).
#[derive(Clone, Debug, Default)]
pub struct VisitorQuery {
    pub business: Option<i64>,
    pub host: Option<i64>,
    pub expected_from: Option<DateTime<Utc>>,
    pub expected_to: Option<DateTime<Utc>>,
    pub updated_since: Option<DateTime<Utc>>,
    pub arrived: Option<bool>,
    pub name: Option<String>,
    pub email: Option<String>,
    pub visitor_code: Option<String>,
}

impl VisitorQuery {
    pub(super) fn params(&self) -> Vec<(String, String)> {
        let mut params = Vec::new();
        let mut add = |key: &str, value: Option<String>| {
            if let Some(value) = value {
                params.push((key.to_string(), value));
            }
        };
        add("Visitor_Business", self.business.map(|v| v.to_string()));
        add("Visitor_Coworker", self.host.map(|v| v.to_string()));
        add(
            "from_Visitor_ExpectedArrival",
            self.expected_from.map(dates::to_range_bound),
        );
        // The filter has minute precision: an end with seconds (a day's 23:59:59) is rounded
        // up, or a visitor expected in the day's last minute would be missed. The caller keeps
        // only what is inside its own range.
        add(
            "to_Visitor_ExpectedArrival",
            self.expected_to
                .map(|to| dates::to_range_bound(ceil_to_minute(to))),
        );
        add(
            "from_Visitor_UpdatedOn",
            self.updated_since.map(dates::to_range_bound),
        );
        add("Visitor_Arrived", self.arrived.map(|v| v.to_string()));
        add("Visitor_FullName", self.name.clone());
        add("Visitor_Email", self.email.clone());
        add("Visitor_VisitorCode", self.visitor_code.clone());
        params
    }
}

/// A visitor created at the desk (a walk-in, or a reception pre-registration).
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct NewVisitor {
    pub business_id: i64,
    pub full_name: String,
    pub email: String,
    #[serde(serialize_with = "wire_date", deserialize_with = "required_date")]
    pub expected_arrival: DateTime<Utc>,
    /// Always sent: one doc calls these optional, three call them required (§3.6).
    pub visitor_source: i64,
    pub host_approval_status: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub coworker_id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub company_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub visit_reason: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Check the visitor in as part of the create (a walk-in standing at the desk).
    pub check_in_now: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub checked_in_at: Option<String>,
    /// Nexudus's field for an external system's id; Front Desk puts its operation id here so
    /// a create whose answer was lost can be recognised instead of made twice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub system_id: Option<String>,
}

impl NewVisitor {
    /// A visitor standing at the desk: expected now, checked in as it is created, from the
    /// desk (source 1) with no host approval asked. The optional fields start empty.
    pub fn walk_in(business_id: i64, full_name: &str, email: &str) -> Self {
        NewVisitor {
            business_id,
            full_name: full_name.to_string(),
            email: email.to_string(),
            expected_arrival: chrono::Utc::now(),
            visitor_source: 1,
            host_approval_status: 1,
            coworker_id: None,
            phone_number: None,
            company_name: None,
            visit_reason: None,
            notes: None,
            check_in_now: true,
            checked_in_at: None,
            system_id: None,
        }
    }
}

fn required_date<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<DateTime<Utc>, D::Error> {
    let text = String::deserialize(deserializer)?;
    dates::parse(&text).ok_or_else(|| serde::de::Error::custom(format!("not a date: {text}")))
}

fn wire_date<S: serde::Serializer>(at: &DateTime<Utc>, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&dates::to_wire(*at))
}

/// One visit a host registers on the public API; one per date (§4.1).
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct Registration {
    pub business_id: i64,
    pub full_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
    #[serde(serialize_with = "wire_date", deserialize_with = "required_date")]
    pub expected_arrival: DateTime<Utc>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customer_notes: Option<String>,
}

/// A change to an existing visitor: fields to set on the full record. Built by the helpers
/// so that every change the app makes is one of a known few.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct VisitorChange {
    pub set: Map<String, Value>,
}

impl VisitorChange {
    /// Check in: `CheckInNow` asks Nexudus to do what its own panel does (notify the host);
    /// `Arrived` and `ArrivalDate` are set as well in case a server only stores the flag.
    pub fn check_in(at: DateTime<Utc>, location: Option<&str>) -> Self {
        let mut set = Map::new();
        set.insert("Arrived".into(), json!(true));
        set.insert("ArrivalDate".into(), json!(dates::to_wire(at)));
        set.insert("CheckInNow".into(), json!(true));
        if let Some(location) = location {
            set.insert("CheckedInAt".into(), json!(location));
        }
        VisitorChange { set }
    }

    pub fn check_out(at: DateTime<Utc>) -> Self {
        let mut set = Map::new();
        set.insert("DepartureDate".into(), json!(dates::to_wire(at)));
        VisitorChange { set }
    }

    pub fn host_approval(status: i64) -> Self {
        let mut set = Map::new();
        set.insert("HostApprovalStatus".into(), json!(status));
        VisitorChange { set }
    }

    /// Applies this change to a full record as the server sent it, ready to PUT: read-only
    /// fields out, dates re-written in the one form we send, every other field kept.
    pub fn merged_into(&self, raw: &Map<String, Value>) -> Map<String, Value> {
        let mut body = raw.clone();
        for field in READ_ONLY {
            body.remove(field);
        }
        for field in DATE_FIELDS {
            if let Some(Value::String(text)) = body.get(field) {
                if let Some(at) = dates::parse(text) {
                    body.insert(field.to_string(), json!(dates::to_wire(at)));
                }
            }
        }
        for (field, value) in &self.set {
            body.insert(field.clone(), value.clone());
        }
        body
    }
}

/// What a change makes of the record read right before it is written.
#[derive(Clone, Debug, PartialEq)]
pub enum Precheck {
    /// Write the change (as an answer: it was written).
    Write,
    /// The record already shows what the change wants: nothing is sent. Says why, for a person.
    AlreadyDone(String),
    /// Someone else changed the record in a way this change must not overwrite.
    Conflict(String),
}

/// What one account may do: reception (admin Visitor roles) and/or host (member).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Roles {
    pub reception: bool,
    pub host: bool,
}
