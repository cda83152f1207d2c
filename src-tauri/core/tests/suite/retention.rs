//! Personal data kept no longer than the retention setting: the purge removes old visitors,
//! finished changes and announcements (never an unsent change, never someone on site), the
//! deleted names are gone from the files, sign-out can remove an account's data once nothing
//! waits, and the queries the desk runs all day use indexes whatever the history's size.

use crate::common::*;
use chrono::{Duration, SecondsFormat, Utc};
use frontdesk_core::account::AccountError;
use frontdesk_core::desk::VisitorRef;
use frontdesk_core::preferences::Preferences;
use frontdesk_core::queue::{Operation, Target};
use frontdesk_core::session::Removal;
use frontdesk_core::store::Store;
use serde_json::json;

fn stamp(at: chrono::DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Micros, true)
}

/// Puts a row into the cache as if it had been read `days_ago` (test set-up only).
async fn cached_visitor(
    store: &Store,
    account: &str,
    id: i64,
    name: &str,
    days_ago: i64,
    on_site: bool,
) {
    let expected = Utc::now() - Duration::days(days_ago);
    let record = json!({
        "id": id, "queuedId": null, "fullName": name, "email": null, "company": null,
        "hostName": null, "businessId": SHOREDITCH, "visitorCode": null,
        "expectedAt": expected, "arrivedAt": on_site.then_some(expected), "departedAt": null,
        "arrived": on_site, "approval": null, "notes": "private note",
    });
    sqlx::query("INSERT INTO visitors (account, id, business_id, expected_at, record, fetched_at) VALUES (?, ?, ?, ?, ?, ?)")
        .bind(account)
        .bind(id)
        .bind(SHOREDITCH)
        .bind(stamp(expected))
        .bind(record.to_string())
        .bind(stamp(expected))
        .execute(store.pool())
        .await
        .expect("cached row");
}

async fn count(store: &Store, sql: &str) -> i64 {
    let (n,): (i64,) = sqlx::query_as(sql)
        .fetch_one(store.pool())
        .await
        .expect("count");
    n
}

fn files_mention(dir: &std::path::Path, needle: &str) -> Vec<String> {
    std::fs::read_dir(dir)
        .expect("data dir")
        .flatten()
        .filter(|entry| entry.path().is_file())
        .filter(|entry| {
            std::fs::read(entry.path())
                .map(|bytes| bytes.windows(needle.len()).any(|w| w == needle.as_bytes()))
                .unwrap_or(false)
        })
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect()
}

#[tokio::test]
async fn the_purge_removes_only_what_is_older_than_the_setting_and_nothing_unsent() {
    let h = empty_harness(json!({})).await;
    let desk = signed_in(&h, RECEPTION).await;
    let store = &desk.store;
    let account = desk.accounts.account_name().await.expect("account");
    let secure: (i64,) = sqlx::query_as("PRAGMA secure_delete")
        .fetch_one(store.pool())
        .await
        .expect("pragma");
    assert_eq!(secure.0, 1, "deleted rows are overwritten");

    cached_visitor(store, &account, 1, "Olga Oldvisitor", 40, false).await;
    cached_visitor(store, &account, 2, "Sam Stillhere", 40, true).await;
    cached_visitor(store, &account, 3, "Rita Recent", 3, false).await;
    // A finished change and an unsent one, both from 40 days ago.
    let finished = store
        .enqueue(
            &account,
            &Operation::CheckIn {
                target: Target::Server(1),
                at: Utc::now(),
                location: Some("Olga's desk".into()),
            },
        )
        .await
        .expect("queued");
    let unsent = store
        .enqueue(
            &account,
            &Operation::CheckOut {
                target: Target::Server(3),
                at: Utc::now(),
            },
        )
        .await
        .expect("queued");
    let old = stamp(Utc::now() - Duration::days(40));
    sqlx::query("UPDATE operations SET state = CASE id WHEN ?1 THEN 'done' ELSE state END, updated_at = ?2, created_at = ?2")
        .bind(&finished.id)
        .bind(&old)
        .execute(store.pool())
        .await
        .expect("aged");
    store
        .claim_announcement(&account, 1, "arrived")
        .await
        .expect("announced");
    sqlx::query("UPDATE announced_arrivals SET announced_at = ?")
        .bind(&old)
        .execute(store.pool())
        .await
        .expect("aged");
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(store.pool())
        .await
        .expect("checkpoint");
    assert!(!files_mention(&desk.dir, "Olga Oldvisitor").is_empty());

    let purged = frontdesk_core::retention::purge_now(store)
        .await
        .expect("purged");
    assert_eq!(
        (purged.visitors, purged.operations, purged.announcements),
        (1, 1, 1),
        "the old visitor, the finished change, the announcement"
    );
    let names: Vec<(String,)> =
        sqlx::query_as("SELECT json_extract(record, '$.fullName') FROM visitors ORDER BY id")
            .fetch_all(store.pool())
            .await
            .expect("names");
    let names: Vec<&str> = names.iter().map(|n| n.0.as_str()).collect();
    assert_eq!(
        names,
        ["Sam Stillhere", "Rita Recent"],
        "on site and recent stay"
    );
    assert!(
        store.operation(&unsent.id).await.expect("read").is_some(),
        "unsent stays"
    );
    assert!(store.operation(&finished.id).await.expect("read").is_none());
    // Really gone: not in the database file nor its journal.
    assert_eq!(
        files_mention(&desk.dir, "Olga Oldvisitor"),
        Vec::<String>::new()
    );
    assert_eq!(
        files_mention(&desk.dir, "Olga's desk"),
        Vec::<String>::new()
    );

    // A shorter setting purges more; a second run with nothing old does nothing.
    Preferences {
        retention_days: 1,
        ..Preferences::default()
    }
    .save(store)
    .await
    .expect("setting");
    let purged = frontdesk_core::retention::purge_now(store)
        .await
        .expect("purged");
    assert_eq!(
        purged.visitors, 0,
        "Rita, 3 days ago, stays: a change about her has not reached Nexudus"
    );
    let again = frontdesk_core::retention::purge_now(store)
        .await
        .expect("purged");
    assert_eq!(again.total(), 0);
    assert!(Preferences {
        retention_days: 0,
        ..Preferences::default()
    }
    .problem()
    .is_some());
    assert!(Preferences {
        retention_days: 366,
        ..Preferences::default()
    }
    .problem()
    .is_some());
}

/// A check-in of a visitor expected soon that Nexudus keeps refusing with 503s, so it waits in
/// the queue: the visitor's id.
async fn a_check_in_that_waits(h: &Harness, desk: &SignedIn, name: &str) -> i64 {
    let visitor = h
        .add_visitor(name, SHOREDITCH, ANA_COWORKER, today_near(Utc::now(), 10))
        .await;
    desk.desk.refresh_today(SHOREDITCH).await.expect("today");
    h.fault(json!({"method": "PUT", "kind": "status", "status": 503, "count": 50}))
        .await;
    desk.desk
        .check_in(
            &VisitorRef {
                id: Some(visitor),
                queued_id: None,
            },
            None,
        )
        .await
        .expect("queued");
    visitor
}

#[tokio::test]
async fn sign_out_removes_the_accounts_data_only_when_nothing_waits() {
    let h = empty_harness(json!({})).await;
    let desk = signed_in(&h, RECEPTION).await;
    let account = desk.accounts.account_name().await.expect("account");
    a_check_in_that_waits(&h, &desk, "Vera Visitor").await;

    let refused =
        frontdesk_core::session::sign_out(&desk.accounts, &desk.store, None, Removal::Remove).await;
    assert!(
        matches!(refused, Err(AccountError::ChangesWaiting(1))),
        "{refused:?}"
    );
    assert!(
        desk.accounts.status().await.expect("status").signed_in,
        "still signed in"
    );
    assert_eq!(count(&desk.store, "SELECT COUNT(*) FROM visitors").await, 1);

    let delete = reqwest::Client::new()
        .delete(format!("{}/_sim/faults", h.sim.base_url()))
        .send()
        .await
        .expect("clear faults");
    assert!(delete.status().is_success());
    desk.engine.drain().await.expect("synced");
    assert_eq!(desk.store.unsent_for(&account).await.expect("unsent"), 0);

    let status =
        frontdesk_core::session::sign_out(&desk.accounts, &desk.store, None, Removal::Remove)
            .await
            .expect("signed out");
    assert!(!status.signed_in);
    assert_eq!(count(&desk.store, "SELECT COUNT(*) FROM visitors").await, 0);
    assert_eq!(
        count(&desk.store, "SELECT COUNT(*) FROM operations").await,
        0
    );
    assert_eq!(
        files_mention(&desk.dir, "Vera Visitor"),
        Vec::<String>::new()
    );
}

/// The plans of what the desk runs all day: every one searches an index (a `SCAN` would grow
/// with the history).
#[tokio::test]
async fn the_queries_run_all_day_use_indexes() {
    let dir = std::env::temp_dir().join(format!("frontdesk-plans-{}", uuid::Uuid::new_v4()));
    let store = Store::open(&dir).await.expect("store");
    // The statements the code itself runs (not copies: a change to one is checked here).
    let queries = frontdesk_core::store::all_day_queries();
    assert_eq!(queries.len(), 7);
    for (name, query) in &queries {
        let plan: Vec<(i64, i64, i64, String)> =
            sqlx::query_as(&format!("EXPLAIN QUERY PLAN {query}"))
                .bind("a")
                .bind("b")
                .bind("c")
                .bind("d")
                .fetch_all(store.pool())
                .await
                .expect("plan");
        let steps: Vec<&str> = plan.iter().map(|row| row.3.as_str()).collect();
        eprintln!("{name}: {steps:?}");
        assert!(
            steps.iter().any(|s| s.starts_with("SEARCH")),
            "no index for the {name}: {steps:?}"
        );
        assert!(
            !steps.iter().any(|s| s.starts_with("SCAN")),
            "a full scan in the {name}: {steps:?}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// "Synced or exported": with a change still waiting, removal goes ahead only after the change
/// is saved to a file, which holds it whole.
#[tokio::test]
async fn sign_out_can_save_waiting_changes_to_a_file_then_remove_everything() {
    let h = empty_harness(json!({})).await;
    let desk = signed_in(&h, RECEPTION).await;
    let visitor = a_check_in_that_waits(&h, &desk, "Wes Waiting").await;
    let folder = desk.dir.with_extension("exports");
    let status = frontdesk_core::session::sign_out(
        &desk.accounts,
        &desk.store,
        None,
        Removal::ExportWaitingTo(&folder),
    )
    .await
    .expect("signed out");
    assert!(!status.signed_in);
    let files: Vec<_> = std::fs::read_dir(&folder)
        .expect("export folder")
        .flatten()
        .collect();
    assert_eq!(files.len(), 1, "one file of waiting changes");
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(files[0].path()).expect("read"))
            .expect("json");
    assert_eq!(saved.as_array().map(Vec::len), Some(1));
    assert_eq!(saved[0]["operation"]["kind"], "check_in");
    assert_eq!(saved[0]["operation"]["target"]["server"], visitor);
    assert_eq!(
        count(&desk.store, "SELECT COUNT(*) FROM operations").await,
        0
    );
    assert_eq!(count(&desk.store, "SELECT COUNT(*) FROM visitors").await, 0);
    let _ = std::fs::remove_dir_all(&folder);
}
