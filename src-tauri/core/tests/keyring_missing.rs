//! Without a Secret Service, saving a sign-in fails with a message that says what to install,
//! and nothing is written anywhere else. One test in its own binary: it changes the process's
//! D-Bus address.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use frontdesk_core::secrets::{
    AccountKey, KeyringStore, Secret, SecretError, SecretStore, TokenSet,
};

struct Daemon(Child);

impl Drop for Daemon {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn try_save() -> SecretError {
    let store = KeyringStore::with_service("app.frontdesk.test.missing");
    let account = AccountKey {
        server: "spaces.nexudus.com".into(),
        email: "reception@frontdesk.test".into(),
    };
    let tokens = TokenSet {
        access_token: Secret::new("a"),
        refresh_token: Secret::new("r"),
        expires_at: chrono::Utc::now(),
        client_id: "c".into(),
    };
    assert!(store.load(&account).is_err(), "nothing to load from");
    store
        .save(&account, &tokens)
        .expect_err("no keyring to save into")
}

fn assert_tells_what_to_install(error: &SecretError) {
    assert!(
        matches!(error, SecretError::Unavailable { .. }),
        "{error:?}"
    );
    let message = error.to_string();
    assert!(message.contains("No keyring is available"), "{message}");
    assert!(message.contains("gnome-keyring"), "{message}");
}

#[test]
fn no_secret_service_gives_a_clear_message() {
    // No bus at all.
    std::env::set_var(
        "DBUS_SESSION_BUS_ADDRESS",
        "unix:path=/nonexistent/frontdesk-test-bus",
    );
    assert_tells_what_to_install(&try_save());

    // A session bus with no Secret Service on it.
    let mut daemon = Daemon(
        Command::new("dbus-daemon")
            .args(["--session", "--nofork", "--print-address=1"])
            .stdout(Stdio::piped())
            .spawn()
            .expect("start a bare dbus-daemon"),
    );
    let mut address = String::new();
    BufReader::new(daemon.0.stdout.take().expect("stdout"))
        .read_line(&mut address)
        .expect("bus address");
    std::env::set_var("DBUS_SESSION_BUS_ADDRESS", address.trim());
    assert_tells_what_to_install(&try_save());
}
