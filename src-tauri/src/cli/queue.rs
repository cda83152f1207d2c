//! `frontdesk queue`: what waits, what needs a person, and the ways out (retry, discard,
//! export), for IT at a desk with no window open.

use std::io::Write;

use frontdesk_core::export::csv_cell;
use frontdesk_core::input::one_line;
use frontdesk_core::l10n::{desk_words, MessageKey};
use frontdesk_core::queue::QueuedOp;
use frontdesk_core::store::Store;

use super::{context, exit, CliError, Format, QueueAction};

pub(super) async fn queue(action: QueueAction) -> Result<u8, CliError> {
    let context = context().await?;
    match action {
        QueueAction::Status { json } => {
            let counts = context.store.queue_counts(None).await?;
            let account = context.accounts.status().await.ok().and_then(|s| s.email);
            if json {
                let value = serde_json::json!({ "account": account, "counts": counts });
                println!("{value}");
            } else {
                let words = desk_words();
                let label = |id: &str| words.text(id, &[]);
                let signed_out = label("cli-status-signed-out");
                let mut lines = vec![
                    (label("cli-status-account"), account.unwrap_or(signed_out)),
                    (label("cli-status-waiting"), counts.pending.to_string()),
                    (label("cli-status-sending"), counts.in_flight.to_string()),
                    (label("cli-status-checking"), counts.uncertain.to_string()),
                    (
                        label("cli-status-attention"),
                        counts.needs_attention.to_string(),
                    ),
                    (label("cli-status-done"), counts.done.to_string()),
                    (label("cli-status-discarded"), counts.discarded.to_string()),
                ];
                if let Some(oldest) = counts.oldest_open_at {
                    lines.push((label("cli-status-oldest"), oldest.to_rfc3339()));
                }
                // Labels line up whatever their language's length.
                let width = lines
                    .iter()
                    .map(|(l, _)| l.chars().count())
                    .max()
                    .unwrap_or(0)
                    + 3;
                for (label, value) in lines {
                    let label = format!("{label}:");
                    println!("{label:<width$}{value}");
                }
            }
            Ok(exit::OK)
        }
        QueueAction::List { format } => {
            let open = context.store.open_operations(None).await?;
            write_operations(&open, format, &mut std::io::stdout().lock())?;
            Ok(exit::OK)
        }
        QueueAction::Export { format, output } => {
            let ops = all_operations(&context.store).await?;
            match output {
                Some(path) => {
                    let mut file =
                        std::fs::File::create(&path).map_err(|cause| CliError::Write {
                            path: path.display().to_string(),
                            cause,
                        })?;
                    write_operations(&ops, format, &mut file)?;
                    let (count, path) = (
                        i64::try_from(ops.len()).unwrap_or(i64::MAX),
                        path.display().to_string(),
                    );
                    eprintln!(
                        "{}",
                        desk_words().text(
                            "cli-operations-written",
                            &[("count", count.into()), ("path", path.as_str().into())],
                        )
                    );
                }
                None => write_operations(&ops, format, &mut std::io::stdout().lock())?,
            }
            Ok(exit::OK)
        }
    }
}

async fn all_operations(store: &Store) -> Result<Vec<QueuedOp>, CliError> {
    store
        .recent_operations(i64::MAX)
        .await
        .map(|mut ops| {
            ops.sort_by_key(|op| op.seq);
            ops
        })
        .map_err(CliError::from)
}

fn write_operations(ops: &[QueuedOp], format: Format, out: &mut dyn Write) -> Result<(), CliError> {
    match format {
        Format::Json => {
            let worded: Vec<QueuedOp> = ops
                .iter()
                .cloned()
                .map(|mut op| {
                    op.last_error = op
                        .last_error
                        .as_deref()
                        .map(|e| noted_for_machines(Some(e)));
                    op.outcome = op.outcome.as_deref().map(|e| noted_for_machines(Some(e)));
                    op
                })
                .collect();
            serde_json::to_writer_pretty(&mut *out, &worded)?;
            writeln!(out)?;
        }
        Format::Csv => {
            writeln!(
                out,
                "id,state,kind,summary,account,created_at,attempts,last_error,server_ids"
            )?;
            for op in ops {
                let ids: Vec<String> = op.server_ids.iter().map(i64::to_string).collect();
                let row = [
                    op.id.clone(),
                    op.state.as_str().to_string(),
                    op.operation.kind().to_string(),
                    op.operation.summary(),
                    op.account.clone(),
                    op.created_at.to_rfc3339(),
                    op.attempts.to_string(),
                    one_line(&noted_for_machines(op.last_error.as_deref())),
                    ids.join(" "),
                ];
                let cells: Vec<String> = row.iter().map(|c| csv_cell(c)).collect();
                writeln!(out, "{}", cells.join(","))?;
            }
        }
        Format::Text => {
            if ops.is_empty() {
                writeln!(out, "{}", desk_words().text("cli-queue-empty", &[]))?;
            }
            for op in ops {
                // Server messages are printed on one line, without characters that would
                // reorder or hide what a terminal shows.
                let error = op
                    .last_error
                    .as_deref()
                    .map(|e| format!("  ({})", one_line(&noted(Some(e)))))
                    .unwrap_or_default();
                writeln!(
                    out,
                    "{}  {:<16} {}{}",
                    op.created_at.format("%Y-%m-%d %H:%M"),
                    op.state.as_str(),
                    op.operation.summary_in(&desk_words()),
                    error
                )?;
            }
        }
    }
    Ok(())
}

/// What the engine noted, in the desk's language (it keeps message keys, see `MessageKey`).
fn noted(stored: Option<&str>) -> String {
    stored
        .map(|text| MessageKey::shown(text, &desk_words()))
        .unwrap_or_default()
}

/// The same in English, whatever the desk's language: JSON and CSV are read by scripts.
fn noted_for_machines(stored: Option<&str>) -> String {
    stored
        .map(|text| MessageKey::shown(text, frontdesk_core::l10n::english()))
        .unwrap_or_default()
}
