//! `nexudus-sim --port 0` prints `listening on http://127.0.0.1:PORT` and serves until stopped.

use std::net::{IpAddr, SocketAddr};
use std::process::ExitCode;

use nexudus_sim::{DataSet, SimConfig, StartOptions};

const USAGE: &str = "\
nexudus-sim: a local Nexudus API simulator with fault injection

USAGE: nexudus-sim [--port N] [--bind ADDR] [--data demo|empty] [--config FILE.json]
                   [--set key=value]... [--<config-key> value]...

  --port N            port to listen on (0 = any free port; default 0)
  --bind ADDR         address to listen on (default 127.0.0.1)
  --data demo|empty   start with demo data (default) or no visitors
  --config FILE       a JSON object of config keys (see GET /_sim/config)
  --set key=value     one config key; the value is JSON or a plain string
  --throttle-status 409|429, --date-format z|naive|fractional|ms_date|fake_z_local,
  --sort-direction native|number|string, --access-token-lifetime-secs N,
  --writes-per-minute N, --min-gap-ms N, --rate-limits true|false, ...
                      any config key as a flag, dashes for underscores

Prints `listening on http://ADDR:PORT` once ready. Control API: /_sim/ (see README.md).";

struct Args {
    options: StartOptions,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Option<Args>, String> {
    let mut options = StartOptions::default();
    let mut config = SimConfig::default();
    let mut port = 0u16;
    let mut ip: IpAddr = [127, 0, 0, 1].into();
    while let Some(flag) = args.next() {
        if flag == "-h" || flag == "--help" {
            return Ok(None);
        }
        let Some(name) = flag.strip_prefix("--") else {
            return Err(format!("unexpected argument `{flag}`"));
        };
        let value = args
            .next()
            .ok_or_else(|| format!("`{flag}` needs a value"))?;
        match name {
            "port" => port = value.parse().map_err(|_| format!("bad port `{value}`"))?,
            "bind" => {
                ip = value
                    .parse()
                    .map_err(|_| format!("bad address `{value}`"))?
            }
            "data" => {
                options.data = match value.as_str() {
                    "demo" => DataSet::Demo,
                    "empty" => DataSet::Empty,
                    other => return Err(format!("--data takes demo or empty, not `{other}`")),
                }
            }
            "config" => {
                let text = std::fs::read_to_string(&value)
                    .map_err(|e| format!("cannot read {value}: {e}"))?;
                let patch =
                    serde_json::from_str(&text).map_err(|e| format!("{value} is not JSON: {e}"))?;
                config = config.patched(&patch).map_err(|e| e.to_string())?;
            }
            "set" => {
                let (key, raw) = value
                    .split_once('=')
                    .ok_or_else(|| format!("--set takes key=value, not `{value}`"))?;
                config = config.with_setting(key, raw).map_err(|e| e.to_string())?;
            }
            key => {
                config = config
                    .with_setting(key, &value)
                    .map_err(|e| e.to_string())?
            }
        }
    }
    options.bind = SocketAddr::new(ip, port);
    options.config = config;
    Ok(Some(Args { options }))
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(Some(args)) => args,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("nexudus-sim: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let running = match nexudus_sim::start(args.options).await {
        Ok(running) => running,
        Err(e) => {
            eprintln!("nexudus-sim: cannot listen: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!("listening on {}", running.base_url());
    let mut terminate =
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(signal) => signal,
            Err(e) => {
                eprintln!("nexudus-sim: cannot watch signals: {e}");
                return ExitCode::FAILURE;
            }
        };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = terminate.recv() => {}
    }
    running.stop().await;
    ExitCode::SUCCESS
}
