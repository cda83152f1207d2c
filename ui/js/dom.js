// Small DOM helpers. Text from the server is only ever set with textContent.

export const byId = (id) => document.getElementById(id);

export function setText(id, text) {
  const element = byId(id);
  if (element) element.textContent = text ?? "";
}

export function show(id, visible = true) {
  const element = byId(id);
  if (element) element.hidden = !visible;
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

export function localTime(value) {
  if (!value) return "";
  return new Date(value).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}
