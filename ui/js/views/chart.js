// Today's arrivals by hour as SVG bars (attributes, not inline styles: the CSP forbids those),
// with the same numbers as text for screen readers.
import { setText } from "../dom.js";
import { t } from "../l10n.js";

const SVG = "http://www.w3.org/2000/svg";
const WIDTH = 600;
const HEIGHT = 120;
const LABEL_SPACE = 18;

function svg(tag, attributes) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  return node;
}

/** Rust's counts (`[{hour, arrived, expected}]`, hours of the location's day) as two maps. */
function hourly(counts) {
  const arrived = new Map();
  const expected = new Map();
  for (const { hour, arrived: came, expected: due } of counts ?? []) {
    if (came) arrived.set(hour, came);
    if (due) expected.set(hour, due);
  }
  return { arrived, expected };
}

/** Draws today's arrivals by hour, as counted by the core over the whole day. */
let drawnCounts = null;

export function drawChart(counts) {
  const chart = document.getElementById("arrivals-chart");
  if (!chart) return;
  // A keystroke in the search answers the same counts: the chart stays as it is.
  const key = JSON.stringify(counts ?? []);
  if (key === drawnCounts && chart.childElementCount) return;
  drawnCounts = key;
  const { arrived, expected } = hourly(counts);
  const hours = [...arrived.keys(), ...expected.keys()];
  const first = Math.min(8, ...hours);
  const last = Math.max(18, ...hours);
  const slots = last - first + 1;
  const slot = WIDTH / slots;
  const tallest = Math.max(1, ...[...Array(slots).keys()].map((i) => (arrived.get(first + i) ?? 0) + (expected.get(first + i) ?? 0)));
  const scale = (HEIGHT - LABEL_SPACE - 4) / tallest;
  const nodes = [];
  const summary = [];
  for (let i = 0; i < slots; i += 1) {
    const hour = first + i;
    const came = arrived.get(hour) ?? 0;
    const due = expected.get(hour) ?? 0;
    const x = i * slot + slot * 0.15;
    const width = slot * 0.7;
    const base = HEIGHT - LABEL_SPACE;
    if (came) nodes.push(svg("rect", { x, y: base - came * scale, width, height: came * scale, class: "bar-arrived" }));
    if (due) nodes.push(svg("rect", { x, y: base - (came + due) * scale, width, height: due * scale, class: "bar-expected" }));
    const label = svg("text", { x: x + width / 2, y: HEIGHT - 4, "text-anchor": "middle", class: "bar-label" });
    label.textContent = String(hour).padStart(2, "0");
    nodes.push(label);
    // The location's hour of the day, as the bars' labels write it (not a Date to format).
    const time = `${String(hour).padStart(2, "0")}:00`;
    if (came || due) summary.push(due ? t("chart-hour-expected", { time, arrived: came, expected: due }) : t("chart-hour", { time, arrived: came }));
  }
  chart.replaceChildren(...nodes);
  // The hours are a list (each one message), set into one sentence.
  setText("chart-summary", summary.length ? t("chart-summary", { hours: summary.join("; ") }) : t("chart-empty"));
}
