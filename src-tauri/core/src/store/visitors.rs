//! The visitor cache: visitors as last read from Nexudus, so the screens work offline. Every
//! write answers what it changed, so a window can redraw those rows and say who changed them.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sqlx::Row;

use super::{stamp, Store, StoreError};
use crate::live::{changes_between, RowChange};
use crate::visitor::DeskVisitor;

/// A range of the cache: one account's visitors expected between two instants, at one
/// location or at all.
#[derive(Clone, Copy, Debug)]
pub struct Range<'a> {
    pub account: &'a str,
    pub business: Option<i64>,
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
}

impl Range<'_> {
    /// The range's condition on the `visitors` table, `?1`–`?4` bound by [`Range::bind`]. A
    /// location is matched only when there is one: `(?2 IS NULL OR business_id = ?2)` would
    /// keep the planner off the (account, location, time) index, and today's list would read
    /// the account's whole history.
    fn condition(&self) -> &'static str {
        condition(self.business.is_some())
    }
}

fn condition(at_location: bool) -> &'static str {
    if at_location {
        "account = ?1 AND business_id = ?2 AND expected_at >= ?3 AND expected_at <= ?4"
    } else {
        "account = ?1 AND ?2 IS NULL AND expected_at >= ?3 AND expected_at <= ?4"
    }
}

/// The read of a range: one location's (today's list), or all (the host's list).
pub(crate) fn cached_query(at_location: bool) -> String {
    format!(
        "SELECT record, fetched_at FROM visitors WHERE {} ORDER BY expected_at",
        condition(at_location)
    )
}

/// Writes one server row (rows without a server id are not cached).
const UPSERT: &str =
    "INSERT INTO visitors (account, id, business_id, expected_at, record, fetched_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT(account, id) DO UPDATE SET business_id = excluded.business_id, expected_at = excluded.expected_at,
     record = excluded.record, fetched_at = excluded.fetched_at";

/// As [`UPSERT`], leaving alone a row read after this read began (a long read must not put
/// back what a quicker one, started later, already replaced).
const UPSERT_UNLESS_NEWER: &str =
    "INSERT INTO visitors (account, id, business_id, expected_at, record, fetched_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT(account, id) DO UPDATE SET business_id = excluded.business_id, expected_at = excluded.expected_at,
     record = excluded.record, fetched_at = excluded.fetched_at
     WHERE visitors.fetched_at <= excluded.fetched_at";

async fn upsert_row(
    tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>,
    account: &str,
    visitor: &DeskVisitor,
    business: Option<i64>,
    fetched_at: &str,
) -> Result<(), StoreError> {
    upsert_with(UPSERT, tx, account, visitor, business, fetched_at).await
}

async fn upsert_with(
    statement: &str,
    tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>,
    account: &str,
    visitor: &DeskVisitor,
    business: Option<i64>,
    fetched_at: &str,
) -> Result<(), StoreError> {
    let Some(id) = visitor.id else {
        return Ok(());
    };
    sqlx::query(statement)
        .bind(account)
        .bind(id)
        .bind(visitor.business_id.or(business))
        .bind(visitor.expected_at.map(stamp))
        .bind(serde_json::to_string(visitor)?)
        .bind(fetched_at)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

async fn cached_one(
    tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>,
    account: &str,
    id: i64,
) -> Result<Option<DeskVisitor>, StoreError> {
    let row = sqlx::query("SELECT record FROM visitors WHERE account = ? AND id = ?")
        .bind(account)
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let record: String = row.try_get("record")?;
    // A row an older version wrote differently is simply replaced.
    Ok(serde_json::from_str(&record).ok())
}

fn by_id(rows: &[DeskVisitor]) -> HashMap<i64, DeskVisitor> {
    rows.iter()
        .filter_map(|row| row.id.map(|id| (id, row.clone())))
        .collect()
}

impl Store {
    /// The cached names of some visitors, by server id (the sync panel names whom a queued
    /// change is for). A visitor not cached is left out.
    pub async fn visitor_names(
        &self,
        account: &str,
        ids: &[i64],
    ) -> Result<HashMap<i64, String>, StoreError> {
        if ids.is_empty() {
            return Ok(HashMap::new());
        }
        let rows = sqlx::query(
            "SELECT id, json_extract(record, '$.fullName') AS name FROM visitors
             WHERE account = ? AND id IN (SELECT value FROM json_each(?))",
        )
        .bind(account)
        .bind(serde_json::to_string(ids)?)
        .fetch_all(self.pool())
        .await?;
        let mut names = HashMap::new();
        for row in rows {
            // A damaged record costs only its name.
            if let (Ok(id), Ok(Some(name))) = (
                row.try_get::<i64, _>("id"),
                row.try_get::<Option<String>, _>("name"),
            ) {
                names.insert(id, name);
            }
        }
        Ok(names)
    }

    /// The cached rows of a range, and when the newest of them was read.
    pub async fn cached_visitors(
        &self,
        range: Range<'_>,
    ) -> Result<(Vec<DeskVisitor>, DateTime<Utc>), StoreError> {
        let rows = sqlx::query(&cached_query(range.business.is_some()))
            .bind(range.account)
            .bind(range.business)
            .bind(stamp(range.from))
            .bind(stamp(range.to))
            .fetch_all(self.pool())
            .await?;
        let mut fetched = DateTime::<Utc>::MIN_UTC;
        let mut visitors = Vec::with_capacity(rows.len());
        for row in rows {
            let record: String = row.try_get("record")?;
            let at: String = row.try_get("fetched_at")?;
            if let Ok(at) = DateTime::parse_from_rfc3339(&at) {
                fetched = fetched.max(at.with_timezone(&Utc));
            }
            // A row this version cannot read (written by another, or damaged) costs only
            // itself: the next read of its range replaces it.
            match serde_json::from_str(&record) {
                Ok(visitor) => visitors.push(visitor),
                Err(error) => {
                    tracing::warn!(%error, "skipped a cached visitor that could not be read")
                }
            }
        }
        Ok((visitors, fetched))
    }

    /// Replaces the cached rows of a range with what the server just said, except the rows
    /// named in `keep` (records the server sent but that could not be read: not gone). Answers
    /// what changed.
    ///
    /// `read_at` is when the read began: a row is as new as the request that brought it, and
    /// the list lays every operation finished after that over it.
    pub async fn replace_visitors(
        &self,
        range: Range<'_>,
        visitors: &[DeskVisitor],
        keep: &[i64],
        read_at: DateTime<Utc>,
    ) -> Result<Vec<RowChange>, StoreError> {
        let now = stamp(read_at);
        let (before, _) = self.cached_visitors(range).await?;
        let mut before = by_id(&before);
        // What the server sent stays (and is rewritten below only if it changed); so do the
        // rows it could not send readably.
        let staying: Vec<i64> = visitors
            .iter()
            .filter_map(|v| v.id)
            .chain(keep.iter().copied())
            .collect();
        let mut tx = self.pool().begin().await?;
        sqlx::query(&format!(
            "DELETE FROM visitors WHERE {} AND id NOT IN (SELECT value FROM json_each(?5))",
            range.condition()
        ))
        .bind(range.account)
        .bind(range.business)
        .bind(stamp(range.from))
        .bind(stamp(range.to))
        .bind(serde_json::to_string(&staying)?)
        .execute(&mut *tx)
        .await?;
        // Every row the server sent was read now, changed or not (the list lays done
        // operations over rows older than them); the kept ones were not.
        sqlx::query(&format!(
            "UPDATE visitors SET fetched_at = ?5 WHERE {} AND id NOT IN (SELECT value FROM json_each(?6))",
            range.condition()
        ))
        .bind(range.account)
        .bind(range.business)
        .bind(stamp(range.from))
        .bind(stamp(range.to))
        .bind(&now)
        .bind(serde_json::to_string(keep)?)
        .execute(&mut *tx)
        .await?;
        for visitor in visitors {
            // A row cached outside the range (yesterday's, moved to today) is compared too.
            if let Some(id) = visitor.id.filter(|id| !before.contains_key(id)) {
                if let Some(earlier) = cached_one(&mut tx, range.account, id).await? {
                    before.insert(id, earlier);
                }
            }
            // A look every few seconds rewrites only what changed.
            let unchanged = visitor.id.and_then(|id| before.get(&id)) == Some(visitor);
            if !unchanged {
                upsert_row(&mut tx, range.account, visitor, range.business, &now).await?;
            }
        }
        tx.commit().await?;
        before.retain(|id, _| !keep.contains(id));
        Ok(changes_between(&before, &by_id(visitors)))
    }

    /// Takes in rows read elsewhere (an incremental "changed since" read); nothing is
    /// removed. Answers what changed.
    pub async fn merge_visitors(
        &self,
        account: &str,
        visitors: &[DeskVisitor],
        read_at: DateTime<Utc>,
    ) -> Result<Vec<RowChange>, StoreError> {
        let now = stamp(read_at);
        let mut before = HashMap::new();
        let mut tx = self.pool().begin().await?;
        for visitor in visitors {
            if let Some(id) = visitor.id {
                if let Some(earlier) = cached_one(&mut tx, account, id).await? {
                    before.insert(id, earlier);
                }
            }
            upsert_row(&mut tx, account, visitor, None, &now).await?;
        }
        tx.commit().await?;
        Ok(changes_between(&before, &by_id(visitors)))
    }

    /// Takes in rows of a long read (the visitor log) that began at `read_at`: nothing is
    /// removed, and a row read since (the watcher, today's refresh) is kept as it is.
    pub async fn merge_older_read(
        &self,
        account: &str,
        visitors: &[DeskVisitor],
        read_at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let at = stamp(read_at);
        let mut tx = self.pool().begin().await?;
        for visitor in visitors {
            upsert_with(UPSERT_UNLESS_NEWER, &mut tx, account, visitor, None, &at).await?;
        }
        tx.commit().await?;
        Ok(())
    }
}
