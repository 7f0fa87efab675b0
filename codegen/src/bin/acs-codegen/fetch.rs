//! `fetch`: Alibaba's published metadata documents downloaded, all or nothing.

use crate::args::MetadataSource;
use crate::report::count;
use std::path::Path;
use std::process::ExitCode;

pub(crate) fn fetch(
    products: &[acs_codegen::internal::fetch::ProductVersion],
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
        acs_codegen::internal::output::write_files(out, &files, false)
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
