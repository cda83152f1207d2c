// The host's view: register a visitor for one or many dates (up to the core's limit, as the portal allows),
// and see, and cancel, upcoming visitors. Server strings are set with textContent only.
import { desk } from "../api.js";
import { button, byId, dateFormat, element, fieldMessages, fillOptions, onConfirmedAction, setText, show, syncChildren } from "../dom.js";
import { t, tAttr } from "../l10n.js";
import { firstScreenPainted } from "../startup.js";

// The core's limit (src-tauri/core/src/input.rs), told at start by app_info. Until then the
// form lets dates be added and the core refuses too many when the form is sent.
let maxDates = Number.POSITIVE_INFINITY;
const FIELDS = { fullName: "visit-name", email: "visit-email", dates: "visit-dates" };
let dates = [];
let onError = () => {};
// What changed without this window asking (an arrival, the desk, the admin panel), said on the
// row for a while.
const ELSEWHERE = {
  checked_in: () => t("host-mark-arrived"),
  checked_out: () => t("host-mark-left"),
  approval: () => t("host-mark-approval"),
  updated: () => t("host-mark-updated"),
  added: () => t("host-mark-added"),
};
const MARK_MS = 20_000;
const marks = new Map();
let nodes = new Map();

function renderDates() {
  const chips = dates.map((date) => {
    const item = document.createElement("li");
    const text = document.createElement("span");
    // The computer's zone, as the date field's (a location's zone could show another day).
    text.textContent = dateFormat({ timeZone: undefined, weekday: "short", day: "numeric", month: "short" }).format(new Date(`${date}T00:00`));
    const remove = document.createElement("button");
    remove.type = "button";
    remove.textContent = "×";
    remove.setAttribute("aria-label", tAttr("host-date-remove", "aria-label", { date }));
    remove.addEventListener("click", () => {
      dates = dates.filter((d) => d !== date);
      renderDates();
    });
    item.append(text, remove);
    return item;
  });
  byId("visit-dates").replaceChildren(...chips);
}

// A local calendar date as the date field writes it (yyyy-mm-dd).
function localDate(date) {
  const pad = (n) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

// Today to a year ahead, as the core allows (src-tauri/core/src/input.rs).
function dateRange() {
  const today = new Date();
  const yearAhead = new Date(today);
  // 364: the core counts a year from this moment, and the visit's time may be later today.
  yearAhead.setDate(yearAhead.getDate() + 364);
  return { min: localDate(today), max: localDate(yearAhead) };
}

function addDate() {
  const value = byId("visit-date").value;
  if (!value || dates.includes(value)) return;
  const { min, max } = dateRange();
  if (value < min || value > max) {
    messages.show([{ field: "dates", message: t(value < min ? "host-dates-past" : "host-dates-too-far") }]);
    return;
  }
  if (dates.length >= maxDates) {
    messages.show([{ field: "dates", message: t("host-dates-too-many", { max: maxDates }) }]);
    return;
  }
  dates = [...dates, value].sort();
  renderDates();
}

const messages = fieldMessages({
  fields: FIELDS,
  errorId: "register-error",
  messageIds: { dates: "visit-dates-message" },
  focus: false,
});

function when(visitor) {
  if (!visitor.expectedAt) return "";
  // The computer's zone, in which the form took the visit's time.
  return dateFormat({ timeZone: undefined, weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" }).format(
    new Date(visitor.expectedAt),
  );
}

function row(visitor) {
  const item = document.createElement("li");
  item.className = "visitor";
  if (visitor.id != null) item.dataset.visitorId = String(visitor.id);
  const at = document.createElement("span");
  at.className = "visitor-time";
  at.textContent = when(visitor);
  const who = document.createElement("div");
  const name = document.createElement("div");
  name.className = "visitor-name";
  name.textContent = visitor.fullName;
  const mark = visitor.id != null ? marks.get(visitor.id) : null;
  if (mark) {
    name.append(element("span", "badge badge-elsewhere", mark.text));
    item.classList.add("changed-elsewhere");
  }
  const status = document.createElement("div");
  status.className = "visitor-meta";
  status.textContent = [
    visitor.pending ? t("host-status-pending") : null,
    visitor.needsAttention ? t("host-status-attention") : null,
    t(visitor.arrived ? "host-status-arrived" : "host-status-expected"),
    visitor.approval === "requested" ? t("host-status-approval") : null,
  ]
    .filter(Boolean)
    .join(" · ");
  who.append(name, status);
  const actions = document.createElement("div");
  if (visitor.id != null && !visitor.arrived) {
    const visit = { name: visitor.fullName, time: when(visitor) };
    const labels = {
      text: t("host-cancel"),
      label: tAttr("host-cancel", "aria-label", visit),
      confirmText: t("host-cancel-confirm"),
      confirmLabel: tAttr("host-cancel-confirm", "aria-label", visit),
      key: `cancel:${visitor.id}`,
    };
    const cancel = button(labels.text, "button-secondary", labels.label);
    onConfirmedAction(cancel, labels, async () => {
      await desk.cancel(visitor.id);
      await showUpcoming();
    }, onError);
    actions.append(cancel);
  }
  item.append(at, who, actions);
  return item;
}

// Rows are reused while nothing they show changed, so a poll's redraw keeps focus and scroll.
function renderUpcoming(visitors) {
  const previous = nodes;
  nodes = new Map();
  const shown = visitors.map((visitor, index) => {
    const key = visitor.id != null ? `id:${visitor.id}` : `queued:${visitor.queuedId}:${index}`;
    const print = `${JSON.stringify(visitor)}|${marks.get(visitor.id)?.text ?? ""}`;
    const before = previous.get(key);
    const node = before && before.print === print ? before.node : row(visitor);
    nodes.set(key, { node, print });
    return node;
  });
  syncChildren(byId("upcoming-list"), shown);
  firstScreenPainted();
  const waiting = visitors.filter((v) => v.pending).length;
  setText("host-sync-line", waiting ? t("host-sync-waiting", { count: waiting }) : "");
}

export async function showUpcoming() {
  renderUpcoming(await desk.upcoming());
}

/** A poll changed the host's list: redraws it, marking what happened elsewhere. */
export async function showUpcomingChanges(changes) {
  for (const change of changes) {
    const text = ELSEWHERE[change.kind]?.();
    if (change.elsewhere && text) marks.set(change.visitorId, { text, until: Date.now() + MARK_MS });
  }
  await showUpcoming();
  setTimeout(() => {
    const now = Date.now();
    for (const [id, mark] of marks) if (mark.until <= now) marks.delete(id);
    showUpcoming().catch(() => {});
  }, MARK_MS + 50);
}

async function submit(event) {
  event.preventDefault();
  messages.clear();
  const time = byId("visit-time").value || "10:00";
  const form = {
    businessId: Number(byId("visit-location").value) || 0,
    fullName: byId("visit-name").value.trim(),
    email: byId("visit-email").value.trim(),
    phone: byId("visit-phone").value.trim() || null,
    notes: byId("visit-notes").value.trim() || null,
    dates: dates.map((date) => new Date(`${date}T${time}`).toISOString()),
  };
  try {
    await desk.register(form);
    setText("register-result", t("host-registered", { name: form.fullName, count: dates.length }));
    for (const id of ["visit-name", "visit-email", "visit-phone", "visit-notes"]) byId(id).value = "";
    dates = [];
    renderDates();
    await showUpcoming();
  } catch (error) {
    setText("register-error", error.message);
    show("register-error", true);
    messages.show(error.fields);
  }
}

/** The most dates one registration may have, as the core checks it. */
export function setMaxDates(limit) {
  if (Number.isInteger(limit) && limit > 0) maxDates = limit;
}

export function mountHost(reportError) {
  onError = reportError;
  const { min, max } = dateRange();
  byId("visit-date").min = min;
  byId("visit-date").max = max;
  byId("add-date").addEventListener("click", addDate);
  byId("register-form").addEventListener("submit", submit);
}

export async function enterHost() {
  try {
    // The cached list first; the network's answer replaces it.
    await showUpcoming();
    fillOptions(byId("visit-location"), await desk.locations());
    renderUpcoming(await desk.refreshUpcoming());
  } catch (error) {
    onError(error);
    firstScreenPainted();
  }
}

/** Brings one upcoming visit into view (a click on its arrival alert). */
export function focusUpcoming(id) {
  const item = document.querySelector(`#upcoming-list [data-visitor-id="${Number(id)}"]`);
  if (!item) return;
  item.classList.add("highlight");
  item.tabIndex = -1;
  item.scrollIntoView({ block: "center" });
  item.focus();
  setTimeout(() => item.classList.remove("highlight"), 4000);
}
