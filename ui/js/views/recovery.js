// The recovery screen: shown instead of the desk when its data folder or database cannot be
// used (a damaged file, one from a newer version, a read-only file, a file where the folder
// should be). Every string from Rust is set as text.
import { recovery } from "../api.js";
import { byId, setText, show } from "../dom.js";
import { t } from "../l10n.js";

/** Shows the problem and waits for the person's choice. */
export function showRecovery(problem) {
  setText("recovery-message", problem.message);
  setText("recovery-path", problem.path || t("recovery-path-unknown"));
  setText("recovery-detail", problem.detail);
  show("recovery-screen", true);
  // A busy or unexplained failure is not the file's fault: only "Try again" is offered.
  show("recovery-start-fresh", problem.canMoveAside);
  show("recovery-retry", !problem.canMoveAside);
  const retry = byId("recovery-retry");
  retry.addEventListener("click", async () => {
    retry.disabled = true;
    setText("recovery-result", t("recovery-trying-again"));
    try {
      await recovery.retry();
      window.location.reload();
    } catch (error) {
      setText("recovery-result", error.message);
      retry.disabled = false;
    }
  });
  const fresh = byId("recovery-start-fresh");
  fresh.addEventListener("click", async () => {
    fresh.disabled = true;
    setText("recovery-result", t("recovery-moving-aside"));
    try {
      const moved = await recovery.startFresh();
      const line = moved.exportedTo
        ? t("recovery-moved-exported", { kept: moved.keptAt, count: moved.exported, file: moved.exportedTo })
        : t("recovery-moved", { kept: moved.keptAt });
      setText("recovery-result", line);
      setTimeout(() => window.location.reload(), 1500);
    } catch (error) {
      setText("recovery-result", error.message);
      fresh.disabled = false;
    }
  });
  byId("recovery-quit").addEventListener("click", () => recovery.quit().catch(() => window.close()));
  (problem.canMoveAside ? fresh : retry).focus();
}
