//! The desk's own choice of language (Settings, or `frontdesk language`), kept beside the
//! other settings, and what is in effect with the policy and the OS.

use serde::Serialize;

use super::{Language, Messages};
use crate::nexudus::FieldProblem;
use crate::policy::{Key, LOCKED_MESSAGE};
use crate::store::{Store, StoreError};

const SETTING: &str = "language";

/// What Settings shows: the language in effect, the desk's choice (none: "automatic"), and
/// whether the organisation fixed it.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LanguageSettings {
    pub language: &'static str,
    /// What "Automatic" gives: the policy's default, `FRONTDESK_LANG` or the OS's language.
    pub automatic: &'static str,
    pub chosen: Option<&'static str>,
    pub locked: bool,
    pub options: Vec<LanguageOption>,
}

#[derive(Clone, Debug, Serialize)]
pub struct LanguageOption {
    pub code: &'static str,
    /// The language's name in itself ("Español"), so a person who cannot read the current
    /// language still finds theirs.
    pub name: String,
}

/// The desk's choice; a saved value this version does not know (a newer version's) is no
/// choice, never an error.
pub async fn chosen(store: &Store) -> Result<Option<Language>, StoreError> {
    let saved: Option<serde_json::Value> = store.setting(SETTING).await?;
    Ok(saved
        .as_ref()
        .and_then(|value| value.as_str())
        .and_then(Language::from_tag))
}

/// The language in effect on this desk.
pub async fn in_effect(store: &Store) -> Result<Language, StoreError> {
    let chosen = chosen(store).await?;
    Ok(Language::for_desk(
        store.policy(),
        chosen.map(Language::code),
    ))
}

pub async fn settings(store: &Store) -> Result<LanguageSettings, StoreError> {
    let chosen = chosen(store).await?;
    let policy = store.policy();
    Ok(LanguageSettings {
        language: Language::for_desk(policy, chosen.map(Language::code)).code(),
        automatic: Language::for_desk(policy, None).code(),
        chosen: chosen.map(Language::code),
        locked: policy.is_locked(Key::Language),
        options: Language::SHIPPED
            .iter()
            .map(|language| LanguageOption {
                code: language.code(),
                name: Messages::new(*language).text(&format!("language-{}", language.code()), &[]),
            })
            .collect(),
    })
}

#[derive(Debug, thiserror::Error)]
pub enum ChoiceError {
    #[error("The language is set by your organisation.")]
    Locked { fields: Vec<FieldProblem> },
    #[error("{0:?} is not a language this version ships.")]
    NotShipped(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Saves the desk's choice (`None`: follow the policy and the OS) and answers the language
/// now in effect. A policy lock refuses any change.
pub async fn save_choice(store: &Store, choice: Option<&str>) -> Result<Language, ChoiceError> {
    let language = match choice.map(str::trim).filter(|c| !c.is_empty()) {
        Some(tag) => Some(
            Language::from_tag(tag)
                .filter(|l| Language::SHIPPED.contains(l) || *l == Language::Pseudo)
                .ok_or_else(|| ChoiceError::NotShipped(tag.to_string()))?,
        ),
        None => None,
    };
    if store.policy().is_locked(Key::Language) {
        return Err(ChoiceError::Locked {
            fields: vec![FieldProblem {
                field: "language".into(),
                message: LOCKED_MESSAGE.into(),
            }],
        });
    }
    match language {
        Some(language) => store.set_setting(SETTING, &language.code()).await?,
        None => store.remove_setting(SETTING).await?,
    }
    in_effect(store).await.map_err(ChoiceError::from)
}

impl super::Localize for ChoiceError {
    fn localize(&self, words: &Messages) -> String {
        match self {
            ChoiceError::Locked { .. } => words.text("error-language-locked", &[]),
            ChoiceError::NotShipped(tag) => words.text(
                "error-language-not-shipped",
                &[("language", super::Arg::from(tag))],
            ),
            ChoiceError::Store(error) => error.localize(words),
        }
    }
}
