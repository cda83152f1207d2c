//! The real app binary opens its window in demo mode. Needs an X display: run through
//! `./x test`, which provides Xvfb. The demo banner is shown only after the page's script has
//! called into Rust (`app_info`), so seeing its colour proves the CSP, the capability grant
//! and the command round trip, not just that a window exists.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const HEADER_TEAL: &str = "#0F766E";
const DEMO_BANNER: &str = "#FFF7E0";

struct App(Child);

impl Drop for App {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn output_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../test-output");
    std::fs::create_dir_all(&dir).expect("test-output folder");
    dir
}

/// The colours in a screenshot, as ImageMagick's histogram lists them.
fn screenshot_colours(path: &PathBuf) -> Option<String> {
    let shot = Command::new("import")
        .args(["-window", "root"])
        .arg(path)
        .status()
        .ok()?;
    if !shot.success() {
        return None;
    }
    let histogram = Command::new("convert")
        .arg(path)
        .args(["-format", "%c", "histogram:info:-"])
        .output()
        .ok()?;
    Some(String::from_utf8_lossy(&histogram.stdout).to_uppercase())
}

#[test]
fn the_window_opens_in_demo_mode_and_its_script_reaches_rust() {
    let _turn = crate::e2e::blocking_turn();
    assert!(
        std::env::var_os("DISPLAY").is_some(),
        "no X display: run the tests with ./x test (it starts Xvfb)"
    );
    let data = tempfile_dir();
    let mut first = App(Command::new(env!("CARGO_BIN_EXE_frontdesk"))
        .env("FRONTDESK_DEMO", "1")
        .env("FRONTDESK_NEXUDUS_URL", "http://127.0.0.1:9")
        .env("FRONTDESK_DATA_DIR", &data)
        .env("WEBKIT_DISABLE_DMABUF_RENDERER", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the app"));
    let shot = output_dir().join("window-demo.png");
    let deadline = Instant::now() + Duration::from_secs(45);
    let mut last = String::new();
    while Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(500));
        if let Some(colours) = screenshot_colours(&shot) {
            if colours.contains(HEADER_TEAL) && colours.contains(DEMO_BANNER) {
                a_second_launch_hands_over_to_the_first(&mut first, &data);
                return;
            }
            last = colours;
        }
    }
    panic!(
        "the demo window did not show its header and demo banner within 45 s; see {}; colours seen: {}",
        shot.display(),
        last.lines().take(10).collect::<Vec<_>>().join(" | ")
    );
}

/// Front Desk is single-instance: launching it again (a second click on the icon) raises the
/// running window and the new process ends at once, so two apps never share one queue.
fn a_second_launch_hands_over_to_the_first(first: &mut App, data: &PathBuf) {
    let started = Instant::now();
    let mut second = Command::new(env!("CARGO_BIN_EXE_frontdesk"))
        .env("FRONTDESK_DEMO", "1")
        .env("FRONTDESK_NEXUDUS_URL", "http://127.0.0.1:9")
        .env("FRONTDESK_DATA_DIR", data)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start a second app");
    let ended = loop {
        if let Ok(Some(status)) = second.try_wait() {
            break status;
        }
        if started.elapsed() > Duration::from_secs(20) {
            let _ = second.kill();
            panic!("a second Front Desk kept running beside the first");
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(ended.success(), "the second launch exits cleanly: {ended}");
    assert!(
        matches!(first.0.try_wait(), Ok(None)),
        "the first app is still running"
    );
}

fn tempfile_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("frontdesk-window-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}
