//! The locations a desk can stand at, read from Nexudus and remembered for offline starts, and
//! the one this desk chose.

use super::{Desk, DeskError};
use crate::account::AccountError;
use crate::day::DayZone;
use crate::policy::{Key, LOCKED_MESSAGE};
use crate::store::settings;
use crate::visitor::Location;

impl Desk {
    /// Locations to choose from: all the admin can see (reception), or those taking visitors
    /// (hosts).
    /// Offline, the list last read (the desk must open without the network).
    pub async fn locations(&self) -> Result<Vec<Location>, DeskError> {
        let client = match self.accounts.client().await {
            Ok(client) => client,
            // Nexudus ended the session: the desk keeps working from what it knows.
            Err(AccountError::SignedOut) => {
                let account = self.account().await?;
                return match self.cache.known_locations(&account).await? {
                    Some(known) => Ok(known),
                    None => Err(AccountError::SignedOut.into()),
                };
            }
            Err(error) => return Err(error.into()),
        };
        let key = settings::locations_key(&client.account().entry_name());
        let roles = self.accounts.status().await?.roles;
        let read = if roles.reception {
            client.businesses().await
        } else {
            client.businesses_with_visitors().await
        };
        let businesses = match read {
            Ok(businesses) => businesses,
            Err(error) if error.is_retryable() => {
                return match self.store.setting::<Vec<Location>>(&key).await? {
                    Some(known) => Ok(known),
                    None => Err(error.into()),
                };
            }
            Err(error) => return Err(error.into()),
        };
        let locations: Vec<Location> = businesses
            .into_iter()
            .map(|b| Location {
                time_zone: DayZone::of_location(
                    b.time_zone_iana.as_deref(),
                    b.simple_time_zone_id.as_deref(),
                )
                .iana()
                .map(str::to_string),
                id: b.id,
                name: b.name,
            })
            .collect();
        if self.store.setting::<Vec<Location>>(&key).await?.as_ref() != Some(&locations) {
            self.store.set_setting(&key, &locations).await?;
        }
        Ok(locations)
    }

    /// The location this desk stands at (see [`VisitorCache::location`]).
    pub async fn location(&self) -> Result<Option<i64>, DeskError> {
        Ok(self.cache.location().await?)
    }

    /// Chooses the desk's location (today's list and arrival alerts follow it).
    pub async fn set_location(&self, business: i64) -> Result<(), DeskError> {
        let state = self.store.policy();
        if state.is_locked(Key::Location) && state.policy.location != Some(business) {
            return Err(DeskError::Invalid {
                fields: vec![crate::input::problem("location", LOCKED_MESSAGE)],
            });
        }
        // Compared with what was chosen, not what is in effect: a policy default still gets
        // written once a person picks it, and the watcher reads the same.
        if self.cache.chosen_location().await? != Some(business) {
            self.store
                .set_setting(settings::LOCATION, &business)
                .await?;
        }
        Ok(())
    }
}
