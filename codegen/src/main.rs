//! The `acs-codegen` command line.

use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Generation allocates many small token and syntax-tree nodes on every core; mimalloc's
/// per-thread heaps cut the time the system allocator spends on locks and consolidation.
/// Only the command line sets it: build scripts using the library keep their own.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "acs-codegen",
    version,
    about = "Generate typed Rust clients for Alibaba Cloud operations from OpenAPI specs"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Generate the SDK crate from the specs.
    Generate {
        /// Directory of spec files (`*.yaml`, plus `common-errors.yaml`). Repeatable: a
        /// hand-written spec takes precedence over an imported one of the same product and
        /// version (`--specs specs --specs specs/imported`).
        #[arg(long, default_value = "specs")]
        specs: Vec<PathBuf>,
        /// Alibaba Cloud API metadata (`api-docs.json` documents, or directories of them),
        /// imported in memory as `import` would write them; a spec in `--specs` of the same
        /// product and version takes precedence. Repeatable.
        #[arg(long, value_name = "FILE|DIR")]
        metadata: Vec<PathBuf>,
        /// Output directory of the generated crate.
        #[arg(long, default_value = "generated")]
        out: PathBuf,
        #[command(flatten)]
        emit: EmitArgs,
        /// Render every file, even those whose inputs (their product's spec, the options,
        /// this generator) are those of the last run and whose content is as it wrote it.
        /// Without it, such files are kept (recorded in `<out>/.acs-codegen-cache`).
        #[arg(long)]
        no_cache: bool,
        #[command(flatten)]
        lints: LintArgs,
    },
    /// Check that the output directory is up to date with the specs; writes nothing.
    ///
    /// Exits 0 when up to date, 1 when a run of `generate` would change something (and
    /// prints a unified diff of it), 2 on other errors.
    Check {
        /// Directory of spec files (`*.yaml`, plus `common-errors.yaml`). Repeatable: a
        /// hand-written spec takes precedence over an imported one of the same product and
        /// version (`--specs specs --specs specs/imported`).
        #[arg(long, default_value = "specs")]
        specs: Vec<PathBuf>,
        /// Alibaba Cloud API metadata (`api-docs.json` documents, or directories of them),
        /// imported in memory as `import` would write them; a spec in `--specs` of the same
        /// product and version takes precedence. Repeatable.
        #[arg(long, value_name = "FILE|DIR")]
        metadata: Vec<PathBuf>,
        /// Output directory of the generated crate.
        #[arg(long, default_value = "generated")]
        out: PathBuf,
        /// The options `generate` was given.
        #[command(flatten)]
        emit: EmitArgs,
        #[command(flatten)]
        lints: LintArgs,
    },
    /// Compare two specs (files or directories) for review: every change with its severity
    /// and its consequence for the generated Rust API.
    ///
    /// Exits 1 when `--fail-on` is reached, 2 on errors, 0 otherwise.
    Diff(DiffArgs),
    /// Import Alibaba Cloud's API metadata (`api-docs.json` documents) as specs, one
    /// `<product>-<version>.yaml` per document.
    ///
    /// Writes all or nothing; keep imported specs in a directory of their own (hand-written
    /// operations of the same product and version, in `specs/`, take precedence when both
    /// are generated). Exits 0 on success (warnings printed), 2 on errors.
    Import {
        /// Metadata documents, or directories of them (`*.json`).
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// Directory the specs are written to.
        #[arg(long)]
        out: PathBuf,
        #[command(flatten)]
        lints: LintArgs,
    },
    /// Download Alibaba Cloud's published API metadata: `<product>-<version>.api-docs.json`
    /// per product version, ready for `import` or `generate --metadata`.
    ///
    /// Writes all or nothing. Exits 0 on success, 2 on errors.
    Fetch {
        /// Product versions, as Alibaba writes them: `Ecs/2014-05-26`.
        #[arg(required = true, value_name = "PRODUCT/VERSION")]
        products: Vec<acs_codegen::fetch::ProductVersion>,
        /// Directory the documents are written to.
        #[arg(long)]
        out: PathBuf,
        #[command(flatten)]
        source: MetadataSource,
    },
    /// Re-import every imported spec from the metadata published now, and review the change
    /// as `diff` does; `--write` replaces the imported specs (hand-written specs are never
    /// touched).
    ///
    /// Exits 1 when `--fail-on` is reached, 2 on errors, 0 otherwise (also when nothing
    /// changed).
    Update(UpdateArgs),
    /// Answer the specs' operations over HTTP on 127.0.0.1, as Alibaba Cloud's gateway
    /// would, for tests: signatures and required parameters checked, each operation
    /// answering its success example unless a rules file sets answers, errors or faults.
    ///
    /// Prints `listening on http://127.0.0.1:PORT` first; stops on SIGTERM or Ctrl-C.
    Serve(ServeArgs),
    /// List the lints (named warnings) and their default level.
    Lints,
    /// Print the rules of `diff` (severity and generated-API consequence of each spec change)
    /// as a Markdown table.
    Rules,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Text,
    Markdown,
    Json,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum FailOn {
    Breaking,
    Warning,
}

/// Lint levels, as rustc spells them: `--deny warnings` denies every lint, `--allow
/// missing-summary` one; a named lint overrides the `warnings` group whatever the order.
#[derive(clap::Args, Clone, Default)]
struct LintArgs {
    /// Hide a lint's warnings (`warnings` for every lint). Repeatable.
    #[arg(long, short = 'A', value_name = "LINT")]
    allow: Vec<String>,
    /// Print a lint's warnings and go on (the default). Repeatable.
    #[arg(long, short = 'W', value_name = "LINT")]
    warn: Vec<String>,
    /// Make a lint's warnings errors: nothing is written. Repeatable.
    #[arg(long, short = 'D', value_name = "LINT")]
    deny: Vec<String>,
}

impl LintArgs {
    fn lints(&self) -> Result<acs_codegen::Lints, String> {
        use acs_codegen::{Level, ALL_LINTS};
        let mut lints = acs_codegen::Lints::default();
        let settings = [
            (&self.allow, Level::Allow),
            (&self.warn, Level::Warn),
            (&self.deny, Level::Deny),
        ];
        // The group first, so that named lints override it.
        for group_pass in [true, false] {
            for (names, level) in &settings {
                for name in names.iter().filter(|n| (*n == ALL_LINTS) == group_pass) {
                    lints.set_by_name(name, *level)?;
                }
            }
        }
        Ok(lints)
    }
}

fn print_warnings(warnings: &[acs_codegen::Diagnostic]) {
    for w in warnings {
        eprintln!("{}", w.report());
    }
    if !warnings.is_empty() {
        eprintln!(
            "{} warning{} (allow or deny them with --allow/--deny LINT; `acs-codegen lints` lists them)",
            warnings.len(),
            if warnings.len() == 1 { "" } else { "s" }
        );
    }
}

/// Most files `check` lists by name (per kind: written, removed).
const MAX_LISTED_FILES: usize = 200;

/// Largest diff printed by `check`, in bytes.
const MAX_DIFF_BYTES: usize = 64 * 1024;

fn fail(e: acs_codegen::Error) -> ExitCode {
    eprintln!("{e}");
    if e.diagnostics().is_empty() {
        ExitCode::from(2)
    } else {
        ExitCode::from(1)
    }
}

/// A builder reading every spec directory.
/// What the generated crate is like: `generate` writes it so, `check` compares with it so.
#[derive(clap::Args)]
struct EmitArgs {
    /// Crate path the generated doc examples and tests use.
    #[arg(long, default_value = "acs_sdk")]
    crate_name: String,
    /// The generated crate's version (`diff --suggest-version` says the next one).
    #[arg(long, value_name = "VERSION", default_value = "0.1.0")]
    crate_version: String,
    /// The generated `Cargo.toml`'s `acs-runtime` dependency, as a TOML value
    /// (e.g. `'{ version = "0.1" }'`).
    #[arg(long, value_name = "TOML", default_value = acs_codegen::emit::DEFAULT_RUNTIME_DEPENDENCY)]
    runtime_dependency: String,
    /// Leave out the `PartialEq`/`Eq`/`Hash` derives of the generated types: about 10 %
    /// less `cargo check` time and memory for a large product.
    #[arg(long)]
    no_comparisons: bool,
    /// Compile each product version with more operations than N as several crates
    /// (`shards/` in the output; the public paths stay): less memory per rustc and a
    /// `cargo check` on every core. 125 is a good start (docs/benchmarks.md).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    shard_operations: Option<u32>,
}

impl EmitArgs {
    fn options(self) -> acs_codegen::Options {
        acs_codegen::Options {
            crate_name: self.crate_name,
            package_version: self.crate_version,
            runtime_dependency: self.runtime_dependency,
            comparisons: !self.no_comparisons,
            shard_operations: self.shard_operations.map(|n| n as usize),
            ..Default::default()
        }
    }
}

fn builder(specs: &[PathBuf], metadata: &[PathBuf]) -> acs_codegen::Builder {
    let b = specs
        .iter()
        .fold(acs_codegen::Builder::new(), |b, dir| b.specs_dir(dir));
    metadata.iter().fold(b, |b, doc| b.metadata(doc))
}

fn check(
    specs: &[PathBuf],
    metadata: &[PathBuf],
    out: &Path,
    options: acs_codegen::Options,
    lints: &LintArgs,
) -> ExitCode {
    let lints = match lints.lints() {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    // Spec and I/O errors exit 2, distinct from "out of date".
    let stale = match builder(specs, metadata)
        .options(options)
        .lints(lints)
        .render_with_warnings()
        .and_then(|(files, warnings)| {
            print_warnings(&warnings);
            acs_codegen::output::staleness(out, &files)
        }) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    if stale.is_up_to_date() {
        let specs: Vec<String> = specs
            .iter()
            .chain(metadata)
            .map(|s| s.display().to_string())
            .collect();
        eprintln!("{} is up to date with {}", out.display(), specs.join(" + "));
        return ExitCode::SUCCESS;
    }
    // First the counts, then a bounded list of files with their line counts, then the
    // bounded hunks. Writes to a closed pipe (`| head`) end the listing without a panic.
    let mut stdout = std::io::stdout().lock();
    let added = stale
        .changed
        .iter()
        .filter(|(_, old, _)| old.is_none())
        .count();
    let _ = writeln!(
        stdout,
        "{} would change: {added} added, {} changed, {} removed",
        out.display(),
        stale.changed.len() - added,
        stale.removed.len()
    );
    let diffs: Vec<(&String, similar::TextDiff<'_, '_, '_, str>, bool)> = stale
        .changed
        .iter()
        .map(|(rel, old, new)| {
            let diff = similar::TextDiff::from_lines(old.as_deref().unwrap_or(""), new.as_str());
            (rel, diff, old.is_none())
        })
        .collect();
    for (rel, diff, is_new) in diffs.iter().take(MAX_LISTED_FILES) {
        let (mut plus, mut minus) = (0, 0);
        for change in diff.iter_all_changes() {
            match change.tag() {
                similar::ChangeTag::Insert => plus += 1,
                similar::ChangeTag::Delete => minus += 1,
                similar::ChangeTag::Equal => {}
            }
        }
        let mark = if *is_new { 'A' } else { 'M' };
        let _ = writeln!(stdout, "  {mark} {rel} (+{plus} -{minus})");
    }
    for path in stale.removed.iter().take(MAX_LISTED_FILES) {
        let rel = path.strip_prefix(out).unwrap_or(path);
        let _ = writeln!(stdout, "  D {}", rel.display());
    }
    let listed = diffs.len().min(MAX_LISTED_FILES) + stale.removed.len().min(MAX_LISTED_FILES);
    if listed < diffs.len() + stale.removed.len() {
        let _ = writeln!(
            stdout,
            "  ... and {} more files",
            diffs.len() + stale.removed.len() - listed
        );
    }
    let _ = writeln!(stdout);
    let mut printed = 0;
    for (rel, diff, _) in &diffs {
        let text = diff
            .unified_diff()
            .context_radius(3)
            .header(&format!("a/{rel}"), &format!("b/{rel}"))
            .to_string();
        if printed + text.len() > MAX_DIFF_BYTES {
            let _ = writeln!(
                stdout,
                "... diff truncated; run `acs-codegen generate` to see every change"
            );
            break;
        }
        printed += text.len();
        if stdout.write_all(text.as_bytes()).is_err() {
            break;
        }
    }
    // The advice repeats this command's own arguments, so that it regenerates from the same
    // specs with the same options.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .map(|a| {
            if a == "check" {
                "generate".into()
            } else {
                shell_word(&a)
            }
        })
        .collect();
    eprintln!(
        "{} is out of date: {} file(s) would change, {} would be removed; run `acs-codegen {}` to update it",
        out.display(),
        stale.changed.len(),
        stale.removed.len(),
        args.join(" ")
    );
    ExitCode::from(1)
}

/// Says how to build the generated crate when Cargo would refuse to where it is: inside a
/// workspace that does not list it. Cargo's own check (`cargo locate-project --workspace`)
/// decides; without `cargo`, nothing is said.
fn workspace_note(out: &Path) {
    let manifest = out.join("Cargo.toml");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let Ok(located) = std::process::Command::new(cargo)
        .args(["locate-project", "--workspace", "--manifest-path"])
        .arg(&manifest)
        .output()
    else {
        return;
    };
    let said = String::from_utf8_lossy(&located.stderr);
    if !located.status.success() && said.contains("believes it's in a workspace") {
        let workspace = said
            .lines()
            .find_map(|l| l.trim().strip_prefix("workspace:"))
            .map(str::trim)
            .unwrap_or("an enclosing Cargo.toml");
        eprintln!(
            "note: {} is inside the workspace of {workspace} but not one of its members: add it to that workspace's `members` (or `exclude`) to build it",
            out.display()
        );
    }
}

/// A count of things, as a sentence says it (`1 file`, `3 specs`).
fn count(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

/// An argument as a POSIX shell reads it back.
fn shell_word(arg: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "-_./=:,+@%".contains(c);
    if !arg.is_empty() && arg.chars().all(plain) {
        arg.to_string()
    } else {
        format!("'{}'", arg.replace('\'', r"'\''"))
    }
}

fn import(inputs: &[PathBuf], out: &Path, lints: &LintArgs) -> ExitCode {
    let run = || -> Result<acs_codegen::WriteReport, acs_codegen::Error> {
        let lints = lints.lints().map_err(acs_codegen::Error::Other)?;
        let report = acs_codegen::import::import_paths(inputs)?;
        for (file, note) in &report.skipped {
            eprintln!("note: {}: skipped: {note}", file.display());
        }
        let (errors, mut warnings) = lints.apply(report.warnings);
        if !errors.is_empty() {
            return Err(acs_codegen::Error::Spec(errors));
        }
        let files: acs_codegen::Files = report.specs.into_iter().collect();
        // What `generate` will say of the specs written, said now, located in them (and a
        // denied lint fails the import before anything is written).
        let written: Vec<acs_codegen::SpecSource> = files
            .iter()
            .map(|(name, text)| acs_codegen::SpecSource::from_text(&out.join(name), text.clone()))
            .collect();
        warnings.extend(acs_codegen::check_each(&written, &lints)?);
        print_warnings(&warnings);
        // Never overwrite a hand-written spec: only files this command wrote are replaced.
        for name in files.keys() {
            let existing = out.join(name);
            if let Ok(text) = std::fs::read_to_string(&existing) {
                if !text.starts_with(acs_codegen::import::IMPORTED_MARKER) {
                    return Err(acs_codegen::Error::Other(format!(
                        "{} exists and was not written by `import`; import into a directory of its own (hand-written specs take precedence when both are generated)",
                        existing.display()
                    )));
                }
            }
        }
        acs_codegen::output::write_files(out, &files, false)
    };
    match run() {
        Ok(report) => {
            eprintln!(
                "Imported into {}: {} written, {} unchanged.",
                out.display(),
                count(report.written.len(), "spec"),
                report.unchanged.len()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(2)
        }
    }
}

/// One side of a diff: its specs and the common errors file it is read with.
struct Side {
    specs: Vec<acs_codegen::SpecSource>,
    common: Option<acs_codegen::SpecSource>,
}

impl Side {
    fn model(&self) -> Result<acs_codegen::model::Api, acs_codegen::Error> {
        acs_codegen::compile(&self.specs, self.common.as_ref())
    }

    fn surface(&self) -> Result<String, acs_codegen::Error> {
        let api = self.model()?;
        let files =
            acs_codegen::render(&api, self.common.as_ref(), &acs_codegen::Options::default())?;
        Ok(acs_codegen::surface::surface(&files))
    }
}

/// Both sides, resolved the same way: the explicit common errors file for both; else each
/// side's own, and when only one side has one, it applies to both (so that identical specs
/// compare equal from any two locations).
fn sides(args: &DiffArgs) -> Result<(Side, Side), acs_codegen::Error> {
    let ((old_specs, old_common), (new_specs, new_common)) =
        match (&args.base, args.paths.as_slice()) {
            (Some(rev), paths) => {
                let paths = if paths.is_empty() {
                    vec![PathBuf::from("specs")]
                } else {
                    paths.to_vec()
                };
                let mut new = (Vec::new(), None);
                for p in &paths {
                    let (specs, common) = acs_codegen::read_specs(p)?;
                    new.0.extend(specs);
                    if new.1.is_none() {
                        new.1 = common;
                    }
                }
                acs_codegen::dedup_sources(&mut new.0);
                (acs_codegen::git::specs_at(rev, &paths)?, new)
            }
            (None, [old, new]) => (acs_codegen::read_specs(old)?, acs_codegen::read_specs(new)?),
            (None, _) => {
                return Err(acs_codegen::Error::Other(
                    "diff takes OLD NEW, or --base REV [PATHS]".into(),
                ))
            }
        };
    let explicit = match &args.common_errors {
        Some(p) => Some(acs_codegen::SpecSource::read(p)?),
        None => None,
    };
    let (old_common, new_common) = match (explicit, old_common, new_common) {
        (Some(c), _, _) => (Some(c.clone()), Some(c)),
        (None, Some(o), None) => (Some(o.clone()), Some(o)),
        (None, None, Some(n)) => (Some(n.clone()), Some(n)),
        (None, o, n) => (o, n),
    };
    Ok((
        Side {
            specs: old_specs,
            common: old_common,
        },
        Side {
            specs: new_specs,
            common: new_common,
        },
    ))
}

#[derive(clap::Args)]
struct DiffArgs {
    /// `OLD NEW` (spec files or directories); with `--base`, the spec paths in the working
    /// tree to compare with the revision (default: `specs`).
    paths: Vec<PathBuf>,
    /// Compare the specs at this git revision (`main`, `HEAD~1`, a tag) with the working
    /// tree, read through `git`: `diff --base origin/main --fail-on breaking`.
    #[arg(long, value_name = "REV")]
    base: Option<String>,
    /// The common error codes file for both sides (default: each side's
    /// `common-errors.yaml`; when only one side has one, it applies to both).
    #[arg(long, value_name = "FILE")]
    common_errors: Option<PathBuf>,
    #[command(flatten)]
    review: ReviewArgs,
}

/// How a change of the specs is reported (`diff`, `update`).
#[derive(clap::Args)]
struct ReviewArgs {
    /// Report format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Exit non-zero when a change of this severity (or worse) is found.
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,
    /// File of accepted change ids (`rule:location`, one per line, `#` comments).
    #[arg(long)]
    ignore: Option<PathBuf>,
    /// Show the change to the generated Rust API surface instead of the spec report.
    #[arg(long)]
    generated: bool,
    /// The generated crate's current version: the report ends with the next one, by
    /// Cargo's semver rules (breaking → major, or minor before 1.0; additions → minor;
    /// documentation only → patch).
    #[arg(long, value_name = "CURRENT")]
    suggest_version: Option<String>,
}

#[derive(clap::Args)]
struct UpdateArgs {
    /// Directory of specs; those `import` wrote (`info.x-acs-imported-from`) are updated.
    #[arg(long, default_value = "specs")]
    specs: PathBuf,
    /// Replace the imported specs that changed (all or nothing, after every download
    /// succeeded).
    #[arg(long)]
    write: bool,
    #[command(flatten)]
    source: MetadataSource,
    #[command(flatten)]
    review: ReviewArgs,
}

/// Where metadata is downloaded from.
#[derive(clap::Args)]
struct MetadataSource {
    /// Base URL of the metadata service (default: `$ACS_CODEGEN_METADATA_URL`, else
    /// https://api.aliyun.com/meta/v1).
    #[arg(long, value_name = "URL")]
    metadata_url: Option<String>,
    /// Time limit of each download attempt, in seconds (3 attempts on connection errors,
    /// timeouts, 429 and 5xx).
    #[arg(long, value_name = "SECONDS", default_value_t = 60)]
    timeout: u64,
}

impl MetadataSource {
    fn fetcher(&self) -> Result<acs_codegen::fetch::Fetcher, acs_codegen::Error> {
        acs_codegen::fetch::Fetcher::new(
            self.metadata_url.as_deref(),
            std::time::Duration::from_secs(self.timeout.max(1)),
        )
    }
}

fn diff(args: DiffArgs) -> ExitCode {
    let run = || -> Result<(String, bool), acs_codegen::Error> {
        let (old_side, new_side) = sides(&args)?;
        review(&old_side, &new_side, &args.review)
    };
    print_review(run())
}

/// Prints a review, exit code 1 when it failed `--fail-on`, 2 on errors.
fn print_review(result: Result<(String, bool), acs_codegen::Error>) -> ExitCode {
    match result {
        Ok((report, failed)) => {
            let _ = std::io::stdout().lock().write_all(report.as_bytes());
            if failed {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(2)
        }
    }
}

/// The review of a change from `old_side` to `new_side`, and whether it reached `--fail-on`.
fn review(
    old_side: &Side,
    new_side: &Side,
    args: &ReviewArgs,
) -> Result<(String, bool), acs_codegen::Error> {
    use acs_codegen::diff;
    let (old, new) = (old_side.model()?, new_side.model()?);
    let ignore = match &args.ignore {
        Some(p) => std::fs::read_to_string(p).map_err(|e| acs_codegen::Error::Io {
            path: p.clone(),
            source: e,
        })?,
        None => String::new(),
    };
    let mut all = diff::compare(&old, &new);
    diff::locate::locate(
        &mut all,
        &diff::locate::SpecIndex::new(&old_side.specs, old_side.common.as_ref()),
        &diff::locate::SpecIndex::new(&new_side.specs, new_side.common.as_ref()),
    );
    let (changes, ignored) = diff::apply_ignore(all, &ignore);
    let failed = match args.fail_on {
        Some(FailOn::Breaking) => diff::fails(&changes, diff::Severity::Breaking),
        Some(FailOn::Warning) => diff::fails(&changes, diff::Severity::Warning),
        None => false,
    };
    let suggestion = match &args.suggest_version {
        Some(current) => {
            Some(diff::version::suggest(current, &changes).map_err(acs_codegen::Error::Other)?)
        }
        None => None,
    };
    let next = suggestion.as_ref().map(|(next, _)| next.to_string());
    let mut report = if args.generated {
        let (a, b) = (old_side.surface()?, new_side.surface()?);
        let text = similar::TextDiff::from_lines(&a, &b)
            .unified_diff()
            .context_radius(2)
            .header("old (generated API)", "new (generated API)")
            .to_string();
        match args.format {
            Format::Text => text,
            Format::Markdown => {
                format!("### Generated Rust API changes\n\n```diff\n{text}```\n")
            }
            Format::Json => {
                let mut v = serde_json::json!({ "schema_version": 1, "generated_api_diff": text });
                if let Some(next) = &next {
                    v["suggested_version"] = next.as_str().into();
                }
                serde_json::to_string_pretty(&v).unwrap_or_default() + "\n"
            }
        }
    } else {
        match args.format {
            Format::Text => diff::render_text(&changes, ignored.len()),
            Format::Markdown => diff::render_markdown(&changes, ignored.len()),
            Format::Json => diff::render_json(&changes, ignored.len(), next.as_deref()),
        }
    };
    // JSON carries the version as a field (above); the others end with the line.
    if let Some((_, line)) = suggestion {
        match args.format {
            Format::Json => {}
            Format::Text => report.push_str(&format!("\n{line}\n")),
            Format::Markdown => report.push_str(&format!("\n**{line}**\n")),
        }
    }
    Ok((report, failed))
}

fn fetch(
    products: &[acs_codegen::fetch::ProductVersion],
    out: &Path,
    source: &MetadataSource,
) -> ExitCode {
    let run = || -> Result<acs_codegen::WriteReport, acs_codegen::Error> {
        let fetcher = source.fetcher()?;
        let mut files = acs_codegen::Files::new();
        // Every document first: one that fails leaves the directory as it was.
        for pv in products {
            eprintln!("Fetching {}", fetcher.url(pv));
            files.insert(pv.file_name(), fetcher.document(pv)?);
        }
        acs_codegen::output::write_files(out, &files, false)
    };
    match run() {
        Ok(report) => {
            eprintln!(
                "Fetched into {}: {} written, {} unchanged.",
                out.display(),
                count(report.written.len(), "document"),
                report.unchanged.len()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

fn update(args: &UpdateArgs) -> ExitCode {
    let run = || -> Result<(String, bool), acs_codegen::Error> {
        use acs_codegen::import::{self, Imported};
        let (specs, common) = acs_codegen::read_specs(&args.specs)?;
        let fetcher = args.source.fetcher()?;
        let mut updated = specs.clone();
        let mut changed = acs_codegen::Files::new();
        let mut imported = 0;
        for (spec, new) in specs.iter().zip(&mut updated) {
            let Some(origin) = import::origin(&spec.text) else {
                continue;
            };
            imported += 1;
            let pv = acs_codegen::fetch::ProductVersion {
                product: origin.product,
                version: origin.version,
            };
            eprintln!("Fetching {}", fetcher.url(&pv));
            let document = fetcher.document(&pv)?;
            // Imported under the name it was, so that only the document's changes show.
            let import = import::import_document(Path::new(&origin.document), &document)
                .map_err(acs_codegen::Error::Spec)?;
            match import.result {
                Imported::Spec { text, .. } => {
                    if text != spec.text {
                        let rel = spec.path.strip_prefix(&args.specs).unwrap_or(&spec.path);
                        changed.insert(rel.to_string_lossy().into_owned(), text.clone());
                        new.text = text;
                    }
                }
                Imported::Skipped { note } => eprintln!(
                    "note: {pv} is skipped now ({note}); {} stays as it is",
                    spec.path.display()
                ),
            }
        }
        if imported == 0 {
            return Err(acs_codegen::Error::Other(format!(
                "{} has no spec written by `import` (nothing to update)",
                args.specs.display()
            )));
        }
        let old_side = Side {
            specs,
            common: common.clone(),
        };
        let new_side = Side {
            specs: updated,
            common,
        };
        let reviewed = review(&old_side, &new_side, &args.review)?;
        if args.write && !changed.is_empty() {
            let report = acs_codegen::output::write_files(&args.specs, &changed, false)?;
            eprintln!(
                "Updated {}: {} rewritten.",
                args.specs.display(),
                count(report.written.len(), "imported spec")
            );
        } else {
            eprintln!(
                "{} of {} changed{}.",
                count(changed.len(), "imported spec"),
                imported,
                if changed.is_empty() || args.write {
                    ""
                } else {
                    "; `--write` replaces them"
                }
            );
        }
        Ok(reviewed)
    };
    print_review(run())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Generate {
            specs,
            metadata,
            out,
            emit,
            no_cache,
            lints,
        } => {
            let options = emit.options();
            let lints = match lints.lints() {
                Ok(l) => l,
                Err(e) => {
                    eprintln!("error: {e}");
                    return ExitCode::from(2);
                }
            };
            match builder(&specs, &metadata)
                .out_dir(&out)
                .options(options)
                .lints(lints)
                .cache(!no_cache)
                .generate()
            {
                Ok(report) => {
                    print_warnings(&report.warnings);
                    eprintln!(
                        "Generated the crate in {}: {} written, {} unchanged ({} of them kept without rendering), {} removed.",
                        out.display(),
                        count(report.written.len(), "file"),
                        report.unchanged.len(),
                        report.reused.len(),
                        report.removed.len()
                    );
                    workspace_note(&out);
                    ExitCode::SUCCESS
                }
                Err(e) => fail(e),
            }
        }
        Command::Check {
            specs,
            metadata,
            out,
            emit,
            lints,
        } => check(&specs, &metadata, &out, emit.options(), &lints),
        Command::Import { inputs, out, lints } => import(&inputs, &out, &lints),
        Command::Lints => {
            println!("| lint | default | reports |\n|---|---|---|");
            for l in acs_codegen::Lint::ALL {
                println!("| `{}` | warn | {} |", l.name(), l.description());
            }
            println!("\n`warnings` names every lint: `--deny warnings`.");
            ExitCode::SUCCESS
        }
        Command::Rules => {
            print!("{}", acs_codegen::diff::rules_markdown());
            ExitCode::SUCCESS
        }
        Command::Diff(args) => diff(args),
        Command::Fetch {
            products,
            out,
            source,
        } => fetch(&products, &out, &source),
        Command::Update(args) => update(&args),
        Command::Serve(args) => serve(&args),
    }
}

#[derive(clap::Args)]
struct ServeArgs {
    /// Directory of spec files. Repeatable.
    #[arg(long, default_value = "specs")]
    specs: Vec<PathBuf>,
    /// Alibaba Cloud API metadata documents (or directories of them). Repeatable.
    #[arg(long, value_name = "FILE|DIR")]
    metadata: Vec<PathBuf>,
    /// Port on 127.0.0.1 (0: a free one, printed).
    #[arg(long, default_value_t = 0)]
    port: u16,
    /// AccessKey secret signatures are checked with (any AccessKey ID is accepted).
    #[arg(long, default_value = "testsecret")]
    secret: String,
    /// Answers per action (YAML; format in `acs-codegen serve --help` and the README).
    #[arg(long, value_name = "FILE")]
    rules: Option<PathBuf>,
    /// Answer operations without a rule `NoRule` (HTTP 404) instead of their example.
    #[arg(long)]
    strict: bool,
}

fn serve(args: &ServeArgs) -> ExitCode {
    let run = || -> Result<(), acs_codegen::Error> {
        let (specs, common) = builder(&args.specs, &args.metadata).sources()?;
        let api = acs_codegen::compile(&specs, common.as_ref())?;
        let options = acs_codegen::serve::ServeOptions {
            port: args.port,
            secret: args.secret.clone(),
            examples: !args.strict,
        };
        acs_codegen::serve::run(&api, args.rules.as_deref(), &options)
    };
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(e),
    }
}
