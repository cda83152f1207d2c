//! The forms reception and hosts fill in, cleaned and checked as they will be sent: one-line
//! fields without invisible characters, lengths the server accepts, dates within reach.

use chrono::{DateTime, Utc};
use serde::Deserialize;

use super::DeskError;
use crate::input::{
    check_dates, check_email, check_length, check_name, one_line, optional_line, optional_text,
    problem, COMPANY_MAX, NOTES_MAX, PHONE_MAX, REASON_MAX,
};
use crate::nexudus::FieldProblem;

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WalkInForm {
    pub business_id: i64,
    pub full_name: String,
    pub email: String,
    pub phone: Option<String>,
    pub company: Option<String>,
    pub host_id: Option<i64>,
    /// The chosen host's name, shown until Nexudus's copy of the visitor is read.
    #[serde(default)]
    pub host_name: Option<String>,
    pub reason: Option<String>,
    pub notes: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RegistrationForm {
    pub business_id: i64,
    pub full_name: String,
    pub email: String,
    pub phone: Option<String>,
    pub notes: Option<String>,
    /// One visit per instant, 1 to [`crate::input::MAX_DATES`].
    pub dates: Vec<DateTime<Utc>>,
}

impl WalkInForm {
    /// The form as it will be sent: one-line fields without invisible characters, notes with
    /// their line breaks.
    pub fn cleaned(&self) -> WalkInForm {
        WalkInForm {
            business_id: self.business_id,
            full_name: one_line(&self.full_name),
            email: one_line(&self.email),
            phone: optional_line(&self.phone),
            company: optional_line(&self.company),
            host_id: self.host_id,
            host_name: optional_line(&self.host_name),
            reason: optional_line(&self.reason),
            notes: optional_text(&self.notes),
        }
    }
}

impl RegistrationForm {
    pub fn cleaned(&self) -> RegistrationForm {
        RegistrationForm {
            business_id: self.business_id,
            full_name: one_line(&self.full_name),
            email: one_line(&self.email),
            phone: optional_line(&self.phone),
            notes: optional_text(&self.notes),
            dates: self.dates.clone(),
        }
    }
}

fn invalid_unless_empty(fields: Vec<FieldProblem>) -> Result<(), DeskError> {
    if fields.is_empty() {
        Ok(())
    } else {
        Err(DeskError::Invalid { fields })
    }
}

/// Checks a walk-in form as it will be sent (see [`WalkInForm::cleaned`]).
pub fn validate_walk_in(form: &WalkInForm) -> Result<(), DeskError> {
    let form = &form.cleaned();
    let mut fields = Vec::new();
    check_name(&form.full_name, &mut fields);
    check_email(&form.email, true, &mut fields);
    if form.business_id <= 0 {
        fields.push(problem("businessId", "is a required field"));
    }
    check_length("phone", form.phone.as_deref(), PHONE_MAX, &mut fields);
    check_length("company", form.company.as_deref(), COMPANY_MAX, &mut fields);
    check_length("reason", form.reason.as_deref(), REASON_MAX, &mut fields);
    check_length("notes", form.notes.as_deref(), NOTES_MAX, &mut fields);
    invalid_unless_empty(fields)
}

/// Checks a registration form as it will be sent (see [`RegistrationForm::cleaned`]).
pub fn validate_registration(form: &RegistrationForm, now: DateTime<Utc>) -> Result<(), DeskError> {
    let form = &form.cleaned();
    let mut fields = Vec::new();
    check_name(&form.full_name, &mut fields);
    check_email(&form.email, true, &mut fields);
    if form.business_id <= 0 {
        fields.push(problem("businessId", "is a required field"));
    }
    check_length("phone", form.phone.as_deref(), PHONE_MAX, &mut fields);
    check_length("notes", form.notes.as_deref(), NOTES_MAX, &mut fields);
    check_dates(&form.dates, now, &mut fields);
    invalid_unless_empty(fields)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    #[test]
    fn forms_are_checked_in_the_servers_wording() {
        let form = WalkInForm {
            business_id: 1,
            full_name: " ".into(),
            email: "nope".into(),
            ..WalkInForm::default()
        };
        let Err(DeskError::Invalid { fields }) = validate_walk_in(&form) else {
            panic!("invalid")
        };
        assert_eq!(
            fields,
            vec![
                problem("fullName", "is a required field"),
                problem("email", "is not a valid email address")
            ]
        );
        let now = Utc::now();
        let past = RegistrationForm {
            business_id: 1,
            full_name: "A".into(),
            email: "a@b.test".into(),
            dates: vec![now - Duration::days(1)],
            ..RegistrationForm::default()
        };
        let Err(DeskError::Invalid { fields }) = validate_registration(&past, now) else {
            panic!("invalid")
        };
        assert_eq!(fields, vec![problem("dates", "cannot be in the past")]);
        let too_many = RegistrationForm {
            dates: vec![now + Duration::days(1); 31],
            ..past.clone()
        };
        assert!(validate_registration(&too_many, now).is_err());
        let fine = RegistrationForm {
            dates: (1..=crate::input::MAX_DATES as i64)
                .map(|n| now + Duration::days(n))
                .collect(),
            ..past.clone()
        };
        assert!(validate_registration(&fine, now).is_ok());
        let twice = RegistrationForm {
            dates: vec![now + Duration::days(1); 2],
            ..past.clone()
        };
        let Err(DeskError::Invalid { fields }) = validate_registration(&twice, now) else {
            panic!("invalid")
        };
        assert_eq!(fields, vec![problem("dates", "has the same date twice")]);
        // A 10 MB note and a name of invisible characters are refused before anything is queued.
        let huge = WalkInForm {
            business_id: 1,
            full_name: "\u{202E}\u{200B}".into(),
            email: "a@b.test".into(),
            notes: Some("x".repeat(10 * 1024 * 1024)),
            ..WalkInForm::default()
        };
        let Err(DeskError::Invalid { fields }) = validate_walk_in(&huge) else {
            panic!("invalid")
        };
        assert_eq!(
            fields,
            vec![
                problem("fullName", "is a required field"),
                problem("notes", "must be at most 2000 characters")
            ]
        );
    }
}
