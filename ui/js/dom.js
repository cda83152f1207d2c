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
