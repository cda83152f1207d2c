// The walk-in form: a visitor standing at the desk, checked in at once (queued, so it works
// offline). The host is chosen from a search of the space's members.
import { desk } from "../api.js";
import { button, byId, element, fieldMessages, setText, show } from "../dom.js";
import { t } from "../l10n.js";
import { printAfterCheckIn } from "./badge.js";
import { currentBusiness, showToday } from "./reception.js";

const FIELDS = { fullName: "walk-in-name", email: "walk-in-email" };

let host = null;
let searchTimer = null;
let searchSeq = 0;
let onError = () => {};

const messages = fieldMessages({ fields: FIELDS, errorId: "walk-in-error", otherId: "walk-in-error" });

function chooseHost(found) {
  host = found;
  byId("walk-in-host").value = found.name;
  byId("walk-in-host-results").replaceChildren();
  setText(
    "walk-in-host-status",
    found.company
      ? t("walk-in-host-chosen-company", { name: found.name, company: found.company })
      : t("walk-in-host-chosen", { name: found.name }),
  );
}

function showHosts(hosts, text) {
  const items = hosts.map((found) => {
    const item = element("li");
    const choose = button(found.company ? `${found.name} · ${found.company}` : found.name, "button-option", t("walk-in-choose-host", { name: found.name }));
    choose.addEventListener("click", () => {
      chooseHost(found);
      byId("walk-in-reason").focus();
    });
    item.append(choose);
    return item;
  });
  byId("walk-in-host-results").replaceChildren(...items);
  setText("walk-in-host-status", hosts.length ? t("walk-in-host-matches", { count: hosts.length }) : t("walk-in-host-no-match", { text }));
}

function searchHosts() {
  host = null;
  const text = byId("walk-in-host").value.trim();
  clearTimeout(searchTimer);
  if (text.length < 2) {
    byId("walk-in-host-results").replaceChildren();
    setText("walk-in-host-status", "");
    return;
  }
  // Wait for a pause in typing; only the newest search may answer.
  searchTimer = setTimeout(async () => {
    const seq = ++searchSeq;
    setText("walk-in-host-status", t("walk-in-host-searching"));
    try {
      const hosts = await desk.searchHosts(text);
      if (seq === searchSeq) showHosts(hosts, text);
    } catch (error) {
      if (seq === searchSeq) setText("walk-in-host-status", error.message);
    }
  }, 250);
}

async function submit(event) {
  event.preventDefault();
  messages.clear();
  setText("walk-in-result", "");
  const value = (id) => byId(id).value.trim();
  const form = {
    businessId: currentBusiness() ?? 0,
    fullName: value("walk-in-name"),
    email: value("walk-in-email"),
    phone: value("walk-in-phone") || null,
    company: value("walk-in-company") || null,
    hostId: host?.id ?? null,
    hostName: host?.name ?? null,
    reason: value("walk-in-reason") || null,
    notes: value("walk-in-notes") || null,
  };
  const submitButton = byId("walk-in-button");
  submitButton.disabled = true;
  try {
    const queued = await desk.walkIn(form);
    byId("walk-in-form").reset();
    host = null;
    byId("walk-in-host-results").replaceChildren();
    setText("walk-in-host-status", "");
    setText("walk-in-result", t("walk-in-checked-in", { name: form.fullName }));
    byId("walk-in-name").focus();
    await showToday().catch(onError);
    const walkIn = { id: null, queuedId: queued.id, fullName: form.fullName, company: form.company, hostName: form.hostName };
    const printed = await printAfterCheckIn(walkIn, form.businessId);
    if (printed) setText("walk-in-result", t("walk-in-checked-in-printed", { name: form.fullName, printed }));
  } catch (error) {
    if (error.fields) messages.show(error.fields);
    else onError(error);
  } finally {
    submitButton.disabled = false;
  }
}

export function mountWalkIn(reportError) {
  onError = reportError;
  byId("walk-in-form").addEventListener("submit", submit);
  byId("walk-in-host").addEventListener("input", searchHosts);
  // A message goes as soon as the person starts correcting its field.
  for (const id of Object.values(FIELDS)) {
    byId(id).addEventListener("input", () => {
      byId(id).removeAttribute("aria-invalid");
      show(`${id}-message`, false);
    });
  }
}
