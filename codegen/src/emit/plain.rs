//! A fast layout for generated Rust that people rarely read (the generated tests and the
//! `acs` command table): tokens are printed as they come, one statement, item or field per
//! line, indented by braces, and a bracketed or parenthesized list that would make a long
//! line is split one element per line. No syntax tree is built, so it costs a fraction of
//! prettyplease, which stays the layout of everything users read (the library).
//!
//! Spacing follows the tokens, not the grammar: the output is valid, deterministic Rust, not
//! rustfmt's style, and its files say so to rustfmt (`rustfmt::skip`).

use proc_macro2::{Delimiter, Group, Spacing, TokenStream, TokenTree};

/// A list longer than this (in characters, on one line) is split one element per line.
const LIST_WIDTH: usize = 100;

const INDENT: &str = "    ";

/// Lays out `tokens` (a sequence of items) as text ending with a newline.
pub(crate) fn layout(tokens: TokenStream) -> String {
    let mut out = String::new();
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    block(&trees, 0, &mut out);
    out
}

/// What the previous token was, for spacing.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Prev {
    /// Start of a line or of a group: no space.
    Start,
    /// An identifier, literal or closed group: a word follows after a space.
    Word,
    /// Punctuation after which no space goes (`::`, `.`, `&`, `#`, `!`, `'`, `<`).
    Tight,
    /// Other punctuation (`=`, `=>`, `:`): a space follows.
    Loose,
}

/// Statements or items (the inside of braces, or a whole file): a line break after each `;`,
/// after an attribute, after a braced block not followed by punctuation, and after each `,`
/// (struct fields and literal fields).
fn block(trees: &[TokenTree], depth: usize, out: &mut String) {
    let mut line = Line::new(depth);
    let mut i = 0;
    while i < trees.len() {
        let next = trees.get(i + 1);
        match &trees[i] {
            // A block or a list of fields; `use a::{b, c}` stays on its line.
            TokenTree::Group(g)
                if g.delimiter() == Delimiter::Brace && line.prev != Prev::Tight =>
            {
                if matches!(line.prev, Prev::Word | Prev::Loose) {
                    line.text.push(' ');
                }
                line.text.push('{');
                let inner: Vec<TokenTree> = g.stream().into_iter().collect();
                if !inner.is_empty() {
                    line.flush(out);
                    block(&inner, depth + 1, out);
                }
                line.text.push('}');
                line.prev = Prev::Word;
                let continues = matches!(next, Some(TokenTree::Punct(p)) if matches!(p.as_char(), ',' | ';' | '.' | '?'))
                    || matches!(next, Some(TokenTree::Ident(i)) if i == "else");
                if !continues {
                    line.flush(out);
                }
            }
            TokenTree::Punct(p) if p.as_char() == '#' && line.text.is_empty() => {
                // An attribute (`#[...]`, `#![...]`) on its own line.
                line.push_tree(&trees[i]);
                if let Some(TokenTree::Punct(bang)) = next {
                    if bang.as_char() == '!' {
                        i += 1;
                        line.push_tree(&trees[i]);
                    }
                }
                if let Some(group @ TokenTree::Group(_)) = trees.get(i + 1) {
                    i += 1;
                    line.push_tree(group);
                    line.flush(out);
                }
            }
            // A comma ends a line between fields or match arms, not inside generics or a
            // closure's parameters.
            TokenTree::Punct(p)
                if p.as_char() == ';'
                    || (p.as_char() == ',' && line.angles == 0 && !line.text.contains('|')) =>
            {
                line.text.push(p.as_char());
                line.flush(out);
            }
            tree => line.push_tree(tree),
        }
        i += 1;
    }
    line.flush(out);
}

/// One output line being built (it may hold the split lines of a long list).
struct Line {
    depth: usize,
    text: String,
    prev: Prev,
    /// The previous token when it was punctuation joined to the next (`:` of `::`, `-` of
    /// `->`).
    joint: Option<char>,
    /// Open `<` of generics or qualified paths.
    angles: usize,
}

impl Line {
    fn new(depth: usize) -> Self {
        Line {
            depth,
            text: String::new(),
            prev: Prev::Start,
            joint: None,
            angles: 0,
        }
    }

    fn flush(&mut self, out: &mut String) {
        for l in self.text.lines() {
            for _ in 0..self.depth {
                out.push_str(INDENT);
            }
            out.push_str(l);
            out.push('\n');
        }
        self.text.clear();
        self.prev = Prev::Start;
        self.joint = None;
    }

    fn push_tree(&mut self, tree: &TokenTree) {
        let TokenTree::Punct(p) = tree else {
            // `f(x)`, `a[i]`, `m!(..)`: no space between a word and its parentheses.
            let call = matches!(tree, TokenTree::Group(g) if g.delimiter() != Delimiter::Brace);
            let space = match self.prev {
                Prev::Start | Prev::Tight => false,
                Prev::Loose => true,
                Prev::Word => !call,
            };
            if space {
                self.text.push(' ');
            }
            match tree {
                TokenTree::Group(g) => self.text.push_str(&inline_group(g)),
                other => self.text.push_str(&other.to_string()),
            }
            self.prev = Prev::Word;
            self.joint = None;
            return;
        };
        let c = p.as_char();
        let joined = self.joint.take();
        // `<` opens generics or a qualified path (the generated code compares nothing);
        // `>` closes one unless it ends `->` or `=>`.
        let closes = c == '>' && self.angles > 0 && !matches!(joined, Some('-' | '='));
        let space = match self.prev {
            Prev::Start | Prev::Tight => false,
            Prev::Loose => !closes,
            Prev::Word => !(matches!(c, ',' | ';' | '.' | ':' | '?' | '!' | '<') || closes),
        };
        if space {
            self.text.push(' ');
        }
        self.text.push(c);
        let joint = p.spacing() == Spacing::Joint;
        if joint {
            self.joint = Some(c);
        }
        self.prev = match c {
            '<' => {
                self.angles += 1;
                Prev::Tight
            }
            '>' if closes => {
                self.angles -= 1;
                Prev::Word
            }
            _ if joint => Prev::Tight,
            ':' if joined == Some(':') => Prev::Tight,
            '.' | '\'' | '#' | '&' | '!' => Prev::Tight,
            _ => Prev::Loose,
        };
    }
}

/// A parenthesized or bracketed group (or a braced one inside such a group) on one line,
/// or split one element per line when that line would be long.
fn inline_group(g: &Group) -> String {
    let (open, close) = match g.delimiter() {
        Delimiter::Parenthesis => ("(", ")"),
        Delimiter::Bracket => ("[", "]"),
        Delimiter::Brace => ("{ ", " }"),
        Delimiter::None => ("", ""),
    };
    let trees: Vec<TokenTree> = g.stream().into_iter().collect();
    let elements = split_commas(&trees);
    let rendered: Vec<String> = elements.iter().map(|e| inline(e)).collect();
    let width: usize = rendered.iter().map(|r| r.len() + 2).sum();
    let multiline = rendered.iter().any(|r| r.contains('\n'));
    if elements.len() < 2 || (width <= LIST_WIDTH && !multiline) {
        let mut s = String::from(open);
        s.push_str(&rendered.join(", "));
        if trees.last().is_some_and(is_comma) {
            s.push(',');
        }
        s.push_str(close);
        return s;
    }
    // One element per line, indented one step from the group's own line; the lines of an
    // element's own split lists keep their relative indentation.
    let mut s = String::from(open.trim_end());
    s.push('\n');
    let trailing = trees.last().is_some_and(is_comma);
    for (i, r) in rendered.iter().enumerate() {
        for l in r.lines() {
            s.push_str(INDENT);
            s.push_str(l);
            s.push('\n');
        }
        if i + 1 < rendered.len() || trailing {
            s.pop();
            s.push_str(",\n");
        }
    }
    s.push_str(close.trim_start());
    s
}

/// Tokens on one line (their long lists split), with the spacing rules above.
fn inline(trees: &[TokenTree]) -> String {
    let mut line = Line::new(0);
    for t in trees {
        line.push_tree(t);
    }
    line.text
}

fn is_comma(t: &TokenTree) -> bool {
    matches!(t, TokenTree::Punct(p) if p.as_char() == ',')
}

/// The elements of a comma-separated list (a trailing comma makes no empty element).
fn split_commas(trees: &[TokenTree]) -> Vec<Vec<TokenTree>> {
    let mut out = vec![Vec::new()];
    for t in trees {
        if is_comma(t) {
            out.push(Vec::new());
        } else if let Some(last) = out.last_mut() {
            last.push(t.clone());
        }
    }
    if out.last().is_some_and(Vec::is_empty) {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::layout;
    use quote::quote;

    /// The tokens as text, one per entry, groups as their delimiters.
    fn flat(tokens: proc_macro2::TokenStream, out: &mut Vec<String>) {
        for t in tokens {
            match t {
                proc_macro2::TokenTree::Group(g) => {
                    out.push(format!("{:?}", g.delimiter()));
                    flat(g.stream(), out);
                    out.push("end".into());
                }
                other => out.push(other.to_string()),
            }
        }
    }

    /// The layout changes only whitespace: re-reading it gives the same tokens.
    fn same_tokens(tokens: proc_macro2::TokenStream) -> String {
        let text = layout(tokens.clone());
        let back: proc_macro2::TokenStream = text.parse().expect("the layout lexes");
        let (mut a, mut b) = (Vec::new(), Vec::new());
        flat(back, &mut a);
        flat(tokens, &mut b);
        assert_eq!(a, b, "{text}");
        syn::parse_file(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
        text
    }

    #[test]
    fn keeps_every_token_and_parses() {
        let text = same_tokens(quote! {
            #![allow(dead_code)]
            use a::b::{c, d};
            #[cfg(feature = "x")]
            const X: &[(u16, &'static str)] = &[(1u16, "a"), (2u16, "b")];
            fn f<'a, T: Into<String>>(x: &'a [u8], y: T) -> Option<&'a u8> {
                let v = Vec::<u8>::new();
                let w = <Vec<u8> as Default>::default();
                let t = (1,);
                let s = S { a: 1, ..S::default() };
                let n = -1i64;
                match x.first() { Some(b) if *b > 0 => Some(b), _ => None }
            }
            fn g() { let c = |a: u8, b: u8| a + b; for _ in 0..2 {} if true { } else { } }
        });
        assert!(text.contains("let t = (1,);"), "{text}");
        assert!(text.contains("Vec::<u8>::new()"), "{text}");
        assert!(text.contains("<Vec<u8> as Default>::default()"), "{text}");
        assert!(text.contains("#[cfg(feature = \"x\")]\nconst X"), "{text}");
    }

    #[test]
    fn splits_long_lists_one_element_per_line() {
        let rows = (0..4).map(|i| {
            let code = format!("A.Rather.Long.Error.Code{i}");
            quote!((400u16, #code, "A message long enough to matter.", false))
        });
        let text = same_tokens(quote! {
            fn t() { check(&[#(#rows),*]); }
        });
        assert!(
            text.contains("    check(&[\n        (400u16, \"A.Rather.Long.Error.Code0\""),
            "{text}"
        );
        assert!(text.lines().all(|l| l.len() < 140), "{text}");
    }
}
