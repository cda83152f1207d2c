//! The language this process speaks to its person: the window's errors and the CLI's
//! messages. One desk has one language at a time; Settings changes it for the whole app.

use std::sync::{Arc, RwLock};

use super::{Language, Messages};

static DESK_WORDS: RwLock<Option<Arc<Messages>>> = RwLock::new(None);

/// Makes `language` the desk's; the words are built once here, not per message.
pub fn set_desk_language(language: Language) -> Arc<Messages> {
    let words = Arc::new(Messages::new(language));
    if let Ok(mut slot) = DESK_WORDS.write() {
        *slot = Some(words.clone());
    }
    words
}

/// English, built once: what files and scripts read, whatever the desk's language.
pub fn english() -> &'static Messages {
    static ENGLISH: std::sync::OnceLock<Messages> = std::sync::OnceLock::new();
    ENGLISH.get_or_init(|| Messages::new(Language::En))
}

/// The desk's words; English until a language is set.
pub fn desk_words() -> Arc<Messages> {
    if let Some(words) = DESK_WORDS.read().ok().and_then(|slot| slot.clone()) {
        return words;
    }
    set_desk_language(Language::En)
}
