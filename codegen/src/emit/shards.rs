//! Sharding: a product version with many operations compiled as several crates, so that
//! no single rustc holds all of it and cargo checks the parts on every core
//! ([`Options::shard_operations`]); the plan and the shards' names are
//! [`layout`]'s, their manifests [`manifest`]'s.
//!
//! A sharded service is laid out as:
//! - `shards/<feature>-base`: its `SERVICE` and the named types several shards reach;
//! - `shards/<feature>-<i>`, `i` from 1: a run of its operations (by action name), with
//!   their request types, the types only they reach, their error enums and their
//!   `Operation` impls;
//! - `shards/common`, once for the crate: the common error enum and its trait;
//! - in the generated crate, the version module as before: its `Client`, and `types` and
//!   `errors` modules that re-export the shards', so every public path stays the same.
//!
//! The split is by operations, not by concern (types, errors, client): an `Operation` impl
//! must live in the crate of its request type (the orphan rule), and the `Client`'s
//! inherent methods in the crate of the `Client`.

use super::doc_comments::{doc, inner_doc};
use super::layout::{self, span, Home, Plan, Shard};
use super::manifest;
use super::options::{runtime_path, Options};
use super::render::{header, rust};
use super::testing_gate::TestingGate;
use super::tokens::{path, Chunks};
use super::{client, errors, types};
use crate::generated::Files;
use crate::model::{Api, Service};
use proc_macro2::TokenStream;
use quote::quote;

/// The attributes of every shard's root: shards carry descriptions from Alibaba's reference,
/// as the generated crate does.
fn shard_root(doc_text: &str) -> TokenStream {
    let d = inner_doc(doc_text);
    quote! {
        #d
        #![forbid(unsafe_code)]
        #![allow(rustdoc::broken_intra_doc_links, rustdoc::invalid_html_tags, rustdoc::bare_urls)]
    }
}

/// The files of the common crate (whose error enum and trait the generated crate
/// re-exports at its root).
pub(crate) fn common_files(api: &Api, opts: &Options, files: &mut Files) -> Result<(), String> {
    let shard = Shard::common(opts);
    let head = header(&[], &api.common_errors_source);
    let (path, manifest) = manifest::common_manifest(&head, opts);
    files.insert(path, manifest.render());
    let root = shard_root(&format!(
        "The common gateway error codes, defined once for every operation of `{}`.",
        opts.crate_name
    ));
    let common = errors::common_enum(api, &runtime_path(opts));
    files.insert(
        shard.file(layout::LIB),
        rust(&head, quote!(#root #common), opts)?,
    );
    Ok(())
}

/// A Rust file of a sharded service: its path and its pieces.
pub(crate) struct RustFile<'a> {
    pub path: String,
    pub chunks: Chunks<'a>,
}

/// The Rust files of a sharded service: each shard's root and `types` (and `errors`); the
/// generated crate's version module is [`version_module`].
pub(crate) fn rust_files<'a>(
    plan: &'a Plan,
    opts: &'a Options,
    common: &'a [crate::model::ErrorCode],
    common_crate: &'a str,
) -> Vec<RustFile<'a>> {
    let home = Home::Shard { common_crate };
    let mut files = base_files(plan, opts, home);
    for (i, part) in plan.parts.iter().enumerate() {
        files.extend(part_files(plan, i, part, opts, home));
        files.push(RustFile {
            path: Shard::part(opts, plan.service, i).file("src/errors.rs"),
            chunks: errors::chunks(part, opts, common, home),
        });
    }
    files
}

/// "Product version" in the shards' docs.
fn shard_doc(plan: &Plan, what: &str, opts: &Options) -> String {
    format!(
        "{} {}{what}; a shard of `{}` (use it through that crate).",
        plan.service.display_name(),
        plan.service.version,
        opts.crate_name
    )
}

/// The base crate's root (`SERVICE`) and its shared types.
fn base_files<'a>(plan: &'a Plan, opts: &'a Options, home: Home<'a>) -> Vec<RustFile<'a>> {
    let base = Shard::base(opts, plan.service);
    let doc_text = shard_doc(plan, ": `SERVICE` and the types several shards share", opts);
    vec![
        RustFile {
            path: base.file(layout::LIB),
            chunks: Chunks {
                head: Box::new(move || {
                    let root = shard_root(&doc_text);
                    let statik = client::service_static(plan.service, &runtime_path(opts));
                    quote! {
                        #root
                        pub mod types;
                        #statik
                    }
                }),
                len: 0,
                item: Box::new(|_| quote!()),
            },
        },
        RustFile {
            path: base.file("src/types.rs"),
            chunks: types::chunks(&plan.base, opts, home),
        },
    ]
}

/// A part's root (its `Operation` impls) and its types, which see the base crate's.
fn part_files<'a>(
    plan: &'a Plan,
    i: usize,
    part: &'a Service,
    opts: &'a Options,
    home: Home<'a>,
) -> Vec<RustFile<'a>> {
    let shard = Shard::part(opts, plan.service, i);
    let doc_text = shard_doc(
        plan,
        &format!(", {}: their requests, errors and wire bindings", span(part)),
        opts,
    );
    let base = Shard::base(opts, plan.service).rust_name();
    let shared = base.clone();
    let types = types::chunks(part, opts, home);
    vec![
        RustFile {
            path: shard.file(layout::LIB),
            chunks: Chunks {
                head: Box::new(move || {
                    let root = shard_root(&doc_text);
                    let base = path(&base);
                    quote! {
                        #root
                        pub mod errors;
                        pub mod types;
                        use errors::*;
                        use types::*;
                        // An output that is a shared component (PDS `File`) is the base's.
                        #[allow(unused_imports)]
                        use #base::types::*;
                        use #base::SERVICE;
                    }
                }),
                len: part.operations.len(),
                item: Box::new(move |i| {
                    client::operation_impl(
                        part,
                        &part.operations[i],
                        &runtime_path(opts),
                        &TestingGate::of(opts),
                    )
                }),
            },
        },
        RustFile {
            path: shard.file("src/types.rs"),
            chunks: Chunks {
                head: Box::new(move || {
                    let head = (types.head)();
                    let shared = path(&shared);
                    quote! {
                        #head
                        #[allow(unused_imports)]
                        use #shared::types::*;
                    }
                }),
                len: types.len,
                item: types.item,
            },
        },
    ]
}

/// The version module of a sharded service in the generated crate: its docs, `types` and
/// `errors` re-exporting the shards', `SERVICE` from the base crate, and the `Client`.
pub(crate) fn version_module<'a>(plan: &'a Plan, opts: &'a Options) -> Chunks<'a> {
    Chunks {
        head: Box::new(move || {
            let base = path(&Shard::base(opts, plan.service).rust_name());
            let parts: Vec<TokenStream> = (0..plan.parts.len())
                .map(|i| path(&Shard::part(opts, plan.service, i).rust_name()))
                .collect();
            let (types_doc, errors_doc) = (
                doc("Request, response and value types."),
                doc("Per-operation error enums."),
            );
            // A base without types (each used by one part) has nothing to re-export.
            let base_types =
                (!plan.base.types.is_empty()).then(|| quote!(pub use #base::types::*;));
            let submodules = quote! {
                #types_doc
                pub mod types {
                    #base_types
                    #(pub use #parts::types::*;)*
                }
                #errors_doc
                pub mod errors {
                    #(pub use #parts::errors::*;)*
                }
            };
            let client = client::client(plan.service, opts, &runtime_path(opts));
            client::version_head(
                plan.service,
                submodules,
                quote! {
                    pub use #base::SERVICE;
                    #client
                },
            )
        }),
        len: 0,
        item: Box::new(|_| quote!()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TypeDef;
    use layout::common_crate;
    use std::collections::BTreeSet;

    #[test]
    fn a_plan_puts_every_operation_in_one_part_and_every_type_with_its_users() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/shapes");
        let (specs, common) = crate::source::read_specs_dir(&dir).unwrap();
        let api = crate::compile::compile(&specs, common.as_ref()).unwrap();
        let service = &api.services[0];
        let n = service.operations.len();
        assert!(n >= 3, "the fixture has operations to split");
        assert!(
            layout::plan(service, n).is_none(),
            "no more operations than the limit"
        );
        assert!(layout::plan(service, 0).is_none(), "0 is no limit");
        let actions = |ops: &[crate::model::Operation]| -> Vec<String> {
            ops.iter().map(|o| o.action.clone()).collect()
        };
        let mut shared_somewhere = false;
        for max in 1..n {
            let plan = layout::plan(service, max).unwrap();
            assert_eq!(plan.parts.len(), n.div_ceil(max));
            let all: Vec<String> = plan
                .parts
                .iter()
                .flat_map(|p| actions(&p.operations))
                .collect();
            assert_eq!(
                all,
                actions(&service.operations),
                "every operation once, in order"
            );
            let sizes: Vec<usize> = plan.parts.iter().map(|p| p.operations.len()).collect();
            assert!(sizes.iter().all(|&s| s >= 1 && s <= max), "{sizes:?}");
            assert!(
                sizes.iter().max().unwrap() - sizes.iter().min().unwrap() <= 1,
                "{sizes:?}"
            );
            // Every type once, where its users are: its one part, or the base.
            let mut names: Vec<&str> = plan.base.types.iter().map(|t| t.name()).collect();
            names.extend(
                plan.parts
                    .iter()
                    .flat_map(|p| p.types.iter().map(|t| t.name())),
            );
            names.sort();
            let expected: Vec<&str> = service.types.iter().map(|t| t.name()).collect();
            assert_eq!(names, expected);
            let reach: Vec<BTreeSet<String>> = plan
                .parts
                .iter()
                .map(|p| service.reachable_types(&p.operations))
                .collect();
            // An alias is placed by the type it names.
            let placed = |t: &TypeDef| match t {
                TypeDef::Alias(a) => a.target.clone(),
                _ => t.name().to_string(),
            };
            for (part, reached) in plan.parts.iter().zip(&reach) {
                for t in &part.types {
                    let users = reach.iter().filter(|r| r.contains(&placed(t))).count();
                    assert_eq!(users, 1, "{} is in a part but reached by {users}", t.name());
                }
                for name in reached {
                    let here = part
                        .types
                        .iter()
                        .chain(&plan.base.types)
                        .any(|t| t.name() == name);
                    assert!(here, "{name} is neither in its part nor in the base");
                }
            }
            for t in &plan.base.types {
                let users = reach.iter().filter(|r| r.contains(&placed(t))).count();
                assert!(
                    users >= 2,
                    "{} is in the base but reached by {users}",
                    t.name()
                );
                shared_somewhere = true;
            }
            assert!(plan.base.operations.is_empty());
        }
        assert!(
            shared_somewhere,
            "the fixture shares a type between operations"
        );
    }

    /// The items of the Rust files under `prefixes`, docs left out, as sorted token text;
    /// `use` and `mod` items are layout, not content, and are left out too.
    fn items(files: &Files, prefixes: &[&str]) -> Vec<String> {
        let mut out = Vec::new();
        for (path, text) in files {
            if !path.ends_with(".rs") || !prefixes.iter().any(|p| path.starts_with(p)) {
                continue;
            }
            let file: syn::File = syn::parse_str(text).unwrap();
            for item in file.items {
                if matches!(item, syn::Item::Use(_) | syn::Item::Mod(_)) {
                    continue;
                }
                out.push(without_docs(&quote!(#item).to_string()));
            }
        }
        out.sort();
        out
    }

    /// Token text without its `# [doc = "..."]` attributes.
    fn without_docs(text: &str) -> String {
        const DOC: &str = "# [doc = \"";
        let mut out = String::new();
        let mut rest = text;
        while let Some(at) = rest.find(DOC) {
            out.push_str(&rest[..at]);
            let mut chars = rest[at + DOC.len()..].char_indices();
            let mut end = rest.len();
            while let Some((i, c)) = chars.next() {
                match c {
                    '\\' => {
                        chars.next();
                    }
                    '"' => {
                        end = at + DOC.len() + i + 1;
                        break;
                    }
                    _ => {}
                }
            }
            rest = rest[end..]
                .strip_prefix(']')
                .unwrap_or_default()
                .trim_start();
        }
        out.push_str(rest);
        out
    }

    #[test]
    fn sharding_moves_the_items_into_crates_without_changing_them() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/shapes");
        let (specs, common) = crate::source::read_specs_dir(&dir).unwrap();
        let api = crate::compile::compile(&specs, common.as_ref()).unwrap();
        let whole = crate::emit::crate_files(&api, &Options::default()).unwrap();
        let opts = Options {
            shard_operations: Some(2),
            ..Options::default()
        };
        let sharded = crate::emit::crate_files(&api, &opts).unwrap();
        let ours = |files: &Files| {
            items(
                files,
                &[
                    "src/shapes/",
                    "src/kube/",
                    "src/common_errors.rs",
                    "shards/",
                ],
            )
        };
        // The one change inside items: the common error enum's path, from the shards.
        let common = format!("{} ::", common_crate(&opts));
        let mut after: Vec<String> = ours(&sharded)
            .iter()
            .map(|i| i.replace(&common, "super :: super :: super ::"))
            .collect();
        after.sort();
        let before = ours(&whole);
        assert!(before.len() > 20, "{}", before.len());
        assert_eq!(before, after);
        // What does change: the layout, and the docs' links to the client.
        let parts = api
            .services
            .iter()
            .find(|s| s.feature == "shapes-2020-01-01")
            .unwrap()
            .operations
            .len()
            .div_ceil(2);
        assert!(parts >= 2);
        let part = |i: usize| format!("shards/shapes-2020-01-01-{i}/src/types.rs");
        assert!(sharded.contains_key(&part(parts)), "{parts} parts");
        assert!(!sharded.contains_key(&part(parts + 1)));
        assert!(!sharded.contains_key("src/shapes/v2020_01_01/types.rs"));
        assert!(!sharded.contains_key("src/common_errors.rs"));
        for (path, text) in sharded.iter().filter(|(p, _)| p.starts_with("shards/")) {
            assert!(
                !text.contains("super::Client"),
                "{path} links to the client"
            );
        }
        // Files outside the product and the common enum are the same but for the manifest
        // and the crate root.
        for (path, text) in &whole {
            let moved = path.starts_with("src/shapes/v2020_01_01/")
                || path.starts_with("src/kube/v2023_01_01/")
                || path == "src/common_errors.rs";
            if !moved && path != "Cargo.toml" && path != "src/lib.rs" {
                assert_eq!(sharded.get(path), Some(text), "{path}");
            }
        }
    }
}
