//! Errors: one `#[non_exhaustive]` enum per operation with a variant per code of its own
//! table, a `Common` variant holding the common gateway codes (the [`COMMON_ERROR_TYPE`]
//! enum, defined once at the root of the generated code), and an `Unhandled` fallback.
//! `Display`, `std::error::Error` and the `is_` tests of its own codes come from the
//! runtime's `service_error!` and `common_error!` macros; what every enum shares is defined
//! once: the metadata accessors are provided methods of the runtime's
//! [`SERVICE_ERROR_TRAIT`], and the common codes' `is_` tests provided methods of the
//! [`COMMON_CODES_TRAIT`], implemented for every error enum at once. Each enum costs only
//! its variants and its own codes.

use super::doc_comments::doc;
use super::layout::Home;
use super::options::{runtime_path, Options};
use super::text::{cell, code_span, paragraphs};
use super::tokens::{ident, Chunks};
use crate::model::{
    Api, ErrorCode, Operation, Service, COMMON, COMMON_CODES_TRAIT, COMMON_ERROR_TYPE,
    SERVICE_ERROR_TRAIT,
};
use proc_macro2::TokenStream;
use quote::quote;

/// Path of the common error enum from a service's `errors` module.
fn common_path(home: Home) -> TokenStream {
    let (root, c) = (home.common_root(), ident(COMMON_ERROR_TYPE));
    quote!(#root::#c)
}

/// The `errors.rs` module of a service. It re-exports what callers need beside the enums:
/// the runtime's error trait (the accessors) and, if any, the common error enum and the
/// trait of its tests, so that a glob import of the version module brings them all.
pub(crate) fn chunks<'a>(
    service: &'a Service,
    opts: &'a Options,
    common: &'a [ErrorCode],
    home: Home<'a>,
) -> Chunks<'a> {
    let common_tests: Vec<(String, String)> = is_names(common, &[])
        .into_iter()
        .zip(common.iter().map(|e| e.code.clone()))
        .collect();
    Chunks {
        head: Box::new(move || {
            let rt = runtime_path(opts);
            let reexport = (!common.is_empty()).then(|| {
                let root = home.common_root();
                let (c, t) = (ident(COMMON_ERROR_TYPE), ident(COMMON_CODES_TRAIT));
                quote!(pub use #root::{#c, #t};)
            });
            let service_error = ident(SERVICE_ERROR_TRAIT);
            quote! {
                //! Per-operation error enums.
                pub use #rt::#service_error;
                #reexport
            }
        }),
        len: service.operations.len(),
        item: Box::new(move |i| {
            error_enum(
                &service.operations[i],
                &runtime_path(opts),
                &common_tests,
                home,
            )
        }),
    }
}

/// The common error enum, for the root of the generated code; nothing without common codes.
pub(crate) fn common_enum(api: &Api, rt: &TokenStream) -> TokenStream {
    if api.common_errors.is_empty() {
        return quote!();
    }
    let name = ident(COMMON_ERROR_TYPE);
    let d = doc(&paragraphs([
        "The error codes any Alibaba Cloud operation can return from the API gateway, defined once: every operation's error enum holds them in its `Common` variant (unless the operation documents the code itself, in which case its own variant has it).".to_string(),
        "Every variant carries the error's metadata: `code()`, `message()`, `request_id()`, `meta()`.".to_string(),
    ]));
    let variants = api.common_errors.iter().map(|e| variant(e, rt));
    let allow = spelled_as_written(&api.common_errors);
    let tests = is_names(&api.common_errors, &[]);
    let arms = arms(&api.common_errors, &tests);
    let trait_ = common_codes_trait(api, &tests, rt);
    quote! {
        #d
        #[derive(Debug)]
        #[non_exhaustive]
        #allow
        pub enum #name {
            #(#variants)*
        }
        #rt::common_error!(#name { #(#arms),* });
        #trait_
    }
}

/// The trait of the common codes' `is_<code>()` tests, implemented for every error enum: one
/// definition instead of a copy of every test on each operation's enum. A test compares the
/// code, so it also holds when an operation documents a common code itself (its own variant
/// then has the code, and its inherent `is_` test of the same name answers first).
fn common_codes_trait(api: &Api, tests: &[String], rt: &TokenStream) -> TokenStream {
    let name = ident(COMMON_CODES_TRAIT);
    let service_error = ident(SERVICE_ERROR_TRAIT);
    let example = tests
        .first()
        .map(|t| format!(": `err.{t}()`"))
        .unwrap_or_default();
    let d = doc(&paragraphs([
        format!("The `is_<code>()` tests of the common gateway codes ([`{COMMON_ERROR_TYPE}`]), on every operation's error enum{example}."),
        "Bring it into scope with the version module (`use <crate>::<product>::<version>::*`) or the crate's prelude.".to_string(),
    ]));
    let methods = api.common_errors.iter().zip(tests).map(|(e, is)| {
        let is = ident(is);
        let code = &e.code;
        let d = doc(&format!(
            "Whether this is the common gateway error {}.",
            code_span(code)
        ));
        quote! {
            #d
            fn #is(&self) -> bool {
                #rt::#service_error::code(self) == #code
            }
        }
    });
    quote! {
        #d
        pub trait #name: #rt::#service_error {
            #(#methods)*
        }
        impl<E: #rt::#service_error> #name for E {}
    }
}

/// The Markdown table of an operation's error codes (shared with the reference pages).
pub(crate) fn table(op: &Operation) -> String {
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

/// Methods every error enum has (from the runtime's `ServiceError`), which an
/// `is_<variant>()` test must not take.
const ERROR_METHODS: &[&str] = &["is_retryable"];

/// The `is_<variant>()` test of each error, in order: `is_` and the variant in snake case,
/// with a number appended where two would be the same, would take a method's name, or would
/// take the name of a common code's test (`reserved`: test names and their codes) for
/// another code.
pub(crate) fn is_names(errors: &[ErrorCode], reserved: &[(String, String)]) -> Vec<String> {
    let mut taken: std::collections::BTreeSet<String> =
        ERROR_METHODS.iter().map(|m| m.to_string()).collect();
    errors
        .iter()
        .map(|e| {
            // A variant spelled as its code is written (`InstanceType_NotSupport`, see
            // `names::verbatim_type_name`) is lower-cased as it is, apart from the snake
            // case of the code that keeps the derived name.
            let base = if e.variant.contains('_') {
                format!("is_{}", e.variant.to_ascii_lowercase())
            } else {
                format!(
                    "is_{}",
                    heck::ToSnakeCase::to_snake_case(e.variant.as_str())
                )
            };
            let mut name = base.clone();
            let mut n = 1;
            while reserved
                .iter()
                .any(|(r, code)| *r == name && *code != e.code)
                || !taken.insert(name.clone())
            {
                n += 1;
                name = format!("{base}_{n}");
            }
            name
        })
        .collect()
}

/// `#[allow(non_camel_case_types)]` for an enum with a variant spelled as its code is written
/// (`InstanceType_NotSupport`, see `lower::error_variants`), else nothing.
fn spelled_as_written<'a>(errors: impl IntoIterator<Item = &'a ErrorCode>) -> TokenStream {
    if errors.into_iter().any(|e| e.variant.contains('_')) {
        quote!(#[allow(non_camel_case_types)])
    } else {
        quote!()
    }
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

fn error_enum(
    op: &Operation,
    rt: &TokenStream,
    common_tests: &[(String, String)],
    home: Home,
) -> TokenStream {
    let has_common = !common_tests.is_empty();
    let name = ident(&op.error_type);
    let own: Vec<ErrorCode> = op.errors.iter().filter(|e| !e.common).cloned().collect();
    let own_tests = is_names(&own, common_tests);
    let intro = paragraphs([
        format!("Errors of `{}` ({}).", op.action, home.client_method(&op.method_name)),
        format!(
            "{} code{} documented by the operation{}. Codes not listed arrive as `Unhandled` with the raw code. Every variant carries the error's metadata, read through [`{SERVICE_ERROR_TRAIT}`]: `code()`, `message()`, `request_id()`, `host_id()`, `recommend()`, `http_status()`.",
            own.len(),
            if own.len() == 1 { "" } else { "s" },
            if has_common {
                format!(", then the codes any Alibaba Cloud operation can return from the API gateway, in `Common(`[`{COMMON_ERROR_TYPE}`]`)`, with their `is_` tests from [`{COMMON_CODES_TRAIT}`]")
            } else {
                String::new()
            }
        ),
    ]);
    let d = doc(&intro);
    let variants = own.iter().map(|e| variant(e, rt));
    let allow = spelled_as_written(&own);
    let arms = arms(&own, &own_tests);
    let common = has_common.then(|| {
        let path = common_path(home);
        let entries = op.errors.iter().filter(|e| e.common).map(|e| &e.code);
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
        #allow
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

#[cfg(test)]
mod tests {
    use super::is_names;
    use crate::model::ErrorCode;

    fn code(code: &str, variant: &str) -> ErrorCode {
        ErrorCode {
            code: code.into(),
            variant: variant.into(),
            status: 400,
            message: String::new(),
            description: String::new(),
            retryable: false,
            common: false,
        }
    }

    /// An operation's own test never takes a common test's name for another code (the
    /// trait's test would be shadowed), but keeps it for the same code (same answer).
    #[test]
    fn own_tests_keep_clear_of_common_test_names_for_other_codes() {
        let reserved = vec![(
            "is_throttling_user".to_string(),
            "Throttling.User".to_string(),
        )];
        let own = [
            code("ThrottlingUser", "ThrottlingUser"),
            code("Retryable", "Retryable"),
        ];
        assert_eq!(
            is_names(&own, &reserved),
            ["is_throttling_user_2", "is_retryable_2"]
        );
        let same = [code("Throttling.User", "ThrottlingUser")];
        assert_eq!(is_names(&same, &reserved), ["is_throttling_user"]);
    }
}
