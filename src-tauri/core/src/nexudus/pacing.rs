//! Keeps every request of one account inside Nexudus's documented limits (§6.3): 1 request per
//! 100 ms, 120 per minute, 60 writes per minute, and 10 per 5 s on the public API. One pacer per
//! account is shared by every caller in the process.
//!
//! The limiters are GCRA (governor). GCRA allows a burst and then a steady rate, so for a limit
//! of `n` per window the burst `b` and the rate are chosen so that `b + rate × window ≤ n`: no
//! sliding window ever holds more than the limit, which is how the server counts.

use std::collections::HashMap;
use std::num::NonZeroU32;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use std::time::Duration;

use governor::{DefaultDirectRateLimiter, Quota, RateLimiter};

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PaceLimits {
    pub min_gap: Duration,
    pub requests_per_minute: u32,
    pub writes_per_minute: u32,
    pub public_requests: u32,
    pub public_window: Duration,
}

impl Default for PaceLimits {
    fn default() -> Self {
        PaceLimits {
            min_gap: Duration::from_millis(100),
            requests_per_minute: 120,
            writes_per_minute: 60,
            public_requests: 10,
            public_window: Duration::from_secs(5),
        }
    }
}

impl PaceLimits {
    /// No pacing at all: for tests that turn the simulator's limits off too.
    pub fn unlimited() -> Self {
        PaceLimits {
            min_gap: Duration::ZERO,
            requests_per_minute: 0,
            writes_per_minute: 0,
            public_requests: 0,
            public_window: Duration::ZERO,
        }
    }
}

/// Network jitter can bring two requests closer on arrival than on departure: keep a margin.
const SAFETY: f64 = 1.05;

/// A GCRA quota that never lets more than `limit` through in any `window`; `None` = no limit.
pub fn window_quota(limit: u32, window: Duration) -> Option<Quota> {
    if limit == 0 || window.is_zero() {
        return None;
    }
    let burst = (limit / 12).max(1);
    let steady = (limit - burst).max(1);
    let period = window.mul_f64(SAFETY) / steady;
    Some(Quota::with_period(period)?.allow_burst(NonZeroU32::new(burst)?))
}

fn gap_quota(gap: Duration) -> Option<Quota> {
    if gap.is_zero() {
        return None;
    }
    Some(Quota::with_period(gap.mul_f64(SAFETY))?.allow_burst(NonZeroU32::MIN))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RequestKind {
    Read,
    Write,
}

pub struct Pacer {
    gap: Option<DefaultDirectRateLimiter>,
    per_minute: Option<DefaultDirectRateLimiter>,
    writes: Option<DefaultDirectRateLimiter>,
    public: Option<DefaultDirectRateLimiter>,
}

impl Pacer {
    pub fn new(limits: PaceLimits) -> Self {
        let minute = Duration::from_secs(60);
        Pacer {
            gap: gap_quota(limits.min_gap).map(RateLimiter::direct),
            per_minute: window_quota(limits.requests_per_minute, minute).map(RateLimiter::direct),
            writes: window_quota(limits.writes_per_minute, minute).map(RateLimiter::direct),
            public: window_quota(limits.public_requests, limits.public_window)
                .map(RateLimiter::direct),
        }
    }

    /// Waits until one more request of this kind fits every limit. The most restrictive
    /// limiters go first so a cell of a looser one is not held while waiting.
    pub async fn ready(&self, kind: RequestKind, public_api: bool) {
        if kind == RequestKind::Write {
            self.reserve_write().await;
        }
        self.ready_reserved_write(public_api).await;
    }

    /// Takes a write's place in the write budget ahead of time: a read-then-write update
    /// waits out the budget before its read, so the read and the write go out back to back
    /// (a long wait between them is a window for another desk's change to be overwritten).
    /// The write itself then goes through [`Self::ready_reserved_write`].
    pub async fn reserve_write(&self) {
        if let Some(writes) = &self.writes {
            writes.until_ready().await;
        }
    }

    /// Every limit but the write budget, for a write reserved with [`Self::reserve_write`].
    pub async fn ready_reserved_write(&self, public_api: bool) {
        if public_api {
            if let Some(public) = &self.public {
                public.until_ready().await;
            }
        }
        if let Some(per_minute) = &self.per_minute {
            per_minute.until_ready().await;
        }
        if let Some(gap) = &self.gap {
            gap.until_ready().await;
        }
    }
}

/// The process-wide pacer of an account (`server|email`): every client built for the same
/// account shares it, so two screens polling at once still stay within the limits.
pub fn pacer_for(account: &str, limits: PaceLimits) -> Arc<Pacer> {
    static PACERS: OnceLock<Mutex<HashMap<String, Arc<Pacer>>>> = OnceLock::new();
    let mut pacers = PACERS
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    pacers
        .entry(account.to_string())
        .or_insert_with(|| Arc::new(Pacer::new(limits)))
        .clone()
}

#[cfg(test)]
mod tests {
    use super::*;
    use governor::clock::{Clock, FakeRelativeClock, Reference};

    /// Counts how many cells a quota lets through in the worst sliding window, by simulation
    /// on a fake clock with requests offered every millisecond.
    fn worst_window(quota: Quota, window: Duration, run: Duration) -> usize {
        let clock = FakeRelativeClock::default();
        let limiter = RateLimiter::direct_with_clock(quota, clock.clone());
        let mut admitted = Vec::new();
        let step = Duration::from_millis(1);
        let mut elapsed = Duration::ZERO;
        while elapsed < run {
            if limiter.check().is_ok() {
                admitted.push(clock.now());
            }
            clock.advance(step);
            elapsed += step;
        }
        admitted
            .iter()
            .enumerate()
            .map(|(i, start)| {
                admitted[i..]
                    .iter()
                    .take_while(|t| t.duration_since(*start) < window.into())
                    .count()
            })
            .max()
            .unwrap_or(0)
    }

    #[test]
    fn no_sliding_minute_ever_holds_more_than_the_limit() {
        let minute = Duration::from_secs(60);
        for limit in [60, 120] {
            let quota = window_quota(limit, minute).expect("quota");
            let worst = worst_window(quota, minute, Duration::from_secs(180));
            assert!(worst <= limit as usize, "{limit}/min allowed {worst}");
            assert!(
                worst as f64 >= limit as f64 * 0.9,
                "{limit}/min used only {worst}"
            );
        }
    }

    #[test]
    fn public_window_and_gap_hold() {
        let five = Duration::from_secs(5);
        let quota = window_quota(10, five).expect("quota");
        assert!(worst_window(quota, five, Duration::from_secs(30)) <= 10);
        let gap = gap_quota(Duration::from_millis(100)).expect("gap");
        assert_eq!(
            worst_window(gap, Duration::from_millis(100), Duration::from_secs(2)),
            1
        );
    }

    #[test]
    fn zero_means_unlimited_and_accounts_share_one_pacer() {
        assert!(window_quota(0, Duration::from_secs(60)).is_none());
        assert!(gap_quota(Duration::ZERO).is_none());
        let a = pacer_for("test|shared@x", PaceLimits::default());
        let b = pacer_for("test|shared@x", PaceLimits::unlimited());
        assert!(Arc::ptr_eq(&a, &b));
    }
}
