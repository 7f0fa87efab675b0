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

use proc_macro2::TokenStream;
use quote::quote;
use std::cell::RefCell;

/// Starts a marker's value; no generated doc text holds it, since while markers are on,
/// every doc text goes to the table.
const MARK: char = '\u{1}';

thread_local! {
    /// The doc blocks of the tokens being built on this thread, while [`deferred`] runs.
    static TABLE: RefCell<Option<Vec<String>>> = const { RefCell::new(None) };
}

/// `#[doc = "..."]` attributes, one per line of `text` (a marker within [`deferred`]).
pub fn doc(text: &str) -> TokenStream {
    if let Some(marker) = defer(text) {
        return quote!(#[doc = #marker]);
    }
    let lines = doc_lines(text).map(|l| quote!(#[doc = #l]));
    quote!(#(#lines)*)
}

/// `#![doc = "..."]` attributes (module documentation), one per line of `text` (a marker
/// within [`deferred`]).
pub fn inner_doc(text: &str) -> TokenStream {
    if let Some(marker) = defer(text) {
        return quote!(#![doc = #marker]);
    }
    let lines = doc_lines(text).map(|l| quote!(#![doc = #l]));
    quote!(#(#lines)*)
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
pub struct Table(Vec<String>);

/// Builds tokens with `build`, every doc block in them a marker recorded in the table.
pub fn deferred(build: impl FnOnce() -> TokenStream) -> (TokenStream, Table) {
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

/// Replaces each marker line of laid-out text with its doc block's lines.
pub fn expand(text: String, table: &Table) -> Result<String, String> {
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
    fn outside_deferred_nothing_is_recorded_and_a_lost_marker_is_an_error() {
        assert!(doc("x").to_string().contains("\" x\""));
        let (tokens, table) = deferred(|| doc("x"));
        assert!(!tokens.to_string().contains("\" x\""), "{tokens}");
        assert!(expand("fn f() {}\n".into(), &table).is_err());
        assert!(doc("y").to_string().contains("\" y\""), "deferral ended");
    }
}
