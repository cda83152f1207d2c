//! Badges at the desk: the badge of a visitor in today's list, the printing settings, and
//! printing without a dialog. A badge that cannot print never undoes the check-in it follows.

use chrono::Utc;
use serde::Serialize;

use super::{Desk, DeskError, VisitorRef};
use crate::badge::{self, Badge, BadgeSettings};
use crate::policy::{Key, PolicyState, LOCKED_MESSAGE};
use crate::printing::{self, Cups, PrintError};
use crate::visitor::DeskVisitor;

/// A badge as the window previews it: the text, and the QR code's modules (row by row, dark
/// is `true`) to draw.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BadgePreview {
    pub badge: Badge,
    pub qr: Option<Vec<Vec<bool>>>,
}

/// A badge sent to a printer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Printed {
    pub printer: String,
    pub job: String,
    /// Part of the text could not be printed as written (a script Helvetica lacks).
    pub approximated: bool,
}

impl Desk {
    /// What is in effect: what was saved (else the policy's defaults), locked settings over it.
    pub async fn badge_settings(&self) -> Result<BadgeSettings, DeskError> {
        let state = self.store.policy();
        let saved: Option<BadgeSettings> = self.store.setting(badge::SETTING).await?;
        let base = saved.unwrap_or_else(|| with_policy(BadgeSettings::default(), state, false));
        Ok(with_policy(base, state, true))
    }

    pub async fn set_badge_settings(
        &self,
        settings: BadgeSettings,
    ) -> Result<BadgeSettings, DeskError> {
        let clean =
            |name: Option<String>| name.map(|n| n.trim().to_string()).filter(|n| !n.is_empty());
        let settings = BadgeSettings {
            printer: clean(settings.printer),
            cups_server: clean(settings.cups_server),
            ..settings
        };
        let mut fields: Vec<_> = [
            ("printer", &settings.printer),
            ("cupsServer", &settings.cups_server),
        ]
        .into_iter()
        .filter_map(|(field, name)| {
            let problem = badge::name_problem(name.as_deref()?)?;
            Some(crate::input::problem(field, problem))
        })
        .collect();
        let now = self.badge_settings().await?;
        let state = self.store.policy();
        for (key, field, differs) in [
            (
                Key::BadgePrinter,
                "printer",
                now.printer != settings.printer,
            ),
            (Key::LabelSize, "label", now.label != settings.label),
            (
                Key::PrintBadgeAtCheckIn,
                "printAtCheckIn",
                now.print_at_check_in != settings.print_at_check_in,
            ),
        ] {
            if differs && state.is_locked(key) {
                fields.push(crate::input::problem(field, LOCKED_MESSAGE));
            }
        }
        if !fields.is_empty() {
            return Err(DeskError::Invalid { fields });
        }
        self.store.set_setting(badge::SETTING, &settings).await?;
        Ok(settings)
    }

    /// The printers this computer knows (or the print server set in Settings), for Settings.
    pub async fn printers(&self) -> Result<Vec<String>, DeskError> {
        let cups = cups_of(&self.badge_settings().await?);
        Ok(blocking(move || printing::printers(&cups)).await?)
    }

    /// The row of `visitor` in today's list. A walk-in named by its queued operation is also
    /// found once Nexudus created it (the row is then the server's).
    pub async fn visitor_today(
        &self,
        business: i64,
        visitor: &VisitorRef,
    ) -> Result<DeskVisitor, DeskError> {
        let created = match (visitor.id, &visitor.queued_id) {
            (None, Some(queued)) => {
                let target = crate::queue::Target::Queued(queued.clone());
                match self.store.resolve_target(&target).await? {
                    crate::queue::TargetId::Known(id) => Some(id),
                    _ => None,
                }
            }
            _ => None,
        };
        let wanted = |row: &DeskVisitor| match (visitor.id.or(created), &visitor.queued_id) {
            (Some(id), queued) => {
                row.id == Some(id)
                    || (queued.is_some() && row.queued_id.as_ref() == queued.as_ref())
            }
            (None, Some(queued)) => row.queued_id.as_ref() == Some(queued),
            (None, None) => false,
        };
        self.today(business)
            .await?
            .into_iter()
            .find(wanted)
            .ok_or(DeskError::UnknownVisitor)
    }

    pub async fn badge(&self, business: i64, visitor: &VisitorRef) -> Result<Badge, DeskError> {
        let row = self.visitor_today(business, visitor).await?;
        Ok(Badge::of(&row, self.day_zone(business).await?, Utc::now()))
    }

    pub async fn badge_preview(
        &self,
        business: i64,
        visitor: &VisitorRef,
    ) -> Result<BadgePreview, DeskError> {
        let badge = self.badge(business, visitor).await?;
        let qr = badge.code.as_deref().and_then(badge::qr_rows);
        Ok(BadgePreview { badge, qr })
    }

    /// Prints the visitor's badge on the printer chosen in Settings, without a dialog.
    pub async fn print_badge(
        &self,
        business: i64,
        visitor: &VisitorRef,
    ) -> Result<Printed, DeskError> {
        let settings = self.badge_settings().await?;
        let printer = settings.printer.clone().ok_or(PrintError::NoPrinter)?;
        let badge = self.badge(business, visitor).await?;
        let approximated = ![
            Some(&badge.name),
            badge.company.as_ref(),
            badge.host.as_ref(),
        ]
        .into_iter()
        .flatten()
        .all(|text| badge::prints_faithfully(text));
        let pdf = badge::render(&badge, settings.label);
        let (to, cups) = (printer.clone(), cups_of(&settings));
        let job = blocking(move || printing::print(&cups, &to, &pdf, settings.label)).await?;
        tracing::info!(printer = %printer, job = %job, "badge printed");
        Ok(Printed {
            printer,
            job,
            approximated,
        })
    }
}

/// `settings` with the policy's values: every one it sets, or only the locked ones.
fn with_policy(
    mut settings: BadgeSettings,
    state: &PolicyState,
    only_locked: bool,
) -> BadgeSettings {
    let policy = &state.policy;
    let applies = |key: Key| !only_locked || state.is_locked(key);
    if let Some(printer) = policy
        .badge_printer
        .clone()
        .filter(|_| applies(Key::BadgePrinter))
    {
        settings.printer = Some(printer);
    }
    if let Some(label) = policy.label_size.filter(|_| applies(Key::LabelSize)) {
        settings.label = label;
    }
    if let Some(print) = policy
        .print_badge_at_check_in
        .filter(|_| applies(Key::PrintBadgeAtCheckIn))
    {
        settings.print_at_check_in = print;
    }
    settings
}

fn cups_of(settings: &BadgeSettings) -> Cups {
    Cups {
        server: settings.cups_server.clone(),
    }
}

/// CUPS's commands block: they run beside the async workers.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, PrintError> + Send + 'static,
) -> Result<T, PrintError> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|error| PrintError::Failed(error.to_string()))?
}
