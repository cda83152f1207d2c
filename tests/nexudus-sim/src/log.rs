//! A bounded log of every API request, for tests to count and inspect what a client sent.

use std::collections::VecDeque;

use chrono::{DateTime, Utc};
use serde::Serialize;

const CAPACITY: usize = 50_000;

#[derive(Clone, Debug, Serialize)]
pub struct LogEntry {
    pub seq: u64,
    pub at: DateTime<Utc>,
    pub method: String,
    pub path: String,
    pub query: Option<String>,
    pub account: Option<String>,
    /// The status sent, or `None` when the connection was dropped.
    pub status: Option<u16>,
    /// `ok`, `throttled`, `fault:<kind>` or `dropped`.
    pub outcome: String,
    pub body: Option<String>,
}

#[derive(Default)]
pub struct RequestLog {
    entries: VecDeque<LogEntry>,
    next_seq: u64,
}

impl RequestLog {
    pub fn push(&mut self, mut entry: LogEntry) -> u64 {
        self.next_seq += 1;
        entry.seq = self.next_seq;
        if self.entries.len() == CAPACITY {
            self.entries.pop_front();
        }
        self.entries.push_back(entry);
        self.next_seq
    }

    pub fn since(&self, seq: u64) -> Vec<LogEntry> {
        self.entries
            .iter()
            .filter(|e| e.seq > seq)
            .cloned()
            .collect()
    }

    pub fn clear(&mut self) {
        self.entries.clear();
    }
}
