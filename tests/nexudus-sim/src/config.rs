//! Every behaviour the Nexudus docs leave open, as a switch (see `shared/nexudus-api.md` §9).
//! Defaults are the §9 defaults; tests flip them at start (`--set key=value`) or at run time
//! (`POST /_sim/config` with a partial JSON object).

use serde::{Deserialize, Serialize};
use serde_json::Value;

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct SimConfig {
    /// 429 (observed) or 409 (documented legacy) for a throttled request.
    pub throttle_status: u16,
    /// Where the wait time is told: `Retry-After`, a "Wait N seconds" body, both, or neither.
    pub throttle_hints: ThrottleHints,
    /// How dates are written in responses.
    pub date_format: DateFormat,
    /// Type of `CurrentSortDirection`: `native` is a number on admin routes and a string on
    /// public ones; `number` or `string` force one type on both.
    pub sort_direction: SortDirectionStyle,
    /// Meaning of the `dir` query parameter (a CONFLICT in the docs).
    pub dir_convention: DirConvention,
    pub access_token_lifetime_secs: i64,
    pub refresh_token_lifetime_secs: i64,
    /// Whether a refresh must carry the `client_id` header given at sign-in.
    pub client_id_required_on_refresh: bool,
    /// Token errors with or without `error_description`.
    pub token_error_descriptions: bool,
    /// Master switch for every rate limit below.
    pub rate_limits: bool,
    pub writes_per_minute: u32,
    pub requests_per_minute: u32,
    /// Minimum gap between two requests of one account (the "1 req/100 ms" limit).
    pub min_gap_ms: u64,
    pub public_requests_per_window: u32,
    pub public_window_secs: u64,
    /// 401 (documented) or 403 for a token that lacks a role or is of the wrong family.
    pub missing_role_status: u16,
    /// An empty 200 (observed) or `[{"Id": n}, …]` for a public registration.
    pub public_register_reply: RegisterReply,
    /// Whether a multi-visitor public registration with a bad item is rejected whole.
    pub public_register_all_or_nothing: bool,
    /// Whether the public API insists on a visitor email (observed on a live space).
    pub public_email_required: bool,
    /// `CheckInNow:true` checks in and notifies (default) or is only stored.
    pub check_in_now_notifies: bool,
    /// List rows omit Notes, CustomerNotes, PhoneNumber, SystemId, AccessControlScheduledJobId.
    pub partial_list_rows: bool,
    /// Get-one answers `{"Value": record}` instead of the bare record.
    pub get_one_wrapped: bool,
    /// Paged envelopes also carry the old `PageNumber`/`PageSize` fields.
    pub page_fields_in_envelope: bool,
    pub admin_max_page_size: u32,
    pub public_default_page_size: u32,
    pub public_max_page_size: u32,
    /// Unknown query parameters are an error rather than silently ignored.
    pub reject_unknown_params: bool,
    /// Added to every API request: a slower server, so a test can stop a client mid-request.
    pub latency_ms: u64,
    /// List answers vary what the docs leave open, deterministically per record: the JSON
    /// types of fields a client should not depend on, extra per-tenant fields, numbers as
    /// text (see `shapes.rs`). Defaults to on when `NEXUDUS_SIM_VARY_SHAPES=1`, so whole test
    /// suites can run against it.
    pub vary_shapes: bool,
    /// The `page` parameter is ignored (every request gets page 1, still saying there are
    /// more): a server a client must not page forever.
    pub ignore_page: bool,
    /// Names and emails are stored tidied, as some servers do: spaces collapsed, each word of
    /// a name capitalised, emails in lower case. A client must not find its records by the
    /// exact text it sent.
    pub normalise_names: bool,
    /// Seconds added to the `Date` header of every answer: the server's clock as a desk with a
    /// wrong clock sees it (negative: the desk is fast).
    pub date_offset_secs: i64,
}

impl Default for SimConfig {
    fn default() -> Self {
        SimConfig {
            throttle_status: 429,
            throttle_hints: ThrottleHints::Both,
            date_format: DateFormat::Z,
            sort_direction: SortDirectionStyle::Native,
            dir_convention: DirConvention::OneMinusOne,
            access_token_lifetime_secs: 604_799,
            refresh_token_lifetime_secs: 30 * 24 * 3600,
            client_id_required_on_refresh: true,
            token_error_descriptions: true,
            rate_limits: true,
            writes_per_minute: 60,
            requests_per_minute: 120,
            min_gap_ms: 100,
            public_requests_per_window: 10,
            public_window_secs: 5,
            missing_role_status: 401,
            public_register_reply: RegisterReply::Empty,
            public_register_all_or_nothing: true,
            public_email_required: true,
            check_in_now_notifies: true,
            partial_list_rows: true,
            vary_shapes: std::env::var("NEXUDUS_SIM_VARY_SHAPES").is_ok_and(|v| v == "1"),
            ignore_page: false,
            normalise_names: false,
            date_offset_secs: 0,
            get_one_wrapped: false,
            page_fields_in_envelope: false,
            admin_max_page_size: 1000,
            public_default_page_size: 15,
            public_max_page_size: 100,
            reject_unknown_params: false,
            latency_ms: 0,
        }
    }
}

#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ThrottleHints {
    Both,
    Header,
    Body,
    None,
}

#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum DateFormat {
    /// `2026-11-23T10:30:00Z`
    Z,
    /// `2026-11-23T10:30:00` (UTC, no suffix)
    Naive,
    /// `2026-11-23T10:30:00.123Z`
    Fractional,
    /// `/Date(1795429800000)/`
    MsDate,
    /// Business-local wall clock with a literal `Z` ("fake Z", seen on portal routes).
    FakeZLocal,
}

#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum SortDirectionStyle {
    Native,
    Number,
    String,
}

#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum DirConvention {
    /// `1` ascending, `-1` descending (also `Ascending`/`Descending`).
    OneMinusOne,
    /// `0` ascending, `1` descending.
    ZeroOne,
    /// `dir` has no effect.
    Ignored,
}

#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum RegisterReply {
    Empty,
    Ids,
}

#[derive(Debug)]
pub struct ConfigError(pub String);

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ConfigError {}

impl SimConfig {
    /// Applies a partial JSON object on top of this config; unknown keys are an error so a typo
    /// in a test never silently tests the default.
    pub fn patched(&self, patch: &Value) -> Result<SimConfig, ConfigError> {
        let Value::Object(changes) = patch else {
            return Err(ConfigError("config patch must be a JSON object".into()));
        };
        let mut merged = serde_json::to_value(self).map_err(|e| ConfigError(e.to_string()))?;
        if let Value::Object(current) = &mut merged {
            for (key, value) in changes {
                current.insert(key.clone(), value.clone());
            }
        }
        let config: SimConfig =
            serde_json::from_value(merged).map_err(|e| ConfigError(e.to_string()))?;
        config.validate()?;
        Ok(config)
    }

    /// Applies one `key=value` pair from the command line; the value is read as JSON when it
    /// parses, else as a string (`date_format=naive`).
    pub fn with_setting(&self, key: &str, raw: &str) -> Result<SimConfig, ConfigError> {
        let value = serde_json::from_str(raw).unwrap_or_else(|_| Value::String(raw.to_string()));
        let mut patch = serde_json::Map::new();
        patch.insert(key.replace('-', "_"), value);
        self.patched(&Value::Object(patch))
    }

    fn validate(&self) -> Result<(), ConfigError> {
        if ![409, 429].contains(&self.throttle_status) {
            return Err(ConfigError("throttle_status must be 409 or 429".into()));
        }
        if ![401, 403].contains(&self.missing_role_status) {
            return Err(ConfigError("missing_role_status must be 401 or 403".into()));
        }
        if self.public_default_page_size == 0 || self.admin_max_page_size == 0 {
            return Err(ConfigError("page sizes must be positive".into()));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn patch_changes_only_named_keys() {
        let config = SimConfig::default()
            .patched(&json!({"throttle_status": 409, "date_format": "ms_date"}))
            .expect("valid patch");
        assert_eq!(config.throttle_status, 409);
        assert_eq!(config.date_format, DateFormat::MsDate);
        assert_eq!(config.writes_per_minute, 60);
    }

    #[test]
    fn unknown_keys_and_bad_values_are_refused() {
        assert!(SimConfig::default()
            .patched(&json!({"throtle": 1}))
            .is_err());
        assert!(SimConfig::default()
            .patched(&json!({"throttle_status": 418}))
            .is_err());
    }

    #[test]
    fn command_line_values_parse_as_json_or_string() {
        let config = SimConfig::default()
            .with_setting("date-format", "naive")
            .and_then(|c| c.with_setting("min_gap_ms", "0"))
            .expect("valid settings");
        assert_eq!(config.date_format, DateFormat::Naive);
        assert_eq!(config.min_gap_ms, 0);
    }
}
