// The only module that talks to Rust. Every call resolves with data or rejects with
// `{code, message, fields?}`; screens never see Tauri directly.
import { t } from "./l10n.js";

const tauri = window.__TAURI__;

// Without Rust there is no catalog either (it comes from Rust): t() then answers the id, and
// the English stays.
function inEnglishIfMissing(text, id, english) {
  return text === id ? english : text;
}

function normaliseError(error) {
  if (error && typeof error === "object" && "code" in error && "message" in error) {
    return error;
  }
  return { code: "unknown", message: String(error ?? inEnglishIfMissing(t("api-unknown-error"), "api-unknown-error", "Something went wrong.")) };
}

async function call(command, args = {}) {
  if (!tauri?.core?.invoke) {
    const message = inEnglishIfMissing(t("api-no-backend"), "api-no-backend", "Front Desk's core is not available in this window.");
    throw { code: "no_backend", message };
  }
  try {
    return await tauri.core.invoke(command, args);
  } catch (error) {
    throw normaliseError(error);
  }
}

/** Calls `handler(payload)` for each `name` event from Rust; answers an unsubscribe function. */
export async function on(name, handler) {
  if (!tauri?.event?.listen) return () => {};
  return tauri.event.listen(name, (event) => handler(event.payload));
}

export const app = {
  info: () => call("app_info"),
  catalog: () => call("l10n_catalog"),
  pageMilestones: (marks) => call("page_milestones", { marks }),
  pageReady: () => call("page_ready"),
  updateStatus: () => call("update_status"),
  restartToUpdate: () => call("restart_to_update"),
};

export const recovery = {
  problem: () => call("startup_problem"),
  startFresh: () => call("start_fresh"),
  retry: () => call("retry_start"),
  quit: () => call("quit"),
};

export const session = {
  status: () => call("session_status"),
  signIn: (form) => call("sign_in", { form }),
  signOut: (password = null, code = null, removeData = false, exportWaiting = false) =>
    call("sign_out", { password, code, removeData, exportWaiting }),
  setMode: (mode) => call("set_mode", { mode }),
};

export const desk = {
  locations: () => call("locations"),
  setLocation: (business) => call("set_location", { business }),
  savedLocation: () => call("desk_location"),
  // Today's list is kept in Rust: the window asks for what it shows (`query`: search, rows
  // per group, a visitor to focus); `fresh` reads the day again.
  today: (business, query, fresh = true) => call("today", { business, query, fresh }),
  refreshToday: (business, query) => call("refresh_today", { business, query }),
  onSiteNow: (business) => call("on_site_now", { business }),
  todayVisitor: (business, visitor) => call("today_visitor", { business, visitor }),
  unreadableToday: (business) => call("unreadable_today", { business }),
  checkIn: (visitor) => call("check_in", { visitor }),
  checkOut: (visitor) => call("check_out", { visitor }),
  scanCode: (business, text) => call("scan_code", { business, text }),
  answerApproval: (visitor, answer) => call("answer_approval", { visitor, answer }),
  register: (form) => call("register_visitor", { form }),
  upcoming: () => call("upcoming"),
  refreshUpcoming: () => call("refresh_upcoming"),
  cancel: (id) => call("cancel_registration", { id }),
  walkIn: (form) => call("walk_in", { form }),
  searchHosts: (text) => call("search_hosts", { text }),
  exportOnSite: (business) => call("export_on_site", { business }),
  badgePreview: (business, visitor) => call("badge_preview", { business, visitor }),
  printBadge: (business, visitor) => call("print_badge", { business, visitor }),
  badgeSettings: () => call("badge_settings"),
  setBadgeSettings: (settings) => call("set_badge_settings", { settings }),
  printers: () => call("printers"),
  visitorLog: (business, from, to) => call("visitor_log", { business, from, to }),
  exportVisitorLog: (business, from, to) => call("export_visitor_log", { business, from, to }),
};

export const queue = {
  status: () => call("queue_status"),
  list: (limit) => call("queue_list", { limit }),
  open: () => call("queue_open"),
  retry: (id) => call("queue_retry", { id }),
  edit: (id, operation) => call("queue_edit", { id, operation }),
  discard: (id) => call("queue_discard", { id }),
  syncNow: () => call("sync_now"),
};

export const settings = {
  get: () => call("preferences"),
  set: (preferences, password = null, code = null) => call("set_preferences", { preferences, password, code }),
  policy: () => call("policy"),
  language: () => call("language_settings"),
  setLanguage: (language) => call("set_language", { language }),
};

export const alerts = {
  sendTest: () => call("send_test_notification"),
  userActive: () => call("user_active"),
};
