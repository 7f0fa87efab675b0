//! The problems of one file, located: [`Reporter`], and the spec path helpers every check
//! uses.

use crate::diagnostics::{Diagnostic, Lint, Severity};
use crate::locate::Locator;
use std::path::Path;

/// Collects located problems for one file. The position index is built only when the
/// first problem needs it, so a valid spec is parsed once.
pub(crate) struct Reporter<'a> {
    file: &'a Path,
    source: &'a str,
    locator: std::cell::OnceCell<Locator>,
    pub diagnostics: Vec<Diagnostic>,
}

impl<'a> Reporter<'a> {
    pub(crate) fn new(file: &'a Path, source: &'a str) -> Self {
        Reporter {
            file,
            source,
            locator: std::cell::OnceCell::new(),
            diagnostics: Vec::new(),
        }
    }

    /// Line and column of a spec path.
    pub(crate) fn position(&self, path: &str) -> (usize, usize) {
        self.locator
            .get_or_init(|| Locator::new(self.source))
            .position(path)
    }

    /// Reports an error: the spec cannot be generated as it is.
    pub(crate) fn error(&mut self, path: &str, message: impl Into<String>) {
        self.push(path, message.into(), Severity::Error, None);
    }

    /// Reports a warning under `lint`.
    pub(crate) fn warn(&mut self, lint: Lint, path: &str, message: impl Into<String>) {
        self.push(path, message.into(), Severity::Warning, Some(lint));
    }

    fn push(&mut self, path: &str, message: String, severity: Severity, lint: Option<Lint>) {
        let (line, column) = self.position(path);
        self.diagnostics.push(Diagnostic {
            file: self.file.to_path_buf(),
            line,
            column,
            path: path.to_string(),
            message,
            severity,
            lint,
        });
    }

    /// Whether an error (not a warning) was reported.
    pub(crate) fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}

pub(super) fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

pub(super) fn non_empty(s: &Option<String>) -> bool {
    s.as_deref().is_some_and(|s| !s.trim().is_empty())
}
