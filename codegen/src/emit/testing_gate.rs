//! The test gateway's support in generated code (each request's `FromWire`, the outputs'
//! setters, `ToJson` and `ToBody`, `operations()`): how it is gated, by a `cfg` of the
//! generated crate or by the runtime's own `testing` feature ([`Options::testing_cfg`]).

use super::doc_comments::undeferred;
use super::options::{runtime_path, Options};
use proc_macro2::TokenStream;

/// How the test gateway's support is gated ([`Options::testing_cfg`]).
pub(crate) enum TestingGate {
    /// `#[cfg(predicate)]` on each item (a crate's `feature = "testing"`).
    Cfg(TokenStream),
    /// Each item inside the runtime's `__with_testing!`: compiled when the runtime is built
    /// with its `testing` feature (a build script's single file, which cannot know the
    /// including crate's features; a user's tests turn the runtime's on through a
    /// dev-dependency).
    Runtime(TokenStream),
}

impl TestingGate {
    /// The gate `opts` asks for.
    pub(crate) fn of(opts: &Options) -> Self {
        match &opts.testing_cfg {
            Some(predicate) => TestingGate::Cfg(predicate.parse().unwrap_or_default()),
            None => TestingGate::Runtime(runtime_path(opts)),
        }
    }

    /// The item `build` makes (one item), gated.
    pub(crate) fn wrap(&self, build: impl FnOnce() -> TokenStream) -> TokenStream {
        match self {
            TestingGate::Cfg(predicate) => {
                let item = build();
                quote::quote!(#[cfg(#predicate)] #item)
            }
            TestingGate::Runtime(rt) => {
                let item = undeferred(build);
                quote::quote!(#rt::__with_testing! { #item })
            }
        }
    }
}
