//! The pseudo-locale's text: English with every letter accented and every vowel doubled
//! (about 40% longer). The window's `pseudo()` (ui/js/l10n.js) makes the same text.

use std::borrow::Cow;

const PLAIN: &str = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
const ACCENTED: &str = "áƀçðéƒĝĥíĵķľṁñóþǫŕšţúṽŵẋýžÅƁÇÐÉƑĜĤÍĴĶĽṀÑÓÞǪŔŠŢÚṼŴẊÝŽ";

/// `text` in the pseudo-locale; variables are never passed through it (Fluent transforms
/// only the catalog's own text), so names stay as they are.
pub fn pseudo(text: &str) -> Cow<'_, str> {
    let mut out = String::with_capacity(text.len() * 2);
    for c in text.chars() {
        let accented = PLAIN
            .chars()
            .position(|plain| plain == c)
            .and_then(|at| ACCENTED.chars().nth(at))
            .unwrap_or(c);
        out.push(accented);
        if "aeiouAEIOU".contains(c) {
            out.push(accented);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_are_accented_vowels_doubled_and_the_rest_kept() {
        assert_eq!(pseudo("Check in"), "Çĥééçķ ííñ");
        assert_eq!(pseudo("3 — €"), "3 — €");
        assert_eq!(PLAIN.chars().count(), ACCENTED.chars().count());
        assert!(!pseudo(PLAIN).chars().any(|c| c.is_ascii_alphabetic()));
    }
}
