//! Lists as Nexudus pages them: each record read on its own, so one that cannot be used is
//! skipped and reported and the rest of the page stands (§3.4).

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};

use super::lenient;

/// A record of a list: what makes one unusable even when every field read.
pub trait Record: DeserializeOwned {
    /// The kind of record, for messages ("visitor").
    const KIND: &'static str;
    fn id(&self) -> i64;
    /// Why a record that read cannot be used (no id, no name), if it cannot.
    fn unusable(&self) -> Option<&'static str>;
}

/// Every page of a list: the records that could be read, and those that could not.
#[derive(Clone, Debug, PartialEq)]
pub struct Listing<T> {
    pub records: Vec<T>,
    pub unreadable: Vec<Unreadable>,
}

/// `CurrentSortDirection`: a number on the admin API, a string on the public one.
#[derive(Clone, Debug, PartialEq)]
pub enum SortDirection {
    Number(i64),
    Text(String),
}

impl SortDirection {
    fn from_value(value: &Value) -> Option<Self> {
        match value {
            Value::Number(n) => n.as_i64().map(SortDirection::Number),
            Value::String(s) => Some(SortDirection::Text(s.clone())),
            _ => None,
        }
    }
}

/// A record of a list that could not be used: skipped, logged and reported, never a reason to
/// fail the page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Unreadable {
    pub kind: &'static str,
    /// The record's id, when even that could be read.
    pub id: Option<i64>,
    pub reason: String,
}

/// The paged envelope (§3.4). A bare array is accepted as a single page. Each record is read
/// on its own: one that cannot be used is in `unreadable`, and the rest of the page stands.
#[derive(Clone, Debug, PartialEq)]
pub struct Page<T> {
    pub records: Vec<T>,
    pub unreadable: Vec<Unreadable>,
    pub current_page: Option<i64>,
    pub total_pages: Option<i64>,
    pub has_next_page: Option<bool>,
    pub total_items: Option<i64>,
    pub sort_direction: Option<SortDirection>,
}

impl<'de, T: Record> Deserialize<'de> for Page<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error as _;
        let int = |map: &Map<String, Value>, key: &str| map.get(key).and_then(lenient::as_int);
        let (rows, mut page) = match Value::deserialize(deserializer)? {
            Value::Array(rows) => (
                rows,
                Page {
                    records: Vec::new(),
                    unreadable: Vec::new(),
                    current_page: Some(1),
                    total_pages: Some(1),
                    has_next_page: Some(false),
                    total_items: None,
                    sort_direction: None,
                },
            ),
            Value::Object(mut map) => {
                let rows = match map.remove("Records") {
                    Some(Value::Array(rows)) => rows,
                    None | Some(Value::Null) => Vec::new(),
                    Some(other) => {
                        return Err(D::Error::custom(format!(
                            "Records is not a list but {}",
                            kind_of(&other)
                        )))
                    }
                };
                let page = Page {
                    records: Vec::new(),
                    unreadable: Vec::new(),
                    current_page: int(&map, "CurrentPage"),
                    total_pages: int(&map, "TotalPages"),
                    has_next_page: map.get("HasNextPage").and_then(Value::as_bool),
                    total_items: int(&map, "TotalItems"),
                    sort_direction: map
                        .get("CurrentSortDirection")
                        .and_then(SortDirection::from_value),
                };
                (rows, page)
            }
            other => {
                return Err(D::Error::custom(format!(
                    "expected a list, got {}",
                    kind_of(&other)
                )))
            }
        };
        page.records.reserve(rows.len());
        for row in rows {
            let id = row.get("Id").and_then(lenient::as_int);
            let reason = match serde_json::from_value::<T>(row) {
                Ok(record) => match record.unusable() {
                    None => {
                        page.records.push(record);
                        continue;
                    }
                    Some(reason) => reason.to_string(),
                },
                Err(error) => error.to_string(),
            };
            page.unreadable.push(Unreadable {
                kind: T::KIND,
                id: id.filter(|id| *id > 0),
                reason,
            });
        }
        Ok(page)
    }
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a yes/no",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

impl<T> Page<T> {
    /// Whether a later page exists: `HasNextPage` where given, else `CurrentPage < TotalPages`.
    pub fn has_more(&self, page_asked: i64) -> bool {
        if self.records.is_empty() && self.unreadable.is_empty() {
            return false;
        }
        match (self.has_next_page, self.total_pages) {
            (Some(next), _) => next,
            (None, Some(total)) => self.current_page.unwrap_or(page_asked) < total,
            (None, None) => false,
        }
    }
}
