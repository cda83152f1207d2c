//! A host's side: registering visitors for one or many dates, cancelling, and the list of
//! upcoming visits (from the cache, with queued registrations shown at once).

use chrono::Utc;

use super::forms::validate_registration;
use super::{Desk, DeskError, RegistrationForm};
use crate::cache::HOST_HORIZON;
use crate::day::{Day, DayZone};
use crate::nexudus::Registration;
use crate::queue::{Operation, QueuedOp};
use crate::visitor::DeskVisitor;

impl Desk {
    /// A host registers one visitor for one or many dates: one queued operation, sent as one
    /// array request.
    pub async fn register(&self, form: RegistrationForm) -> Result<QueuedOp, DeskError> {
        let form = form.cleaned();
        validate_registration(&form, Utc::now())?;
        let visits = form
            .dates
            .iter()
            .map(|at| Registration {
                business_id: form.business_id,
                full_name: form.full_name.clone(),
                email: Some(form.email.clone()),
                phone_number: form.phone.clone(),
                expected_arrival: *at,
                customer_notes: form.notes.clone(),
            })
            .collect();
        self.queue(Operation::Register { visits }).await
    }

    pub async fn cancel_registration(&self, visitor_id: i64) -> Result<QueuedOp, DeskError> {
        self.queue(Operation::CancelRegistration { visitor_id })
            .await
    }

    /// The host's upcoming visitors, from the cache, with queued registrations shown until a
    /// read newer than their sync includes them, and cancelled ones hidden at once.
    pub async fn upcoming(&self) -> Result<Vec<DeskVisitor>, DeskError> {
        let account = self.account().await?;
        // A host's day is their own computer's: they may book for several locations.
        let from = Day::containing(Utc::now(), DayZone::Desk).start;
        let (rows, fetched) = self
            .cache
            .rows(&account, None, from, from + HOST_HORIZON)
            .await?;
        let operations = self.store.recent_for_overlay(&account).await?;
        Ok(super::overlay(
            super::List::Upcoming,
            rows,
            &operations,
            fetched,
        ))
    }

    /// Reads the host's visitors from Nexudus into the cache: today's (arrived ones too) and
    /// later ones. (`showUpcoming` would leave out this morning's visitors.)
    pub async fn refresh_upcoming(&self) -> Result<Vec<DeskVisitor>, DeskError> {
        let client = self.accounts.client().await?;
        let account = client.account().entry_name();
        let read_at = Utc::now();
        let visitors = client.my_visitors(false).await?;
        self.cache
            .remember_mine(&account, &visitors, read_at)
            .await?;
        self.upcoming().await
    }
}
