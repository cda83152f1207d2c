//! One language's catalog, ready to format. A message missing from it, or one that fails to
//! format, is taken from English; one missing from English too shows its id, never a panic.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

use super::Language;

type Bundle = FluentBundle<FluentResource>;

/// A value for a message's variable: text as given, or a number the catalog may choose a
/// plural form by.
pub enum Arg<'a> {
    Text(&'a str),
    Number(i64),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(text: &'a str) -> Self {
        Arg::Text(text)
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(text: &'a String) -> Self {
        Arg::Text(text)
    }
}

impl From<i64> for Arg<'_> {
    fn from(number: i64) -> Self {
        Arg::Number(number)
    }
}

pub struct Messages {
    language: Language,
    bundle: Bundle,
    /// English, for what the language lacks; `None` when the language is English.
    fallback: Option<Bundle>,
}

impl std::fmt::Debug for Messages {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Messages")
            .field("language", &self.language)
            .finish_non_exhaustive()
    }
}

impl Default for Messages {
    fn default() -> Self {
        Messages::new(Language::En)
    }
}

impl Messages {
    pub fn new(language: Language) -> Messages {
        Messages {
            language,
            bundle: bundle(language),
            fallback: (!matches!(language, Language::En | Language::Pseudo))
                .then(|| bundle(Language::En)),
        }
    }

    pub fn language(&self) -> Language {
        self.language
    }

    /// The message `id` with its variables.
    pub fn text(&self, id: &str, args: &[(&str, Arg<'_>)]) -> String {
        let mut fluent_args = FluentArgs::with_capacity(args.len());
        for (name, value) in args {
            let value = match value {
                Arg::Text(text) => FluentValue::from(*text),
                Arg::Number(number) => FluentValue::from(*number),
            };
            fluent_args.set(*name, value);
        }
        let args = (!args.is_empty()).then_some(&fluent_args);
        format(&self.bundle, id, args)
            .or_else(|| self.fallback.as_ref().and_then(|b| format(b, id, args)))
            .unwrap_or_else(|| id.to_string())
    }
}

fn bundle(language: Language) -> Bundle {
    let id = LanguageIdentifier::from_bytes(language.locale().as_bytes()).unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Unicode isolation marks around variables help right-to-left text, but show as stray
    // characters in notifications and CSV files; neither shipped language needs them.
    bundle.set_use_isolating(false);
    if language == Language::Pseudo {
        bundle.set_transform(Some(super::pseudo));
    }
    for text in language.catalogs() {
        // A catalog with a broken entry still gives the rest (the parity test keeps them
        // clean); an id in two files keeps its first (the parity test forbids it).
        let resource = FluentResource::try_new(text.to_string())
            .unwrap_or_else(|(resource, _errors)| resource);
        let _ = bundle.add_resource(resource);
    }
    bundle
}

fn format(bundle: &Bundle, id: &str, args: Option<&FluentArgs<'_>>) -> Option<String> {
    let pattern = bundle.get_message(id)?.value()?;
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, args, &mut errors);
    errors.is_empty().then(|| text.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_takes_its_variables_in_each_language() {
        let english = Messages::new(Language::En);
        let spanish = Messages::new(Language::Es);
        let name = [("name", Arg::from("Zoë Ångström"))];
        assert_eq!(
            english.text("alert-arrived", &name),
            "Zoë Ångström has arrived"
        );
        assert_eq!(
            spanish.text("alert-arrived", &name),
            "Zoë Ångström ha llegado"
        );
    }

    #[test]
    fn plurals_are_the_catalogs() {
        let english = Messages::new(Language::En);
        let spanish = Messages::new(Language::Es);
        let count = |n: i64| [("count", Arg::from(n))];
        assert_eq!(english.text("visitors-count", &count(1)), "1 visitor");
        assert_eq!(english.text("visitors-count", &count(2)), "2 visitors");
        assert_eq!(english.text("visitors-count", &count(0)), "0 visitors");
        assert_eq!(spanish.text("visitors-count", &count(1)), "1 visitante");
        assert_eq!(spanish.text("visitors-count", &count(5)), "5 visitantes");
    }

    #[test]
    fn what_a_catalog_lacks_is_english_then_the_id_never_a_panic() {
        let spanish = Messages::new(Language::Es);
        assert_eq!(spanish.text("no-such-message", &[]), "no-such-message");
        // A variable not given: English's text cannot format either, so the id shows.
        assert_eq!(spanish.text("alert-arrived", &[]), "alert-arrived");
    }
}
