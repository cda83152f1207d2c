// Settings: mode, desk location, notifications (and a test), start at login, kiosk mode.
import { alerts, settings } from "../api.js";
import { byId, setText } from "../dom.js";

const CHECKS = { notifications: "pref-notifications", startAtLogin: "pref-start-at-login", kiosk: "pref-kiosk" };
let onError = () => {};

function fill(preferences) {
  for (const [key, id] of Object.entries(CHECKS)) byId(id).checked = Boolean(preferences[key]);
}

async function save(changed) {
  const preferences = Object.fromEntries(Object.entries(CHECKS).map(([key, id]) => [key, byId(id).checked]));
  setText("settings-result", "");
  try {
    fill(await settings.set(preferences));
    setText("settings-result", "Saved.");
  } catch (error) {
    // The OS refused: show what is really in effect.
    byId(CHECKS[changed]).checked = !byId(CHECKS[changed]).checked;
    setText("settings-result", error.message);
  }
}

export async function enterSettings() {
  try {
    fill(await settings.get());
  } catch (error) {
    onError(error);
  }
}

export function mountSettings(reportError) {
  onError = reportError;
  for (const [key, id] of Object.entries(CHECKS)) byId(id).addEventListener("change", () => save(key));
  byId("test-notification").addEventListener("click", async () => {
    setText("test-notification-result", "Sending…");
    try {
      await alerts.sendTest();
      setText("test-notification-result", "Sent. You should see it on your desktop.");
    } catch (error) {
      setText("test-notification-result", error.message);
    }
  });
}
