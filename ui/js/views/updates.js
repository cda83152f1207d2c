// Updates: the bar under the header says what the updater is doing (a download's progress, an
// update ready, a refusal) and offers "Restart to update". Rust decides everything; the page
// only shows its status (src-tauri/src/updates.rs).
import { app, on } from "../api.js";
import { byId, setText, show } from "../dom.js";
import { EVENTS } from "../events.js";

const megabytes = (bytes) => (bytes / 1048576).toFixed(1);

function waitingLine(count) {
  if (count === 0) return "It installs when nobody has used this desk for ten minutes.";
  const changes = count === 1 ? "1 change waits" : `${count} changes wait`;
  return `It installs once nothing waits to be sent (${changes}) and nobody has used this desk for ten minutes. Waiting changes are kept either way.`;
}

/** The bar's text, and whether it offers the restart, for one status. */
export function describeUpdate(status) {
  switch (status?.state) {
    case "downloading": {
      const total = status.total ? ` of ${megabytes(status.total)} MB` : " MB";
      return { text: `Downloading Front Desk ${status.version}: ${megabytes(status.received)}${total}…` };
    }
    case "ready":
      return { text: `Front Desk ${status.version} is ready. ${waitingLine(status.waitingChanges)}`, restart: true };
    case "installing":
      return { text: `Installing Front Desk ${status.version}. The window opens again in a moment.` };
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
      return "Updates: looking for a new version…";
    case "upToDate":
      return `Updates: this is the newest version (${status.current}).`;
    case "failed":
      return `Updates: ${status.message}`;
    case "notChecked":
    case undefined:
      return "Updates: not looked for yet.";
    default:
      return `Updates: ${describeUpdate(status)?.text ?? ""}`;
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
