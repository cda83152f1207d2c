//! How often to look for arrivals.
//!
//! The target is an alert within about 3 s of a check-in (median) while visitors are due,
//! spending a small part of the 120 requests a minute Nexudus allows per client: one poll every
//! 5 s is 12 looks a minute and puts the median delay at ~2.5 s plus the request's own time. A
//! host's look is one request; reception's is two (the whole day, which also shows what was
//! cancelled, and what changed since the last look), so 24 a minute at the fastest. When
//! nobody is due for hours the poll slows to 30 s, then 2 min; at night with the window idle and
//! nobody due it drops to 5 min; offline it backs off from 10 s to 2 min, and the first good
//! answer brings it straight back to full speed.
//!
//! A visitor due soon always wins over the hour of the day: spaces open at night, hosts work
//! night shifts, and the desk's clock or zone may not be the location's.

use std::time::Duration;

pub const FAST: Duration = Duration::from_secs(5);
pub const SLOW: Duration = Duration::from_secs(30);
pub const VERY_SLOW: Duration = Duration::from_secs(120);
pub const NIGHT: Duration = Duration::from_secs(300);
const OFFLINE_FIRST: Duration = Duration::from_secs(10);
const OFFLINE_CAP: Duration = Duration::from_secs(120);

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct PollContext {
    /// Until the next expected visitor, if any is expected.
    pub next_expected_in: Option<Duration>,
    /// Someone arrived or was expected in the last hour (late visitors are common).
    pub recent_activity: bool,
    /// How long the window has gone without input.
    pub idle_for: Duration,
    /// Outside 07:00–20:00 on this computer's clock.
    pub night: bool,
    /// Polls that failed in a row (offline, server trouble).
    pub failures: u32,
}

pub fn next_poll(context: &PollContext) -> Duration {
    if context.failures > 0 {
        let doubled =
            OFFLINE_FIRST.saturating_mul(2u32.saturating_pow(context.failures.min(8) - 1));
        return doubled.min(OFFLINE_CAP);
    }
    let due_soon = context
        .next_expected_in
        .is_some_and(|d| d <= Duration::from_secs(2 * 3600));
    if due_soon || context.recent_activity {
        return FAST;
    }
    if context.night && context.idle_for >= Duration::from_secs(30 * 60) {
        return NIGHT;
    }
    match context.next_expected_in {
        Some(d) if d <= Duration::from_secs(8 * 3600) => SLOW,
        _ => VERY_SLOW,
    }
}

/// Requests a minute a poll interval costs, for one request per poll.
pub fn requests_per_minute(interval: Duration) -> f64 {
    60.0 / interval.as_secs_f64()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hours(h: u64) -> Option<Duration> {
        Some(Duration::from_secs(h * 3600))
    }

    #[test]
    fn fast_while_visitors_are_due_within_the_request_budget() {
        let busy = PollContext {
            next_expected_in: hours(1),
            ..PollContext::default()
        };
        assert_eq!(next_poll(&busy), FAST);
        assert!(requests_per_minute(next_poll(&busy)) <= 12.0);
        let late = PollContext {
            recent_activity: true,
            ..PollContext::default()
        };
        assert_eq!(next_poll(&late), FAST);
    }

    #[test]
    fn slower_when_nobody_is_due_for_hours_and_slowest_idle_at_night() {
        assert_eq!(
            next_poll(&PollContext {
                next_expected_in: hours(5),
                ..PollContext::default()
            }),
            SLOW
        );
        assert_eq!(
            next_poll(&PollContext {
                next_expected_in: hours(20),
                ..PollContext::default()
            }),
            VERY_SLOW
        );
        assert_eq!(next_poll(&PollContext::default()), VERY_SLOW);
        let night = PollContext {
            next_expected_in: hours(5),
            night: true,
            idle_for: Duration::from_secs(3600),
            ..PollContext::default()
        };
        assert_eq!(next_poll(&night), NIGHT);
        let night_but_in_use = PollContext {
            idle_for: Duration::from_secs(60),
            ..night
        };
        assert_eq!(next_poll(&night_but_in_use), SLOW);
    }

    #[test]
    fn a_visitor_due_soon_at_night_gets_the_fast_poll_even_with_the_window_idle() {
        let minutes = |m: u64| Some(Duration::from_secs(m * 60));
        let night_shift = PollContext {
            next_expected_in: minutes(20),
            night: true,
            idle_for: Duration::from_secs(3 * 3600),
            ..PollContext::default()
        };
        assert_eq!(next_poll(&night_shift), FAST);
        let late_visitor = PollContext {
            next_expected_in: None,
            recent_activity: true,
            ..night_shift
        };
        assert_eq!(next_poll(&late_visitor), FAST);
    }

    #[test]
    fn offline_backs_off_and_the_first_success_is_full_speed_again() {
        let offline = |failures| {
            next_poll(&PollContext {
                failures,
                next_expected_in: hours(1),
                ..PollContext::default()
            })
        };
        assert_eq!(offline(1), Duration::from_secs(10));
        assert_eq!(offline(2), Duration::from_secs(20));
        assert_eq!(offline(10), OFFLINE_CAP);
        assert_eq!(offline(0), FAST);
    }
}
