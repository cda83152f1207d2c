// The organisation's policy (/etc/frontdesk/policy.toml): settings it locks are shown as set
// by the organisation and cannot be changed here (Rust refuses them too); its server and space
// fill the sign-in form; a file with a problem is said at the top of the window.
import { settings } from "../api.js";
import { byId, element, setText, show } from "../dom.js";
import { t } from "../l10n.js";

// The controls each policy key decides.
const CONTROLS = {
  server: ["server"],
  space: ["space"],
  location: ["settings-location", "location"],
  kiosk: ["pref-kiosk"],
  notifications: ["pref-notifications"],
  retention_days: ["pref-retention"],
  badge_printer: ["badge-printer"],
  label_size: ["badge-label"],
  print_badge_at_check_in: ["badge-at-check-in"],
  language: ["settings-language"],
};

function lock(control) {
  if (!control || control.dataset.locked) return;
  control.disabled = true;
  control.dataset.locked = "true";
  const note = element("span", "locked-note", t("policy-locked"));
  note.id = `${control.id}-locked`;
  control.setAttribute("aria-describedby", [control.getAttribute("aria-describedby"), note.id].filter(Boolean).join(" "));
  control.insertAdjacentElement("afterend", note);
}

/** Reads the policy once at start and applies it to the window. */
export async function applyPolicy() {
  const policy = await settings.policy().catch(() => null);
  if (!policy) return;
  // A kiosk's form has no server field to fill: its server is the one signed in before.
  const kiosk = document.body.dataset.kiosk === "true";
  if (policy.server && !kiosk && !byId("server").value) byId("server").value = policy.server;
  if (policy.space && !byId("space").value) byId("space").value = policy.space;
  for (const key of policy.locked) for (const id of CONTROLS[key] ?? []) lock(byId(id));
  setText("policy-problem", policy.problem ? t("policy-problem", { problem: policy.problem }) : "");
  show("policy-problem", Boolean(policy.problem));
}
