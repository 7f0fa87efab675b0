//! The entry points the fuzz targets and the smoke fuzz tests share.

use crate::compile::{compile, render};
use crate::diagnostics::Diagnostic;
use crate::emit::Options;
use crate::import;
use crate::source::SpecSource;
use std::path::Path;

/// The whole front end on arbitrary bytes, as the fuzz target and the smoke test run it:
/// parse, validate, lower and emit. Returns whether the input was a valid spec; must never
/// panic, whatever the input.
#[doc(hidden)]
pub fn fuzz_frontend(data: &[u8]) -> bool {
    let text = String::from_utf8_lossy(data).into_owned();
    let source = SpecSource::from_text(Path::new("fuzz.yaml"), text);
    match compile(std::slice::from_ref(&source), None) {
        Ok(api) => render(&api, &Options::default()).is_ok(),
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
            let _ = render(&api, &Options::default());
            Some(Vec::new())
        }
        Err(e) => Some(e.diagnostics().to_vec()),
    }
}
