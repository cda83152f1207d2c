// The sync panel: what is waiting, how far a sync has got, and the changes Nexudus refused,
// which a person corrects and retries, or discards (after confirming).
import { queue } from "../api.js";
import { button, byId, element, localTime, onAction, onConfirmedAction, setText, show } from "../dom.js";
import { t, tAttr } from "../l10n.js";

const OPEN = new Set(["pending", "in_flight", "uncertain"]);
const STATES = {
  pending: () => t("sync-state-pending"),
  in_flight: () => t("sync-state-in-flight"),
  uncertain: () => t("sync-state-uncertain"),
};
// Each field's label: what is seen, and the whole of it a screen reader says (naming the change).
const CORRECT = {
  FullName: (name) => [t("sync-correct-name"), t("sync-correct-name-for", { name })],
  Email: (name) => [t("sync-correct-email"), t("sync-correct-email-for", { name })],
  PhoneNumber: (name) => [t("sync-correct-phone"), t("sync-correct-phone-for", { name })],
  CompanyName: (name) => [t("sync-correct-company"), t("sync-correct-company-for", { name })],
};
const EDITABLE = {
  register: ["FullName", "Email", "PhoneNumber"],
  walk_in: ["FullName", "Email", "PhoneNumber", "CompanyName"],
};

const MAX_LENGTH = { FullName: 200, Email: 254, PhoneNumber: 40, CompanyName: 200 };

let onError = () => {};
let refreshing = null;

// The core names the visitor of each queued change (from the cache, or the queued walk-in);
// the catalog words each case (`who`: a name, a visitor's number, or an unnamed walk-in).
// Numbers go as text: an id is not a quantity ("visitor 12345", never "12,345").
function visitorArgs(op) {
  if (op.visitorName) return { who: "name", name: op.visitorName, id: "" };
  const id = op.operation.target?.server;
  return id != null ? { who: "id", name: "", id: String(id) } : { who: "walk-in", name: "", id: "" };
}

export function describe(op) {
  const operation = op.operation;
  switch (operation.kind) {
    case "register": {
      const name = operation.visits[0]?.FullName;
      const count = operation.visits.length;
      return name != null ? t("sync-op-register", { name, count }) : t("sync-op-register-unnamed", { count });
    }
    case "walk_in":
      return t("sync-op-walk-in", { name: operation.visitor.FullName });
    case "check_in":
      return t("sync-op-check-in", visitorArgs(op));
    case "check_out":
      return t("sync-op-check-out", visitorArgs(op));
    case "set_approval":
      return t("sync-op-approval", visitorArgs(op));
    case "delete_visitor":
      return t("sync-op-delete", visitorArgs(op));
    case "cancel_registration":
      return t("sync-op-cancel", { id: String(operation.visitor_id) });
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
  for (const key of fields) {
    const id = `edit-${op.id}-${key}`;
    // One whole sentence for screen readers ("Correct the email for Register Fox Mulder") and
    // the short words seen, hidden from them: the catalog, not code, joins the change's name.
    const [seen, whole] = CORRECT[key](name);
    const labelNode = element("label");
    const shown = element("span", "", seen);
    shown.setAttribute("aria-hidden", "true");
    labelNode.append(element("span", "sr-only", whole), shown);
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
  const save = button(t("sync-save-retry"), "button-primary", tAttr("sync-save-retry", "aria-label", { name }));
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
    for (const problem of op.errorFields) list.append(element("li", "", problem.message));
    item.append(list);
  }
  const form = editForm(op, name);
  if (form) item.append(form);
  const actions = element("div", "op-actions");
  const retry = button(t("sync-retry"), "button-secondary", tAttr("sync-retry", "aria-label", { name }));
  onAction(retry, async () => {
    await queue.retry(op.id);
    await showQueue();
  }, onError);
  const discardLabels = {
    text: t("sync-discard"),
    label: tAttr("sync-discard", "aria-label", { name }),
    confirmText: t("sync-discard-confirm"),
    confirmLabel: tAttr("sync-discard-confirm", "aria-label", { name }),
    key: `discard:${op.id}`,
  };
  const discard = button(discardLabels.text, "button-danger", discardLabels.label);
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
  const detail = [STATES[op.state]?.() ?? op.state, t("sync-queued-at", { time: localTime(op.createdAt) })];
  if (op.attempts) detail.push(t("sync-attempts", { count: op.attempts }));
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
  setText("attention-count", t("sync-section-count", { count: attention.length }));
  setText("waiting-count", t("sync-section-count", { count: waiting.length }));
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
    setText("clock-warning", t(offsetSeconds < 0 ? "sync-clock-fast" : "sync-clock-slow", { minutes }));
  }
  show("clock-warning", off);
}

export function showSyncPanel(status) {
  showClock(status.clockOffsetSeconds);
  const counts = status.counts ?? {};
  const waiting = (counts.pending ?? 0) + (counts.inFlight ?? 0) + (counts.uncertain ?? 0);
  const attention = counts.needsAttention ?? 0;
  const state = {
    idle: () => t(waiting ? "sync-idle-waiting" : attention ? "sync-idle-attention" : "sync-idle-done"),
    syncing: () => t("sync-syncing"),
    offline: () => t("sync-offline"),
    signed_out: () => t("sync-signed-out"),
  }[status.state]?.() ?? "";
  // Two sentences: the state, then the counts.
  setText("sync-summary", `${state} ${t("sync-counts", { waiting, attention })}`);
  const progress = byId("sync-progress");
  if (status.state === "syncing" && status.progress) {
    progress.max = Math.max(1, status.progress[1]);
    progress.value = status.progress[0];
    show("sync-progress", true);
  } else {
    show("sync-progress", false);
  }
  const last = status.lastSuccessAt ? t("sync-last-at", { time: localTime(status.lastSuccessAt) }) : t("sync-last-never");
  const next = status.nextAttemptAt && waiting ? ` ${t("sync-next-at", { time: localTime(status.nextAttemptAt) })}` : "";
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
