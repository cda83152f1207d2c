//! The queue's SQL under contention and across restarts.
use super::*;

/// Enqueueing (which looks up a visitor's creator first) while other connections write
/// must never fail with "database is locked".
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn enqueue_succeeds_while_other_connections_write() {
    let dir = std::env::temp_dir().join(format!("frontdesk-queue-{}", uuid::Uuid::new_v4()));
    let store = Store::open(&dir).await.expect("store");
    let writer = store.clone();
    let writes = tokio::spawn(async move {
        for n in 0..300 {
            writer.set_setting("noise", &n).await.expect("write");
        }
    });
    let mut enqueues = Vec::new();
    for n in 0..60 {
        let store = store.clone();
        enqueues.push(tokio::spawn(async move {
            for m in 0..5 {
                let operation = Operation::CheckIn {
                    target: Target::Server(n * 10 + m),
                    at: Utc::now(),
                    location: None,
                };
                store
                    .enqueue("desk", &operation)
                    .await
                    .expect("enqueue never fails");
            }
        }));
    }
    for task in enqueues {
        task.await.expect("task");
    }
    writes.await.expect("writer");
    assert_eq!(store.queue_counts(None).await.expect("counts").pending, 300);
    let _ = std::fs::remove_dir_all(dir);
}
