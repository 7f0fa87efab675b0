//! Step 4 of 4: emit. Turns the model into files: Rust token streams built with `quote!`
//! (one module per concern: [`types`], [`client`], [`errors`]), Markdown references
//! ([`docs`]), the crate scaffolding ([`krate`], [`manifest`]) and the generated tests and
//! `acs` table. Where everything goes is [`layout`]'s to decide; what one run reads is a
//! [`Context`]. Rust files are formatted once, at the end ([`render`]).
//!
//! This module only schedules and assembles (files rendered in batches of items on every
//! core, each written as soon as it is whole); no other module of `emit` imports it.

pub(crate) mod cli;
pub(crate) mod client;
pub(crate) mod context;
pub(crate) mod doc_comments;
pub(crate) mod docs;
pub(crate) mod errors;
pub(crate) mod krate;
pub(crate) mod layout;
pub(crate) mod manifest;
pub(crate) mod options;
pub(crate) mod paginators;
pub(crate) mod plain;
pub(crate) mod render;
pub(crate) mod shards;
pub(crate) mod testing_gate;
pub(crate) mod tests;
pub(crate) mod text;
pub(crate) mod tokens;
pub(crate) mod types;

pub(crate) use options::runtime_path;
pub use options::{Options, DEFAULT_RUNTIME_DEPENDENCY};
pub(crate) use render::FORMAT_CPU;

use crate::cache::{Fingerprint, Reuse};
use crate::generated::Files;
use crate::model::{Api, ErrorCode, Service};
use context::Context;
use layout::Home;
use layout::{Part, Place};
use proc_macro2::TokenStream;
use quote::quote;
use render::{api_header, comment_header, head_text, lay_out, Formatting};
use std::collections::BTreeMap;
use tokens::{ident, Chunks};

/// Emits every file of the generated crate, in memory.
pub(crate) fn crate_files(api: &Api, opts: &Options) -> Result<Files, String> {
    let files = std::sync::Mutex::new(Files::new());
    let sink = |path, text| {
        files
            .lock()
            .map_err(|_| crate::diagnostics::Error::job_panicked())?
            .insert(path, text);
        Ok(())
    };
    crate_files_into(api, opts, &sink, None).map_err(|e| e.to_string())?;
    files
        .into_inner()
        .map_err(|_| crate::diagnostics::Error::job_panicked().to_string())
}

/// Receives each rendered file (path, text) as soon as it is rendered, from any thread.
pub(crate) type Sink<'a> =
    dyn Fn(String, String) -> Result<(), crate::diagnostics::Error> + Sync + 'a;

/// Emits every file of the generated crate into `sink`, each as soon as it is rendered, so
/// that no more than a file per core is held at once.
///
/// With `reuse`, a file that `reuse` says is already what its inputs render is kept, not
/// rendered (the render cache, [`crate::cache`]); the small crate-wide files are always
/// rendered.
pub(crate) fn crate_files_into(
    api: &Api,
    opts: &Options,
    sink: &Sink,
    reuse: Option<&dyn Reuse>,
) -> Result<(), crate::diagnostics::Error> {
    let mut files = Files::new();
    let cx = Context::new(api, opts);
    krate::emit(&cx, &mut files).map_err(crate::diagnostics::Error::Other)?;
    // The big files are rendered on every core, in batches of items (see `run_jobs`).
    // Every file of a service is made from these (hashed on every core: a catalogue's worth
    // of model takes a while to hash).
    let services: Vec<Option<Fingerprint>> = match reuse {
        Some(_) => crate::parallel::map(&api.services, |s| {
            Some(Fingerprint::of(&[
                opts,
                &cx.service_header(s),
                s,
                &api.common_errors,
            ]))
        }),
        None => vec![None; api.services.len()],
    };
    let mut jobs: Vec<Job> = Vec::new();
    for (service, inputs) in api.services.iter().zip(&services) {
        if let Some(plan) = cx.plan(service) {
            let header = cx.service_header(service);
            for (path, manifest) in manifest::service_manifests(plan, opts, &header) {
                files.insert(path, manifest.render());
            }
        }
        service_jobs(&cx, service, *inputs, &mut jobs);
    }
    // The table spans every product: its inputs are theirs.
    let inputs = reuse.map(|_| Fingerprint::of(&[opts, &cx.head, &api.common_errors, &services]));
    jobs.insert(
        0,
        Job {
            path: layout::CLI_BINARY.into(),
            header: cx.head.clone(),
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
                operations.retain(|op| !reuse.keep(&layout::page_file(&self.path, op), inputs));
                operations.is_empty()
            }
        }
    }
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
                    emit(job, layout::page_file(&job.path, op), page)?;
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
                    client::version_head(service, submodules, head())
                }),
                len,
                item,
            }
        }
    }
}

/// Queues the Markdown pages, the modules and the tests of one service, made from `inputs`.
fn service_jobs<'a>(
    cx: &'a Context<'_>,
    service: &'a Service,
    inputs: Option<Fingerprint>,
    jobs: &mut Vec<Job<'a>>,
) {
    let (opts, common, header) = (cx.opts, &cx.api.common_errors, cx.service_header(service));
    if opts.reference_pages {
        jobs.push(Job {
            path: layout::pages_dir(service),
            header: header.clone(),
            kind: Kind::Pages {
                service,
                operations: service.operations.iter().collect(),
            },
            inputs,
        });
    }
    let rust_files: Vec<(String, Chunks)> = match cx.place(service) {
        Place::Module => [Part::Version, Part::Types, Part::Errors]
            .into_iter()
            .map(|part| {
                let path = layout::part_file(service, part);
                (path, module(service, opts, common, part))
            })
            .collect(),
        Place::Shards(plan, common_crate) => {
            let path = layout::part_file(service, Part::Version);
            let version = (path, shards::version_module(plan, opts));
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
        path: layout::tests_file(service),
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
pub(crate) fn single_file(api: &Api, opts: &Options) -> Result<String, String> {
    let mut out = String::new();
    for line in api_header(api) {
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
        let head = client::version_head(
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
