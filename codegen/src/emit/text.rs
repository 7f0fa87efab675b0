//! Prose shared by the emitters: paragraphs, code spans, table cells, first sentences, and
//! the sentences rustdoc and the Markdown pages both carry (RAM authorization, the pointer
//! to the reference page). Emitters import from here, never from each other.

use crate::model::{Operation, Service};

/// Joins paragraphs, skipping empty ones.
pub fn paragraphs<I: IntoIterator<Item = String>>(parts: I) -> String {
    parts
        .into_iter()
        .filter(|p| !p.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Inline code span that survives backticks in the text.
pub fn code_span(s: &str) -> String {
    if s.is_empty() {
        return "`\"\"`".into();
    }
    if s.contains('`') {
        format!("`` {s} ``")
    } else {
        format!("`{s}`")
    }
}

/// A Markdown table cell: pipes escaped, paragraphs kept as `<br><br>`, lines joined.
pub fn cell(s: &str) -> String {
    s.trim()
        .replace('|', "\\|")
        .replace("\n\n", "<br><br>")
        .replace('\n', " ")
}

/// The first sentence of a text's first line (a flag's short help, a setter's doc).
pub fn first_sentence(text: &str) -> String {
    let line = text.trim().lines().next().unwrap_or_default().trim();
    match line.find(". ") {
        Some(i) => line[..=i].to_string(),
        None => line.to_string(),
    }
}

/// The sentence pointing from rustdoc to the Markdown reference page.
pub fn api_reference_note(service: &Service, op: &Operation) -> String {
    format!(
        "Reference page: `docs/{}/{}/{}.md` in the generated crate.",
        service.product_module, service.version_module, op.action
    )
}

/// The RAM facts of an operation as a paragraph.
pub fn ram_doc(op: &Operation) -> String {
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
