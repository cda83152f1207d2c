// The sync panel: what is waiting, how far a sync has got, and the changes Nexudus refused,
// which a person corrects and retries, or discards (after confirming).
import { queue } from "../api.js";
import { button, byId, element, localTime, onAction, onConfirmedAction, setText, show } from "../dom.js";

const OPEN = new Set(["pending", "in_flight", "uncertain"]);
const STATES = {
  pending: "Waiting",
  in_flight: "Sending…",
  uncertain: "Checking whether Nexudus already has it",
};
const EDITABLE = {
  register: [
    ["FullName", "Correct the name"],
    ["Email", "Correct the email"],
    ["PhoneNumber", "Correct the phone"],
  ],
  walk_in: [
    ["FullName", "Correct the name"],
    ["Email", "Correct the email"],
    ["PhoneNumber", "Correct the phone"],
    ["CompanyName", "Correct the company"],
  ],
};

const MAX_LENGTH = { FullName: 200, Email: 254, PhoneNumber: 40, CompanyName: 200 };

let onError = () => {};
let refreshing = null;

// The core names the visitor of each queued change (from the cache, or the queued walk-in).
function visitorName(op) {
  if (op.visitorName) return op.visitorName;
  const id = op.operation.target?.server;
  return id != null ? `visitor ${id}` : "a walk-in";
}

export function describe(op) {
  const operation = op.operation;
  switch (operation.kind) {
    case "register": {
      const name = operation.visits[0]?.FullName ?? "a visitor";
      const n = operation.visits.length;
      return n === 1 ? `Register ${name}` : `Register ${name} on ${n} dates`;
    }
    case "walk_in":
      return `Walk-in ${operation.visitor.FullName}`;
    case "check_in":
      return `Check in ${visitorName(op)}`;
    case "check_out":
      return `Check out ${visitorName(op)}`;
    case "set_approval":
      return `Host approval for ${visitorName(op)}`;
    case "delete_visitor":
      return `Delete ${visitorName(op)}`;
    case "cancel_registration":
      return `Cancel registration ${operation.visitor_id}`;
    default:
      return operation.kind;
  }
}

/** The record an edit changes: every visit of a registration, or the walk-in. */
function records(operation) {
  return operation.kind === "register" ? operation.visits : [operation.visitor];
}

function editForm(op, name) {
  const fields = EDITABLE[op.operation.kind];
  if (!fields) return null;
  const form = element("form", "op-edit");
  form.noValidate = true;
  const first = records(op.operation)[0];
  const inputs = {};
  for (const [key, label] of fields) {
    const id = `edit-${op.id}-${key}`;
    const labelNode = element("label", "", label);
    labelNode.append(element("span", "sr-only", ` for ${name}`));
    labelNode.htmlFor = id;
    const input = element("input");
    input.id = id;
    input.value = first[key] ?? "";
    // The same limits the core enforces (src-tauri/core/src/input.rs).
    input.maxLength = MAX_LENGTH[key] ?? 200;
    input.autocomplete = "off";
    inputs[key] = input;
    form.append(labelNode, input);
  }
  const save = button("Save and retry", "button-primary", `Save and retry ${name}`);
  save.type = "submit";
  form.append(save);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const operation = structuredClone(op.operation);
    for (const record of records(operation)) {
      for (const [key, input] of Object.entries(inputs)) {
        const value = input.value.trim();
        record[key] = value || (key === "FullName" || key === "Email" ? "" : null);
      }
    }
    save.disabled = true;
    try {
      await queue.edit(op.id, operation);
      await queue.syncNow();
      await showQueue();
    } catch (error) {
      onError(error);
      save.disabled = false;
    }
  });
  return form;
}

function attentionItem(op) {
  const name = describe(op);
  const item = element("li", "op op-attention");
  item.append(element("p", "op-title", name));
  if (op.lastError) item.append(element("p", "op-error", op.lastError));
  if (op.errorFields?.length) {
    const list = element("ul", "op-fields");
    for (const problem of op.errorFields) list.append(element("li", "", `${problem.field} ${problem.message}`));
    item.append(list);
  }
  const form = editForm(op, name);
  if (form) item.append(form);
  const actions = element("div", "op-actions");
  const retry = button("Retry as is", "button-secondary", `Retry ${name}`);
  onAction(retry, async () => {
    await queue.retry(op.id);
    await showQueue();
  }, onError);
  const discard = button("Discard", "button-danger", `Discard ${name}`);
  const discardLabels = {
    text: "Discard",
    label: `Discard ${name}`,
    confirmText: "Discard for good? Click again",
    confirmLabel: `Confirm discard ${name}`,
    key: `discard:${op.id}`,
  };
  onConfirmedAction(discard, discardLabels, async () => {
    await queue.discard(op.id);
    await showQueue();
  }, onError);
  actions.append(retry, discard);
  item.append(actions);
  return item;
}

function waitingItem(op) {
  const item = element("li", "op");
  item.append(element("p", "op-title", describe(op)));
  const detail = [STATES[op.state] ?? op.state, `queued ${localTime(op.createdAt)}`];
  if (op.attempts) detail.push(`${op.attempts} attempt${op.attempts === 1 ? "" : "s"}`);
  if (op.lastError) detail.push(op.lastError);
  item.append(element("p", "op-detail", detail.join(" · ")));
  return item;
}

function elsewhereItem(op) {
  const item = element("li", "op");
  item.append(element("p", "op-title", describe(op)));
  item.append(element("p", "op-detail", `${op.outcome} · ${localTime(op.updatedAt)}`));
  return item;
}

/** A change done without sending in the last day, because someone had already done it. */
function recentlyElsewhere(ops) {
  const since = Date.now() - 24 * 3600 * 1000;
  return ops.filter((op) => op.state === "done" && op.outcome && Date.parse(op.updatedAt) >= since);
}

async function load() {
  const [ops, recent] = await Promise.all([queue.open(), queue.list(100)]);
  const elsewhere = recentlyElsewhere(recent);
  byId("elsewhere-list").replaceChildren(...elsewhere.map(elsewhereItem));
  show("elsewhere-group", elsewhere.length > 0);
  const attention = ops.filter((op) => op.state === "needs_attention");
  const waiting = ops.filter((op) => OPEN.has(op.state));
  byId("attention-list").replaceChildren(...attention.map(attentionItem));
  byId("waiting-list").replaceChildren(...waiting.map(waitingItem));
  setText("attention-count", `(${attention.length})`);
  setText("waiting-count", `(${waiting.length})`);
  show("attention-empty", attention.length === 0);
  show("waiting-empty", waiting.length === 0);
}

/** Reloads the lists; calls that arrive while one runs share it. */
export function showQueue() {
  refreshing ??= load()
    .catch(onError)
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

/** Server minus desk, in seconds: a desk more than a minute off is told so. */
function showClock(offsetSeconds) {
  // Unknown is not "right": a status read before Nexudus answered leaves the warning as it is.
  if (offsetSeconds == null) return;
  const off = Number.isFinite(offsetSeconds) && Math.abs(offsetSeconds) > 60;
  if (off) {
    const minutes = Math.round(Math.abs(offsetSeconds) / 60);
    const way = offsetSeconds < 0 ? "fast" : "slow";
    setText(
      "clock-warning",
      `This computer's clock is ${minutes} minute${minutes === 1 ? "" : "s"} ${way}. Front Desk uses Nexudus's time, but please correct the clock in the system settings.`,
    );
  }
  show("clock-warning", off);
}

export function showSyncPanel(status) {
  showClock(status.clockOffsetSeconds);
  const counts = status.counts ?? {};
  const waiting = (counts.pending ?? 0) + (counts.inFlight ?? 0) + (counts.uncertain ?? 0);
  const attention = counts.needsAttention ?? 0;
  const state = {
    idle: waiting ? "Waiting for the next try." : attention ? "Nothing else is waiting." : "Everything is synced.",
    syncing: "Syncing…",
    offline: "Offline: changes are kept and sent when Nexudus is reachable.",
    signed_out: "Signed out: sign in again to send waiting changes.",
  }[status.state] ?? "";
  setText("sync-summary", `${state} ${waiting} waiting, ${attention} need${attention === 1 ? "s" : ""} attention.`);
  const progress = byId("sync-progress");
  if (status.state === "syncing" && status.progress) {
    progress.max = Math.max(1, status.progress[1]);
    progress.value = status.progress[0];
    show("sync-progress", true);
  } else {
    show("sync-progress", false);
  }
  const last = status.lastSuccessAt ? `Last synced at ${localTime(status.lastSuccessAt)}.` : "Not synced yet in this session.";
  const next = status.nextAttemptAt && waiting ? ` Next try at ${localTime(status.nextAttemptAt)}.` : "";
  setText("sync-last", last + next);
  const total = waiting + attention;
  setText("sync-tab-count", total ? String(total) : "");
  byId("sync-tab-count").classList.toggle("tab-count-alert", attention > 0);
}

export function mountSync(reportError) {
  onError = reportError;
  byId("sync-now").addEventListener("click", async () => {
    try {
      await queue.syncNow();
    } catch (error) {
      onError(error);
    }
  });
}
