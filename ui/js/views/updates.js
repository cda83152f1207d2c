// Updates: the bar under the header says what the updater is doing (a download's progress, an
// update ready, a refusal) and offers "Restart to update". Rust decides everything; the page
// only shows its status (src-tauri/src/updates.rs).
import { app, on } from "../api.js";
import { byId, setText, show } from "../dom.js";
import { EVENTS } from "../events.js";
import { t } from "../l10n.js";

// Megabytes as a number: the catalog shows it with one decimal, in the desk's language.
const megabytes = (bytes) => bytes / 1048576;

/** The bar's text, and whether it offers the restart, for one status. */
export function describeUpdate(status) {
  switch (status?.state) {
    case "downloading": {
      const args = { version: status.version, received: megabytes(status.received) };
      const text = status.total
        ? t("updates-downloading-of", { ...args, total: megabytes(status.total) })
        : t("updates-downloading", args);
      return { text };
    }
    case "ready":
      return { text: t("updates-ready", { version: status.version, count: status.waitingChanges }), restart: true };
    case "installing":
      return { text: t("updates-installing", { version: status.version }) };
    case "failed":
      // Only an update that was found and then refused or not installed is the desk's news;
      // a feed that cannot be reached is said in Settings, for whoever looks after the desk.
      return status.version ? { text: status.message, problem: true, restart: Boolean(status.retry) } : null;
    default:
      return null;
  }
}

/** The line in Settings: where updates stand, whatever the bar shows. */
export function updateSummary(status) {
  switch (status?.state) {
    case "off":
      return status.reason;
    case "checking":
      return t("updates-summary-checking");
    case "upToDate":
      return t("updates-summary-up-to-date", { version: status.current });
    case "failed":
      return t("updates-summary-failed", { problem: status.message });
    case "notChecked":
    case undefined:
      return t("updates-summary-not-checked");
    default:
      return t("updates-summary-status", { status: describeUpdate(status)?.text ?? "" });
  }
}

function showUpdate(status) {
  setText("update-summary", updateSummary(status));
  const shown = describeUpdate(status);
  const bar = byId("update-bar");
  show("update-bar", Boolean(shown));
  if (!shown) return;
  setText("update-text", shown.text);
  bar.classList.toggle("problem", Boolean(shown.problem));
  bar.setAttribute("role", shown.problem ? "alert" : "status");
  show("restart-to-update", Boolean(shown.restart));
  // Each status that offers the restart offers it afresh (after a failed install, say).
  byId("restart-to-update").disabled = !shown.restart;
}

/** Shows the updater's status now and as it changes. */
export async function mountUpdates(onError) {
  const restart = byId("restart-to-update");
  restart.addEventListener("click", async () => {
    restart.disabled = true;
    try {
      await app.restartToUpdate();
    } catch (error) {
      onError(error);
      restart.disabled = false;
    }
  });
  await on(EVENTS.updateChanged, showUpdate);
  showUpdate(await app.updateStatus().catch(() => null));
}
