//! Prose shared by the emitters: paragraphs, code spans, table cells, first sentences, and
//! the sentences rustdoc and the Markdown pages both carry (RAM authorization, the pointer
//! to the reference page). Emitters import from here, never from each other.

use super::options::Options;
use crate::model::{Operation, Service};
use std::borrow::Cow;

/// Text made safe for every place generated prose goes (rustdoc, Markdown pages, the CLI's
/// help): CR LF, a lone CR, NEL, U+2028 (LINE SEPARATOR) and U+2029 (PARAGRAPH SEPARATOR)
/// become LF, and every other control character but tab is dropped. rustdoc refuses a bare
/// CR in a doc comment, and the others end lines or hide text where they are shown. Only
/// renderings pass through here: wire values (examples, enum values) are sent as documented.
pub(crate) fn safe(text: &str) -> Cow<'_, str> {
    let unsafe_char = |c: char| c != '\n' && c != '\t' && (c.is_control() || is_line_separator(c));
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push('\n');
            }
            c if is_line_separator(c) => out.push('\n'),
            c if unsafe_char(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// NEL, U+2028 and U+2029: line breaks that are not LF.
fn is_line_separator(c: char) -> bool {
    matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// Joins paragraphs, skipping empty ones.
pub(crate) fn paragraphs<I: IntoIterator<Item = String>>(parts: I) -> String {
    parts
        .into_iter()
        .filter(|p| !p.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Inline code span that survives backticks in the text.
pub(crate) fn code_span(s: &str) -> String {
    if s.is_empty() {
        return "`\"\"`".into();
    }
    if s.contains('`') {
        format!("`` {s} ``")
    } else {
        format!("`{s}`")
    }
}

/// A wire value (an example, a default) shown in prose: a code span on one line. A value
/// holding a line break or a control character is shown escaped, as its Rust string literal,
/// so the reader sees what is sent.
pub(crate) fn value_span(value: &str) -> String {
    if value.contains('\n') || matches!(safe(value), Cow::Owned(_)) {
        code_span(&format!("{value:?}"))
    } else {
        code_span(value)
    }
}

/// Text on one line (a list item's summary): its lines trimmed and joined by spaces.
pub(crate) fn one_line(s: &str) -> String {
    safe(s)
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A Markdown table cell: pipes escaped, paragraphs kept as `<br><br>`, lines joined.
pub(crate) fn cell(s: &str) -> String {
    safe(s)
        .trim()
        .replace('|', "\\|")
        .replace("\n\n", "<br><br>")
        .replace('\n', " ")
}

/// The first sentence of a text's first line (a flag's short help, a setter's doc).
pub(crate) fn first_sentence(text: &str) -> String {
    let text = safe(text);
    let line = text.trim().lines().next().unwrap_or_default().trim();
    match line.find(". ") {
        Some(i) => line[..=i].to_string(),
        None => line.to_string(),
    }
}

/// The sentence pointing from rustdoc to the Markdown reference page, where one is written.
pub(crate) fn api_reference_note(service: &Service, op: &Operation, opts: &Options) -> String {
    if !opts.reference_pages {
        return String::new();
    }
    format!(
        "Reference page: `docs/{}/{}/{}.md` in the generated crate.",
        service.product_module, service.version_module, op.action
    )
}

/// The RAM facts of an operation as a paragraph.
pub(crate) fn ram_doc(op: &Operation) -> String {
    let Some(ram) = &op.ram else {
        return String::new();
    };
    let mut text = String::from("RAM authorization: ");
    if ram.actions.is_empty() {
        text.push_str("none required.");
    } else {
        let actions = ram
            .actions
            .iter()
            .map(|a| {
                let mut s = format!("`{}`", a.action);
                if !a.access_level.is_empty() {
                    s.push_str(&format!(" ({} access", a.access_level.to_lowercase()));
                    if !a.resource_types.is_empty() {
                        s.push_str(&format!(", resources: {}", a.resource_types.join(", ")));
                    }
                    s.push(')');
                }
                s
            })
            .collect::<Vec<_>>()
            .join(", ");
        text.push_str(&actions);
        text.push('.');
    }
    if let Some(note) = &ram.note {
        text.push(' ');
        text.push_str(note.trim());
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_breaks_become_lf_and_other_controls_go() {
        assert_eq!(safe("提交\rID"), "提交\nID");
        assert_eq!(safe("a\r\nb\u{2028}c\u{2029}d\u{85}e"), "a\nb\nc\nd\ne");
        assert_eq!(safe("a\u{0}b\u{7}c\u{1b}[0m\u{7f}d\te\n"), "abc[0md\te\n");
        assert!(matches!(safe("plain\ttext\n"), Cow::Borrowed(_)));
    }

    #[test]
    fn cells_and_first_sentences_are_safe() {
        assert_eq!(cell("a\rb|c"), "a b\\|c");
        assert_eq!(first_sentence("One\u{2028}two. Three"), "One");
        assert_eq!(value_span("a\r\nb\u{2028}"), r#"`"a\r\nb\u{2028}"`"#);
        assert_eq!(value_span("plain"), "`plain`");
        assert_eq!(one_line(" a\r b \n\n c "), "a b c");
    }
}
