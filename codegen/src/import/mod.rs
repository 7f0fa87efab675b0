//! `acs-codegen import`: Alibaba Cloud's published API metadata (`api-docs.json`, format
//! `"version": "1.0"`) into this repository's spec dialect, one `<product>-<version>.yaml`
//! per document.
//!
//! The metadata is real, hence imperfect: parameters listed twice, examples that do not fit
//! their type, bounds written as strings, one code under two statuses. The importer repairs
//! what it can, says so in an `import-repaired` warning located by JSON pointer, and goes on.
//! Only a document it cannot read at all (bad JSON, no `apis`, no product) is an error.
//!
//! RPC documents and the REST-style ones that go through the same gateway (ROA, `V3`, `FC`)
//! are imported: an API with a `path` becomes a path item (`/clusters/{ClusterId}`), one
//! without becomes a `/#Action=` key. A document of a style with a gateway of its own (OSS,
//! SLS, ...) is skipped with a note.
//!
//! Output is deterministic: the same document always gives the same bytes.

mod context;
mod endpoints;
mod operation;
mod schema;
mod yaml;

use crate::diagnostics::{Diagnostic, Severity};
use crate::names;
use crate::parse::{
    Components, Document, Entries, Info, Operation, PaginationFields, PaginationSpec, PathItem,
};
use context::{ptr, Ctx};
use serde_json::{Map, Value as Json};
use serde_yaml::Value as Yaml;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub use crate::generated::{IMPORTED_HEADER, IMPORTED_MARKER};

/// The API styles that go through the common gateway with signature V3, which the importer
/// reads (any letter case). The styles of the products with gateways of their own that it
/// reads too are [`crate::model::Protocol::STYLES`] (`OSS`, `SLS`, `PDS`); any other
/// (`AliGenie`) is skipped.
pub const GATEWAY_STYLES: &[&str] = &["RPC", "ROA", "V3", "FC"];

/// Where an imported spec came from, as its `info` records it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    /// The document's file name (`info.x-acs-imported-from`).
    pub document: String,
    /// The product code as the metadata writes it (`info.x-acs-product`: `Ecs`).
    pub product: String,
    /// The API version (`info.version`).
    pub version: String,
}

/// The origin of a spec `import` wrote (it starts with [`IMPORTED_MARKER`] and records its
/// document, product and version in `info`); `None` for any other spec, hand-written ones
/// included.
pub fn origin(spec_text: &str) -> Option<Origin> {
    if !spec_text.starts_with(IMPORTED_MARKER) {
        return None;
    }
    /// The one object read of the spec.
    #[derive(serde::Deserialize)]
    struct Head {
        info: Option<Info>,
    }
    let info = serde_yaml::from_str::<Head>(spec_text).ok()?.info?;
    Some(Origin {
        document: info.imported_from?,
        product: info.product?,
        version: info.version?,
    })
}

/// The result of importing one metadata document.
#[derive(Debug)]
pub enum Imported {
    /// A spec: its file name (`sts-2015-04-01.yaml`) and text.
    Spec { file_name: String, text: String },
    /// A document of a style the importer does not support yet, with why.
    Skipped { note: String },
}

/// One document's import: the spec (or skip note) and the warnings.
#[derive(Debug)]
pub struct Import {
    pub result: Imported,
    pub warnings: Vec<Diagnostic>,
}

/// Imports one metadata document. `file` names it in diagnostics and in the spec's
/// `info.x-acs-imported-from` (its file name only, so output is machine-independent).
pub fn import_document(file: &Path, text: &str) -> Result<Import, Vec<Diagnostic>> {
    let doc = parse_json(file, text)?;
    let empty = Map::new();
    let components = doc
        .get("components")
        .and_then(|c| c.get("schemas"))
        .and_then(Json::as_object)
        .unwrap_or(&empty);
    let mut cx = Ctx {
        file,
        warnings: Vec::new(),
        components,
        cyclic: schema::cyclic_components(components),
        own_gateway: false,
        rpc: false,
    };
    let Some(root) = doc.as_object() else {
        return Err(cx.error("", "the document is not a JSON object"));
    };
    let (product, version, protocol) = match identity(&mut cx, root)? {
        Ok(identity) => identity,
        Err(note) => {
            return Ok(Import {
                result: Imported::Skipped { note },
                warnings: cx.warnings,
            })
        }
    };
    let Some(apis) = root.get("apis").and_then(Json::as_object) else {
        return Err(cx.error("/apis", "missing `apis` (an object of operations)"));
    };
    let file_name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    cx.own_gateway = protocol.is_some();
    let info = Info {
        title: Some(product.clone()),
        version: Some(version.clone()),
        product: Some(product.clone()),
        imported_from: Some(file_name),
        style: protocol.map(str::to_string),
        ..Info::default()
    };
    let (servers, endpoints) = endpoints::endpoints(&mut cx, root.get("endpoints"), &product);
    let paths = operations(&mut cx, apis);
    if paths.is_empty() {
        // A spec without operations is one `generate` refuses: nothing to write.
        return Ok(Import {
            result: Imported::Skipped {
                note: format!("{product} {version} has no operations to import"),
            },
            warnings: cx.warnings,
        });
    }
    let mut spec = Document {
        openapi: Some("3.0.3".into()),
        info: Some(info),
        servers,
        endpoints,
        paths,
        components: component_schemas(&mut cx, root),
        ..Document::default()
    };
    write_pagination(&cx, &mut spec)?;
    let text = spec_text(&cx, &spec)?;
    Ok(Import {
        result: Imported::Spec {
            file_name: format!("{}-{version}.yaml", product.to_ascii_lowercase()),
            text,
        },
        warnings: cx.warnings,
    })
}

/// The document's JSON, or where it stops being JSON.
fn parse_json(file: &Path, text: &str) -> Result<Json, Vec<Diagnostic>> {
    serde_json::from_str(text).map_err(|e| {
        vec![Diagnostic {
            file: file.to_path_buf(),
            line: e.line(),
            column: e.column(),
            path: String::new(),
            message: format!("not a JSON metadata document: {e}"),
            severity: Severity::Error,
            lint: None,
        }]
    })
}

/// The product code, API version and own gateway's style (`OSS`, `SLS`, `PDS`; none for the
/// common gateway) of `info`; `Ok(Err(note))` for a document of a style the importer does not
/// read, which is skipped.
#[allow(clippy::type_complexity)]
fn identity(
    cx: &mut Ctx,
    root: &Map<String, Json>,
) -> Result<Result<(String, String, Option<&'static str>), String>, Vec<Diagnostic>> {
    let Some(info) = root.get("info").and_then(Json::as_object) else {
        return Err(cx.error("/info", "missing `info` (style, product, version)"));
    };
    let style = info.get("style").and_then(Json::as_str).unwrap_or("RPC");
    // A product with a gateway of its own keeps it whatever style its document names.
    let own = crate::model::Protocol::from_style(style)
        .or_else(|| {
            let product = info.get("product").and_then(Json::as_str)?;
            crate::model::Protocol::of_product(product)
        })
        .map(crate::model::Protocol::name);
    if own.is_none() && !GATEWAY_STYLES.iter().any(|s| s.eq_ignore_ascii_case(style)) {
        let read: Vec<&str> = GATEWAY_STYLES
            .iter()
            .copied()
            .chain(crate::model::Protocol::STYLES.iter().map(|(n, _)| *n))
            .collect();
        return Ok(Err(format!(
            "style `{style}` has a gateway and signature of its own that is not supported; {} documents are imported",
            read.join(", ")
        )));
    }
    cx.rpc = own.is_none() && style.eq_ignore_ascii_case("RPC");
    let Some(product) = text_at(info, "product").filter(|p| valid_product(p)) else {
        return Err(cx.error(
            "/info/product",
            "missing or invalid product code (ASCII letters, digits, `-`, `_`)",
        ));
    };
    let Some(version) = text_at(info, "version").filter(|v| !v.trim().is_empty()) else {
        return Err(cx.error("/info/version", "missing API version"));
    };
    Ok(Ok((product, version, own)))
}

/// The spec's `paths`: each operation of `apis` that imports, under its path and method.
fn operations(cx: &mut Ctx, apis: &Map<String, Json>) -> Entries<PathItem> {
    let mut paths = Entries::new();
    let mut methods_seen = BTreeMap::new();
    for (action, api) in apis {
        let at = ptr("/apis", action);
        if action.is_empty()
            || !action
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_')
        {
            cx.warn(
                &at,
                format!("operation `{action}` skipped: not an RPC action name"),
            );
            continue;
        }
        let method = names::field_name(action);
        if let Some(other) = methods_seen.insert(method.clone(), action.clone()) {
            cx.warn(
                &at,
                format!("operation `{action}` skipped: it and `{other}` both become the method `{method}`"),
            );
            continue;
        }
        let Some(api) = api.as_object() else {
            cx.warn(&at, format!("operation `{action}` skipped: not an object"));
            continue;
        };
        let Some((verb, mut op)) = operation::operation(cx, &at, action, api) else {
            continue;
        };
        let Some(key) = path_key(cx, &at, action, api, &mut op) else {
            continue;
        };
        let slot = paths
            .entry(key.clone())
            .or_insert_with(PathItem::default)
            .slot_mut(verb);
        if slot.is_some() {
            cx.warn(
                &ptr(&at, "path"),
                format!("operation `{action}` skipped: another operation has the same path and method ({} {key})", verb.as_str()),
            );
            continue;
        }
        *slot = Some(op);
    }
    paths
}

/// The key of an operation in `paths` (its REST path, or `/#Action=<action>`), with its
/// path parameters added to `op`; `None` (and a warning) for a path that cannot be one.
fn path_key(
    cx: &mut Ctx,
    at: &str,
    action: &str,
    api: &Map<String, Json>,
    op: &mut Operation,
) -> Option<String> {
    match api.get("path").and_then(Json::as_str).map(str::trim) {
        // An RPC document's `/` is its actions' own endpoint, not a REST path they share.
        Some(path) if !(path.is_empty() || cx.rpc && path == "/") => {
            let path = if path.starts_with('/') {
                path.to_string()
            } else {
                format!("/{path}")
            };
            if let Some(problem) = crate::parse::template_problem(&path) {
                cx.warn(
                    &ptr(at, "path"),
                    format!("operation `{action}` skipped: its path `{path}` {problem}"),
                );
                return None;
            }
            operation::path_parameters(cx, at, &path, op);
            if cx.own_gateway {
                // Operations of these gateways may share a path and method (`PUT /{key}`).
                return Some(format!("{path}#{action}"));
            }
            Some(path)
        }
        _ => {
            // An action without a path (or, in an RPC document, with the root one) is sent to
            // `/`: it has no path parameters.
            operation::path_parameters(cx, at, "/", op);
            Some(format!("{}{action}", crate::parse::ACTION_PREFIX))
        }
    }
}

/// The spec's `components` (the document's schemas, converted), if it has any.
fn component_schemas(cx: &mut Ctx, root: &Map<String, Json>) -> Option<Components> {
    let schemas = root
        .get("components")
        .and_then(|c| c.get("schemas"))
        .and_then(Json::as_object)
        .filter(|s| !s.is_empty())?;
    let mut out = Entries::new();
    for (name, schema) in schemas {
        let at = ptr("/components/schemas", name);
        out.insert(name.clone(), schema::convert_schema(cx, &at, schema, 0).0);
    }
    Some(Components {
        schemas: out,
        ..Components::default()
    })
}

/// The spec's text: the imported header, then the YAML (quoted for YAML 1.1 readers, unless
/// that would change the document, which it never should).
fn spec_text(cx: &Ctx, spec: &Document) -> Result<String, Vec<Diagnostic>> {
    let cannot = |e: serde_yaml::Error| cx.error("", format!("cannot write the spec: {e}"));
    let value = serde_yaml::to_value(spec).map_err(cannot)?;
    let body = serde_yaml::to_string(&value).map_err(cannot)?;
    let quoted = yaml::quote_for_yaml11(&body);
    let body = match serde_yaml::from_str::<Yaml>(&quoted) {
        Ok(v) if v == value => quoted,
        _ => body,
    };
    Ok(format!("{IMPORTED_HEADER}\n{body}"))
}

/// Writes each operation's pagination, as `generate` infers it from the conventions, as its
/// `x-acs-pagination`: the imported spec says how it pages, so a review sees a paginator
/// appear, change or go, and a hand edit can correct it. Inferred from the spec as `generate`
/// reads it (written and read back: its keyed objects in key order).
fn write_pagination(cx: &Ctx, spec: &mut Document) -> Result<(), Vec<Diagnostic>> {
    let cannot = |e: serde_yaml::Error| cx.error("", format!("cannot read the spec back: {e}"));
    let value = serde_yaml::to_value(&*spec).map_err(cannot)?;
    let read: Document = serde_yaml::from_value(value).map_err(cannot)?;
    let empty = Entries::new();
    let components = read.components.as_ref().map_or(&empty, |c| &c.schemas);
    for (key, item) in &read.paths {
        for (method, op) in item.operations() {
            let Ok(Some(p)) = crate::pagination::resolve_pagination(op, components) else {
                continue;
            };
            let written = spec
                .paths
                .get_mut(key)
                .and_then(|item| item.slot_mut(method).as_mut());
            let Some(written) = written else { continue };
            written.pagination = Some(PaginationSpec::Fields(PaginationFields {
                input_token: p.input_token,
                output_token: p.output_token.map(|t| t.join(".")),
                page_number: p.page_number,
                page_size: p.page_size,
                items: Some(p.items.join(".")),
                total: p.total.map(|t| t.join(".")),
            }));
        }
    }
    Ok(())
}

fn valid_product(p: &str) -> bool {
    !p.is_empty()
        && p.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

fn text_at(map: &Map<String, Json>, key: &str) -> Option<String> {
    match map.get(key)? {
        Json::String(s) => Some(s.clone()),
        Json::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// What `import` did with its inputs.
#[derive(Debug, Default)]
pub struct ImportReport {
    /// Spec files produced (relative name → text), sorted.
    pub specs: BTreeMap<String, String>,
    /// The document each spec file was imported from.
    pub documents: BTreeMap<String, PathBuf>,
    /// Documents skipped, with why.
    pub skipped: Vec<(PathBuf, String)>,
    /// Warnings of every document, sorted.
    pub warnings: Vec<Diagnostic>,
}

/// Never overwrite a hand-written spec: each of `names` in `out` must be absent or a spec
/// `import` wrote (it starts with [`IMPORTED_MARKER`]).
pub fn ensure_not_hand_written<'a>(
    out: &std::path::Path,
    names: impl IntoIterator<Item = &'a String>,
) -> Result<(), crate::diagnostics::Error> {
    for name in names {
        let existing = out.join(name);
        if let Ok(text) = std::fs::read_to_string(&existing) {
            if !text.starts_with(IMPORTED_MARKER) {
                return Err(crate::diagnostics::Error::Other(format!(
                    "{} exists and was not written by `import`; import into a directory of its own (hand-written specs take precedence when both are generated)",
                    existing.display()
                )));
            }
        }
    }
    Ok(())
}

/// Imports every `*.json` document of the given files and directories. Any document that
/// cannot be read fails the whole import with every error found; nothing is returned for
/// writing then.
pub fn import_paths(inputs: &[PathBuf]) -> Result<ImportReport, crate::diagnostics::Error> {
    let mut report = ImportReport::default();
    let mut errors = Vec::new();
    for file in document_paths(inputs)? {
        let text =
            std::fs::read_to_string(&file).map_err(|e| crate::diagnostics::Error::io(&file, e))?;
        match import_document(&file, &text) {
            Ok(Import { result, warnings }) => {
                report.warnings.extend(warnings);
                match result {
                    Imported::Spec { file_name, text } => {
                        if let Some(other) =
                            report.documents.insert(file_name.clone(), file.clone())
                        {
                            errors.push(Diagnostic {
                                file: file.clone(),
                                line: 0,
                                column: 0,
                                path: "/info".into(),
                                message: format!(
                                    "`{file_name}` is also produced by {}",
                                    other.display()
                                ),
                                severity: Severity::Error,
                                lint: None,
                            });
                        }
                        report.specs.insert(file_name, text);
                    }
                    Imported::Skipped { note } => report.skipped.push((file, note)),
                }
            }
            Err(e) => errors.extend(e),
        }
    }
    if !errors.is_empty() {
        errors.sort();
        return Err(crate::diagnostics::Error::Spec(errors));
    }
    report.warnings.sort();
    Ok(report)
}

/// The metadata documents among `inputs`: each file as given, each directory's `*.json`
/// files in name order.
pub fn document_paths(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, crate::diagnostics::Error> {
    let mut files = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let entries =
                std::fs::read_dir(input).map_err(|e| crate::diagnostics::Error::io(input, e))?;
            let mut found: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "json"))
                .collect();
            found.sort();
            files.extend(found);
        } else {
            files.push(input.clone());
        }
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_documents_are_located_errors() {
        let f = Path::new("x.json");
        let e = import_document(f, "{").unwrap_err();
        assert!(
            e[0].line == 1 && e[0].message.contains("not a JSON"),
            "{e:?}"
        );
        let e = import_document(
            f,
            r#"{"info": {"style": "RPC", "version": "1"}, "apis": {}}"#,
        )
        .unwrap_err();
        assert_eq!(e[0].path, "/info/product");
        let e = import_document(f, r#"{"info": {"product": "P", "version": "1"}}"#).unwrap_err();
        assert_eq!(e[0].path, "/apis");
        let empty = import_document(
            f,
            r#"{"info": {"style": "ROA", "product": "P", "version": "1"}, "apis": {}}"#,
        )
        .unwrap();
        assert!(
            matches!(empty.result, Imported::Skipped { note } if note == "P 1 has no operations to import")
        );
        let other =
            import_document(f, r#"{"info": {"style": "AliGenie", "product": "P"}}"#).unwrap();
        assert!(
            matches!(other.result, Imported::Skipped { note } if note.contains("style `AliGenie` has a gateway and signature of its own"))
        );
    }

    #[test]
    fn path_parameters_are_repaired_to_fit_the_path() {
        let doc = r#"{"info": {"style": "ROA", "product": "P", "version": "1"}, "apis": {
            "A": {"path": "/a/{X}", "methods": ["get"], "parameters": [
                {"name": "Y", "in": "path", "schema": {"type": "string"}}]},
            "B": {"methods": ["post"], "parameters": [
                {"name": "Z", "in": "path", "schema": {"type": "string"}}]},
            "C": {"path": "/c/{", "methods": ["get"]},
            "D": {"path": "/d/*", "methods": ["delete"]}}}"#;
        let out = import_document(Path::new("p.json"), doc).unwrap();
        let Imported::Spec { text, .. } = out.result else {
            panic!("skipped")
        };
        assert!(
            text.contains("- name: X\n        in: path\n        required: true"),
            "{text}"
        );
        assert!(
            text.contains("- name: requestPath\n        in: path"),
            "{text}"
        );
        assert!(
            !text.contains("name: Y") && !text.contains("name: Z"),
            "{text}"
        );
        assert!(!text.contains("operationId: C"), "{text}");
        let warnings: Vec<String> = out.warnings.iter().map(|w| w.message.clone()).collect();
        for expected in [
            "path parameter `Y` dropped: the path `/a/{X}` has no `{Y}`",
            "path `/a/{X}` has no parameter for `X`; a required string one is added",
            "path parameter `Z` dropped: the path `/` has no `{Z}`",
            "operation `C` skipped: its path `/c/{` has an unclosed or empty `{}`",
            "path `/d/*` has no parameter for `requestPath`; a required string one is added",
        ] {
            assert!(
                warnings.iter().any(|w| w == expected),
                "{expected}: {warnings:?}"
            );
        }
        let source = crate::source::SpecSource::from_text(Path::new("p-1.yaml"), text);
        crate::compile::compile(std::slice::from_ref(&source), None)
            .expect("the repaired spec generates");
    }

    #[test]
    fn enum_values_are_trimmed_with_a_warning() {
        let doc = r#"{"info": {"style": "RPC", "product": "Kms", "version": "1"}, "apis": {
            "Create": {"methods": ["post"], "parameters": [{"name": "KeySpec", "in": "query",
                "schema": {"type": "string", "enum": [" AES_128", "AES_256"],
                           "enumValueTitles": {" AES_128": "128 bits"}}}]}}}"#;
        let out = import_document(Path::new("kms.json"), doc).unwrap();
        let Imported::Spec { text, .. } = out.result else {
            panic!("skipped")
        };
        assert!(
            text.contains("- AES_128\n") && !text.contains(" AES_128'"),
            "{text}"
        );
        assert!(text.contains("- 128 bits"), "{text}");
        assert!(out.warnings.iter().any(|w| w.message
            == r#"enum value " AES_128" has white space around it; taken as "AES_128""#));
    }
}
