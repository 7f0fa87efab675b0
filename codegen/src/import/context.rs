//! What every part of an import shares: the warnings of one document ([`Ctx`]), located by
//! JSON pointer, and the metadata's text as documentation.

use crate::diagnostics::{Diagnostic, Lint, Severity};
use serde_json::{Map, Value as Json};
use std::collections::BTreeSet;
use std::path::Path;

/// Base of the documentation pages the metadata links to as `~~<id>~~`.
const DOC_LINK_BASE: &str = "https://help.aliyun.com/document_detail/";

/// Collects warnings located by JSON pointer in one document.
pub(super) struct Ctx<'a> {
    pub(super) file: &'a Path,
    pub(super) warnings: Vec<Diagnostic>,
    /// The document's component schemas (`$ref` targets).
    pub(super) components: &'a Map<String, Json>,
    /// Components on a `$ref` cycle: the spec dialect has no recursive types, so a `$ref`
    /// to one becomes a free-form value.
    pub(super) cyclic: BTreeSet<String>,
    /// The document's product has a gateway of its own (OSS, SLS, PDS): `in: host`
    /// parameters and subresource paths are imported.
    pub(super) own_gateway: bool,
    /// The document's style is RPC: its APIs are actions, a `path: /` included.
    pub(super) rpc: bool,
}

impl Ctx<'_> {
    fn diagnostic(&self, pointer: &str, message: String, severity: Severity) -> Diagnostic {
        Diagnostic {
            file: self.file.to_path_buf(),
            line: 0,
            column: 0,
            path: pointer.to_string(),
            message,
            severity,
            lint: (severity == Severity::Warning).then_some(Lint::ImportRepaired),
        }
    }

    pub(super) fn warn(&mut self, pointer: &str, message: impl Into<String>) {
        let d = self.diagnostic(pointer, message.into(), Severity::Warning);
        self.warnings.push(d);
    }

    pub(super) fn error(&self, pointer: &str, message: impl Into<String>) -> Vec<Diagnostic> {
        vec![self.diagnostic(pointer, message.into(), Severity::Error)]
    }
}

/// Escapes a key for a JSON pointer (RFC 6901).
pub(super) fn ptr(parent: &str, key: &str) -> String {
    format!("{parent}/{}", key.replace('~', "~0").replace('/', "~1"))
}

/// A text field, `None` when absent or blank (the metadata often holds a single space).
pub(super) fn doc_text(map: &Map<String, Json>, key: &str) -> Option<String> {
    let text = map.get(key)?.as_str()?.trim();
    (!text.is_empty()).then(|| doc_links(text))
}

/// Rewrites the metadata's links to other pages (`[title](~~12345~~)`) as real URLs, and
/// bare `~~12345~~` references too (rustdoc would read them as strikethrough).
pub(super) fn doc_links(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("~~") {
        let after = &rest[i + 2..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && after[digits..].starts_with("~~") {
            out.push_str(&rest[..i]);
            out.push_str(DOC_LINK_BASE);
            out.push_str(&after[..digits]);
            out.push_str(".html");
            rest = &after[digits + 2..];
        } else {
            out.push_str(&rest[..i + 2]);
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_links_become_urls() {
        assert_eq!(
            doc_links("see [CreateRole](~~28710~~) and ~~12~~, not ~~x~~"),
            "see [CreateRole](https://help.aliyun.com/document_detail/28710.html) and \
             https://help.aliyun.com/document_detail/12.html, not ~~x~~"
        );
    }
}
