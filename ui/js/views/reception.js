// Reception's dashboard: today's visitors in three groups, search as you type, one-click
// check in and out, an arrivals-by-hour chart. Every server string is set with textContent.
//
// The day is kept in Rust, not here: the window asks for what it shows (each group's first
// page of matches, the counts, the chart) and pages on "Show more", on scroll and on search.
// A big day (thousands of visitors) costs the page only the rows on screen.
import { desk, queue } from "../api.js";
import { setL10n, t, tAttr } from "../l10n.js";
import { button, byId, displayZoneName, element, fillOptions, localTime, onAction, onConfirmedAction, setDisplayZone, setText, show, syncChildren } from "../dom.js";
import { drawChart } from "./chart.js";
import { openBadge } from "./badge.js";
import { focusScan, mountScan } from "./scan.js";
import { afterPaint, firstScreenPainted, mark, markPainted } from "../startup.js";

// Each group: its list, its count, and its name in the view Rust sends.
const GROUPS = [
  { presence: "expected", list: "expected-list", count: "expected-count", key: "expected" },
  { presence: "on_site", list: "onsite-list", count: "onsite-count", key: "onSite" },
  { presence: "left", list: "left-list", count: "left-count", key: "left" },
];
// Rows a group shows at first and each "Show more" adds (the core's PAGE_ROWS).
const PAGE_ROWS = 100;
// Rows a group shows in the very first frame at start: about a screenful.
const SCREEN_ROWS = 20;
// The host's answer, said on the row (functions: the catalog is read after this module).
const APPROVALS = {
  requested: () => t("reception-approval-requested"),
  rejected: () => t("reception-approval-rejected"),
  accepted_and_hold: () => t("reception-approval-accepted-and-hold"),
  accepted_and_grant: () => t("reception-approval-accepted-and-grant"),
};

// What someone else did to a row, said on it for a while so the receptionist sees why it moved.
const ELSEWHERE = {
  added: () => t("reception-elsewhere-added"),
  checked_in: () => t("reception-elsewhere-checked-in"),
  checked_out: () => t("reception-elsewhere-checked-out"),
  approval: () => t("reception-elsewhere-approval"),
  updated: () => t("reception-elsewhere-updated"),
};
const MARK_MS = 20_000;

let business = null;
// The view last drawn, and the rows it shows keyed by visitor, so a redraw rebuilds only the
// rows that changed.
let view = null;
let rows = new Map();
let limits = firstPages();
const marks = new Map();
let signedOut = false;
let onError = () => {};
const listeners = new Set();
// Answers are drawn in the order they were asked: one that comes back after a later one was
// drawn is dropped (and a dropped fresh read is asked again, so nothing it saw is lost).
let asked = 0;
let drawn = 0;
let firstListDrawn = false;
let startAsked = false;

function firstPages() {
  return { expected: PAGE_ROWS, onSite: PAGE_ROWS, left: PAGE_ROWS };
}

export const currentBusiness = () => business;

/** Calls `handler()` whenever today's list was read again (the on-site screen follows it). */
export function onTodayChanged(handler) {
  listeners.add(handler);
}


function badge(text, kind) {
  return element("span", `badge badge-${kind}`, text);
}

function reference(visitor) {
  return { id: visitor.id ?? null, queuedId: visitor.queuedId ?? null };
}

// `text` on the button, `label` its accessible name (which names the visitor).
function actionButton(text, label, visitor, action) {
  const control = button(text, "button-secondary", label);
  onAction(control, async () => {
    await action(reference(visitor));
    await showToday();
  }, onError);
  return control;
}

// The host's three answers, given at the desk for a host who has not answered.
function approvalButtons(visitor) {
  const name = { name: visitor.fullName };
  // The message names the button, its accessible name and its tooltip.
  const answer = (id, choice) => {
    const button = actionButton(t(id), tAttr(id, "aria-label", name), visitor, (ref) => desk.answerApproval(ref, choice));
    button.title = tAttr(id, "title");
    return button;
  };
  const approve = answer("reception-approve", "approve_and_hold");
  const sendUp = answer("reception-send-up", "approve_and_send_up");
  const confirm = {
    text: t("reception-decline"),
    label: tAttr("reception-decline", "aria-label", name),
    confirmText: t("reception-decline-confirm"),
    confirmLabel: tAttr("reception-decline-confirm", "aria-label", name),
  };
  const decline = button(confirm.text, "button-secondary", confirm.label);
  onConfirmedAction(decline, confirm, async () => {
    await desk.answerApproval(reference(visitor), "decline");
    await showToday();
  }, onError);
  return [approve, sendUp, decline];
}

let onCheckedIn = async () => {};

async function checkIn(visitor) {
  await desk.checkIn(reference(visitor));
  await showToday();
  // The row as it is now (a walk-in may have its server id by now), for the badge.
  const now = await desk.todayVisitor(business, reference(visitor)).catch(() => visitor);
  await onCheckedIn(now);
}

// Checking in someone the host declined, or has not answered for, takes a second click that
// says so (its text, and its accessible name naming the visitor).
const UNAPPROVED = {
  rejected: (name) => ({
    confirmText: t("reception-check-in-confirm-rejected"),
    confirmLabel: tAttr("reception-check-in-confirm-rejected", "aria-label", { name }),
  }),
  requested: (name) => ({
    confirmText: t("reception-check-in-confirm-requested"),
    confirmLabel: tAttr("reception-check-in-confirm-requested", "aria-label", { name }),
  }),
};

function checkInButton(visitor) {
  const text = t("reception-check-in");
  const label = tAttr("reception-check-in", "aria-label", { name: visitor.fullName });
  const control = button(text, "button-secondary", label);
  const unapproved = UNAPPROVED[visitor.approval]?.(visitor.fullName);
  if (!unapproved) {
    onAction(control, () => checkIn(visitor), onError);
    return control;
  }
  const confirm = { text, label, ...unapproved };
  onConfirmedAction(control, confirm, () => checkIn(visitor), onError);
  return control;
}

function row(visitor) {
  const item = element("li", "visitor");
  if (visitor.id != null) item.dataset.visitorId = String(visitor.id);
  const state = visitor.presence;
  const shownTime = state === "expected" ? visitor.expectedAt : state === "on_site" ? visitor.arrivedAt : visitor.departedAt;
  const when = element("span", "visitor-time", localTime(shownTime));

  const who = element("div");
  const name = element("div", "visitor-name", visitor.fullName);
  if (visitor.pending) name.append(badge(signedOut ? t("reception-pending-sign-in") : t("reception-pending-sync"), "pending"));
  const mark = visitor.id != null ? marks.get(visitor.id) : null;
  if (mark) {
    name.append(badge(mark.text, "elsewhere"));
    item.classList.add("changed-elsewhere");
  }
  if (visitor.needsAttention) name.append(badge(t("reception-needs-attention"), "attention"));
  if (visitor.approval && APPROVALS[visitor.approval]) name.append(badge(APPROVALS[visitor.approval](), "approval"));
  const meta = element(
    "div",
    "visitor-meta",
    [
      visitor.hostName && t("reception-row-host", { name: visitor.hostName }),
      visitor.company,
      // A string: a code is not a number to format ("012345", no grouping).
      visitor.visitorCode && t("reception-row-code", { code: String(visitor.visitorCode) }),
    ]
      .filter(Boolean)
      .join(" · "),
  );
  who.append(name, meta);

  const actions = element("div", "visitor-actions");
  if (state === "expected" && visitor.approval === "requested") actions.append(...approvalButtons(visitor));
  if (state === "expected") actions.append(checkInButton(visitor));
  if (state === "on_site") {
    actions.append(
      actionButton(t("reception-check-out"), tAttr("reception-check-out", "aria-label", { name: visitor.fullName }), visitor, desk.checkOut),
    );
    const print = button(t("reception-badge"), "button-quiet-dark", tAttr("reception-badge", "aria-label", { name: visitor.fullName }));
    print.addEventListener("click", () => openBadge(visitor, business));
    actions.append(print);
  }
  item.append(when, who, actions);
  return item;
}

// "Show more" pages on click, and on its own when scrolled near the end of its list (each
// list scrolls by itself, so each has its own observer).
const pagers = new Map();
// After a page a person asked for with the keyboard, the focus moves to its first new row.
let focusAfterPage = null;

function pagerOf(list) {
  if (!("IntersectionObserver" in window)) return null;
  let pager = pagers.get(list);
  if (!pager) {
    pager = new IntersectionObserver((entries) => {
      for (const entry of entries) if (entry.isIntersecting && entry.target.isConnected) entry.target.click();
    }, { root: list, rootMargin: "200px" });
    pagers.set(list, pager);
  }
  return pager;
}

function showMoreButton(group, shown) {
  const hidden = shown.matches - shown.rows.length;
  const item = element("li", "more");
  const more = button(t("reception-show-more", { count: Math.min(hidden, PAGE_ROWS), total: hidden }), "button-secondary");
  more.addEventListener("click", () => {
    if (!more.isConnected || more.dataset.asked) return;
    more.dataset.asked = "yes";
    if (more.matches(":focus")) focusAfterPage = { group: group.key, index: shown.rows.length };
    // From what is shown, so a late or repeated click never skips a page.
    limits[group.key] = shown.rows.length + PAGE_ROWS;
    redraw().catch(onError);
  });
  item.append(more);
  const pager = pagerOf(byId(group.list));
  if (pager) {
    pager.observe(more);
    observed.push([pager, more]);
  }
  return item;
}

let observed = [];

function rowKey(visitor, index) {
  if (visitor.id != null) return `id:${visitor.id}`;
  return visitor.queuedId ? `queued:${visitor.queuedId}` : `at:${index}`;
}

// Everything a row shows: the same fingerprint means the same row, reused as it is.
function fingerprint(visitor) {
  const mark = visitor.id != null ? marks.get(visitor.id)?.text : "";
  return `${JSON.stringify(visitor)}|${mark ?? ""}|${signedOut}|${displayZoneName()}`;
}

/** Draws a view: reuses the rows that did not change, builds the rest. */
function draw(next, { fresh = false, screenful = false } = {}) {
  const started = performance.now();
  view = next;
  const previous = rows;
  rows = new Map();
  for (const [pager, more] of observed) pager.unobserve(more);
  observed = [];
  for (const group of GROUPS) {
    const shown = view[group.key];
    const nodes = shown.rows.map((visitor, index) => {
      let key = rowKey(visitor, index);
      if (rows.has(key)) key = `${key}#${group.key}${index}`;
      const print = fingerprint(visitor);
      const before = previous.get(key);
      const node = before && before.print === print ? before.node : row(visitor);
      rows.set(key, { node, print, visitor });
      return node;
    });
    // A screenful at start is followed at once by the first page: no "Show more" to page it.
    if (shown.more && !screenful) nodes.push(showMoreButton(group, shown));
    syncChildren(byId(group.list), nodes);
    setText(group.count, `(${shown.matches})`);
    if (focusAfterPage?.group === group.key && nodes[focusAfterPage.index]) {
      const first = nodes[focusAfterPage.index];
      (first.querySelector("button") ?? first).focus();
      focusAfterPage = null;
    }
  }
  setL10n(byId("on-site-line"), "reception-on-site-line", { count: view.onSiteNow });
  drawChart(view.arrivals);
  if (fresh) for (const listener of listeners) listener();
  performance.measure("today-render", { start: started });
  if (view.total && !firstListDrawn) {
    firstListDrawn = true;
    mark("list_built");
    // Style and layout now rather than at the next frame, once: the start-up timeline then
    // tells layout from painting (the frame computes it anyway).
    void document.body.offsetHeight;
    mark("list_laid_out");
    markPainted("list_painted", "list_frame");
  }
  firstScreenPainted();
}

// The search of the last query built, and of the view on screen (as Rust compares: trimmed,
// lower case).
let querySearch = null;
let drawnSearch = null;
const needleOf = (text) => String(text ?? "").trim().toLowerCase();

function query(extra = {}) {
  const built = { search: byId("search").value, limits, ...extra };
  querySearch = needleOf(built.search);
  return built;
}

/** Asks for a view and draws it, unless a later answer was drawn first. */
async function ask(fetch, { fresh, screenful = false }) {
  const number = ++asked;
  querySearch = null;
  const asking = fetch();
  const search = querySearch;
  const answer = await asking;
  // A search answer with a later request on its way, or for text no longer in the field, is
  // not drawn: while someone types, the page draws only what they typed last.
  const superseded = !fresh && (number < asked || (search !== null && search !== needleOf(byId("search").value)));
  if (number < drawn || superseded) {
    // What a fresh read saw is kept in Rust: drawn again from there, after the later answer.
    if (fresh) await ask(() => desk.today(business, query(), false), { fresh });
    return null;
  }
  drawn = number;
  drawnSearch = search;
  draw(answer, { fresh, screenful });
  return answer;
}

// What a search looks in, as Rust's index has it (desk/today_view.rs).
const haystack = (visitor) =>
  [visitor.fullName, visitor.email, visitor.company, visitor.hostName, visitor.visitorCode].filter(Boolean).join(" ").toLowerCase();

/**
 * A search narrowed (a key added to the text) while every match of the drawn one is on screen:
 * its rows are a subset of those, filtered here at once. Rust's answer follows and confirms.
 */
function narrowedView(text) {
  const needle = needleOf(text);
  if (!view || drawnSearch === null || needle === drawnSearch || !needle.includes(drawnSearch)) return null;
  if (GROUPS.some((group) => view[group.key].matches !== view[group.key].rows.length)) return null;
  const next = { ...view };
  for (const group of GROUPS) {
    const rows = view[group.key].rows.filter((visitor) => haystack(visitor).includes(needle));
    next[group.key] = { ...view[group.key], rows, matches: rows.length, more: false };
  }
  drawnSearch = needle;
  return next;
}

/** Draws the day as last read, with the search and pages as they are now. */
async function redraw(extra = {}) {
  if (business == null) return null;
  return ask(() => desk.today(business, query(extra), false), { fresh: false });
}

// One search at a time goes to Rust: keys typed while it is answered (a fast typist, a
// scanner typing into the field) wait for it and go as one search for the latest text, so the
// last key is drawn after at most two answers instead of after one per key.
let searching = false;
let keyWaiting = null;

async function applySearch() {
  // `drawn`: the key's rows are on screen (timings for the benchmarks, and anyone profiling a
  // big day in the inspector, measure from the key to its rows drawn).
  const key = { at: performance.now(), drawn: false };
  // A new search starts from each group's first page.
  limits = firstPages();
  const narrowed = narrowedView(byId("search").value);
  if (narrowed) {
    draw(narrowed);
    key.drawn = true;
    performance.measure("today-filter", { start: key.at });
  }
  if (searching) {
    keyWaiting = { at: keyWaiting?.at ?? key.at, drawn: key.drawn };
    return;
  }
  searching = true;
  try {
    let current = key;
    for (;;) {
      await redraw().catch(onError);
      if (!current.drawn) performance.measure("today-filter", { start: current.at });
      if (keyWaiting == null) break;
      current = keyWaiting;
      keyWaiting = null;
    }
  } finally {
    searching = false;
  }
}

export async function showToday() {
  if (business == null) return;
  // The first list at start is a screenful per group, so it paints sooner; the full first
  // pages follow once it is on screen.
  const firstScreen = !startAsked;
  startAsked = true;
  const extra = firstScreen ? { limits: { expected: SCREEN_ROWS, onSite: SCREEN_ROWS, left: SCREEN_ROWS } } : {};
  const shown = await ask(async () => {
    const answer = await desk.today(business, query(extra), true);
    mark("today_received");
    return answer;
  }, { fresh: true, screenful: firstScreen });
  if (firstScreen && shown) afterPaint().then(() => redraw()).catch(onError);
}

/**
 * A poll changed today's list (another desk, a kiosk, the admin panel, a host): redraws the
 * rows that changed, marks what others did, and says who left the list.
 */
export async function showChanges(changes) {
  if (business == null) return;
  const gone = [];
  for (const change of changes) {
    if (!change.elsewhere) continue;
    if (change.kind === "removed") {
      // Named only on its own location's list (a poll may answer for the one just left).
      if (change.fullName && (change.businessId == null || change.businessId === business)) gone.push(change.fullName);
      continue;
    }
    const text = ELSEWHERE[change.kind];
    if (!text) continue;
    marks.set(change.visitorId, { text: text(), until: Date.now() + MARK_MS });
  }
  if (gone.length) {
    setText("list-news", t("reception-list-news", { names: gone.join(", "), count: gone.length }));
    show("list-news", true);
    setTimeout(() => show("list-news", false), MARK_MS);
  }
  await showToday();
  setTimeout(expireMarks, MARK_MS + 50);
}

function expireMarks() {
  const now = Date.now();
  let expired = false;
  for (const [id, mark] of marks) {
    if (mark.until <= now) {
      marks.delete(id);
      expired = true;
    }
  }
  if (expired && view) draw(view);
}

/** While signed out, queued changes wait for a sign-in, and their rows say so. */
export function setSignedOut(value) {
  if (signedOut === value) return;
  signedOut = value;
  if (view) draw(view);
}

// Records Nexudus sent that could not be read are named, never silently missing.
function describeUnreadable(records) {
  if (!records.length) return "";
  // Ids as strings: a record's id is not a number to format (no grouping).
  const ids = records.map((r) => (r.id == null ? t("reception-unreadable-no-id") : t("reception-unreadable-id", { id: String(r.id) }))).join(", ");
  return t("reception-unreadable", { count: records.length, ids });
}

async function showUnreadable() {
  const records = await desk.unreadableToday(business).catch(() => []);
  setText("unreadable-line", describeUnreadable(records));
  show("unreadable-line", records.length > 0);
}

async function refresh() {
  if (business == null) return;
  // Signed out: the cache is all there is (the banner says why), not an error to repeat.
  if (signedOut) return showToday().catch(() => {});
  try {
    await ask(() => desk.refreshToday(business, query()), { fresh: true });
    await showUnreadable();
  } catch (error) {
    onError(error);
    await showToday();
  }
}

// The locations as last listed, for their zones.
let knownLocations = [];

export async function chooseLocation(id, { cachedShown = false } = {}) {
  business = Number(id);
  const zoneBefore = displayZoneName();
  setDisplayZone(knownLocations.find((location) => location.id === business)?.timeZone);
  // The cached rows were drawn before the location's zone was known: read again in it (the
  // chart's hours are counted in the zone the day was read in).
  if (cachedShown && displayZoneName() !== zoneBefore) await showToday().catch(onError);
  if (!cachedShown) limits = firstPages();
  byId("location").value = String(business);
  byId("settings-location").value = String(business);
  await desk.setLocation(business).catch(onError);
  if (!cachedShown) await showToday().catch(onError);
  await refresh();
}

function describeSync(status) {
  const counts = status.counts ?? {};
  const waiting = (counts.pending ?? 0) + (counts.inFlight ?? 0) + (counts.uncertain ?? 0);
  const parts = [];
  // Whole sentences, one after another.
  if (status.state === "offline") parts.push(t("reception-sync-offline"));
  if (status.state === "signed_out") parts.push(t("reception-sync-signed-out"));
  if (status.state === "syncing" && status.progress) {
    parts.push(t("reception-sync-progress", { done: status.progress[0], total: status.progress[1] }));
  }
  parts.push(waiting ? t("reception-sync-waiting", { count: waiting }) : t("reception-sync-done"));
  if (counts.needsAttention) parts.push(t("reception-sync-attention", { count: counts.needsAttention }));
  return parts.join(" ");
}

export function showSyncStatus(status) {
  setText("sync-line", describeSync(status));
}

/** Brings a visitor's row into view (a notification was clicked), wherever it is in the day. */
export async function focusVisitor(id) {
  if (business == null) return;
  const wanted = Number(id);
  // Read fresh (the arrival that was announced is in it), over the whole day, not the search;
  // asked again if a later answer was drawn first.
  let shown = null;
  for (let attempt = 0; attempt < 3 && !shown; attempt += 1) {
    shown = await ask(() => desk.today(business, query({ search: "", focus: wanted }), true), { fresh: true }).catch(onError);
  }
  const group = GROUPS.find((g) => g.presence === shown?.focus);
  if (!group) {
    // Not in today's list: the search stays as the receptionist left it.
    await redraw().catch(onError);
    return;
  }
  byId("search").value = "";
  // Later redraws keep the row in view.
  limits[group.key] = Math.max(limits[group.key], shown[group.key].rows.length);
  const item = byId(group.list).querySelector(`[data-visitor-id="${wanted}"]`);
  if (!item) return;
  item.classList.add("highlight");
  item.scrollIntoView({ block: "center" });
  item.querySelector("button")?.focus();
  setTimeout(() => item.classList.remove("highlight"), 4000);
}

/** `printBadge(visitor)` runs after each check-in made here (it prints when Settings say so). */
export async function mountReception(reportError, { printBadge = async () => {} } = {}) {
  onError = reportError;
  onCheckedIn = printBadge;
  mountScan({ currentBusiness: () => business, afterCheckIn: showToday, onCheckedIn: printBadge, onError: reportError });
  byId("search").addEventListener("input", applySearch);
  byId("refresh").addEventListener("click", refresh);
  for (const id of ["location", "settings-location"]) {
    byId(id).addEventListener("change", (event) => chooseLocation(event.target.value));
  }
}

let savedLocation = null;

/** Asks for the desk's last location early, while the rest of the window starts. */
export function prepareReception() {
  savedLocation ??= desk.savedLocation().catch(() => null);
}

// At start the scan field takes the focus, unless the receptionist has already put it
// elsewhere: the list shows from the cache before Nexudus answers, and a click or a key in
// between must not be taken away when the answer comes.
function focusScanIfIdle() {
  const active = document.activeElement;
  if (!active || active === document.body) focusScan();
}

export async function enterReception() {
  try {
    // The desk's last location shows from the cache at once; the network comes after. The
    // locations are asked beside the cached list, not after it.
    let cachedShown = false;
    prepareReception();
    if (business == null) business = await savedLocation;
    const locationsAsked = desk.locations().then((found) => ({ found }), (error) => ({ error }));
    if (business != null) {
      await showToday().catch(() => {});
      cachedShown = true;
      focusScanIfIdle();
    }
    const { found: locations, error } = await locationsAsked;
    if (error) throw error;
    knownLocations = locations;
    fillOptions(byId("location"), locations);
    fillOptions(byId("settings-location"), locations);
    const visible = locations.some((location) => location.id === business);
    if (!visible && business != null && byId("location").dataset.locked) {
      // The organisation fixed a location this account cannot see: say so, do not guess.
      onError({ code: "location_not_visible", message: t("reception-location-not-visible", { location: String(business) }) });
      return;
    }
    if (!visible && locations.length) business = locations[0].id;
    await chooseLocation(business, { cachedShown });
    focusScanIfIdle();
    showSyncStatus(await queue.status());
  } catch (error) {
    onError(error);
    await showToday().catch(() => {});
    firstScreenPainted();
  }
}
