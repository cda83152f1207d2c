//! What a person may type into Front Desk, whatever screen or command it comes from: lengths
//! that fit Nexudus and a badge, and no invisible characters that reorder or hide text (a name
//! with a right-to-left override spoofs a notification title and the CLI's output).

use chrono::{DateTime, Duration, Utc};

use crate::nexudus::FieldProblem;

pub const NAME_MAX: usize = 200;
pub const EMAIL_MAX: usize = 254;
pub const PHONE_MAX: usize = 40;
pub const COMPANY_MAX: usize = 200;
pub const REASON_MAX: usize = 200;
pub const NOTES_MAX: usize = 2_000;
/// The portal's "Repeat visit" allows up to 30 dates.
pub const MAX_DATES: usize = 30;
/// A registration reaches at most this far ahead.
pub const DATES_AHEAD: Duration = Duration::days(365);

/// Unicode's format characters (category Cf) that matter in text a person types: the bidi
/// embeddings, overrides and isolates, invisible separators and joiners, the BOM. Zero-width
/// joiner and non-joiner (U+200C, U+200D) stay: Persian and Indic names are spelt with them,
/// and they move nothing.
fn is_format(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{061C}' | '\u{180E}' | '\u{200B}' | '\u{200E}' | '\u{200F}'
        | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206F}'
        | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}' | '\u{0600}'..='\u{0605}' | '\u{06DD}'
        | '\u{070F}' | '\u{08E2}' | '\u{E0001}' | '\u{E0020}'..='\u{E007F}')
}

/// A one-line value (a name, an email, a phone number): control and format characters go,
/// runs of spaces (a tab, a pasted newline) become one, and the ends are trimmed.
pub fn one_line(text: &str) -> String {
    let kept: String = text
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .filter(|c| !c.is_control() && !is_format(*c))
        .collect();
    kept.split(' ')
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Free text (notes): line breaks and tabs stay, other control and format characters go.
pub fn free_text(text: &str) -> String {
    text.chars()
        .filter(|c| matches!(c, '\n' | '\t') || (!c.is_control() && !is_format(*c)))
        .collect::<String>()
        .trim()
        .to_string()
}

/// An optional one-line value, `None` when nothing is left.
pub fn optional_line(text: &Option<String>) -> Option<String> {
    text.as_deref().map(one_line).filter(|t| !t.is_empty())
}

/// Optional free text, `None` when nothing is left.
pub fn optional_text(text: &Option<String>) -> Option<String> {
    text.as_deref().map(free_text).filter(|t| !t.is_empty())
}

/// A form field's problem, in the server's wording.
pub(crate) fn problem(field: &str, message: impl Into<String>) -> FieldProblem {
    FieldProblem {
        field: field.into(),
        message: message.into(),
    }
}

/// A required person's name, within its length.
pub fn check_name(name: &str, fields: &mut Vec<FieldProblem>) {
    if name.is_empty() {
        fields.push(problem("fullName", "is a required field"));
    }
    check_length("fullName", Some(name), NAME_MAX, fields);
}

/// Adds a problem when `value` is longer than `max` characters.
pub fn check_length(field: &str, value: Option<&str>, max: usize, fields: &mut Vec<FieldProblem>) {
    if value.is_some_and(|v| v.chars().count() > max) {
        fields.push(problem(field, format!("must be at most {max} characters")));
    }
}

/// The same shape the server checks, in the server's wording: the one email rule, for the
/// sign-in, the walk-in and the registration forms alike.
pub fn check_email(email: &str, required: bool, fields: &mut Vec<FieldProblem>) {
    if email.is_empty() {
        if required {
            fields.push(problem("email", "is a required field"));
        }
        return;
    }
    let shaped = email.rsplit_once('@').is_some_and(|(local, domain)| {
        !local.is_empty() && domain.contains('.') && !domain.ends_with('.')
    }) && !email.contains(char::is_whitespace)
        // Invisible or control characters (a form cleans them away; the sign-in does not).
        && email == one_line(email);
    if !shaped {
        fields.push(problem("email", "is not a valid email address"));
    } else {
        check_length("email", Some(email), EMAIL_MAX, fields);
    }
}

/// A registration's dates: 1 to [`MAX_DATES`], none in the past, none over a year ahead, no two alike.
pub fn check_dates(dates: &[DateTime<Utc>], now: DateTime<Utc>, fields: &mut Vec<FieldProblem>) {
    let message = if dates.is_empty() {
        Some("needs at least one date".to_string())
    } else if dates.len() > MAX_DATES {
        Some(format!("can have at most {MAX_DATES} dates"))
    } else if dates.iter().any(|at| *at < now - Duration::minutes(1)) {
        Some("cannot be in the past".to_string())
    } else if dates.iter().any(|at| *at > now + DATES_AHEAD) {
        Some("can be at most a year ahead".to_string())
    } else {
        let mut sorted = dates.to_vec();
        sorted.sort();
        sorted
            .windows(2)
            .any(|pair| pair[0] == pair[1])
            .then(|| "has the same date twice".to_string())
    };
    if let Some(message) = message {
        fields.push(problem("dates", message));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_and_reordering_characters_leave_names() {
        // "Mallory" with a right-to-left override, a zero-width space, a BEL and a newline.
        assert_eq!(
            one_line("Mal\u{202E}lory\u{200B} \u{7}Smith\nJr"),
            "Mallory Smith Jr"
        );
        assert_eq!(one_line("  Ana \t  Oliveira  "), "Ana Oliveira");
        // Joiners stay: Persian names are spelt with them.
        assert_eq!(one_line("می\u{200C}خواهم"), "می\u{200C}خواهم");
        assert_eq!(one_line("Zoë Ångström"), "Zoë Ångström");
        assert_eq!(
            free_text("line one\nline\u{2066} two\u{0}\t!"),
            "line one\nline two\t!"
        );
        assert_eq!(optional_line(&Some(" \u{202E} ".into())), None);
    }

    #[test]
    fn lengths_and_dates_are_checked_in_the_servers_wording() {
        let mut fields = Vec::new();
        check_length(
            "fullName",
            Some(&"a".repeat(NAME_MAX)),
            NAME_MAX,
            &mut fields,
        );
        assert!(fields.is_empty());
        check_length(
            "fullName",
            Some(&"é".repeat(NAME_MAX + 1)),
            NAME_MAX,
            &mut fields,
        );
        assert_eq!(fields[0].message, "must be at most 200 characters");

        let now = Utc::now();
        let day = Duration::days(1);
        let check = |dates: &[DateTime<Utc>]| {
            let mut fields = Vec::new();
            check_dates(dates, now, &mut fields);
            fields.first().map(|f| f.message.clone())
        };
        assert_eq!(check(&[now + day, now + day * 2]), None);
        assert_eq!(
            check(&[now + day, now + day]).as_deref(),
            Some("has the same date twice")
        );
        assert_eq!(
            check(&[now + DATES_AHEAD + day]).as_deref(),
            Some("can be at most a year ahead")
        );
        assert_eq!(
            check(&[now - day]).as_deref(),
            Some("cannot be in the past")
        );
        assert_eq!(check(&[]).as_deref(), Some("needs at least one date"));
        let many: Vec<_> = (1..=31).map(|n| now + day * n).collect();
        assert_eq!(check(&many).as_deref(), Some("can have at most 30 dates"));
    }
}
