//! The `acs-codegen` command line.
#![forbid(unsafe_code)]

use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

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
        /// Directory of spec files (`*.yaml`, plus `common-errors.yaml`).
        #[arg(long, default_value = "specs")]
        specs: PathBuf,
        /// Output directory of the generated crate.
        #[arg(long, default_value = "generated")]
        out: PathBuf,
        /// Crate path the generated doc examples and tests use.
        #[arg(long, default_value = "acs_sdk")]
        crate_name: String,
    },
    /// Check that the output directory is up to date with the specs; writes nothing.
    ///
    /// Exits 0 when up to date, 1 when a run of `generate` would change something (and
    /// prints a unified diff of it), 2 on other errors.
    Check {
        /// Directory of spec files (`*.yaml`, plus `common-errors.yaml`).
        #[arg(long, default_value = "specs")]
        specs: PathBuf,
        /// Output directory of the generated crate.
        #[arg(long, default_value = "generated")]
        out: PathBuf,
    },
    /// Compare two specs (files or directories) for review: every change with its severity
    /// and its consequence for the generated Rust API.
    ///
    /// Exits 1 when `--fail-on` is reached, 2 on errors, 0 otherwise.
    Diff(DiffArgs),
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

fn check(specs: &Path, out: &Path) -> ExitCode {
    // Spec and I/O errors exit 2, distinct from "out of date".
    let stale = match acs_codegen::Builder::new()
        .specs_dir(specs)
        .render()
        .and_then(|files| acs_codegen::output::staleness(out, &files))
    {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    if stale.is_up_to_date() {
        eprintln!("{} is up to date with {}", out.display(), specs.display());
        return ExitCode::SUCCESS;
    }
    // Writes to a closed pipe (`| head`) end the listing instead of panicking.
    let mut stdout = std::io::stdout().lock();
    let mut printed = 0;
    for (rel, old, new) in &stale.changed {
        let old = old.as_deref().unwrap_or("");
        let diff = similar::TextDiff::from_lines(old, new.as_str());
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
    for path in &stale.removed {
        let _ = writeln!(stdout, "would remove {}", path.display());
    }
    eprintln!(
        "{} is out of date: {} file(s) would change, {} would be removed; run `cargo run -p acs-codegen -- generate`",
        out.display(),
        stale.changed.len(),
        stale.removed.len()
    );
    ExitCode::from(1)
}

fn load(path: &Path) -> Result<acs_codegen::model::Api, acs_codegen::Error> {
    let (specs, common) = acs_codegen::read_specs(path)?;
    acs_codegen::compile(&specs, common.as_ref())
}

fn surface(path: &Path) -> Result<String, acs_codegen::Error> {
    let (specs, common) = acs_codegen::read_specs(path)?;
    let api = acs_codegen::compile(&specs, common.as_ref())?;
    let files = acs_codegen::render(&api, common.as_ref(), &acs_codegen::Options::default())?;
    Ok(acs_codegen::surface::surface(&files))
}

#[derive(clap::Args)]
struct DiffArgs {
    /// The old spec file or directory.
    old: PathBuf,
    /// The new spec file or directory.
    new: PathBuf,
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
}

fn diff(args: DiffArgs) -> ExitCode {
    use acs_codegen::diff;
    let run = || -> Result<(String, bool), acs_codegen::Error> {
        let (old, new) = (load(&args.old)?, load(&args.new)?);
        let ignore = match &args.ignore {
            Some(p) => std::fs::read_to_string(p).map_err(|e| acs_codegen::Error::Io {
                path: p.clone(),
                source: e,
            })?,
            None => String::new(),
        };
        let (changes, ignored) = diff::apply_ignore(diff::compare(&old, &new), &ignore);
        let failed = match args.fail_on {
            Some(FailOn::Breaking) => diff::fails(&changes, diff::Severity::Breaking),
            Some(FailOn::Warning) => diff::fails(&changes, diff::Severity::Warning),
            None => false,
        };
        let report = if args.generated {
            let (a, b) = (surface(&args.old)?, surface(&args.new)?);
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
                    let v = serde_json::json!({ "schema_version": 1, "generated_api_diff": text });
                    serde_json::to_string_pretty(&v).unwrap_or_default() + "\n"
                }
            }
        } else {
            match args.format {
                Format::Text => diff::render_text(&changes, ignored.len()),
                Format::Markdown => diff::render_markdown(&changes, ignored.len()),
                Format::Json => diff::render_json(&changes, ignored.len()),
            }
        };
        Ok((report, failed))
    };
    match run() {
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

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Generate {
            specs,
            out,
            crate_name,
        } => {
            let options = acs_codegen::Options {
                crate_name,
                ..Default::default()
            };
            match acs_codegen::Builder::new()
                .specs_dir(&specs)
                .out_dir(&out)
                .options(options)
                .generate()
            {
                Ok(report) => {
                    eprintln!(
                        "generated {}: {} written, {} unchanged, {} removed",
                        out.display(),
                        report.written.len(),
                        report.unchanged.len(),
                        report.removed.len()
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => fail(e),
            }
        }
        Command::Check { specs, out } => check(&specs, &out),
        Command::Rules => {
            print!("{}", acs_codegen::diff::rules_markdown());
            ExitCode::SUCCESS
        }
        Command::Diff(args) => diff(args),
    }
}
