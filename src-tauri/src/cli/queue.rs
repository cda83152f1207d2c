//! `frontdesk queue`: what waits, what needs a person, and the ways out (retry, discard,
//! export), for IT at a desk with no window open.

use std::io::Write;

use frontdesk_core::export::csv_cell;
use frontdesk_core::input::one_line;
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
                println!(
                    "account:          {}",
                    account.as_deref().unwrap_or("signed out")
                );
                println!("waiting:          {}", counts.pending);
                println!("sending:          {}", counts.in_flight);
                println!("being checked:    {}", counts.uncertain);
                println!("needs attention:  {}", counts.needs_attention);
                println!("done:             {}", counts.done);
                println!("discarded:        {}", counts.discarded);
                if let Some(oldest) = counts.oldest_open_at {
                    println!("oldest open:      {}", oldest.to_rfc3339());
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
                    eprintln!("{} operations written to {}", ops.len(), path.display());
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
            serde_json::to_writer_pretty(&mut *out, ops)?;
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
                    one_line(op.last_error.as_deref().unwrap_or_default()),
                    ids.join(" "),
                ];
                let cells: Vec<String> = row.iter().map(|c| csv_cell(c)).collect();
                writeln!(out, "{}", cells.join(","))?;
            }
        }
        Format::Text => {
            if ops.is_empty() {
                writeln!(out, "The queue is empty.")?;
            }
            for op in ops {
                // Server messages are printed on one line, without characters that would
                // reorder or hide what a terminal shows.
                let error = op
                    .last_error
                    .as_deref()
                    .map(|e| format!("  ({})", one_line(e)))
                    .unwrap_or_default();
                writeln!(
                    out,
                    "{}  {:<16} {}{}",
                    op.created_at.format("%Y-%m-%d %H:%M"),
                    op.state.as_str(),
                    op.operation.summary(),
                    error
                )?;
            }
        }
    }
    Ok(())
}
