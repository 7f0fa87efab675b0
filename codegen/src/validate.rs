//! Step 2 of 4: validate. Checks a parsed spec against everything the lowering step relies
//! on and collects *all* problems, each located at its spec path. Lowering only ever sees
//! documents that passed.

use crate::diagnostics::{Diagnostic, Lint, Severity};
use crate::locate::Locator;
use crate::model::Style;
use crate::names;
use crate::parse::{self, ref_name, resolve, resolved_type, Document, ErrorCode, Extra, Schema};
use serde_yaml::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

/// Collects located problems for one file. The position index is built only when the
/// first problem needs it, so a valid spec is parsed once.
pub struct Reporter<'a> {
    file: &'a Path,
    source: &'a str,
    locator: std::cell::OnceCell<Locator>,
    pub diagnostics: Vec<Diagnostic>,
}

impl<'a> Reporter<'a> {
    pub fn new(file: &'a Path, source: &'a str) -> Self {
        Reporter {
            file,
            source,
            locator: std::cell::OnceCell::new(),
            diagnostics: Vec::new(),
        }
    }

    /// Line and column of a spec path.
    pub fn position(&self, path: &str) -> (usize, usize) {
        self.locator
            .get_or_init(|| Locator::new(self.source))
            .position(path)
    }

    /// Reports an error: the spec cannot be generated as it is.
    pub fn error(&mut self, path: &str, message: impl Into<String>) {
        self.push(path, message.into(), Severity::Error, None);
    }

    /// Reports a warning under `lint`.
    pub fn warn(&mut self, lint: Lint, path: &str, message: impl Into<String>) {
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
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}

use parse::ACTION_PREFIX;

/// Name of the variant that keeps codes an operation does not document.
pub const UNHANDLED: &str = "Unhandled";

const DOCUMENT_KEYS: &[&str] = &["security", "tags", "externalDocs"];
const INFO_KEYS: &[&str] = &["contact", "license", "termsOfService"];
const OPERATION_KEYS: &[&str] = &["tags", "externalDocs", "servers"];
const PATH_ITEM_KEYS: &[&str] = &["summary", "description"];
const SCHEMA_KEYS: &[&str] = &[
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "minLength",
    "maxLength",
    "pattern",
    "minItems",
    "maxItems",
    "uniqueItems",
    "nullable",
    "readOnly",
    "writeOnly",
    "externalDocs",
    "xml",
    "multipleOf",
];
const COMPONENT_KEYS: &[&str] = &["securitySchemes"];
const ENCODING_KEYS: &[&str] = &[
    "contentType",
    "headers",
    "style",
    "explode",
    "allowReserved",
];

/// Every key some spec object models, for "did you mean" hints.
const KNOWN_KEYS: &[&str] = &[
    "openapi",
    "info",
    "servers",
    "paths",
    "components",
    "title",
    "version",
    "description",
    "url",
    "variables",
    "default",
    "enum",
    "get",
    "post",
    "operationId",
    "summary",
    "deprecated",
    "parameters",
    "requestBody",
    "responses",
    "name",
    "in",
    "required",
    "example",
    "schema",
    "content",
    "encoding",
    "type",
    "format",
    "items",
    "properties",
    "additionalProperties",
    "schemas",
    "status",
    "code",
    "message",
    "retryable",
    "actions",
    "note",
    "action",
    "accessLevel",
    "resourceTypes",
    "conditionKeys",
    "associatedOperations",
    "x-acs-product",
    "x-acs-endpoints",
    "x-acs-error-codes",
    "x-acs-ram",
    "x-acs-success-field",
    "x-acs-idempotent",
    "x-acs-style",
    "x-acs-idempotency-token",
    "x-acs-bool-values",
    "x-enum-varnames",
    "x-enum-descriptions",
    "x-acs-common-error-codes",
    "$ref",
];

/// Keys of other formats (Alibaba's metadata, Swagger 2) and what this format calls them.
const SYNONYMS: &[(&str, &str)] = &[
    ("errorCode", "code"),
    ("errorMessage", "message"),
    ("errorCodes", "x-acs-error-codes"),
    ("httpCode", "status"),
    ("style", "x-acs-style"),
    ("enumValueTitles", "x-enum-descriptions"),
    ("methods", "get` or `post"),
    ("docRequired", "required"),
];

/// A suggestion for an unknown key: its name in this format, or a known key a typo away.
fn did_you_mean(key: &str) -> Option<&'static str> {
    if let Some((_, to)) = SYNONYMS.iter().find(|(from, _)| *from == key) {
        return Some(to);
    }
    KNOWN_KEYS
        .iter()
        .map(|k| {
            (
                edit_distance(&key.to_ascii_lowercase(), &k.to_ascii_lowercase()),
                *k,
            )
        })
        .filter(|(d, _)| *d <= 2 && *d < key.len() / 2 + 1)
        .min()
        .map(|(_, k)| k)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// Warns about unknown keys: any `x-acs-*` key the object does not model, and any
/// non-extension key that is neither modelled nor a known OpenAPI key the generator ignores.
/// Either is dropped, so a misspelt fact (`requried`) does not pass silently.
fn check_extra(r: &mut Reporter, path: &str, extra: &Extra, ignored: &[&str]) {
    for key in extra.keys() {
        let at = join(path, key);
        let hint = match did_you_mean(key) {
            Some(k) if k == key => "; it is not valid here (see specs/README.md)".to_string(),
            Some(k) => format!("; did you mean `{k}`?"),
            None => String::new(),
        };
        if key.starts_with("x-acs-") {
            r.warn(
                Lint::UnknownKey,
                &at,
                format!("unknown or misplaced extension `{key}` is ignored{hint}"),
            );
        } else if !key.starts_with("x-") && !ignored.contains(&key.as_str()) {
            r.warn(
                Lint::UnknownKey,
                &at,
                format!("unknown key `{key}` is ignored{hint}"),
            );
        }
    }
}

fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

fn non_empty(s: &Option<String>) -> bool {
    s.as_deref().is_some_and(|s| !s.trim().is_empty())
}

/// Validates a product spec.
pub fn document(r: &mut Reporter, doc: &Document) {
    match doc.openapi.as_deref() {
        Some(v) if v.starts_with("3.0") => {}
        Some(v) => r.error(
            "openapi",
            format!("unsupported OpenAPI version `{v}`, expected 3.0.x"),
        ),
        None => r.error("", "missing `openapi: 3.0.3`"),
    }
    check_extra(r, "", &doc.extra, DOCUMENT_KEYS);
    match &doc.info {
        None => r.error("", "missing `info`"),
        Some(info) => {
            if !non_empty(&info.version) {
                r.error(
                    "info",
                    "missing `info.version` (the API version, e.g. `2024-09-10`)",
                );
            }
            match info.product.as_deref() {
                Some(p) if !p.trim().is_empty() => {
                    if !p
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
                    {
                        r.error(
                            "info.x-acs-product",
                            format!("product code `{p}` must be ASCII letters, digits, `-` or `_`"),
                        );
                    }
                }
                _ => r.error(
                    "info",
                    "missing `info.x-acs-product` (the product code, e.g. `Ecs`)",
                ),
            }
            check_extra(r, "info", &info.extra, INFO_KEYS);
        }
    }
    servers(r, doc);
    let components = doc.components.as_ref().map(|c| &c.schemas);
    let empty = BTreeMap::new();
    let components = components.unwrap_or(&empty);
    if let Some(c) = &doc.components {
        check_extra(r, "components", &c.extra, COMPONENT_KEYS);
        for (name, schema) in &c.schemas {
            let path = format!("components.schemas.{name}");
            let mut ctx = SchemaCtx {
                components,
                stack: vec![name.clone()],
            };
            schema_shape(r, &path, schema, &mut ctx);
        }
    }
    if doc.paths.is_empty() {
        r.error("paths", "the spec has no operations");
    }
    let mut method_names: HashMap<String, String> = HashMap::new();
    let mut type_names: HashMap<String, String> = HashMap::new();
    for (key, item) in &doc.paths {
        let path = format!("paths.{key}");
        check_extra(r, &path, &item.extra, PATH_ITEM_KEYS);
        let action = match key.strip_prefix(ACTION_PREFIX) {
            Some(a)
                if !a.is_empty() && a.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') =>
            {
                a
            }
            _ => {
                r.error(
                    &path,
                    format!("operation key `{key}` must be `/#Action=<ActionName>`"),
                );
                continue;
            }
        };
        let (method, op) = match (&item.get, &item.post) {
            (Some(op), None) => ("get", op),
            (None, Some(op)) => ("post", op),
            (Some(_), Some(_)) => {
                r.error(
                    &path,
                    "an action has exactly one HTTP method; found both `get` and `post`",
                );
                continue;
            }
            (None, None) => {
                r.error(&path, "missing the operation (`post:` or `get:`)");
                continue;
            }
        };
        let op_path = format!("{path}.{method}");
        match op.operation_id.as_deref() {
            Some(id) if id == action => {}
            Some(id) => r.error(
                &format!("{op_path}.operationId"),
                format!("operationId `{id}` differs from the action `{action}` in the path key"),
            ),
            None => r.error(&op_path, format!("missing `operationId: {action}`")),
        }
        let method_name = names::field_name(action);
        if let Some(other) = method_names.insert(method_name.clone(), key.clone()) {
            r.error(&op_path, format!("duplicate operation: `{action}` and `{other}` both become the method `{method_name}`"));
        }
        // Component names never collide with these: lowering renames a component instead.
        for suffix in ["Request", "Error"] {
            let ty = format!("{}{suffix}", names::type_name(action));
            if let Some(other) = type_names.insert(ty.clone(), op_path.clone()) {
                r.error(
                    &op_path,
                    format!("generated type `{ty}` collides with {other}"),
                );
            }
        }
        operation(r, &op_path, op, components);
    }
}

fn servers(r: &mut Reporter, doc: &Document) {
    let Some(server) = doc.servers.first() else {
        r.error(
            "",
            "missing `servers` (e.g. `- url: https://ecs.{regionId}.aliyuncs.com`)",
        );
        return;
    };
    if doc.servers.len() > 1 {
        r.error(
            "servers[1]",
            "only one server template is supported; put per-region hosts in `x-acs-endpoints`",
        );
    }
    check_extra(r, "servers[0]", &server.extra, &[]);
    match server.url.as_deref() {
        Some(url) if url.starts_with("https://") || url.starts_with("http://") => {
            let mut rest = url;
            while let Some(open) = rest.find('{') {
                let Some(close) = rest[open..].find('}') else {
                    r.error("servers[0].url", "unbalanced `{` in the server URL");
                    break;
                };
                let var = &rest[open + 1..open + close];
                if var != "regionId" {
                    r.error(
                        "servers[0].url",
                        format!("unsupported server variable `{{{var}}}`; only `{{regionId}}` is"),
                    );
                } else if !server.variables.contains_key(var) {
                    r.error(
                        "servers[0].variables",
                        "`{regionId}` is used in the URL but not declared under `variables`",
                    );
                }
                rest = &rest[open + close..];
            }
        }
        Some(url) => r.error(
            "servers[0].url",
            format!("server URL `{url}` must start with https:// or http://"),
        ),
        None => r.error("servers[0]", "missing `url`"),
    }
    for (name, var) in &server.variables {
        let path = format!("servers[0].variables.{name}");
        check_extra(r, &path, &var.extra, &[]);
        if var.default.is_none() {
            r.error(&path, "a server variable needs a `default`");
        }
    }
    for (region, host) in &doc.endpoints {
        if host.trim().is_empty() || host.contains(char::is_whitespace) {
            r.error(
                &format!("x-acs-endpoints.{region}"),
                format!("invalid endpoint host `{host}`"),
            );
        }
    }
}

fn operation(
    r: &mut Reporter,
    path: &str,
    op: &parse::Operation,
    components: &BTreeMap<String, Schema>,
) {
    check_extra(r, path, &op.extra, OPERATION_KEYS);
    if !non_empty(&op.summary) {
        r.warn(
            Lint::MissingSummary,
            path,
            "missing `summary` (the one-line description of the operation)",
        );
    }
    let mut wire: HashMap<String, String> = HashMap::new();
    let mut rust: HashMap<String, String> = HashMap::new();
    let mut tokens = 0;
    let mut seen = |r: &mut Reporter, at: &str, name: &str| {
        if let Some(other) = wire.insert(name.to_string(), at.to_string()) {
            r.error(
                at,
                format!("duplicate parameter `{name}` (also at {other})"),
            );
        }
        let rn = names::field_name(name);
        if let Some(other) = rust.insert(rn.clone(), name.to_string()) {
            if other != name {
                r.error(
                    at,
                    format!("parameters `{name}` and `{other}` both become the Rust name `{rn}`"),
                );
            }
        }
    };
    for (i, p) in op.parameters.iter().enumerate() {
        let at = format!("{path}.parameters[{i}]");
        check_extra(r, &at, &p.extra, &[]);
        let Some(name) = p.name.as_deref().filter(|n| !n.is_empty()) else {
            r.error(&at, "missing parameter `name`");
            continue;
        };
        seen(r, &at, name);
        match p.location.as_deref() {
            Some("query") => {}
            Some("header") => {
                r.warn(Lint::Dropped, &format!("{at}.in"), format!("header parameter `{name}` is not supported yet and is dropped"));
                continue;
            }
            Some("formData") => r.error(&format!("{at}.in"), "`in: formData` is Swagger 2; put form fields in the `application/x-www-form-urlencoded` `requestBody` schema"),
            Some(other) => r.error(&format!("{at}.in"), format!("unsupported parameter location `{other}`: RPC parameters are `in: query`, or form fields of a `requestBody`")),
            None => r.error(&at, "missing `in: query`"),
        }
        if !non_empty(&p.description) {
            r.warn(
                Lint::MissingDescription,
                &at,
                format!("parameter `{name}` has no `description`"),
            );
        }
        let Some(schema) = &p.schema else {
            r.error(&at, format!("parameter `{name}` has no `schema`"));
            continue;
        };
        let spath = format!("{at}.schema");
        let mut ctx = SchemaCtx {
            components,
            stack: Vec::new(),
        };
        schema_shape(r, &spath, schema, &mut ctx);
        if let Some(example) = &p.example {
            check_example(r, &format!("{at}.example"), schema, example, components);
        }
        let kind = resolved_type(schema, components);
        if p.idempotency_token {
            tokens += 1;
            if kind != Some("string") || schema.values.is_some() {
                r.error(
                    &format!("{at}.x-acs-idempotency-token"),
                    "the idempotency token must be a plain string parameter",
                );
            }
            if p.required {
                r.error(&format!("{at}.x-acs-idempotency-token"), "the idempotency token must be optional: the client fills it when the caller leaves it empty");
            }
        }
        style(r, &format!("{at}.x-acs-style"), p.style.as_deref(), kind);
        if name == "RegionId" && kind != Some("string") {
            r.error(
                &spath,
                "`RegionId` picks the endpoint and must be a string (or string enum)",
            );
        }
    }
    if tokens > 1 {
        r.error(
            path,
            "more than one parameter is marked `x-acs-idempotency-token`",
        );
    }
    if let Some(body) = &op.request_body {
        let at = format!("{path}.requestBody");
        check_extra(r, &at, &body.extra, &[]);
        for (media, m) in &body.content {
            let mp = format!("{at}.content.{media}");
            check_extra(r, &mp, &m.extra, &[]);
            if media != "application/x-www-form-urlencoded" {
                r.error(&mp, format!("unsupported request body media type `{media}`; RPC bodies are `application/x-www-form-urlencoded`"));
                continue;
            }
            let Some(schema) = &m.schema else {
                r.error(&mp, "missing `schema`");
                continue;
            };
            let props = match (schema.ty.as_deref(), &schema.properties) {
                (Some("object"), Some(props)) => props,
                _ => {
                    r.error(
                        &format!("{mp}.schema"),
                        "a form body schema must be `type: object` with `properties`",
                    );
                    continue;
                }
            };
            for (name, prop) in props {
                let pp = format!("{mp}.schema.properties.{name}");
                seen(r, &pp, name);
                if !non_empty(&prop.description) && prop.reference.is_none() {
                    r.warn(
                        Lint::MissingDescription,
                        &pp,
                        format!("form field `{name}` has no `description`"),
                    );
                }
                let mut ctx = SchemaCtx {
                    components,
                    stack: Vec::new(),
                };
                schema_shape(r, &pp, prop, &mut ctx);
                if let Some(example) = &prop.example {
                    check_example(r, &format!("{pp}.example"), prop, example, components);
                }
            }
            for (name, e) in &m.encoding {
                let ep = format!("{mp}.encoding.{name}");
                check_extra(r, &ep, &e.extra, ENCODING_KEYS);
                match props.get(name) {
                    Some(prop) => style(
                        r,
                        &format!("{ep}.x-acs-style"),
                        e.style.as_deref(),
                        resolved_type(prop, components),
                    ),
                    None => r.error(
                        &ep,
                        format!("`encoding` names `{name}`, which is not a form field"),
                    ),
                }
            }
            for req in &schema.required {
                if !props.contains_key(req) {
                    r.error(
                        &format!("{mp}.schema.required"),
                        format!("required field `{req}` is not among the properties"),
                    );
                }
            }
        }
    }
    responses(r, path, op, components);
    if let Some(codes) = &op.error_codes {
        error_codes(r, &format!("{path}.x-acs-error-codes"), codes);
    } else {
        r.warn(
            Lint::MissingErrorCodes,
            path,
            "missing `x-acs-error-codes` (use `[]` when the page documents none)",
        );
    }
    if let Some(ram) = &op.ram {
        let at = format!("{path}.x-acs-ram");
        check_extra(r, &at, &ram.extra, &[]);
        for (i, a) in ram.actions.iter().enumerate() {
            let ap = format!("{at}.actions[{i}]");
            check_extra(r, &ap, &a.extra, &[]);
            if !non_empty(&a.action) {
                r.error(&ap, "missing `action` (e.g. `ecs:RunInstances`)");
            }
        }
    }
}

fn responses(
    r: &mut Reporter,
    path: &str,
    op: &parse::Operation,
    components: &BTreeMap<String, Schema>,
) {
    let at = format!("{path}.responses");
    let Some(ok) = op.responses.get("200") else {
        r.error(&at, "missing the `\"200\"` response");
        return;
    };
    for (status, resp) in &op.responses {
        let rp = format!("{at}.{status}");
        if status != "200" {
            r.warn(Lint::Dropped, &rp, format!("the `{status}` response is dropped: only `\"200\"` is modelled, and error responses are described by `x-acs-error-codes`"));
            continue;
        }
        // Headers and links are reported as dropped just below.
        check_extra(r, &rp, &resp.extra, &["headers", "links"]);
        for key in ["headers", "links"] {
            if resp.extra.get(key).is_some_and(|v| !is_empty_value(v)) {
                r.warn(
                    Lint::Dropped,
                    &format!("{rp}.{key}"),
                    format!("response `{key}` are not modelled and are dropped"),
                );
            }
        }
        for (media, m) in &resp.content {
            check_extra(r, &format!("{rp}.content.{media}"), &m.extra, &[]);
        }
    }
    let rp = format!("{at}.200.content.application/json");
    let Some(json) = ok.content.get("application/json") else {
        r.error(
            &format!("{at}.200"),
            "missing `content: application/json` with the response schema",
        );
        return;
    };
    let Some(schema) = &json.schema else {
        r.error(&rp, "missing `schema`");
        return;
    };
    let mut ctx = SchemaCtx {
        components,
        stack: Vec::new(),
    };
    schema_shape(r, &format!("{rp}.schema"), schema, &mut ctx);
    let resolved = resolve(schema, components);
    if resolved_type(schema, components) != Some("object") || resolved.properties.is_none() {
        r.error(
            &format!("{rp}.schema"),
            "the response schema must be an object with `properties`",
        );
        return;
    }
    if let Some(field) = &op.success_field {
        let is_bool = resolved
            .properties
            .as_ref()
            .and_then(|p| p.get(field))
            .is_some_and(|s| resolved_type(s, components) == Some("boolean"));
        if !is_bool {
            r.error(
                &format!("{path}.x-acs-success-field"),
                format!("`{field}` is not a boolean property of the response"),
            );
        }
    }
    if let Some(example) = &json.example {
        if serde_json::to_value(example).is_err() {
            r.error(
                &format!("{rp}.example"),
                "the example cannot be represented as JSON",
            );
        } else {
            check_example(r, &format!("{rp}.example"), schema, example, components);
        }
    }
}

/// Validates an error code table.
pub fn error_codes(r: &mut Reporter, path: &str, codes: &[ErrorCode]) {
    let mut seen = BTreeSet::new();
    for (i, e) in codes.iter().enumerate() {
        let at = format!("{path}[{i}]");
        check_extra(r, &at, &e.extra, &[]);
        match e.status {
            Some(s) if (100..=599).contains(&s) => {}
            Some(s) => r.error(
                &format!("{at}.status"),
                format!("`{s}` is not an HTTP status"),
            ),
            None => r.error(&at, "missing `status` (the HTTP status code)"),
        }
        if !non_empty(&e.message) {
            r.warn(Lint::MissingDescription, &at, "missing `message`");
        }
        let Some(code) = e.code.as_deref().filter(|c| !c.trim().is_empty()) else {
            r.error(&at, "missing `code`");
            continue;
        };
        if !seen.insert(code.to_string()) {
            r.error(
                &format!("{at}.code"),
                format!("duplicate error code `{code}`"),
            );
        }
    }
}

/// Validates the common error codes file.
pub fn common_errors(r: &mut Reporter, common: &parse::CommonErrors) {
    check_extra(r, "", &common.extra, &[]);
    error_codes(r, "x-acs-common-error-codes", &common.codes);
}

struct SchemaCtx<'a> {
    components: &'a BTreeMap<String, Schema>,
    /// Component names being checked, to catch recursive `$ref`s.
    stack: Vec<String>,
}

fn is_empty_value(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::Mapping(m) => m.is_empty(),
        Value::Sequence(s) => s.is_empty(),
        _ => false,
    }
}

/// Checks an `x-acs-style` against the kind of value it encodes.
fn style(r: &mut Reporter, at: &str, style: Option<&str>, kind: Option<&str>) {
    let Some(name) = style else { return };
    match Style::from_name(name) {
        None => r.error(
            at,
            format!(
                "unknown style `{name}`; expected one of {}",
                Style::NAMES
                    .iter()
                    .map(|(n, _)| *n)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ),
        Some(_) if matches!(kind, Some("string" | "integer" | "number" | "boolean")) => r.warn(
            Lint::Dropped,
            at,
            format!("`x-acs-style: {name}` on a scalar has no effect; a scalar is sent as text"),
        ),
        Some(Style::Simple) if kind != Some("array") => {
            r.error(at, "`simple` style applies to lists of scalars only")
        }
        Some(_) => {}
    }
}

/// Warns where an example does not fit its schema: a value outside an enum, a field the
/// schema lacks, a value of another type. Free-form schemas accept anything.
fn check_example(
    r: &mut Reporter,
    path: &str,
    schema: &Schema,
    example: &Value,
    components: &BTreeMap<String, Schema>,
) {
    let mut problems = Vec::new();
    example_fits(schema, example, components, "", &mut problems, 0);
    for problem in problems.into_iter().take(8) {
        r.warn(Lint::ExampleMismatch, path, format!("example: {problem}"));
    }
}

fn example_fits(
    schema: &Schema,
    value: &Value,
    components: &BTreeMap<String, Schema>,
    at: &str,
    out: &mut Vec<String>,
    depth: usize,
) {
    if depth > 32 || matches!(value, Value::Null) {
        return;
    }
    let s = resolve(schema, components);
    // One line, at most 60 characters: the value as JSON (a string in its quotes).
    let text = |v: &Value| {
        let t = serde_json::to_string(v).unwrap_or_default();
        match t.char_indices().nth(60) {
            Some((i, _)) => format!("{}…", &t[..i]),
            None => t.to_string(),
        }
    };
    let subject = if at.is_empty() {
        String::new()
    } else {
        format!("`{at}` = ")
    };
    match (resolved_type(schema, components), value) {
        (None, _) => {}
        (Some("string"), Value::String(v)) => {
            let values = s.values.iter().flatten();
            if s.values.is_some() && !values.clone().any(|e| e.as_str() == Some(v)) {
                let listed: Vec<String> = values.map(text).collect();
                out.push(format!(
                    "{subject}`{v:?}` is not one of the enum values ({})",
                    listed.join(", ")
                ));
            }
        }
        (Some("string"), Value::Number(_) | Value::Bool(_)) => {}
        (Some("integer"), Value::Number(n)) if n.is_i64() || n.is_u64() => {}
        (Some("number"), Value::Number(_)) => {}
        (Some("boolean"), Value::Bool(_)) => {}
        (Some("array"), Value::Sequence(items)) => {
            if let Some(item) = &s.items {
                for (i, v) in items.iter().enumerate().take(16) {
                    example_fits(item, v, components, &format!("{at}[{i}]"), out, depth + 1);
                }
            }
        }
        (Some("object"), Value::Mapping(map)) => {
            for (k, v) in map {
                let key = k.as_str().map(str::to_string).unwrap_or_else(|| text(k));
                let child = if at.is_empty() {
                    key.clone()
                } else {
                    format!("{at}.{key}")
                };
                match (&s.properties, &s.additional_properties) {
                    (Some(props), _) => match props.get(&key) {
                        Some(p) => example_fits(p, v, components, &child, out, depth + 1),
                        None => out.push(format!("`{child}` is not a field of the schema")),
                    },
                    (None, Some(values)) => {
                        example_fits(values, v, components, &child, out, depth + 1)
                    }
                    (None, None) => {}
                }
            }
        }
        (Some(ty), v) => {
            let got = match v {
                Value::String(_) => "a string",
                Value::Number(_) => "a number",
                Value::Bool(_) => "a boolean",
                Value::Sequence(_) => "a list",
                Value::Mapping(_) => "an object",
                _ => "another value",
            };
            out.push(format!(
                "{subject}`{}` is {got}, but the schema says `{ty}`",
                text(v)
            ));
        }
    }
}

fn schema_shape(r: &mut Reporter, path: &str, s: &Schema, ctx: &mut SchemaCtx) {
    check_extra(r, path, &s.extra, SCHEMA_KEYS);
    if let Some(reference) = &s.reference {
        match ref_name(reference) {
            Some(name) if ctx.components.contains_key(name) => {
                if ctx.stack.iter().any(|n| n == name) {
                    r.error(
                        path,
                        format!("recursive `$ref` to `{name}` is not supported"),
                    );
                } else {
                    // The target is checked in this context too (cycles);
                    // repeats of its own problems are merged when diagnostics are sorted.
                    ctx.stack.push(name.to_string());
                    let target = &ctx.components[name];
                    schema_shape(r, &format!("components.schemas.{name}"), target, ctx);
                    ctx.stack.pop();
                }
            }
            Some(name) => r.error(path, format!("`$ref` to unknown schema `{name}`")),
            None => r.error(
                path,
                format!("unsupported `$ref` `{reference}`; only `#/components/schemas/<Name>` is"),
            ),
        }
        return;
    }
    let ty = s.ty.as_deref().or(s.properties.as_ref().map(|_| "object"));
    match ty {
        Some("string") => {
            if let Some(values) = &s.values {
                enum_values(r, path, s, values);
            } else if s.enum_varnames.is_some()
                || s.enum_descriptions.is_some()
                || s.bool_values.is_some()
            {
                r.error(path, "enum extensions without an `enum` list");
            }
        }
        Some("integer") => {
            if !matches!(s.format.as_deref(), None | Some("int32") | Some("int64")) {
                r.error(
                    &format!("{path}.format"),
                    format!(
                        "unsupported integer format `{}`",
                        s.format.as_deref().unwrap_or_default()
                    ),
                );
            }
            if s.values.is_some() {
                r.error(
                    &format!("{path}.enum"),
                    "integer enums are not supported; use `type: string` with the values quoted",
                );
            }
        }
        Some("number") if !matches!(s.format.as_deref(), None | Some("float" | "double")) => {
            r.error(
                &format!("{path}.format"),
                format!(
                    "unsupported number format `{}`",
                    s.format.as_deref().unwrap_or_default()
                ),
            );
        }
        Some("number" | "boolean") => {}
        Some("array") => match &s.items {
            Some(items) => schema_shape(r, &format!("{path}.items"), items, ctx),
            None => r.error(path, "an array schema needs `items`"),
        },
        Some("object") => {
            match (&s.properties, &s.additional_properties) {
                (Some(_), Some(_)) => r.error(
                    path,
                    "an object with both `properties` and `additionalProperties` is not supported",
                ),
                (Some(props), None) => {
                    let mut rust: HashMap<String, &str> = HashMap::new();
                    for (name, prop) in props {
                        let pp = format!("{path}.properties.{name}");
                        let rn = names::field_name(name);
                        if let Some(other) = rust.insert(rn.clone(), name) {
                            r.error(&pp, format!("properties `{other}` and `{name}` both become the field `{rn}`"));
                        }
                        schema_shape(r, &pp, prop, ctx);
                    }
                    for req in &s.required {
                        if !props.contains_key(req) {
                            r.error(
                                &format!("{path}.required"),
                                format!("required property `{req}` is not among the properties"),
                            );
                        }
                    }
                }
                (None, Some(values)) => {
                    schema_shape(r, &format!("{path}.additionalProperties"), values, ctx)
                }
                // A free-form object: any JSON object.
                (None, None) => {}
            }
        }
        Some(other) => r.error(
            &format!("{path}.type"),
            format!("unsupported schema type `{other}`"),
        ),
        // A free-form schema (`{}`) is any JSON value, sent per its style.
        None => {}
    }
}

fn enum_values(r: &mut Reporter, path: &str, s: &Schema, values: &[Value]) {
    if values.is_empty() {
        r.error(&format!("{path}.enum"), "an empty `enum`");
    }
    let mut wires = Vec::new();
    for (i, v) in values.iter().enumerate() {
        match v {
            Value::String(w) => wires.push(w.clone()),
            other => r.error(
                &format!("{path}.enum[{i}]"),
                format!(
                    "enum value `{}` of a string schema must be a string; quote it",
                    serde_yaml::to_string(other).unwrap_or_default().trim()
                ),
            ),
        }
    }
    if let Some(names_) = &s.enum_varnames {
        if names_.len() != values.len() {
            r.error(
                &format!("{path}.x-enum-varnames"),
                format!("{} names for {} enum values", names_.len(), values.len()),
            );
        }
    }
    if let Some(d) = &s.enum_descriptions {
        if d.len() != values.len() {
            r.error(
                &format!("{path}.x-enum-descriptions"),
                format!("{} descriptions for {} enum values", d.len(), values.len()),
            );
        }
    }
    let variants: Vec<String> = match &s.enum_varnames {
        Some(n) => n.iter().map(|n| names::type_name(n)).collect(),
        None => wires.iter().map(|w| names::type_name(w)).collect(),
    };
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, v) in variants.iter().enumerate() {
        if v == "Unknown" {
            r.error(
                &format!("{path}.enum[{i}]"),
                "enum value would take the reserved variant name `Unknown`",
            );
        }
        if let Some(j) = seen.insert(v, i) {
            r.error(
                &format!("{path}.enum[{i}]"),
                format!("enum values {j} and {i} both become the variant `{v}`"),
            );
        }
    }
    if let Some(b) = &s.bool_values {
        let at = format!("{path}.x-acs-bool-values");
        for key in b.keys() {
            if key != "true" && key != "false" {
                r.error(
                    &at,
                    format!("unexpected key `{key}`; expected `true` and `false`"),
                );
            }
        }
        for key in ["true", "false"] {
            match b.get(key) {
                Some(w) if wires.contains(w) => {}
                Some(w) => r.error(&at, format!("`{w}` is not one of the enum values")),
                None => r.error(&at, format!("missing `{key}`")),
            }
        }
    }
}
