//! Errors: one `#[non_exhaustive]` enum per operation with a variant per documented error
//! code (the operation's own table, then the common gateway codes) and an `Unhandled`
//! fallback. The accessors, `Display` and `std::error::Error` come from the runtime's
//! `service_error!` macro, so each enum costs only its variants.

use super::text::{cell, code_span, paragraphs};
use super::{doc, ident, Chunks};
use crate::model::{Operation, Service};
use proc_macro2::TokenStream;
use quote::quote;

/// The `errors.rs` module of a service.
pub fn chunks(service: &Service, rt: TokenStream) -> Chunks<'_> {
    Chunks {
        head: quote! {
            //! Per-operation error enums.
        },
        items: Box::new(service.operations.iter().map(move |op| error_enum(op, &rt))),
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
pub fn is_names(op: &Operation) -> Vec<String> {
    let mut taken: std::collections::BTreeSet<String> =
        ERROR_METHODS.iter().map(|m| m.to_string()).collect();
    op.errors
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

fn error_enum(op: &Operation, rt: &TokenStream) -> TokenStream {
    let name = ident(&op.error_type);
    let own = op.errors.iter().filter(|e| !e.common).count();
    let intro = paragraphs([
        format!("Errors of `{}` ([`Client::{}`](super::Client::{})).", op.action, op.method_name, op.method_name),
        format!(
            "{own} code{} documented by the operation, then the codes any Alibaba Cloud operation can return from the API gateway. Codes not listed here arrive as `Unhandled` with the raw code. Every variant carries the error's metadata: `code()`, `message()`, `request_id()`, `host_id()`, `recommend()`, `http_status()`.",
            if own == 1 { "" } else { "s" }
        ),
    ]);
    let d = doc(&intro);
    let variants = op.errors.iter().map(|e| {
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
        if e.common {
            facts.push("Common gateway error.".into());
        }
        let d = doc(&paragraphs(facts));
        quote!(#d #v(Box<#rt::ErrorMeta>),)
    });
    let tests = is_names(op);
    let arms = op.errors.iter().zip(&tests).map(|(e, is)| {
        let v = ident(&e.variant);
        let is = ident(is);
        let c = &e.code;
        let r = e.retryable;
        quote!(#v(#is) = #c => #r)
    });
    quote! {
        #d
        #[derive(Debug)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A code this operation does not document (or an error that is not a service
            /// error, from `SdkError::into_service_error`); `code()` returns it as sent.
            Unhandled(#rt::Unhandled),
        }
        #rt::service_error!(#name { #(#arms),* });
    }
}
