//! Who and where: locations (all of them for reception, those taking visitors for hosts),
//! members to name as hosts, and which roles an account has.

use super::client::{Call, Family, NexudusClient};
use super::models::{Business, BusinessesWithVisitors, Coworker, Page, Record};
use super::requests::Roles;
use super::visitors::ADMIN_PAGE_SIZE;
use super::ApiError;

impl NexudusClient {
    /// Locations that take visitors, as offered to hosts.
    pub async fn businesses_with_visitors(&self) -> Result<Vec<Business>, ApiError> {
        let answer: BusinessesWithVisitors = self
            .send_json(Call::get(
                Family::Public,
                "api/public/businesses/withVisitors",
            ))
            .await?;
        Ok(answer
            .businesses
            .into_iter()
            .filter(|b| b.unusable().is_none())
            .collect())
    }

    /// Every location reception can see.
    pub async fn businesses(&self) -> Result<Vec<Business>, ApiError> {
        Ok(self
            .all_pages(Family::Admin, "api/sys/businesses", &[], ADMIN_PAGE_SIZE)
            .await?
            .records)
    }

    /// Members whose name contains `text`, for choosing a host (first 25).
    pub async fn search_coworkers(&self, text: &str) -> Result<Vec<Coworker>, ApiError> {
        let call = Call::get(Family::Admin, "api/spaces/coworkers")
            .query("Coworker_FullName", text.trim())
            .query("size", 25);
        let page: Page<Coworker> = self.send_json(call).await?;
        // The server's matching rules are not documented: filter again here.
        let needle = text.trim().to_lowercase();
        Ok(page
            .records
            .into_iter()
            .filter(|c| c.full_name.to_lowercase().contains(&needle))
            .collect())
    }

    /// What this account may do, by asking each API family once.
    pub async fn detect_roles(&self) -> Result<Roles, ApiError> {
        let reception = self
            .probe(Call::get(Family::Admin, "api/spaces/visitors").query("size", 1))
            .await?;
        let host = match self.endpoints().public {
            Some(_) => {
                self.probe(Call::get(Family::Public, "api/public/visitors/my").query("size", 1))
                    .await?
            }
            None => false,
        };
        Ok(Roles { reception, host })
    }
}
