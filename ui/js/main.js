import { alerts, app, on, session } from "./api.js";
import { byId, setText, show } from "./dom.js";
import { enterReception, focusVisitor, mountReception, showSyncStatus, showToday } from "./views/reception.js";
import { enterHost, mountHost, showUpcoming } from "./views/host.js";
import { fillFromStatus, mountSignIn } from "./views/sign-in.js";

const MODE_NAMES = { reception: "Reception", host: "Host" };

function showNotice(error) {
  setText("notice", error?.message ?? "");
  show("notice", Boolean(error));
}

function render(status) {
  const reception = status.signedIn && status.mode === "reception";
  const host = status.signedIn && status.mode === "host";
  show("host-screen", host);
  show("sign-in-screen", !status.signedIn);
  show("reception-screen", reception);
  show("home-screen", status.signedIn);
  show("session-chip", status.signedIn);
  if (!status.signedIn) {
    fillFromStatus(status);
    byId("email").focus();
    return;
  }
  showNotice(null);
  setText("session-email", status.email);
  const mode = MODE_NAMES[status.mode] ?? "—";
  setText("home-summary", `Signed in as ${status.email} in ${mode} mode.`);
  const both = status.roles.reception && status.roles.host;
  show("mode-choice", both);
  for (const radio of document.querySelectorAll('input[name="mode"]')) {
    radio.checked = radio.value === status.mode;
  }
  if (reception) enterReception();
  if (host) enterHost();
}

// Every arrival is shown here too; when the desktop could not show it, this is the only notice.
function showArrival(announcement) {
  setText("arrival-title", announcement.title);
  const missed = announcement.delivered ? "" : "\n(Desktop notifications are not available on this computer.)";
  setText("arrival-body", `${announcement.body}${missed}`);
  show("arrival-banner", true);
}

// Tells the core a person is here, so arrival checks slow down only when nobody is.
function watchForActivity() {
  let last = 0;
  const report = () => {
    const now = Date.now();
    if (now - last < 30_000) return;
    last = now;
    alerts.userActive().catch(() => {});
  };
  for (const type of ["pointerdown", "keydown"]) {
    window.addEventListener(type, report, { passive: true });
  }
}

async function start() {
  try {
    const info = await app.info();
    if (info.demo) {
      setText("server-address", info.server);
      show("demo-banner", true);
    }
  } catch (error) {
    showNotice(error);
  }
  mountSignIn(render);
  byId("sign-out").addEventListener("click", async () => {
    try {
      render(await session.signOut());
    } catch (error) {
      showNotice(error);
    }
  });
  for (const radio of document.querySelectorAll('input[name="mode"]')) {
    radio.addEventListener("change", async () => {
      try {
        render(await session.setMode(radio.value));
      } catch (error) {
        showNotice(error);
      }
    });
  }
  byId("test-notification").addEventListener("click", async () => {
    setText("test-notification-result", "Sending…");
    try {
      await alerts.sendTest();
      setText("test-notification-result", "Sent. You should see it on your desktop.");
    } catch (error) {
      setText("test-notification-result", error.message);
    }
  });
  watchForActivity();
  await mountReception(showNotice);
  mountHost(showNotice);
  await on("arrival", (announcement) => {
    showArrival(announcement);
    showToday().catch(showNotice);
    showUpcoming().catch(() => {});
  });
  await on("queue-changed", (status) => {
    showSyncStatus(status);
    if (status.state === "idle") {
      showToday().catch(() => {});
      showUpcoming().catch(() => {});
    }
  });
  await on("show-visitor", focusVisitor);
  await on("session-changed", render);
  await on("notice", showNotice);
  try {
    render(await session.status());
  } catch (error) {
    showNotice(error);
  }
}

start();
