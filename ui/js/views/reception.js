// Reception's dashboard: today's visitors in three groups, search as you type, one-click
// check in and out. Every server string is set with textContent.
import { desk, queue } from "../api.js";
import { byId, setText } from "../dom.js";

const GROUPS = { expected: "expected-list", on_site: "onsite-list", left: "left-list" };
const APPROVALS = {
  requested: "Approval requested",
  rejected: "Declined by host",
  accepted_and_hold: "Host will collect",
  accepted_and_grant: "Send up",
};

let business = null;
let visitors = [];
let onError = () => {};

function presence(visitor) {
  if (visitor.departedAt) return "left";
  return visitor.arrived ? "on_site" : "expected";
}

function time(value) {
  if (!value) return "";
  return new Date(value).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}

function searchText(visitor) {
  return [visitor.fullName, visitor.email, visitor.company, visitor.hostName, visitor.visitorCode]
    .filter(Boolean)
    .join(" ")
    .toLowerCase();
}

function badge(text, kind) {
  const element = document.createElement("span");
  element.className = `badge badge-${kind}`;
  element.textContent = text;
  return element;
}

function actionButton(label, visitor, action) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "button button-secondary";
  button.textContent = label;
  button.setAttribute("aria-label", `${label} ${visitor.fullName}`);
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      await action({ id: visitor.id ?? null, queuedId: visitor.queuedId ?? null });
      await showToday();
    } catch (error) {
      onError(error);
      button.disabled = false;
    }
  });
  return button;
}

function row(visitor) {
  const item = document.createElement("li");
  item.className = "visitor";
  item.dataset.search = searchText(visitor);
  if (visitor.id != null) item.dataset.visitorId = String(visitor.id);

  const when = document.createElement("span");
  when.className = "visitor-time";
  const state = presence(visitor);
  when.textContent = time(state === "expected" ? visitor.expectedAt : state === "on_site" ? visitor.arrivedAt : visitor.departedAt);

  const who = document.createElement("div");
  const name = document.createElement("div");
  name.className = "visitor-name";
  name.textContent = visitor.fullName;
  if (visitor.pending) name.append(badge("Waiting to sync", "pending"));
  if (visitor.needsAttention) name.append(badge("Needs attention", "attention"));
  if (visitor.approval && APPROVALS[visitor.approval]) name.append(badge(APPROVALS[visitor.approval], "approval"));
  const meta = document.createElement("div");
  meta.className = "visitor-meta";
  meta.textContent = [visitor.hostName && `Host: ${visitor.hostName}`, visitor.company, visitor.visitorCode && `Code ${visitor.visitorCode}`]
    .filter(Boolean)
    .join(" · ");
  who.append(name, meta);

  const actions = document.createElement("div");
  if (state === "expected") actions.append(actionButton("Check in", visitor, desk.checkIn));
  if (state === "on_site") actions.append(actionButton("Check out", visitor, desk.checkOut));

  item.append(when, who, actions);
  return item;
}

function applySearch() {
  const needle = byId("search").value.trim().toLowerCase();
  const counts = { expected: 0, on_site: 0, left: 0 };
  for (const [group, listId] of Object.entries(GROUPS)) {
    for (const item of byId(listId).children) {
      const shown = !needle || item.dataset.search.includes(needle);
      item.hidden = !shown;
      if (shown) counts[group] += 1;
    }
  }
  setText("expected-count", `(${counts.expected})`);
  setText("onsite-count", `(${counts.on_site})`);
  setText("left-count", `(${counts.left})`);
}

function render() {
  const fragments = { expected: new DocumentFragment(), on_site: new DocumentFragment(), left: new DocumentFragment() };
  for (const visitor of visitors) fragments[presence(visitor)].append(row(visitor));
  for (const [group, listId] of Object.entries(GROUPS)) byId(listId).replaceChildren(fragments[group]);
  setText("on-site-count", String(visitors.filter((v) => presence(v) === "on_site").length));
  applySearch();
}

export async function showToday() {
  if (business == null) return;
  visitors = await desk.today(business);
  render();
}

async function refresh() {
  if (business == null) return;
  try {
    visitors = await desk.refreshToday(business);
    render();
  } catch (error) {
    onError(error);
    await showToday();
  }
}

export function showSyncStatus(status) {
  const counts = status.counts ?? {};
  const waiting = (counts.pending ?? 0) + (counts.inFlight ?? 0) + (counts.uncertain ?? 0);
  const parts = [];
  if (status.state === "offline") parts.push("Offline: changes are kept and sent when Nexudus is reachable.");
  if (status.state === "signed_out") parts.push("Signed out: sign in to send waiting changes.");
  if (status.state === "syncing" && status.progress) parts.push(`Syncing ${status.progress[0]} of ${status.progress[1]}…`);
  parts.push(waiting ? `${waiting} change${waiting === 1 ? "" : "s"} waiting to sync.` : "Everything is synced.");
  if (counts.needsAttention) parts.push(`${counts.needsAttention} need${counts.needsAttention === 1 ? "s" : ""} attention.`);
  setText("sync-line", parts.join(" "));
}

export function focusVisitor(id) {
  const item = document.querySelector(`[data-visitor-id="${Number(id)}"]`);
  if (!item) return;
  byId("search").value = "";
  applySearch();
  item.classList.add("highlight");
  item.scrollIntoView({ block: "center" });
  item.querySelector("button")?.focus();
  setTimeout(() => item.classList.remove("highlight"), 4000);
}

export async function mountReception(reportError) {
  onError = reportError;
  byId("search").addEventListener("input", applySearch);
  byId("refresh").addEventListener("click", refresh);
  byId("location").addEventListener("change", async (event) => {
    business = Number(event.target.value);
    await desk.setLocation(business).catch(onError);
    await refresh();
  });
}

export async function enterReception() {
  try {
    const locations = await desk.locations();
    const select = byId("location");
    select.replaceChildren(
      ...locations.map((location) => {
        const option = document.createElement("option");
        option.value = String(location.id);
        option.textContent = location.name;
        return option;
      }),
    );
    if (business == null && locations.length) business = locations[0].id;
    select.value = String(business);
    await desk.setLocation(business);
    await showToday();
    await refresh();
    showSyncStatus(await queue.status());
  } catch (error) {
    onError(error);
  }
}
