//! `diff` and `update`: two sets of specs (or the specs and the metadata published now)
//! compared and reviewed with one function.

use crate::args::{DiffArgs, FailOn, Format, ReviewArgs, UpdateArgs};
use crate::report::count;
use acs_codegen::internal::diff::Side;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Both sides of `diff`'s arguments: OLD NEW, or the specs at a git revision and now.
pub(crate) fn sides(args: &DiffArgs) -> Result<(Side, Side), acs_codegen::Error> {
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
                (acs_codegen::internal::git::specs_at(rev, &paths)?, new)
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
    Ok(Side::pair(
        (old_specs, old_common),
        (new_specs, new_common),
        explicit,
    ))
}

/// `diff OLD NEW` (or `--base REV`): the review of the change.
pub(crate) fn diff(args: DiffArgs) -> ExitCode {
    let run = || -> Result<(String, bool), acs_codegen::Error> {
        let (old_side, new_side) = sides(&args)?;
        review(&old_side, &new_side, &args.review)
    };
    print_review(run())
}

/// Prints a review, exit code 1 when it failed `--fail-on`, 2 on errors.
pub(crate) fn print_review(result: Result<(String, bool), acs_codegen::Error>) -> ExitCode {
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
pub(crate) fn review(
    old_side: &Side,
    new_side: &Side,
    args: &ReviewArgs,
) -> Result<(String, bool), acs_codegen::Error> {
    use acs_codegen::internal::diff;
    let all = diff::changes(old_side, new_side)?;
    let ignore = match &args.ignore {
        Some(p) => std::fs::read_to_string(p).map_err(|e| acs_codegen::Error::Io {
            path: p.clone(),
            source: e,
        })?,
        None => String::new(),
    };
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

pub(crate) fn update(args: &UpdateArgs) -> ExitCode {
    let run = || -> Result<(String, bool), acs_codegen::Error> {
        use acs_codegen::internal::import::{self, Imported};
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
            let pv = acs_codegen::internal::fetch::ProductVersion {
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
            let report = acs_codegen::internal::output::write_files(&args.specs, &changed, false)?;
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
