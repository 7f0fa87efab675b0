//! The `acs-codegen` command line.

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
    }
}
