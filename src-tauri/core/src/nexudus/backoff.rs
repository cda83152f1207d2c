//! Exponential backoff with jitter, for retries the server gave no wait time for.

use std::time::Duration;

use rand::Rng;

pub const BASE: Duration = Duration::from_millis(500);
pub const CAP: Duration = Duration::from_secs(60);

/// The wait before retry number `attempt` (0-based): `BASE × 2^attempt`, capped at `cap`,
/// scaled by a random factor in [0.5, 1.0] so many desks do not retry in step.
pub fn backoff(attempt: u32, cap: Duration) -> Duration {
    let factor = rand::rng().random_range(0.5..=1.0);
    ceiling(attempt, cap).mul_f64(factor)
}

/// The wait before jitter.
pub fn ceiling(attempt: u32, cap: Duration) -> Duration {
    BASE.saturating_mul(2u32.saturating_pow(attempt.min(20)))
        .min(cap)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubles_up_to_the_cap_with_jitter_below_the_ceiling() {
        assert_eq!(ceiling(0, CAP), Duration::from_millis(500));
        assert_eq!(ceiling(3, CAP), Duration::from_secs(4));
        assert_eq!(ceiling(30, CAP), CAP);
        for attempt in 0..10 {
            let wait = backoff(attempt, CAP);
            assert!(wait <= ceiling(attempt, CAP) && wait >= ceiling(attempt, CAP) / 2);
        }
    }
}
