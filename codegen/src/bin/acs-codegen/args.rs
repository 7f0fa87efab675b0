//! The command line's arguments (clap): commands and the option groups they share.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "acs-codegen",
    version,
    about = "Generate typed Rust clients for Alibaba Cloud operations from OpenAPI specs"
)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Subcommand)]
pub(crate) enum Command {
    /// Generate the SDK crate from the specs.
    #[command(
        after_help = "Examples:\n  acs-codegen generate                              # specs/ into generated/\n  acs-codegen generate --specs specs --metadata fc-2023-03-30.api-docs.json\n  acs-codegen generate --specs specs --out sdk --shard-operations 125"
    )]
    Generate {
        #[command(flatten)]
        inputs: SpecsArgs,
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
    #[command(
        after_help = "Examples:\n  acs-codegen check                  # in CI: generated/ is what specs/ gives\n  acs-codegen check --deny warnings  # and no lint is left"
    )]
    Check {
        #[command(flatten)]
        inputs: SpecsArgs,
        /// Output directory of the generated crate.
        #[arg(long, default_value = "generated")]
        out: PathBuf,
        /// The options `generate` was given.
        #[command(flatten)]
        emit: EmitArgs,
        #[command(flatten)]
        lints: LintArgs,
    },
    /// Review spec changes: each with its severity and its consequence for the Rust API.
    ///
    /// Compares two specs (files or directories), or the specs against a git revision. Exits 1
    /// when `--fail-on` is reached, 2 on errors, 0 otherwise.
    #[command(
        after_help = "Examples:\n  acs-codegen diff old/ specs/\n  acs-codegen diff --base origin/main --fail-on breaking\n  acs-codegen diff old/ specs/ --format markdown --generated"
    )]
    Diff(DiffArgs),
    /// Import Alibaba Cloud's API metadata (`api-docs.json`) as specs.
    ///
    /// One `<product>-<version>.yaml` per document. Writes all or nothing; keep imported specs in a directory of their own (hand-written
    /// operations of the same product and version, in `specs/`, take precedence when both
    /// are generated). Exits 0 on success (warnings printed), 2 on errors.
    #[command(
        after_help = "Examples:\n  acs-codegen import tests/fixtures/metadata --out specs/imported\n  acs-codegen import ecs-2014-05-26.api-docs.json --out specs/imported"
    )]
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
    /// Download Alibaba Cloud's published API metadata, for `import` or `generate --metadata`.
    ///
    /// One `<product>-<version>.api-docs.json` per product version. Writes all or nothing.
    /// Exits 0 on success, 2 on errors.
    #[command(
        after_help = "Examples:\n  acs-codegen fetch Ecs/2014-05-26 Sts/2015-04-01 --out metadata"
    )]
    Fetch {
        /// Product versions, as Alibaba writes them: `Ecs/2014-05-26`.
        #[arg(required = true, value_name = "PRODUCT/VERSION")]
        products: Vec<acs_codegen::internal::fetch::ProductVersion>,
        /// Directory the documents are written to.
        #[arg(long)]
        out: PathBuf,
        #[command(flatten)]
        source: MetadataSource,
    },
    /// Re-import the imported specs from the metadata published now, and review the change.
    ///
    /// The review is `diff`'s; `--write` replaces the imported specs (hand-written specs are
    /// never touched). Exits 1 when `--fail-on` is reached, 2 on errors, 0 otherwise (also when nothing
    /// changed).
    #[command(
        after_help = "Examples:\n  acs-codegen update --specs specs            # review what changed upstream\n  acs-codegen update --specs specs --write    # and take it"
    )]
    Update(UpdateArgs),
    /// Answer the specs' operations on 127.0.0.1 as Alibaba Cloud's gateway would, for tests.
    ///
    /// Signatures and required parameters are checked; each operation answers its success
    /// example unless a rules file sets answers, errors or faults. Prints `listening on http://127.0.0.1:PORT` first; stops on SIGTERM or Ctrl-C.
    #[command(
        after_help = "Examples:\n  acs-codegen serve --port 8080                    # secret `testsecret`\n  acs-codegen serve --specs specs --rules rules.yaml --strict"
    )]
    Serve(ServeArgs),
    /// List the lints (named warnings) and their default level.
    Lints,
    /// Print the rules of `diff` (severity, Rust API consequence) as a Markdown table.
    Rules,
}

/// What `generate` and `check` read: spec directories and metadata documents.
#[derive(clap::Args)]
pub(crate) struct SpecsArgs {
    /// Directory of spec files (`*.yaml`, plus `common-errors.yaml`). Repeatable: a
    /// hand-written spec takes precedence over an imported one of the same product and
    /// version (`--specs specs --specs specs/imported`).
    #[arg(long, default_value = "specs")]
    pub(crate) specs: Vec<PathBuf>,
    /// Alibaba Cloud API metadata (`api-docs.json` documents, or directories of them),
    /// imported in memory as `import` would write them; a spec in `--specs` of the same
    /// product and version takes precedence. Repeatable.
    #[arg(long, value_name = "FILE|DIR")]
    pub(crate) metadata: Vec<PathBuf>,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub(crate) enum Format {
    Text,
    Markdown,
    Json,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub(crate) enum FailOn {
    Breaking,
    Warning,
}

/// Lint levels, as rustc spells them: `--deny warnings` denies every lint, `--allow
/// missing-summary` one; a named lint overrides the `warnings` group whatever the order.
#[derive(clap::Args, Clone, Default)]
pub(crate) struct LintArgs {
    /// Hide a lint's warnings (`warnings` for every lint). Repeatable.
    #[arg(long, short = 'A', value_name = "LINT")]
    pub(crate) allow: Vec<String>,
    /// Print a lint's warnings and go on (the default). Repeatable.
    #[arg(long, short = 'W', value_name = "LINT")]
    pub(crate) warn: Vec<String>,
    /// Make a lint's warnings errors: nothing is written. Repeatable.
    #[arg(long, short = 'D', value_name = "LINT")]
    pub(crate) deny: Vec<String>,
}

impl LintArgs {
    pub(crate) fn lints(&self) -> Result<acs_codegen::Lints, String> {
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

/// What the generated crate is like: `generate` writes it so, `check` compares with it so.
#[derive(clap::Args)]
pub(crate) struct EmitArgs {
    /// Crate path the generated doc examples and tests use.
    #[arg(long, default_value = "acs_sdk")]
    pub(crate) crate_name: String,
    /// The generated crate's version (`diff --suggest-version` says the next one).
    #[arg(long, value_name = "VERSION", default_value = "0.1.0")]
    pub(crate) crate_version: String,
    /// The generated `Cargo.toml`'s `acs-runtime` dependency, as a TOML value
    /// (e.g. `'{ version = "0.1" }'`).
    #[arg(long, value_name = "TOML", default_value = acs_codegen::internal::emit::DEFAULT_RUNTIME_DEPENDENCY)]
    pub(crate) runtime_dependency: String,
    /// Leave out the `PartialEq`/`Eq`/`Hash` derives of the generated types: about 10 %
    /// less `cargo check` time and memory for a large product.
    #[arg(long)]
    pub(crate) no_comparisons: bool,
    /// Compile each product version with more operations than N as several crates
    /// (`shards/` in the output; the public paths stay): less memory per rustc and a
    /// `cargo check` on every core. 125 is a good start (docs/benchmarks.md).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub(crate) shard_operations: Option<u32>,
}

impl EmitArgs {
    pub(crate) fn options(self) -> acs_codegen::Options {
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

#[derive(clap::Args)]
pub(crate) struct DiffArgs {
    /// `OLD NEW` (spec files or directories); with `--base`, the spec paths in the working
    /// tree to compare with the revision (default: `specs`).
    pub(crate) paths: Vec<PathBuf>,
    /// Compare the specs at this git revision (`main`, `HEAD~1`, a tag) with the working
    /// tree, read through `git`: `diff --base origin/main --fail-on breaking`.
    #[arg(long, value_name = "REV")]
    pub(crate) base: Option<String>,
    /// The common error codes file for both sides (default: each side's
    /// `common-errors.yaml`; when only one side has one, it applies to both).
    #[arg(long, value_name = "FILE")]
    pub(crate) common_errors: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) review: ReviewArgs,
}

/// How a change of the specs is reported (`diff`, `update`).
#[derive(clap::Args)]
pub(crate) struct ReviewArgs {
    /// Report format.
    #[arg(long, value_enum, default_value = "text")]
    pub(crate) format: Format,
    /// Exit non-zero when a change of this severity (or worse) is found.
    #[arg(long, value_enum)]
    pub(crate) fail_on: Option<FailOn>,
    /// File of accepted change ids (`rule:location`, one per line, `#` comments).
    #[arg(long)]
    pub(crate) ignore: Option<PathBuf>,
    /// Show the change to the generated Rust API surface instead of the spec report.
    #[arg(long)]
    pub(crate) generated: bool,
    /// The generated crate's current version: the report ends with the next one, by
    /// Cargo's semver rules (breaking → major, or minor before 1.0; additions → minor;
    /// documentation only → patch).
    #[arg(long, value_name = "CURRENT")]
    pub(crate) suggest_version: Option<String>,
}

#[derive(clap::Args)]
pub(crate) struct UpdateArgs {
    /// Directory of specs; those `import` wrote (`info.x-acs-imported-from`) are updated.
    #[arg(long, default_value = "specs")]
    pub(crate) specs: PathBuf,
    /// Replace the imported specs that changed (all or nothing, after every download
    /// succeeded).
    #[arg(long)]
    pub(crate) write: bool,
    #[command(flatten)]
    pub(crate) source: MetadataSource,
    #[command(flatten)]
    pub(crate) review: ReviewArgs,
}

/// Where metadata is downloaded from.
#[derive(clap::Args)]
pub(crate) struct MetadataSource {
    /// Base URL of the metadata service (default: `$ACS_CODEGEN_METADATA_URL`, else
    /// https://api.aliyun.com/meta/v1).
    #[arg(long, value_name = "URL")]
    pub(crate) metadata_url: Option<String>,
    /// Time limit of each download attempt, in seconds (3 attempts on connection errors,
    /// timeouts, 429 and 5xx).
    #[arg(long, value_name = "SECONDS", default_value_t = 60)]
    pub(crate) timeout: u64,
}

impl MetadataSource {
    pub(crate) fn fetcher(
        &self,
    ) -> Result<acs_codegen::internal::fetch::Fetcher, acs_codegen::Error> {
        acs_codegen::internal::fetch::Fetcher::new(
            self.metadata_url.as_deref(),
            std::time::Duration::from_secs(self.timeout.max(1)),
        )
    }
}

/// The rules file's format, in `serve --help`.
const RULES_HELP: &str =
    "Answers per action (YAML): each action's answers, in order; the last one repeats. \
An action of several versions gets the rule in each; `Version/Action` \
(`2014-05-26/DescribeInstances`) names one.

    DescribeInstances:
      - fault: throttling  # throttling | server-error | timeout | dropped | malformed
      - error: {code: InvalidInstance.NotFound, message: \"no such instance\", status: 404}
      - body: {RequestId: R-1, Instances: []}  # a success body; `status:` beside it
      - example            # the spec's success example";

#[derive(clap::Args)]
pub(crate) struct ServeArgs {
    #[command(flatten)]
    pub(crate) inputs: SpecsArgs,
    /// Port on 127.0.0.1 (0: a free one, printed).
    #[arg(long, default_value_t = 0)]
    pub(crate) port: u16,
    /// AccessKey secret signatures are checked with (any AccessKey ID is accepted).
    #[arg(long, default_value = "testsecret")]
    pub(crate) secret: String,
    /// Answers per action (YAML; `acs-codegen serve --help` shows the format).
    #[arg(long, value_name = "FILE", long_help = RULES_HELP)]
    pub(crate) rules: Option<PathBuf>,
    /// Answer operations without a rule `NoRule` (HTTP 404) instead of their example.
    #[arg(long)]
    pub(crate) strict: bool,
}

impl SpecsArgs {
    /// A builder reading every spec directory and metadata document.
    pub(crate) fn builder(&self) -> acs_codegen::Builder {
        let b = (self.specs.iter()).fold(acs_codegen::Builder::new(), |b, dir| b.specs_dir(dir));
        (self.metadata.iter()).fold(b, |b, doc| b.metadata(doc))
    }
}
