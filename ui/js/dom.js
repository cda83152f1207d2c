// Small DOM helpers. Text from the server is only ever set with textContent.
import { locale as deskLocale } from "./l10n.js";

export const byId = (id) => document.getElementById(id);

export function setText(id, text) {
  const element = byId(id);
  if (element) element.textContent = text ?? "";
}

export function show(id, visible = true) {
  const element = byId(id);
  if (element) element.hidden = !visible;
}

/**
 * A form's messages per field, each a whole sentence in the desk's language as the core words
 * it ("Email is not a valid email address"). `fields` maps the core's field names to input
 * ids; a message shows in `${id}-message` (or in `messageIds[field]`, without marking the
 * input), and one about a field the form has no input for shows in `otherId` when given.
 * `errorId` is the form's general message, hidden by clear().
 */
export function fieldMessages({ fields, errorId = null, otherId = null, messageIds = {}, focus = true }) {
  const messageOf = (field) => messageIds[field] ?? `${fields[field]}-message`;
  return {
    clear() {
      if (errorId) show(errorId, false);
      for (const [field, id] of Object.entries(fields)) {
        byId(id)?.removeAttribute("aria-invalid");
        setText(messageOf(field), "");
        show(messageOf(field), false);
      }
    },
    show(problems = []) {
      for (const { field, message: text } of problems) {
        if (!(field in fields)) {
          if (otherId) {
            setText(otherId, text);
            show(otherId, true);
          }
          continue;
        }
        setText(messageOf(field), text);
        show(messageOf(field), true);
        if (!(field in messageIds)) byId(fields[field])?.setAttribute("aria-invalid", "true");
      }
      const first = problems.find(({ field }) => field in fields && !(field in messageIds));
      if (focus && first) byId(fields[first.field])?.focus();
    },
  };
}

/** A new element with a class and text (text only: never HTML). */
export function element(tag, className = "", text = "") {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}

/** A button whose accessible name can say which visitor it acts on. */
export function button(text, className, label = "") {
  const node = element("button", `button ${className}`, text);
  node.type = "button";
  if (label) node.setAttribute("aria-label", label);
  return node;
}

// Reception shows times in its location's zone (the desk computer's may differ); undefined is
// the computer's own zone.
let displayZone;

export function setDisplayZone(zone) {
  displayZone = zone || undefined;
}

/** The zone times are shown in (part of what a drawn row shows). */
export const displayZoneName = () => displayZone ?? "";

// An Intl.DateTimeFormat costs far more to build than to use (ICU loads the locale and the
// zone each time): one per shape and zone, reused, keeps a 5,000-visitor day's render in
// milliseconds and its memory flat.
const formatters = new Map();

/** A shared formatter for `options` (in the display zone unless `options.timeZone` is given). */
export function dateFormat(options, locale = deskLocale()) {
  const resolved = { timeZone: displayZone, ...options };
  const key = `${locale ?? ""}|${JSON.stringify(resolved)}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, resolved);
    formatters.set(key, format);
  }
  return format;
}

export function localTime(value) {
  if (!value) return "";
  return dateFormat({ hour: "2-digit", minute: "2-digit" }).format(new Date(value));
}

/** Fills a `<select>` with `{id, name}` items (names as text). */
export function fillOptions(select, items) {
  select.replaceChildren(
    ...items.map((item) => {
      const option = element("option", "", item.name);
      option.value = String(item.id);
      return option;
    }),
  );
}

/** On click runs `action` with the button disabled; a failure is reported and re-enables it. */
export function onAction(control, action, onError) {
  control.addEventListener("click", async () => {
    control.disabled = true;
    try {
      await action();
    } catch (error) {
      onError(error);
      control.disabled = false;
    }
  });
}

// Buttons armed for confirmation, by what they act on (their name unless told), until when: a list redrawn between the
// two clicks (a poll brought news) must not swallow the first one.
const armedUntil = new Map();
const CONFIRM_MS = 6000;

/**
 * Two steps, in the page (no system dialog): the first click asks — the button's text and
 * name change to `confirm` — and only a second click within a few seconds runs `action`.
 */
export function onConfirmedAction(control, { text, label, confirmText, confirmLabel, key = label }, action, onError) {
  let armed = false;
  const disarm = () => {
    armed = false;
    armedUntil.delete(key);
    control.textContent = text;
    control.setAttribute("aria-label", label);
  };
  const arm = (until) => {
    armed = true;
    armedUntil.set(key, until);
    control.textContent = confirmText;
    control.setAttribute("aria-label", confirmLabel);
    setTimeout(() => control.isConnected && armed && disarm(), Math.max(0, until - Date.now()));
  };
  // The same button, redrawn while it was armed, is still armed.
  const until = armedUntil.get(key) ?? 0;
  if (until > Date.now()) arm(until);
  control.addEventListener("click", async () => {
    if (!armed) {
      arm(Date.now() + CONFIRM_MS);
      return;
    }
    control.disabled = true;
    try {
      armedUntil.delete(key);
      await action();
    } catch (error) {
      onError(error);
      control.disabled = false;
      disarm();
    }
  });
}

/**
 * Makes `parent`'s children exactly `nodes`, moving as little as possible: rows that stay keep
 * their place, so focus inside them and the scroll position survive a refresh.
 */
export function syncChildren(parent, nodes) {
  const wanted = new Set(nodes);
  for (const child of [...parent.children]) if (!wanted.has(child)) child.remove();
  nodes.forEach((node, index) => {
    const there = parent.children[index];
    if (there !== node) parent.insertBefore(node, there ?? null);
  });
}
