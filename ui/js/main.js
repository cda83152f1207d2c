import { app } from "./api.js";

// Server strings are always set as text, never parsed as HTML.
function setText(id, text) {
  const element = document.getElementById(id);
  if (element) element.textContent = text;
}

async function start() {
  try {
    const info = await app.info();
    if (info.demo) {
      setText("server-address", info.server);
      document.getElementById("demo-banner").hidden = false;
    }
    setText("status", `Front Desk ${info.version} is ready. Server: ${info.server}`);
  } catch (error) {
    setText("status", error.message);
  }
}

start();
