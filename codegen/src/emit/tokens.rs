//! Token building blocks every emitter uses: identifiers, paths and a file's tokens in pieces
//! ([`Chunks`]).

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

/// An identifier, raw when the name is `r#kw`.
pub(crate) fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// A path like `acs_runtime` or `crate::runtime` as tokens.
pub(crate) fn path(p: &str) -> TokenStream {
    let segments = p.split("::").map(|s| {
        if s == "crate" {
            quote!(crate)
        } else {
            let i = ident(s);
            quote!(#i)
        }
    });
    quote!(#(#segments)::*)
}

/// A Rust file's tokens in pieces: its head (inner docs and attributes, `use`s, small
/// items) and its items, each made on demand, on any thread, so that a file of thousands of
/// operations never exists as one token stream or syntax tree and its items can be
/// formatted in parallel. Formatting each piece with prettyplease gives the same text as
/// formatting the whole file.
pub(crate) struct Chunks<'a> {
    /// Makes the head's tokens.
    pub head: Box<dyn Fn() -> TokenStream + Send + Sync + 'a>,
    /// How many items there are.
    pub len: usize,
    /// Makes the tokens of item `i` (`i < len`).
    pub item: Box<dyn Fn(usize) -> TokenStream + Send + Sync + 'a>,
}

impl Chunks<'_> {
    /// Everything in one token stream (for the single-file layout, which nests modules).
    pub(crate) fn collect(self) -> TokenStream {
        let head = (self.head)();
        let items = (0..self.len).map(|i| (self.item)(i));
        quote!(#head #(#items)*)
    }
}
