//! Visitor, host and location operations over both API families.

use reqwest::Method;
use serde_json::{Map, Value};

use super::client::{Call, Family, NexudusClient};
use super::models::{Listing, Page, PublicVisitor, Record, Visitor, VisitorRecord};
use super::requests::{NewVisitor, Precheck, Registration, VisitorChange, VisitorQuery};
use super::ApiError;

/// Pages are read until the server says there are no more; this bounds a misbehaving server.
const MAX_PAGES: i64 = 500;
/// A big day (thousands of visitors) is read in a few requests rather than dozens: live
/// servers honour up to 1,000 (§ paging table, undocumented). A server that caps lower still
/// works: pages are followed by the server's own `TotalPages`.
pub(super) const ADMIN_PAGE_SIZE: i64 = 500;
const PUBLIC_PAGE_SIZE: i64 = 100;

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

impl NexudusClient {
    pub(super) async fn all_pages<T: Record>(
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
}

#[cfg(test)]
#[path = "visitors_tests.rs"]
mod tests;
