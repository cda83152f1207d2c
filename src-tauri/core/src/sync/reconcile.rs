//! Finding out whether an operation whose answer was lost was applied. Pure matching here;
//! the look-ups are in the engine.

use chrono::{DateTime, Utc};

use crate::nexudus::models::PublicVisitor;
use crate::nexudus::Registration;

/// The tag a walk-in carries in `SystemId`, so it can be recognised on the server.
pub fn walk_in_tag(operation_id: &str) -> String {
    format!("frontdesk:{operation_id}")
}

fn same_visit(record: &PublicVisitor, visit: &Registration) -> bool {
    let same_email = match (&record.email, &visit.email) {
        (Some(a), Some(b)) => a.trim().eq_ignore_ascii_case(b.trim()),
        (None, None) => true,
        _ => false,
    };
    same_email
        && record.full_name.trim() == visit.full_name.trim()
        && record.expected_at().map(|at| at.timestamp()) == Some(visit.expected_arrival.timestamp())
}

/// The host's records that are these visits, one each, leaving out records already credited
/// to other operations. `None` unless every visit is found.
pub fn match_registrations(
    mine: &[PublicVisitor],
    visits: &[Registration],
    claimed: &[i64],
) -> Option<Vec<i64>> {
    let mut taken: Vec<i64> = claimed.to_vec();
    let mut ids = Vec::with_capacity(visits.len());
    for visit in visits {
        let record = mine
            .iter()
            .filter(|r| !taken.contains(&r.id))
            .find(|r| same_visit(r, visit))?;
        taken.push(record.id);
        ids.push(record.id);
    }
    Some(ids)
}

/// How many of the visits are found (to tell "none" from "some").
pub fn count_found(mine: &[PublicVisitor], visits: &[Registration], claimed: &[i64]) -> usize {
    visits
        .iter()
        .filter(|visit| match_registrations(mine, std::slice::from_ref(visit), claimed).is_some())
        .count()
}

/// The window to search for a created visitor: its expected arrival, a minute either side
/// (range filters have minute precision).
pub fn arrival_window(expected: DateTime<Utc>) -> (DateTime<Utc>, DateTime<Utc>) {
    (
        expected - chrono::Duration::minutes(1),
        expected + chrono::Duration::minutes(1),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(id: i64, name: &str, email: &str, at: &str) -> PublicVisitor {
        PublicVisitor {
            id,
            full_name: name.into(),
            email: Some(email.into()),
            utc_expected_arrival: crate::nexudus::dates::parse(at),
            ..PublicVisitor::default()
        }
    }

    fn visit(name: &str, email: &str, at: &str) -> Registration {
        Registration {
            business_id: 1,
            full_name: name.into(),
            email: Some(email.into()),
            phone_number: None,
            expected_arrival: crate::nexudus::dates::parse(at).expect("date"),
            customer_notes: None,
        }
    }

    #[test]
    fn visits_match_by_email_name_and_instant_one_record_each() {
        let mine = [
            record(1, "Sarah", "sarah@x.test", "2030-01-01T10:00:00Z"),
            record(2, "Sarah", "SARAH@x.test", "2030-01-02T10:00:00Z"),
            record(3, "Sarah", "sarah@x.test", "2030-01-02T10:00:00Z"),
        ];
        let visits = [
            visit("Sarah", "sarah@x.test", "2030-01-02T10:00:00"),
            visit("Sarah", "sarah@x.test", "2030-01-02T10:00:00"),
        ];
        assert_eq!(match_registrations(&mine, &visits, &[]), Some(vec![2, 3]));
        assert_eq!(match_registrations(&mine, &visits, &[2]), None);
        assert_eq!(count_found(&mine, &visits, &[2]), 2, "each alone is found");
        let other_time = [visit("Sarah", "sarah@x.test", "2030-01-03T10:00:00")];
        assert_eq!(match_registrations(&mine, &other_time, &[]), None);
    }
}
