//! Fault injection: "for the next N requests matching method and path, do X".

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FaultKind {
    /// Answer with this status (and body) without applying the request. A 500 with no body
    /// gets the real service's "Ooops!" envelope.
    Status {
        status: u16,
        #[serde(default)]
        body: Option<String>,
    },
    /// Wait before handling the request.
    Delay { ms: u64 },
    /// Apply the request, then drop the connection before answering: an uncertain outcome.
    DropAfterApply,
    /// Drop the connection without applying the request.
    DropBeforeApply,
    /// A gateway that gives up before the server does: answer 504 at once (or drop the
    /// connection, with `drop`), and apply the request `ms` later anyway.
    ApplyLate {
        ms: u64,
        #[serde(default)]
        drop: bool,
    },
    /// Answer 200 with `WasSuccessful:false` without applying the request.
    Unsuccessful {
        #[serde(default)]
        message: Option<String>,
    },
    /// Answer as throttled (in the configured variant) without applying the request.
    Throttle {
        #[serde(default = "one_second")]
        wait_ms: u64,
    },
}

fn one_second() -> u64 {
    1000
}

fn one() -> u32 {
    1
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct FaultRule {
    #[serde(default)]
    pub id: u64,
    /// HTTP method to match; any when absent.
    #[serde(default)]
    pub method: Option<String>,
    /// Path prefix to match (e.g. `/api/spaces/visitors`); any when absent.
    #[serde(default)]
    pub path: Option<String>,
    /// How many matching requests this rule still applies to.
    #[serde(default = "one")]
    pub count: u32,
    #[serde(flatten)]
    pub kind: FaultKind,
}

#[derive(Default)]
pub struct FaultBook {
    rules: Vec<FaultRule>,
    next_id: u64,
}

impl FaultBook {
    pub fn add(&mut self, mut rule: FaultRule) -> u64 {
        self.next_id += 1;
        rule.id = self.next_id;
        self.rules.push(rule);
        self.next_id
    }

    pub fn rules(&self) -> &[FaultRule] {
        &self.rules
    }

    pub fn clear(&mut self) {
        self.rules.clear();
    }

    /// The fault for this request, if any; each use counts down its rule.
    pub fn take(&mut self, method: &str, path: &str) -> Option<FaultKind> {
        let index = self.rules.iter().position(|rule| {
            rule.count > 0
                && rule
                    .method
                    .as_deref()
                    .is_none_or(|m| m.eq_ignore_ascii_case(method))
                && rule.path.as_deref().is_none_or(|p| path.starts_with(p))
        })?;
        let rule = &mut self.rules[index];
        rule.count -= 1;
        let kind = rule.kind.clone();
        if rule.count == 0 {
            self.rules.remove(index);
        }
        Some(kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rule_applies_to_its_count_of_matching_requests_only() {
        let mut book = FaultBook::default();
        book.add(FaultRule {
            id: 0,
            method: Some("PUT".into()),
            path: Some("/api/spaces/visitors".into()),
            count: 2,
            kind: FaultKind::DropAfterApply,
        });
        assert_eq!(book.take("GET", "/api/spaces/visitors"), None);
        assert_eq!(
            book.take("put", "/api/spaces/visitors"),
            Some(FaultKind::DropAfterApply)
        );
        assert!(book.take("PUT", "/api/spaces/visitors").is_some());
        assert_eq!(book.take("PUT", "/api/spaces/visitors"), None);
        assert!(book.rules().is_empty());
    }

    #[test]
    fn rules_read_from_json() {
        let rule: FaultRule = serde_json::from_str(
            r#"{"method":"POST","path":"/api/public/visitors","count":3,"kind":"status","status":503}"#,
        )
        .expect("rule");
        assert_eq!(rule.count, 3);
        assert_eq!(
            rule.kind,
            FaultKind::Status {
                status: 503,
                body: None
            }
        );
    }
}
