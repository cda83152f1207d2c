// The visitor log: a location's visitors over a range of days, from Nexudus when it answers
// and from this computer's copy when it does not (the screen says which), exported as CSV.
import { desk } from "../api.js";
import { byId, dateFormat, element, fieldMessages, setText, show } from "../dom.js";
import { t } from "../l10n.js";
import { currentBusiness } from "./reception.js";

// Beyond this many rows the screen shows the first ones and the export has them all.
const SHOWN_LIMIT = 1000;
const SOURCES = {
  administrator: () => t("log-source-administrator"),
  nex_io: () => t("log-source-nex-io"),
  customer: () => t("log-source-customer"),
};

let onError = () => {};
const messages = fieldMessages({
  fields: { from: "log-from", to: "log-to" },
  otherId: "log-source",
});

// A calendar date (YYYY-MM-DD) in the location's zone. "en-GB" on purpose: this is machine data
// (the value of an <input type=date>), whose parts must be Gregorian with ASCII digits whatever
// the desk's language; the field itself shows it in the computer's own way.
function isoDate(at) {
  const parts = dateFormat({ year: "numeric", month: "2-digit", day: "2-digit" }, "en-GB").formatToParts(at);
  const part = (type) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")}`;
}

// What the core would say of an empty date, said before asking it.
function missingDates({ from, to }) {
  return [
    ...(from ? [] : [{ field: "from", message: t("log-from-required") }]),
    ...(to ? [] : [{ field: "to", message: t("log-to-required") }]),
  ];
}

function when(value) {
  if (!value) return "";
  return dateFormat({ day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" }).format(new Date(value));
}

function range() {
  return { business: currentBusiness(), from: byId("log-from").value, to: byId("log-to").value };
}

function describeSource(log) {
  if (log.source === "nexudus") return t("log-from-nexudus", { time: when(log.readAt), unreadable: log.unreadable || 0 });
  const args = { problem: log.problem ?? "", time: when(log.readAt) };
  if (log.problem) return t(log.readAt ? "log-from-copy-problem" : "log-from-copy-problem-never", args);
  return t(log.readAt ? "log-from-copy" : "log-from-copy-never", args);
}

function render(log) {
  const rows = log.rows.slice(0, SHOWN_LIMIT).map((visitor) => {
    const tr = element("tr");
    const name = element("th", "", visitor.fullName);
    name.scope = "row";
    tr.append(
      element("td", "", when(visitor.expectedAt)),
      element("td", "", visitor.arrived ? when(visitor.arrivedAt) : ""),
      element("td", "", when(visitor.departedAt)),
      name,
      element("td", "", visitor.company ?? ""),
      element("td", "", visitor.hostName ?? ""),
      element("td", "", SOURCES[visitor.source]?.() ?? ""),
    );
    return tr;
  });
  byId("log-rows").replaceChildren(...rows);
  const count = log.rows.length;
  setText("log-count", count > SHOWN_LIMIT ? t("log-count-more", { count, shown: SHOWN_LIMIT }) : t("log-count", { count }));
  show("log-empty", count === 0);
  byId("log-source").dataset.source = log.source;
  setText("log-source", describeSource(log));
}

async function showLog(event) {
  event?.preventDefault();
  const { business, from, to } = range();
  if (business == null) return;
  messages.clear();
  const missing = missingDates({ from, to });
  if (missing.length) return messages.show(missing);
  setText("log-source", t("log-reading"));
  setText("log-export-result", "");
  try {
    render(await desk.visitorLog(business, from, to));
  } catch (error) {
    setText("log-source", "");
    if (error.fields) messages.show(error.fields);
    else onError(error);
  }
}

async function exportLog() {
  const { business, from, to } = range();
  if (business == null) return;
  messages.clear();
  const missing = missingDates({ from, to });
  if (missing.length) return messages.show(missing);
  setText("log-export-result", t("log-saving"));
  try {
    const saved = await desk.exportVisitorLog(business, from, to);
    const args = { count: saved.rows, path: saved.path };
    setText("log-export-result", t(saved.source === "cache" ? "log-saved-copy" : "log-saved", args));
  } catch (error) {
    setText("log-export-result", "");
    if (error.fields) messages.show(error.fields);
    else onError(error);
  }
}

// The calendar date `days` before `iso` (by the calendar: a clock change does not move it).
function daysBefore(iso, days) {
  const [year, month, day] = iso.split("-").map(Number);
  return new Date(Date.UTC(year, month - 1, day - days)).toISOString().slice(0, 10);
}

/** Opens the log on the last two weeks when it has not been used yet. */
export async function enterVisitorLog() {
  if (!byId("log-from").value || !byId("log-to").value) {
    const today = isoDate(new Date());
    byId("log-from").value = daysBefore(today, 13);
    byId("log-to").value = today;
  }
  await showLog();
}

export function mountVisitorLog(reportError) {
  onError = reportError;
  byId("log-form").addEventListener("submit", showLog);
  byId("log-export").addEventListener("click", exportLog);
}
