// The sign-in form: validation messages per field, the 2FA code when the server asks for it.
import { session } from "../api.js";
import { byId, fieldMessages, setText, show } from "../dom.js";
import { t } from "../l10n.js";

const FIELDS = ["email", "password", "totp", "space", "server"];

const messages = fieldMessages({
  fields: Object.fromEntries(FIELDS.map((name) => [name, name])),
  errorId: "sign-in-error",
});

function showError(error) {
  setText("sign-in-error", error.message);
  show("sign-in-error", true);
  if (error.code === "two_factor_required") {
    show("totp-group", true);
    byId("totp").focus();
  } else if (error.code === "invalid_credentials") {
    byId("password").select();
    byId("password").focus();
  }
  messages.show(error.fields);
}

export function fillFromStatus(status) {
  if (status.email && !byId("email").value) byId("email").value = status.email;
  if (status.space && !byId("space").value) byId("space").value = status.space;
}

export function mountSignIn(onSignedIn) {
  const form = byId("sign-in-form");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    messages.clear();
    const button = byId("sign-in-button");
    button.disabled = true;
    setText("sign-in-button", t("sign-in-busy"));
    const value = (name) => byId(name).value.trim();
    try {
      const status = await session.signIn({
        email: value("email"),
        password: byId("password").value,
        totp: value("totp") || null,
        space: value("space") || null,
        server: value("server") || null,
      });
      byId("password").value = "";
      byId("totp").value = "";
      show("totp-group", false);
      onSignedIn(status);
    } catch (error) {
      showError(error);
    } finally {
      button.disabled = false;
      setText("sign-in-button", t("sign-in-submit"));
    }
  });
}
