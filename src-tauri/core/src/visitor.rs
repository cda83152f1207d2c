//! A visitor as the desk shows it, whatever it was read from (the admin API, the member API,
//! the queue), and the locations a desk can stand at. Plain data: the cache stores it, the
//! overlay builds it, the window renders it.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::nexudus::models::{HostApproval, PublicVisitor, Visitor, VisitorSource};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Presence {
    Expected,
    OnSite,
    Left,
}

/// A visitor as the desk shows it: server data with queued changes applied.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeskVisitor {
    /// The server's id; `None` for a walk-in still in the queue.
    pub id: Option<i64>,
    /// The queued operation that creates this visitor, while there is one.
    pub queued_id: Option<String>,
    pub full_name: String,
    pub email: Option<String>,
    pub company: Option<String>,
    pub host_name: Option<String>,
    pub business_id: Option<i64>,
    pub visitor_code: Option<String>,
    pub expected_at: Option<DateTime<Utc>>,
    pub arrived_at: Option<DateTime<Utc>>,
    pub departed_at: Option<DateTime<Utc>>,
    pub arrived: bool,
    pub approval: Option<String>,
    /// How the visit was registered: "administrator" (the admin panel or a desk), "nex_io"
    /// (the kiosk app) or "customer" (a member); none when not known.
    #[serde(default)]
    pub source: Option<String>,
    pub notes: Option<String>,
    /// A change to this visitor is queued and not yet in Nexudus.
    #[serde(default)]
    pub pending: bool,
    /// A change to this visitor waits for a person in the sync panel.
    #[serde(default)]
    pub needs_attention: bool,
    /// Expected on an earlier day and still on site (arrived before midnight, not yet gone):
    /// kept in today's list so the evacuation list stays right across midnight, and left out
    /// of today's counts.
    #[serde(default)]
    pub earlier_day: bool,
}

impl DeskVisitor {
    pub fn presence(&self) -> Presence {
        match (self.arrived, self.departed_at) {
            (_, Some(_)) => Presence::Left,
            (true, None) => Presence::OnSite,
            (false, None) => Presence::Expected,
        }
    }

    /// The approval's name for the window; none when no approval is asked.
    pub(crate) fn approval_name(approval: HostApproval) -> Option<String> {
        match approval {
            HostApproval::Unknown | HostApproval::NotRequired => None,
            other => wire_name(other),
        }
    }

    /// The source's name for the window; none when Nexudus did not say.
    pub(crate) fn source_name(source: VisitorSource) -> Option<String> {
        match source {
            VisitorSource::Unknown => None,
            other => wire_name(other),
        }
    }

    pub fn from_admin(visitor: &Visitor) -> Self {
        DeskVisitor {
            id: Some(visitor.id),
            queued_id: None,
            full_name: visitor.full_name.clone(),
            email: visitor.email.clone(),
            company: visitor.company_name.clone(),
            host_name: visitor.coworker_full_name.clone(),
            business_id: visitor.business_id,
            visitor_code: visitor.visitor_code.clone(),
            expected_at: visitor.expected_arrival,
            arrived_at: visitor.arrival_date,
            departed_at: visitor.departure_date,
            arrived: visitor.arrived,
            approval: Self::approval_name(visitor.approval()),
            source: Self::source_name(visitor.source()),
            notes: visitor
                .customer_notes
                .clone()
                .or_else(|| visitor.notes.clone()),
            pending: false,
            needs_attention: false,
            earlier_day: false,
        }
    }

    pub fn from_public(visitor: &PublicVisitor) -> Self {
        DeskVisitor {
            id: Some(visitor.id),
            queued_id: None,
            full_name: visitor.full_name.clone(),
            email: visitor.email.clone(),
            company: None,
            host_name: None,
            business_id: None,
            visitor_code: None,
            expected_at: visitor.expected_at(),
            arrived_at: visitor.arrived_at(),
            departed_at: None,
            arrived: visitor.arrived,
            approval: visitor.approval().and_then(Self::approval_name),
            source: None,
            notes: visitor.notes.clone(),
            pending: false,
            needs_attention: false,
            earlier_day: false,
        }
    }
}

/// An enum's name as serde writes it ("accepted_and_hold"), the one spelling the window reads.
fn wire_name(value: impl Serialize) -> Option<String> {
    serde_json::to_value(value)
        .ok()?
        .as_str()
        .map(str::to_string)
}

/// A visitor as the window receives it: the row, and its presence decided here, so the page
/// groups and counts by it and never works it out again.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ShownVisitor {
    #[serde(flatten)]
    pub visitor: DeskVisitor,
    pub presence: Presence,
}

impl From<DeskVisitor> for ShownVisitor {
    fn from(visitor: DeskVisitor) -> Self {
        let presence = visitor.presence();
        ShownVisitor { visitor, presence }
    }
}

/// A list as the window receives it.
pub fn shown(rows: Vec<DeskVisitor>) -> Vec<ShownVisitor> {
    rows.into_iter().map(ShownVisitor::from).collect()
}

/// A location as the UI lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Location {
    pub id: i64,
    pub name: String,
    /// The location's IANA zone when Nexudus told us (its day is "today" at this desk, and
    /// the window shows times in it).
    #[serde(default)]
    pub time_zone: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_gets_each_rows_presence_beside_its_fields() {
        let left = DeskVisitor {
            full_name: "Ada".into(),
            arrived: true,
            departed_at: Some(Utc::now()),
            ..DeskVisitor::default()
        };
        let sent = serde_json::to_value(shown(vec![left])).expect("json");
        assert_eq!(sent[0]["presence"], "left");
        assert_eq!(sent[0]["fullName"], "Ada");
    }
}
