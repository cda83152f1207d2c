// Scan to check in. A USB barcode or QR scanner types like a keyboard and ends with Enter;
// Enter sends the field to Rust, which matches it against today's list (from the cache, so it
// works offline) and checks the visitor in when nothing stands in the way. The answer is shown
// large, with a sound, and the field is cleared for the next scan.
import { desk } from "../api.js";
import { byId, setText, show } from "../dom.js";
import { t } from "../l10n.js";

const SHOWN_MS = 8000;
let hideTimer = null;
let audio = null;

// A short tone: one rising note for "welcome", two low ones for "look here". A desk PC with
// no sound device just stays silent.
function cue(ok) {
  try {
    audio ??= new AudioContext();
    const notes = ok ? [[880, 0]] : [[330, 0], [262, 0.18]];
    for (const [frequency, delay] of notes) {
      const tone = audio.createOscillator();
      const volume = audio.createGain();
      tone.frequency.value = frequency;
      volume.gain.value = 0.15;
      tone.connect(volume).connect(audio.destination);
      const start = audio.currentTime + delay;
      tone.start(start);
      tone.stop(start + 0.15);
    }
  } catch {
    // No audio here; the message says it all.
  }
  byId("scan-result").dataset.cue = ok ? "ok" : "problem";
}

function showResult(result) {
  const box = byId("scan-result");
  const ok = result.outcome === "checked_in";
  box.dataset.outcome = result.outcome;
  box.classList.toggle("scan-ok", ok);
  box.classList.toggle("scan-problem", !ok);
  setText("scan-message", result.message);
  const visitor = result.visitor;
  setText(
    "scan-detail",
    visitor
      ? [
          visitor.company,
          visitor.hostName && t("scan-detail-host", { name: visitor.hostName }),
          // A string: a code is not a number to format ("012345", no grouping).
          result.code && t("scan-detail-code", { code: String(result.code) }),
        ]
          .filter(Boolean)
          .join(" · ")
      : "",
  );
  show("scan-result", true);
  cue(ok);
  clearTimeout(hideTimer);
  hideTimer = setTimeout(() => show("scan-result", false), SHOWN_MS);
}

/** Puts the cursor in the scan field, ready for the next scan. */
export function focusScan() {
  const field = byId("scan-code");
  if (!field.closest("[hidden]")) field.focus();
}

/**
 * `currentBusiness()` is the location shown; `afterCheckIn()` redraws the list;
 * `onCheckedIn(visitor)` hands the checked-in visitor on (the badge printer).
 */
export function mountScan({ currentBusiness, afterCheckIn, onCheckedIn, onError }) {
  const field = byId("scan-code");
  // One scan at a time, in the order scanned: a code scanned twice quickly is checked in once
  // and then said to be on site.
  let queue = Promise.resolve();
  const handle = async (text, business) => {
    try {
      const result = await desk.scanCode(business, text);
      showResult(result);
      if (result.outcome === "checked_in") {
        await afterCheckIn();
        if (result.visitor) await onCheckedIn(result.visitor, { fromScan: true });
      }
    } catch (error) {
      onError(error);
      cue(false);
    } finally {
      focusScan();
    }
  };
  byId("scan-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = field.value;
    // Cleared at once: a scanner may send the next code while this one is answered.
    field.value = "";
    const business = currentBusiness();
    if (business == null) return;
    queue = queue.then(() => handle(text, business));
  });
}
