// The window's start-up. Rust holds back work that can wait (the retention purge) until the
// first screen is painted, so on a 2-core desk PC it does not take the CPU from the window
// while it starts; `firstScreenPainted` says when.
// And the benchmark's timeline: the page's own steps, on the wall clock Rust's milestones also
// use (performance.timeOrigin), sent once the list is painted, and only when the app says the
// benchmark asked (a desk never sends them).
import { app } from "./api.js";

// A hidden window (started in the tray) paints no frames: it waits this long at most.
const PAINT_WAIT_MS = 300;

/** Resolves once what was drawn so far is on screen (the frame after it is painted). */
export function afterPaint() {
  return new Promise((resolve) => {
    requestAnimationFrame(() => setTimeout(resolve, 0));
    setTimeout(resolve, PAINT_WAIT_MS);
  });
}

let ready = false;

/** The home screen (today's list, the host's visits, or the sign-in form) is drawn. */
export function firstScreenPainted() {
  if (ready) return;
  ready = true;
  afterPaint().then(() => app.pageReady().catch(() => {}));
}

const marks = [];
let reported = false;

/** Notes that the page reached `name` now. */
export function mark(name) {
  if (!reported && !marks.some((m) => m.name === name)) marks.push({ name, atMs: performance.timeOrigin + performance.now() });
}

/** Notes `name` once what was just drawn is on screen: the next frame, with no time cap.
 * `frameName`, if given, notes when that frame's rendering began (its animation callbacks),
 * which tells waiting for the frame from painting it. */
export function markPainted(name, frameName = null) {
  if (reported) return;
  requestAnimationFrame(() => {
    if (frameName) mark(frameName);
    setTimeout(() => mark(name), 0);
  });
}

// The navigation's own step: DOMContentLoaded (every module loaded and run). The custom
// protocol leaves the request and response times of index.html at zero.
function navigationMarks() {
  const [navigation] = performance.getEntriesByType("navigation");
  if (!navigation?.domContentLoadedEventStart) return [];
  return [{ name: "dom_content_loaded", atMs: performance.timeOrigin + navigation.domContentLoadedEventStart }];
}

/** Sends the marks when `enabled` (the app's `milestones` flag), once the list is painted. */
export function reportWhenPainted(enabled) {
  if (!enabled || reported) return;
  // A start with no list (host mode, signed out, an empty day) sends what it has after a minute.
  const giveUpAt = Date.now() + 60_000;
  const send = () => {
    if (!marks.some((m) => m.name === "list_painted") && Date.now() < giveUpAt) return setTimeout(send, 50);
    reported = true;
    app.pageMilestones([...navigationMarks(), ...marks]).catch(() => {});
  };
  send();
}
