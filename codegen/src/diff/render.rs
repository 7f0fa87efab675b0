//! Reports of a diff: text for terminals, Markdown for pull requests, JSON for tools, and
//! the rules table.

use super::rules::{Change, Severity, RULES};
use serde::Serialize;
use std::fmt::Write;

fn counts(changes: &[Change]) -> (usize, usize, usize, usize) {
    let n = |s: Severity| {
        changes
            .iter()
            .filter(|c| c.severity == s && !c.docs_only)
            .count()
    };
    (
        n(Severity::Breaking),
        n(Severity::Warning),
        n(Severity::Info),
        changes.iter().filter(|c| c.docs_only).count(),
    )
}

fn groups(changes: &[Change]) -> Vec<(&'static str, Vec<&Change>)> {
    let pick = |s: Severity| {
        changes
            .iter()
            .filter(|c| c.severity == s && !c.docs_only)
            .collect::<Vec<_>>()
    };
    vec![
        ("Breaking", pick(Severity::Breaking)),
        ("Warning", pick(Severity::Warning)),
        ("Info", pick(Severity::Info)),
        (
            "Documentation only",
            changes.iter().filter(|c| c.docs_only).collect(),
        ),
    ]
}

fn summary(changes: &[Change], ignored: usize) -> String {
    let (b, w, i, d) = counts(changes);
    let mut s = format!("{b} breaking, {w} warning, {i} info, {d} documentation-only");
    if ignored > 0 {
        s.push_str(&format!(" ({ignored} ignored)"));
    }
    s
}

/// The readable terminal report.
pub fn render_text(changes: &[Change], ignored: usize) -> String {
    let mut out = format!("acs-codegen diff: {}\n", summary(changes, ignored));
    for (title, list) in groups(changes) {
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n{} ({})", title.to_uppercase(), list.len());
        for c in list {
            match &c.source {
                Some(at) => {
                    let _ = writeln!(out, "  [{}] {} ({at}): {}", c.rule, c.location, c.message);
                }
                None => {
                    let _ = writeln!(out, "  [{}] {}: {}", c.rule, c.location, c.message);
                }
            }
            let _ = writeln!(out, "      Rust: {}", c.rust);
        }
    }
    out
}

fn md_cell(s: &str) -> String {
    s.replace('|', "\\|")
}

/// The Markdown report, for a pull-request comment.
pub fn render_markdown(changes: &[Change], ignored: usize) -> String {
    let mut out = format!("### Spec changes\n\n{}\n", summary(changes, ignored));
    for (title, list) in groups(changes) {
        if list.is_empty() {
            continue;
        }
        let _ = write!(out, "\n#### {title} ({})\n\n| Rule | Where | Change | Generated Rust API |\n|---|---|---|---|\n", list.len());
        for c in list {
            let _ = writeln!(
                out,
                "| `{}` | {} | {} | {} |",
                c.rule,
                md_cell(&match &c.source {
                    Some(at) => format!("{} (`{at}`)", c.location),
                    None => c.location.clone(),
                }),
                md_cell(&c.message),
                md_cell(&c.rust)
            );
        }
    }
    out
}

#[derive(Serialize)]
struct JsonReport<'a> {
    /// Version of this JSON schema.
    schema_version: u32,
    summary: JsonSummary,
    changes: &'a [Change],
    /// With `--suggest-version`: the next version of the generated crate.
    #[serde(skip_serializing_if = "Option::is_none")]
    suggested_version: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonSummary {
    breaking: usize,
    warning: usize,
    info: usize,
    docs_only: usize,
    ignored: usize,
}

/// The JSON report (stable schema, version 1).
pub fn render_json(changes: &[Change], ignored: usize, suggested_version: Option<&str>) -> String {
    let (breaking, warning, info, docs_only) = counts(changes);
    let report = JsonReport {
        schema_version: 1,
        summary: JsonSummary {
            breaking,
            warning,
            info,
            docs_only,
            ignored,
        },
        changes,
        suggested_version,
    };
    serde_json::to_string_pretty(&report).unwrap_or_default() + "\n"
}

/// The rule table as Markdown (for docs/guide/reviewing.md).
pub fn rules_markdown() -> String {
    let mut out =
        String::from("| Rule | Severity | Spec change | Generated Rust API |\n|---|---|---|---|\n");
    for r in RULES {
        let sev = if r.docs_only {
            "info (documentation only)"
        } else {
            r.severity.as_str()
        };
        let _ = writeln!(out, "| `{}` | {} | {} | {} |", r.id, sev, r.when, r.rust);
    }
    out
}
