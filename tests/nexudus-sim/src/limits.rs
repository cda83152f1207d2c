//! Nexudus's documented rate limits (§6.3), per account: a minimum gap between requests,
//! requests per minute, writes per minute, and the public API's 10 requests per 5 seconds.
//! A throttled request is not counted and not applied.

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};

use crate::config::SimConfig;

#[derive(Debug, PartialEq)]
pub enum Decision {
    Allow,
    Throttle { wait: Duration },
}

#[derive(Default)]
struct ClientWindows {
    last: Option<Instant>,
    all: VecDeque<Instant>,
    writes: VecDeque<Instant>,
    public: VecDeque<Instant>,
}

#[derive(Default)]
pub struct RateLimiter {
    clients: HashMap<String, ClientWindows>,
    /// Throttle the next N requests regardless of the windows (a test control).
    pub forced: u32,
}

const MINUTE: Duration = Duration::from_secs(60);

/// How long until a window with `limit` entries in `span` has room again, if it is full.
fn window_wait(
    window: &mut VecDeque<Instant>,
    span: Duration,
    limit: u32,
    now: Instant,
) -> Option<Duration> {
    while window
        .front()
        .is_some_and(|t| now.duration_since(*t) >= span)
    {
        window.pop_front();
    }
    if limit == 0 || window.len() < limit as usize {
        return None;
    }
    let oldest = *window.front()?;
    Some((oldest + span).saturating_duration_since(now))
}

impl RateLimiter {
    pub fn check(
        &mut self,
        client: &str,
        is_write: bool,
        is_public: bool,
        now: Instant,
        config: &SimConfig,
    ) -> Decision {
        if self.forced > 0 {
            self.forced -= 1;
            return Decision::Throttle {
                wait: Duration::from_secs(1),
            };
        }
        if !config.rate_limits {
            return Decision::Allow;
        }
        let windows = self.clients.entry(client.to_string()).or_default();
        let mut waits = Vec::new();
        if let Some(last) = windows.last {
            let gap = Duration::from_millis(config.min_gap_ms);
            let elapsed = now.duration_since(last);
            if elapsed < gap {
                waits.push(gap - elapsed);
            }
        }
        waits.extend(window_wait(
            &mut windows.all,
            MINUTE,
            config.requests_per_minute,
            now,
        ));
        if is_write {
            waits.extend(window_wait(
                &mut windows.writes,
                MINUTE,
                config.writes_per_minute,
                now,
            ));
        }
        if is_public {
            let span = Duration::from_secs(config.public_window_secs);
            waits.extend(window_wait(
                &mut windows.public,
                span,
                config.public_requests_per_window,
                now,
            ));
        }
        if let Some(wait) = waits.into_iter().max() {
            return Decision::Throttle { wait };
        }
        windows.last = Some(now);
        windows.all.push_back(now);
        if is_write {
            windows.writes.push_back(now);
        }
        if is_public {
            windows.public.push_back(now);
        }
        Decision::Allow
    }

    pub fn reset(&mut self) {
        self.clients.clear();
        self.forced = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> SimConfig {
        SimConfig::default()
    }

    #[test]
    fn requests_closer_than_the_gap_are_throttled_with_the_remaining_wait() {
        let mut limiter = RateLimiter::default();
        let start = Instant::now();
        assert_eq!(
            limiter.check("a", false, false, start, &config()),
            Decision::Allow
        );
        let decision = limiter.check(
            "a",
            false,
            false,
            start + Duration::from_millis(40),
            &config(),
        );
        assert_eq!(
            decision,
            Decision::Throttle {
                wait: Duration::from_millis(60)
            }
        );
        let later = start + Duration::from_millis(100);
        assert_eq!(
            limiter.check("a", false, false, later, &config()),
            Decision::Allow
        );
    }

    #[test]
    fn the_sixty_first_write_in_a_minute_waits_for_the_first_to_expire() {
        let mut limiter = RateLimiter::default();
        let start = Instant::now();
        for n in 0..60u64 {
            let at = start + Duration::from_millis(n * 200);
            assert_eq!(
                limiter.check("a", true, false, at, &config()),
                Decision::Allow,
                "write {n}"
            );
        }
        let at = start + Duration::from_millis(60 * 200);
        let Decision::Throttle { wait } = limiter.check("a", true, false, at, &config()) else {
            panic!("61st write must be throttled");
        };
        assert_eq!(wait, Duration::from_secs(48));
        // Reads still pass: only writes are over their limit.
        assert_eq!(
            limiter.check("a", false, false, at, &config()),
            Decision::Allow
        );
    }

    #[test]
    fn clients_are_limited_separately_and_the_switch_turns_limits_off() {
        let mut limiter = RateLimiter::default();
        let now = Instant::now();
        assert_eq!(
            limiter.check("a", false, false, now, &config()),
            Decision::Allow
        );
        assert_eq!(
            limiter.check("b", false, false, now, &config()),
            Decision::Allow
        );
        let off = SimConfig {
            rate_limits: false,
            ..config()
        };
        assert_eq!(limiter.check("a", false, false, now, &off), Decision::Allow);
    }

    #[test]
    fn public_api_allows_ten_requests_per_five_seconds() {
        let mut limiter = RateLimiter::default();
        let start = Instant::now();
        for n in 0..10u64 {
            let at = start + Duration::from_millis(n * 100);
            assert_eq!(
                limiter.check("h", false, true, at, &config()),
                Decision::Allow
            );
        }
        let at = start + Duration::from_millis(1000);
        assert!(matches!(
            limiter.check("h", false, true, at, &config()),
            Decision::Throttle { .. }
        ));
    }
}
