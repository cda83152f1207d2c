//! Nexudus's time, learnt from the `Date` header of its answers. A desk's clock can be minutes
//! off (no NTP on a locked-down PC, a dead CMOS battery); asking "what changed since" or
//! judging "did this just happen" by it loses arrival alerts. Everything that compares with
//! times the server wrote uses this clock.

use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};

use chrono::{DateTime, Duration, Utc};

/// Offsets below this are the header's one-second resolution and network time, not a wrong
/// clock: a desk whose clock is right is never "corrected" by noise.
const NOISE_MS: i64 = 2_000;

#[derive(Debug, Default)]
pub struct ServerClock {
    offset_ms: AtomicI64,
    known: AtomicBool,
}

impl ServerClock {
    /// Learns from one answer: its `Date` header and when the request left and its answer came.
    pub fn observe(&self, date_header: &str, sent: DateTime<Utc>, received: DateTime<Utc>) {
        let Ok(server) = DateTime::parse_from_rfc2822(date_header.trim()) else {
            return;
        };
        // The header is truncated to the second and stamped while answering: compare its
        // middle with the middle of the round trip.
        let middle = sent + (received - sent) / 2;
        let offset = server.with_timezone(&Utc) + Duration::milliseconds(500) - middle;
        let offset_ms = offset.num_milliseconds();
        let previous = self.offset_ms.load(Ordering::Relaxed);
        // Keep a steady estimate: one answer's jitter within the noise does not move it.
        if !self.known.load(Ordering::Relaxed) || (offset_ms - previous).abs() > NOISE_MS / 2 {
            self.offset_ms.store(offset_ms, Ordering::Relaxed);
        }
        self.known.store(true, Ordering::Relaxed);
    }

    /// How far the server's clock is ahead of this computer's (negative: behind); `None` until
    /// an answer carried a readable `Date`.
    pub fn offset(&self) -> Option<Duration> {
        self.known
            .load(Ordering::Relaxed)
            .then(|| Duration::milliseconds(self.offset_ms.load(Ordering::Relaxed)))
    }

    /// The correction to apply: zero when unknown or within the noise.
    pub fn correction(&self) -> Duration {
        self.offset()
            .filter(|offset| offset.num_milliseconds().abs() >= NOISE_MS)
            .unwrap_or_else(Duration::zero)
    }

    /// The server's "now".
    pub fn now(&self) -> DateTime<Utc> {
        Utc::now() + self.correction()
    }

    /// A time read on this computer's clock, as the server's clock would have read it.
    pub fn to_server(&self, local: DateTime<Utc>) -> DateTime<Utc> {
        local + self.correction()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(at: DateTime<Utc>) -> String {
        at.format("%a, %d %b %Y %H:%M:%S GMT").to_string()
    }

    #[test]
    fn a_fast_desk_learns_the_server_is_behind() {
        let clock = ServerClock::default();
        assert_eq!(clock.offset(), None);
        let desk = Utc::now();
        let server = desk - Duration::minutes(10);
        clock.observe(&header(server), desk, desk + Duration::milliseconds(80));
        let offset = clock.offset().expect("known");
        assert!((offset + Duration::minutes(10)).num_milliseconds().abs() < 1_500);
        assert!((clock.now() - server).num_seconds().abs() <= 2);
    }

    #[test]
    fn a_right_clock_is_not_corrected_and_junk_is_ignored() {
        let clock = ServerClock::default();
        let now = Utc::now();
        clock.observe("not a date", now, now);
        assert_eq!(clock.offset(), None);
        clock.observe(&header(now), now, now + Duration::milliseconds(200));
        assert_eq!(clock.correction(), Duration::zero());
        let at = Utc::now();
        assert_eq!(clock.to_server(at), at);
    }
}
