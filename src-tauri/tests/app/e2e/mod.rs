//! End-to-end harness: the real app binary in a real window (Xvfb), driven over WebDriver
//! (tauri-driver + WebKitWebDriver), against an in-process Nexudus simulator, with the real
//! Secret Service of the session `./x test` starts. Controls are found the way a person finds
//! them: by their visible label or text.
#![allow(dead_code)]

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use nexudus_sim::{RunningSim, SimConfig, StartOptions};
use serde_json::{json, Value};
use tokio::sync::{Mutex, MutexGuard};

/// One app at a time: two cores cannot run several WebKit windows and stay responsive.
static ONE_AT_A_TIME: Mutex<()> = Mutex::const_new(());

/// The same turn for a test that starts the app itself, without WebDriver (it runs in no
/// async runtime).
pub fn blocking_turn() -> MutexGuard<'static, ()> {
    ONE_AT_A_TIME.blocking_lock()
}

/// The same turn, for an async test that starts the app itself.
pub async fn turn() -> MutexGuard<'static, ()> {
    ONE_AT_A_TIME.lock().await
}

pub const WAIT: Duration = Duration::from_secs(15);

pub struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        // A failed test skips closing its session, and the app is single-instance: one left
        // running would swallow the next launch. Everything the driver started goes too.
        let started = descendants(self.0.id());
        // SIGTERM lets tauri-driver stop WebKitWebDriver and the app; SIGKILL would orphan them.
        let _ = Command::new("kill")
            .arg("-TERM")
            .arg(self.0.id().to_string())
            .status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.0.try_wait() {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.0.kill();
        let _ = self.0.wait();
        end(&started);
    }
}

fn end(pids: &[u32]) {
    for pid in pids {
        let _ = Command::new("kill")
            .args(["-KILL", &pid.to_string()])
            .stderr(Stdio::null())
            .status();
    }
}

/// Every process below `pid` (WebKitWebDriver, and the app it started).
fn descendants(pid: u32) -> Vec<u32> {
    let output = Command::new("pgrep")
        .args(["-P", &pid.to_string()])
        .output();
    let children: Vec<u32> = output
        .map(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .filter_map(|l| l.trim().parse().ok())
                .collect()
        })
        .unwrap_or_default();
    let mut all = children.clone();
    for child in children {
        all.extend(descendants(child));
    }
    all
}

/// One running app and its window, with its own data folder.
pub struct Window {
    pub browser: Client,
    pub export_dir: PathBuf,
    /// The app's home folder (private to this run: start-at-login writes below it).
    pub home: PathBuf,
    data_dir: PathBuf,
    log_path: PathBuf,
    _driver: Driver,
}

/// The app under test and the simulator it talks to.
pub struct App {
    window: Window,
    pub sim: RunningSim,
    /// The stopped simulator's state and address while the desk is "offline".
    stopped: Option<(std::sync::Arc<nexudus_sim::Sim>, std::net::SocketAddr)>,
    pub http: reqwest::Client,
    _serial: MutexGuard<'static, ()>,
}

impl std::ops::Deref for App {
    type Target = Window;

    fn deref(&self) -> &Window {
        &self.window
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

pub fn output_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../test-output");
    std::fs::create_dir_all(&dir).expect("test-output");
    dir
}

pub struct Launch {
    pub sim_config: Value,
    pub demo: bool,
    /// The app's config folder (window state lives there); a fresh one when `None`.
    pub config_home: Option<PathBuf>,
    /// The demo space's accounts and locations without its visitors: the test adds its own.
    pub empty: bool,
    /// What the data folder's database file holds before the app starts (a damaged one).
    pub database_file: Option<Vec<u8>>,
    /// More environment for the app (a private CUPS scheduler, say).
    pub env: Vec<(String, String)>,
}

impl Default for Launch {
    fn default() -> Self {
        Launch {
            sim_config: json!({}),
            demo: false,
            config_home: None,
            empty: false,
            database_file: None,
            env: Vec::new(),
        }
    }
}

pub async fn launch(options: Launch) -> App {
    let serial = ONE_AT_A_TIME.lock().await;
    assert!(
        std::env::var_os("DISPLAY").is_some(),
        "no X display: run the tests with ./x test (it starts Xvfb and a keyring)"
    );
    let config = SimConfig::default()
        .patched(&options.sim_config)
        .expect("sim config");
    let sim = nexudus_sim::start(StartOptions {
        config,
        data: if options.empty {
            nexudus_sim::DataSet::Empty
        } else {
            nexudus_sim::DataSet::default()
        },
        ..StartOptions::default()
    })
    .await
    .expect("sim");
    let window = open_window(&sim.base_url(), &options).await;
    App {
        window,
        sim,
        stopped: None,
        http: reqwest::Client::new(),
        _serial: serial,
    }
}

/// Starts the app against `server` in a fresh data folder, and opens a WebDriver session on
/// its window.
async fn open_window(server: &str, options: &Launch) -> Window {
    let data_dir = std::env::temp_dir().join(format!("frontdesk-e2e-{}", uuid_like()));
    std::fs::create_dir_all(&data_dir).expect("data dir");
    if let Some(bytes) = &options.database_file {
        std::fs::write(data_dir.join("frontdesk.sqlite3"), bytes).expect("database file");
    }
    // The app's own output (it inherits the driver's) is kept to be searched for secrets.
    let log_path = data_dir.with_extension("log");
    let export_dir = data_dir.with_extension("exports");
    std::fs::create_dir_all(&export_dir).expect("export dir");
    let home = data_dir.with_extension("home");
    std::fs::create_dir_all(&home).expect("home dir");
    let config_home = options
        .config_home
        .clone()
        .unwrap_or_else(|| home.join(".config"));
    std::fs::create_dir_all(&config_home).expect("config dir");
    let log = std::fs::File::create(&log_path).expect("log file");
    let (port, native_port) = (free_port(), free_port());
    let mut command = Command::new("tauri-driver");
    command
        .args([
            "--port",
            &port.to_string(),
            "--native-port",
            &native_port.to_string(),
        ])
        .env("FRONTDESK_NEXUDUS_URL", server)
        .env("FRONTDESK_DATA_DIR", &data_dir)
        .env("FRONTDESK_EXPORT_DIR", &export_dir)
        .env("FRONTDESK_LOG_DIR", data_dir.join("logs"))
        .env("HOME", &home)
        .env("XDG_CONFIG_HOME", &config_home)
        .env("WEBKIT_DISABLE_DMABUF_RENDERER", "1")
        .env("RUST_LOG", "debug")
        .stdout(Stdio::null())
        .stderr(Stdio::from(log));
    // No organisation policy unless a test gives one (this machine's /etc is not the test's).
    command.env("FRONTDESK_POLICY", data_dir.with_extension("policy.toml"));
    command.envs(options.env.iter().map(|(k, v)| (k, v)));
    if options.demo {
        command.env("FRONTDESK_DEMO", "1");
    } else {
        command.env_remove("FRONTDESK_DEMO");
    }
    let driver = Driver(
        command
            .spawn()
            .expect("tauri-driver (installed by scripts/setup.sh)"),
    );
    let deadline = Instant::now() + WAIT;
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "tauri-driver did not start");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let mut capabilities = serde_json::Map::new();
    capabilities.insert("browserName".into(), json!("wry"));
    capabilities.insert(
        "tauri:options".into(),
        json!({ "application": app_binary() }),
    );
    // Without a display the app dies and the connect would hang: bound it. The driver can
    // accept connections a moment before it takes sessions: try a few times.
    let driver_url = format!("http://127.0.0.1:{port}");
    let mut attempt = 0;
    let browser = loop {
        attempt += 1;
        let mut builder =
            ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new());
        builder.capabilities(capabilities.clone());
        let connecting = builder.connect(&driver_url);
        match tokio::time::timeout(Duration::from_secs(60), connecting).await {
            Ok(Ok(browser)) => break browser,
            Ok(Err(error)) if attempt < 4 => {
                eprintln!("e2e: session attempt {attempt} failed ({error}); retrying");
                tokio::time::sleep(Duration::from_millis(500)).await;
            }
            Ok(Err(error)) => panic!("WebDriver session: {error}"),
            Err(_) => panic!("no WebDriver session within 60 s"),
        }
    };
    eprintln!("e2e: session open");
    Window {
        browser,
        export_dir,
        home,
        data_dir,
        log_path,
        _driver: driver,
    }
}
fn uuid_like() -> String {
    format!(
        "{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default()
    )
}

/// Every WebDriver step is bounded: a hung step fails the test and names itself.
pub async fn bounded<T>(what: &str, step: impl std::future::Future<Output = T>) -> T {
    match tokio::time::timeout(WAIT * 2, step).await {
        Ok(value) => value,
        Err(_) => panic!("WebDriver step hung for {:?}: {what}", WAIT * 2),
    }
}

fn xpath_literal(text: &str) -> String {
    if !text.contains('\'') {
        format!("'{text}'")
    } else {
        format!("concat('{}')", text.replace('\'', "', \"'\", '"))
    }
}

impl Window {
    /// Waits until `locator` matches an element a person could use: shown and enabled (the
    /// first such, when hidden screens hold others).
    async fn usable(&self, locator: Locator<'_>, what: &str) -> Element {
        let deadline = Instant::now() + WAIT;
        loop {
            for element in self.browser.find_all(locator).await.unwrap_or_default() {
                let shown = element.is_displayed().await.unwrap_or(false);
                let enabled = element.is_enabled().await.unwrap_or(false);
                if shown && enabled {
                    return element;
                }
            }
            assert!(Instant::now() < deadline, "{what} never became usable");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The form control whose visible `<label>` starts with `label` (hidden screens have
    /// labels too; a person reads only the ones shown).
    pub async fn field(&self, label: &str) -> Element {
        let xpath = format!(
            "//label[starts-with(normalize-space(.), {})]",
            xpath_literal(label)
        );
        let deadline = Instant::now() + WAIT;
        loop {
            let labels = self
                .browser
                .find_all(Locator::XPath(&xpath))
                .await
                .unwrap_or_default();
            for candidate in labels {
                if !candidate.is_displayed().await.unwrap_or(false) {
                    continue;
                }
                let target = candidate
                    .attr("for")
                    .await
                    .expect("label for")
                    .unwrap_or_else(|| panic!("label {label:?} has no for"));
                return self
                    .usable(Locator::Id(&target), &format!("control for {label:?}"))
                    .await;
            }
            assert!(Instant::now() < deadline, "no visible label {label:?}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub async fn fill(&self, label: &str, text: &str) {
        let field = bounded(&format!("find {label}"), self.field(label)).await;
        bounded(&format!("clear {label}"), field.clear())
            .await
            .expect("clear");
        if text.is_empty() {
            // WebDriver's clear fires no input event; a person deleting the text would.
            let element = serde_json::to_value(&field).expect("element reference");
            bounded(
                "announce the cleared field",
                self.browser.execute(
                    "arguments[0].dispatchEvent(new Event('input', { bubbles: true }));",
                    vec![element],
                ),
            )
            .await
            .expect("input event");
            return;
        }
        bounded(&format!("type into {label}"), field.send_keys(text))
            .await
            .expect("type");
    }

    /// Types `text` after what the field holds (a person adding a key to a search).
    pub async fn type_more(&self, label: &str, text: &str) {
        let field = bounded(&format!("find {label}"), self.field(label)).await;
        bounded(&format!("type into {label}"), field.send_keys(text))
            .await
            .expect("type");
    }

    /// The visible, enabled button whose text is `text`.
    pub async fn button(&self, text: &str) -> Element {
        let xpath = format!("//button[normalize-space(.)={}]", xpath_literal(text));
        self.usable(Locator::XPath(&xpath), &format!("button {text:?}"))
            .await
    }

    /// The button whose accessible name (aria-label) is `label`.
    pub async fn button_named(&self, label: &str) -> Element {
        let xpath = format!("//button[@aria-label={}]", xpath_literal(label));
        self.usable(Locator::XPath(&xpath), &format!("button named {label:?}"))
            .await
    }

    /// Waits until a script answers `true`; `what` names the wait when it fails.
    pub async fn wait_until(&self, what: &str, script: &str) {
        self.wait_until_within(WAIT, what, script).await;
    }

    pub async fn wait_until_within(&self, limit: Duration, what: &str, script: &str) {
        let deadline = Instant::now() + limit;
        while self.script(script).await != Value::Bool(true) {
            assert!(Instant::now() < deadline, "never: {what}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Opens a section from the navigation bar, as a person clicks its tab.
    pub async fn open(&self, section: &str) {
        let xpath = format!(
            "//nav[@id='sections']//button[@aria-label={}]",
            xpath_literal(section)
        );
        let tab = self
            .usable(Locator::XPath(&xpath), &format!("section {section:?}"))
            .await;
        bounded(&format!("open {section}"), tab.click())
            .await
            .expect("click");
    }

    /// Runs a script in the page and answers its value.
    pub async fn script(&self, source: &str) -> Value {
        bounded("run a script", self.browser.execute(source, vec![]))
            .await
            .expect("script")
    }

    pub async fn click(&self, text: &str) {
        let button = bounded(&format!("find button {text}"), self.button(text)).await;
        bounded(&format!("click {text}"), button.click())
            .await
            .expect("click");
    }

    /// Waits until the page's visible text contains `text`.
    pub async fn wait_for_text(&self, text: &str) {
        let deadline = Instant::now() + WAIT;
        loop {
            let body = self.visible_text().await;
            if body.contains(text) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "never saw {text:?}; the page said:\n{body}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub async fn visible_text(&self) -> String {
        bounded(
            "read the page text",
            self.browser
                .execute("return document.body.innerText;", vec![]),
        )
        .await
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
    }

    /// The id of the element that has keyboard focus.
    pub async fn focused_id(&self) -> String {
        bounded(
            "read the focused element",
            self.browser.execute(
                "return document.activeElement && document.activeElement.id;",
                vec![],
            ),
        )
        .await
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
    }

    /// Saves what the display shows. Taken from the X server rather than WebKit's snapshot,
    /// which can stall after a re-render under Xvfb.
    pub async fn screenshot(&self, name: &str) {
        let path = output_dir().join(format!("{name}.png"));
        let status = bounded(
            "screenshot",
            tokio::process::Command::new("import")
                .args(["-window", "root"])
                .arg(&path)
                .status(),
        )
        .await
        .expect("run import (imagemagick)");
        assert!(status.success(), "screenshot {name} failed");
    }

    /// Calls one of the app's commands from the page, as the UI does.
    pub async fn invoke(&self, command: &str, args: Value) -> Value {
        match self.invoke_result(command, args).await {
            Ok(value) => value,
            Err(error) => panic!("{command} failed: {error}"),
        }
    }

    /// Calls a command as the page does; answers its value or its `{code, message, fields}`.
    pub async fn invoke_result(&self, command: &str, args: Value) -> Result<Value, Value> {
        let script = "const [command, args, done] = arguments;
            window.__TAURI__.core.invoke(command, args).then(
                (value) => done({ ok: value === undefined ? null : value }),
                (error) => done({ error }));";
        let answer = bounded(
            &format!("invoke {command}"),
            self.browser
                .execute_async(script, vec![json!(command), args]),
        )
        .await
        .expect("script ran");
        match answer.get("ok") {
            Some(value) => Ok(value.clone()),
            None => Err(answer["error"].clone()),
        }
    }

    /// Signs in through the form and waits for the signed-in view.
    pub async fn sign_in_as(&self, email: &str) {
        self.fill("Email", email).await;
        self.fill("Password", "frontdesk").await;
        self.click("Sign in").await;
        self.wait_for_text(&format!("Signed in as {email}")).await;
    }

    /// Signs a member in as a host at the demo space and waits for their screen.
    pub async fn sign_in_as_host(&self, email: &str) {
        self.fill("Email", email).await;
        self.fill("Password", "frontdesk").await;
        self.fill("Your space's web address", "shoreditch").await;
        self.click("Sign in").await;
        self.wait_for_text(&format!("Signed in as {email} in Host mode."))
            .await;
    }

    /// Every token the keyring holds for the app, read the way another program would.
    fn tokens_in_keyring() -> Vec<String> {
        let output = Command::new("secret-tool")
            .args([
                "search",
                "--all",
                "--unlock",
                "service",
                "app.frontdesk.reception",
            ])
            .output()
            .expect("secret-tool");
        let text = String::from_utf8_lossy(&output.stdout).into_owned();
        text.lines()
            .filter_map(|line| line.strip_prefix("secret = "))
            .filter_map(|json| serde_json::from_str::<Value>(json).ok())
            .flat_map(|stored| {
                ["access_token", "refresh_token"]
                    .into_iter()
                    .filter_map(|key| stored[key].as_str().map(str::to_string))
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    /// After a full run: the tokens are in the keyring and in no file the app wrote, nor in
    /// anything it logged.
    pub fn assert_no_tokens_outside_the_keyring(&self) {
        let tokens = Self::tokens_in_keyring();
        assert!(
            !tokens.is_empty(),
            "the signed-in session must be in the keyring"
        );
        let mut files = vec![self.log_path.clone()];
        let mut folders = vec![self.data_dir.clone()];
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(&folder).expect("data dir").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    folders.push(path);
                } else {
                    files.push(path);
                }
            }
        }
        assert!(files.len() > 1, "the app wrote its data: {files:?}");
        let logs: Vec<&PathBuf> = files
            .iter()
            .filter(|f| f.parent().is_some_and(|p| p.ends_with("logs")))
            .collect();
        // One file a day; a run that spans midnight (UTC, as the appender rotates) has two.
        let mut logs = logs;
        logs.sort();
        assert!(
            (1..=2).contains(&logs.len()),
            "one log file a day: {logs:?}"
        );
        let log = std::fs::read_to_string(logs[0]).expect("log");
        let first: Value = serde_json::from_str(log.lines().next().unwrap_or_default())
            .expect("the log file holds JSON lines");
        assert_eq!(first["fields"]["message"], "Front Desk starting");
        for file in &files {
            let text = String::from_utf8_lossy(&std::fs::read(file).expect("read")).into_owned();
            for token in &tokens {
                assert!(
                    !text.contains(token.as_str()),
                    "{} holds a token",
                    file.display()
                );
            }
        }
    }

    /// The app's data folder.
    pub fn data_dir(&self) -> &std::path::Path {
        &self.data_dir
    }

    pub async fn finish(self) {
        let _ = tokio::time::timeout(WAIT, self.browser.close()).await;
        let _ = std::fs::remove_dir_all(&self.data_dir);
        let _ = std::fs::remove_file(&self.log_path);
        let _ = std::fs::remove_dir_all(&self.export_dir);
        let _ = std::fs::remove_dir_all(&self.home);
    }
}

impl App {
    /// Stops the simulator: the desk is offline. Its data is kept for [`App::come_back`].
    pub async fn go_offline(&mut self) {
        let placeholder = nexudus_sim::start(StartOptions::default())
            .await
            .expect("placeholder sim");
        let running = std::mem::replace(&mut self.sim, placeholder);
        self.stopped = Some((running.sim.clone(), running.addr));
        running.stop().await;
    }

    /// Brings the stopped simulator back, with its data, at the same address.
    pub async fn come_back(&mut self) {
        let (state, addr) = self.stopped.take().expect("went offline first");
        self.sim = nexudus_sim::start_with(state, addr)
            .await
            .expect("back online");
    }

    /// Waits until the simulator's state satisfies `check`.
    pub async fn wait_for_sim(&self, what: &str, check: impl Fn(&Value) -> bool) -> Value {
        self.wait_for_sim_within(WAIT * 2, what, check).await
    }

    /// [`App::wait_for_sim`] with its own limit.
    pub async fn wait_for_sim_within(
        &self,
        limit: Duration,
        what: &str,
        check: impl Fn(&Value) -> bool,
    ) -> Value {
        let deadline = Instant::now() + limit;
        loop {
            let state = self.sim_get("/_sim/state").await;
            if check(&state) {
                return state;
            }
            assert!(Instant::now() < deadline, "the simulator never saw: {what}");
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    /// How many times the simulator notified a host that this visitor checked in.
    pub async fn host_notices(&self, visitor_id: i64) -> usize {
        self.sim_get("/_sim/state").await["notices"]
            .as_array()
            .expect("notices")
            .iter()
            .filter(|n| n["visitor_id"] == visitor_id)
            .count()
    }

    /// Adds a visitor for `host` at `business`, expected at `expected` (tests make the visitors
    /// they need relative to the moment they run); answers its id.
    pub async fn add_visitor(
        &self,
        name: &str,
        business: i64,
        host: i64,
        expected: chrono::DateTime<chrono::Utc>,
    ) -> i64 {
        let body = nexudus_sim::control::registered_visitor(name, business, host, expected);
        let created: Value = self
            .http
            .post(format!("{}/_sim/visitors", self.sim.base_url()))
            .json(&body)
            .send()
            .await
            .expect("add visitor")
            .json()
            .await
            .expect("added visitor");
        created["Id"].as_i64().expect("id")
    }

    pub async fn sim_get(&self, path: &str) -> Value {
        self.http
            .get(format!("{}{path}", self.sim.base_url()))
            .send()
            .await
            .expect("sim")
            .json()
            .await
            .expect("json")
    }

    /// Opens another desk: a second app, with its own data folder, on the same simulator.
    pub async fn open_another_desk(&self) -> Window {
        open_window(&self.sim.base_url(), &Launch::default()).await
    }

    pub async fn finish(self) {
        self.window.finish().await;
    }
}

/// The app the window tests drive: this build's, or the one `FRONTDESK_E2E_APP` names (the
/// benchmark times the UI in the release build a desk runs, not in the debug build).
fn app_binary() -> String {
    std::env::var("FRONTDESK_E2E_APP")
        .ok()
        .filter(|path| !path.is_empty())
        .unwrap_or_else(|| env!("CARGO_BIN_EXE_frontdesk").to_string())
}
