//! Badges to a label printer without a dialog, through CUPS's own commands (`lpstat`, `lp`),
//! which every Linux desk and macOS has. A stopped printer is found before anything is sent:
//! a badge that prints an hour later, when someone restarts the printer, is worse than none.

use std::io::Write;
use std::process::{Command, Stdio};

use crate::badge::LabelSize;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PrintError {
    #[error("Printing without a dialog needs CUPS (the lp and lpstat commands), which is not installed here. Install CUPS, or choose \"System dialog\" in Settings.")]
    NoCups,
    #[error("No printer is chosen for badges. Choose one in Settings, or \"System dialog\".")]
    NoPrinter,
    #[error(
        "The printer \"{0}\" is not known to this computer any more. Choose another in Settings."
    )]
    UnknownPrinter(String),
    #[error("The printer \"{printer}\" is stopped{reason}, so the badge was not printed. Start the printer (in the printer settings, or `cupsenable {printer}`), then print the badge again from the list.")]
    Stopped { printer: String, reason: String },
    #[error("The printer \"{0}\" is not accepting jobs, so the badge was not printed. Let it accept jobs again (`cupsaccept {0}`), then print the badge again from the list.")]
    NotAccepting(String),
    #[error("The badge was not printed: {0}")]
    Failed(String),
}

/// A CUPS command in the C locale, so its answers can be read whatever the desk's language.
fn cups(program: &str) -> Command {
    let mut command = Command::new(program);
    command.env("LC_ALL", "C").env("LANG", "C");
    command
}

fn run(command: &mut Command) -> Result<std::process::Output, PrintError> {
    command.output().map_err(|error| match error.kind() {
        std::io::ErrorKind::NotFound => PrintError::NoCups,
        _ => PrintError::Failed(error.to_string()),
    })
}

/// The printers CUPS knows, by name.
pub fn printers() -> Result<Vec<String>, PrintError> {
    let output = run(cups("lpstat").arg("-e"))?;
    if !output.status.success() {
        // No scheduler running means no printers, which Settings shows as such.
        return Ok(Vec::new());
    }
    Ok(String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .map(str::to_string)
        .collect())
}

/// Whether `printer` would print now: known, enabled, accepting.
pub fn check(printer: &str) -> Result<(), PrintError> {
    let status = run(cups("lpstat").arg("-p").arg(printer))?;
    let text = String::from_utf8_lossy(&status.stdout).to_string();
    if !status.status.success() || text.trim().is_empty() {
        return Err(PrintError::UnknownPrinter(printer.to_string()));
    }
    if let Some(reason) = stopped_reason(&text, printer) {
        return Err(PrintError::Stopped {
            printer: printer.to_string(),
            reason,
        });
    }
    let accepting = run(cups("lpstat").arg("-a").arg(printer))?;
    if String::from_utf8_lossy(&accepting.stdout).contains("not accepting") {
        return Err(PrintError::NotAccepting(printer.to_string()));
    }
    Ok(())
}

/// From `lpstat -p`: `None` when enabled, else the reason CUPS gives (with a leading ": "),
/// or "" when it gives none.
fn stopped_reason(lpstat: &str, printer: &str) -> Option<String> {
    let mut lines = lpstat.lines();
    let first = lines.next()?;
    let disabled = first.starts_with(&format!("printer {printer} disabled"))
        || first.contains(" disabled since ");
    if !disabled {
        return None;
    }
    let reason = lines
        .map(str::trim)
        .find(|line| !line.is_empty())
        .map(|line| format!(" ({line})"))
        .unwrap_or_default();
    Some(reason)
}

/// Sends `pdf` to `printer` on `label`; answers CUPS's job id.
pub fn print(
    printer: &str,
    pdf: &[u8],
    label: LabelSize,
    title: &str,
) -> Result<String, PrintError> {
    check(printer)?;
    let mut child = cups("lp")
        .arg("-d")
        .arg(printer)
        .arg("-t")
        .arg(title)
        .arg("-o")
        .arg(format!("media={}", label.media()))
        .arg("-o")
        .arg("fit-to-page")
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|error| match error.kind() {
            std::io::ErrorKind::NotFound => PrintError::NoCups,
            _ => PrintError::Failed(error.to_string()),
        })?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin
            .write_all(pdf)
            .map_err(|error| PrintError::Failed(error.to_string()))?;
    }
    let output = child
        .wait_with_output()
        .map_err(|error| PrintError::Failed(error.to_string()))?;
    let said = String::from_utf8_lossy(&output.stdout).to_string();
    if !output.status.success() {
        let why = String::from_utf8_lossy(&output.stderr).trim().to_string();
        return Err(if why.contains("not accepting") {
            PrintError::NotAccepting(printer.to_string())
        } else {
            PrintError::Failed(if why.is_empty() {
                "lp failed".into()
            } else {
                why
            })
        });
    }
    // "request id is Badges-12 (1 file(s))"
    Ok(said
        .split_whitespace()
        .nth(3)
        .unwrap_or_default()
        .to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stopped_printer_and_its_reason_are_read_from_lpstat() {
        let idle = "printer Badges is idle.  enabled since Mon 30 Nov 2026 17:24:18\n";
        assert_eq!(stopped_reason(idle, "Badges"), None);
        let stopped = "printer Badges disabled since Mon 30 Nov 2026 17:30:00 -\n\tPaused for the lunch break\n";
        assert_eq!(
            stopped_reason(stopped, "Badges"),
            Some(" (Paused for the lunch break)".into())
        );
        let bare = "printer Badges disabled since Mon 30 Nov 2026 17:30:00 -\n";
        assert_eq!(stopped_reason(bare, "Badges"), Some(String::new()));
    }
}
