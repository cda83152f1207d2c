// "On site now": the evacuation list, from the local list so it works offline; printable and
// saved as CSV.
import { desk } from "../api.js";
import { button, byId, dateFormat, element, localTime, setText, show } from "../dom.js";
import { locale, t, tAttr } from "../l10n.js";
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
  here.sort((a, b) => a.fullName.localeCompare(b.fullName, locale()));
  const rows = here.map((visitor) => {
    const tr = element("tr");
    const name = element("th", "", visitor.fullName);
    name.scope = "row";
    const badgeCell = element("td", "no-print");
    const open = button(t("on-site-badge"), "button-quiet-dark", tAttr("on-site-badge", "aria-label", { name: visitor.fullName }));
    open.addEventListener("click", () => openBadge(visitor, currentBusiness()));
    badgeCell.append(open);
    tr.append(name, element("td", "", visitor.company ?? ""), element("td", "", visitor.hostName ?? ""), element("td", "", localTime(visitor.arrivedAt)), badgeCell);
    return tr;
  });
  byId("on-site-rows").replaceChildren(...rows);
  setText("evacuation-count", `(${here.length})`);
  show("on-site-empty", here.length === 0);
  // In the location's zone, like the arrival times above it.
  const time = dateFormat({ hour: "2-digit", minute: "2-digit" }).format(new Date());
  setText("on-site-as-of", t("on-site-as-of", { time }));
}

async function exportCsv() {
  const business = currentBusiness();
  if (business == null) return;
  setText("export-result", t("on-site-saving"));
  try {
    const path = await desk.exportOnSite(business);
    setText("export-result", t("on-site-saved", { path }));
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
