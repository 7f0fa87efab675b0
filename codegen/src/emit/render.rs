//! Tokens into a file's text: the `@generated` header, then the tokens laid out by
//! prettyplease (the library) or [`plain`] (the tests and the `acs` table).

use super::doc_comments;
use super::options::Options;
use super::plain;
use crate::generated::generated_line;
use crate::model::{Api, SourceFile};
use proc_macro2::TokenStream;
use quote::quote;

/// The header of files that span every spec.
///
/// These files list every product, so they name every spec, but not its hash: editing one
/// product's spec changes only that product's files (and a shared file whose content it
/// really changes), so two pull requests for different products do not conflict.
pub(crate) fn api_header(api: &Api) -> Vec<String> {
    let mut lines = vec![generated_line()];
    let common = api.common_errors_source.iter().map(|c| c.file.as_str());
    for file in api
        .services
        .iter()
        .map(|s| s.spec_file.as_str())
        .chain(common)
    {
        lines.push(format!("Source: {file}"));
    }
    lines
}

/// The `@generated` header lines (without comment markers): the generator, and the specs
/// and the common errors file (if any) the file is made from.
pub(crate) fn header(specs: &[(&str, &str)], common_errors: &Option<SourceFile>) -> Vec<String> {
    let mut lines = vec![generated_line()];
    let common = common_errors
        .iter()
        .map(|c| (c.file.as_str(), c.sha256.as_str()));
    for (file, sha) in specs.iter().copied().chain(common) {
        lines.push(format!("Source: {file} (sha256 {sha})"));
    }
    lines
}

/// How the items of a Rust file are formatted (the output's layout is [`crate::Layout`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Formatting {
    /// prettyplease: the library, which users read (docs.rs sources, go to definition).
    Pretty,
    /// [`plain::layout`], several times faster: the generated tests and the `acs` table,
    /// which people rarely read.
    Plain,
}

/// Formats a Rust file: header comment, then the pretty-printed tokens.
pub(crate) fn rust(
    header: &[String],
    tokens: TokenStream,
    opts: &Options,
) -> Result<String, String> {
    Ok(comment_header(header) + &head_text(|| tokens, opts)?)
}

/// The first piece of a Rust file, pretty-printed: its head (made by `build`), after the
/// attribute that has rustfmt leave the file as the generator laid it out.
pub(crate) fn head_text(
    build: impl FnOnce() -> TokenStream,
    opts: &Options,
) -> Result<String, String> {
    let build = || {
        let head = build();
        quote!(#![cfg_attr(rustfmt, rustfmt::skip)] #head)
    };
    lay_out(build, opts, Formatting::Pretty)
}

/// Lays out the tokens `build` makes; for prettyplease, with their doc comments deferred
/// (kept out of the syntax tree, [`doc_comments`]), which gives the same text faster.
pub(crate) fn lay_out(
    build: impl FnOnce() -> TokenStream,
    opts: &Options,
    layout: Formatting,
) -> Result<String, String> {
    if !opts.format || layout != Formatting::Pretty {
        return format_tokens(build(), opts, layout);
    }
    let (tokens, table) = doc_comments::deferred(build);
    doc_comments::expand(format_tokens(tokens, opts, layout)?, &table)
}

/// The `@generated` header as `//` comments, then a blank line.
pub(crate) fn comment_header(header: &[String]) -> String {
    let mut out = String::new();
    for line in header {
        out.push_str("// ");
        out.push_str(line);
        out.push('\n');
    }
    out.push('\n');
    out
}

/// CPU time spent laying out, per [`Formatting`] (prettyplease, plain), summed over threads;
/// counted with `ACS_CODEGEN_TIMINGS`.
pub(crate) static FORMAT_CPU: [crate::timings::CpuTime; 2] = [
    crate::timings::CpuTime::new(),
    crate::timings::CpuTime::new(),
];

/// Lays out tokens (or prints them raw when formatting is off).
fn format_tokens(
    tokens: TokenStream,
    opts: &Options,
    layout: Formatting,
) -> Result<String, String> {
    if !opts.format {
        return Ok(format!("{tokens}\n"));
    }
    FORMAT_CPU[layout as usize].count(|| match layout {
        Formatting::Pretty => {
            let file: syn::File = syn::parse2(tokens)
                .map_err(|e| format!("internal error: generated code does not parse: {e}"))?;
            Ok(prettyplease::unparse(&file))
        }
        Formatting::Plain => Ok(plain::layout(tokens)),
    })
}
