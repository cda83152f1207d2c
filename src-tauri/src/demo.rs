//! Demo mode (`FRONTDESK_DEMO=1`, set by `./x run`): signs in to the simulator's demo
//! reception account so the app opens ready to use.

use std::sync::Arc;

use frontdesk_core::account::{Accounts, SignInRequest};
use frontdesk_core::arrivals::Watcher;
use frontdesk_core::secrets::Secret;
use frontdesk_core::sync::SyncEngine;
use tauri::AppHandle;

use crate::error::UiError;
use crate::events::{emit, WindowEvent};

pub const DEMO_EMAIL: &str = "reception@frontdesk.test";
const DEMO_PASSWORD: &str = "frontdesk";

pub fn sign_in_if_needed(
    app: AppHandle,
    accounts: Arc<Accounts>,
    engine: Arc<SyncEngine>,
    watcher: Arc<Watcher>,
) {
    tauri::async_runtime::spawn(async move {
        match accounts.status().await {
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
        match accounts.sign_in(request).await {
            Ok(status) => {
                engine.wake();
                watcher.wake();
                emit(&app, WindowEvent::SessionChanged, status);
            }
            Err(error) => {
                tracing::warn!(%error, "demo sign-in failed");
                emit(&app, WindowEvent::Notice, UiError::from(error));
            }
        }
    });
}
