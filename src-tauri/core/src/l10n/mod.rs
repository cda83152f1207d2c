//! The desk's language, and its words. The words live in Project Fluent catalogs, one per
//! language (`core/locales/<language>/frontdesk.ftl`), with the same message ids and variables
//! in each (`parity.rs` tests it). Plurals and word order are the catalog's: code passes
//! values, never pieces of sentences.
//!
//! Which language: the first of these that names a language this version ships wins. The
//! policy's locked `language`, the desk's own choice, the policy's default `language`,
//! `FRONTDESK_LANG` (the CLI's and the tests'), the OS locale. Otherwise English.

mod choice;
mod dates;
mod desk;
mod fields;
mod key;
mod localize;
mod messages;
#[cfg(test)]
mod parity;
mod pseudo;

pub use choice::{chosen, in_effect, save_choice, settings, ChoiceError, LanguageSettings};
pub use dates::long_date;
pub use desk::{desk_words, english, set_desk_language};
pub use fields::field_sentence;
pub use key::MessageKey;
pub use localize::Localize;
pub use messages::{Arg, Messages};
pub use pseudo::pseudo;

use serde::{Deserialize, Serialize};

use crate::policy::{Key, PolicyState};

/// Set to a language code to choose the language below the policy and the desk's choice.
pub const LANGUAGE_ENV: &str = "FRONTDESK_LANG";

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    En,
    Es,
    /// English accented and lengthened (`qps`, after Windows' qps-ploc): text a catalog did
    /// not make shows up unaccented, and a control too small for longer words shows it.
    /// Chosen by `FRONTDESK_LANG=qps` for testing; never offered in Settings.
    #[serde(rename = "qps")]
    Pseudo,
}

/// The catalog files, in the order they are loaded; each language has the same files.
macro_rules! catalog_files {
    ($language:literal) => {
        &[
            include_str!(concat!("../../locales/", $language, "/frontdesk.ftl")),
            include_str!(concat!("../../locales/", $language, "/errors.ftl")),
            include_str!(concat!("../../locales/", $language, "/ui-shell.ftl")),
            include_str!(concat!("../../locales/", $language, "/ui-reception.ftl")),
            include_str!(concat!("../../locales/", $language, "/ui-host.ftl")),
            include_str!(concat!("../../locales/", $language, "/ui-settings.ftl")),
        ]
    };
}

/// The catalog files' names, in `catalog_files!`'s order.
pub const CATALOG_FILES: [&str; 6] = [
    "frontdesk.ftl",
    "errors.ftl",
    "ui-shell.ftl",
    "ui-reception.ftl",
    "ui-host.ftl",
    "ui-settings.ftl",
];

impl Language {
    pub const SHIPPED: [Language; 2] = [Language::En, Language::Es];

    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Es => "es",
            Language::Pseudo => "qps",
        }
    }

    /// The locale dates, times and numbers are formatted in (Intl's and ours).
    pub fn locale(self) -> &'static str {
        match self {
            Language::Es => "es",
            Language::En | Language::Pseudo => "en",
        }
    }

    /// The language a tag or locale names, if this version ships it: "es", "es-MX",
    /// "es_ES.UTF-8" and "ES" are all Spanish.
    pub fn from_tag(tag: &str) -> Option<Language> {
        let primary = tag
            .trim()
            .split(['-', '_', '.', '@'])
            .next()?
            .to_ascii_lowercase();
        Self::SHIPPED
            .into_iter()
            .chain([Language::Pseudo])
            .find(|language| language.code() == primary)
    }

    /// The catalogs' texts, built into the binary: a desk never misses a file. The
    /// pseudo-locale is English's, transformed as it is formatted.
    pub fn catalogs(self) -> &'static [&'static str] {
        match self {
            Language::En | Language::Pseudo => catalog_files!("en"),
            Language::Es => catalog_files!("es"),
        }
    }

    /// The language for a desk under `policy`, with the desk's own choice if it made one.
    pub fn for_desk(policy: &PolicyState, chosen: Option<&str>) -> Language {
        let s = Sources::of(policy);
        choose(&[s.locked, chosen, s.from_policy, s.environment(), s.os()])
    }

    /// The CLI's language: as the desk's, except that `FRONTDESK_LANG` comes before the
    /// desk's own choice (a cron job's script reads the language it was written for). A
    /// policy's lock still comes first.
    pub fn for_command_line(policy: &PolicyState, chosen: Option<&str>) -> Language {
        let s = Sources::of(policy);
        choose(&[s.locked, s.environment(), chosen, s.from_policy, s.os()])
    }
}

/// Where a language can come from, besides the desk's own choice.
struct Sources<'a> {
    locked: Option<&'a str>,
    from_policy: Option<&'a str>,
    environment: Option<String>,
    os: Option<String>,
}

impl<'a> Sources<'a> {
    fn of(policy: &'a PolicyState) -> Sources<'a> {
        let from_policy = policy.policy.language.as_deref();
        Sources {
            locked: from_policy.filter(|_| policy.is_locked(Key::Language)),
            from_policy,
            environment: std::env::var(LANGUAGE_ENV).ok(),
            os: sys_locale::get_locale(),
        }
    }

    fn environment(&self) -> Option<&str> {
        self.environment.as_deref()
    }

    fn os(&self) -> Option<&str> {
        self.os.as_deref()
    }
}

/// The first source, in order, that names a shipped language; else English.
pub fn choose(sources: &[Option<&str>]) -> Language {
    sources
        .iter()
        .flatten()
        .find_map(|tag| Language::from_tag(tag))
        .unwrap_or_default()
}

/// Why `tag` cannot be the policy's language, if it cannot.
pub fn language_problem(tag: &str) -> Option<String> {
    if Language::from_tag(tag).is_some() {
        return None;
    }
    let shipped: Vec<&str> = Language::SHIPPED.iter().map(|l| l.code()).collect();
    let shipped = shipped.join(", ");
    Some(desk_words().text(
        "doctor-language-not-shipped",
        &[("tag", Arg::from(tag)), ("shipped", Arg::from(&shipped))],
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_and_locales_name_the_language_they_start_with() {
        for tag in ["es", "ES", "es-MX", "es_ES.UTF-8", " es ", "es@euro"] {
            assert_eq!(Language::from_tag(tag), Some(Language::Es), "{tag}");
        }
        for tag in ["en", "en-GB", "en_US.UTF-8"] {
            assert_eq!(Language::from_tag(tag), Some(Language::En), "{tag}");
        }
        assert_eq!(Language::from_tag("qps-ploc"), Some(Language::Pseudo));
        for tag in ["fr", "", "C", "POSIX", "e", "esp"] {
            assert_eq!(Language::from_tag(tag), None, "{tag}");
        }
    }

    #[test]
    fn the_first_source_naming_a_shipped_language_wins() {
        assert_eq!(choose(&[None, Some("es"), Some("en")]), Language::Es);
        // A language not shipped passes to the next source, not to English.
        assert_eq!(
            choose(&[Some("fr"), None, Some("es_ES.UTF-8")]),
            Language::Es
        );
        assert_eq!(choose(&[Some("C.UTF-8"), None]), Language::En);
        assert_eq!(choose(&[]), Language::En);
    }

    #[test]
    fn the_policys_lock_beats_the_desks_choice_and_its_default_does_not() {
        let locked = PolicyState::from_text("language = \"es\"\nlocked = [\"language\"]\n");
        assert_eq!(Language::for_desk(&locked, Some("en")), Language::Es);
        let default = PolicyState::from_text("language = \"es\"\n");
        assert_eq!(Language::for_desk(&default, Some("en")), Language::En);
        assert_eq!(Language::for_desk(&default, None), Language::Es);
    }

    #[test]
    fn a_language_not_shipped_is_named_with_those_that_are() {
        assert_eq!(language_problem("es-AR"), None);
        let problem = language_problem("fr").unwrap_or_default();
        assert!(
            problem.contains("\"fr\"") && problem.contains("en, es"),
            "{problem}"
        );
        // A policy naming one keeps its other keys and locks (an older desk's file must not
        // lose them on upgrade); the language is passed over, and doctor says so.
        let policy =
            PolicyState::from_text("language = \"fr\"\nkiosk = true\nlocked = [\"kiosk\"]\n");
        assert_eq!(policy.problem, None);
        assert!(policy.is_locked(Key::Kiosk));
        assert_eq!(Language::for_desk(&policy, Some("es")), Language::Es);
        let check = crate::doctor::policy(&policy);
        assert!(check.passed, "{check:?}");
        assert!(
            check
                .detail
                .contains("\"fr\" is not one this version ships"),
            "{check:?}"
        );
    }
}
