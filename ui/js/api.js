// The only module that talks to Rust. Every call resolves with data or rejects with
// `{code, message, fields?}`; screens never see Tauri directly.

const tauri = window.__TAURI__;

function normaliseError(error) {
  if (error && typeof error === "object" && "code" in error && "message" in error) {
    return error;
  }
  return { code: "unknown", message: String(error ?? "Something went wrong.") };
}

async function call(command, args = {}) {
  if (!tauri?.core?.invoke) {
    throw { code: "no_backend", message: "Front Desk's core is not available in this window." };
  }
  try {
    return await tauri.core.invoke(command, args);
  } catch (error) {
    throw normaliseError(error);
  }
}

export const app = {
  info: () => call("app_info"),
};
