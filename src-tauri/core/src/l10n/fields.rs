//! A form field's problem as one sentence in the desk's language. The core words a problem
//! as Nexudus does ("is a required field"), so one vocabulary covers the server's answers and
//! our own checks; a wording no catalog knows keeps the server's words after the field's name.

use super::{Arg, Messages};
use crate::nexudus::FieldProblem;
use crate::policy::LOCKED_MESSAGE;

/// Each wording with its message; `{n}` stands for a number (`max`).
const WORDINGS: [(&str, &str); 21] = [
    ("is a required field", "field-required"),
    ("is not a valid email address", "field-bad-email"),
    ("must be at most {n} characters", "field-too-long"),
    ("needs at least one date", "field-no-date"),
    ("can have at most {n} dates", "field-too-many-dates"),
    ("cannot be in the past", "field-past"),
    ("can be at most a year ahead", "field-too-far"),
    ("has the same date twice", "field-same-date-twice"),
    ("must be between 1 and {n} days", "field-between-days"),
    ("is not this account's password", "field-wrong-password"),
    (LOCKED_MESSAGE, "field-locked"),
    ("cannot be corrected here", "field-not-correctable"),
    (
        "must be on or after the first day",
        "field-before-first-day",
    ),
    (
        "must be at most {n} days after the first day",
        "field-log-too-long",
    ),
    ("is not a day this location has", "field-no-such-day"),
    (
        "must be the digits from your authenticator app",
        "field-code-digits",
    ),
    (
        "cannot be changed in kiosk mode: leave kiosk mode in settings first",
        "field-kiosk-server",
    ),
    (
        "is needed too: enter the code from your authenticator app",
        "field-code-needed",
    ),
    ("cannot start with -", "field-dash-start"),
    ("cannot contain spaces or #", "field-spaces-or-hash"),
    ("is longer than {n} characters", "field-longer-than"),
];

/// `problem` as a sentence: "Email is not a valid email address", "El campo Nombre completo es obligatorio".
pub fn field_sentence(problem: &FieldProblem, words: &Messages) -> String {
    // A problem Nexudus gave no field for is said in its words alone.
    if problem.field.trim().is_empty() {
        let said = problem.message.trim();
        return words.text("field-problem-nameless", &[("problem", Arg::from(said))]);
    }
    let field = field_name(&problem.field, words);
    let wording = problem.message.trim().trim_end_matches('.');
    for (pattern, id) in WORDINGS {
        if let Some(max) = matches(pattern, wording) {
            let max = max.unwrap_or_default();
            return words.text(id, &[("field", Arg::from(&field)), ("max", Arg::from(max))]);
        }
    }
    words.text(
        "field-problem",
        &[
            ("field", Arg::from(&field)),
            ("problem", Arg::from(problem.message.as_str())),
        ],
    )
}

/// The field's name in the catalog: our forms' names ("fullName") and Nexudus's ("FullName",
/// "PhoneNumber") alike; an unknown one as it is.
fn field_name(field: &str, words: &Messages) -> String {
    let field = field.trim();
    let mut camel: String = field.chars().take(1).flat_map(char::to_lowercase).collect();
    camel.extend(field.chars().skip(1));
    let camel = match camel.as_str() {
        "phoneNumber" | "mobilePhone" => "phone".to_string(),
        "companyName" => "company".to_string(),
        "visitorFullName" | "name" => "fullName".to_string(),
        _ => camel,
    };
    let id = format!("field-name-{camel}");
    let name = words.text(&id, &[]);
    if name == id {
        field.to_string()
    } else {
        name
    }
}

/// Whether `wording` is `pattern` (case aside), with the number standing for `{n}` if any.
fn matches(pattern: &str, wording: &str) -> Option<Option<i64>> {
    let wording = wording.to_lowercase();
    match pattern.split_once("{n}") {
        None => (wording == pattern).then_some(None),
        Some((before, after)) => {
            let number = wording.strip_prefix(before)?.strip_suffix(after)?;
            number.parse().ok().map(Some)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::l10n::Language;

    fn problem(field: &str, message: &str) -> FieldProblem {
        FieldProblem {
            field: field.into(),
            message: message.into(),
        }
    }

    #[test]
    fn a_known_wording_is_a_whole_sentence_in_each_language() {
        let (english, spanish) = (Messages::new(Language::En), Messages::new(Language::Es));
        let required = problem("fullName", "is a required field");
        assert_eq!(
            field_sentence(&required, &english),
            "Full name is a required field"
        );
        assert_eq!(
            field_sentence(&required, &spanish),
            "El campo Nombre completo es obligatorio"
        );
        let long = problem("notes", "must be at most 2000 characters");
        assert_eq!(
            field_sentence(&long, &english),
            "Notes must be at most 2000 characters"
        );
        assert!(field_sentence(&long, &spanish).contains("2000 caracteres"));
    }

    #[test]
    fn nexudus_field_names_and_nameless_problems_read_as_sentences() {
        let spanish = Messages::new(Language::Es);
        assert_eq!(
            field_sentence(&problem("FullName", "is a required field"), &spanish),
            "El campo Nombre completo es obligatorio"
        );
        assert_eq!(
            field_sentence(&problem("PhoneNumber", "is a required field"), &spanish),
            "El campo Teléfono es obligatorio"
        );
        assert_eq!(
            field_sentence(&problem("printer", "cannot contain spaces or #"), &spanish),
            "Impresora: no puede contener espacios ni #"
        );
        let nameless = field_sentence(&problem(" ", "Visitor limit reached."), &spanish);
        assert_eq!(nameless, "Visitor limit reached.");
    }

    #[test]
    fn the_servers_own_wording_keeps_its_words_after_the_fields_name() {
        let spanish = Messages::new(Language::Es);
        let odd = problem("email", "Invalid Email Address");
        assert_eq!(
            field_sentence(&odd, &spanish),
            "Correo electrónico: Invalid Email Address"
        );
        let unknown_field = problem("VisitorBadge", "is a required field");
        assert_eq!(
            field_sentence(&unknown_field, &Messages::new(Language::En)),
            "VisitorBadge is a required field"
        );
    }
}
