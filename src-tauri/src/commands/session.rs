use frontdesk_core::account::{Mode, SessionStatus, SignInRequest};
use frontdesk_core::kiosk::Proof;
use frontdesk_core::secrets::Secret;
use frontdesk_core::session::{self, Removal};
use serde::Deserialize;
use tauri::State;

use crate::error::UiError;
use crate::state::AppState;

/// The sign-in form as the UI sends it. The password becomes a `Secret` at once.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SignInForm {
    email: String,
    password: String,
    totp: Option<String>,
    space: Option<String>,
    server: Option<String>,
}

impl From<SignInForm> for SignInRequest {
    fn from(form: SignInForm) -> Self {
        SignInRequest {
            email: form.email,
            password: Secret::new(form.password),
            totp: form.totp,
            space: form.space,
            server: form.server,
        }
    }
}

#[tauri::command]
pub async fn session_status(state: State<'_, AppState>) -> Result<SessionStatus, UiError> {
    Ok(state.core.accounts.status().await?)
}

#[tauri::command]
pub async fn sign_in(
    state: State<'_, AppState>,
    form: SignInForm,
) -> Result<SessionStatus, UiError> {
    Ok(state.core.sign_in(form.into()).await?)
}

/// In kiosk mode only with the account's password (and authenticator code, for an account
/// with two-factor sign-in). `removeData` also removes this account's visitor data from the
/// computer: refused while changes wait, unless `exportWaiting` saves them to a file in the
/// export folder (Downloads) first.
#[tauri::command]
pub async fn sign_out(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    password: Option<String>,
    code: Option<String>,
    remove_data: Option<bool>,
    export_waiting: Option<bool>,
) -> Result<SessionStatus, UiError> {
    let proof = Proof::new(password, code);
    let folder = crate::desktop::export_dir(&app);
    let removal = match (remove_data, export_waiting) {
        (Some(true), Some(true)) => Removal::ExportWaitingTo(&folder),
        (Some(true), _) => Removal::Remove,
        _ => Removal::Keep,
    };
    let status = session::sign_out(
        &state.core.accounts,
        &state.core.store,
        proof.as_ref(),
        removal,
    )
    .await?;
    state.core.desk.forget_today();
    Ok(status)
}

#[tauri::command]
pub async fn set_mode(state: State<'_, AppState>, mode: Mode) -> Result<SessionStatus, UiError> {
    Ok(state.core.set_mode(mode).await?)
}
