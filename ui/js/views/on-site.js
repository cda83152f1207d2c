// "On site now": the evacuation list, from the local list so it works offline; printable and
// saved as CSV.
import { desk } from "../api.js";
import { button, byId, element, localTime, setText, show } from "../dom.js";
import { openBadge, printPart } from "./badge.js";
import { currentBusiness, onTodayChanged } from "./reception.js";

let onError = () => {};

// Only the latest answer is drawn (reads overlap when the list changes quickly).
let asked = 0;

async function refresh() {
  const business = currentBusiness();
  if (business == null) return;
  const number = ++asked;
  const here = await desk.onSiteNow(business).catch((error) => {
    onError(error);
    return null;
  });
  if (here && number === asked) render(here);
}

/** Everyone on site, by name in the desk's language. */
function render(here) {
  here.sort((a, b) => a.fullName.localeCompare(b.fullName));
  const rows = here.map((visitor) => {
    const tr = element("tr");
    const name = element("th", "", visitor.fullName);
    name.scope = "row";
    const badgeCell = element("td", "no-print");
    const open = button("Badge", "button-quiet-dark", `Badge for ${visitor.fullName}`);
    open.addEventListener("click", () => openBadge(visitor, currentBusiness()));
    badgeCell.append(open);
    tr.append(name, element("td", "", visitor.company ?? ""), element("td", "", visitor.hostName ?? ""), element("td", "", localTime(visitor.arrivedAt)), badgeCell);
    return tr;
  });
  byId("on-site-rows").replaceChildren(...rows);
  setText("evacuation-count", `(${here.length})`);
  show("on-site-empty", here.length === 0);
  setText("on-site-as-of", `As of ${new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })}, from this desk's list (includes changes not yet synced).`);
}

async function exportCsv() {
  const business = currentBusiness();
  if (business == null) return;
  setText("export-result", "Saving…");
  try {
    const path = await desk.exportOnSite(business);
    setText("export-result", `Saved to ${path}`);
  } catch (error) {
    setText("export-result", "");
    onError(error);
  }
}

export function mountOnSite(reportError) {
  onError = reportError;
  onTodayChanged(refresh);
  byId("print-on-site").addEventListener("click", () => printPart("on-site"));
  byId("export-on-site").addEventListener("click", exportCsv);
}
