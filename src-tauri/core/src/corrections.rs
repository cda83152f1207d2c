//! A person's correction of a queued change Nexudus refused (the sync panel's "Save and
//! retry"). Only what that form shows can change: the name, email and phone (and a walk-in's
//! company), cleaned and checked as the forms are. Whatever else the page sends is ignored, so
//! a correction can never point an operation at another visitor or reorder the queue.

use crate::desk::DeskError;
use crate::input::{
    check_email, check_length, check_name, one_line, optional_line, problem, COMPANY_MAX, PHONE_MAX,
};
use crate::nexudus::FieldProblem;
use crate::queue::Operation;
use crate::store::Store;

fn check_person(name: &str, email: &str, phone: Option<&str>, fields: &mut Vec<FieldProblem>) {
    check_name(name, fields);
    check_email(email, true, fields);
    check_length("phone", phone, PHONE_MAX, fields);
}

/// `existing` with the correctable fields taken from `edited`; an error when they do not pass
/// the form's rules or the operation cannot be corrected here.
pub fn corrected(existing: &Operation, edited: &Operation) -> Result<Operation, DeskError> {
    let mut fields = Vec::new();
    let result = match (existing, edited) {
        (Operation::WalkIn { visitor, host_name }, Operation::WalkIn { visitor: new, .. }) => {
            let mut visitor = visitor.clone();
            visitor.full_name = one_line(&new.full_name);
            visitor.email = one_line(&new.email);
            visitor.phone_number = optional_line(&new.phone_number);
            visitor.company_name = optional_line(&new.company_name);
            check_person(
                &visitor.full_name,
                &visitor.email,
                visitor.phone_number.as_deref(),
                &mut fields,
            );
            check_length(
                "company",
                visitor.company_name.as_deref(),
                COMPANY_MAX,
                &mut fields,
            );
            Operation::WalkIn {
                visitor,
                host_name: host_name.clone(),
            }
        }
        (Operation::Register { visits }, Operation::Register { visits: new }) => {
            // The form edits the first visit and applies it to every date.
            let Some(first) = new.first() else {
                return Err(DeskError::Invalid {
                    fields: vec![problem("dates", "needs at least one date")],
                });
            };
            let name = one_line(&first.full_name);
            let email = first.email.as_deref().map(one_line).unwrap_or_default();
            let phone = optional_line(&first.phone_number);
            check_person(&name, &email, phone.as_deref(), &mut fields);
            Operation::Register {
                visits: visits
                    .iter()
                    .map(|visit| {
                        let mut visit = visit.clone();
                        visit.full_name = name.clone();
                        visit.email = Some(email.clone());
                        visit.phone_number = phone.clone();
                        visit
                    })
                    .collect(),
            }
        }
        _ => {
            return Err(DeskError::Invalid {
                fields: vec![problem("kind", "cannot be corrected here")],
            })
        }
    };
    if fields.is_empty() {
        Ok(result)
    } else {
        Err(DeskError::Invalid { fields })
    }
}

/// Applies a correction to the queued operation `id` and sends it again; `false` when it no
/// longer waits for a person.
pub async fn correct(store: &Store, id: &str, edited: &Operation) -> Result<bool, DeskError> {
    let Some(existing) = store.operation(id).await? else {
        return Ok(false);
    };
    let operation = corrected(&existing.operation, edited)?;
    Ok(store.edit_operation(id, &operation).await?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nexudus::NewVisitor;
    use crate::queue::Target;

    fn walk_in(name: &str, email: &str) -> Operation {
        Operation::WalkIn {
            visitor: Box::new(NewVisitor {
                notes: Some("keep".into()),
                ..NewVisitor::walk_in(7, name, email)
            }),
            host_name: Some("Ana".into()),
        }
    }

    #[test]
    fn only_what_the_form_shows_changes_and_it_is_checked() {
        let existing = walk_in("Bad Name", "bad@");
        let mut edited = walk_in("  Good\u{202E} Name ", "good@example.test");
        if let Operation::WalkIn { visitor, host_name } = &mut edited {
            visitor.business_id = 999;
            visitor.notes = Some("changed by the page".into());
            *host_name = Some("Someone else".into());
        }
        let Operation::WalkIn { visitor, host_name } =
            corrected(&existing, &edited).expect("valid")
        else {
            panic!("still a walk-in");
        };
        assert_eq!(visitor.full_name, "Good Name");
        assert_eq!(visitor.email, "good@example.test");
        assert_eq!(visitor.business_id, 7, "the location is not the form's");
        assert_eq!(visitor.notes.as_deref(), Some("keep"));
        assert_eq!(host_name.as_deref(), Some("Ana"));

        let too_long = walk_in(&"x".repeat(201), "not an email");
        let Err(DeskError::Invalid { fields }) = corrected(&existing, &too_long) else {
            panic!("refused");
        };
        let named: Vec<&str> = fields.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(named, ["fullName", "email"]);

        // An operation cannot be turned into another one, or pointed at another visitor.
        let check_in = Operation::CheckIn {
            target: Target::Server(1),
            at: chrono::Utc::now(),
            location: None,
        };
        assert!(corrected(&existing, &check_in).is_err());
        assert!(corrected(&check_in, &check_in).is_err());
    }
}
