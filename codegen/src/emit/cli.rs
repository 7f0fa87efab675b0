//! CLI: the `acs` binary (`src/bin/acs.rs`): a table of products, operations and parameter
//! flags for the runtime's clap driver (`acs_runtime::cli`).
//!
//! Flags are the kebab-case wire names (`InstanceId` → `--instance-id`). A flag that would
//! collide with a global option ([`GLOBAL_FLAGS`]) is renamed `--param-<name>`
//! (`Region` → `--param-region`), so global options keep one meaning everywhere.

use super::options::Options;
use super::text::{first_sentence, one_line, safe};
use super::tokens::{ident, path, Chunks};
use crate::model::{Api, Location, Operation, Param, Service, Style, Type};
use heck::ToKebabCase;
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeMap;

/// Flags of the CLI's global options; must equal `acs_runtime::cli::GLOBAL_FLAGS`.
pub const GLOBAL_FLAGS: &[&str] = &[
    "region",
    "endpoint",
    "profile",
    "output",
    "dry-run",
    "show-secrets",
    "pager",
    "waiter",
    "presign",
    "help",
    "version",
];

/// The flag of a parameter, after the collision rule.
pub(crate) fn flag_name(wire: &str) -> String {
    let flag = wire.to_kebab_case();
    if GLOBAL_FLAGS.contains(&flag.as_str()) {
        format!("param-{flag}")
    } else {
        flag
    }
}

/// How the flag's value is read; an enum's values are the generated enum's own `VALUES`.
fn kind(p: &Param, module: &TokenStream, cli: &TokenStream) -> TokenStream {
    match &p.ty {
        Type::String => quote!(#cli::Kind::String),
        Type::Int32 | Type::Int64 => quote!(#cli::Kind::Integer),
        Type::Float => quote!(#cli::Kind::Number),
        Type::Bool => quote!(#cli::Kind::Boolean),
        Type::Enum(name) => {
            let e = ident(name);
            quote!(#cli::Kind::Enum(#module::#e::VALUES))
        }
        Type::Array(_) | Type::Map(_) | Type::Struct(_) | Type::Any => quote!(#cli::Kind::Json),
        Type::Bytes => quote!(#cli::Kind::File),
    }
}

/// The `src/bin/acs.rs` file: one CLI product per product, at its latest API version. Each
/// operation's entry is a `const` item of its own (`ESA__RELEASE_INSTANCE`), so the table of
/// a product with thousands of operations is formatted one operation at a time.
pub(crate) fn binary<'a>(api: &'a Api, opts: &'a Options) -> Chunks<'a> {
    let mut latest: BTreeMap<&str, &Service> = BTreeMap::new();
    for s in &api.services {
        let e = latest.entry(&s.product_module).or_insert(s);
        if s.version > e.version {
            *e = s;
        }
    }
    let products: Vec<&Service> = latest.into_values().collect();
    let entries: Vec<(&Service, &Operation)> = products
        .iter()
        .flat_map(|s| s.operations.iter().map(move |op| (*s, op)))
        .collect();
    let cli = move || {
        let krate = path(&opts.crate_name);
        (quote!(#krate::runtime::cli), krate)
    };
    Chunks {
        head: Box::new(move || {
            let (cli, _) = cli();
            let products = products.iter().map(|s| {
                let feature = &s.feature;
                let name = &s.product_module;
                let about = safe(&format!("{}, API {}", s.title, s.version)).into_owned();
                let ops = s.operations.iter().map(|op| const_name(s, op));
                quote! {
                    #[cfg(feature = #feature)]
                    #cli::Product { name: #name, about: #about, operations: &[#(#ops),*] }
                }
            });
            quote! {
                //! `acs`: call the generated operations from a terminal.
                //!
                //! `acs <product> <operation> --<param> VALUE`, with `--region`, `--endpoint`,
                //! `--profile`, `--output json` and `--dry-run`; `acs --help` lists every operation.
                static PRODUCTS: &[#cli::Product] = &[#(#products),*];

                fn main() -> std::process::ExitCode {
                    #cli::main(PRODUCTS)
                }
            }
        }),
        len: entries.len(),
        item: Box::new(move |i| {
            let (cli, krate) = cli();
            let (s, op) = entries[i];
            operation(s, op, &krate, &cli)
        }),
    }
}

/// The `const` holding an operation's CLI entry: `<PRODUCT>__<ACTION>`.
fn const_name(s: &Service, op: &Operation) -> proc_macro2::Ident {
    ident(&format!(
        "{}__{}",
        s.product_module.to_uppercase(),
        op.method_name.trim_start_matches("r#").to_uppercase()
    ))
}

fn operation(s: &Service, op: &Operation, krate: &TokenStream, cli: &TokenStream) -> TokenStream {
    let feature = &s.feature;
    let const_name = const_name(s, op);
    let module = {
        let p = ident(&s.product_module);
        let v = ident(&s.version_module);
        quote!(#krate::#p::#v)
    };
    let name = op.action.to_kebab_case();
    let about = first_sentence(&op.summary);
    // The operation's facts come from its `Operation` impl, defined once.
    let req = ident(&op.request_type);
    let facts = quote!(<#module::#req as #krate::runtime::Operation>);
    let resp = ident(&op.response_type);
    let body_place = if op.xml_body { "Xml" } else { "Json" };
    // Of a product with a gateway of its own, a body property named as a path parameter
    // takes that parameter's flag (one value fills both: SLS `UpdateDashboard`'s
    // `dashboardName`); elsewhere it keeps a flag of its own, prefixed (`--body-cluster-id`).
    let shared = s.protocol != crate::model::Protocol::Acs3;
    let in_path = |wire: &str| {
        shared
            && op
                .params
                .iter()
                .any(|q| q.location == Location::Path && q.wire_name == wire)
    };
    let in_body = |wire: &str| {
        shared
            && op
                .params
                .iter()
                .any(|q| q.location == Location::Json && q.wire_name == wire)
    };
    let params = op.params.iter().filter(|p| !(p.location == Location::Json && in_path(&p.wire_name))).map(|p| {
        // A field renamed for a collision (`body_cluster_id`) has its flag renamed alike.
        let flag = if p.prefixed {
            flag_name(&format!("{}_{}", p.location.prefix(), p.wire_name))
        } else {
            flag_name(&p.wire_name)
        };
        let wire = &p.wire_name;
        let also_body = if p.location == Location::Path && in_body(wire) {
            let place = ident(body_place);
            quote!(Some(#cli::Place::#place))
        } else {
            quote!(None)
        };
        let help = first_sentence(&p.doc.description);
        let description = safe(p.doc.description.trim()).into_owned();
        let required = p.required;
        let kind = kind(p, &module, cli);
        let place = ident(match p.location {
            Location::Host => "Host",
            Location::Json if op.xml_body => "Xml",
            Location::Path => "Path",
            Location::Query => "Query",
            Location::Header => "Header",
            Location::Body => "Form",
            Location::Json => "Json",
            Location::Payload => "Payload",
        });
        let style = match p.style {
            Style::Flat => quote!(#cli::Style::Flat),
            Style::Json => quote!(#cli::Style::Json),
            Style::Simple => quote!(#cli::Style::Simple),
        };
        // Shown as typed on a command line: one line, no control characters.
        let example = match p.doc.example.as_deref().map(one_line).filter(|e| !e.is_empty()) {
            Some(e) => quote!(Some(#e)),
            None => quote!(None),
        };
        quote! {
            #cli::Param { flag: #flag, wire: #wire, help: #help, description: #description, required: #required, kind: #kind, place: #cli::Place::#place, style: #style, example: #example, also_body: #also_body }
        }
    });
    let sensitive = s.sensitive_response_fields(op).into_iter();
    // The answer's own headers (`x-oss-*`, `x-log-*`) are printed with its body; the
    // standard HTTP ones (`ETag`) stay in the typed output.
    let response_headers = s
        .find_struct(&op.response_type)
        .map(|r| r.headers.clone())
        .unwrap_or_default()
        .into_iter()
        .filter(|h| {
            let h = h.to_ascii_lowercase();
            h.starts_with("x-oss-") || h.starts_with("x-log-")
        });
    let pager = match &op.pagination {
        Some(p) => {
            let paging = match p.paging {
                crate::model::Paging::Token => quote!(#krate::runtime::Paging::Token),
                crate::model::Paging::Number => quote!(#krate::runtime::Paging::Number),
            };
            let name = |f: &Option<crate::model::RequestField>| match f {
                Some(f) => {
                    let w = &f.wire_name;
                    quote!(Some(#w))
                }
                None => quote!(None),
            };
            let path = |f: Option<&crate::model::FieldPath>| {
                let steps = f.map(|f| f.wire.as_slice()).unwrap_or_default();
                quote!(&[#(#steps),*])
            };
            let (input_token, page_number, page_size) = (
                name(&p.input_token),
                name(&p.page_number),
                name(&p.page_size),
            );
            let (output_token, items, total) = (
                path(p.output_token.as_ref()),
                path(Some(&p.items)),
                path(p.total.as_ref()),
            );
            quote!(Some(#cli::Pager { paging: #paging, input_token: #input_token, page_number: #page_number, page_size: #page_size, output_token: #output_token, items: #items, total: #total }))
        }
        None => quote!(None),
    };
    quote! {
        #[cfg(feature = #feature)]
        const #const_name: #cli::Operation = #cli::Operation {
            name: #name,
            about: #about,
            target: #krate::runtime::Target { service: #facts::SERVICE, action: #facts::ACTION, method: #facts::METHOD, path: #facts::PATH },
            idempotent: #facts::IDEMPOTENT,
            success_field: #facts::SUCCESS_FIELD,
            idempotency_token: #facts::IDEMPOTENCY_TOKEN,
            anonymous: #facts::ANONYMOUS,
            params: &[#(#params),*],
            sensitive: &[#(#sensitive),*],
            output: <#module::#resp as #krate::runtime::FromBody>::KIND,
            response_headers: &[#(#response_headers),*],
            pager: #pager,
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_that_collide_with_global_options_are_renamed() {
        assert_eq!(flag_name("InstanceId"), "instance-id");
        assert_eq!(flag_name("Region"), "param-region");
        assert_eq!(flag_name("Endpoint"), "param-endpoint");
        assert_eq!(flag_name("DryRun"), "param-dry-run");
        assert_eq!(flag_name("RegionId"), "region-id");
    }
}
