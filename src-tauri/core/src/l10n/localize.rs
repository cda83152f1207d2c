//! Errors in the desk's words. Each error type says which catalog message it is and with
//! what values; its `Display` stays English for logs, which support reads.

use super::Messages;

pub trait Localize {
    /// What a person reads, in `words`' language.
    fn localize(&self, words: &Messages) -> String;
}
