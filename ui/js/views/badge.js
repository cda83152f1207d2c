// Visitor badges: previewed in a dialog with the visitor code as a QR code, printed straight
// to the label printer chosen in Settings (the PDF is made in Rust), or through the system
// print dialog when none is chosen. Settings → Badges lives here too.
import { desk } from "../api.js";
import { byId, dateFormat, fieldMessages, setText } from "../dom.js";
import { t } from "../l10n.js";

const SVG = "http://www.w3.org/2000/svg";
let shown = null;
let onError = () => {};

function reference(visitor) {
  return { id: visitor.id ?? null, queuedId: visitor.queuedId ?? null };
}

// One path for every dark module, with a light border of two modules for scanners.
function drawQr(rows) {
  const svg = byId("badge-qr");
  if (!rows?.length) {
    svg.replaceChildren();
    svg.hidden = true;
    return;
  }
  const size = rows.length + 4;
  svg.setAttribute("viewBox", `0 0 ${size} ${size}`);
  const dark = [];
  rows.forEach((row, y) => row.forEach((on, x) => on && dark.push(`M${x + 2} ${y + 2}h1v1h-1z`)));
  const background = document.createElementNS(SVG, "rect");
  background.setAttribute("width", String(size));
  background.setAttribute("height", String(size));
  background.setAttribute("fill", "#fff");
  const path = document.createElementNS(SVG, "path");
  path.setAttribute("d", dark.join(""));
  path.setAttribute("fill", "#000");
  svg.replaceChildren(background, path);
  svg.hidden = false;
}

function showText(visitor) {
  setText("badge-name", visitor.fullName);
  setText("badge-company", visitor.company ?? "");
  setText("badge-host", visitor.hostName ? t("badge-visiting", { host: visitor.hostName }) : "");
  const day = new Date(visitor.arrivedAt ?? visitor.expectedAt ?? Date.now());
  // In the desk's language, and on the location's day, as the printed badge (Rust) dates it.
  setText("badge-date", dateFormat({ weekday: "long", day: "numeric", month: "long", year: "numeric" }).format(day));
  setText("badge-code", visitor.visitorCode ? t("badge-code", { code: visitor.visitorCode }) : "");
}

/** Opens the badge of `visitor` (in today's list at `business`). */
export async function openBadge(visitor, business) {
  shown = { visitor, business };
  showText(visitor);
  drawQr(null);
  setText("badge-result", "");
  const dialog = byId("badge-dialog");
  if (!dialog.open) dialog.showModal();
  byId("badge-print").focus();
  if (business == null) return;
  try {
    const preview = await desk.badgePreview(business, reference(visitor));
    if (shown?.visitor === visitor) drawQr(preview.qr);
  } catch (error) {
    // The text is shown already; a badge without its code still helps.
    setText("badge-result", error.message);
  }
}

function printedLine(visitor, printed) {
  const args = { name: visitor.fullName, printer: printed.printer };
  return printed.approximated ? t("badge-sent-approximated", args) : t("badge-sent", args);
}

/** Prints one part of the page: the stylesheet's print rules follow `data-print`. */
export function printPart(part) {
  document.body.dataset.print = part;
  window.print();
}

async function printShown() {
  if (!shown) return;
  const settings = await desk.badgeSettings().catch(() => ({}));
  if (!settings.printer || shown.business == null) {
    printPart("badge");
    return;
  }
  setText("badge-result", t("badge-printing"));
  try {
    setText("badge-result", printedLine(shown.visitor, await desk.printBadge(shown.business, reference(shown.visitor))));
  } catch (error) {
    setText("badge-result", error.message);
  }
}

/**
 * After a check-in made at this desk: prints the badge when Settings say so, on the label
 * printer, or opens the badge for the system dialog. Answers what was printed (a line to
 * show), or null. A printer problem is said, and the check-in stands.
 */
export async function printAfterCheckIn(visitor, business, { fromScan = false } = {}) {
  const settings = await desk.badgeSettings().catch(() => ({}));
  if (!settings.printAtCheckIn || business == null) return null;
  if (!settings.printer) {
    // A dialog would take the next scan's keystrokes (and its Enter would print this badge).
    if (fromScan) return t("badge-press-badge", { name: visitor.fullName });
    await openBadge(visitor, business);
    return null;
  }
  try {
    return printedLine(visitor, await desk.printBadge(business, reference(visitor)));
  } catch (error) {
    onError({ ...error, message: t("badge-print-failed-saved", { problem: error.message, name: visitor.fullName }) });
    return null;
  }
}

const settingsMessages = fieldMessages({
  fields: { cupsServer: "badge-cups-server", printer: "badge-printer" },
  otherId: "badge-settings-result",
});

async function saveSettings(event) {
  const settings = {
    printer: byId("badge-printer").value || null,
    cupsServer: byId("badge-cups-server").value.trim() || null,
    label: byId("badge-label").value,
    printAtCheckIn: byId("badge-at-check-in").checked,
  };
  settingsMessages.clear();
  try {
    await desk.setBadgeSettings(settings);
    setText("badge-settings-result", t("settings-saved"));
    // Another server has other printers.
    if (event?.target?.id === "badge-cups-server") await enterBadgeSettings();
  } catch (error) {
    setText("badge-settings-result", "");
    if (error.fields) settingsMessages.show(error.fields);
    else setText("badge-settings-result", error.message);
  }
}

/** Fills Settings → Badges with the printers this computer has and what was chosen. */
export async function enterBadgeSettings() {
  try {
    const [settings, printers] = await Promise.all([desk.badgeSettings(), desk.printers().catch(() => [])]);
    const select = byId("badge-printer");
    const names = [...new Set([...printers, ...(settings.printer ? [settings.printer] : [])])];
    const options = [new Option(t("badge-printer-system-dialog"), ""), ...names.map((name) => new Option(name, name))];
    select.replaceChildren(...options);
    select.value = settings.printer ?? "";
    byId("badge-label").value = settings.label;
    byId("badge-cups-server").value = settings.cupsServer ?? "";
    byId("badge-at-check-in").checked = Boolean(settings.printAtCheckIn);
    const noPrinter = settings.cupsServer
      ? t("badge-no-printer-on-server", { server: settings.cupsServer })
      : t("badge-no-printer-here");
    setText("badge-settings-result", printers.length ? "" : noPrinter);
  } catch (error) {
    onError(error);
  }
}

export function mountBadge(reportError) {
  onError = reportError;
  window.addEventListener("afterprint", () => delete document.body.dataset.print);
  byId("badge-close").addEventListener("click", () => byId("badge-dialog").close());
  byId("badge-print").addEventListener("click", printShown);
  for (const id of ["badge-cups-server", "badge-printer", "badge-label", "badge-at-check-in"]) byId(id).addEventListener("change", saveSettings);
}
