//! The `nexudus-sim` binary's contract: `--port 0` prints one `listening on` line and serves.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

struct Child(std::process::Child);

impl Drop for Child {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test]
async fn port_zero_prints_the_address_and_serves_with_the_chosen_variants() {
    let mut child = Child(
        Command::new(env!("CARGO_BIN_EXE_nexudus-sim"))
            .args([
                "--port",
                "0",
                "--throttle-status",
                "409",
                "--set",
                "date_format=ms_date",
            ])
            .stdout(Stdio::piped())
            .spawn()
            .expect("spawn sim"),
    );
    let stdout = child.0.stdout.take().expect("stdout");
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .expect("first line");
    let base = line
        .trim()
        .strip_prefix("listening on ")
        .expect("listening line")
        .to_string();
    assert!(base.starts_with("http://127.0.0.1:"), "{base}");

    let config: serde_json::Value = reqwest::get(format!("{base}/_sim/config"))
        .await
        .expect("config")
        .json()
        .await
        .expect("json");
    assert_eq!(config["throttle_status"], 409);
    assert_eq!(config["date_format"], "ms_date");
}

#[test]
fn bad_flags_exit_with_usage() {
    let output = Command::new(env!("CARGO_BIN_EXE_nexudus-sim"))
        .args(["--throttle-status", "418"])
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("throttle_status"));
}
