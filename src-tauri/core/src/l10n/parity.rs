//! Every catalog has every message, attribute and variable English has, and no others: a key
//! missing in one language would show English (or its id) in the middle of that language, and
//! a variable missing would drop a visitor's name from a sentence.

use std::collections::{BTreeMap, BTreeSet};

use fluent_syntax::ast;

use super::Language;

/// Each message and term (`-name`) with its attributes (`id.attr`), and the variables it uses.
type Shape = BTreeMap<String, BTreeSet<String>>;

fn shape(language: Language) -> Shape {
    let resource =
        fluent_syntax::parser::parse(language.catalog()).unwrap_or_else(|(_, errors)| {
            panic!("the {} catalog does not parse: {errors:?}", language.code())
        });
    let mut shape = Shape::new();
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
    shape
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
