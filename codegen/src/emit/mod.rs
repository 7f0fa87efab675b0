//! Step 4 of 4: emit. Turns the model into files: Rust token streams built with `quote!`
//! (one module per concern: [`types`], [`client`], [`errors`]), Markdown references
//! ([`docs`]) and the crate scaffolding ([`krate`]). Rust files are formatted once, at the
//! end, by prettyplease.

pub mod cli;
pub mod client;
pub mod doc_comments;
pub mod docs;
pub mod errors;
pub mod krate;
pub mod paginators;
pub mod plain;
pub mod shards;
pub mod tests;
pub mod text;
pub mod types;

pub use doc_comments::{doc, inner_doc};

use crate::cache::{Fingerprint, Reuse};
use crate::model::{Api, ErrorCode, Service};
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;
use std::collections::BTreeMap;

/// The generated crate's `acs-runtime` dependency by default: this repository's layout.
pub const DEFAULT_RUNTIME_DEPENDENCY: &str = r#"{ path = "../runtime", version = "0.1.0" }"#;

/// Options of the emit step.
#[derive(Clone, Debug)]
pub struct Options {
    /// Path of the generated crate in doc examples (`acs_sdk`).
    pub crate_name: String,
    /// Package name written into the generated `Cargo.toml`.
    pub package_name: String,
    /// Package version written into the generated `Cargo.toml` (`diff --suggest-version`
    /// says the next one).
    pub package_version: String,
    /// Path of the runtime crate as seen from the generated code.
    pub runtime_path: String,
    /// The `acs-runtime` dependency of the generated `Cargo.toml`, as a TOML value
    /// (`{ path = "../runtime", version = "0.1.0" }`).
    pub runtime_dependency: String,
    /// Emit `no_run` doc examples.
    pub doc_examples: bool,
    /// Lay out Rust output (prettyplease for the library, [`plain`] for the tests and the
    /// `acs` table); without it, tokens are printed as they come.
    pub format: bool,
    /// `PartialEq` on the generated structs (derived) and `PartialEq`, `Eq` and `Hash` on
    /// the enums (by wire value), the default. Without them the crate costs about 10 % less
    /// `cargo check` time and memory at a thousand operations (docs/benchmarks.md).
    pub comparisons: bool,
    /// Compile a product version with more operations than this as several crates
    /// ([`shards`]): less memory per rustc and a check on every core, the same public
    /// paths. Off by default; the crate layout only (a build script's single file is never
    /// sharded).
    pub shard_operations: Option<usize>,
    /// The `cfg` predicate under which the test gateway's support is compiled (each request's
    /// `FromWire`, the response types' `ToJson`/`ToBody`, `operations()`): `feature =
    /// "testing"` in a crate (about 13 % of a crate's check time at a thousand operations,
    /// docs/benchmarks.md); `None` compiles it always (a build script's single file).
    pub testing_cfg: Option<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            crate_name: "acs_sdk".into(),
            package_name: "acs-sdk".into(),
            package_version: "0.1.0".into(),
            runtime_path: "acs_runtime".into(),
            runtime_dependency: DEFAULT_RUNTIME_DEPENDENCY.into(),
            doc_examples: true,
            format: true,
            comparisons: true,
            shard_operations: None,
            testing_cfg: Some(TESTING_CFG.into()),
        }
    }
}

pub use crate::output::Files;

/// The default [`Options::testing_cfg`]: the generated crate's `testing` feature.
pub const TESTING_CFG: &str = "feature = \"testing\"";

/// The attribute gating the test gateway's support ([`Options::testing_cfg`]).
pub fn testing_attr(opts: &Options) -> TokenStream {
    match &opts.testing_cfg {
        Some(predicate) => {
            let predicate: TokenStream = predicate.parse().unwrap_or_default();
            quote::quote!(#[cfg(#predicate)])
        }
        None => TokenStream::new(),
    }
}

/// Emits every file of the generated crate, in memory.
pub fn crate_files(
    api: &Api,
    opts: &Options,
    common_errors: Option<(&str, &str)>,
) -> Result<Files, String> {
    let files = std::sync::Mutex::new(Files::new());
    let sink = |path, text| {
        files
            .lock()
            .map_err(|_| crate::diagnostics::Error::job_panicked())?
            .insert(path, text);
        Ok(())
    };
    crate_files_into(api, opts, common_errors, &sink, None).map_err(|e| e.to_string())?;
    files
        .into_inner()
        .map_err(|_| crate::diagnostics::Error::job_panicked().to_string())
}

/// Receives each rendered file (path, text) as soon as it is rendered, from any thread.
pub type Sink<'a> = dyn Fn(String, String) -> Result<(), crate::diagnostics::Error> + Sync + 'a;

/// Emits every file of the generated crate into `sink`, each as soon as it is rendered, so
/// that no more than a file per core is held at once.
///
/// With `reuse`, a file that `reuse` says is already what its inputs render is kept, not
/// rendered (the render cache, [`crate::cache`]); the small crate-wide files are always
/// rendered.
pub fn crate_files_into(
    api: &Api,
    opts: &Options,
    common_errors: Option<(&str, &str)>,
    sink: &Sink,
    reuse: Option<&dyn Reuse>,
) -> Result<(), crate::diagnostics::Error> {
    let mut files = Files::new();
    let head = api_header(api, common_errors);
    let plans = shards::plans(api, opts);
    let common_crate = shards::common_crate(opts);
    krate::emit(api, opts, &head, common_errors, &plans, &mut files)
        .map_err(crate::diagnostics::Error::Other)?;
    // The big files are rendered on every core, in batches of items (see `run_jobs`).
    let service_header = |s: &Service| header(&[(&s.spec_file, &s.spec_sha256)], common_errors);
    // Every file of a service is made from these (hashed on every core: a catalogue's worth
    // of model takes a while to hash).
    let services: Vec<Option<Fingerprint>> = match reuse {
        Some(_) => crate::parallel::map(&api.services, |s| {
            Some(Fingerprint::of(&[
                opts,
                &service_header(s),
                s,
                &api.common_errors,
            ]))
        }),
        None => vec![None; api.services.len()],
    };
    let mut jobs: Vec<Job> = Vec::new();
    for (service, inputs) in api.services.iter().zip(&services) {
        let header = service_header(service);
        let plan = plans.iter().find(|p| std::ptr::eq(p.service, service));
        if let Some(plan) = plan {
            shards::service_files(plan, opts, &header, &mut files);
        }
        let place = match plan {
            Some(plan) => Place::Shards(plan, &common_crate),
            None => Place::Module,
        };
        service_jobs(
            service,
            opts,
            header,
            *inputs,
            &api.common_errors,
            place,
            &mut jobs,
        );
    }
    // The table spans every product: its inputs are theirs.
    let inputs = reuse.map(|_| Fingerprint::of(&[opts, &head, &api.common_errors, &services]));
    jobs.insert(
        0,
        Job {
            path: "src/bin/acs.rs".into(),
            header: head,
            kind: Kind::Rust {
                layout: Formatting::Plain,
                chunks: cli::binary(api, opts),
            },
            inputs,
        },
    );
    for (path, text) in files {
        sink(path, text)?;
    }
    if let Some(reuse) = reuse {
        jobs.retain_mut(|job| !job.keep(reuse));
    }
    run_jobs(&jobs, opts, sink, reuse)
}

/// Files to render: where, their header, and what they are.
struct Job<'a> {
    /// The Rust file, or the directory of the pages.
    path: String,
    header: Vec<String>,
    kind: Kind<'a>,
    /// The fingerprint of everything the job's files are made from (with a render cache).
    inputs: Option<Fingerprint>,
}

enum Kind<'a> {
    /// A Rust file, assembled from its pieces.
    Rust {
        layout: Formatting,
        chunks: Chunks<'a>,
    },
    /// Markdown reference pages of a service, a file per operation: these operations'.
    Pages {
        service: &'a Service,
        operations: Vec<&'a crate::model::Operation>,
    },
}

impl Job<'_> {
    /// The job's pieces: a Rust file's head and batches of its items, or batches of pages.
    fn slots(&self) -> usize {
        match &self.kind {
            Kind::Rust { chunks, .. } => 1 + chunks.len.div_ceil(BATCH),
            Kind::Pages { operations, .. } => operations.len().div_ceil(BATCH),
        }
    }

    /// Whether `reuse` keeps all of the job's files; pages it keeps are dropped from the job.
    fn keep(&mut self, reuse: &dyn Reuse) -> bool {
        let Some(inputs) = self.inputs else {
            return false;
        };
        match &mut self.kind {
            Kind::Rust { .. } => reuse.keep(&self.path, inputs),
            Kind::Pages { operations, .. } => {
                operations.retain(|op| !reuse.keep(&page_path(&self.path, op), inputs));
                operations.is_empty()
            }
        }
    }
}

/// The Markdown page of an operation, in the pages' directory.
fn page_path(dir: &str, op: &crate::model::Operation) -> String {
    format!("{dir}/{}.md", op.action)
}

/// Items rendered together, as one task of [`run_jobs`].
const BATCH: usize = 32;

/// One task: a piece of a job.
#[derive(Clone, Copy)]
struct Task {
    job: usize,
    /// Of a Rust file, 0 is the head and `b > 0` items `(b - 1) * BATCH ..`; of pages, `b`
    /// is operations `b * BATCH ..`.
    slot: usize,
}

/// The rendered pieces of one Rust file, and how many are still missing.
struct Pieces {
    texts: Vec<Option<String>>,
    missing: usize,
}

/// Renders the jobs on every core. Tokens are built inside each task (proc-macro2 token
/// streams are not `Send`); every file is cut into tasks (its head, then batches of
/// [`BATCH`] items), heads first, so that one big file does not leave a core idle. A Rust
/// file goes to `sink` as soon as its last piece is rendered, its pieces in order: the text
/// is the same whatever the number of cores. The first error stops the remaining tasks and
/// is returned.
fn run_jobs(
    jobs: &[Job],
    opts: &Options,
    sink: &Sink,
    reuse: Option<&dyn Reuse>,
) -> Result<(), crate::diagnostics::Error> {
    let emit = |job: &Job, path: String, text: String| {
        if let (Some(reuse), Some(inputs)) = (reuse, job.inputs) {
            reuse.rendered(&path, inputs, &text);
        }
        sink(path, text)
    };
    let rust_head = |j: &Job| matches!(j.kind, Kind::Rust { .. });
    let mut tasks: Vec<Task> = Vec::new();
    for (job, j) in jobs.iter().enumerate() {
        if rust_head(j) {
            tasks.push(Task { job, slot: 0 });
        }
    }
    for (job, j) in jobs.iter().enumerate() {
        let first = usize::from(rust_head(j));
        tasks.extend((first..j.slots()).map(|slot| Task { job, slot }));
    }
    // Only a Rust file is assembled; pages go to `sink` one by one.
    let pieces: Vec<std::sync::Mutex<Pieces>> = jobs
        .iter()
        .map(|j| {
            let n = if rust_head(j) { j.slots() } else { 0 };
            std::sync::Mutex::new(Pieces {
                texts: vec![None; n],
                missing: n,
            })
        })
        .collect();
    crate::parallel::try_for_each(&tasks, |&task| {
        let job = &jobs[task.job];
        let (layout, chunks) = match &job.kind {
            Kind::Rust { layout, chunks } => (*layout, chunks),
            Kind::Pages {
                service,
                operations,
            } => {
                let start = task.slot * BATCH;
                let end = (start + BATCH).min(operations.len());
                for op in &operations[start..end] {
                    let page = docs::operation_markdown(service, op, &job.header, opts);
                    emit(job, page_path(&job.path, op), page)?;
                }
                return Ok(());
            }
        };
        let text = render_piece(chunks, task.slot, layout, opts)
            .map_err(crate::diagnostics::Error::Other)?;
        let done = {
            let mut p = pieces[task.job]
                .lock()
                .map_err(|_| crate::diagnostics::Error::job_panicked())?;
            p.texts[task.slot] = Some(text);
            p.missing -= 1;
            (p.missing == 0).then(|| std::mem::take(&mut p.texts))
        };
        match done {
            Some(texts) => {
                let mut out = comment_header(&job.header);
                out.reserve(texts.iter().flatten().map(String::len).sum());
                texts.into_iter().flatten().for_each(|t| out.push_str(&t));
                emit(job, job.path.clone(), out)
            }
            None => Ok(()),
        }
    })
}

/// One piece of a Rust file: its head (slot 0, always by prettyplease) or a batch of its
/// items.
fn render_piece(
    chunks: &Chunks,
    slot: usize,
    layout: Formatting,
    opts: &Options,
) -> Result<String, String> {
    if slot == 0 {
        return head_text(|| (chunks.head)(), opts);
    }
    let start = (slot - 1) * BATCH;
    let mut out = String::new();
    for i in start..(start + BATCH).min(chunks.len) {
        out.push_str(&lay_out(|| (chunks.item)(i), opts, layout)?);
    }
    Ok(out)
}

/// The Rust modules of a service: the version module (its client and the declarations of
/// the others) and its `types` and `errors` submodules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Part {
    Version,
    Types,
    Errors,
}

impl Part {
    /// The file of the part, in the version's directory.
    fn file(self) -> &'static str {
        match self {
            Part::Version => "mod.rs",
            Part::Types => "types.rs",
            Part::Errors => "errors.rs",
        }
    }
}

/// One module of a service, the same for both layouts. The version module declares its
/// submodules: as files (`pub mod types;`), or, given their tokens, inline.
fn module<'a>(
    service: &'a Service,
    opts: &'a Options,
    common: &'a [ErrorCode],
    part: Part,
) -> Chunks<'a> {
    match part {
        Part::Types => types::chunks(service, opts, Home::Crate),
        Part::Errors => errors::chunks(service, opts, common, Home::Crate),
        Part::Version => {
            let Chunks { head, len, item } = client::chunks(service, opts);
            Chunks {
                head: Box::new(move || {
                    let submodules = quote! {
                        pub mod errors;
                        pub mod types;
                    };
                    version_head(service, submodules, head())
                }),
                len,
                item,
            }
        }
    }
}

/// The head of a version module: its docs, its `types` and `errors` submodules (declared as
/// files, or inline), their re-exports, and the client.
fn version_head(service: &Service, submodules: TokenStream, client: TokenStream) -> TokenStream {
    let module_doc = inner_doc(&client::module_doc(service));
    quote! {
        #module_doc
        #submodules
        pub use errors::*;
        pub use types::*;
        #client
    }
}

/// Where a service's Rust code goes.
#[derive(Clone, Copy)]
enum Place<'a> {
    /// Its version module's files.
    Module,
    /// Shard crates ([`shards`]), and a version module re-exporting them; with the common
    /// crate's name.
    Shards(&'a shards::Plan<'a>, &'a str),
}

/// Queues the Markdown pages, the modules and the tests of one service, made from `inputs`.
fn service_jobs<'a>(
    service: &'a Service,
    opts: &'a Options,
    header: Vec<String>,
    inputs: Option<Fingerprint>,
    common: &'a [ErrorCode],
    place: Place<'a>,
    jobs: &mut Vec<Job<'a>>,
) {
    let dir = format!("src/{}/{}", service.product_module, service.version_module);
    jobs.push(Job {
        path: format!("docs/{}/{}", service.product_module, service.version_module),
        header: header.clone(),
        kind: Kind::Pages {
            service,
            operations: service.operations.iter().collect(),
        },
        inputs,
    });
    let rust_files: Vec<(String, Chunks)> = match place {
        Place::Module => [Part::Version, Part::Types, Part::Errors]
            .into_iter()
            .map(|part| {
                let path = format!("{dir}/{}", part.file());
                (path, module(service, opts, common, part))
            })
            .collect(),
        Place::Shards(plan, common_crate) => {
            let version = (format!("{dir}/mod.rs"), shards::version_module(plan, opts));
            std::iter::once(version)
                .chain(
                    shards::rust_files(plan, opts, common, common_crate)
                        .into_iter()
                        .map(|f| (f.path, f.chunks)),
                )
                .collect()
        }
    };
    for (path, chunks) in rust_files {
        jobs.push(Job {
            path,
            header: header.clone(),
            kind: Kind::Rust {
                layout: Formatting::Pretty,
                chunks,
            },
            inputs,
        });
    }
    jobs.push(Job {
        path: format!(
            "tests/{}_{}.rs",
            service.product_module, service.version_module
        ),
        header,
        kind: Kind::Rust {
            layout: Formatting::Plain,
            chunks: tests::chunks(service, opts),
        },
        inputs,
    });
}

/// Emits everything as one Rust file of nested inline modules (`<product>::<version>`), for
/// `include!` from a build script's `OUT_DIR`: no inner attributes at its top, no crate
/// scaffolding, docs or tests.
pub fn single_file(
    api: &Api,
    opts: &Options,
    common_errors: Option<(&str, &str)>,
) -> Result<String, String> {
    let mut out = String::new();
    for line in api_header(api, common_errors) {
        out.push_str(&format!("// {line}\n"));
    }
    out.push('\n');
    out.push_str(&lay_out(
        || single_file_tokens(api, opts),
        opts,
        Formatting::Pretty,
    )?);
    Ok(out)
}

/// The tokens of [`single_file`].
fn single_file_tokens(api: &Api, opts: &Options) -> TokenStream {
    let rt = runtime_path(opts);
    let common = &api.common_errors;
    let mut products: BTreeMap<&str, Vec<TokenStream>> = BTreeMap::new();
    for service in &api.services {
        let v = ident(&service.version_module);
        let (types, errors) = (
            module(service, opts, common, Part::Types).collect(),
            module(service, opts, common, Part::Errors).collect(),
        );
        let client = client::chunks(service, opts);
        let items = (0..client.len).map(|i| (client.item)(i));
        let head = version_head(
            service,
            quote! {
                pub mod errors { #errors }
                pub mod types { #types }
            },
            (client.head)(),
        );
        let version = quote!(#head #(#items)*);
        products
            .entry(&service.product_module)
            .or_default()
            .push(quote! {
                pub mod #v { #version }
            });
    }
    let modules = products.iter().map(|(p, versions)| {
        let p = ident(p);
        quote! {
            #[allow(rustdoc::broken_intra_doc_links, rustdoc::invalid_html_tags, rustdoc::bare_urls)]
            pub mod #p { #(#versions)* }
        }
    });
    let common = errors::common_enum(api, &rt);
    // The including crate's root: `crate::prelude`, `crate::runtime`, as in a generated crate.
    let prelude = krate::prelude(api, opts, "crate");
    quote! {
        pub use #rt as runtime;
        #common
        #prelude
        #(#modules)*
    }
}

/// The header of files that span every spec.
///
/// These files list every product, so they name every spec, but not its hash: editing one
/// product's spec changes only that product's files (and a shared file whose content it
/// really changes), so two pull requests for different products do not conflict.
pub fn api_header(api: &Api, common_errors: Option<(&str, &str)>) -> Vec<String> {
    let mut lines = vec![generated_line()];
    for file in api
        .services
        .iter()
        .map(|s| s.spec_file.as_str())
        .chain(common_errors.map(|(f, _)| f))
    {
        lines.push(format!("Source: {file}"));
    }
    lines
}

fn generated_line() -> String {
    format!(
        "@generated by acs-codegen {}. Do not edit by hand.",
        env!("CARGO_PKG_VERSION")
    )
}

/// The `@generated` header lines (without comment markers).
pub fn header(specs: &[(&str, &str)], common_errors: Option<(&str, &str)>) -> Vec<String> {
    let mut lines = vec![generated_line()];
    for (file, sha) in specs.iter().copied().chain(common_errors) {
        lines.push(format!("Source: {file} (sha256 {sha})"));
    }
    lines
}

/// A Rust file's tokens in pieces: its head (inner docs and attributes, `use`s, small
/// items) and its items, each made on demand, on any thread, so that a file of thousands of
/// operations never exists as one token stream or syntax tree and its items can be
/// formatted in parallel. Formatting each piece with prettyplease gives the same text as
/// formatting the whole file.
pub struct Chunks<'a> {
    /// Makes the head's tokens.
    pub head: Box<dyn Fn() -> TokenStream + Send + Sync + 'a>,
    /// How many items there are.
    pub len: usize,
    /// Makes the tokens of item `i` (`i < len`).
    pub item: Box<dyn Fn(usize) -> TokenStream + Send + Sync + 'a>,
}

impl Chunks<'_> {
    /// Everything in one token stream (for the single-file layout, which nests modules).
    pub fn collect(self) -> TokenStream {
        let head = (self.head)();
        let items = (0..self.len).map(|i| (self.item)(i));
        quote!(#head #(#items)*)
    }
}

/// Where a service's `types` and `errors` modules are compiled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Home<'a> {
    /// In the version module of the generated crate, beside the `Client`.
    Crate,
    /// In a crate of their own ([`shards`]): the `Client` is in the generated crate, which
    /// the shard cannot link to, and the common error enum in the common crate, whose Rust
    /// name this is.
    Shard { common_crate: &'a str },
}

impl Home<'_> {
    /// How a doc comment names the client method `method`.
    pub fn client_method(self, method: &str) -> String {
        match self {
            Home::Crate => format!("[`Client::{method}`](super::Client::{method})"),
            Home::Shard { .. } => format!("`Client::{method}`"),
        }
    }

    /// The path, from an `errors` module, of the module holding the common error enum and
    /// its trait: the crate root (version, product, root) or the common crate.
    pub fn common_root(self) -> TokenStream {
        match self {
            Home::Crate => quote!(super::super::super),
            Home::Shard { common_crate } => path(common_crate),
        }
    }
}

/// How the items of a Rust file are formatted (the output's layout is [`crate::Layout`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Formatting {
    /// prettyplease: the library, which users read (docs.rs sources, go to definition).
    Pretty,
    /// [`plain::layout`], several times faster: the generated tests and the `acs` table,
    /// which people rarely read.
    Plain,
}

/// Formats a Rust file: header comment, then the pretty-printed tokens.
pub fn rust(header: &[String], tokens: TokenStream, opts: &Options) -> Result<String, String> {
    Ok(comment_header(header) + &head_text(|| tokens, opts)?)
}

/// The first piece of a Rust file, pretty-printed: its head (made by `build`), after the
/// attribute that has rustfmt leave the file as the generator laid it out.
fn head_text(build: impl FnOnce() -> TokenStream, opts: &Options) -> Result<String, String> {
    let build = || {
        let head = build();
        quote!(#![cfg_attr(rustfmt, rustfmt::skip)] #head)
    };
    lay_out(build, opts, Formatting::Pretty)
}

/// Lays out the tokens `build` makes; for prettyplease, with their doc comments deferred
/// (kept out of the syntax tree, [`doc_comments`]), which gives the same text faster.
fn lay_out(
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
fn comment_header(header: &[String]) -> String {
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
pub static FORMAT_CPU: [crate::timings::CpuTime; 2] = [
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

/// An identifier, raw when the name is `r#kw`.
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// A path like `acs_runtime` or `crate::runtime` as tokens.
pub fn path(p: &str) -> TokenStream {
    let segments = p.split("::").map(|s| {
        if s == "crate" {
            quote!(crate)
        } else {
            let i = ident(s);
            quote!(#i)
        }
    });
    quote!(#(#segments)::*)
}

pub(crate) fn runtime_path(opts: &Options) -> TokenStream {
    path(&opts.runtime_path)
}
