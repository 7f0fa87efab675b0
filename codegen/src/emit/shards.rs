//! Sharding: a product version with many operations compiled as several crates, so that
//! no single rustc holds all of it and cargo checks the parts on every core
//! ([`Options::shard_operations`]).
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

use super::{client, doc, errors, header, inner_doc, path, rust, types, Chunks, Files};
use super::{Home, Options};
use crate::model::{Api, Service, TypeDef};
use proc_macro2::TokenStream;
use quote::quote;

/// A service split into shard crates.
#[derive(Debug)]
pub struct Plan<'a> {
    /// The service as a whole (the `Client` and the reference pages are made from it).
    pub service: &'a Service,
    /// No operations; the named types more than one part reaches.
    pub base: Service,
    /// Runs of the operations, each with the named types only it reaches.
    pub parts: Vec<Service>,
}

/// The shard plan of `service`, if it has more operations than `max`: as few parts as hold
/// at most `max` operations each, of even sizes, in action-name order.
pub fn plan(service: &Service, max: usize) -> Option<Plan<'_>> {
    let n = service.operations.len();
    if max == 0 || n <= max {
        return None;
    }
    let k = n.div_ceil(max);
    let mut parts: Vec<Service> = (0..k)
        .map(|i| Service {
            operations: service.operations[i * n / k..(i + 1) * n / k].to_vec(),
            types: Vec::new(),
            ..service.without_items()
        })
        .collect();
    let reach: Vec<_> = parts
        .iter()
        .map(|p| service.reachable_types(&p.operations))
        .collect();
    let mut base = service.without_items();
    for t in &service.types {
        // An alias goes with the type it names (the one it reaches), also an alias no
        // operation reaches (the name of a place inside an object that is an alias itself).
        let placed = match t {
            TypeDef::Alias(a) => a.target.as_str(),
            _ => t.name(),
        };
        let mut users = reach.iter().enumerate().filter(|(_, r)| r.contains(placed));
        match (users.next(), users.next()) {
            (Some((i, _)), None) => parts[i].types.push(t.clone()),
            _ => base.types.push(t.clone()),
        }
    }
    Some(Plan {
        service,
        base,
        parts,
    })
}

/// The plans of the services `opts` has sharded, in the services' order.
pub fn plans<'a>(api: &'a Api, opts: &Options) -> Vec<Plan<'a>> {
    match opts.shard_operations {
        Some(max) => api.services.iter().filter_map(|s| plan(s, max)).collect(),
        None => Vec::new(),
    }
}

/// A shard crate: its directory and its package name.
struct Shard {
    dir: String,
    package: String,
}

impl Shard {
    fn new(opts: &Options, name: &str) -> Self {
        Shard {
            dir: format!("shards/{name}"),
            package: format!("{}-{name}", opts.package_name),
        }
    }

    fn common(opts: &Options) -> Self {
        Self::new(opts, "common")
    }

    fn base(opts: &Options, service: &Service) -> Self {
        Self::new(opts, &format!("{}-base", service.feature))
    }

    fn part(opts: &Options, service: &Service, i: usize) -> Self {
        Self::new(opts, &format!("{}-{}", service.feature, i + 1))
    }

    /// The crate's name in Rust paths.
    fn rust_name(&self) -> String {
        self.package.replace('-', "_")
    }

    /// A dependency entry on this crate, from the generated crate or another shard.
    fn dependency(&self, from_shard: bool, optional: bool) -> String {
        let dir = if from_shard {
            format!("../{}", self.dir.trim_start_matches("shards/"))
        } else {
            self.dir.clone()
        };
        let optional = if optional { ", optional = true" } else { "" };
        format!("{} = {{ path = \"{dir}\"{optional} }}\n", self.package)
    }
}

/// The Rust name of the common crate, which the shards' error enums name.
pub fn common_crate(opts: &Options) -> String {
    Shard::common(opts).rust_name()
}

/// The generated crate's `Cargo.toml` additions for `plans`: the shards as dependencies
/// (optional, enabled by their service's feature), and each sharded feature's list.
pub fn cargo_dependencies(plans: &[Plan], opts: &Options) -> String {
    if plans.is_empty() {
        return String::new();
    }
    let mut t = Shard::common(opts).dependency(false, false);
    for plan in plans {
        for shard in shards(plan, opts) {
            t.push_str(&shard.dependency(false, true));
        }
    }
    t
}

/// What a sharded service's feature enables: its shard crates.
pub fn feature_dependencies(plan: &Plan, opts: &Options) -> Vec<String> {
    shards(plan, opts)
        .map(|s| format!("dep:{}", s.package))
        .collect()
}

/// What the generated crate's `testing` feature enables beside the runtime's: the feature of
/// each shard crate that is built (the common one always, the others when their service's
/// feature is on).
pub fn testing_dependencies(plans: &[Plan], opts: &Options) -> Vec<String> {
    if plans.is_empty() {
        return Vec::new();
    }
    std::iter::once(format!("{}/testing", Shard::common(opts).package))
        .chain(
            plans
                .iter()
                .flat_map(|plan| shards(plan, opts))
                .map(|s| format!("{}?/testing", s.package)),
        )
        .collect()
}

/// The base crate, then the parts.
fn shards<'a>(plan: &'a Plan, opts: &'a Options) -> impl Iterator<Item = Shard> + 'a {
    std::iter::once(Shard::base(opts, plan.service))
        .chain((0..plan.parts.len()).map(|i| Shard::part(opts, plan.service, i)))
}

/// A shard's `Cargo.toml`.
fn cargo_toml(
    shard: &Shard,
    what: &str,
    deps: &[&Shard],
    head: &[String],
    opts: &Options,
) -> String {
    let description = format!(
        "{what}, a shard of {} (use it through that crate)",
        opts.package_name
    );
    let mut t =
        super::krate::package_toml(head, &shard.package, &opts.package_version, &description);
    t.push_str(&format!(
        "\n[lib]\npath = \"src/lib.rs\"\n# The examples are in the generated crate.\ndoctest = false\n\n[dependencies]\nacs-runtime = {}\n",
        relocate(&opts.runtime_dependency, "../../"),
    ));
    for d in deps {
        t.push_str(&d.dependency(true, false));
    }
    let testing: Vec<String> = std::iter::once("\"acs-runtime/testing\"".to_string())
        .chain(deps.iter().map(|d| format!("\"{}/testing\"", d.package)))
        .collect();
    t.push_str(&format!(
        "\n[features]\n# The test gateway's support, enabled by the generated crate's `testing`.\ntesting = [{}]\n",
        testing.join(", ")
    ));
    t
}

/// A dependency's TOML value as seen from a directory `up` below the generated crate: a
/// relative `path` gets `up` in front (`{ path = "../runtime" }` → `"../../../runtime"`).
fn relocate(dependency: &str, up: &str) -> String {
    const KEY: &str = "path = \"";
    match dependency.find(KEY) {
        Some(at) => {
            let start = at + KEY.len();
            let rest = &dependency[start..];
            let absolute =
                rest.starts_with('/') || rest.starts_with('\\') || rest.get(1..2) == Some(":");
            if absolute {
                dependency.to_string()
            } else {
                format!("{}{up}{rest}", &dependency[..start])
            }
        }
        None => dependency.to_string(),
    }
}

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
pub fn common_files(
    api: &Api,
    opts: &Options,
    common_errors: Option<(&str, &str)>,
    files: &mut Files,
) -> Result<(), String> {
    let shard = Shard::common(opts);
    let head = header(&[], common_errors);
    files.insert(
        format!("{}/Cargo.toml", shard.dir),
        cargo_toml(&shard, "The common gateway error codes", &[], &head, opts),
    );
    let root = shard_root(&format!(
        "The common gateway error codes, defined once for every operation of `{}`.",
        opts.crate_name
    ));
    let common = errors::common_enum(api, &super::runtime_path(opts));
    files.insert(
        format!("{}/src/lib.rs", shard.dir),
        rust(&head, quote!(#root #common), opts)?,
    );
    Ok(())
}

/// The small files of a sharded service (the shards' manifests), always rendered.
pub fn service_files(plan: &Plan, opts: &Options, head: &[String], files: &mut Files) {
    let (common, base) = (Shard::common(opts), Shard::base(opts, plan.service));
    let name = plan.service.display_name();
    files.insert(
        format!("{}/Cargo.toml", base.dir),
        cargo_toml(
            &base,
            &format!("{name} {}: shared types", plan.service.version),
            &[],
            head,
            opts,
        ),
    );
    for (i, part) in plan.parts.iter().enumerate() {
        let shard = Shard::part(opts, plan.service, i);
        files.insert(
            format!("{}/Cargo.toml", shard.dir),
            cargo_toml(
                &shard,
                &format!("{name} {}: {}", plan.service.version, span(part)),
                &[&base, &common],
                head,
                opts,
            ),
        );
    }
}

/// `Action` to `Action` of a part.
fn span(part: &Service) -> String {
    match (part.operations.first(), part.operations.last()) {
        (Some(a), Some(b)) => format!("operations {} to {}", a.action, b.action),
        _ => "no operations".into(),
    }
}

/// A Rust file of a sharded service: its path and its pieces.
pub struct RustFile<'a> {
    pub path: String,
    pub chunks: Chunks<'a>,
}

/// The Rust files of a sharded service: each shard's root and `types` (and `errors`); the
/// generated crate's version module is [`version_module`].
pub fn rust_files<'a>(
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
            path: format!("{}/src/errors.rs", Shard::part(opts, plan.service, i).dir),
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
            path: format!("{}/src/lib.rs", base.dir),
            chunks: Chunks {
                head: Box::new(move || {
                    let root = shard_root(&doc_text);
                    let statik = client::service_static(plan.service, &super::runtime_path(opts));
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
            path: format!("{}/src/types.rs", base.dir),
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
            path: format!("{}/src/lib.rs", shard.dir),
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
                        use #base::SERVICE;
                    }
                }),
                len: part.operations.len(),
                item: Box::new(move |i| {
                    client::operation_impl(
                        &part.operations[i],
                        &super::runtime_path(opts),
                        &super::testing_attr(opts),
                    )
                }),
            },
        },
        RustFile {
            path: format!("{}/src/types.rs", shard.dir),
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
pub fn version_module<'a>(plan: &'a Plan, opts: &'a Options) -> Chunks<'a> {
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
            let submodules = quote! {
                #types_doc
                pub mod types {
                    pub use #base::types::*;
                    #(pub use #parts::types::*;)*
                }
                #errors_doc
                pub mod errors {
                    #(pub use #parts::errors::*;)*
                }
            };
            let client = client::client(plan.service, opts, &super::runtime_path(opts));
            super::version_head(
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
            plan(service, n).is_none(),
            "no more operations than the limit"
        );
        assert!(plan(service, 0).is_none(), "0 is no limit");
        let actions = |ops: &[crate::model::Operation]| -> Vec<String> {
            ops.iter().map(|o| o.action.clone()).collect()
        };
        let mut shared_somewhere = false;
        for max in 1..n {
            let plan = plan(service, max).unwrap();
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
        let whole = crate::emit::crate_files(&api, &Options::default(), None).unwrap();
        let opts = Options {
            shard_operations: Some(2),
            ..Options::default()
        };
        let sharded = crate::emit::crate_files(&api, &opts, None).unwrap();
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

    #[test]
    fn a_relative_runtime_path_is_relocated_and_others_are_kept() {
        assert_eq!(
            relocate(r#"{ path = "../runtime", version = "0.1.0" }"#, "../../"),
            r#"{ path = "../../../runtime", version = "0.1.0" }"#
        );
        assert_eq!(
            relocate(r#"{ path = "/abs/runtime" }"#, "../../"),
            r#"{ path = "/abs/runtime" }"#
        );
        assert_eq!(
            relocate(r#"{ path = "C:\\rt" }"#, "../../"),
            r#"{ path = "C:\\rt" }"#
        );
        assert_eq!(relocate(r#""0.1""#, "../../"), r#""0.1""#);
    }
}
