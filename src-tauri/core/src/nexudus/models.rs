//! Typed views of what Nexudus sends (§3–§5). Everything is read leniently: unknown fields are
//! ignored, a null is as good as missing, enums keep unknown codes, and dates go through
//! [`dates::lenient`]. Admin records also keep the raw JSON they came from, so an update can
//! send back every field the server sent, modelled or not.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};

use super::dates;

/// A null or missing value reads as the type's default.
fn null_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
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
    #[serde(deserialize_with = "null_default")]
    pub id: i64,
    #[serde(deserialize_with = "null_default")]
    pub unique_id: String,
    pub business_id: Option<i64>,
    pub coworker_id: Option<i64>,
    #[serde(deserialize_with = "null_default")]
    pub full_name: String,
    pub email: Option<String>,
    pub phone_number: Option<String>,
    pub company_name: Option<String>,
    pub visit_reason: Option<String>,
    pub notes: Option<String>,
    pub customer_notes: Option<String>,
    pub checked_in_at: Option<String>,
    pub visitor_code: Option<String>,
    pub system_id: Option<String>,
    pub access_control_scheduled_job_id: Option<String>,
    pub coworker_coworker_type: Option<i64>,
    pub coworker_full_name: Option<String>,
    pub coworker_company_name: Option<String>,
    pub coworker_billing_name: Option<String>,
    pub coworker_email: Option<String>,
    pub coworker_team_names: Option<String>,
    #[serde(deserialize_with = "null_default")]
    pub visitor_source: i64,
    #[serde(deserialize_with = "null_default")]
    pub host_approval_status: i64,
    #[serde(deserialize_with = "dates::lenient")]
    pub expected_arrival: Option<DateTime<Utc>>,
    #[serde(deserialize_with = "dates::lenient")]
    pub arrival_date: Option<DateTime<Utc>>,
    #[serde(deserialize_with = "dates::lenient")]
    pub departure_date: Option<DateTime<Utc>>,
    #[serde(deserialize_with = "dates::lenient")]
    pub created_on: Option<DateTime<Utc>>,
    #[serde(deserialize_with = "dates::lenient")]
    pub updated_on: Option<DateTime<Utc>>,
    pub updated_by: Option<String>,
    #[serde(deserialize_with = "null_default")]
    pub arrived: bool,
    #[serde(deserialize_with = "null_default")]
    pub notified: bool,
    #[serde(deserialize_with = "null_default")]
    pub internal: bool,
    #[serde(deserialize_with = "null_default")]
    pub is_tour: bool,
    #[serde(deserialize_with = "null_default")]
    pub has_agreed_terms: bool,
    #[serde(deserialize_with = "null_default")]
    pub tour_confirmed: bool,
    #[serde(deserialize_with = "null_default")]
    pub check_in_now: bool,
    #[serde(deserialize_with = "null_default")]
    pub is_new: bool,
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
    #[serde(deserialize_with = "null_default")]
    pub id: i64,
    #[serde(deserialize_with = "null_default")]
    pub unique_id: String,
    #[serde(deserialize_with = "null_default")]
    pub full_name: String,
    pub email: Option<String>,
    pub phone_number: Option<String>,
    pub notes: Option<String>,
    /// Present on some spaces only (UNCONFIRMED); absent means "not known".
    pub host_approval_status: Option<i64>,
    #[serde(deserialize_with = "dates::lenient")]
    pub expected_arrival: Option<DateTime<Utc>>,
    #[serde(deserialize_with = "dates::lenient")]
    pub utc_expected_arrival: Option<DateTime<Utc>>,
    #[serde(deserialize_with = "dates::lenient")]
    pub arrival_date: Option<DateTime<Utc>>,
    #[serde(deserialize_with = "dates::lenient")]
    pub utc_arrival_date: Option<DateTime<Utc>>,
    #[serde(deserialize_with = "null_default")]
    pub arrived: bool,
    #[serde(deserialize_with = "dates::lenient")]
    pub created_on_utc: Option<DateTime<Utc>>,
    #[serde(deserialize_with = "dates::lenient")]
    pub updated_on_utc: Option<DateTime<Utc>>,
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
    #[serde(deserialize_with = "null_default")]
    pub id: i64,
    #[serde(deserialize_with = "null_default")]
    pub full_name: String,
    pub email: Option<String>,
    pub company_name: Option<String>,
    pub team_names: Option<String>,
    #[serde(deserialize_with = "null_default")]
    pub businesses: Vec<i64>,
}

/// A location (§5.2, and the public `withVisitors` list).
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "PascalCase", default)]
pub struct Business {
    #[serde(deserialize_with = "null_default")]
    pub id: i64,
    #[serde(deserialize_with = "null_default")]
    pub name: String,
    pub web_address: Option<String>,
    pub simple_time_zone_id: Option<String>,
    /// Not a documented Nexudus field; filled where a server provides it.
    pub time_zone_iana: Option<String>,
}

/// `CurrentSortDirection`: a number on the admin API, a string on the public one.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(untagged)]
pub enum SortDirection {
    Number(i64),
    Text(String),
}

/// The paged envelope (§3.4). A bare array is accepted as a single page.
#[derive(Clone, Debug, PartialEq)]
pub struct Page<T> {
    pub records: Vec<T>,
    pub current_page: Option<i64>,
    pub total_pages: Option<i64>,
    pub has_next_page: Option<bool>,
    pub total_items: Option<i64>,
    pub sort_direction: Option<SortDirection>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase", bound(deserialize = "T: Deserialize<'de>"))]
struct Envelope<T> {
    #[serde(default = "Vec::new", deserialize_with = "null_default")]
    records: Vec<T>,
    current_page: Option<i64>,
    total_pages: Option<i64>,
    has_next_page: Option<bool>,
    total_items: Option<i64>,
    current_sort_direction: Option<SortDirection>,
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Page<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged, bound(deserialize = "T: Deserialize<'de>"))]
        enum Shape<T> {
            Envelope(Envelope<T>),
            Bare(Vec<T>),
        }
        Ok(match Shape::deserialize(deserializer)? {
            Shape::Envelope(e) => Page {
                records: e.records,
                current_page: e.current_page,
                total_pages: e.total_pages,
                has_next_page: e.has_next_page,
                total_items: e.total_items,
                sort_direction: e.current_sort_direction,
            },
            Shape::Bare(records) => Page {
                records,
                current_page: Some(1),
                total_pages: Some(1),
                has_next_page: Some(false),
                total_items: None,
                sort_direction: None,
            },
        })
    }
}

impl<T> Page<T> {
    /// Whether a later page exists: `HasNextPage` where given, else `CurrentPage < TotalPages`.
    pub fn has_more(&self, page_asked: i64) -> bool {
        if self.records.is_empty() {
            return false;
        }
        match (self.has_next_page, self.total_pages) {
            (Some(next), _) => next,
            (None, Some(total)) => self.current_page.unwrap_or(page_asked) < total,
            (None, None) => false,
        }
    }
}

/// One entry of a 400 validation envelope.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "PascalCase", default)]
pub struct FieldError {
    pub property_name: Option<String>,
    pub message: Option<String>,
    #[serde(skip_serializing)]
    pub attempted_value: Option<Value>,
}

/// The ActionConfirmation envelope of writes, also the shape of 400 validation answers.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(rename_all = "PascalCase", default)]
pub struct ActionConfirmation {
    pub status: Option<i64>,
    pub message: Option<String>,
    pub value: Option<Value>,
    pub was_successful: Option<bool>,
    #[serde(deserialize_with = "null_default")]
    pub errors: Vec<FieldError>,
}

impl ActionConfirmation {
    /// The new record's id, from `Value.Id`.
    pub fn id(&self) -> Option<i64> {
        self.value.as_ref()?.get("Id")?.as_i64()
    }
}

/// A location offered to hosts (`GET /api/public/businesses/withVisitors`).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct BusinessesWithVisitors {
    #[serde(deserialize_with = "null_default")]
    pub businesses: Vec<Business>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_blank_batch_example_reads_with_zero_enums_and_nulls() {
        let blank = json!({
            "BusinessId": 0, "FullName": "", "Email": "", "CoworkerId": null,
            "VisitorSource": 0, "HostApprovalStatus": 0, "ExpectedArrival": null,
            "Arrived": false, "ArrivalDate": null, "Notified": null, "Unmodelled": [1, 2]
        });
        let visitor: Visitor = serde_json::from_value(blank).expect("lenient");
        assert_eq!(visitor.approval(), HostApproval::Unknown);
        assert_eq!(visitor.source(), VisitorSource::Unknown);
        assert!(!visitor.notified);
        assert_eq!(visitor.expected_arrival, None);
    }

    #[test]
    fn sort_direction_is_a_number_or_a_string() {
        let admin: Page<Visitor> = serde_json::from_value(json!({
            "Records": [], "CurrentSortDirection": 1, "TotalPages": 0
        }))
        .expect("admin");
        assert_eq!(admin.sort_direction, Some(SortDirection::Number(1)));
        let public: Page<PublicVisitor> = serde_json::from_value(json!({
            "Records": [{"Id": 42, "FullName": "A"}], "CurrentSortDirection": "ASC", "HasNextPage": true
        }))
        .expect("public");
        assert_eq!(
            public.sort_direction,
            Some(SortDirection::Text("ASC".into()))
        );
        assert!(public.has_more(1));
    }

    #[test]
    fn a_bare_array_is_one_page() {
        let page: Page<PublicVisitor> =
            serde_json::from_value(json!([{"Id": 42, "Email": "jane.doe@gmail.com", "ExpectedArrival": "2030-07-20T14:30:00"}]))
                .expect("bare");
        assert_eq!(page.records.len(), 1);
        assert!(!page.has_more(1));
        assert!(page.records[0].expected_at().is_some());
    }

    #[test]
    fn paging_falls_back_to_total_pages() {
        let page: Page<Coworker> = serde_json::from_value(json!({
            "Records": [{"Id": 1}], "CurrentPage": 1, "TotalPages": 3
        }))
        .expect("page");
        assert!(page.has_more(1));
        let last: Page<Coworker> = serde_json::from_value(json!({
            "Records": [{"Id": 1}], "CurrentPage": 3, "TotalPages": 3
        }))
        .expect("page");
        assert!(!last.has_more(3));
    }

    #[test]
    fn utc_twins_win_over_local_dates() {
        let row: PublicVisitor = serde_json::from_value(json!({
            "Id": 1, "ExpectedArrival": "2030-01-15T10:00:00", "UtcExpectedArrival": "2030-01-15T15:00:00Z"
        }))
        .expect("row");
        assert_eq!(
            dates::to_wire(row.expected_at().expect("date")),
            "2030-01-15T15:00:00"
        );
    }

    #[test]
    fn confirmation_carries_the_new_id() {
        let confirmation: ActionConfirmation = serde_json::from_value(json!({
            "Status": 200, "Message": "Visitor was successfully created.",
            "Value": {"Id": 87654321}, "Errors": null, "WasSuccessful": true
        }))
        .expect("envelope");
        assert_eq!(confirmation.id(), Some(87_654_321));
    }
}
