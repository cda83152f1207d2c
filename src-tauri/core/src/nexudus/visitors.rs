//! Visitor, host and location operations over both API families.

use chrono::{DateTime, Utc};
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use super::client::{Call, Family, NexudusClient};
use super::dates;
use super::models::{
    Business, BusinessesWithVisitors, Coworker, Listing, Page, PublicVisitor, Record, Visitor,
    VisitorRecord,
};
use super::ApiError;

/// Pages are read until the server says there are no more; this bounds a misbehaving server.
const MAX_PAGES: i64 = 500;
/// A big day (thousands of visitors) is read in a few requests rather than dozens: live
/// servers honour up to 1,000 (§ paging table, undocumented). A server that caps lower still
/// works: pages are followed by the server's own `TotalPages`.
const ADMIN_PAGE_SIZE: i64 = 500;
const PUBLIC_PAGE_SIZE: i64 = 100;

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
    fn params(&self) -> Vec<(String, String)> {
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

/// Answers the bare record, or the `Value` inside `{"Value": record}`.
fn unwrap_record(value: Value) -> Result<Map<String, Value>, ApiError> {
    match value {
        Value::Object(mut map)
            if !map.contains_key("Id") && map.get("Value").is_some_and(Value::is_object) =>
        {
            match map.remove("Value") {
                Some(Value::Object(inner)) => Ok(inner),
                _ => Err(ApiError::Protocol {
                    detail: "visitor record is not an object".into(),
                }),
            }
        }
        Value::Object(map) => Ok(map),
        _ => Err(ApiError::Protocol {
            detail: "visitor record is not an object".into(),
        }),
    }
}

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

impl NexudusClient {
    async fn all_pages<T: Record>(
        &self,
        family: Family,
        path: &str,
        params: &[(String, String)],
        page_size: i64,
    ) -> Result<Listing<T>, ApiError> {
        let mut listing = Listing {
            records: Vec::new(),
            unreadable: Vec::new(),
        };
        let mut previous_ids: Option<Vec<i64>> = None;
        for page in 1..=MAX_PAGES {
            let mut call = Call::get(family, path)
                .query("page", page)
                .query("size", page_size);
            call.query.extend(params.iter().cloned());
            let answer: Page<T> = self.send_json(call).await?;
            // A server that ignores `page` sends page 1 forever: a page that repeats the one
            // before it is the end, not more data.
            let ids: Vec<i64> = answer.records.iter().map(Record::id).collect();
            if !ids.is_empty() && previous_ids.as_ref() == Some(&ids) {
                tracing::warn!(path, page, "the server repeated a page: stopped paging");
                break;
            }
            let more = answer.has_more(page) && answer.total_pages.is_none_or(|total| page < total);
            for unreadable in &answer.unreadable {
                tracing::warn!(
                    path,
                    id = ?unreadable.id,
                    reason = %unreadable.reason,
                    "skipped a record that could not be read"
                );
            }
            listing.records.extend(answer.records);
            listing.unreadable.extend(answer.unreadable);
            previous_ids = Some(ids);
            if !more {
                return Ok(listing);
            }
        }
        if listing.records.is_empty() {
            return Err(ApiError::Protocol {
                detail: format!("{path} did not stop paging after {MAX_PAGES} pages"),
            });
        }
        Ok(listing)
    }

    /// Every visitor matching the query, across all pages. Rows are partial (§3.4).
    pub async fn list_visitors(&self, query: &VisitorQuery) -> Result<Vec<Visitor>, ApiError> {
        Ok(self.list_visitors_reporting(query).await?.records)
    }

    /// As [`Self::list_visitors`], with the records that could not be read.
    pub async fn list_visitors_reporting(
        &self,
        query: &VisitorQuery,
    ) -> Result<Listing<Visitor>, ApiError> {
        self.all_pages(
            Family::Admin,
            "api/spaces/visitors",
            &query.params(),
            ADMIN_PAGE_SIZE,
        )
        .await
    }

    /// One full visitor record, with its raw JSON kept for updates.
    pub async fn get_visitor(&self, id: i64) -> Result<VisitorRecord, ApiError> {
        let path = format!("api/spaces/visitors/{id}");
        let value: Value = self.send_json(Call::get(Family::Admin, &path)).await?;
        let raw = unwrap_record(value)?;
        let visitor =
            serde_json::from_value(Value::Object(raw.clone())).map_err(|e| ApiError::Protocol {
                detail: format!("visitor {id}: {e}"),
            })?;
        Ok(VisitorRecord { visitor, raw })
    }

    /// Creates a visitor and answers its new id.
    pub async fn create_visitor(&self, visitor: &NewVisitor) -> Result<i64, ApiError> {
        let body = serde_json::to_value(visitor).map_err(|e| ApiError::Protocol {
            detail: e.to_string(),
        })?;
        let confirmation: super::models::ActionConfirmation = self
            .send_json(Call::with_body(
                Family::Admin,
                Method::POST,
                "api/spaces/visitors",
                body,
            ))
            .await?;
        confirmation.id().ok_or(ApiError::Protocol {
            detail: "the create answer carried no Value.Id".into(),
        })
    }

    /// Updates a visitor the only safe way: GET the full record, merge the change, PUT it
    /// all back, so no field is cleared by accident. Answers the record as sent.
    pub async fn update_visitor(
        &self,
        id: i64,
        change: &VisitorChange,
    ) -> Result<Map<String, Value>, ApiError> {
        let current = self.get_visitor(id).await?;
        let body = change.merged_into(&current.raw);
        self.send(Call::with_body(
            Family::Admin,
            Method::PUT,
            "api/spaces/visitors",
            Value::Object(body.clone()),
        ))
        .await?;
        Ok(body)
    }

    /// Updates a visitor without overwriting anyone else's change. Nexudus has no conditional
    /// PUT, so the record is read right before every attempt (after a throttle wait too, never
    /// re-sending a body built from an old read), `check` decides on what it shows, and only
    /// the change's own fields are merged into it.
    ///
    /// `change` is built after each read, so times it converts to the server's clock use what
    /// that read's answer taught.
    pub async fn update_visitor_checked(
        &self,
        id: i64,
        change: impl Fn() -> VisitorChange,
        check: impl Fn(&Visitor) -> Precheck,
    ) -> Result<Precheck, ApiError> {
        let config = self.config().clone();
        let mut throttled = 0;
        loop {
            // The write's budget is waited for first: the read and the write then go out
            // back to back, leaving another writer the least time to slip in between.
            self.pacer().reserve_write().await;
            let current = self.get_visitor(id).await?;
            let verdict = check(&current.visitor);
            if verdict != Precheck::Write {
                return Ok(verdict);
            }
            let mut call = Call::with_body(
                Family::Admin,
                Method::PUT,
                "api/spaces/visitors",
                Value::Object(change().merged_into(&current.raw)),
            );
            call.retry_throttled = false;
            call.write_reserved = true;
            match self.send(call).await {
                Ok(_) => return Ok(Precheck::Write),
                Err(ApiError::Throttled { wait }) if throttled < config.throttle_retries => {
                    let wait = wait.unwrap_or_else(|| {
                        super::backoff::backoff(throttled, config.max_inline_wait)
                    });
                    if wait > config.max_inline_wait {
                        return Err(ApiError::Throttled { wait: Some(wait) });
                    }
                    throttled += 1;
                    tokio::time::sleep(wait).await;
                }
                Err(error) => return Err(error),
            }
        }
    }

    /// Deletes a visitor; one already gone counts as deleted.
    pub async fn delete_visitor(&self, id: i64) -> Result<(), ApiError> {
        let path = format!("api/spaces/visitors/{id}");
        let call = Call {
            method: Method::DELETE,
            ..Call::get(Family::Admin, &path)
        };
        match self.send(call).await {
            Ok(_) | Err(ApiError::NotFound) => Ok(()),
            Err(error) => Err(error),
        }
    }

    /// Registers visits as a host, all in one request (the API takes an array). The answer
    /// carries no ids (§4.1): find them in [`my_visitors`](Self::my_visitors).
    pub async fn register_visitors(&self, visits: &[Registration]) -> Result<(), ApiError> {
        let body = serde_json::to_value(visits).map_err(|e| ApiError::Protocol {
            detail: e.to_string(),
        })?;
        self.send(Call::with_body(
            Family::Public,
            Method::POST,
            "api/public/visitors",
            body,
        ))
        .await
        .map(|_| ())
    }

    /// The signed-in host's own visitors, all pages; `upcoming` leaves out past visits.
    pub async fn my_visitors(&self, upcoming: bool) -> Result<Vec<PublicVisitor>, ApiError> {
        let params = if upcoming {
            vec![("showUpcoming".to_string(), "true".to_string())]
        } else {
            Vec::new()
        };
        Ok(self
            .all_pages(
                Family::Public,
                "api/public/visitors/my",
                &params,
                PUBLIC_PAGE_SIZE,
            )
            .await?
            .records)
    }

    /// Cancels one of the host's registrations; one already gone counts as cancelled.
    pub async fn cancel_registration(&self, id: i64) -> Result<(), ApiError> {
        let path = format!("api/public/visitors/{id}");
        let call = Call {
            method: Method::DELETE,
            ..Call::get(Family::Public, &path)
        };
        match self.send(call).await {
            Ok(_) | Err(ApiError::NotFound) => Ok(()),
            Err(error) => Err(error),
        }
    }

    /// Locations that take visitors, as offered to hosts.
    pub async fn businesses_with_visitors(&self) -> Result<Vec<Business>, ApiError> {
        let answer: BusinessesWithVisitors = self
            .send_json(Call::get(
                Family::Public,
                "api/public/businesses/withVisitors",
            ))
            .await?;
        Ok(answer
            .businesses
            .into_iter()
            .filter(|b| b.unusable().is_none())
            .collect())
    }

    /// Every location reception can see.
    pub async fn businesses(&self) -> Result<Vec<Business>, ApiError> {
        Ok(self
            .all_pages(Family::Admin, "api/sys/businesses", &[], ADMIN_PAGE_SIZE)
            .await?
            .records)
    }

    /// Members whose name contains `text`, for choosing a host (first 25).
    pub async fn search_coworkers(&self, text: &str) -> Result<Vec<Coworker>, ApiError> {
        let call = Call::get(Family::Admin, "api/spaces/coworkers")
            .query("Coworker_FullName", text.trim())
            .query("size", 25);
        let page: Page<Coworker> = self.send_json(call).await?;
        // The server's matching rules are not documented: filter again here.
        let needle = text.trim().to_lowercase();
        Ok(page
            .records
            .into_iter()
            .filter(|c| c.full_name.to_lowercase().contains(&needle))
            .collect())
    }

    /// What this account may do, by asking each API family once.
    pub async fn detect_roles(&self) -> Result<Roles, ApiError> {
        let reception = self
            .probe(Call::get(Family::Admin, "api/spaces/visitors").query("size", 1))
            .await?;
        let host = match self.endpoints().public {
            Some(_) => {
                self.probe(Call::get(Family::Public, "api/public/visitors/my").query("size", 1))
                    .await?
            }
            None => false,
        };
        Ok(Roles { reception, host })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_merge_keeps_unknown_fields_drops_read_only_ones_and_rewrites_dates() {
        let raw: Map<String, Value> = serde_json::from_value(json!({
            "Id": 7, "FullName": "Ada", "Notes": "keep me", "SomethingNew": {"x": 1},
            "UpdatedOn": "2026-01-01T00:00:00Z", "UniqueId": "abc", "IsNew": false,
            "ExpectedArrival": "/Date(1910788200000)/", "ArrivalDate": null
        }))
        .expect("map");
        let at = dates::parse("2030-07-20T15:00:00Z").expect("date");
        let body = VisitorChange::check_in(at, Some("Front desk")).merged_into(&raw);
        assert_eq!(body["Notes"], "keep me");
        assert_eq!(body["SomethingNew"], json!({"x": 1}));
        assert!(!body.contains_key("UpdatedOn") && !body.contains_key("UniqueId"));
        assert_eq!(body["ExpectedArrival"], "2030-07-20T14:30:00");
        assert_eq!(body["ArrivalDate"], "2030-07-20T15:00:00");
        assert_eq!(body["CheckInNow"], true);
        assert_eq!(body["CheckedInAt"], "Front desk");
        assert_eq!(body["Id"], 7);
    }

    #[test]
    fn queries_use_the_documented_filter_names() {
        let query = VisitorQuery {
            business: Some(1001),
            expected_from: dates::parse("2026-11-23T00:00:00Z"),
            expected_to: dates::parse("2026-11-23T23:59:00Z"),
            arrived: Some(false),
            ..VisitorQuery::default()
        };
        let params = query.params();
        assert!(params.contains(&("Visitor_Business".into(), "1001".into())));
        assert!(params.contains(&(
            "from_Visitor_ExpectedArrival".into(),
            "2026-11-23T00:00".into()
        )));
        assert!(params.contains(&(
            "to_Visitor_ExpectedArrival".into(),
            "2026-11-23T23:59".into()
        )));
        assert!(params.contains(&("Visitor_Arrived".into(), "false".into())));
        let last_second = VisitorQuery {
            expected_to: dates::parse("2026-11-23T23:59:59Z"),
            ..VisitorQuery::default()
        };
        assert!(last_second.params().contains(&(
            "to_Visitor_ExpectedArrival".into(),
            "2026-11-24T00:00".into()
        )));
        assert!(!params.iter().any(|(k, _)| k == "Visitor_BusinessId"));
    }

    #[test]
    fn new_visitors_send_utc_dates_without_an_offset_and_both_enums() {
        let visitor = NewVisitor {
            expected_arrival: dates::parse("2030-07-20T15:30:00+01:00").expect("date"),
            ..NewVisitor::walk_in(1, "Walk In", "w@x.test")
        };
        let body = serde_json::to_value(&visitor).expect("json");
        assert_eq!(body["ExpectedArrival"], "2030-07-20T14:30:00");
        assert_eq!(body["VisitorSource"], 1);
        assert_eq!(body["HostApprovalStatus"], 1);
        assert!(body.get("CoworkerId").is_none());
    }

    #[test]
    fn get_one_is_read_bare_or_wrapped() {
        let bare = unwrap_record(json!({"Id": 1, "FullName": "A"})).expect("bare");
        let wrapped = unwrap_record(json!({"Value": {"Id": 1, "FullName": "A"}})).expect("wrapped");
        assert_eq!(bare, wrapped);
    }
}
