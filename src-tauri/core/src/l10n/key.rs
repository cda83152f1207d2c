//! A message kept for later: its id and values rather than its words. The sync engine writes
//! why a change waits or what it found into SQLite; the window or the CLI that shows it, maybe
//! in another language (the desk switched, a cron job set FRONTDESK_LANG), words it then.
//! An older version reads such a note as the raw `l10n:{…}` text: it stays legible.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{Arg, Messages};

/// Marks a stored key; text without it (an older version's, or Nexudus's own words) is
/// shown as it is.
const STORED: &str = "l10n:";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MessageKey {
    pub id: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub args: BTreeMap<String, Value>,
}

impl MessageKey {
    pub fn new(id: &str) -> MessageKey {
        MessageKey {
            id: id.to_string(),
            args: BTreeMap::new(),
        }
    }

    /// The message with one more value: a whole number may choose a plural form.
    pub fn with(mut self, name: &str, value: impl Into<Value>) -> MessageKey {
        self.args.insert(name.to_string(), value.into());
        self
    }

    /// The words, in `words`' language.
    pub fn text(&self, words: &Messages) -> String {
        let rendered: Vec<(&str, Option<i64>, String)> = self
            .args
            .iter()
            .map(|(name, value)| match value {
                Value::Number(number) if number.is_i64() => {
                    (name.as_str(), number.as_i64(), String::new())
                }
                Value::String(text) => (name.as_str(), None, text.clone()),
                other => (name.as_str(), None, other.to_string()),
            })
            .collect();
        let args: Vec<(&str, Arg<'_>)> = rendered
            .iter()
            .map(|(name, number, text)| {
                let value = match number {
                    Some(number) => Arg::Number(*number),
                    None => Arg::Text(text),
                };
                (*name, value)
            })
            .collect();
        words.text(&self.id, &args)
    }

    /// The form kept in the database.
    pub fn stored(&self) -> String {
        format!(
            "{STORED}{}",
            serde_json::to_string(self).unwrap_or_else(|_| self.id.clone())
        )
    }

    /// What a stored text says in `words`' language; any other text as it is.
    pub fn shown(stored: &str, words: &Messages) -> String {
        stored
            .strip_prefix(STORED)
            .and_then(|json| serde_json::from_str::<MessageKey>(json).ok())
            .map(|key| key.text(words))
            .unwrap_or_else(|| stored.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::l10n::Language;

    #[test]
    fn a_stored_message_is_worded_by_whoever_reads_it() {
        let stored = MessageKey::new("alert-arrived")
            .with("name", "Zoë Ångström")
            .stored();
        let (english, spanish) = (Messages::new(Language::En), Messages::new(Language::Es));
        assert_eq!(
            MessageKey::shown(&stored, &english),
            "Zoë Ångström has arrived"
        );
        assert_eq!(
            MessageKey::shown(&stored, &spanish),
            "Zoë Ångström ha llegado"
        );
        let counted = MessageKey::new("visitors-count").with("count", 2).stored();
        assert_eq!(MessageKey::shown(&counted, &spanish), "2 visitantes");
    }

    #[test]
    fn other_text_is_shown_as_it_is() {
        let english = Messages::new(Language::En);
        for text in ["Nexudus could not be reached.", "l10n:{broken", ""] {
            assert_eq!(MessageKey::shown(text, &english), text);
        }
    }
}
