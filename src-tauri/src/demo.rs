//! Demo mode (`FRONTDESK_DEMO=1`, set by `./x run`): signs in to the simulator's demo
//! reception account so the app opens ready to use.

use frontdesk_core::account::SignInRequest;
use frontdesk_core::secrets::Secret;
use frontdesk_core::wiring::Core;
use tauri::AppHandle;

use crate::error::UiError;
use crate::events::{emit, WindowEvent};

pub const DEMO_EMAIL: &str = "reception@frontdesk.test";
const DEMO_PASSWORD: &str = "frontdesk";

pub fn sign_in_if_needed(app: AppHandle, core: Core) {
    tauri::async_runtime::spawn(async move {
        match core.accounts.status().await {
            Ok(status) if status.signed_in => return,
            Err(error) => tracing::warn!(%error, "demo: no session status"),
            Ok(_) => {}
        }
        let request = SignInRequest {
            email: DEMO_EMAIL.into(),
            password: Secret::new(DEMO_PASSWORD),
            totp: None,
            space: None,
            server: None,
        };
        match core.sign_in(request).await {
            Ok(status) => {
                emit(&app, WindowEvent::SessionChanged, status);
            }
            Err(error) => {
                tracing::warn!(%error, "demo sign-in failed");
                emit(&app, WindowEvent::Notice, UiError::from(error));
            }
        }
    });
}
