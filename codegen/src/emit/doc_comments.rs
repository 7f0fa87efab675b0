//! Doc comments: [`doc`] and [`inner_doc`] make the `#[doc]` attributes of generated items,
//! and [`deferred`] keeps their text out of the token streams that are laid out.
//!
//! Laying out a file with prettyplease means parsing its tokens into a syntax tree; a
//! third of the library's text is doc comments, one attribute and one string literal per
//! line, escaped by the token stream and unescaped again by the parser. Within
//! [`deferred`], a doc block becomes a single short marker attribute that prettyplease
//! prints as a `///` (or `//!`) line of its own, and [`expand`] replaces that line with the
//! block's lines, with the indentation prettyplease gave it. The text is byte for byte what
//! laying out the real attributes gives (prettyplease prints a one-line doc attribute as
//! `///` and its value, trailing spaces trimmed), so the golden files pin it.

use super::text::safe;
use proc_macro2::TokenStream;
use quote::quote;
use std::borrow::Cow;
use std::cell::RefCell;

/// Starts a marker's value; no generated doc text holds it, since while markers are on,
/// every doc text goes to the table.
const MARK: char = '\u{1}';

thread_local! {
    /// The doc blocks of the tokens being built on this thread, while [`deferred`] runs.
    static TABLE: RefCell<Option<Vec<String>>> = const { RefCell::new(None) };
}

/// `#[doc = "..."]` attributes, one per line of `text` (a marker within [`deferred`]).
pub(crate) fn doc(text: &str) -> TokenStream {
    let text = &*doc_text(text);
    if let Some(marker) = defer(text) {
        return quote!(#[doc = #marker]);
    }
    let lines = doc_lines(text).map(|l| quote!(#[doc = #l]));
    quote!(#(#lines)*)
}

/// `#![doc = "..."]` attributes (module documentation), one per line of `text` (a marker
/// within [`deferred`]).
pub(crate) fn inner_doc(text: &str) -> TokenStream {
    let text = &*doc_text(text);
    if let Some(marker) = defer(text) {
        return quote!(#![doc = #marker]);
    }
    let lines = doc_lines(text).map(|l| quote!(#![doc = #l]));
    quote!(#(#lines)*)
}

/// The text of a doc comment: [`safe`] for rustdoc, its prose code blocks marked as text,
/// and tabs (which clippy's `tabs_in_doc_comments` refuses) as spaces.
fn doc_text(text: &str) -> Cow<'_, str> {
    let text = match safe(text) {
        Cow::Borrowed(t) => plain_code_blocks(t),
        Cow::Owned(t) => Cow::Owned(plain_code_blocks(&t).into_owned()),
    };
    if text.contains('\t') {
        Cow::Owned(text.replace('\t', "    "))
    } else {
        text
    }
}

/// Marks the code blocks of documentation prose as `text`, so that rustdoc shows them
/// instead of compiling them as doctests: a fence without an info string (a JSON policy in a
/// description) gets `text`, and an indented code block (four columns past the enclosing
/// list item's content, after a blank line) is fenced as `text`. A fence that names its
/// language (`json`), and the generator's own examples (`no_run`), are kept as they are; so
/// is the text of nested lists.
fn plain_code_blocks(text: &str) -> Cow<'_, str> {
    if !text.contains("```")
        && !text.contains("~~~")
        && !text.contains("    ")
        && !text.contains('\t')
    {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    // Inside a fenced block: its character and length.
    let mut fence: Option<(char, usize)> = None;
    // Inside an indented block made a fence: the columns its lines lose.
    let mut code: Option<usize> = None;
    // The content column of the list item the text is in, if any.
    let mut list: Option<usize> = None;
    let mut after_blank = true;
    for line in text.lines() {
        let (indent, body) = columns(line);
        let blank = body.trim().is_empty();
        if let Some((c, n)) = fence {
            let run = body.len() - body.trim_start_matches(c).len();
            if run >= n && body[run..].trim().is_empty() {
                fence = None;
            }
            push_line(&mut out, line);
            continue;
        }
        let base = list.unwrap_or(0);
        if let Some(cut) = code {
            if blank {
                push_line(&mut out, "");
                continue;
            }
            if indent >= cut {
                let kept = " ".repeat(cut - 4);
                push_line(&mut out, &format!("{kept}{}", strip_columns(line, cut)));
                continue;
            }
            close_indented(&mut out, cut - 4);
            code = None;
        }
        if blank {
            after_blank = true;
            push_line(&mut out, line);
            continue;
        }
        if after_blank && indent >= base + 4 {
            let cut = base + 4;
            push_line(&mut out, &format!("{}```text", " ".repeat(base)));
            push_line(
                &mut out,
                &format!("{}{}", " ".repeat(base), strip_columns(line, cut)),
            );
            code = Some(cut);
            after_blank = false;
            continue;
        }
        if let Some(content) = list_item(body) {
            list = Some(indent + content);
        } else if after_blank && indent < base {
            list = None;
        }
        after_blank = false;
        if let Some(c) = ['`', '~'].into_iter().find(|c| body.starts_with(*c)) {
            let run = body.len() - body.trim_start_matches(c).len();
            if run >= 3 {
                fence = Some((c, run));
                if body[run..].trim().is_empty() {
                    push_line(&mut out, &format!("{}text", line.trim_end()));
                    continue;
                }
            }
        }
        push_line(&mut out, line);
    }
    if let Some(cut) = code {
        close_indented(&mut out, cut - 4);
    }
    let end = out.trim_end_matches('\n').len() + usize::from(text.ends_with('\n'));
    out.truncate(end);
    Cow::Owned(out)
}

fn push_line(out: &mut String, line: &str) {
    out.push_str(line);
    out.push('\n');
}

/// A line's indentation in columns (a tab to the next multiple of four), and the rest.
fn columns(line: &str) -> (usize, &str) {
    let mut col = 0;
    for (i, c) in line.char_indices() {
        match c {
            ' ' => col += 1,
            '\t' => col += 4 - col % 4,
            _ => return (col, &line[i..]),
        }
    }
    (col, "")
}

/// The line without its first `cut` columns of indentation.
fn strip_columns(line: &str, cut: usize) -> String {
    let (indent, body) = columns(line);
    format!("{}{body}", " ".repeat(indent.saturating_sub(cut)))
}

/// The width of a list item's marker and the spaces after it (`- `, `12. `), if `body` starts
/// one.
fn list_item(body: &str) -> Option<usize> {
    let digits = body.len() - body.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let marker = match body.as_bytes().first()? {
        b'-' | b'*' | b'+' => 1,
        _ if (1..=9).contains(&digits)
            && matches!(body.as_bytes().get(digits), Some(b'.' | b')')) =>
        {
            digits + 1
        }
        _ => return None,
    };
    let rest = &body[marker..];
    let spaces = rest.len() - rest.trim_start_matches(' ').len();
    match spaces {
        0 if !rest.is_empty() => None,
        1..=4 => Some(marker + spaces),
        _ => Some(marker + 1),
    }
}

/// Ends the fenced block an indented block became (at `indent` columns), before the blank
/// lines that ended it.
fn close_indented(out: &mut String, indent: usize) {
    let code = out.trim_end_matches('\n').len();
    let blanks = out.len() - code - 1;
    out.truncate(code);
    out.push('\n');
    out.push_str(&" ".repeat(indent));
    out.push_str("```\n");
    out.extend(std::iter::repeat_n('\n', blanks));
}

/// The lines of a doc comment, each with the space that follows `///`.
fn doc_lines(text: &str) -> impl Iterator<Item = String> + '_ {
    text.trim_end().lines().map(|l| {
        if l.is_empty() {
            String::new()
        } else {
            format!(" {l}")
        }
    })
}

/// Within [`deferred`], records a doc block and returns its marker (a blank text has no
/// lines, so no attribute either way).
fn defer(text: &str) -> Option<String> {
    if text.trim_end().is_empty() {
        return None;
    }
    TABLE.with(|t| {
        let mut t = t.borrow_mut();
        let table = t.as_mut()?;
        table.push(text.to_string());
        Some(format!("{MARK}{}", table.len() - 1))
    })
}

/// The doc blocks of tokens built by [`deferred`], for [`expand`].
#[derive(Debug, Default)]
pub(crate) struct Table(Vec<String>);

/// Builds tokens with `build`, every doc block in them a marker recorded in the table.
pub(crate) fn deferred(build: impl FnOnce() -> TokenStream) -> (TokenStream, Table) {
    /// Ends deferral on this thread however `build` ends.
    struct Reset;
    impl Drop for Reset {
        fn drop(&mut self) {
            TABLE.with(|t| t.borrow_mut().take());
        }
    }
    TABLE.with(|t| *t.borrow_mut() = Some(Vec::new()));
    let reset = Reset;
    let tokens = build();
    let table = TABLE.with(|t| t.borrow_mut().take()).unwrap_or_default();
    drop(reset);
    (tokens, Table(table))
}

/// Builds tokens with `build` as if outside [`deferred`]: their doc comments are real
/// attributes, for tokens the layout prints as they are (a macro invocation's body, where
/// a marker would not become a line of its own).
pub(crate) fn undeferred(build: impl FnOnce() -> TokenStream) -> TokenStream {
    /// Puts the table back however `build` ends.
    struct Restore(Option<Vec<String>>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let table = self.0.take();
            TABLE.with(|t| *t.borrow_mut() = table);
        }
    }
    let _restore = Restore(TABLE.with(|t| t.borrow_mut().take()));
    build()
}

/// Replaces each marker line of laid-out text with its doc block's lines.
pub(crate) fn expand(text: String, table: &Table) -> Result<String, String> {
    if table.0.is_empty() {
        return Ok(text);
    }
    let extra: usize = table.0.iter().map(|d| d.len() * 2).sum();
    let mut out = String::with_capacity(text.len() + extra);
    // A block's tokens may be used more than once; each must be placed at least once.
    let mut placed = vec![false; table.0.len()];
    for line in text.split_inclusive('\n') {
        match marker(line) {
            Some((indent, style, i)) if i < table.0.len() => {
                for l in doc_lines(&table.0[i]) {
                    out.push_str(indent);
                    out.push_str(style);
                    out.push_str(l.trim_end_matches(' '));
                    out.push('\n');
                }
                placed[i] = true;
            }
            _ => out.push_str(line),
        }
    }
    let lost = placed.iter().filter(|p| !**p).count();
    if lost > 0 || out.contains(MARK) {
        return Err(format!(
            "internal error: {lost} of {} doc comments not placed by the layout",
            table.0.len()
        ));
    }
    Ok(out)
}

/// A marker line: its indentation, `///` or `//!`, and the block's index.
fn marker(line: &str) -> Option<(&str, &'static str, usize)> {
    let body = line.strip_suffix('\n').unwrap_or(line);
    let rest = body.trim_start_matches(' ');
    let indent = &body[..body.len() - rest.len()];
    let (style, rest) = if let Some(r) = rest.strip_prefix("///") {
        ("///", r)
    } else {
        ("//!", rest.strip_prefix("//!")?)
    };
    let i = rest.strip_prefix(MARK)?.parse().ok()?;
    Some((indent, style, i))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lays out tokens as the library is laid out.
    fn pretty(tokens: TokenStream) -> String {
        prettyplease::unparse(&syn::parse2(tokens).unwrap())
    }

    #[test]
    fn deferred_docs_lay_out_as_the_attributes_do() {
        let texts = [
            "One line.",
            "Two paragraphs.\n\nThe second, with `code` and trailing spaces.   ",
            "\n\nLeading blank lines, \"quotes\", a backslash \\ and ünïcode.",
            "   ",
            "",
            "  indented\n\tand tabbed",
        ];
        let build = || {
            let items = texts.iter().map(|t| {
                let d = doc(t);
                let field = doc(&format!("Field of: {t}"));
                quote! {
                    #d
                    pub struct S {
                        #field
                        pub f: u8,
                    }
                    impl S {
                        #d
                        pub fn g(&self) {}
                    }
                }
            });
            let m = inner_doc("Module docs.\n\nSecond paragraph.");
            quote!(#m #(#items)*)
        };
        let plain = pretty(build());
        let (tokens, table) = deferred(build);
        // Per text, its block (used twice) and its field's; blank texts are no blocks.
        assert_eq!(table.0.len(), 1 + 4 + texts.len());
        let laid_out = pretty(tokens);
        assert!(laid_out.contains(MARK));
        assert_eq!(expand(laid_out, &table).unwrap(), plain);
    }

    #[test]
    fn code_blocks_of_prose_are_text_and_the_generators_examples_stay() {
        let cases = [
            // A bare fence: shown, not compiled.
            ("Policy:\n\n```\n{\"a\": 1}\n```\nEnd.", "Policy:\n\n```text\n{\"a\": 1}\n```\nEnd."),
            ("~~~~\nx ~~~\n~~~~", "~~~~text\nx ~~~\n~~~~"),
            // A fence that names its language, and the generator's own examples, stay.
            ("```json\n{}\n```", "```json\n{}\n```"),
            ("```no_run\nlet x = 1;\n```", "```no_run\nlet x = 1;\n```"),
            // An indented block after a blank line is fenced and dedented; a bare fence
            // inside a fenced block is its content.
            (
                "Example:\n\n    {\"Version\": \"1\"}\n      nested\n\n    more\n\nAfter.",
                "Example:\n\n```text\n{\"Version\": \"1\"}\n  nested\n\nmore\n```\n\nAfter.",
            ),
            ("\tcode\n", "```text\ncode\n```\n"),
            ("````\n```\n````", "````text\n```\n````"),
            // Indentation that continues a paragraph, or nests a list, is not code; four
            // columns past a list item's content is.
            ("Para\n    continued", "Para\n    continued"),
            (
                "- item:\n    - nested\n\n    - nested after a blank\n\n      more of it\n\n          code\n\nEnd.",
                "- item:\n    - nested\n\n    - nested after a blank\n\n      more of it\n\n      ```text\n      code\n      ```\n\nEnd.",
            ),
            ("1. one\n\n       code", "1. one\n\n   ```text\n   code\n   ```"),
            // A list ends at a line left of its content, after a blank line.
            ("- a\n\nText.\n\n    code", "- a\n\nText.\n\n```text\ncode\n```"),
            ("Plain text.", "Plain text."),
        ];
        for (text, want) in cases {
            assert_eq!(plain_code_blocks(text), want, "{text:?}");
        }
    }

    #[test]
    fn outside_deferred_nothing_is_recorded_and_a_lost_marker_is_an_error() {
        assert!(doc("x").to_string().contains("\" x\""));
        let (tokens, table) = deferred(|| doc("x"));
        assert!(!tokens.to_string().contains("\" x\""), "{tokens}");
        assert!(expand("fn f() {}\n".into(), &table).is_err());
        assert!(doc("y").to_string().contains("\" y\""), "deferral ended");
    }
}
