import { alerts, app, on, queue, recovery, session, settings } from "./api.js";
import { byId, setText, show } from "./dom.js";
import { EVENTS } from "./events.js";
import { startL10n, t } from "./l10n.js";
import { firstScreenPainted, mark, markPainted, reportWhenPainted } from "./startup.js";
import { enterBadgeSettings, mountBadge, printAfterCheckIn } from "./views/badge.js";
import { enterHost, focusUpcoming, mountHost, setMaxDates, showUpcoming, showUpcomingChanges } from "./views/host.js";
import { mountOnSite } from "./views/on-site.js";
import { focusScan } from "./views/scan.js";
import { currentBusiness, enterReception, focusVisitor, mountReception, prepareReception, setSignedOut, showChanges, showSyncStatus, showToday } from "./views/reception.js";
import { applyKiosk, enterSettings, kioskProof, mountSettings, showKioskPasswordProblem } from "./views/settings.js";
import { fillFromStatus, mountSignIn } from "./views/sign-in.js";
import { applyPolicy } from "./views/policy.js";
import { showRecovery } from "./views/recovery.js";
import { mountSync, showQueue, showSyncPanel } from "./views/sync.js";
import { mountUpdates } from "./views/updates.js";
import { enterVisitorLog, mountVisitorLog } from "./views/visitor-log.js";
import { mountWalkIn } from "./views/walk-in.js";

const SCREENS = ["reception-screen", "walk-in-screen", "on-site-screen", "log-screen", "host-screen", "sync-screen", "settings-screen"];
const HOME = { reception: "reception-screen", host: "host-screen" };

let mode = null;
let screen = null;
// Nexudus ended the session while the desk was in use: the screens stay, changes queue, and a
// banner with the sign-in form asks for a new sign-in.
let sessionLost = false;
let defaultServer = null;

function showNotice(error) {
  setText("notice", error?.message ?? "");
  show("notice", Boolean(error));
}

function navButtons() {
  return [...document.querySelectorAll("#sections button")];
}

// `keepFocus`: arrow keys in the tab strip keep the focus on the tab, as a tab strip should;
// opening Today any other way puts it in the scan field, ready for a scanner.
function showScreen(id, { keepFocus = false } = {}) {
  screen = id;
  for (const other of SCREENS) show(other, other === id);
  for (const tab of navButtons()) {
    if (tab.dataset.screen === id) tab.setAttribute("aria-current", "page");
    else tab.removeAttribute("aria-current");
  }
  if (id === "reception-screen" && !keepFocus) focusScan();
  if (id === "sync-screen") showQueue();
  if (id === "log-screen") enterVisitorLog();
  if (id === "settings-screen") {
    enterSettings();
    if (mode === "reception") enterBadgeSettings();
  }
}

function waitingCount(sync) {
  const counts = sync?.counts ?? {};
  return (counts.pending ?? 0) + (counts.inFlight ?? 0) + (counts.uncertain ?? 0);
}

function showSessionLost(sync) {
  if (!sessionLost) return;
  const waiting = waitingCount(sync);
  setText("session-lost", waiting ? t("main-session-lost-waiting", { count: waiting }) : t("main-session-lost"));
}

// Where passwords go, when it is not Nexudus's own server: said in the header at all times.
function showServer(server) {
  const trim = (url) => String(url ?? "").replace(/\/+$/, "");
  const custom = Boolean(server) && Boolean(defaultServer) && trim(server) !== trim(defaultServer);
  setText("server-chip-address", custom ? trim(server) : "");
  show("server-chip", custom);
}

function render(status) {
  showServer(status.server);
  const lost = !status.signedIn && Boolean(status.sessionLost);
  sessionLost = lost;
  setSignedOut(lost);
  show("session-lost", lost);
  show("sign-in-screen", !status.signedIn);
  setText("sign-in-title", lost ? t("main-sign-in-again-title") : t("page-sign-in-title"));
  show("session-chip", status.signedIn || lost);
  show("sections", status.signedIn || lost);
  if (lost) {
    fillFromStatus(status);
    setText("session-summary", t("main-session-summary-lost", { email: status.email }));
    queue.status().then(showSessionLost, () => showSessionLost(null));
    // The screens stay as they are; a desk that starts with a lost session opens its home.
    if (mode === status.mode) return;
  }
  if (!status.signedIn && !lost) {
    mode = null;
    for (const id of SCREENS) show(id, false);
    fillFromStatus(status);
    byId("email").focus();
    firstScreenPainted();
    return;
  }
  if (!lost) showNotice(null);
  // The catalog picks the mode's words from $mode ("reception", "host"; anything else: "—").
  if (!lost) setText("session-summary", t("main-session-summary", { email: status.email, mode: String(status.mode ?? "") }));
  setText("home-summary", t("main-home-summary", { email: status.email }));
  show("mode-choice", status.roles.reception && status.roles.host);
  show("settings-location-group", status.mode === "reception");
  show("badge-settings", status.mode === "reception");
  for (const radio of document.querySelectorAll('input[name="mode"]')) radio.checked = radio.value === status.mode;
  for (const tab of navButtons()) tab.hidden = Boolean(tab.dataset.mode) && tab.dataset.mode !== status.mode;
  const modeChanged = mode !== status.mode;
  mode = status.mode;
  if (modeChanged || !screen || byId(screen).hidden) showScreen(HOME[status.mode] ?? "settings-screen");
  if (status.mode === "reception") enterReception();
  if (status.mode === "host") enterHost();
  queue
    .status()
    .then((sync) => {
      showSyncStatus(sync);
      showSyncPanel(sync);
    })
    .catch(() => {});
}

// Every arrival is shown here too; when the desktop could not show it, this is the only notice.
function showArrival(announcement) {
  setText("arrival-title", announcement.title);
  const shown = announcement.delivered || announcement.muted;
  setText("arrival-body", shown ? announcement.body : t("main-arrival-not-shown", { body: announcement.body }));
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
  for (const type of ["pointerdown", "keydown"]) window.addEventListener(type, report, { passive: true });
}

// The walk-in form's suggested reasons are typed into the field as they are, so each
// suggestion's value (not only its label) is the desk's language.
function translateReasons() {
  const reasons = {
    Meeting: t("page-walk-in-reason-meeting"),
    Interview: t("page-walk-in-reason-interview"),
    Delivery: t("page-walk-in-reason-delivery"),
    Tour: t("page-walk-in-reason-tour"),
  };
  for (const option of byId("walk-in-reasons")?.options ?? []) {
    const text = reasons[option.value];
    // Without a catalog t() answers the id: the English stays then.
    if (text && !text.startsWith("page-walk-in-reason-")) option.value = text;
  }
}

function mountNavigation() {
  for (const tab of navButtons()) tab.addEventListener("click", () => showScreen(tab.dataset.screen));
  // Arrow keys move between sections, as in a tab strip.
  byId("sections").addEventListener("keydown", (event) => {
    if (event.key !== "ArrowRight" && event.key !== "ArrowLeft") return;
    const tabs = navButtons().filter((tab) => !tab.hidden);
    const at = tabs.indexOf(document.activeElement);
    if (at < 0) return;
    const next = tabs[(at + (event.key === "ArrowRight" ? 1 : tabs.length - 1)) % tabs.length];
    showScreen(next.dataset.screen, { keepFocus: true });
    next.focus();
  });
}

async function start() {
  markPainted("first_paint");
  // What the first screen needs is asked at once: each answer is a round trip to Rust, and
  // one after the other they were most of the time before the first row. The catalog first:
  // the page is translated before any screen shows.
  const wordsLoaded = startL10n();
  const problemAsked = recovery.problem().catch(() => null);
  // Answers kept as values: on the recovery screen nobody awaits them.
  const infoAsked = app.info().then((value) => ({ value }), (error) => ({ error }));
  const preferencesAsked = settings.get().catch(() => ({}));
  // The policy writes sentences of its own (locked settings, a problem), so it waits for the
  // catalog.
  const policyApplied = wordsLoaded.then(applyPolicy).catch(() => {});
  prepareReception();
  // A data folder that could not be opened: only the recovery screen, nothing else runs.
  await wordsLoaded;
  translateReasons();
  const problem = await problemAsked;
  if (problem) {
    showRecovery(problem);
    return;
  }
  let info = {};
  try {
    const answer = await infoAsked;
    if (answer.error) throw answer.error;
    info = answer.value;
    defaultServer = info.defaultServer;
    setMaxDates(info.maxDates);
    setText("app-version", info.version);
    setText("app-server", info.server);
    if (info.demo) {
      setText("server-address", info.server);
      show("demo-banner", true);
    }
  } catch (error) {
    showNotice(error);
  }
  reportWhenPainted(info.milestones);
  // Kiosk mode is known before the sign-in form shows (it hides the server field).
  applyKiosk((await preferencesAsked).kiosk);
  await policyApplied;
  mountSignIn(render);
  mountNavigation();
  byId("sign-out").addEventListener("click", async () => {
    try {
      const { password, code } = kioskProof();
      const status = await session.signOut(password, code, byId("sign-out-remove").checked, byId("sign-out-export").checked);
      byId("sign-out-remove").checked = false;
      byId("sign-out-export").checked = false;
      showKioskPasswordProblem(null);
      render(status);
    } catch (error) {
      if (!showKioskPasswordProblem(error)) showNotice(error);
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
  watchForActivity();
  mountBadge(showNotice);
  mountVisitorLog(showNotice);
  await mountReception(showNotice, {
    printBadge: async (visitor, how) => {
      const line = await printAfterCheckIn(visitor, currentBusiness(), how);
      setText("badge-line", line ?? "");
      show("badge-line", Boolean(line));
    },
  });
  mountWalkIn(showNotice);
  mountOnSite(showNotice);
  mountHost(showNotice);
  mountSync(showNotice);
  mountSettings(showNotice);
  mountUpdates(showNotice).catch(() => {});
  // The lists of the current mode follow arrivals and finished syncs (the other mode's list
  // is read when its screen opens).
  const refreshList = () => (mode === "host" ? showUpcoming() : showToday()).catch(() => {});
  await Promise.all([
    on(EVENTS.arrival, (announcement) => {
      showArrival(announcement);
      refreshList();
    }),
    // What other desks, kiosks, the admin panel and hosts did, as the last poll found it.
    on(EVENTS.listChanged, (changed) => {
      const changes = changed?.changes ?? [];
      const shown = mode === "host" ? showUpcomingChanges(changes) : mode === "reception" ? showChanges(changes) : null;
      shown?.catch(() => {});
    }),
    on(EVENTS.queueChanged, (status) => {
      showSyncStatus(status);
      showSyncPanel(status);
      showSessionLost(status);
      if (screen === "sync-screen") showQueue();
      if (status.state === "idle") refreshList();
    }),
    on(EVENTS.showVisitor, (id) => {
      showScreen(HOME[mode] ?? "settings-screen");
      if (mode === "reception") focusVisitor(id);
      if (mode === "host") showUpcoming().then(() => focusUpcoming(id), () => focusUpcoming(id));
    }),
    on(EVENTS.sessionChanged, render),
    on(EVENTS.notice, showNotice),
  ]);
  // Asked only now, with every listener in place: a sign-in finishing in between (the demo's)
  // is then either in this answer or in an event, never lost.
  try {
    const status = await session.status();
    mark("session_known");
    render(status);
  } catch (error) {
    showNotice(error);
    firstScreenPainted();
  }
}

start();
