//! A badge as a one-page PDF the size of the label: name large, company, host and date, and
//! the visitor code as a QR code. Text uses PDF's built-in Helvetica (see `text`); the QR code
//! is drawn as filled rectangles, one per run of dark modules, so it stays sharp at any
//! printer resolution.

use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str};
use qrcode::{Color, EcLevel, QrCode};

use super::text::fit;
use super::{Badge, LabelSize};

const POINTS_PER_MM: f32 = 72.0 / 25.4;
const MARGIN_MM: f32 = 3.0;
/// Light modules around the QR code, which scanners need (the standard asks for 4; the
/// label's white margin adds to these).
const QUIET_MODULES: f32 = 2.0;

const REGULAR: Name = Name(b"F1");
const BOLD: Name = Name(b"F2");

struct Line<'a> {
    text: &'a str,
    bold: bool,
    size: f32,
    min_size: f32,
}

/// The PDF of `badge` on `label`.
pub fn render(badge: &Badge, label: LabelSize) -> Vec<u8> {
    let (width_mm, height_mm) = label.millimetres();
    let (width, height) = (width_mm * POINTS_PER_MM, height_mm * POINTS_PER_MM);
    let margin = MARGIN_MM * POINTS_PER_MM;
    let qr = badge.code.as_deref().and_then(qr_modules);

    // Landscape labels put the code at the right, portrait ones at the bottom.
    let landscape = width > height;
    let qr_side = match (&qr, landscape) {
        (None, _) => 0.0,
        (Some(_), true) => height - 2.0 * margin,
        (Some(_), false) => (width - 2.0 * margin).min(height * 0.45),
    };
    let text_width = if landscape && qr.is_some() {
        width - qr_side - 3.0 * margin
    } else {
        width - 2.0 * margin
    };
    let scale = (height.min(width) / (36.0 * POINTS_PER_MM)).clamp(1.0, 1.6);

    let mut content = Content::new();
    // The same words as the window's badge preview.
    let words = crate::l10n::desk_words();
    let host = (badge.host.as_ref())
        .map(|h| words.text("badge-visiting", &[("host", crate::l10n::Arg::from(h))]));
    let code_line = (badge.code.as_ref())
        .map(|c| words.text("badge-code", &[("code", crate::l10n::Arg::from(c))]));
    let brand = words.text("page-badge-brand", &[]);
    let mut lines = vec![
        Line {
            text: &brand,
            bold: true,
            size: 7.0 * scale,
            min_size: 6.0,
        },
        Line {
            text: &badge.name,
            bold: true,
            size: 16.0 * scale,
            min_size: 8.0,
        },
    ];
    for (text, size) in [
        (badge.company.as_deref(), 9.0),
        (host.as_deref(), 9.0),
        (Some(badge.date.as_str()), 8.0),
        (code_line.as_deref(), 8.0),
    ] {
        if let Some(text) = text {
            lines.push(Line {
                text,
                bold: false,
                size: size * scale,
                min_size: 6.0,
            });
        }
    }
    let mut y = height - margin;
    for line in lines {
        let (bytes, size) = fit(line.text, line.bold, line.size, line.min_size, text_width);
        y -= size;
        if y < margin {
            break;
        }
        content
            .begin_text()
            .set_font(if line.bold { BOLD } else { REGULAR }, size)
            .next_line(margin, y)
            .show(Str(&bytes))
            .end_text();
        y -= size * 0.35;
    }

    if let Some((modules, count)) = &qr {
        let (x, y) = if landscape {
            (width - margin - qr_side, margin)
        } else {
            ((width - qr_side) / 2.0, margin)
        };
        draw_qr(&mut content, modules, *count, x, y, qr_side);
    }

    let catalog = Ref::new(1);
    let pages = Ref::new(2);
    let page = Ref::new(3);
    let regular = Ref::new(4);
    let bold = Ref::new(5);
    let contents = Ref::new(6);
    let mut pdf = Pdf::new();
    pdf.catalog(catalog).pages(pages);
    pdf.pages(pages).kids([page]).count(1);
    let mut page_writer = pdf.page(page);
    page_writer
        .media_box(Rect::new(0.0, 0.0, width, height))
        .parent(pages)
        .contents(contents);
    let mut resources = page_writer.resources();
    resources.fonts().pair(REGULAR, regular).pair(BOLD, bold);
    resources.finish();
    page_writer.finish();
    for (id, name) in [(regular, "Helvetica"), (bold, "Helvetica-Bold")] {
        pdf.type1_font(id)
            .base_font(Name(name.as_bytes()))
            .encoding_predefined(Name(b"WinAnsiEncoding"));
    }
    pdf.stream(contents, &content.finish());
    pdf.finish()
}

/// The QR code of `code` row by row from the top, dark modules `true`, for the window to draw.
pub fn qr_rows(code: &str) -> Option<Vec<Vec<bool>>> {
    let (modules, count) = qr_modules(code)?;
    Some(modules.chunks(count).map(<[bool]>::to_vec).collect())
}

/// The code's modules, dark or light, row by row from the top, and the side in modules.
fn qr_modules(code: &str) -> Option<(Vec<bool>, usize)> {
    let qr = QrCode::with_error_correction_level(code.as_bytes(), EcLevel::M).ok()?;
    let count = qr.width();
    if count == 0 {
        return None;
    }
    let modules = qr
        .to_colors()
        .into_iter()
        .map(|c| c == Color::Dark)
        .collect();
    Some((modules, count))
}

fn draw_qr(content: &mut Content, modules: &[bool], count: usize, x: f32, y: f32, side: f32) {
    let module = side / (count as f32 + 2.0 * QUIET_MODULES);
    let left = x + QUIET_MODULES * module;
    let top = y + side - QUIET_MODULES * module;
    content.set_fill_gray(0.0);
    for (row, cells) in modules.chunks(count).enumerate() {
        let mut column = 0;
        while column < count {
            if !cells[column] {
                column += 1;
                continue;
            }
            let start = column;
            while column < count && cells[column] {
                column += 1;
            }
            let bottom = top - (row as f32 + 1.0) * module;
            content.rect(
                left + start as f32 * module,
                bottom,
                (column - start) as f32 * module,
                module,
            );
        }
    }
    content.fill_nonzero();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn badge(code: Option<&str>) -> Badge {
        Badge {
            name: "Zoë Ångström".into(),
            company: Some("Acme & Co".into()),
            host: Some("Ana Oliveira".into()),
            date: "Monday 30 November 2026".into(),
            code: code.map(str::to_string),
        }
    }

    #[test]
    fn a_badge_is_one_page_the_size_of_its_label_with_the_text_in_winansi() {
        for label in [
            LabelSize::Brother62x100,
            LabelSize::Dymo89x36,
            LabelSize::A6,
        ] {
            let pdf = render(&badge(Some("012345")), label);
            let text = String::from_utf8_lossy(&pdf);
            assert!(text.starts_with("%PDF-"), "{label:?}");
            let (w, h) = label.millimetres();
            let media = format!(
                "/MediaBox [0 0 {} {}]",
                w * POINTS_PER_MM,
                h * POINTS_PER_MM
            );
            assert!(text.contains(&media), "{label:?}: {media} not in the PDF");
            assert!(text.contains("/WinAnsiEncoding"));
            // Non-ASCII text is written as a hex string of its WinAnsi bytes.
            let name: String = b"Zo\xeb \xc5ngstr\xf6m"
                .iter()
                .map(|b| format!("{b:02X}"))
                .collect();
            assert!(
                text.to_uppercase().contains(&format!("<{name}>")),
                "{label:?}: the name"
            );
            assert!(text.contains("(Code 012345)"));
        }
    }

    #[test]
    fn a_walk_in_without_a_code_gets_a_badge_without_a_qr_code() {
        let pdf = render(&badge(None), LabelSize::Brother62x100);
        let text = String::from_utf8_lossy(&pdf);
        assert!(text.contains("(Visiting Ana Oliveira)"));
        assert!(!text.contains(" re\n"), "no rectangles drawn");
    }
}
