//! Which changes are worth an alert. Pure: the watcher feeds it what it read.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

use crate::l10n::{Arg, Messages};
use crate::nexudus::models::{HostApproval, PublicVisitor, Visitor};

/// Arrivals older than this when first seen are not announced: a restart must not replay the
/// morning.
pub const LOOKBACK_MINUTES: i64 = 5;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Event {
    Arrived,
    /// The host answered a walk-in (3 rejected, 4 collect at reception, 5 send up).
    Approval(i64),
}

impl Event {
    pub fn key(&self) -> String {
        match self {
            Event::Arrived => "arrived".into(),
            Event::Approval(status) => format!("approval:{status}"),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Alert {
    pub visitor_id: i64,
    pub name: String,
    pub event: Event,
    pub at: Option<DateTime<Utc>>,
    pub location: Option<String>,
    pub notes: Option<String>,
    pub host: Option<String>,
    pub approval_requested: bool,
}

impl Alert {
    pub fn title(&self, words: &Messages) -> String {
        let id = match self.event {
            Event::Arrived => "alert-arrived",
            Event::Approval(3) => "alert-declined",
            Event::Approval(4) => "alert-collect",
            Event::Approval(5) => "alert-send-up",
            Event::Approval(_) => "alert-approval-changed",
        };
        words.text(id, &[("name", Arg::from(&self.name))])
    }

    /// Where, when and who, then the approval and the note, each a line of its own.
    pub fn body(&self, words: &Messages) -> String {
        let mut parts = Vec::new();
        if let Some(location) = &self.location {
            parts.push(words.text("alert-at-location", &[("location", location.into())]));
        }
        if let Some(at) = self.at {
            parts.push(at.with_timezone(&chrono::Local).format("%H:%M").to_string());
        }
        if let Some(host) = &self.host {
            parts.push(words.text("alert-host", &[("host", host.into())]));
        }
        let mut lines = vec![parts.join(" · ")];
        if self.approval_requested {
            lines.push(words.text("alert-waiting-approval", &[]));
        }
        if let Some(notes) = self.notes.as_deref().filter(|n| !n.trim().is_empty()) {
            lines.push(words.text("alert-note", &[("note", notes.into())]));
        }
        lines.join("\n")
    }
}

fn recent(at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    at.is_some_and(|at| {
        at >= now - Duration::minutes(LOOKBACK_MINUTES) && at <= now + Duration::minutes(5)
    })
}

/// A host's visitors who have arrived and not been announced. One with no arrival time counts
/// only if the last poll saw them still expected.
pub fn host_arrivals(
    rows: &[PublicVisitor],
    announced: &HashSet<i64>,
    previously_waiting: &HashSet<i64>,
    now: DateTime<Utc>,
) -> Vec<Alert> {
    rows.iter()
        .filter(|r| r.arrived && !announced.contains(&r.id))
        .filter(|r| match r.arrived_at() {
            Some(_) => recent(r.arrived_at(), now),
            None => previously_waiting.contains(&r.id),
        })
        .map(|r| Alert {
            visitor_id: r.id,
            name: r.full_name.clone(),
            event: Event::Arrived,
            at: r.arrived_at(),
            location: None,
            notes: r.notes.clone(),
            host: None,
            approval_requested: r.approval() == Some(HostApproval::Requested),
        })
        .collect()
}

/// For reception: arrivals at another desk or a kiosk (not those this desk made), and hosts'
/// answers to walk-ins since the last look.
pub fn reception_alerts(
    rows: &[Visitor],
    announced: &HashSet<(i64, String)>,
    checked_in_here: &HashSet<i64>,
    previous_approval: &HashMap<i64, i64>,
    now: DateTime<Utc>,
) -> Vec<Alert> {
    let mut alerts = Vec::new();
    for visitor in rows {
        let base = |event| Alert {
            visitor_id: visitor.id,
            name: visitor.full_name.clone(),
            event,
            at: visitor.arrival_date,
            location: visitor.checked_in_at.clone(),
            notes: None,
            host: visitor.coworker_full_name.clone(),
            approval_requested: visitor.approval() == HostApproval::Requested,
        };
        let arrived_key = (visitor.id, Event::Arrived.key());
        if visitor.arrived
            && !checked_in_here.contains(&visitor.id)
            && !announced.contains(&arrived_key)
            && recent(visitor.arrival_date, now)
        {
            alerts.push(base(Event::Arrived));
        }
        let status = visitor.host_approval_status;
        let answered = matches!(status, 3..=5);
        let changed = previous_approval
            .get(&visitor.id)
            .is_some_and(|before| *before != status);
        let approval_key = (visitor.id, Event::Approval(status).key());
        if answered && changed && !announced.contains(&approval_key) {
            alerts.push(base(Event::Approval(status)));
        }
    }
    alerts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn public(id: i64, arrived_minutes_ago: Option<i64>, now: DateTime<Utc>) -> PublicVisitor {
        PublicVisitor {
            id,
            full_name: format!("V{id}"),
            arrived: arrived_minutes_ago.is_some(),
            utc_arrival_date: arrived_minutes_ago.map(|m| now - Duration::minutes(m)),
            ..PublicVisitor::default()
        }
    }

    #[test]
    fn only_fresh_unannounced_arrivals_are_announced() {
        let now = Utc::now();
        let rows = [
            public(1, Some(1), now),
            public(2, Some(90), now),
            public(3, None, now),
            public(4, Some(0), now),
        ];
        let announced = HashSet::from([4]);
        let alerts = host_arrivals(&rows, &announced, &HashSet::new(), now);
        assert_eq!(alerts.iter().map(|a| a.visitor_id).collect::<Vec<_>>(), [1]);
        assert_eq!(alerts[0].title(&Messages::default()), "V1 has arrived");
    }

    #[test]
    fn an_arrival_without_a_time_counts_if_it_was_waiting_last_time() {
        let now = Utc::now();
        let mut row = public(5, None, now);
        row.arrived = true;
        assert!(host_arrivals(
            std::slice::from_ref(&row),
            &HashSet::new(),
            &HashSet::new(),
            now
        )
        .is_empty());
        assert_eq!(
            host_arrivals(&[row], &HashSet::new(), &HashSet::from([5]), now).len(),
            1
        );
    }

    #[test]
    fn requested_approval_and_notes_are_in_the_message() {
        let alert = Alert {
            visitor_id: 1,
            name: "Sam".into(),
            event: Event::Arrived,
            at: None,
            location: Some("Shoreditch".into()),
            notes: Some("Room 3".into()),
            host: None,
            approval_requested: true,
        };
        assert_eq!(
            alert.body(&Messages::default()),
            "At Shoreditch\nWaiting for your approval.\nNote: Room 3"
        );
        let spanish = Messages::new(crate::l10n::Language::Es);
        assert_eq!(
            alert.body(&spanish),
            "En Shoreditch\nPendiente de tu aprobación.\nNota: Room 3"
        );
        assert_eq!(alert.title(&spanish), "Sam ha llegado");
    }

    #[test]
    fn reception_hears_of_arrivals_elsewhere_and_host_answers() {
        let now = Utc::now();
        let visitor = |id: i64, arrived: bool, status: i64| Visitor {
            id,
            full_name: format!("R{id}"),
            arrived,
            arrival_date: arrived.then(|| now - Duration::minutes(1)),
            host_approval_status: status,
            ..Visitor::default()
        };
        let rows = [
            visitor(1, true, 1),
            visitor(2, true, 1),
            visitor(3, false, 5),
            visitor(4, false, 2),
        ];
        let here = HashSet::from([2]);
        let before = HashMap::from([(3, 2), (4, 2)]);
        let alerts = reception_alerts(&rows, &HashSet::new(), &here, &before, now);
        let events: Vec<_> = alerts
            .iter()
            .map(|a| (a.visitor_id, a.event.clone()))
            .collect();
        assert_eq!(events, [(1, Event::Arrived), (3, Event::Approval(5))]);
        let announced = HashSet::from([(1, "arrived".to_string())]);
        assert_eq!(
            reception_alerts(&rows, &announced, &here, &before, now).len(),
            1
        );
    }
}
