// Settings: mode, desk location, notifications (and a test), start at login, kiosk mode.
import { alerts, settings } from "../api.js";
import { byId, element, setText, show } from "../dom.js";
import { t } from "../l10n.js";

const CHECKS = { notifications: "pref-notifications", startAtLogin: "pref-start-at-login", kiosk: "pref-kiosk" };
let onError = () => {};

/** Kiosk mode as last saved: the sign-in form hides the server field, and a password guards
 * sign-out and leaving kiosk mode. */
export function applyKiosk(kiosk) {
  document.body.dataset.kiosk = String(Boolean(kiosk));
  show("kiosk-password-group", Boolean(kiosk));
  if (kiosk) byId("server").value = "";
}

/** What was typed for a kiosk-guarded action: the password and the authenticator code. */
export function kioskProof() {
  return { password: byId("kiosk-password").value || null, code: byId("kiosk-code").value.trim() || null };
}

/** Shows what Rust said about the kiosk password or code, and clears both after each use. */
export function showKioskPasswordProblem(error) {
  const password = error?.fields?.find((f) => f.field === "password");
  const code = error?.fields?.find((f) => f.field === "totp");
  setText("kiosk-password-message", password?.message ?? "");
  show("kiosk-password-message", Boolean(password));
  setText("kiosk-code-message", code?.message ?? "");
  show("kiosk-code-message", Boolean(code));
  byId("kiosk-code").value = "";
  if (!code) byId("kiosk-password").value = "";
  if (password) byId("kiosk-password").focus();
  else if (code) byId("kiosk-code").focus();
  return Boolean(password || code);
}

function fill(preferences) {
  for (const [key, id] of Object.entries(CHECKS)) byId(id).checked = Boolean(preferences[key]);
  byId("pref-retention").value = String(preferences.retentionDays ?? 30);
  applyKiosk(preferences.kiosk);
}

function showRetentionProblem(error) {
  const problem = error?.fields?.find((f) => f.field === "retentionDays");
  setText("pref-retention-message", problem?.message ?? "");
  show("pref-retention-message", Boolean(problem));
  if (problem) byId("pref-retention").setAttribute("aria-invalid", "true");
  else byId("pref-retention").removeAttribute("aria-invalid");
  return Boolean(problem);
}

async function save(changed) {
  const preferences = Object.fromEntries(Object.entries(CHECKS).map(([key, id]) => [key, byId(id).checked]));
  preferences.retentionDays = Number.parseInt(byId("pref-retention").value, 10) || 0;
  setText("settings-result", "");
  showRetentionProblem(null);
  try {
    const { password, code } = kioskProof();
    fill(await settings.set(preferences, password, code));
    showKioskPasswordProblem(null);
    setText("settings-result", t("settings-saved"));
  } catch (error) {
    // Refused (the OS, the kiosk password, the days): show what is really in effect.
    if (CHECKS[changed]) byId(CHECKS[changed]).checked = !byId(CHECKS[changed]).checked;
    if (!showKioskPasswordProblem(error) && !showRetentionProblem(error)) setText("settings-result", error.message);
  }
}

export async function enterSettings() {
  try {
    fill(await settings.get());
    fillLanguage(await settings.language());
  } catch (error) {
    onError(error);
  }
}

// Each language is named in itself, so a person who cannot read the current one finds theirs.
// "Automatic" says which language it gives now (the organisation's default, or the OS's).
let chosenLanguage = "";
function fillLanguage({ automatic: given, chosen, options }) {
  const select = byId("settings-language");
  const automatic = select.querySelector('option[value=""]');
  const now = options.find((option) => option.code === given)?.name ?? given;
  automatic.textContent = t("page-language-automatic-now", { language: now });
  const named = options.map(({ code, name }) => {
    const option = element("option", "", name);
    option.value = code;
    option.lang = code;
    return option;
  });
  select.replaceChildren(automatic, ...named);
  chosenLanguage = chosen ?? "";
  select.value = chosenLanguage;
  show("settings-language-apply", false);
}

// Choosing is one step and applying another: arrow keys on a closed list change its value,
// and a reload under the person's fingers would lose what they were typing elsewhere.
function languagePicked() {
  show("settings-language-apply", byId("settings-language").value !== chosenLanguage);
}

// The window is drawn again in the new language; what Rust holds (the queue, the list, the
// session) stays as it is.
async function applyLanguage() {
  const select = byId("settings-language");
  const apply = byId("settings-language-apply");
  setText("settings-language-message", "");
  show("settings-language-message", false);
  select.disabled = true;
  apply.disabled = true;
  try {
    await settings.setLanguage(select.value || null);
    window.location.reload();
  } catch (error) {
    const problem = error?.fields?.find((f) => f.field === "language");
    setText("settings-language-message", problem?.message ?? error.message);
    show("settings-language-message", true);
    select.disabled = Boolean(select.dataset.locked);
    apply.disabled = false;
    settings.language().then(fillLanguage, () => {});
  }
}

export function mountSettings(reportError) {
  onError = reportError;
  for (const [key, id] of Object.entries(CHECKS)) byId(id).addEventListener("change", () => save(key));
  byId("pref-retention").addEventListener("change", () => save("retentionDays"));
  byId("settings-language").addEventListener("change", languagePicked);
  byId("settings-language-apply").addEventListener("click", applyLanguage);
  byId("test-notification").addEventListener("click", async () => {
    setText("test-notification-result", t("settings-test-sending"));
    try {
      await alerts.sendTest();
      setText("test-notification-result", t("settings-test-sent"));
    } catch (error) {
      setText("test-notification-result", error.message);
    }
  });
}
