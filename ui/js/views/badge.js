// Visitor badges: previewed in a dialog with the visitor code as a QR code, printed straight
// to the label printer chosen in Settings (the PDF is made in Rust), or through the system
// print dialog when none is chosen. Settings → Badges lives here too.
import { desk } from "../api.js";
import { byId, fieldMessages, setText } from "../dom.js";

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
  setText("badge-host", visitor.hostName ? `Visiting ${visitor.hostName}` : "");
  const day = new Date(visitor.arrivedAt ?? visitor.expectedAt ?? Date.now());
  setText("badge-date", day.toLocaleDateString([], { weekday: "long", day: "numeric", month: "long", year: "numeric" }));
  setText("badge-code", visitor.visitorCode ? `Code ${visitor.visitorCode}` : "");
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
  const approximated = printed.approximated ? " Some letters of the name are not in the label font and were replaced." : "";
  return `Badge for ${visitor.fullName} sent to ${printed.printer}.${approximated}`;
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
  setText("badge-result", "Printing…");
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
    if (fromScan) return `Badge for ${visitor.fullName}: press "Badge" on their row to print it.`;
    await openBadge(visitor, business);
    return null;
  }
  try {
    return printedLine(visitor, await desk.printBadge(business, reference(visitor)));
  } catch (error) {
    onError({ ...error, message: `${error.message} ${visitor.fullName}'s check-in is saved.` });
    return null;
  }
}

const settingsMessages = fieldMessages({
  fields: { cupsServer: "badge-cups-server", printer: "badge-printer" },
  labels: { cupsServer: "The print server", printer: "The printer" },
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
    setText("badge-settings-result", "Saved.");
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
    const options = [new Option("System dialog", ""), ...names.map((name) => new Option(name, name))];
    select.replaceChildren(...options);
    select.value = settings.printer ?? "";
    byId("badge-label").value = settings.label;
    byId("badge-cups-server").value = settings.cupsServer ?? "";
    byId("badge-at-check-in").checked = Boolean(settings.printAtCheckIn);
    const where = settings.cupsServer ? `on ${settings.cupsServer}` : "on this computer";
    setText("badge-settings-result", printers.length ? "" : `No printer found ${where}: badges use the system dialog.`);
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
