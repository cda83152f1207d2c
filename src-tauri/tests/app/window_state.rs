//! The window opens where and as large as it was left (a reception PC is set up once).

use crate::e2e::{launch, Launch};

#[tokio::test]
async fn the_window_comes_back_at_the_size_it_was_left() {
    let config =
        std::env::temp_dir().join(format!("frontdesk-window-state-{}", std::process::id()));
    std::fs::create_dir_all(&config).expect("config dir");

    let first = launch(Launch {
        config_home: Some(config.clone()),
        ..Launch::default()
    })
    .await;
    first
        .wait_for_text("Sign in with your Nexudus account")
        .await;
    first
        .browser
        .set_window_size(1000, 700)
        .await
        .expect("resize");
    let resized = first.browser.get_window_size().await.expect("size");
    assert_eq!(resized, (1000, 700));
    // The app saves once the window has stopped changing.
    tokio::time::sleep(std::time::Duration::from_secs(1)).await;
    first.finish().await;

    let saved = config.join("app.frontdesk.reception/.window-state.json");
    let deadline = std::time::Instant::now() + crate::e2e::WAIT;
    while !saved.exists() {
        if std::time::Instant::now() > deadline {
            let found: Vec<_> = walk(&config);
            panic!("no window state saved at {}: {found:?}", saved.display());
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }

    let second = launch(Launch {
        config_home: Some(config.clone()),
        ..Launch::default()
    })
    .await;
    second
        .wait_for_text("Sign in with your Nexudus account")
        .await;
    let size = second.browser.get_window_size().await.expect("size");
    assert_eq!(size, (1000, 700), "the size it was left at");
    second.finish().await;
    let _ = std::fs::remove_dir_all(&config);
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(walk(&path));
        } else {
            found.push(path);
        }
    }
    found
}
