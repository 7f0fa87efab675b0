//! Warnings about the metadata documents a run imports in memory (`Builder::metadata`,
//! `generate --metadata`), said of the documents: located by JSON pointer, with advice that
//! fits a document nobody edits, and what many operations share said once.

use crate::diagnostics::{Diagnostic, Lint, Severity};
use crate::model::Api;
use crate::source::SpecSource;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// `warnings`, with those located in one of `documents` said of the document:
/// - at the operation's JSON pointer (`/apis/GetFunction`), not at the spec path of a YAML
///   file the user never saw;
/// - a non-200 response is not reported as dropped: a document describes its errors by
///   `errorCodes`, and the import keeps those;
/// - the operations without error codes are one warning per document, with what it means for
///   the generated errors.
///
/// `api` is the model of `specs` (the operations kept); other warnings are unchanged.
pub(crate) fn about_documents(
    warnings: Vec<Diagnostic>,
    documents: &[&Path],
    api: &Api,
    specs: &[SpecSource],
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut without_codes: BTreeMap<PathBuf, Vec<String>> = BTreeMap::new();
    for mut w in warnings {
        if !documents.contains(&w.file.as_path()) {
            out.push(w);
            continue;
        }
        let action = action_at(&w, api, specs);
        match (w.lint, action) {
            (Some(Lint::Dropped), Some(_)) if w.path.contains(".responses.") => {}
            (Some(Lint::MissingErrorCodes), Some(action)) => {
                without_codes
                    .entry(w.file.clone())
                    .or_default()
                    .push(action);
            }
            (_, Some(action)) => {
                w.path = format!("/apis/{action}");
                out.push(w);
            }
            (_, None) => out.push(w),
        }
    }
    for (file, mut actions) in without_codes {
        actions.sort();
        actions.dedup();
        let n = actions.len();
        out.push(Diagnostic {
            file,
            line: 0,
            column: 0,
            path: "/apis".into(),
            message: format!(
                "{n} operation{s} list{t} no error codes (`errorCodes`): {}; {} errors are typed as the common gateway codes, any other code arrives as `Unhandled` with its raw code",
                actions.join(", "),
                if n == 1 { "its" } else { "their" },
                s = if n == 1 { "" } else { "s" },
                t = if n == 1 { "s" } else { "" },
            ),
            severity: Severity::Warning,
            lint: Some(Lint::MissingErrorCodes),
        });
    }
    out
}

/// The action of the operation a warning of an imported spec is about, by its spec path
/// (`paths./2023-03-30/functions.get...`).
fn action_at(w: &Diagnostic, api: &Api, specs: &[SpecSource]) -> Option<String> {
    let spec = specs.iter().find(|s| s.path == w.file)?;
    api.services
        .iter()
        .filter(|s| s.spec_file.split(" + ").any(|f| f == spec.file_name))
        .flat_map(|s| &s.operations)
        .find(|op| {
            w.path
                .strip_prefix(&op.spec_path)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('.'))
        })
        .map(|op| op.action.clone())
}

#[cfg(test)]
mod tests {
    #[test]
    fn document_warnings_are_located_by_pointer_and_said_once() {
        let doc = r#"{"info": {"style": "ROA", "product": "P", "version": "2023-01-01"}, "apis": {
            "GetA": {"path": "/a", "methods": ["get"], "summary": "Gets A.",
                     "responses": {"200": {"schema": {"type": "object"}},
                                   "500": {"schema": {"type": "object"}}}},
            "GetB": {"path": "/b", "methods": ["get"], "summary": "Gets B.",
                     "responses": {"200": {"schema": {"type": "object"}}}}}}"#;
        let dir = std::env::temp_dir().join(format!("acs-doc-warnings-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("p-2023-01-01.api-docs.json");
        std::fs::write(&path, doc).unwrap();
        let (_, warnings) = crate::Builder::new()
            .metadata(&path)
            .render_with_warnings()
            .unwrap();
        std::fs::remove_dir_all(&dir).ok();
        let shown: Vec<String> = warnings.iter().map(|w| w.to_string()).collect();
        let codes: Vec<&String> = shown.iter().filter(|w| w.contains("errorCodes")).collect();
        assert_eq!(codes.len(), 1, "{shown:#?}");
        assert!(
            codes[0]
                .contains(": /apis: 2 operations list no error codes (`errorCodes`): GetA, GetB;"),
            "{shown:#?}"
        );
        assert!(
            shown
                .iter()
                .all(|w| !w.contains("paths.") && !w.contains("use `[]`")),
            "{shown:#?}"
        );
        assert!(
            shown.iter().all(|w| !w.contains("is dropped")),
            "{shown:#?}"
        );
    }
}
