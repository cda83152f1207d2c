//! Scan to check in: what a USB barcode or QR scanner types (it types like a keyboard and ends
//! with Enter), matched against today's list from the cache, so it works offline.
//!
//! Nexudus emails each registered visitor their `VisitorCode` as a PIN and a QR code
//! (nexudus-api.md §3.1, §8). The reference does not say what the QR encodes, so a scan is
//! matched as the bare code, then by a value a key names as a code (`?code=012345`,
//! `"VisitorCode":"012345"`), then by the one visitor whose code is a run of letters and
//! digits inside it; parts naming two different visitors check nobody in.

use serde::Serialize;

use super::{Desk, DeskError, VisitorRef};
use crate::visitor::{DeskVisitor, Presence, ShownVisitor};

/// Longest scan looked at: a QR holds a few hundred characters; anything longer is not a code.
const MAX_SCAN: usize = 2_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ScanOutcome {
    /// Expected today and now checked in (queued: it reaches Nexudus when the desk can).
    CheckedIn,
    /// Nothing was scanned.
    Empty,
    /// No visitor expected today at this location has this code.
    Unknown,
    AlreadyOnSite,
    AlreadyLeft,
    /// The host declined this visitor.
    Declined,
    /// The host has not answered yet; NexIO blocks check-in until they do.
    AwaitingApproval,
    /// A change to this visitor waits for a person in Sync (say, an approval that met the
    /// host's own answer): a check-in behind it would act on a state nobody has confirmed.
    NeedsAttention,
}

/// What a scan did, for the window to show large and read out with a sound.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScanResult {
    pub outcome: ScanOutcome,
    /// The code as matched (or as scanned, trimmed, when nothing matched).
    pub code: String,
    pub visitor: Option<ShownVisitor>,
    pub message: String,
}

/// Keys a QR's text may name the code with (`?code=012345`, `"VisitorCode":"012345"`).
const CODE_KEYS: [&str; 4] = ["code", "visitorcode", "pin", "visitor_code"];

/// What in a scan may be a code, most specific first.
#[derive(Debug, Default, PartialEq)]
pub struct Candidates {
    /// The whole scan, trimmed.
    pub whole: String,
    /// Values right after a key that names a code.
    pub keyed: Vec<String>,
    /// Every run of letters and digits.
    pub tokens: Vec<String>,
}

/// The candidate codes in a scan.
pub fn codes_in(scanned: &str) -> Candidates {
    let text: String = scanned.chars().take(MAX_SCAN).collect();
    let whole = text.trim().to_string();
    let tokens: Vec<String> = whole
        .split(|c: char| !c.is_alphanumeric() && c != '_')
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect();
    let keyed = tokens
        .windows(2)
        .filter(|pair| CODE_KEYS.contains(&pair[0].to_lowercase().as_str()))
        .map(|pair| pair[1].clone())
        .collect();
    Candidates {
        whole,
        keyed,
        tokens,
    }
}

/// What a scan names.
#[derive(Debug, PartialEq)]
pub enum Found<'a> {
    One(String, &'a DeskVisitor),
    Nobody,
    /// Parts of the scan are the codes of different visitors: guessing could check in the
    /// wrong person.
    Several,
}

fn with_code<'a>(visitors: &'a [DeskVisitor], code: &str) -> Option<&'a DeskVisitor> {
    let mut matches = visitors.iter().filter(|v| {
        v.visitor_code
            .as_deref()
            .is_some_and(|own| own.trim().eq_ignore_ascii_case(code))
    });
    let first = matches.next();
    // Several visitors with one code (which Nexudus should not allow): one still expected.
    let expected = first
        .into_iter()
        .chain(matches)
        .find(|v| v.presence() == Presence::Expected);
    expected.or(first)
}

/// The visitor a scan names: the whole scan or a code-named value, if it is someone's code;
/// else the one visitor whose code appears in it.
pub fn find_by_code<'a>(visitors: &'a [DeskVisitor], scanned: &str) -> Found<'a> {
    let candidates = codes_in(scanned);
    let named = std::iter::once(&candidates.whole).chain(&candidates.keyed);
    for code in named.filter(|c| !c.is_empty()) {
        if let Some(visitor) = with_code(visitors, code) {
            return Found::One(code.clone(), visitor);
        }
    }
    let mut found: Vec<(&String, &DeskVisitor)> = Vec::new();
    for code in &candidates.tokens {
        if let Some(visitor) = with_code(visitors, code) {
            if !found.iter().any(|(_, v)| std::ptr::eq(*v, visitor)) {
                found.push((code, visitor));
            }
        }
    }
    match found.as_slice() {
        [] => Found::Nobody,
        [(code, visitor)] => Found::One((*code).clone(), visitor),
        _ => Found::Several,
    }
}

impl Desk {
    /// Checks in the visitor whose code was scanned, if they are expected today at `business`
    /// and nothing stands in the way; otherwise says why and sends nothing.
    pub async fn check_in_by_code(
        &self,
        business: i64,
        scanned: &str,
        location: Option<String>,
    ) -> Result<ScanResult, DeskError> {
        let trimmed: String = scanned.trim().chars().take(40).collect();
        if trimmed.is_empty() {
            return Ok(ScanResult {
                outcome: ScanOutcome::Empty,
                code: String::new(),
                visitor: None,
                message: crate::l10n::desk_words().text("desk-scan-empty", &[]),
            });
        }
        let today = self.today(business).await?;
        let (code, visitor) = match find_by_code(&today, scanned) {
            Found::One(code, visitor) => (code, visitor),
            Found::Nobody => {
                return Ok(ScanResult {
                    outcome: ScanOutcome::Unknown,
                    message: crate::l10n::desk_words().text(
                        "desk-scan-unknown",
                        &[("code", crate::l10n::Arg::from(&trimmed))],
                    ),
                    code: trimmed,
                    visitor: None,
                })
            }
            Found::Several => {
                return Ok(ScanResult {
                    outcome: ScanOutcome::Unknown,
                    message: crate::l10n::desk_words().text("desk-scan-several", &[]),
                    code: trimmed,
                    visitor: None,
                })
            }
        };
        let name = &visitor.full_name;
        // The host's name is a value of the sentence; "none" picks the catalog's wording for
        // a visit without one.
        let words = crate::l10n::desk_words();
        let host = (visitor.host_name.clone())
            .filter(|host| !host.trim().is_empty())
            .unwrap_or_else(|| "none".into());
        let said = |id: &str| {
            use crate::l10n::Arg;
            words.text(
                id,
                &[
                    ("name", Arg::from(name)),
                    ("host", Arg::from(host.as_str())),
                ],
            )
        };
        let (outcome, message) = match (visitor.presence(), visitor.approval.as_deref()) {
            (Presence::Expected, _) if visitor.needs_attention => (
                ScanOutcome::NeedsAttention,
                said("desk-scan-needs-attention"),
            ),
            (Presence::OnSite, _) => (
                ScanOutcome::AlreadyOnSite,
                said("desk-scan-already-on-site"),
            ),
            (Presence::Left, _) => (ScanOutcome::AlreadyLeft, said("desk-scan-already-left")),
            (Presence::Expected, Some("rejected")) => {
                (ScanOutcome::Declined, said("desk-scan-declined"))
            }
            (Presence::Expected, Some("requested")) => (
                ScanOutcome::AwaitingApproval,
                said("desk-scan-awaiting-approval"),
            ),
            (Presence::Expected, _) => (ScanOutcome::CheckedIn, said("desk-scan-welcome")),
        };
        let visitor = visitor.clone();
        if outcome != ScanOutcome::CheckedIn {
            return Ok(ScanResult {
                outcome,
                code,
                visitor: Some(visitor.into()),
                message,
            });
        }
        let reference = VisitorRef {
            id: visitor.id,
            queued_id: visitor.queued_id.clone(),
        };
        self.check_in(&reference, location).await?;
        // The row as the list now shows it: checked in, waiting to sync.
        let shown = self
            .today(business)
            .await?
            .into_iter()
            .find(|row| row.id == visitor.id && row.queued_id == visitor.queued_id)
            .unwrap_or(visitor);
        Ok(ScanResult {
            outcome,
            code,
            visitor: Some(shown.into()),
            message,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expected(name: &str, code: &str) -> DeskVisitor {
        DeskVisitor {
            id: Some(name.len() as i64),
            full_name: name.into(),
            visitor_code: Some(code.into()),
            ..DeskVisitor::default()
        }
    }

    fn named<'a>(found: Found<'a>) -> Option<(String, &'a str)> {
        match found {
            Found::One(code, visitor) => Some((code, visitor.full_name.as_str())),
            _ => None,
        }
    }

    #[test]
    fn a_bare_code_and_a_code_inside_longer_text_both_match() {
        let list = vec![expected("Ada", "012345"), expected("Grace", "AB12CD")];
        for scan in [
            "012345",
            "  012345\r",
            "https://myspace.spaces.nexudus.com/en/visitors/checkin?code=012345",
            "{\"VisitorCode\":\"012345\"}",
            "VISITOR:012345",
        ] {
            assert_eq!(
                named(find_by_code(&list, scan)),
                Some(("012345".into(), "Ada")),
                "{scan}"
            );
        }
        assert_eq!(
            named(find_by_code(&list, "ab12cd")).map(|f| f.1),
            Some("Grace")
        );
    }

    #[test]
    fn a_code_nobody_has_or_a_part_of_one_matches_nothing() {
        let list = vec![expected("Ada", "012345")];
        for scan in ["12345", "0123456", "", "   "] {
            assert_eq!(find_by_code(&list, scan), Found::Nobody, "{scan:?}");
        }
        assert_eq!(find_by_code(&[], "012345"), Found::Nobody);
    }

    #[test]
    fn a_code_named_as_such_wins_and_two_stray_codes_check_in_nobody() {
        let list = vec![expected("Ada", "012345"), expected("Grace", "777777")];
        // An id in the link that happens to be Grace's code does not count against the code.
        let link = "https://x.test/visit/777777?code=012345";
        assert_eq!(named(find_by_code(&list, link)).map(|f| f.1), Some("Ada"));
        assert_eq!(find_by_code(&list, "012345 777777"), Found::Several);
    }

    #[test]
    fn with_two_visitors_on_one_code_the_one_still_expected_is_chosen() {
        let mut gone = expected("Ada", "777777");
        gone.arrived = true;
        gone.departed_at = Some(chrono::Utc::now());
        let list = vec![gone, expected("Grace", "777777")];
        assert_eq!(
            named(find_by_code(&list, "777777")).map(|f| f.1),
            Some("Grace")
        );
    }
}
