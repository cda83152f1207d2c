//! The app's commands are declared in build.rs, registered in the invoke handler and granted
//! in the capability file; all three must name the same set, and nothing else may be granted
//! beyond event listening.

use std::collections::BTreeSet;

fn read(path: &str) -> String {
    std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).expect(path)
}

fn quoted_after(text: &str, marker: &str) -> BTreeSet<String> {
    let start = text.find(marker).expect(marker);
    let rest = &text[start..];
    let end = rest.find(']').expect("list end");
    rest[..end]
        .split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

#[test]
fn declared_registered_and_granted_commands_are_the_same() {
    let declared = quoted_after(&read("build.rs"), "commands(&[");
    let handler = read("src/lib.rs");
    let registered: BTreeSet<String> = handler
        .split("commands::")
        .skip(1)
        .filter_map(|part| part.split("::").nth(1))
        .map(|name| {
            name.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '_')
                .to_string()
        })
        .map(|name| {
            name.split(|c: char| !c.is_alphanumeric() && c != '_')
                .next()
                .unwrap_or_default()
                .to_string()
        })
        .collect();
    let capability: serde_json::Value =
        serde_json::from_str(&read("capabilities/main.json")).expect("json");
    let permissions: Vec<String> = capability["permissions"]
        .as_array()
        .expect("permissions")
        .iter()
        .filter_map(|p| p.as_str().map(str::to_string))
        .collect();
    let granted: BTreeSet<String> = permissions
        .iter()
        .filter_map(|p| p.strip_prefix("allow-"))
        .map(|p| p.replace('-', "_"))
        .collect();
    assert_eq!(declared, registered, "build.rs vs invoke handler");
    assert_eq!(declared, granted, "build.rs vs capability");
    let others: Vec<&String> = permissions
        .iter()
        .filter(|p| !p.starts_with("allow-"))
        .collect();
    assert_eq!(
        others,
        ["core:event:allow-listen", "core:event:allow-unlisten"],
        "nothing else is granted"
    );
}

#[test]
fn the_content_security_policy_stays_strict() {
    let config: serde_json::Value =
        serde_json::from_str(&read("../tauri.conf.json")).expect("json");
    let csp = config["app"]["security"]["csp"].as_str().expect("csp");
    assert!(csp.contains("script-src 'self'"), "{csp}");
    assert!(csp.contains("default-src 'self'"), "{csp}");
    assert!(
        !csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"),
        "{csp}"
    );
    let html = read("../ui/index.html");
    assert!(
        !html.contains("<script>") && !html.contains(" style=\"") && !html.contains("onclick"),
        "index.html has inline code"
    );
}

/// Every module is preloaded from index.html, so a new one cannot quietly add an import level
/// (a round trip through the custom protocol) to the path to the first paint.
#[test]
fn index_html_preloads_every_module() {
    let html = read("../ui/index.html");
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui");
    let mut missing = Vec::new();
    for folder in ["js", "js/views"] {
        for entry in std::fs::read_dir(root.join(folder))
            .expect("ui folder")
            .flatten()
        {
            let name = entry.file_name().to_string_lossy().to_string();
            if !name.ends_with(".js") || name == "main.js" {
                continue;
            }
            let href = format!("{folder}/{name}");
            if !html.contains(&format!("<link rel=\"modulepreload\" href=\"{href}\" />")) {
                missing.push(href);
            }
        }
    }
    assert!(
        missing.is_empty(),
        "not preloaded in index.html: {missing:?}"
    );
}
