//! Typed views of what Nexudus sends (§3–§5). Everything is read leniently ([`lenient`]):
//! unknown fields are ignored, a field the desk can do without reads whatever its JSON type,
//! enums keep unknown codes, and a field the desk needs that cannot be read fails only its own
//! record: a list reads each record on its own and reports the ones it skipped
//! ([`Page::unreadable`]). Admin records also keep the raw JSON they came from, so an update
//! can send back every field the server sent, modelled or not.
//!
//! Needed fields, by model (everything else is optional):
//! - admin `Visitor`: `Id`, `FullName`, `CoworkerId`, `ExpectedArrival`, `ArrivalDate`,
//!   `DepartureDate`, `Arrived`;
//! - public `PublicVisitor`: `Id`, `FullName`, `UtcExpectedArrival`, `UtcArrivalDate`,
//!   `Arrived`;
//! - `Coworker`: `Id`, `FullName`; `Business`: `Id`, `Name`.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::lenient;
pub use super::listing::{Listing, Page, Record, SortDirection, Unreadable};

fn id_and_name(id: i64, name: &str) -> Option<&'static str> {
    if id <= 0 {
        Some("it has no Id")
    } else if name.trim().is_empty() {
        Some("it has no name")
    } else {
        None
    }
}

/// `eVisitorSource`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VisitorSource {
    Administrator,
    NexIo,
    Customer,
    Unknown,
}

impl VisitorSource {
    pub fn from_code(code: i64) -> Self {
        match code {
            1 => Self::Administrator,
            2 => Self::NexIo,
            3 => Self::Customer,
            _ => Self::Unknown,
        }
    }

    pub fn code(self) -> i64 {
        match self {
            Self::Administrator => 1,
            Self::NexIo => 2,
            Self::Customer => 3,
            Self::Unknown => 0,
        }
    }
}

/// `eVisitorHostApprovalStatus`; `0` (seen in blank examples) and unknown codes are `Unknown`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HostApproval {
    NotRequired,
    Requested,
    Rejected,
    AcceptedAndHold,
    AcceptedAndGrant,
    Unknown,
}

impl HostApproval {
    pub fn from_code(code: i64) -> Self {
        match code {
            1 => Self::NotRequired,
            2 => Self::Requested,
            3 => Self::Rejected,
            4 => Self::AcceptedAndHold,
            5 => Self::AcceptedAndGrant,
            _ => Self::Unknown,
        }
    }

    pub fn code(self) -> i64 {
        match self {
            Self::NotRequired => 1,
            Self::Requested => 2,
            Self::Rejected => 3,
            Self::AcceptedAndHold => 4,
            Self::AcceptedAndGrant => 5,
            Self::Unknown => 0,
        }
    }
}

/// An admin Visitor record (§3.1). List rows are partial: never build an update from one.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "PascalCase", default)]
pub struct Visitor {
    #[serde(deserialize_with = "lenient::id")]
    pub id: i64,
    #[serde(deserialize_with = "lenient::text_or_empty")]
    pub unique_id: String,
    #[serde(deserialize_with = "lenient::int")]
    pub business_id: Option<i64>,
    #[serde(deserialize_with = "lenient::related_id")]
    pub coworker_id: Option<i64>,
    #[serde(deserialize_with = "lenient::name")]
    pub full_name: String,
    #[serde(deserialize_with = "lenient::text")]
    pub email: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub phone_number: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub company_name: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub visit_reason: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub notes: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub customer_notes: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub checked_in_at: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub visitor_code: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub system_id: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub access_control_scheduled_job_id: Option<String>,
    /// A string in the reference (§3.1), a number on some servers: read as text either way.
    #[serde(deserialize_with = "lenient::text")]
    pub coworker_coworker_type: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub coworker_full_name: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub coworker_company_name: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub coworker_billing_name: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub coworker_email: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub coworker_team_names: Option<String>,
    #[serde(deserialize_with = "lenient::int_or_zero")]
    pub visitor_source: i64,
    #[serde(deserialize_with = "lenient::int_or_zero")]
    pub host_approval_status: i64,
    #[serde(deserialize_with = "lenient::needed_date")]
    pub expected_arrival: Option<DateTime<Utc>>,
    #[serde(deserialize_with = "lenient::needed_date")]
    pub arrival_date: Option<DateTime<Utc>>,
    #[serde(deserialize_with = "lenient::needed_date")]
    pub departure_date: Option<DateTime<Utc>>,
    #[serde(deserialize_with = "lenient::date")]
    pub created_on: Option<DateTime<Utc>>,
    #[serde(deserialize_with = "lenient::date")]
    pub updated_on: Option<DateTime<Utc>>,
    #[serde(deserialize_with = "lenient::text")]
    pub updated_by: Option<String>,
    #[serde(deserialize_with = "lenient::needed_flag")]
    pub arrived: bool,
    #[serde(deserialize_with = "lenient::flag")]
    pub notified: bool,
    #[serde(deserialize_with = "lenient::flag")]
    pub internal: bool,
    #[serde(deserialize_with = "lenient::flag")]
    pub is_tour: bool,
    #[serde(deserialize_with = "lenient::flag")]
    pub has_agreed_terms: bool,
    #[serde(deserialize_with = "lenient::flag")]
    pub tour_confirmed: bool,
    #[serde(deserialize_with = "lenient::flag")]
    pub check_in_now: bool,
    #[serde(deserialize_with = "lenient::flag")]
    pub is_new: bool,
}

impl Record for Visitor {
    fn id(&self) -> i64 {
        self.id
    }
    const KIND: &'static str = "visitor";
    fn unusable(&self) -> Option<&'static str> {
        id_and_name(self.id, &self.full_name)
    }
}

impl Visitor {
    pub fn source(&self) -> VisitorSource {
        VisitorSource::from_code(self.visitor_source)
    }

    pub fn approval(&self) -> HostApproval {
        HostApproval::from_code(self.host_approval_status)
    }

    /// On site: arrived and not yet left.
    pub fn is_on_site(&self) -> bool {
        self.arrived && self.departure_date.is_none()
    }
}

/// A full admin record as the server sent it (from get-one or batch, never from a list), with
/// its typed view. Updates are made on `raw`, so unmodelled fields survive a round trip.
#[derive(Clone, Debug, PartialEq)]
pub struct VisitorRecord {
    pub visitor: Visitor,
    pub raw: Map<String, Value>,
}

/// A row of the public `GET /api/public/visitors/my` list (§4.2). Local dates are in the
/// location's zone; the `Utc*` twins are preferred.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "PascalCase", default)]
pub struct PublicVisitor {
    #[serde(deserialize_with = "lenient::id")]
    pub id: i64,
    #[serde(deserialize_with = "lenient::text_or_empty")]
    pub unique_id: String,
    #[serde(deserialize_with = "lenient::name")]
    pub full_name: String,
    #[serde(deserialize_with = "lenient::text")]
    pub email: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub phone_number: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub notes: Option<String>,
    /// Present on some spaces only (UNCONFIRMED); absent means "not known".
    #[serde(deserialize_with = "lenient::int")]
    pub host_approval_status: Option<i64>,
    /// Local to the location; only a fallback for the UTC twin.
    #[serde(deserialize_with = "lenient::date")]
    pub expected_arrival: Option<DateTime<Utc>>,
    #[serde(deserialize_with = "lenient::needed_date")]
    pub utc_expected_arrival: Option<DateTime<Utc>>,
    #[serde(deserialize_with = "lenient::date")]
    pub arrival_date: Option<DateTime<Utc>>,
    #[serde(deserialize_with = "lenient::needed_date")]
    pub utc_arrival_date: Option<DateTime<Utc>>,
    #[serde(deserialize_with = "lenient::needed_flag")]
    pub arrived: bool,
    #[serde(deserialize_with = "lenient::date")]
    pub created_on_utc: Option<DateTime<Utc>>,
    #[serde(deserialize_with = "lenient::date")]
    pub updated_on_utc: Option<DateTime<Utc>>,
}

impl Record for PublicVisitor {
    fn id(&self) -> i64 {
        self.id
    }
    const KIND: &'static str = "visitor";
    fn unusable(&self) -> Option<&'static str> {
        id_and_name(self.id, &self.full_name)
    }
}

impl PublicVisitor {
    /// The expected arrival as an instant: the `Utc*` field where present.
    pub fn expected_at(&self) -> Option<DateTime<Utc>> {
        self.utc_expected_arrival.or(self.expected_arrival)
    }

    pub fn arrived_at(&self) -> Option<DateTime<Utc>> {
        self.utc_arrival_date.or(self.arrival_date)
    }

    pub fn approval(&self) -> Option<HostApproval> {
        self.host_approval_status.map(HostApproval::from_code)
    }
}

/// A coworker (a member, i.e. a possible host) (§5.1).
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "PascalCase", default)]
pub struct Coworker {
    #[serde(deserialize_with = "lenient::id")]
    pub id: i64,
    #[serde(deserialize_with = "lenient::name")]
    pub full_name: String,
    #[serde(deserialize_with = "lenient::text")]
    pub email: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub company_name: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub team_names: Option<String>,
    #[serde(deserialize_with = "lenient::ints")]
    pub businesses: Vec<i64>,
}

impl Record for Coworker {
    fn id(&self) -> i64 {
        self.id
    }
    const KIND: &'static str = "member";
    fn unusable(&self) -> Option<&'static str> {
        id_and_name(self.id, &self.full_name)
    }
}

/// A location (§5.2, and the public `withVisitors` list).
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "PascalCase", default)]
pub struct Business {
    #[serde(deserialize_with = "lenient::id")]
    pub id: i64,
    #[serde(deserialize_with = "lenient::name")]
    pub name: String,
    #[serde(deserialize_with = "lenient::text")]
    pub web_address: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub simple_time_zone_id: Option<String>,
    /// Not a documented Nexudus field; filled where a server provides it.
    #[serde(deserialize_with = "lenient::text")]
    pub time_zone_iana: Option<String>,
}

impl Record for Business {
    fn id(&self) -> i64 {
        self.id
    }
    const KIND: &'static str = "location";
    fn unusable(&self) -> Option<&'static str> {
        id_and_name(self.id, &self.name)
    }
}

/// One entry of a 400 validation envelope.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "PascalCase", default)]
pub struct FieldError {
    #[serde(deserialize_with = "lenient::text")]
    pub property_name: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub message: Option<String>,
    #[serde(skip_serializing, deserialize_with = "lenient::any")]
    pub attempted_value: Option<Value>,
}

/// The ActionConfirmation envelope of writes, also the shape of 400 validation answers.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(rename_all = "PascalCase", default)]
pub struct ActionConfirmation {
    #[serde(deserialize_with = "lenient::int")]
    pub status: Option<i64>,
    #[serde(deserialize_with = "lenient::text")]
    pub message: Option<String>,
    #[serde(deserialize_with = "lenient::any")]
    pub value: Option<Value>,
    #[serde(deserialize_with = "lenient::maybe_flag")]
    pub was_successful: Option<bool>,
    #[serde(deserialize_with = "lenient::list")]
    pub errors: Vec<FieldError>,
}

impl ActionConfirmation {
    /// The new record's id, from `Value.Id` (a number or its text).
    pub fn id(&self) -> Option<i64> {
        lenient::as_int(self.value.as_ref()?.get("Id")?).filter(|id| *id > 0)
    }
}

/// A location offered to hosts (`GET /api/public/businesses/withVisitors`).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct BusinessesWithVisitors {
    #[serde(deserialize_with = "lenient::list")]
    pub businesses: Vec<Business>,
}

#[cfg(test)]
#[path = "models_tests.rs"]
mod tests;
