//! Where everything of the generated crate goes: every output path, the Rust modules of a
//! service ([`Part`]), where its code is compiled ([`Place`], [`Home`]), the shard plan and
//! the shards' names ([`Plan`], [`Shard`]), and the directories the generator owns. What an
//! item is, is decided elsewhere; only its place is decided here.

use super::options::Options;
use super::tokens::path;
use crate::model::{Api, Operation, Service, TypeDef};
use proc_macro2::TokenStream;
use quote::quote;

/// The generated crate's manifest.
pub(crate) const MANIFEST: &str = "Cargo.toml";

/// The generated crate's `.gitignore`.
pub(crate) const GITIGNORE: &str = ".gitignore";

/// A crate's root (the generated crate's, a shard's).
pub(crate) const LIB: &str = "src/lib.rs";

/// The `acs` command line's table and `main`.
pub(crate) const CLI_BINARY: &str = "src/bin/acs.rs";

/// The file of the common error enum.
pub(crate) const COMMON_ERRORS_FILE: &str = "src/common_errors.rs";

/// The index of the Markdown reference.
pub(crate) const DOCS_INDEX: &str = "docs/README.md";

/// The directories whose every generated file is the generator's: a file there that a run
/// no longer produces is stale.
pub(crate) const GENERATED_DIRS: [&str; 4] = ["src", "docs", "tests", "shards"];

/// A product's module file, which declares its version modules.
pub(crate) fn product_file(product_module: &str) -> String {
    format!("src/{product_module}/mod.rs")
}

/// A service's version module directory.
pub(crate) fn version_dir(service: &Service) -> String {
    format!("src/{}/{}", service.product_module, service.version_module)
}

/// The file of one of a service's Rust modules.
pub(crate) fn part_file(service: &Service, part: Part) -> String {
    format!("{}/{}", version_dir(service), part.file())
}

/// The directory of a service's Markdown pages.
pub(crate) fn pages_dir(service: &Service) -> String {
    format!("docs/{}", page_dir_link(service))
}

/// The Markdown page of an operation, in its service's pages' directory.
pub(crate) fn page_file(dir: &str, op: &Operation) -> String {
    format!("{dir}/{}.md", op.action)
}

/// An operation's page as the docs index links it.
pub(crate) fn page_link(service: &Service, op: &Operation) -> String {
    page_file(&page_dir_link(service), op)
}

fn page_dir_link(service: &Service) -> String {
    format!("{}/{}", service.product_module, service.version_module)
}

/// A service's generated tests.
pub(crate) fn tests_file(service: &Service) -> String {
    format!(
        "tests/{}_{}.rs",
        service.product_module, service.version_module
    )
}

/// The public module whose items a library file of the generated crate holds, as a Rust
/// path (`esa::v2024_09_10`; `crate` for the root): the inverse of the paths above. A
/// version module's `types` and `errors` are re-exported by it. `None` for files that are
/// not the library's (the `acs` binary, tests, docs, shards).
pub(crate) fn public_module(file: &str) -> Option<String> {
    let rel = file.strip_prefix("src/")?.strip_suffix(".rs")?;
    if rel.starts_with("bin/") {
        return None;
    }
    let parts = [Part::Version, Part::Types, Part::Errors].map(|p| p.module_name());
    let module: Vec<&str> = rel
        .split('/')
        .filter(|s| *s != "lib" && !parts.contains(s))
        .collect();
    Some(if module.is_empty() {
        "crate".to_string()
    } else {
        module.join("::")
    })
}

/// The Rust modules of a service: the version module (its client and the declarations of
/// the others) and its `types` and `errors` submodules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Part {
    Version,
    Types,
    Errors,
}

impl Part {
    /// The file of the part, in the version's directory.
    pub(crate) fn file(self) -> &'static str {
        match self {
            Part::Version => "mod.rs",
            Part::Types => "types.rs",
            Part::Errors => "errors.rs",
        }
    }

    /// The file's name without `.rs`.
    fn module_name(self) -> &'static str {
        self.file().trim_end_matches(".rs")
    }
}

/// Where a service's Rust code goes.
#[derive(Clone, Copy)]
pub(crate) enum Place<'a> {
    /// Its version module's files.
    Module,
    /// Shard crates ([`Plan`]), and a version module re-exporting them; with the common
    /// crate's name.
    Shards(&'a Plan<'a>, &'a str),
}

/// Where a service's `types` and `errors` modules are compiled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Home<'a> {
    /// In the version module of the generated crate, beside the `Client`.
    Crate,
    /// In a crate of their own ([`Plan`]): the `Client` is in the generated crate, which
    /// the shard cannot link to, and the common error enum in the common crate, whose Rust
    /// name this is.
    Shard { common_crate: &'a str },
}

impl Home<'_> {
    /// How a doc comment names the client method `method`.
    pub(crate) fn client_method(self, method: &str) -> String {
        match self {
            Home::Crate => format!("[`Client::{method}`](super::Client::{method})"),
            Home::Shard { .. } => format!("`Client::{method}`"),
        }
    }

    /// The path, from an `errors` module, of the module holding the common error enum and
    /// its trait: the crate root (version, product, root) or the common crate.
    pub(crate) fn common_root(self) -> TokenStream {
        match self {
            Home::Crate => quote!(super::super::super),
            Home::Shard { common_crate } => path(common_crate),
        }
    }
}

/// A service split into shard crates.
#[derive(Debug)]
pub(crate) struct Plan<'a> {
    /// The service as a whole (the `Client` and the reference pages are made from it).
    pub service: &'a Service,
    /// No operations; the named types more than one part reaches.
    pub base: Service,
    /// Runs of the operations, each with the named types only it reaches.
    pub parts: Vec<Service>,
}

/// The shard plan of `service`, if it has more operations than `max`: as few parts as hold
/// at most `max` operations each, of even sizes, in action-name order.
pub(crate) fn plan(service: &Service, max: usize) -> Option<Plan<'_>> {
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
    // The base sees no part: what a base type names (a component no operation reaches,
    // naming one that a single part does) moves to the base too, until nothing does.
    loop {
        let mut named = std::collections::BTreeSet::new();
        for t in &base.types {
            match t {
                TypeDef::Struct(s) => {
                    let mut out = Vec::new();
                    for f in &s.fields {
                        f.ty.named(&mut out);
                    }
                    named.extend(out);
                }
                TypeDef::Alias(a) => {
                    named.insert(a.target.clone());
                }
                TypeDef::Enum(_) => {}
            }
        }
        let mut moved = false;
        for part in &mut parts {
            let (to_base, kept): (Vec<TypeDef>, Vec<TypeDef>) =
                std::mem::take(&mut part.types).into_iter().partition(|t| {
                    let placed = match t {
                        TypeDef::Alias(a) => a.target.as_str(),
                        _ => t.name(),
                    };
                    named.contains(t.name()) || named.contains(placed)
                });
            part.types = kept;
            moved |= !to_base.is_empty();
            base.types.extend(to_base);
        }
        if !moved {
            break;
        }
    }
    base.types.sort_by(|a, b| a.name().cmp(b.name()));
    Some(Plan {
        service,
        base,
        parts,
    })
}

/// The plans of the services `opts` has sharded, in the services' order.
pub(crate) fn plans<'a>(api: &'a Api, opts: &Options) -> Vec<Plan<'a>> {
    match opts.shard_operations {
        Some(max) => api.services.iter().filter_map(|s| plan(s, max)).collect(),
        None => Vec::new(),
    }
}

/// A shard crate: its directory and its package name.
pub(crate) struct Shard {
    /// Its directory, from the generated crate's root (`shards/<name>`).
    pub dir: String,
    /// Its package name (`<package>-<name>`).
    pub package: String,
}

impl Shard {
    fn new(opts: &Options, name: &str) -> Self {
        Shard {
            dir: format!("shards/{name}"),
            package: format!("{}-{name}", opts.package_name),
        }
    }

    pub(crate) fn common(opts: &Options) -> Self {
        Self::new(opts, "common")
    }

    pub(crate) fn base(opts: &Options, service: &Service) -> Self {
        Self::new(opts, &format!("{}-base", service.feature))
    }

    pub(crate) fn part(opts: &Options, service: &Service, i: usize) -> Self {
        Self::new(opts, &format!("{}-{}", service.feature, i + 1))
    }

    /// A file of the shard (`src/lib.rs`).
    pub(crate) fn file(&self, name: &str) -> String {
        format!("{}/{name}", self.dir)
    }

    /// The crate's name in Rust paths.
    pub(crate) fn rust_name(&self) -> String {
        self.package.replace('-', "_")
    }
}

/// The Rust name of the common crate, which the shards' error enums name.
pub(crate) fn common_crate(opts: &Options) -> String {
    Shard::common(opts).rust_name()
}

impl Plan<'_> {
    /// Its shard crates: the base crate, then the parts.
    pub(crate) fn shards<'a>(&'a self, opts: &'a Options) -> impl Iterator<Item = Shard> + 'a {
        std::iter::once(Shard::base(opts, self.service))
            .chain((0..self.parts.len()).map(|i| Shard::part(opts, self.service, i)))
    }
}

/// A part's operations, in words (`operations A to B`).
pub(crate) fn span(part: &Service) -> String {
    match (part.operations.first(), part.operations.last()) {
        (Some(a), Some(b)) => format!("operations {} to {}", a.action, b.action),
        _ => "no operations".into(),
    }
}
