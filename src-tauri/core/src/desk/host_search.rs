//! Finding a member to name as a walk-in's host: asked of Nexudus when it can be reached, and
//! answered from earlier searches when it cannot.

use serde::{Deserialize, Serialize};

use super::{Desk, DeskError};
use crate::store::settings;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Host {
    pub id: i64,
    pub name: String,
    pub company: Option<String>,
}

/// Hosts remembered at most (the oldest found are forgotten first).
const KNOWN_HOSTS_LIMIT: usize = 5_000;
/// Hosts offered at most for one search.
const MOST_OFFERED: usize = 25;

fn matching_hosts(hosts: &[Host], needle: &str) -> Vec<Host> {
    let mut found: Vec<Host> = hosts
        .iter()
        .filter(|h| h.name.to_lowercase().contains(needle))
        .cloned()
        .collect();
    found.sort_by_key(|h| h.name.to_lowercase());
    found.truncate(MOST_OFFERED);
    found
}

impl Desk {
    /// Members whose name contains `text` (two letters at least), for a walk-in's host. Asks
    /// Nexudus when it can be reached and remembers what it said; offline, answers from what
    /// earlier searches found.
    pub async fn search_hosts(&self, text: &str) -> Result<Vec<Host>, DeskError> {
        let needle = text.trim().to_lowercase();
        if needle.chars().count() < 2 {
            return Ok(Vec::new());
        }
        let mut known: Vec<Host> = self
            .store
            .setting(settings::KNOWN_HOSTS)
            .await?
            .unwrap_or_default();
        let client = self.accounts.client().await?;
        let found = match client.search_coworkers(&needle).await {
            Ok(found) => found,
            Err(error) if error.is_retryable() => return Ok(matching_hosts(&known, &needle)),
            Err(error) => return Err(error.into()),
        };
        let found: Vec<Host> = found
            .into_iter()
            .map(|c| Host {
                id: c.id,
                name: c.full_name,
                company: c.company_name,
            })
            .collect();
        // Written only when a search found someone new or changed (not on every keystroke).
        let news = found.iter().any(|f| !known.contains(f));
        if news {
            known.retain(|k| !found.iter().any(|f| f.id == k.id));
            known.extend(found.iter().cloned());
            if known.len() > KNOWN_HOSTS_LIMIT {
                known.drain(..known.len() - KNOWN_HOSTS_LIMIT);
            }
            self.store
                .set_setting(settings::KNOWN_HOSTS, &known)
                .await?;
        }
        Ok(matching_hosts(&found, &needle))
    }
}
