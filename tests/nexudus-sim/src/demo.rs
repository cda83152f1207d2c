//! Deterministic demo data relative to the simulator's "today": two locations in different time
//! zones, 30 coworkers, about 40 visitors spread over today plus upcoming and past visits for the
//! two demo hosts. The same start instant always yields the same data.

use chrono::{DateTime, Duration, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use uuid::Uuid;

use crate::world::{Account, AccountKind, Business, Coworker, Visitor, World};

pub const DEMO_PASSWORD: &str = "frontdesk";
pub const DEMO_TOTP: &str = "123456";
pub const SHOREDITCH: i64 = 1001;
pub const BROOKLYN: i64 = 1002;
pub const ANA_COWORKER: i64 = 2001;
pub const BEN_COWORKER: i64 = 2002;

const COWORKER_NAMES: [&str; 30] = [
    "Ana Oliveira",
    "Ben Carter",
    "Chloé Dubois",
    "Dmitri Volkov",
    "Emeka Obi",
    "Fatima Zahra",
    "Grace Liu",
    "Hiro Tanaka",
    "Isla MacLeod",
    "Jonas Berg",
    "Kavya Rao",
    "Liam O'Brien",
    "Maya Cohen",
    "Nils Ødegaard",
    "Olivia Brown",
    "Pablo Ruiz",
    "Quinn Taylor",
    "Rosa Martínez",
    "Sam Patel",
    "Tomasz Nowak",
    "Uma Singh",
    "Victor Hugo",
    "Wen Zhao",
    "Ximena Flores",
    "Yusuf Demir",
    "Zara Ahmed",
    "Aoife Kelly",
    "Bruno Costa",
    "Camille Laurent",
    "Dev Sharma",
];

const COMPANIES: [&str; 8] = [
    "Oliveira Studio",
    "Carter & Co",
    "Blue Fern Labs",
    "Northwind Design",
    "Kite Analytics",
    "Harbour Legal",
    "Pixel & Pine",
    "Quanta Health",
];

const VISITOR_NAMES: [&str; 40] = [
    "Zoë Ångström",
    "Łukasz Wróbel",
    "José Núñez",
    "<img src=x onerror=\"alert('xss')\">Mallory",
    "Søren Kierkegård",
    "Małgorzata Żółć",
    "李小龙",
    "Aimee Walsh",
    "Brendan Fraser",
    "Clara Schumann",
    "Darius Khan",
    "Elif Şafak",
    "Felix Wagner",
    "Gemma Arterton",
    "Hannah Müller",
    "Ibrahim Ali",
    "Julia Roberts",
    "Kenji Watanabe",
    "Lena Headey",
    "Marco Rossi",
    "Nadia Petrova",
    "Oscar Wilde",
    "Priya Nair",
    "Rafael Nadal",
    "Sofia Coppola",
    "Theo James",
    "Ursula Le Guin",
    "Valentina Greco",
    "William Blake",
    "Yara Haddad",
    "Zach Braff",
    "Agnès Varda",
    "Björn Borg",
    "Céline Dion",
    "Dolores Huerta",
    "Émile Zola",
    "Frida Kahlo",
    "Gustav Klimt",
    "Hedy Lamarr",
    "Ines Sainz",
];

const REASONS: [&str; 5] = ["Meeting", "Interview", "Delivery", "Tour", "Workshop"];

pub fn seed(world: &mut World, now: DateTime<Utc>) {
    world.businesses = vec![
        Business {
            id: SHOREDITCH,
            unique_id: stable_uuid(SHOREDITCH),
            name: "Front Desk Works Shoreditch".into(),
            web_address: "shoreditch".into(),
            zone: chrono_tz::Europe::London,
            simple_time_zone_id: "GMT Standard Time".into(),
            address: "1 Rivington Street, London EC2A 3DT".into(),
            visitors_enabled: true,
        },
        Business {
            id: BROOKLYN,
            unique_id: stable_uuid(BROOKLYN),
            name: "Front Desk Works Brooklyn".into(),
            web_address: "brooklyn".into(),
            zone: chrono_tz::America::New_York,
            simple_time_zone_id: "Eastern Standard Time".into(),
            address: "55 Water Street, Brooklyn, NY 11201".into(),
            visitors_enabled: true,
        },
    ];
    world.coworkers = COWORKER_NAMES
        .iter()
        .enumerate()
        .map(|(i, name)| coworker(i, name))
        .collect();
    world.accounts = accounts();

    for (i, name) in VISITOR_NAMES.iter().enumerate() {
        let business = if i < 30 { SHOREDITCH } else { BROOKLYN };
        let zone = world.zone_of(business);
        let minutes_after_eight = if i < 30 { i * 20 } else { 60 + (i - 30) * 45 };
        let expected = local_today_at(now, zone, 8 * 60 + minutes_after_eight as i64);
        let host = host_for(i);
        let mut visitor = visitor(world, i, name, business, host, expected, now);
        apply_state_relative_to_now(&mut visitor, i, now);
        world.visitors.insert(visitor.id, visitor);
    }
    add_host_schedule(world, now);
}

fn stable_uuid(n: i64) -> Uuid {
    Uuid::from_u128(0x5f0d_e5c0_0000_4000_8000_0000_0000_0000 | n as u128)
}

fn coworker(i: usize, name: &str) -> Coworker {
    let id = ANA_COWORKER + i as i64;
    let email = match i {
        0 => "ana@frontdesk.test".to_string(),
        1 => "ben@frontdesk.test".to_string(),
        _ => format!("member-{:02}@frontdesk.test", i + 1),
    };
    let businesses = match i {
        1 => vec![SHOREDITCH, BROOKLYN],
        i if i % 4 == 3 => vec![BROOKLYN],
        _ => vec![SHOREDITCH],
    };
    Coworker {
        id,
        unique_id: stable_uuid(id),
        full_name: name.to_string(),
        email,
        company_name: Some(COMPANIES[i % COMPANIES.len()].to_string()),
        coworker_type: if i % 5 == 4 { 2 } else { 1 },
        businesses,
        team_names: i.is_multiple_of(3).then(|| "Residents".to_string()),
        position: None,
    }
}

fn accounts() -> Vec<Account> {
    let visitor_roles = |extra: &[&str]| {
        let mut roles: Vec<String> = [
            "Visitor-List",
            "Visitor-Read",
            "Visitor-Create",
            "Visitor-Edit",
            "Visitor-Delete",
            "Business-List",
            "Business-Read",
            "Coworker-List",
            "Coworker-Read",
        ]
        .iter()
        .map(|r| r.to_string())
        .collect();
        roles.extend(extra.iter().map(|r| r.to_string()));
        roles
    };
    vec![
        Account {
            email: "reception@frontdesk.test".into(),
            password: DEMO_PASSWORD.into(),
            totp: None,
            kind: AccountKind::Admin {
                roles: visitor_roles(&[]),
            },
        },
        Account {
            email: "security@frontdesk.test".into(),
            password: DEMO_PASSWORD.into(),
            totp: Some(DEMO_TOTP.into()),
            kind: AccountKind::Admin {
                roles: visitor_roles(&[]),
            },
        },
        // An admin without the Visitor roles, for "missing permission" answers.
        Account {
            email: "billing@frontdesk.test".into(),
            password: DEMO_PASSWORD.into(),
            totp: None,
            kind: AccountKind::Admin {
                roles: vec!["Business-List".into(), "Business-Read".into()],
            },
        },
        Account {
            email: "ana@frontdesk.test".into(),
            password: DEMO_PASSWORD.into(),
            totp: None,
            kind: AccountKind::Customer {
                coworker_id: ANA_COWORKER,
            },
        },
        Account {
            email: "ben@frontdesk.test".into(),
            password: DEMO_PASSWORD.into(),
            totp: None,
            kind: AccountKind::Customer {
                coworker_id: BEN_COWORKER,
            },
        },
    ]
}

/// Ana hosts every fifth visitor, Ben every seventh; the rest spread over the other members.
fn host_for(i: usize) -> i64 {
    if i.is_multiple_of(5) {
        ANA_COWORKER
    } else if i.is_multiple_of(7) {
        BEN_COWORKER
    } else {
        ANA_COWORKER + 2 + ((i * 7) % 28) as i64
    }
}

fn local_today_at(now: DateTime<Utc>, zone: Tz, minutes: i64) -> DateTime<Utc> {
    let today = now.with_timezone(&zone).date_naive();
    let time = NaiveTime::MIN + Duration::minutes(minutes);
    zone.from_local_datetime(&today.and_time(time))
        .earliest()
        .map_or(now, |local| local.with_timezone(&Utc))
}

fn visitor(
    world: &mut World,
    i: usize,
    name: &str,
    business: i64,
    host: i64,
    expected: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Visitor {
    let id = world.allocate_visitor_id();
    let created = expected - Duration::days(2 + (i % 5) as i64);
    Visitor {
        id,
        unique_id: stable_uuid(id),
        business_id: business,
        coworker_id: Some(host),
        full_name: name.to_string(),
        email: format!("visitor-{:03}@guests.frontdesk.test", i + 1),
        phone_number: i
            .is_multiple_of(2)
            .then(|| format!("+44 7700 9{:05}", i * 37)),
        company_name: (i % 3 != 2).then(|| COMPANIES[(i + 3) % COMPANIES.len()].to_string()),
        visit_reason: Some(REASONS[i % REASONS.len()].to_string()),
        notes: i
            .is_multiple_of(4)
            .then(|| "Needs a visitor parking permit".to_string()),
        customer_notes: match i % 6 {
            0 => Some("Meeting in room 3".to_string()),
            3 => Some("<b>Bring the contract</b> & a pen".to_string()),
            _ => None,
        },
        checked_in_at: None,
        access_control_scheduled_job_id: None,
        system_id: None,
        visitor_code: World::visitor_code_for(id),
        visitor_source: (i % 3) as i64 + 1,
        host_approval_status: (i % 5) as i64 + 1,
        expected_arrival: Some(expected),
        arrival_date: None,
        departure_date: None,
        arrived: false,
        notified: false,
        internal: false,
        is_tour: i % 5 == 3,
        has_agreed_terms: i % 2 == 1,
        tour_confirmed: i % 10 == 3,
        created_on: created.min(now),
        updated_on: created.min(now),
        updated_by: "reception@frontdesk.test".into(),
    }
}

/// Earlier visitors have mostly arrived or left (a few never came); later ones are expected.
fn apply_state_relative_to_now(visitor: &mut Visitor, i: usize, now: DateTime<Utc>) {
    let Some(expected) = visitor.expected_arrival else {
        return;
    };
    let arrive = |visitor: &mut Visitor| {
        let at = (expected + Duration::minutes((i % 11) as i64 - 5)).min(now);
        visitor.arrived = true;
        visitor.arrival_date = Some(at);
        visitor.notified = true;
        visitor.checked_in_at = Some("Reception".into());
        visitor.updated_on = at;
    };
    if expected <= now - Duration::minutes(45) {
        match i % 3 {
            0 => {
                arrive(visitor);
                let left = (expected + Duration::minutes(40)).min(now);
                visitor.departure_date = Some(left);
                visitor.updated_on = left;
            }
            1 => arrive(visitor),
            _ => {}
        }
    } else if expected <= now && i.is_multiple_of(2) {
        arrive(visitor);
    }
}

/// Upcoming and past visits for Ana and Ben, so host lists span more than one public page.
fn add_host_schedule(world: &mut World, now: DateTime<Utc>) {
    let plan: [(i64, i64, i64, &str); 13] = [
        (ANA_COWORKER, 1, 10 * 60, "Priya Raman"),
        (ANA_COWORKER, 2, 14 * 60 + 30, "Tom Haverford"),
        (ANA_COWORKER, 7, 9 * 60 + 15, "Leslie Knope"),
        (ANA_COWORKER, 7, 15 * 60, "Ann Perkins"),
        (ANA_COWORKER, -1, 11 * 60, "Ron Swanson"),
        (ANA_COWORKER, -3, 16 * 60, "April Ludgate"),
        (ANA_COWORKER, 3, 11 * 60, "Mark Brendanawicz"),
        (ANA_COWORKER, 10, 10 * 60, "Andy Dwyer"),
        (ANA_COWORKER, -7, 9 * 60 + 30, "Jean-Ralphio Saperstein"),
        (BEN_COWORKER, 1, 9 * 60, "Chris Traeger"),
        (BEN_COWORKER, 3, 13 * 60, "Donna Meagle"),
        (BEN_COWORKER, 14, 10 * 60 + 45, "Jerry Gergich"),
        (BEN_COWORKER, -2, 12 * 60, "Craig Middlebrooks"),
    ];
    for (n, (host, day_offset, minutes, name)) in plan.into_iter().enumerate() {
        let zone = world.zone_of(SHOREDITCH);
        let expected = local_today_at(now, zone, minutes) + Duration::days(day_offset);
        let index = 100 + n;
        let mut visitor = visitor(world, index, name, SHOREDITCH, host, expected, now);
        visitor.visitor_source = 3;
        visitor.host_approval_status = 1;
        visitor.email = format!("guest-{index}@guests.frontdesk.test");
        if day_offset < 0 {
            visitor.arrived = true;
            visitor.arrival_date = Some(expected);
            visitor.departure_date = Some(expected + Duration::hours(1));
        }
        world.visitors.insert(visitor.id, visitor);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn seeded(now: DateTime<Utc>) -> World {
        let mut world = World::empty();
        seed(&mut world, now);
        world
    }

    #[test]
    fn demo_covers_every_enum_value_and_tricky_names() {
        let world = seeded(Utc::now());
        let sources: HashSet<_> = world.visitors.values().map(|v| v.visitor_source).collect();
        let approvals: HashSet<_> = world
            .visitors
            .values()
            .map(|v| v.host_approval_status)
            .collect();
        assert_eq!(sources, HashSet::from([1, 2, 3]));
        assert_eq!(approvals, HashSet::from([1, 2, 3, 4, 5]));
        assert!(world
            .visitors
            .values()
            .any(|v| v.full_name.contains("<img")));
        assert!(world.visitors.values().any(|v| !v.full_name.is_ascii()));
        assert_eq!(world.coworkers.len(), 30);
        assert_eq!(world.businesses.len(), 2);
    }

    #[test]
    fn same_start_gives_same_data() {
        let now = Utc::now();
        let a = seeded(now);
        let b = seeded(now);
        let summary = |w: &World| {
            w.visitors
                .values()
                .map(|v| (v.id, v.full_name.clone(), v.arrived, v.expected_arrival))
                .collect::<Vec<_>>()
        };
        assert_eq!(summary(&a), summary(&b));
    }

    #[test]
    fn midday_has_expected_on_site_and_departed_visitors() {
        let noon = Utc
            .with_ymd_and_hms(2026, 11, 23, 12, 0, 0)
            .single()
            .expect("date");
        let world = seeded(noon);
        let today: Vec<_> = world
            .visitors
            .values()
            .filter(|v| v.business_id == SHOREDITCH && v.id < crate::world::FIRST_VISITOR_ID + 30)
            .collect();
        assert!(today.iter().any(|v| !v.arrived));
        assert!(today
            .iter()
            .any(|v| v.arrived && v.departure_date.is_none()));
        assert!(today.iter().any(|v| v.departure_date.is_some()));
    }
}
