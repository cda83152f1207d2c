//! Text on a badge in PDF's built-in Helvetica, which every PDF reader and printer has, so no
//! font is embedded: characters are written in WinAnsi, measured with Helvetica's widths, and
//! shrunk or shortened to fit the label.

/// Helvetica's advance widths (thousandths of the font size) for ' '..='~'.
const REGULAR: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667,
    611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667,
    667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500,
    222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];

/// Helvetica-Bold's, likewise.
const BOLD: [u16; 95] = [
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667,
    611, 778, 722, 278, 556, 722, 611, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667,
    667, 611, 333, 278, 333, 584, 556, 333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556,
    278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
];

/// Latin Extended-A (U+0100..U+017F) without its accents, for names WinAnsi cannot write.
const EXTENDED_A: &str = "AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIiIiJjKkkLlLlLlLlLlNnNnNnnNnOoOoOoOoRrRrRrSsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZzs";

/// The WinAnsi byte for `c`: Latin-1 as it is, a few typographic marks, Latin Extended-A
/// without accents; anything else is `?`.
fn win_ansi(c: char) -> u8 {
    match c {
        ' '..='~' => c as u8,
        '\u{a0}'..='\u{ff}' => c as u32 as u8,
        '€' => 0x80,
        '…' => 0x85,
        'Œ' => 0x8c,
        'Š' => 0x8a,
        'Ž' => 0x8e,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '–' => 0x96,
        '—' => 0x97,
        'š' => 0x9a,
        'œ' => 0x9c,
        'ž' => 0x9e,
        'Ÿ' => 0x9f,
        '\u{100}'..='\u{17f}' => EXTENDED_A
            .as_bytes()
            .get(c as usize - 0x100)
            .copied()
            .unwrap_or(b'?'),
        c if c.is_whitespace() => b' ',
        _ => b'?',
    }
}

/// `text` in WinAnsi, control characters dropped.
pub fn encode(text: &str) -> Vec<u8> {
    text.chars()
        .filter(|c| !c.is_control())
        .map(win_ansi)
        .collect()
}

/// Whether every character of `text` prints as itself (else the badge shows a stand-in).
pub fn prints_faithfully(text: &str) -> bool {
    text.chars()
        .filter(|c| !c.is_control())
        .all(|c| matches!(c, ' '..='~' | '\u{a0}'..='\u{ff}') || win_ansi(c) != b'?')
}

/// Width of WinAnsi `bytes` at size 1 (accented letters are measured as their base letter's
/// width, near enough to fit a line).
pub fn width(bytes: &[u8], bold: bool) -> f32 {
    let table = if bold { &BOLD } else { &REGULAR };
    bytes
        .iter()
        .map(|&b| match b {
            b' '..=b'~' => table[(b - b' ') as usize],
            _ => 600,
        })
        .map(|w| f32::from(w) / 1000.0)
        .sum()
}

/// A line that fits `max_width` points: the largest size from `size` down to `min_size`,
/// then cut with an ellipsis. Answers the bytes and the size.
pub fn fit(text: &str, bold: bool, size: f32, min_size: f32, max_width: f32) -> (Vec<u8>, f32) {
    let mut bytes = encode(text.trim());
    let natural = width(&bytes, bold);
    if natural <= 0.0 || natural * size <= max_width {
        return (bytes, size);
    }
    let shrunk = max_width / natural;
    if shrunk >= min_size {
        return (bytes, shrunk);
    }
    while !bytes.is_empty() && (width(&bytes, bold) + width(&[0x85], bold)) * min_size > max_width {
        bytes.pop();
    }
    while bytes.last() == Some(&b' ') {
        bytes.pop();
    }
    bytes.push(0x85);
    (bytes, min_size)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_from_many_languages_are_written_as_far_as_winansi_goes() {
        assert_eq!(encode("Zoë Ångström"), b"Zo\xeb \xc5ngstr\xf6m".to_vec());
        assert_eq!(encode("Łukasz Dvořák"), b"Lukasz Dvor\xe1k".to_vec());
        assert_eq!(encode("O’Brien"), b"O\x92Brien".to_vec());
        assert_eq!(encode("李雷"), b"??".to_vec());
        assert!(prints_faithfully("Zoë O’Brien"));
        assert!(prints_faithfully("Łukasz"));
        assert!(!prints_faithfully("李雷"));
    }

    #[test]
    fn a_long_line_shrinks_then_is_cut_with_an_ellipsis() {
        let (bytes, size) = fit("Ada", true, 20.0, 10.0, 200.0);
        assert_eq!((bytes.as_slice(), size), (b"Ada".as_slice(), 20.0));
        let long = "Maximiliana Theodora Wolfeschlegelsteinhausenbergerdorff";
        let (bytes, size) = fit(long, true, 20.0, 10.0, 150.0);
        assert_eq!(size, 10.0);
        assert_eq!(bytes.last(), Some(&0x85));
        assert!(width(&bytes, true) * size <= 150.0);
        let (_, size) = fit("Alexandra Smith-Jones", true, 20.0, 8.0, 150.0);
        assert!(size < 20.0 && size > 8.0, "{size}");
    }
}
