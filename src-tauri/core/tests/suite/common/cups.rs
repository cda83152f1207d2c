//! A real CUPS for the badge tests: a private `cupsd` on a socket in a temporary folder, with
//! one virtual PDF printer (Debian's `printer-driver-cups-pdf`) whose output lands in a folder
//! the test reads. Nothing of the machine's own CUPS is used or changed, beyond one cups-pdf
//! configuration file named after this run, removed at the end.
//!
//! The cups-pdf backend runs only as root (its mode is 0700), so outside CI a test run by
//! another user says so and skips; CI runs as root and always runs it.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct PrivateCups {
    dir: PathBuf,
    cupsd: Child,
    backend_conf: PathBuf,
    pub socket: PathBuf,
    pub out: PathBuf,
    pub printer: String,
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

impl PrivateCups {
    /// Starts the scheduler and adds the printer; `None` (said on stderr) where this user
    /// cannot run the PDF backend and this is not CI.
    pub fn start(printer: &str) -> Option<PrivateCups> {
        if !is_root() {
            assert!(
                std::env::var_os("CI").is_none(),
                "the CUPS test needs root in CI (the cups-pdf backend runs only as root)"
            );
            eprintln!("skipped: the cups-pdf backend runs only as root");
            return None;
        }
        let tag = format!(
            "fd{}x{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.subsec_nanos())
                .unwrap_or_default()
        );
        let dir = std::env::temp_dir().join(format!("frontdesk-cups-{tag}"));
        for sub in ["spool", "cache", "state", "tmp", "log", "out", "ppd"] {
            std::fs::create_dir_all(dir.join(sub)).expect("cups folder");
        }
        // Filters run as the unprivileged `lp` user and write their temporary files here.
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir.join("tmp"), std::fs::Permissions::from_mode(0o1777))
            .expect("temporary folder for the filters");
        let socket = dir.join("cups.sock");
        let out = dir.join("out");
        let d = dir.display();
        std::fs::write(
            dir.join("cupsd.conf"),
            format!(
                "Listen {}\nLogLevel warn\nWebInterface No\nMaxJobTime 60\n\
                 <Location />\n  Order allow,deny\n  Allow all\n</Location>\n\
                 <Location /admin>\n  Order allow,deny\n  Allow all\n</Location>\n",
                socket.display()
            ),
        )
        .expect("cupsd.conf");
        std::fs::write(
            dir.join("cups-files.conf"),
            format!(
                "ServerRoot {d}\nRequestRoot {d}/spool\nCacheDir {d}/cache\nStateDir {d}/state\n\
                 TempDir {d}/tmp\nErrorLog {d}/log/error_log\nAccessLog {d}/log/access_log\n\
                 PageLog {d}/log/page_log\nServerBin /usr/lib/cups\nDataDir /usr/share/cups\n\
                 Printcap\nSystemGroup root\n"
            ),
        )
        .expect("cups-files.conf");
        // cups-pdf reads /etc/cups/cups-pdf-<instance>.conf for the URI cups-pdf:/<instance>.
        let backend_conf = PathBuf::from(format!("/etc/cups/cups-pdf-{tag}.conf"));
        std::fs::write(
            &backend_conf,
            format!(
                // Label 1: each file is named after its job, so badges for one visitor do
                // not overwrite each other.
                "Out {}\nAnonDirName {}\nLog {d}/log\nGrp root\nLabel 1\n",
                out.display(),
                out.display()
            ),
        )
        .expect("cups-pdf configuration (the test runs as root)");
        let cupsd = Command::new("cupsd")
            .arg("-f")
            .arg("-c")
            .arg(dir.join("cupsd.conf"))
            .arg("-s")
            .arg(dir.join("cups-files.conf"))
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("cupsd (Debian cups, installed by scripts/setup.sh)");
        let cups = PrivateCups {
            dir,
            cupsd,
            backend_conf,
            socket,
            out,
            printer: printer.to_string(),
        };
        let deadline = Instant::now() + Duration::from_secs(20);
        while !cups.command("lpstat").arg("-r").output().is_ok_and(|o| {
            o.status.success() && String::from_utf8_lossy(&o.stdout).contains("is running")
        }) {
            assert!(Instant::now() < deadline, "cupsd did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        let added = cups
            .command("lpadmin")
            .args(["-p", printer, "-E", "-v"])
            .arg(format!("cups-pdf:/{tag}"))
            .args(["-P", "/usr/share/ppd/cups-pdf/CUPS-PDF_noopt.ppd"])
            .output()
            .expect("lpadmin");
        assert!(added.status.success(), "lpadmin: {added:?}");
        Some(cups)
    }

    /// A CUPS command that talks to this scheduler.
    pub fn command(&self, program: &str) -> Command {
        let mut command = Command::new(program);
        command.env("CUPS_SERVER", &self.socket).env("LC_ALL", "C");
        command
    }

    /// `CUPS_SERVER` for a process that should print here.
    pub fn server(&self) -> String {
        self.socket.display().to_string()
    }

    /// Stops the printer, as an empty label roll or a person in the printer settings does.
    pub fn stop_printer(&self, reason: &str) {
        let stopped = self
            .command("cupsdisable")
            .args(["-r", reason, &self.printer])
            .output()
            .expect("cupsdisable");
        assert!(stopped.status.success(), "cupsdisable: {stopped:?}");
    }

    /// The PDF files the printer has written, oldest first.
    pub fn printed(&self) -> Vec<PathBuf> {
        printed_in(&self.out)
    }
}

/// The PDF files in a printer's output folder, oldest first.
pub fn printed_in(out: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(out)
        .map(|entries| entries.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "pdf"));
    files.sort_by_key(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok());
    files
}

/// Waits (blocking) until `count` complete PDF files are in `out`; answers them.
pub fn wait_for_printed_in(out: &Path, count: usize) -> Vec<PathBuf> {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let files = printed_in(out);
        // cups-pdf writes the file in place: wait until each ends like a PDF.
        let complete = files.iter().all(|f| {
            std::fs::read(f)
                .is_ok_and(|bytes| bytes.windows(5).rev().take(64).any(|w| w == b"%%EOF"))
        });
        if files.len() >= count && complete {
            return files;
        }
        assert!(
            Instant::now() < deadline,
            "the printer wrote {} of {count} file(s)",
            files.len()
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// The QR codes on a printed page, as zbarimg reads them from the page at 300 dpi.
pub fn qr_codes_in(pdf: &Path) -> Vec<String> {
    let prefix = pdf.with_extension("page");
    let rendered = Command::new("pdftoppm")
        .args(["-r", "300", "-png", "-singlefile"])
        .arg(pdf)
        .arg(&prefix)
        .output()
        .expect("pdftoppm (Debian poppler-utils)");
    assert!(rendered.status.success(), "pdftoppm: {rendered:?}");
    // pdftoppm adds ".png" to the prefix it is given.
    let image = PathBuf::from(format!("{}.png", prefix.display()));
    let decoded = Command::new("zbarimg")
        .args(["--raw", "-q", "-Sdisable", "-Sqrcode.enable"])
        .arg(&image)
        .output()
        .expect("zbarimg (Debian zbar-tools)");
    assert!(
        decoded.status.success() || decoded.status.code() == Some(4),
        "zbarimg: {decoded:?}"
    );
    String::from_utf8_lossy(&decoded.stdout)
        .lines()
        .map(str::to_string)
        .collect()
}

impl Drop for PrivateCups {
    fn drop(&mut self) {
        let _ = self.cupsd.kill();
        let _ = self.cupsd.wait();
        let _ = std::fs::remove_file(&self.backend_conf);
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
