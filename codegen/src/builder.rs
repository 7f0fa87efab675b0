//! [`Builder`]: one value drives a run from the CLI or a build script: which specs, which
//! operations, where the output goes and how it is laid out, and the staging, cache and
//! commit sequence that writes it.

use crate::compile::{compile_with, render, Compiled};
use crate::diagnostics::{self, Diagnostic, Error, Level, Lint, Lints};
use crate::emit::{self, Options};
use crate::output::{self, Files, WriteReport};
use crate::source::{dedup_sources, read_specs_dir, SpecSource};
use crate::timings::{self, Timer};
use crate::{cache, document_warnings, import, model};
use std::path::{Path, PathBuf};

/// How the output is laid out.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Layout {
    /// A whole crate: `Cargo.toml`, `src/<product>/<version>/{mod,types,errors}.rs`, the
    /// `acs` binary, Markdown references and tests (the checked-in `generated/`).
    #[default]
    Crate,
    /// One Rust file of nested inline modules, for `include!` from `OUT_DIR`.
    SingleFile,
}

/// What a run reads.
struct Inputs {
    specs: Vec<SpecSource>,
    common: Option<SpecSource>,
    /// What importing the metadata documents warned about (and the documents skipped).
    import_warnings: Vec<Diagnostic>,
    /// The metadata documents specs were imported from (their [`SpecSource::path`]).
    documents: Vec<PathBuf>,
}

/// Diagnostics of specs imported in memory from the `documents`, without the line and
/// column of a YAML text nobody has: the spec path (`paths./#Action=X.post...`) locates them.
fn unlocated(mut diagnostics: Vec<Diagnostic>, documents: &[&Path]) -> Vec<Diagnostic> {
    for d in &mut diagnostics {
        if documents.contains(&d.file.as_path()) {
            (d.line, d.column) = (0, 0);
        }
    }
    diagnostics
}

/// [`unlocated`] for the diagnostics of an error.
fn unlocated_in(e: Error, documents: &[&Path]) -> Error {
    match e {
        Error::Spec(d) => Error::Spec(unlocated(d, documents)),
        other => other,
    }
}

/// Emit settings set on the [`Builder`] itself: they win over [`Builder::options`] whatever the
/// order of the calls, and those left unset take their layout's default.
#[derive(Clone, Debug, Default)]
struct Overrides {
    format: Option<bool>,
    doc_examples: Option<bool>,
    testing_cfg: Option<Option<String>>,
}

impl Overrides {
    /// The emit options of a run: `base`, with these settings and the layout's defaults.
    fn apply(&self, base: &Options, layout: Layout) -> Options {
        let single_file = layout == Layout::SingleFile;
        Options {
            format: self.format.unwrap_or(base.format),
            // A single file's examples could not name the including crate, and it cannot
            // know the including crate's features: off, and always compiled, unless asked.
            doc_examples: self
                .doc_examples
                .unwrap_or(!single_file && base.doc_examples),
            // A single file has no pages beside it.
            reference_pages: !single_file && base.reference_pages,
            testing_cfg: match &self.testing_cfg {
                Some(set) => set.clone(),
                None if single_file => None,
                None => base.testing_cfg.clone(),
            },
            ..base.clone()
        }
    }
}

/// File name written by [`Builder::generate_to_out_dir`].
pub const OUT_DIR_FILE: &str = "acs_generated.rs";

/// Drives a generation run: which specs, which operations, where the output goes and how it
/// is laid out. One value does everything, from the CLI or a build script:
///
/// ```no_run
/// // In build.rs's `fn main`:
/// if let Err(e) = acs_codegen::Builder::new()
///     .spec("specs/esa-2024-09-10.yaml")
///     .operation("ReleaseInstance")
///     .generate_to_out_dir()
/// {
///     // `file:line:column: spec.path: what is wrong`, in the build log.
///     eprintln!("{e}");
///     std::process::exit(1);
/// }
/// ```
#[derive(Clone, Debug, Default)]
pub struct Builder {
    specs_dirs: Vec<PathBuf>,
    specs: Vec<PathBuf>,
    metadata: Vec<PathBuf>,
    common: Option<PathBuf>,
    out_dir: Option<PathBuf>,
    operations: Vec<String>,
    layout: Option<Layout>,
    options: Options,
    overrides: Overrides,
    lints: Lints,
    cargo_rerun: bool,
    no_cache: bool,
}

impl Builder {
    /// A run with nothing set: add specs or metadata, then render or generate.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds every spec of a directory (and its `common-errors.yaml`, if present).
    pub fn specs_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.specs_dirs.push(dir.into());
        self
    }

    /// Adds one spec file.
    pub fn spec(mut self, path: impl Into<PathBuf>) -> Self {
        self.specs.push(path.into());
        self
    }

    /// Adds Alibaba Cloud API metadata: an `api-docs.json` document, or a directory of them
    /// (`*.json`), imported in memory as `acs-codegen import` would write them. A spec of the
    /// same product and version from [`spec`](Self::spec) or [`specs_dir`](Self::specs_dir)
    /// takes precedence, operation by operation. Diagnostics name the document; the import's
    /// own warnings are located by JSON pointer (`/apis/RunInstances/parameters/3`).
    pub fn metadata(mut self, path: impl Into<PathBuf>) -> Self {
        self.metadata.push(path.into());
        self
    }

    /// Uses this file for the common gateway error codes instead of the generator's built-in
    /// ones (a `common-errors.yaml` in a [`specs_dir`](Self::specs_dir) does too).
    pub fn common_errors(mut self, path: impl Into<PathBuf>) -> Self {
        self.common = Some(path.into());
        self
    }

    /// Where the output goes (default `generated`).
    pub fn out_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// Keeps only this operation (`ReleaseInstance`, or `esa/ReleaseInstance` for one
    /// product); call it again for more. Without any, every operation is generated. Types no
    /// kept operation uses are left out, which cuts compile time.
    pub fn operation(mut self, name: impl Into<String>) -> Self {
        self.operations.push(name.into());
        self
    }

    /// The output layout (default: [`Layout::Crate`]; [`Layout::SingleFile`] for
    /// [`generate_to_out_dir`](Self::generate_to_out_dir)).
    pub fn layout(mut self, layout: Layout) -> Self {
        self.layout = Some(layout);
        self
    }

    /// Whether to format the output with prettyplease (default: yes). Wins over the
    /// `format` of [`options`](Self::options), whatever the order of the calls.
    pub fn format(mut self, format: bool) -> Self {
        self.overrides.format = Some(format);
        self
    }

    /// Whether to emit `no_run` doc examples (default: yes for a crate, no for a single file,
    /// whose examples could not name the including crate).
    pub fn doc_examples(mut self, on: bool) -> Self {
        self.overrides.doc_examples = Some(on);
        self
    }

    /// The `cfg` predicate under which the test gateway's support is compiled (`FromWire`,
    /// the responses' `ToJson`, `operations()`; see `acs_runtime::testing`): default
    /// `feature = "testing"` for a crate; for a single file, which cannot know the including
    /// crate's features, `None`: compiled when `acs-runtime` is built with its `testing`
    /// feature (a dev-dependency on it with that feature turns it on for the crate's tests).
    /// `Some("test")` keeps it to unit tests.
    pub fn testing_cfg(mut self, predicate: Option<&str>) -> Self {
        self.overrides.testing_cfg = Some(predicate.map(str::to_string));
        self
    }

    /// Sets a lint's level (default: every lint warns). A build script that wants today's
    /// strictness for hand-written specs denies them all:
    /// `.lints(acs_codegen::Lints::default().set_all(acs_codegen::Level::Deny).clone())`.
    pub fn lint(mut self, lint: Lint, level: Level) -> Self {
        self.lints.set(lint, level);
        self
    }

    /// Sets every lint's level at once (replaces earlier [`lint`](Self::lint) calls).
    pub fn lints(mut self, lints: Lints) -> Self {
        self.lints = lints;
        self
    }

    /// Emit options (crate name, runtime path). [`format`](Self::format) and
    /// [`doc_examples`](Self::doc_examples), when called, win over the same settings here.
    pub fn options(mut self, options: Options) -> Self {
        self.options = options;
        self
    }

    /// Print `cargo:rerun-if-changed` for every input read (on by default in
    /// [`generate_to_out_dir`](Self::generate_to_out_dir)).
    pub fn emit_rerun_if_changed(mut self, on: bool) -> Self {
        self.cargo_rerun = on;
        self
    }

    /// Whether [`generate`](Self::generate) keeps files whose inputs did not change since the
    /// last run instead of rendering them again (default: yes). The record of what each file
    /// was made from is `.acs-codegen-cache` in the output directory.
    pub fn cache(mut self, on: bool) -> Self {
        self.no_cache = !on;
        self
    }

    fn rerun(&self, path: &Path) {
        if self.cargo_rerun {
            println!("cargo:rerun-if-changed={}", path.display());
        }
    }

    /// Reads the inputs: product specs (those imported from metadata included) and the
    /// common error file.
    pub fn sources(&self) -> Result<(Vec<SpecSource>, Option<SpecSource>), Error> {
        self.inputs().map(|i| (i.specs, i.common))
    }

    /// The inputs, with what importing the metadata documents said and found.
    fn inputs(&self) -> Result<Inputs, Error> {
        let mut specs = Vec::new();
        let mut common = match &self.common {
            Some(p) => {
                self.rerun(p);
                Some(SpecSource::read(p)?)
            }
            None => None,
        };
        for dir in &self.specs_dirs {
            self.rerun(dir);
            let (s, c) = read_specs_dir(dir)?;
            for source in s.iter().chain(&c) {
                self.rerun(&source.path);
            }
            specs.extend(s);
            if common.is_none() {
                common = c;
            }
        }
        for p in &self.specs {
            self.rerun(p);
            specs.push(SpecSource::read(p)?);
        }
        let (mut warnings, mut documents) = (Vec::new(), Vec::new());
        if !self.metadata.is_empty() {
            // A directory (for documents added to it); each document is named below.
            for p in self.metadata.iter().filter(|p| p.is_dir()) {
                self.rerun(p);
            }
            let report = import::import_paths(&self.metadata)?;
            for (file_name, text) in report.specs {
                let document = report.documents[&file_name].clone();
                self.rerun(&document);
                documents.push(document.clone());
                // Named as the file `import` would write, so the output is the same.
                specs.push(SpecSource {
                    path: document,
                    file_name,
                    text,
                });
            }
            warnings = report.warnings;
            warnings.extend(report.skipped.into_iter().map(|(file, note)| Diagnostic {
                file,
                line: 0,
                column: 0,
                path: String::new(),
                message: format!("document skipped: {note}"),
                severity: diagnostics::Severity::Warning,
                lint: Some(Lint::Dropped),
            }));
        }
        dedup_sources(&mut specs);
        Ok(Inputs {
            specs,
            common,
            import_warnings: warnings,
            documents,
        })
    }

    fn layout_or_default(&self) -> Layout {
        self.layout.unwrap_or_default()
    }

    /// Generates in memory: the files a run would write, keyed by relative path (warnings
    /// are dropped; see [`render_with_warnings`](Self::render_with_warnings)).
    pub fn render(&self) -> Result<Files, Error> {
        self.render_with_warnings().map(|(files, _)| files)
    }

    /// Steps 1 to 3 and the run's settings: the model (filtered to the chosen operations),
    /// the emit options for the layout, and the warnings.
    fn model(&self) -> Result<(model::Api, Options, Vec<Diagnostic>), Error> {
        let timer = Timer::new();
        let Inputs {
            specs,
            common,
            import_warnings,
            documents,
        } = self.inputs()?;
        timer.mark("read");
        let documents: Vec<&Path> = documents.iter().map(PathBuf::as_path).collect();
        let (errors, imported) = self.lints.apply(import_warnings);
        if !errors.is_empty() {
            return Err(Error::Spec(errors));
        }
        let Compiled {
            mut api,
            mut warnings,
        } = compile_with(&specs, common.as_ref(), &self.lints)
            .map_err(|e| unlocated_in(e, &documents))?;
        warnings = unlocated(warnings, &documents);
        warnings.extend(imported);
        if !self.operations.is_empty() {
            let all = api.clone();
            let unmatched = api.retain_operations(&self.operations);
            if !unmatched.is_empty() {
                return Err(Error::Other(unknown_operations(&all, &unmatched)));
            }
            // Warnings about operations left out are not this build's concern.
            // Where a left-out operation is: its spec files, its place in the spec, and in
            // a metadata document (the import's warnings are located by JSON pointer).
            let dropped: Vec<(Vec<&Path>, String, String)> = all
                .services
                .iter()
                .flat_map(|s| s.operations.iter().map(move |op| (s, op)))
                .filter(|(s, op)| {
                    !api.services.iter().any(|k| {
                        k.spec_file == s.spec_file
                            && k.operations.iter().any(|o| o.spec_path == op.spec_path)
                    })
                })
                .map(|(s, op)| {
                    let files = specs
                        .iter()
                        .filter(|src| s.spec_file.split(" + ").any(|f| f == src.file_name))
                        .map(|src| src.path.as_path())
                        .collect();
                    (files, op.spec_path.clone(), format!("/apis/{}", op.action))
                })
                .collect();
            let under = |path: &str, at: &str, separator: char| {
                path.strip_prefix(at)
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with(separator))
            };
            warnings.retain(|w| {
                !dropped.iter().any(|(files, at, pointer)| {
                    files.contains(&w.file.as_path())
                        && (under(&w.path, at, '.') || under(&w.path, pointer, '/'))
                })
            });
        }
        let warnings = document_warnings::about_documents(warnings, &documents, &api, &specs);
        let options = self
            .overrides
            .apply(&self.options, self.layout_or_default());
        Ok((api, options, warnings))
    }

    /// Generates in memory: the files a run would write, and the warnings.
    pub fn render_with_warnings(&self) -> Result<(Files, Vec<Diagnostic>), Error> {
        let timer = Timer::new();
        let (api, options, warnings) = self.model()?;
        let layout = self.layout_or_default();
        let files = match layout {
            Layout::Crate => render(&api, &options),
            Layout::SingleFile => {
                let text = emit::single_file(&api, &options).map_err(Error::Other)?;
                Ok(Files::from([(OUT_DIR_FILE.to_string(), text)]))
            }
        };
        timer.mark("emit");
        Ok((files?, warnings))
    }

    /// Generates and writes the output directory (only changed files are rewritten), all or
    /// nothing. A crate's files go to the staging area as they are rendered, so a run over
    /// the whole catalogue holds no more than a file per core. Warnings are dropped, except
    /// in a build script, where they are printed as `cargo:warning=` lines; see
    /// [`generate_with_warnings`](Self::generate_with_warnings).
    pub fn generate(&self) -> Result<WriteReport, Error> {
        self.generate_with_warnings().map(|(report, _)| report)
    }

    /// [`generate`](Self::generate), and the run's warnings (lints at `warn`), sorted.
    pub fn generate_with_warnings(&self) -> Result<(WriteReport, Vec<Diagnostic>), Error> {
        let out = self
            .out_dir
            .clone()
            .unwrap_or_else(|| PathBuf::from("generated"));
        let (report, warnings) = if self.layout_or_default() == Layout::Crate {
            self.generate_crate(&out)?
        } else {
            let (files, warnings) = self.render_with_warnings()?;
            (output::write(&out, &files)?, warnings)
        };
        if self.cargo_rerun {
            for w in &warnings {
                println!("cargo:warning={}", w.report());
            }
        }
        Ok((report, warnings))
    }

    /// The crate layout of [`generate`](Self::generate): files go to the staging area as they
    /// are rendered, those the render cache vouches for are kept, then all are committed.
    fn generate_crate(&self, out: &Path) -> Result<(WriteReport, Vec<Diagnostic>), Error> {
        let (api, options, warnings) = self.model()?;
        let timer = Timer::new();
        let staging = std::sync::Mutex::new(output::Staging::begin(out)?);
        // Loaded under the output directory's lock, which `Staging` holds.
        let cache = (!self.no_cache).then(|| cache::Cache::load(out));
        emit::crate_files_into(
            &api,
            &options,
            &|path, text| {
                staging
                    .lock()
                    .map_err(|_| Error::job_panicked())?
                    .add(&path, &text)
            },
            cache.as_ref().map(|c| c as &dyn cache::Reuse),
        )?;
        timer.mark("emit+format, streamed to the staging area");
        if timings::enabled() {
            let [pretty, plain] = &emit::FORMAT_CPU;
            eprintln!(
                "acs-codegen:   of which format: {:.1} ms (prettyplease) + {:.1} ms (plain) of CPU, summed over threads",
                pretty.millis(),
                plain.millis()
            );
        }
        let mut staging = staging.into_inner().map_err(|_| Error::job_panicked())?;
        if let Some(cache) = &cache {
            for rel in cache.kept() {
                staging.keep(&rel);
            }
            // Every record is true whenever it is written (see `cache`): before the commit,
            // under the lock.
            cache.save()?;
        }
        let report = staging.commit(true)?;
        timer.mark("write (commit)");
        Ok((report, warnings))
    }

    /// For build scripts: generates one file, `$OUT_DIR/acs_generated.rs`, prints
    /// `cargo:rerun-if-changed` for every input, and returns the file's path. Pull it in with
    /// `include!(concat!(env!("OUT_DIR"), "/acs_generated.rs"));`.
    pub fn generate_to_out_dir(mut self) -> Result<PathBuf, Error> {
        let out = std::env::var_os("OUT_DIR")
            .map(PathBuf::from)
            .ok_or_else(|| {
                Error::io(
                    Path::new("$OUT_DIR"),
                    std::io::Error::new(
                        std::io::ErrorKind::NotFound,
                        "OUT_DIR is not set; call this from a build script",
                    ),
                )
            })?;
        self.cargo_rerun = true;
        self.layout = Some(self.layout.unwrap_or(Layout::SingleFile));
        self.out_dir = Some(out.clone());
        self.generate()?;
        Ok(out.join(OUT_DIR_FILE))
    }
}

/// The error for operation filters that match nothing, each with the operation a typo away
/// (`ReleaseInstanse`: did you mean `ReleaseInstance`?).
fn unknown_operations(api: &model::Api, unmatched: &[String]) -> String {
    let names: Vec<String> = api
        .services
        .iter()
        .flat_map(|s| {
            s.operations.iter().flat_map(move |op| {
                [
                    op.action.clone(),
                    format!("{}/{}", s.product_module, op.action),
                ]
            })
        })
        .collect();
    let each: Vec<String> = unmatched
        .iter()
        .map(|f| {
            let candidates = names
                .iter()
                .map(String::as_str)
                .filter(|n| n.contains('/') == f.contains('/'));
            match diagnostics::closest(f, candidates) {
                Some(near) => format!("`{f}` (did you mean `{near}`?)"),
                None => format!("`{f}`"),
            }
        })
        .collect();
    format!("no operation named {} in the specs", each.join(", "))
}
