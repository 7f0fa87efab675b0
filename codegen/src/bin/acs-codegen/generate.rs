//! `generate` and `check`: the crate written, or compared with what would be written.

use crate::args::{EmitArgs, LintArgs, SpecsArgs};
use crate::report::{count, fail, print_warnings, shell_word};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

/// `generate`: the crate written, with a summary of what changed.
pub(crate) fn generate(
    inputs: &SpecsArgs,
    out: &Path,
    emit: EmitArgs,
    no_cache: bool,
    lints: &LintArgs,
) -> ExitCode {
    let options = emit.options();
    let lints = match lints.lints() {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    match inputs
        .builder()
        .out_dir(out)
        .options(options)
        .lints(lints)
        .cache(!no_cache)
        .generate_with_warnings()
    {
        Ok((report, warnings)) => {
            print_warnings(&warnings);
            eprintln!(
                "Generated the crate in {}: {} written, {} unchanged ({} of them kept without rendering), {} removed.",
                out.display(),
                count(report.written.len(), "file"),
                report.unchanged.len(),
                report.reused.len(),
                report.removed.len()
            );
            workspace_note(out);
            ExitCode::SUCCESS
        }
        Err(e) => fail(e),
    }
}

/// Most files `check` lists by name (per kind: written, removed).
pub(crate) const MAX_LISTED_FILES: usize = 200;

/// Largest diff printed by `check`, in bytes.
pub(crate) const MAX_DIFF_BYTES: usize = 64 * 1024;

pub(crate) fn check(
    inputs: &SpecsArgs,
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
    let stale = match inputs
        .builder()
        .options(options)
        .lints(lints)
        .render_with_warnings()
        .and_then(|(files, warnings)| {
            print_warnings(&warnings);
            acs_codegen::internal::output::staleness(out, &files)
        }) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    if stale.is_up_to_date() {
        let specs: Vec<String> = (inputs.specs.iter())
            .chain(&inputs.metadata)
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
pub(crate) fn workspace_note(out: &Path) {
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
