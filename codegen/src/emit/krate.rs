//! Crate scaffolding: the files that span services (`Cargo.toml` and `.gitignore` from
//! [`manifest`], `src/lib.rs`, the product modules, the common error enum
//! and the docs index).

use super::context::{Context, Product};
use super::doc_comments::{doc, inner_doc};
use super::layout;
use super::manifest;
use super::options::{runtime_path, Options};
use super::render::{header, rust};
use super::text::{one_line, safe};
use super::tokens::{ident, path};
use super::{errors, shards};
use crate::generated::Files;
use crate::model::{Api, COMMON_CODES_TRAIT, COMMON_ERROR_TYPE, SERVICE_ERROR_TRAIT};
use proc_macro2::TokenStream;
use quote::quote;

/// Emits the files that span services.
pub(crate) fn emit(cx: &Context, files: &mut Files) -> Result<(), String> {
    let (api, opts, head, plans) = (cx.api, cx.opts, &cx.head, &cx.plans);
    let cargo = manifest::crate_manifest(head, &cx.products, plans, opts);
    files.insert(layout::MANIFEST.into(), cargo.render());
    files.insert(layout::GITIGNORE.into(), manifest::gitignore());
    let sharded = !plans.is_empty();
    files.insert(
        layout::LIB.into(),
        rust(head, lib_rs(api, &cx.products, sharded, opts), opts)?,
    );
    if sharded {
        shards::common_files(api, opts, files)?;
    } else if !api.common_errors.is_empty() {
        let d = inner_doc("The common gateway error codes, defined once for every operation.");
        let common = errors::common_enum(api, &runtime_path(opts));
        files.insert(
            layout::COMMON_ERRORS_FILE.into(),
            rust(
                &header(&[], &api.common_errors_source),
                quote!(#d #common),
                opts,
            )?,
        );
    }
    for product in &cx.products {
        let mods = product.versions.iter().map(|s| {
            let (feature, v) = (&s.feature, ident(&s.version_module));
            quote!(#[cfg(feature = #feature)] pub mod #v;)
        });
        let d = inner_doc(&format!(
            "Product `{}`: one module per API version.",
            product.code
        ));
        // Made from this product's specs only.
        let specs: Vec<(&str, &str)> = (product.versions.iter())
            .map(|s| (s.spec_file.as_str(), s.spec_sha256.as_str()))
            .collect();
        files.insert(
            layout::product_file(product.module),
            rust(
                &header(&specs, &api.common_errors_source),
                quote!(#d #(#mods)*),
                opts,
            )?,
        );
    }
    if opts.reference_pages {
        files.insert(layout::DOCS_INDEX.into(), docs_index(api, head));
    }
    Ok(())
}

/// The crate root; with shards, the common error enum is the common crate's.
fn lib_rs(api: &Api, products: &[Product], sharded: bool, opts: &Options) -> TokenStream {
    let rt = runtime_path(opts);
    let prelude = prelude(api, opts, &opts.crate_name);
    let common = if api.common_errors.is_empty() {
        None
    } else {
        let (c, t) = (ident(COMMON_ERROR_TYPE), ident(COMMON_CODES_TRAIT));
        let (module, home) = if sharded {
            (None, path(&layout::common_crate(opts)))
        } else {
            (
                Some(quote!(
                    mod common_errors;
                )),
                quote!(common_errors),
            )
        };
        Some(quote! {
            #module
            pub use #home::{#c, #t};
        })
    };
    let mods = products.iter().map(|product| {
        let m = ident(product.module);
        let fs: Vec<_> = (product.versions.iter())
            .map(|s| {
                let f = &s.feature;
                quote!(feature = #f)
            })
            .collect();
        let cfg = if fs.len() == 1 {
            quote!(#(#fs)*)
        } else {
            quote!(any(#(#fs),*))
        };
        quote!(#[cfg(#cfg)] pub mod #m;)
    });
    let list = api
        .services
        .iter()
        .map(|s| {
            format!(
                "- [`{}::{}`] (feature `{}`): {} API `{}`",
                s.product_module, s.version_module, s.feature, s.title, s.version
            )
        })
        .collect::<Vec<_>>()
        .join("\n");
    let d = inner_doc(&format!(
        "Typed clients for Alibaba Cloud operations, generated from OpenAPI specs by acs-codegen.\n\nOne module per product and API version, each behind a Cargo feature:\n\n{list}\n\nEach module has a `Client` with one async method per operation, request types whose required parameters are constructor arguments, response types, and one error enum per operation. Signing, transport, retries and decoding live in [`runtime`].\n\nFeature `testing`: code that calls these clients is tested against `runtime::testing::Gateway`, an in-process gateway double (typed answers, errors and faults per operation, calls recorded as request types, signatures and parameters checked); each version module's `operations()` registers its operations with it."
    ));
    quote! {
        #d
        #![forbid(unsafe_code)]
        // Descriptions come from Alibaba's API reference, not written for rustdoc.
        #![allow(rustdoc::broken_intra_doc_links, rustdoc::invalid_html_tags, rustdoc::bare_urls)]
        pub use #rt as runtime;
        #common
        #prelude
        #(#mods)*
    }
}

/// The `prelude` module at the root of the generated code (a crate's, or the file a build
/// script includes): the traits whose methods every error enum has. `root` is how a user
/// names that root.
pub(crate) fn prelude(api: &Api, opts: &Options, root: &str) -> TokenStream {
    let rt = runtime_path(opts);
    let service_error = ident(SERVICE_ERROR_TRAIT);
    let d = doc(&format!(
        "The traits whose methods every operation's error enum has: the metadata accessors (`code()`, `message()`, `request_id()`, ...) and the common codes' `is_` tests. `use {root}::prelude::*;` (a glob import of a version module brings them too).",
    ));
    let common_trait = (!api.common_errors.is_empty()).then(|| {
        let t = ident(COMMON_CODES_TRAIT);
        quote!(pub use crate::#t;)
    });
    quote! {
        #d
        pub mod prelude {
            pub use #rt::#service_error;
            #common_trait
        }
    }
}

fn docs_index(api: &Api, head: &[String]) -> String {
    let mut md = String::new();
    for line in head {
        md.push_str(&format!("<!-- {line} -->\n"));
    }
    md.push_str("\n# API reference\n\n");
    for s in &api.services {
        md.push_str(&format!("## {} API `{}`\n\n", s.display_name(), s.version));
        for op in &s.operations {
            md.push_str(&format!(
                "- [{}]({}): {}\n",
                op.action,
                layout::page_link(s, op),
                one_line(&op.summary)
            ));
        }
        md.push('\n');
    }
    safe(&md).into_owned()
}
