//! The admin command line, in the same binary as the app, for rolling Front Desk out to many
//! desks: provision a sign-in, check a machine, look at and drain the queue. No window: it
//! runs over SSH or in a deployment script. Without a subcommand the binary opens the app.

use std::io::BufRead;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use chrono::Utc;
use clap::{Parser, Subcommand, ValueEnum};
use frontdesk_core::account::{Accounts, SignInRequest};
use frontdesk_core::doctor;
use frontdesk_core::nexudus::endpoints::OVERRIDE_ENV;
use frontdesk_core::secrets::{KeyringStore, Secret, SecretStore};
use frontdesk_core::store::Store;

/// Exit statuses a script can rely on.
mod error;
mod queue;

pub use error::CliError;

pub mod exit {
    pub const OK: u8 = 0;
    pub const FAILED: u8 = 1;
    pub const USAGE: u8 = 2;
    /// `sync --once`: operations are still waiting (offline, throttled, signed out).
    pub const WAITING: u8 = 3;
    /// `sync --once`: operations need a person (Nexudus refused them).
    pub const NEEDS_ATTENTION: u8 = 4;
}

#[derive(Parser, Debug)]
#[command(
    name = "frontdesk",
    version,
    about = "Front Desk: visitor reception for coworking spaces on Nexudus.",
    long_about = "Front Desk: visitor reception for coworking spaces on Nexudus.\n\nWithout a command, opens the app. The commands below are for IT: they need no window.\nThe server is Nexudus unless FRONTDESK_NEXUDUS_URL names another (staging, a simulator);\nthe data folder is the OS's app data folder unless FRONTDESK_DATA_DIR names another."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Signs this computer in to Nexudus and keeps the session in the OS keyring. The
    /// password is read from standard input (one line), never from the command line.
    Login {
        /// The Nexudus account's email.
        #[arg(long)]
        email: String,
        /// The code from the authenticator app, for accounts with two-factor sign-in.
        #[arg(long, value_name = "CODE")]
        totp: Option<String>,
        /// For members (hosts): the space's web address, e.g. myspace.spaces.nexudus.com.
        #[arg(long)]
        space: Option<String>,
        /// Another server (staging, a test server); HTTPS, or HTTP on this computer only.
        #[arg(long)]
        server: Option<String>,
    },
    /// Checks what a desk needs: keyring, notifications, server, clock, database. One line
    /// per check; exits 1 if any fails.
    Doctor {
        /// Print the results as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Looks at the offline queue.
    Queue {
        #[command(subcommand)]
        action: QueueAction,
    },
    /// Sends waiting changes to Nexudus.
    Sync {
        /// Drain the queue once and exit (waiting up to 2 minutes for changes due again
        /// soon): 0 nothing left, 3 changes still waiting (offline, throttled, signed out),
        /// 4 changes need a person, 1 error.
        #[arg(long, required = true)]
        once: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum QueueAction {
    /// Counts per state, the oldest open change, the signed-in account.
    Status {
        #[arg(long)]
        json: bool,
    },
    /// The changes not yet done (waiting, being checked, needing attention).
    List {
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Every change the queue holds, done ones too, for a report or a support ticket.
    Export {
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
        /// Write to this file instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
    Csv,
}

struct Context {
    store: Store,
    accounts: Arc<Accounts>,
    secrets: Arc<dyn SecretStore>,
}

async fn context() -> Result<Context, CliError> {
    // The same check the window makes at start: a folder, database or permission problem is
    // named as the recovery screen names it.
    let dir = crate::paths::data_dir().map_err(CliError::NoDataFolder)?;
    let store = Store::open_checked(&dir).await?;
    // What the CLI says: FRONTDESK_LANG first (a cron job's scripts read one language), then
    // the desk's language.
    let chosen = frontdesk_core::l10n::chosen(&store)
        .await
        .unwrap_or_default();
    frontdesk_core::l10n::set_desk_language(frontdesk_core::l10n::Language::for_command_line(
        store.policy(),
        chosen.map(frontdesk_core::l10n::Language::code),
    ));
    let secrets: Arc<dyn SecretStore> = Arc::new(KeyringStore::default());
    let accounts = Arc::new(
        Accounts::new(
            store.clone(),
            secrets.clone(),
            std::env::var(OVERRIDE_ENV).ok(),
        )
        .with_timeout(frontdesk_core::account::timeout_from_env()),
    );
    Ok(Context {
        store,
        accounts,
        secrets,
    })
}

/// Runs a command; answers the process's exit status.
pub fn run(command: Command) -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("frontdesk: {error}");
            return ExitCode::from(exit::FAILED);
        }
    };
    let result = runtime.block_on(async {
        match command {
            Command::Login {
                email,
                totp,
                space,
                server,
            } => login(email, totp, space, server).await,
            Command::Doctor { json } => run_doctor(json).await,
            Command::Queue { action } => queue::queue(action).await,
            Command::Sync { .. } => sync_once().await,
        }
    });
    match result {
        Ok(code) => ExitCode::from(code),
        Err(error) => {
            eprintln!("frontdesk: {error}");
            ExitCode::from(exit::FAILED)
        }
    }
}

fn read_password() -> Result<Secret, CliError> {
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line).map_err(|e| {
        let detail = e.to_string();
        CliError::Input(said(
            "cli-password-unreadable",
            &[("detail", detail.as_str().into())],
        ))
    })?;
    let password = line.trim_end_matches(['\r', '\n']).to_string();
    if password.is_empty() {
        return Err(CliError::Input(said("cli-password-missing", &[])));
    }
    Ok(Secret::new(password))
}

async fn login(
    email: String,
    totp: Option<String>,
    space: Option<String>,
    server: Option<String>,
) -> Result<u8, CliError> {
    let password = read_password()?;
    let context = context().await?;
    let status = context
        .accounts
        .sign_in(SignInRequest {
            email,
            password,
            totp,
            space,
            server,
        })
        .await
        .map_err(|e| match e {
            frontdesk_core::account::AccountError::Api(
                frontdesk_core::nexudus::ApiError::TwoFactorRequired,
            ) => CliError::Input(said("cli-two-factor", &[])),
            other => CliError::Account(other),
        })?;
    let mode = match status.mode {
        Some(frontdesk_core::account::Mode::Reception) => "reception",
        Some(frontdesk_core::account::Mode::Host) => "host",
        None => "none",
    };
    let email = status.email.unwrap_or_default();
    println!(
        "{}",
        said(
            "cli-signed-in",
            &[
                ("email", email.as_str().into()),
                ("mode", mode.into()),
                ("server", status.server.as_str().into()),
            ],
        )
    );
    Ok(exit::OK)
}

async fn run_doctor(json: bool) -> Result<u8, CliError> {
    let mut checks = Vec::new();
    let context = context().await;
    // JSON is for monitoring scripts: its details are English whatever the desk speaks.
    if json {
        frontdesk_core::l10n::set_desk_language(frontdesk_core::l10n::Language::En);
    }
    let server = match &context {
        Ok(context) => context
            .accounts
            .status()
            .await
            .ok()
            .map(|s| s.server)
            .filter(|s| !s.is_empty()),
        Err(_) => None,
    };
    let server = match server {
        Some(server) => url::Url::parse(&server)?,
        None => frontdesk_core::nexudus::Endpoints::from_env(None)?.admin,
    };
    match &context {
        Ok(context) => checks.push(doctor::keyring(context.secrets.as_ref(), &server)),
        Err(_) => checks.push(doctor::keyring(&KeyringStore::default(), &server)),
    }
    checks.push(tokio::task::spawn_blocking(doctor::notifications).await?);
    checks.extend(doctor::server_and_clock(&server).await);
    checks.push(doctor::policy(&frontdesk_core::policy::PolicyState::load(
        &frontdesk_core::policy::system_path(),
    )));
    match &context {
        Ok(context) => checks.push(doctor::database(&context.store).await),
        Err(error) => checks.push(doctor::Check {
            name: "database",
            passed: false,
            detail: error.to_string(),
        }),
    }
    let failed = checks.iter().filter(|c| !c.passed).count();
    if json {
        let text = serde_json::to_string_pretty(&checks)?;
        println!("{text}");
    } else {
        for check in &checks {
            let mark = if check.passed { "PASS" } else { "FAIL" };
            println!("{mark}  {:<14}{}", check.name, check.detail);
        }
        let total = checks.len() as i64;
        if failed == 0 {
            println!("{}", said("cli-checks-passed", &[("total", total.into())]));
        } else {
            let failed = failed as i64;
            println!(
                "{}",
                said(
                    "cli-checks-failed",
                    &[("failed", failed.into()), ("total", total.into())],
                )
            );
        }
    }
    Ok(if failed == 0 { exit::OK } else { exit::FAILED })
}

/// How long `sync --once` waits for changes that are due again soon.
const MAX_WAIT: chrono::Duration = chrono::Duration::seconds(120);

async fn sync_once() -> Result<u8, CliError> {
    let context = context().await?;
    if let Err(error) = context.accounts.restore().await {
        let error =
            frontdesk_core::l10n::Localize::localize(&error, &frontdesk_core::l10n::desk_words());
        eprintln!(
            "frontdesk: {}",
            said("cli-not-restored", &[("detail", error.as_str().into())])
        );
    }
    let engine = frontdesk_core::wiring::Core::assemble(
        context.store.clone(),
        context.accounts.clone(),
        Arc::new(frontdesk_core::arrivals::Silent),
    )
    .engine;
    // Changes waiting out a retry delay (the server's or a backoff) are waited for, up to
    // MAX_WAIT in all; a stopped engine (offline, signed out) ends the run at once.
    let deadline = Utc::now() + MAX_WAIT;
    let mut completed = 0;
    let mut stopped;
    let mut told_busy = false;
    loop {
        let report = engine.drain().await?;
        if report.busy {
            // The app (or another run) is sending this folder's changes: one sender at a
            // time, so wait for it rather than send anything twice.
            if Utc::now() >= deadline {
                println!("{}", said("cli-still-busy", &[]));
                return Ok(exit::WAITING);
            }
            if !told_busy {
                eprintln!("{}", said("cli-busy-waiting", &[]));
                told_busy = true;
            }
            tokio::time::sleep(std::time::Duration::from_millis(500)).await;
            continue;
        }
        completed += report.completed;
        stopped = report.stopped;
        let counts = context.store.queue_counts(None).await?;
        let due = match report.next_wake {
            Some(due) if report.stopped.is_none() && counts.to_send() > 0 && due <= deadline => due,
            _ => break,
        };
        let wait = (due - Utc::now()).to_std().unwrap_or_default();
        let seconds = i64::try_from(wait.as_secs()).unwrap_or(i64::MAX);
        eprintln!(
            "{}",
            said("cli-waiting-next-try", &[("seconds", seconds.into())])
        );
        tokio::time::sleep(wait).await;
    }
    let report = frontdesk_core::sync::DrainReport {
        completed,
        stopped,
        ..Default::default()
    };
    let counts = context.store.queue_counts(None).await?;
    // The engine's state by its machine name ("offline", "signed_out"): scripts match it.
    let stopped = report
        .stopped
        .and_then(|state| serde_json::to_value(state).ok())
        .and_then(|state| state.as_str().map(str::to_string))
        .unwrap_or_else(|| "none".into());
    let count = |n: u64| i64::try_from(n).unwrap_or(i64::MAX);
    println!(
        "{}",
        said(
            "cli-sent",
            &[
                ("sent", count(report.completed).into()),
                ("waiting", (counts.to_send()).into()),
                ("attention", (counts.needs_attention).into()),
                ("stopped", stopped.as_str().into()),
            ],
        )
    );
    Ok(if counts.to_send() > 0 {
        exit::WAITING
    } else if counts.needs_attention > 0 {
        exit::NEEDS_ATTENTION
    } else {
        exit::OK
    })
}

/// Reads the command line. `Ok(None)`: no command, open the app.
pub fn parse() -> Result<Option<Command>, ExitCode> {
    // The language before anything is said (`--help` too); the data folder may refine it.
    let policy = frontdesk_core::policy::PolicyState::load(&frontdesk_core::policy::system_path());
    frontdesk_core::l10n::set_desk_language(frontdesk_core::l10n::Language::for_command_line(
        &policy, None,
    ));
    let words = frontdesk_core::l10n::desk_words();
    let parsed = worded(<Cli as clap::CommandFactory>::command(), &words)
        .try_get_matches()
        .and_then(|matches| <Cli as clap::FromArgMatches>::from_arg_matches(&matches));
    match parsed {
        Ok(cli) => Ok(cli.command),
        Err(error) => {
            let code = if error.use_stderr() {
                exit::USAGE
            } else {
                exit::OK
            };
            let _ = error.print();
            Err(ExitCode::from(code))
        }
    }
}

/// The help in the desk's language (the doc comments above are its English, for readers of
/// the code; clap's own headings, "Usage:" and "Options:", stay English).
fn worded(command: clap::Command, words: &frontdesk_core::l10n::Messages) -> clap::Command {
    let text = |id: &str| words.text(id, &[]);
    let about = |command: clap::Command, id: &str| command.about(text(id)).long_about(None::<&str>);
    let help = |id: &'static str| move |arg: clap::Arg| arg.help(text(id));
    about(command, "cli-help-about")
        .long_about(text("cli-help-long-about"))
        .mut_subcommand("login", |c| {
            about(c, "cli-help-login")
                .mut_arg("email", help("cli-help-login-email"))
                .mut_arg("totp", help("cli-help-login-totp"))
                .mut_arg("space", help("cli-help-login-space"))
                .mut_arg("server", help("cli-help-login-server"))
        })
        .mut_subcommand("doctor", |c| {
            about(c, "cli-help-doctor").mut_arg("json", help("cli-help-json"))
        })
        .mut_subcommand("queue", |c| {
            about(c, "cli-help-queue")
                .mut_subcommand("status", |s| {
                    about(s, "cli-help-queue-status").mut_arg("json", help("cli-help-json"))
                })
                .mut_subcommand("list", |s| {
                    about(s, "cli-help-queue-list").mut_arg("format", help("cli-help-format"))
                })
                .mut_subcommand("export", |s| {
                    about(s, "cli-help-queue-export")
                        .mut_arg("format", help("cli-help-format"))
                        .mut_arg("output", help("cli-help-output"))
                })
        })
        .mut_subcommand("sync", |c| {
            about(c, "cli-help-sync").mut_arg("once", help("cli-help-sync-once"))
        })
}

/// A CLI message in the desk's language.
fn said(id: &str, args: &[(&str, frontdesk_core::l10n::Arg<'_>)]) -> String {
    frontdesk_core::l10n::desk_words().text(id, args)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;
    use frontdesk_core::l10n::{Language, Messages};

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
        // Every argument the help words exists (clap panics on one that does not).
        worded(Cli::command(), &Messages::new(Language::En)).debug_assert();
    }

    #[test]
    fn the_help_is_in_the_desks_language() {
        let mut command = worded(Cli::command(), &Messages::new(Language::Es));
        let help = command.render_long_help().to_string();
        assert!(help.contains("recepción de visitantes"), "{help}");
        let mut login = worded(Cli::command(), &Messages::new(Language::En));
        let login = login
            .find_subcommand_mut("login")
            .map(|c| c.render_help().to_string())
            .unwrap_or_default();
        assert!(login.contains("The Nexudus account's email."), "{login}");
    }
}
