//! `import`: Alibaba's metadata into spec files, never over a hand-written spec.

use crate::args::LintArgs;
use crate::report::{count, print_warnings};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub(crate) fn import(inputs: &[PathBuf], out: &Path, lints: &LintArgs) -> ExitCode {
    let run = || -> Result<acs_codegen::WriteReport, acs_codegen::Error> {
        let lints = lints.lints().map_err(acs_codegen::Error::Other)?;
        let report = acs_codegen::internal::import::import_paths(inputs)?;
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
        acs_codegen::internal::import::ensure_not_hand_written(out, files.keys())?;
        acs_codegen::internal::output::write_files(out, &files, false)
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
