//! Errors: one `#[non_exhaustive]` enum per operation with a variant per code of its own
//! table, a `Common` variant holding the common gateway codes (the [`COMMON_ERROR_TYPE`]
//! enum, defined once at the root of the generated code), and an `Unhandled` fallback. The
//! accessors, `Display` and `std::error::Error` come from the runtime's `service_error!` and
//! `common_error!` macros, so each enum costs only its variants.

use super::text::{cell, code_span, paragraphs};
use super::{doc, ident, Chunks};
use crate::model::{Api, ErrorCode, Operation, Service, COMMON, COMMON_ERROR_TYPE};
use proc_macro2::TokenStream;
use quote::quote;

/// Path of the common error enum from a service's `errors` module (version, product, root).
fn common_path() -> TokenStream {
    let c = ident(COMMON_ERROR_TYPE);
    quote!(super::super::super::#c)
}

/// The `errors.rs` module of a service; it re-exports the common error enum, if any.
pub fn chunks(service: &Service, rt: TokenStream, has_common: bool) -> Chunks<'_> {
    let reexport = has_common.then(|| {
        let path = common_path();
        quote!(pub use #path;)
    });
    Chunks {
        head: quote! {
            //! Per-operation error enums.
            #reexport
        },
        items: Box::new(
            service
                .operations
                .iter()
                .map(move |op| error_enum(op, &rt, has_common)),
        ),
    }
}

/// The common error enum, for the root of the generated code; nothing without common codes.
pub fn common_enum(api: &Api, rt: &TokenStream) -> TokenStream {
    if api.common_errors.is_empty() {
        return quote!();
    }
    let name = ident(COMMON_ERROR_TYPE);
    let d = doc(&paragraphs([
        "The error codes any Alibaba Cloud operation can return from the API gateway, defined once: every operation's error enum holds them in its `Common` variant (unless the operation documents the code itself, in which case its own variant has it).".to_string(),
        "Every variant carries the error's metadata: `code()`, `message()`, `request_id()`, `meta()`.".to_string(),
    ]));
    let variants = api.common_errors.iter().map(|e| variant(e, rt));
    let tests = is_names(&api.common_errors);
    let arms = arms(&api.common_errors, &tests);
    quote! {
        #d
        #[derive(Debug)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
        }
        #rt::common_error!(#name { #(#arms),* });
    }
}

/// The Markdown table of an operation's error codes (shared with the reference pages).
pub fn table(op: &Operation) -> String {
    let mut t = String::from(
        "| HTTP status | Error code | Error message | Description |\n|---|---|---|---|\n",
    );
    for e in &op.errors {
        t.push_str(&format!(
            "| {} | `{}` | {} | {} |\n",
            e.status,
            e.code,
            cell(&e.message),
            cell(&e.description)
        ));
    }
    t
}

/// Methods every error enum has (from `acs_runtime::service_error!`), which an
/// `is_<variant>()` test must not take.
const ERROR_METHODS: &[&str] = &["is_retryable"];

/// The `is_<variant>()` test of each error, in order: `is_` and the variant in snake case,
/// with a number appended where two would be the same or would take a method's name.
pub fn is_names(errors: &[ErrorCode]) -> Vec<String> {
    let mut taken: std::collections::BTreeSet<String> =
        ERROR_METHODS.iter().map(|m| m.to_string()).collect();
    errors
        .iter()
        .map(|e| {
            let base = format!(
                "is_{}",
                heck::ToSnakeCase::to_snake_case(e.variant.as_str())
            );
            let mut name = base.clone();
            let mut n = 1;
            while !taken.insert(name.clone()) {
                n += 1;
                name = format!("{base}_{n}");
            }
            name
        })
        .collect()
}

/// A variant of a code, with its facts as docs.
fn variant(e: &ErrorCode, rt: &TokenStream) -> TokenStream {
    let v = ident(&e.variant);
    let mut facts = vec![format!(
        "{} (HTTP {}): {}",
        code_span(&e.code),
        e.status,
        e.message.trim()
    )];
    if !e.description.trim().is_empty() && e.description.trim() != e.message.trim() {
        facts.push(format!("Description: {}", e.description.trim()));
    }
    if e.retryable {
        facts.push("Retryable.".into());
    }
    let d = doc(&paragraphs(facts));
    quote!(#d #v(Box<#rt::ErrorMeta>),)
}

/// The `Variant(is_variant) = "Code" => retryable` entries of a macro call.
fn arms(errors: &[ErrorCode], tests: &[String]) -> Vec<TokenStream> {
    errors
        .iter()
        .zip(tests)
        .map(|(e, is)| {
            let v = ident(&e.variant);
            let is = ident(is);
            let c = &e.code;
            let r = e.retryable;
            quote!(#v(#is) = #c => #r)
        })
        .collect()
}

fn error_enum(op: &Operation, rt: &TokenStream, has_common: bool) -> TokenStream {
    let name = ident(&op.error_type);
    let own: Vec<ErrorCode> = op.errors.iter().filter(|e| !e.common).cloned().collect();
    let tests = is_names(&op.errors);
    let (own_tests, common_tests): (Vec<_>, Vec<_>) =
        op.errors.iter().zip(&tests).partition(|(e, _)| !e.common);
    let own_tests: Vec<String> = own_tests.into_iter().map(|(_, t)| t.clone()).collect();
    let intro = paragraphs([
        format!("Errors of `{}` ([`Client::{}`](super::Client::{})).", op.action, op.method_name, op.method_name),
        format!(
            "{} code{} documented by the operation{}. Codes not listed arrive as `Unhandled` with the raw code. Every variant carries the error's metadata: `code()`, `message()`, `request_id()`, `host_id()`, `recommend()`, `http_status()`.",
            own.len(),
            if own.len() == 1 { "" } else { "s" },
            if has_common {
                format!(", then the codes any Alibaba Cloud operation can return from the API gateway, in `Common(`[`{COMMON_ERROR_TYPE}`]`)`, each with its `is_` test here too")
            } else {
                String::new()
            }
        ),
    ]);
    let d = doc(&intro);
    let variants = own.iter().map(|e| variant(e, rt));
    let arms = arms(&own, &own_tests);
    let common = has_common.then(|| {
        let path = common_path();
        let entries = common_tests.iter().map(|(e, is)| {
            let is = ident(is);
            let c = &e.code;
            quote!(#is = #c)
        });
        let d = doc(&format!(
            "A common gateway error (see [`{COMMON_ERROR_TYPE}`])."
        ));
        let v = ident(COMMON);
        (
            quote! {
                #d
                #v(#path),
            },
            quote!(common #path { #(#entries),* }),
        )
    });
    let (common_variant, common_clause) = common.unzip();
    quote! {
        #d
        #[derive(Debug)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            #common_variant
            /// A code this operation does not document (or an error that is not a service
            /// error, from `SdkError::into_service_error`); `code()` returns it as sent.
            Unhandled(#rt::Unhandled),
        }
        #rt::service_error!(#name { #(#arms),* } #common_clause);
    }
}
