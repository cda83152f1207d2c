// The events Rust sends without being asked (src-tauri/src/events.rs names the same ones).
export const EVENTS = Object.freeze({
  arrival: "arrival",
  listChanged: "list-changed",
  queueChanged: "queue-changed",
  sessionChanged: "session-changed",
  showVisitor: "show-visitor",
  notice: "notice",
  updateChanged: "update-changed",
});
