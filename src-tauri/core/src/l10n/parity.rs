//! Every catalog has every message, attribute and variable English has, and no others: a key
//! missing in one language would show English (or its id) in the middle of that language, and
//! a variable missing would drop a visitor's name from a sentence.

use std::collections::{BTreeMap, BTreeSet};

use fluent_syntax::ast;

use super::Language;

/// Each message and term (`-name`) with its attributes (`id.attr`), and the variables it uses.
type Shape = BTreeMap<String, BTreeSet<String>>;

fn shape(language: Language) -> Shape {
    let mut shape = Shape::new();
    for (text, file) in language.catalogs().iter().zip(super::CATALOG_FILES) {
        file_shape(text, &format!("{}/{file}", language.code()), &mut shape);
    }
    shape
}

/// Adds `text`'s entries to `shape`; an id already there (from another file) fails.
fn file_shape(text: &str, name: &str, shape: &mut Shape) {
    let resource = fluent_syntax::parser::parse(text)
        .unwrap_or_else(|(_, errors)| panic!("{name} does not parse: {errors:?}"));
    for entry in &resource.body {
        let (id, value, attributes) = match entry {
            ast::Entry::Message(message) => (
                message.id.name.to_string(),
                message.value.as_ref(),
                &message.attributes,
            ),
            ast::Entry::Term(term) => (
                format!("-{}", term.id.name),
                Some(&term.value),
                &term.attributes,
            ),
            _ => continue,
        };
        assert!(
            !shape.contains_key(&id),
            "{name}: {id} is in another file too"
        );
        let mut variables = BTreeSet::new();
        if let Some(pattern) = value {
            pattern_variables(pattern, &mut variables);
        }
        shape.insert(id.clone(), variables);
        for attribute in attributes {
            let mut variables = BTreeSet::new();
            pattern_variables(&attribute.value, &mut variables);
            shape.insert(format!("{id}.{}", attribute.id.name), variables);
        }
    }
}

fn pattern_variables(pattern: &ast::Pattern<&str>, into: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_variables(expression, into);
        }
    }
}

fn expression_variables(expression: &ast::Expression<&str>, into: &mut BTreeSet<String>) {
    match expression {
        ast::Expression::Select { selector, variants } => {
            inline_variables(selector, into);
            for variant in variants {
                pattern_variables(&variant.value, into);
            }
        }
        ast::Expression::Inline(inline) => inline_variables(inline, into),
    }
}

fn inline_variables(inline: &ast::InlineExpression<&str>, into: &mut BTreeSet<String>) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            into.insert(id.name.to_string());
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            arguments_variables(arguments, into);
        }
        ast::InlineExpression::TermReference {
            arguments: Some(arguments),
            ..
        } => arguments_variables(arguments, into),
        ast::InlineExpression::Placeable { expression } => expression_variables(expression, into),
        _ => {}
    }
}

fn arguments_variables(arguments: &ast::CallArguments<&str>, into: &mut BTreeSet<String>) {
    for positional in &arguments.positional {
        inline_variables(positional, into);
    }
    for named in &arguments.named {
        inline_variables(&named.value, into);
    }
}

#[test]
fn every_catalog_has_englishs_messages_with_the_same_variables() {
    let english = shape(Language::En);
    assert!(english.len() > 10, "the English catalog looks empty");
    for language in Language::SHIPPED {
        let other = shape(language);
        let missing: Vec<&String> = english.keys().filter(|k| !other.contains_key(*k)).collect();
        let extra: Vec<&String> = other.keys().filter(|k| !english.contains_key(*k)).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{}: missing {missing:?}, not in English {extra:?}",
            language.code()
        );
        for (id, variables) in &english {
            assert_eq!(
                other.get(id),
                Some(variables),
                "{}: {id} has other variables than English",
                language.code()
            );
        }
    }
}

#[test]
fn the_parity_check_sees_a_missing_variable() {
    // The check itself can fail: a catalog that drops `$name` has another shape.
    let dropped = fluent_syntax::parser::parse("alert-arrived = Ha llegado\n")
        .unwrap_or_else(|(resource, _)| resource);
    let mut variables = BTreeSet::new();
    if let Some(ast::Entry::Message(message)) = dropped.body.first() {
        if let Some(pattern) = &message.value {
            pattern_variables(pattern, &mut variables);
        }
    }
    let english = shape(Language::En);
    assert_ne!(english.get("alert-arrived"), Some(&variables));
}

/// Every message id the window names (`t("id"`, `tAttr("id"`, `setL10n(element, "id"`,
/// `data-l10n-id="id"`) in `ui/`'s own files, with the file it is in.
fn window_ids() -> Vec<(String, String)> {
    let ui = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui");
    let mut files = vec![ui.join("index.html")];
    let mut folders = vec![ui.join("js")];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "js") {
                files.push(path);
            }
        }
    }
    assert!(
        files.len() > 10,
        "the window's files were not found under {ui:?}"
    );
    let mut ids = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let name = path.display().to_string();
        for id in named_ids(&text) {
            ids.push((id, name.clone()));
        }
    }
    ids
}

/// The ids in `text` at each way of naming one.
fn named_ids(text: &str) -> Vec<String> {
    let mut ids = Vec::new();
    for (at, _) in text.match_indices("data-l10n-id=\"") {
        ids.extend(quoted(&text[at + "data-l10n-id=".len()..]));
    }
    for call in ["t(", "tAttr(", "setL10n("] {
        for (at, _) in text.match_indices(call) {
            let before = text[..at].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || "_$.".contains(c)) {
                continue;
            }
            let mut rest = text[at + call.len()..].trim_start();
            if call == "setL10n(" {
                // The element comes first; the id is the first argument after it.
                match rest.find(',') {
                    Some(comma) => rest = rest[comma + 1..].trim_start(),
                    None => continue,
                }
            }
            ids.extend(quoted(rest));
        }
    }
    ids
}

/// The id in a string literal at the start of `text`, if it starts with one.
fn quoted(text: &str) -> Option<String> {
    let quote = text.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let end = text[1..].find(quote)?;
    let id = &text[1..1 + end];
    id.chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-')
        .then(|| id.to_string())
}

#[test]
fn every_message_the_window_names_is_in_the_catalog() {
    let english = shape(Language::En);
    let ids = window_ids();
    assert!(ids.len() > 100, "only {} ids found in ui/", ids.len());
    let missing: Vec<String> = ids
        .iter()
        .filter(|(id, _)| !english.contains_key(id))
        .map(|(id, file)| format!("{id} ({file})"))
        .collect();
    assert!(missing.is_empty(), "not in the catalogs: {missing:?}");
}

#[test]
fn the_window_check_finds_each_way_of_naming_a_message() {
    let ids = named_ids(
        r#"<h2 data-l10n-id="page-title">x</h2> t("one", {}); tAttr('two', "title");
        setL10n(byId("x"), "three"); set("not-an-id"); format(`t("four")`)"#,
    );
    assert_eq!(ids, ["page-title", "one", "four", "two", "three"]);
}
