//! acs-codegen: generates typed Rust clients for Alibaba Cloud RPC operations from
//! hand-written OpenAPI 3.0 specs.
//!
//! The pipeline has four steps, each in its own module:
//!
//! 1. [`parse`]: YAML into typed spec structs (serde_yaml), positions indexed by [`locate`];
//! 2. [`validate`]: every problem collected, located as `file:line:column: spec.path: what`;
//! 3. [`lower`]: the validated spec into the intermediate [`model`];
//! 4. [`emit`]: the model into Rust (quote!, formatted by prettyplease) and Markdown.
//!
//! [`Builder`] drives it from a build script or the CLI:
//!
//! ```no_run
//! acs_codegen::Builder::new()
//!     .specs_dir("specs")
//!     .out_dir("generated")
//!     .generate()?;
//! # Ok::<(), acs_codegen::Error>(())
//! ```
#![forbid(unsafe_code)]

pub mod cache;
pub mod diagnostics;
pub mod diff;
pub mod emit;
pub mod git;
pub mod import;
pub mod locate;
pub mod lower;
pub mod model;
pub mod names;
pub mod output;
pub mod overlay;
pub mod parallel;
pub mod parse;
pub mod surface;
pub mod timings;
pub mod validate;

pub use diagnostics::{Diagnostic, Error, Level, Lint, Lints, Severity, ALL_LINTS};
pub use emit::{Files, Options};
pub use output::WriteReport;

use sha2::{Digest, Sha256};
use std::fs;
use std::path::{Path, PathBuf};
use timings::{CpuTime, Timer};

/// File name of the shared common error codes, looked up in the specs directory.
pub const COMMON_ERRORS_FILE: &str = "common-errors.yaml";

/// One spec file's text and the name it is reported under.
#[derive(Clone, Debug)]
pub struct SpecSource {
    /// Path used in diagnostics (as given, e.g. `specs/esa-2024-09-10.yaml`).
    pub path: PathBuf,
    /// File name, used in `@generated` headers (machine-independent).
    pub file_name: String,
    pub text: String,
}

impl SpecSource {
    /// Reads a spec file.
    pub fn read(path: &Path) -> Result<Self, Error> {
        let text = fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Ok(Self::from_text(path, text))
    }

    /// A spec from text in memory.
    pub fn from_text(path: &Path, text: String) -> Self {
        SpecSource {
            file_name: path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            path: path.to_path_buf(),
            text,
        }
    }

    fn sha256(&self) -> String {
        hex(&Sha256::digest(self.text.as_bytes()))
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The product specs (`*.yaml`, `*.yml`) under a directory and its subdirectories (in path
/// order; entries whose names start with `.` are skipped), and its common error file: the
/// `common-errors.yaml` nearest the top (a deeper one, such as an imported directory's, is
/// not a product spec and is not read).
pub fn read_specs_dir(dir: &Path) -> Result<(Vec<SpecSource>, Option<SpecSource>), Error> {
    let mut paths = Vec::new();
    spec_paths(dir, &mut paths)?;
    let sources = paths
        .iter()
        .map(|p| SpecSource::read(p))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(split_common(sources))
}

/// Product specs apart from the common error file: the `common-errors.yaml` nearest the top
/// of the tree they were read from (the first of those, in order); deeper ones are dropped.
pub(crate) fn split_common(sources: Vec<SpecSource>) -> (Vec<SpecSource>, Option<SpecSource>) {
    let (commons, specs): (Vec<SpecSource>, Vec<SpecSource>) = sources
        .into_iter()
        .partition(|s| s.file_name == COMMON_ERRORS_FILE);
    let common = commons
        .into_iter()
        .enumerate()
        .min_by_key(|(i, s)| (s.path.components().count(), *i))
        .map(|(_, s)| s);
    (specs, common)
}

/// Keeps the first of specs read from the same file twice (`--specs specs --specs
/// specs/imported`: a directory includes its subdirectories).
pub fn dedup_sources(specs: &mut Vec<SpecSource>) {
    let mut seen = std::collections::HashSet::new();
    specs.retain(|s| seen.insert(fs::canonicalize(&s.path).unwrap_or_else(|_| s.path.clone())));
}

/// Every spec file under `dir`, sorted by path, subdirectories included.
fn spec_paths(dir: &Path, found: &mut Vec<PathBuf>) -> Result<(), Error> {
    let entries = fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| !n.to_string_lossy().starts_with('.'))
        })
        .collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            spec_paths(&p, found)?;
        } else if p.is_file()
            && matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("yaml") | Some("yml")
            )
        {
            found.push(p);
        }
    }
    Ok(())
}

fn parse_error(source: &SpecSource, e: parse::ParseError) -> Diagnostic {
    Diagnostic {
        file: source.path.clone(),
        line: e.line,
        column: e.column,
        path: String::new(),
        message: e.message,
        severity: Severity::Error,
        lint: None,
    }
}

/// A valid spec (or a hand-written spec over an imported one) awaiting lowering.
struct Valid<'a> {
    /// `product::version`.
    module: String,
    /// The files it comes from, the hand-written one first.
    sources: Vec<&'a SpecSource>,
    /// Whether it is only an imported spec (one an overlay may still go over).
    imported: bool,
    doc: parse::Document,
}

/// Adds a valid spec to the run: a new product version, or a hand-written spec over an
/// imported one of the same product version (either order; [`overlay`]). Any other second
/// spec of a product version is an error, returned as its message.
fn admit<'a>(
    valid: &mut Vec<Valid<'a>>,
    source: &'a SpecSource,
    doc: parse::Document,
) -> Result<(), String> {
    let info = doc.info.as_ref();
    let module = format!(
        "{}::{}",
        names::product_module(info.and_then(|i| i.product.as_deref()).unwrap_or_default()),
        names::version_module(info.and_then(|i| i.version.as_deref()).unwrap_or_default())
    );
    let imported = info.is_some_and(|i| i.imported_from.is_some());
    let Some(other) = valid.iter_mut().find(|v| v.module == module) else {
        valid.push(Valid {
            module,
            sources: vec![source],
            imported,
            doc,
        });
        return Ok(());
    };
    if other.sources.len() > 1 || other.imported == imported {
        return Err(format!(
            "product and version `{module}` are also defined by {}",
            other.sources[0].path.display()
        ));
    }
    let previous = std::mem::take(&mut other.doc);
    if imported {
        other.doc = overlay::overlay(previous, doc);
        other.sources.push(source);
    } else {
        other.doc = overlay::overlay(doc, previous);
        other.sources.insert(0, source);
    }
    other.imported = false;
    Ok(())
}

/// The model of a run and the warnings that did not stop it.
#[derive(Clone, Debug)]
pub struct Compiled {
    pub api: model::Api,
    /// Warnings of lints at `warn`, sorted.
    pub warnings: Vec<Diagnostic>,
}

/// Steps 1 to 3 with every lint at its default level (`warn`), warnings discarded: parses,
/// validates and lowers the specs. Any error in any file fails the whole run with every
/// error found.
pub fn compile(specs: &[SpecSource], common: Option<&SpecSource>) -> Result<model::Api, Error> {
    compile_with(specs, common, &Lints::default()).map(|c| c.api)
}

/// Steps 1 to 3: parses, validates and lowers the specs. Errors, and warnings of denied
/// lints, fail the whole run with every one found; other warnings are returned beside the
/// model.
pub fn compile_with(
    specs: &[SpecSource],
    common: Option<&SpecSource>,
    lints: &Lints,
) -> Result<Compiled, Error> {
    let mut diagnostics = Vec::new();
    let mut common_codes = Vec::new();
    if let Some(source) = common {
        match parse::from_str::<parse::CommonErrors>(&source.text) {
            Ok(doc) => {
                let mut r = validate::Reporter::new(&source.path, &source.text);
                validate::common_errors(&mut r, &doc);
                diagnostics.extend(r.diagnostics);
                common_codes = doc.codes;
            }
            Err(e) => diagnostics.push(parse_error(source, e)),
        }
    }
    let timer = Timer::new();
    let lowered_common = lower::common_errors(&common_codes);
    // Each spec parsed and validated on its own (on every core), then admitted in order.
    let (parsing, validating) = (CpuTime::default(), CpuTime::default());
    let checked = parallel::map(specs, |source| {
        let doc = match parsing.count(|| parse::from_str::<parse::Document>(&source.text)) {
            Ok(doc) => doc,
            Err(e) => return (None, vec![parse_error(source, e)]),
        };
        let mut r = validate::Reporter::new(&source.path, &source.text);
        validating.count(|| validate::document(&mut r, &doc));
        let doc = (!r.has_errors()).then_some(doc);
        (doc, r.diagnostics)
    });
    let mut valid: Vec<Valid> = Vec::new();
    for (source, (doc, mut found)) in specs.iter().zip(checked) {
        if let Some(doc) = doc {
            if let Err(message) = admit(&mut valid, source, doc) {
                let mut r = validate::Reporter::new(&source.path, &source.text);
                r.error("info", message);
                found.append(&mut r.diagnostics);
            }
        }
        diagnostics.append(&mut found);
    }
    timer.mark("parse+validate");
    if timings::enabled() {
        eprintln!(
            "acs-codegen:   of which parse: {:.1} ms, validate: {:.1} ms of CPU, summed over specs",
            parsing.millis(),
            validating.millis()
        );
    }
    let mut services: Vec<model::Service> = parallel::map(&valid, |v| {
        let file = v
            .sources
            .iter()
            .map(|s| s.file_name.as_str())
            .collect::<Vec<_>>()
            .join(" + ");
        let sha = match v.sources.as_slice() {
            [one] => one.sha256(),
            many => hex(&Sha256::digest(
                many.iter().map(|s| s.sha256()).collect::<String>(),
            )),
        };
        lower::service(&file, &sha, &v.doc, &lowered_common)
    });
    timer.mark("lower");
    let (errors, warnings) = lints.apply(diagnostics);
    if !errors.is_empty() {
        return Err(Error::Spec(errors));
    }
    services.sort_by(|a, b| {
        (&a.product_module, &a.version_module).cmp(&(&b.product_module, &b.version_module))
    });
    Ok(Compiled {
        api: model::Api {
            services,
            common_errors: lowered_common,
        },
        warnings,
    })
}

/// Step 4: renders every file of the generated crate.
pub fn render(
    api: &model::Api,
    common: Option<&SpecSource>,
    opts: &Options,
) -> Result<Files, Error> {
    let sha = common.map(|c| (c.file_name.clone(), c.sha256()));
    emit::crate_files(
        api,
        opts,
        sha.as_ref().map(|(f, s)| (f.as_str(), s.as_str())),
    )
    .map_err(Error::Other)
}

/// Reads the specs at `path`: a directory (its specs and `common-errors.yaml`), or one spec
/// file (with the `common-errors.yaml` beside it, if any).
pub fn read_specs(path: &Path) -> Result<(Vec<SpecSource>, Option<SpecSource>), Error> {
    if path.is_dir() {
        return read_specs_dir(path);
    }
    let spec = SpecSource::read(path)?;
    let common = path
        .parent()
        .map(|d| d.join(COMMON_ERRORS_FILE))
        .filter(|c| c.is_file() && c != path);
    let common = match common {
        Some(c) => Some(SpecSource::read(&c)?),
        None => None,
    };
    Ok((vec![spec], common))
}

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

/// File name written by [`Builder::generate_to_out_dir`].
pub const OUT_DIR_FILE: &str = "acs_generated.rs";

/// Drives a generation run: which specs, which operations, where the output goes and how it
/// is laid out. One value does everything, from the CLI or a build script:
///
/// ```no_run
/// // In build.rs's `fn main`:
/// if let Err(e) = acs_codegen::Builder::new()
///     .spec("specs/esa-2024-09-10.yaml")
///     .common_errors("specs/common-errors.yaml")
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
    common: Option<PathBuf>,
    out_dir: Option<PathBuf>,
    operations: Vec<String>,
    layout: Option<Layout>,
    doc_examples: Option<bool>,
    format: Option<bool>,
    options: Options,
    lints: Lints,
    cargo_rerun: bool,
    no_cache: bool,
}

impl Builder {
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

    /// Uses this file for the common error codes.
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
        self.format = Some(format);
        self
    }

    /// Whether to emit `no_run` doc examples (default: yes for a crate, no for a single file,
    /// whose examples could not name the including crate).
    pub fn doc_examples(mut self, on: bool) -> Self {
        self.doc_examples = Some(on);
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
    /// was made from is `.acs-codegen-cache` in the output directory (see [`cache`]).
    pub fn cache(mut self, on: bool) -> Self {
        self.no_cache = !on;
        self
    }

    fn rerun(&self, path: &Path) {
        if self.cargo_rerun {
            println!("cargo:rerun-if-changed={}", path.display());
        }
    }

    /// Reads the inputs: product specs and the common error file.
    pub fn sources(&self) -> Result<(Vec<SpecSource>, Option<SpecSource>), Error> {
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
        dedup_sources(&mut specs);
        Ok((specs, common))
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
    /// the common errors file, the emit options for the layout, and the warnings.
    fn model(&self) -> Result<(model::Api, Option<SpecSource>, Options, Vec<Diagnostic>), Error> {
        let timer = Timer::new();
        let (specs, common) = self.sources()?;
        timer.mark("read");
        let Compiled {
            mut api,
            mut warnings,
        } = compile_with(&specs, common.as_ref(), &self.lints)?;
        if !self.operations.is_empty() {
            let all = api.clone();
            let unmatched = api.retain_operations(&self.operations);
            if !unmatched.is_empty() {
                return Err(Error::Other(unknown_operations(&all, &unmatched)));
            }
            // Warnings about operations left out are not this build's concern.
            let dropped: Vec<(&str, &str)> = all
                .services
                .iter()
                .flat_map(|s| s.operations.iter().map(move |op| (s, op)))
                .filter(|(s, op)| {
                    !api.services.iter().any(|k| {
                        k.spec_file == s.spec_file
                            && k.operations.iter().any(|o| o.spec_path == op.spec_path)
                    })
                })
                .map(|(s, op)| (s.spec_file.as_str(), op.spec_path.as_str()))
                .collect();
            warnings.retain(|w| {
                let file = w.file.file_name().map(|f| f.to_string_lossy());
                !dropped.iter().any(|(files, at)| {
                    file.as_deref()
                        .is_some_and(|f| files.split(" + ").any(|x| x == f))
                        && w.path
                            .strip_prefix(at)
                            .is_some_and(|rest| rest.is_empty() || rest.starts_with('.'))
                })
            });
        }
        let layout = self.layout_or_default();
        let mut options = self.options.clone();
        if let Some(format) = self.format {
            options.format = format;
        }
        // A single file's examples could not name the including crate: off unless asked for.
        options.doc_examples = self
            .doc_examples
            .unwrap_or(layout == Layout::Crate && self.options.doc_examples);
        Ok((api, common, options, warnings))
    }

    /// Generates in memory: the files a run would write, and the warnings.
    pub fn render_with_warnings(&self) -> Result<(Files, Vec<Diagnostic>), Error> {
        let timer = Timer::new();
        let (api, common, options, warnings) = self.model()?;
        let layout = self.layout_or_default();
        let files = match layout {
            Layout::Crate => render(&api, common.as_ref(), &options),
            Layout::SingleFile => {
                let sha = common.as_ref().map(|c| (c.file_name.clone(), c.sha256()));
                let text = emit::single_file(
                    &api,
                    &options,
                    sha.as_ref().map(|(f, s)| (f.as_str(), s.as_str())),
                )
                .map_err(Error::Other)?;
                Ok(Files::from([(OUT_DIR_FILE.to_string(), text)]))
            }
        };
        timer.mark("emit");
        Ok((files?, warnings))
    }

    /// Generates and writes the output directory (only changed files are rewritten), all or
    /// nothing. A crate's files go to the staging area as they are rendered, so a run over
    /// the whole catalogue holds no more than a file per core. The report carries the
    /// warnings; in a build script they are also printed as `cargo:warning=` lines.
    pub fn generate(&self) -> Result<WriteReport, Error> {
        let out = self
            .out_dir
            .clone()
            .unwrap_or_else(|| PathBuf::from("generated"));
        let (mut report, warnings) = if self.layout_or_default() == Layout::Crate {
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
        report.warnings = warnings;
        Ok(report)
    }

    /// The crate layout of [`generate`](Self::generate): files go to the staging area as they
    /// are rendered, those the render cache vouches for are kept, then all are committed.
    fn generate_crate(&self, out: &Path) -> Result<(WriteReport, Vec<Diagnostic>), Error> {
        let (api, common, options, warnings) = self.model()?;
        let timer = Timer::new();
        let panicked = || Error::Other("internal error: a render job panicked".into());
        let staging = std::sync::Mutex::new(output::Staging::begin(out)?);
        // Loaded under the output directory's lock, which `Staging` holds.
        let cache = (!self.no_cache).then(|| cache::Cache::load(out));
        let sha = common.as_ref().map(|c| (c.file_name.clone(), c.sha256()));
        emit::crate_files_into(
            &api,
            &options,
            sha.as_ref().map(|(f, s)| (f.as_str(), s.as_str())),
            &|path, text| staging.lock().map_err(|_| panicked())?.add(&path, &text),
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
        let mut staging = staging.into_inner().map_err(|_| panicked())?;
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

/// The whole front end on arbitrary bytes, as the fuzz target and the smoke test run it:
/// parse, validate, lower and emit. Returns whether the input was a valid spec; must never
/// panic, whatever the input.
#[doc(hidden)]
pub fn fuzz_frontend(data: &[u8]) -> bool {
    let text = String::from_utf8_lossy(data).into_owned();
    let source = SpecSource::from_text(Path::new("fuzz.yaml"), text);
    match compile(std::slice::from_ref(&source), None) {
        Ok(api) => render(&api, None, &Options::default()).is_ok(),
        Err(e) => {
            // Every problem is located and printable.
            let _ = e.to_string();
            false
        }
    }
}

/// `import` on arbitrary bytes, then the front end on what it produced, as the `import` fuzz
/// target and the smoke test run it. Returns `None` when the input was rejected (with a
/// located error) or skipped, else the spec's compile errors, which must be none: an
/// imported spec always generates. Must never panic, whatever the input.
#[doc(hidden)]
pub fn fuzz_import(data: &[u8]) -> Option<Vec<Diagnostic>> {
    let text = String::from_utf8_lossy(data);
    let imported = import::import_document(Path::new("fuzz.json"), &text).ok()?;
    let import::Imported::Spec { file_name, text } = imported.result else {
        return None;
    };
    let source = SpecSource::from_text(Path::new(&file_name), text);
    match compile(std::slice::from_ref(&source), None) {
        Ok(api) => {
            let _ = render(&api, None, &Options::default());
            Some(Vec::new())
        }
        Err(e) => Some(e.diagnostics().to_vec()),
    }
}
