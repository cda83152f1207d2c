fn main() {
    // generate_context! and the capability files do not notice new files on their own.
    println!("cargo:rerun-if-changed=../ui");
    println!("cargo:rerun-if-changed=../tauri.conf.json");
    println!("cargo:rerun-if-changed=capabilities");
    // Declaring the app's commands makes each one need an explicit grant in a capability
    // file, so the webview can call only what `capabilities/` lists.
    let manifest = tauri_build::AppManifest::new().commands(&[
        "app_info",
        "page_milestones",
        "page_ready",
        "startup_problem",
        "start_fresh",
        "retry_start",
        "quit",
        "session_status",
        "sign_in",
        "sign_out",
        "set_mode",
        "queue_status",
        "queue_list",
        "queue_open",
        "queue_retry",
        "queue_edit",
        "queue_discard",
        "sync_now",
        "today",
        "refresh_today",
        "unreadable_today",
        "on_site_now",
        "today_visitor",
        "check_in",
        "check_out",
        "scan_code",
        "answer_approval",
        "badge_preview",
        "print_badge",
        "badge_settings",
        "set_badge_settings",
        "printers",
        "visitor_log",
        "export_visitor_log",
        "walk_in",
        "register_visitor",
        "cancel_registration",
        "upcoming",
        "refresh_upcoming",
        "locations",
        "set_location",
        "desk_location",
        "search_hosts",
        "export_on_site",
        "preferences",
        "set_preferences",
        "policy",
        "language_settings",
        "set_language",
        "l10n_catalog",
        "send_test_notification",
        "user_active",
        "update_status",
        "restart_to_update",
    ]);
    if let Err(error) =
        tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
    {
        eprintln!("tauri build step failed: {error:#}");
        std::process::exit(1);
    }
}
