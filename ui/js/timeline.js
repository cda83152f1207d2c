// The start-up timeline for the benchmarks: the page's own steps, on the wall clock Rust's
// milestones also use (performance.timeOrigin), sent once the list is painted, and only when
// the app says the benchmark asked (a desk never sends them).
import { app } from "./api.js";

const marks = [];
let reported = false;

/** Notes that the page reached `name` now. */
export function mark(name) {
  if (!reported && !marks.some((m) => m.name === name)) marks.push({ name, atMs: performance.timeOrigin + performance.now() });
}

/** Notes `name` once what was just drawn is on screen (after the next frame is painted). */
export function markPainted(name) {
  if (reported) return;
  requestAnimationFrame(() => setTimeout(() => mark(name), 0));
}

// The navigation's own steps: the first byte of index.html and DOMContentLoaded.
function navigationMarks() {
  const [navigation] = performance.getEntriesByType("navigation");
  if (!navigation) return [];
  const at = (offset) => performance.timeOrigin + offset;
  return [
    { name: "first_byte", atMs: at(navigation.responseStart) },
    { name: "dom_content_loaded", atMs: at(navigation.domContentLoadedEventStart) },
  ].filter((m) => m.atMs > performance.timeOrigin);
}

/** Sends the marks when `enabled` (the app's `milestones` flag), once the list is painted. */
export function reportWhenPainted(enabled) {
  if (!enabled || reported) return;
  const send = () => {
    if (!marks.some((m) => m.name === "list_painted")) return setTimeout(send, 50);
    reported = true;
    app.pageMilestones([...navigationMarks(), ...marks]).catch(() => {});
  };
  send();
}
