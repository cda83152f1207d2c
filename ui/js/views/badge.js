// A visitor badge, previewed in a dialog and printed through the system print dialog.
import { byId, setText } from "../dom.js";

export function openBadge(visitor) {
  setText("badge-name", visitor.fullName);
  setText("badge-company", visitor.company ?? "");
  setText("badge-host", visitor.hostName ? `Visiting ${visitor.hostName}` : "");
  const day = new Date(visitor.arrivedAt ?? visitor.expectedAt ?? Date.now());
  setText("badge-date", day.toLocaleDateString([], { weekday: "long", day: "numeric", month: "long", year: "numeric" }));
  setText("badge-code", visitor.visitorCode ? `Code ${visitor.visitorCode}` : "");
  const dialog = byId("badge-dialog");
  if (!dialog.open) dialog.showModal();
  byId("badge-print").focus();
}

/** Prints one part of the page: the stylesheet's print rules follow `data-print`. */
export function printPart(part) {
  document.body.dataset.print = part;
  window.print();
}

export function mountBadge() {
  window.addEventListener("afterprint", () => delete document.body.dataset.print);
  byId("badge-close").addEventListener("click", () => byId("badge-dialog").close());
  byId("badge-print").addEventListener("click", () => printPart("badge"));
}
