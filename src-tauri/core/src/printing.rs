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
    #[error("The printing service (CUPS) is not running on this computer, so the badge was not printed. Start it (or ask IT), then print the badge again from the list.")]
    NoScheduler,
    #[error("The printer \"{printer}\" is stopped{reason}, so the badge was not printed. Start the printer (in the printer settings, or `cupsenable {printer}`), then print the badge again from the list.")]
    Stopped { printer: String, reason: String },
    #[error("The printer \"{0}\" is not accepting jobs, so the badge was not printed. Let it accept jobs again (`cupsaccept {0}`), then print the badge again from the list.")]
    NotAccepting(String),
    #[error("The badge was not printed: {0}")]
    Failed(String),
}

/// Which CUPS scheduler to ask: the system's, or a named server (a print server's address or
/// a socket path).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cups {
    pub server: Option<String>,
}

impl Cups {
    /// A CUPS command in the C locale, so its answers can be read whatever the desk's
    /// language.
    fn command(&self, program: &str) -> Command {
        let mut command = Command::new(program);
        command.env("LC_ALL", "C").env("LANG", "C");
        if let Some(server) = &self.server {
            command.env("CUPS_SERVER", server);
        }
        command
    }
}

fn scheduler_down(stderr: &[u8]) -> bool {
    let said = String::from_utf8_lossy(stderr).to_lowercase();
    said.contains("scheduler is not running") || said.contains("unable to connect to server")
}

fn run(command: &mut Command) -> Result<std::process::Output, PrintError> {
    command.output().map_err(|error| match error.kind() {
        std::io::ErrorKind::NotFound => PrintError::NoCups,
        _ => PrintError::Failed(error.to_string()),
    })
}

/// The printers CUPS knows, by name.
pub fn printers(cups: &Cups) -> Result<Vec<String>, PrintError> {
    let output = run(cups.command("lpstat").arg("-e"))?;
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
pub fn check(cups: &Cups, printer: &str) -> Result<(), PrintError> {
    if crate::badge::name_problem(printer).is_some() {
        return Err(PrintError::UnknownPrinter(printer.to_string()));
    }
    // The name attached to its option, so nothing in it can read as another option.
    let status = run(cups.command("lpstat").arg(format!("-p{printer}")))?;
    let text = String::from_utf8_lossy(&status.stdout).to_string();
    if !status.status.success() || text.trim().is_empty() {
        // lpstat names the printer unknown also when it could not ask: is CUPS there at all?
        let running = run(cups.command("lpstat").arg("-r"))?;
        let said = String::from_utf8_lossy(&running.stdout);
        return Err(
            if said.contains("not running") || scheduler_down(&status.stderr) {
                PrintError::NoScheduler
            } else {
                PrintError::UnknownPrinter(printer.to_string())
            },
        );
    }
    if let Some(reason) = stopped_reason(&text, printer) {
        return Err(PrintError::Stopped {
            printer: printer.to_string(),
            reason,
        });
    }
    let accepting = run(cups.command("lpstat").arg(format!("-a{printer}")))?;
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
    cups: &Cups,
    printer: &str,
    pdf: &[u8],
    label: LabelSize,
) -> Result<String, PrintError> {
    check(cups, printer)?;
    let mut child = cups
        .command("lp")
        .arg(format!("-d{printer}"))
        // A title without the visitor's name: CUPS keeps job history longer than the
        // retention setting keeps visitors.
        .args(["-t", "Front Desk badge"])
        .arg("-o")
        .arg(format!("media={}", label.media()))
        .args(["-o", "fit-to-page", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|error| match error.kind() {
            std::io::ErrorKind::NotFound => PrintError::NoCups,
            _ => PrintError::Failed(error.to_string()),
        })?;
    // An lp that stops reading (it refused the job) breaks the pipe: what it said on stderr
    // is the reason, so it is always waited for and read.
    let written = child.stdin.take().map(|mut stdin| stdin.write_all(pdf));
    let output = child
        .wait_with_output()
        .map_err(|error| PrintError::Failed(error.to_string()))?;
    let said = String::from_utf8_lossy(&output.stdout).to_string();
    if !output.status.success() {
        let why = String::from_utf8_lossy(&output.stderr).trim().to_string();
        return Err(if why.contains("not accepting") {
            PrintError::NotAccepting(printer.to_string())
        } else if scheduler_down(&output.stderr) {
            PrintError::NoScheduler
        } else {
            PrintError::Failed(if why.is_empty() {
                "lp failed".into()
            } else {
                why
            })
        });
    }
    if let Some(Err(error)) = written {
        return Err(PrintError::Failed(error.to_string()));
    }
    // "request id is Badges-12 (1 file(s))"
    Ok(said
        .split_whitespace()
        .nth(3)
        .unwrap_or_default()
        .to_string())
}

impl crate::l10n::Localize for PrintError {
    fn localize(&self, words: &crate::l10n::Messages) -> String {
        use crate::l10n::Arg;
        let printer = |id: &str, name: &String| words.text(id, &[("printer", Arg::from(name))]);
        match self {
            PrintError::NoCups => words.text("error-print-no-cups", &[]),
            PrintError::NoPrinter => words.text("error-print-no-printer", &[]),
            PrintError::UnknownPrinter(name) => printer("error-print-unknown-printer", name),
            PrintError::NoScheduler => words.text("error-print-no-scheduler", &[]),
            PrintError::Stopped {
                printer: name,
                reason,
            } => {
                // `reason` is CUPS's, as " (why)" or empty.
                let why = reason.trim().trim_start_matches('(').trim_end_matches(')');
                if why.is_empty() {
                    printer("error-print-stopped", name)
                } else {
                    words.text(
                        "error-print-stopped-because",
                        &[("printer", Arg::from(name)), ("reason", Arg::from(why))],
                    )
                }
            }
            PrintError::NotAccepting(name) => printer("error-print-not-accepting", name),
            PrintError::Failed(detail) => {
                words.text("error-print-failed", &[("detail", Arg::from(detail))])
            }
        }
    }
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
