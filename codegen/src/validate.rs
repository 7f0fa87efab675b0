//! Step 2 of 4: validate. Checks a parsed spec against everything the lowering step relies
//! on and collects *all* problems, each located at its spec path. Lowering only ever sees
//! documents that passed.

use crate::diagnostics::Diagnostic;
use crate::locate::Locator;
use crate::names;
use crate::parse::{self, Document, ErrorCode, Extra, Schema};
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

    pub fn error(&mut self, path: &str, message: impl Into<String>) {
        let (line, column) = self.position(path);
        self.diagnostics.push(Diagnostic {
            file: self.file.to_path_buf(),
            line,
            column,
            path: path.to_string(),
            message: message.into(),
        });
    }
}

/// Prefix of a valid operation path key.
pub const ACTION_PREFIX: &str = "/#Action=";

/// Name of the variant that keeps codes an operation does not document.
pub const UNHANDLED: &str = "Unhandled";

/// Styles accepted by `x-acs-style`.
pub const STYLES: &[&str] = &["flat", "json", "simple"];

const DOCUMENT_KEYS: &[&str] = &["security", "tags", "externalDocs"];
const INFO_KEYS: &[&str] = &["contact", "license", "termsOfService"];
const OPERATION_KEYS: &[&str] = &["tags", "externalDocs", "security", "servers"];
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
const RESPONSE_KEYS: &[&str] = &["headers", "links"];

/// Reports unknown keys: any `x-acs-*` key the object does not model, and any non-extension
/// key that is neither modelled nor a known OpenAPI key ignored by the generator.
fn check_extra(r: &mut Reporter, path: &str, extra: &Extra, ignored: &[&str]) {
    for key in extra.keys() {
        let at = join(path, key);
        if key.starts_with("x-acs-") {
            r.error(&at, format!("unknown or misplaced extension `{key}`"));
        } else if !key.starts_with("x-") && !ignored.contains(&key.as_str()) {
            r.error(&at, format!("unknown key `{key}`"));
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
            if name.is_empty() || names::type_name(name) != *name {
                r.error(
                    &path,
                    format!(
                        "schema name `{name}` must be an UpperCamelCase Rust type name (`{}`)",
                        names::type_name(name)
                    ),
                );
            }
            let mut ctx = SchemaCtx {
                components,
                stack: vec![name.clone()],
                request: false,
            };
            schema_shape(r, &path, schema, &mut ctx);
        }
    }
    if doc.paths.is_empty() {
        r.error("paths", "the spec has no operations");
    }
    let mut method_names: HashMap<String, String> = HashMap::new();
    let mut type_names: HashMap<String, String> = HashMap::new();
    for name in components.keys() {
        type_names.insert(name.clone(), format!("components.schemas.{name}"));
    }
    type_names.insert("Client".into(), "the generated client".into());
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
        for suffix in ["Request", "Response", "Error"] {
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
        r.error(
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
            Some(other) => r.error(&format!("{at}.in"), format!("unsupported parameter location `{other}`: RPC parameters are `in: query`, or form fields of a `requestBody`")),
            None => r.error(&at, "missing `in: query`"),
        }
        if !non_empty(&p.description) {
            r.error(&at, format!("parameter `{name}` has no `description`"));
        }
        let Some(schema) = &p.schema else {
            r.error(&at, format!("parameter `{name}` has no `schema`"));
            continue;
        };
        let spath = format!("{at}.schema");
        let mut ctx = SchemaCtx {
            components,
            stack: Vec::new(),
            request: true,
        };
        schema_shape(r, &spath, schema, &mut ctx);
        let kind = resolved_type(schema, components);
        if p.idempotency_token {
            tokens += 1;
            if kind.as_deref() != Some("string") || schema.values.is_some() {
                r.error(
                    &format!("{at}.x-acs-idempotency-token"),
                    "the idempotency token must be a plain string parameter",
                );
            }
            if p.required {
                r.error(&format!("{at}.x-acs-idempotency-token"), "the idempotency token must be optional: the client fills it when the caller leaves it empty");
            }
        }
        if let Some(style) = p.style.as_deref() {
            if !STYLES.contains(&style) {
                r.error(
                    &format!("{at}.x-acs-style"),
                    format!(
                        "unknown style `{style}`; expected one of {}",
                        STYLES.join(", ")
                    ),
                );
            } else if !matches!(kind.as_deref(), Some("array") | Some("object")) {
                r.error(
                    &format!("{at}.x-acs-style"),
                    "`x-acs-style` applies to list and object parameters only",
                );
            } else if style == "simple" && kind.as_deref() != Some("array") {
                r.error(
                    &format!("{at}.x-acs-style"),
                    "`simple` style applies to lists only",
                );
            }
        }
        if name == "RegionId" && kind.as_deref() != Some("string") {
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
                    r.error(&pp, format!("form field `{name}` has no `description`"));
                }
                let mut ctx = SchemaCtx {
                    components,
                    stack: Vec::new(),
                    request: true,
                };
                schema_shape(r, &pp, prop, &mut ctx);
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
        let mut variants = HashMap::new();
        error_codes(
            r,
            &format!("{path}.x-acs-error-codes"),
            codes,
            &mut variants,
        );
    } else {
        r.error(
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
        check_extra(r, &rp, &resp.extra, RESPONSE_KEYS);
        if status != "200" {
            r.error(&rp, "only the `\"200\"` response is modelled; error responses are described by `x-acs-error-codes`");
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
        request: false,
    };
    schema_shape(r, &format!("{rp}.schema"), schema, &mut ctx);
    let resolved = resolve(schema, components);
    if resolved_type(schema, components).as_deref() != Some("object")
        || resolved.properties.is_none()
    {
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
            .is_some_and(|s| resolved_type(s, components).as_deref() == Some("boolean"));
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
        }
    }
}

/// Validates an error code table; `variants` maps variant names already taken to their codes.
pub fn error_codes(
    r: &mut Reporter,
    path: &str,
    codes: &[ErrorCode],
    variants: &mut HashMap<String, String>,
) {
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
            r.error(&at, "missing `message`");
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
            continue;
        }
        let variant = names::type_name(code);
        if variant == UNHANDLED {
            r.error(
                &format!("{at}.code"),
                format!("error code `{code}` would take the reserved variant name `{UNHANDLED}`"),
            );
        } else if let Some(other) = variants.insert(variant.clone(), code.to_string()) {
            r.error(
                &format!("{at}.code"),
                format!("error codes `{other}` and `{code}` both become the variant `{variant}`"),
            );
        }
    }
}

/// Validates the common error codes file, and returns its variants for the per-operation
/// collision check.
pub fn common_errors(r: &mut Reporter, common: &parse::CommonErrors) {
    check_extra(r, "", &common.extra, &[]);
    let mut variants = HashMap::new();
    error_codes(r, "x-acs-common-error-codes", &common.codes, &mut variants);
}

/// Reports operation codes whose variant name collides with a *different* common code.
pub fn against_common(r: &mut Reporter, doc: &Document, common: &[ErrorCode]) {
    let common_variants: HashMap<String, &str> = common
        .iter()
        .filter_map(|e| e.code.as_deref().map(|c| (names::type_name(c), c)))
        .collect();
    for (key, item) in &doc.paths {
        for (method, op) in [("get", &item.get), ("post", &item.post)] {
            let Some(op) = op else { continue };
            for (i, e) in op.error_codes.iter().flatten().enumerate() {
                let Some(code) = e.code.as_deref() else {
                    continue;
                };
                if let Some(other) = common_variants.get(&names::type_name(code)) {
                    if *other != code {
                        r.error(
                            &format!("paths.{key}.{method}.x-acs-error-codes[{i}].code"),
                            format!("error code `{code}` and the common code `{other}` both become the variant `{}`", names::type_name(code)),
                        );
                    }
                }
            }
        }
    }
}

struct SchemaCtx<'a> {
    components: &'a BTreeMap<String, Schema>,
    /// Component names being checked, to catch recursive `$ref`s.
    stack: Vec<String>,
    request: bool,
}

/// Follows `$ref`s (validated elsewhere) to the schema that defines the shape.
pub fn resolve<'a>(schema: &'a Schema, components: &'a BTreeMap<String, Schema>) -> &'a Schema {
    let mut s = schema;
    for _ in 0..64 {
        match s
            .reference
            .as_deref()
            .and_then(|r| ref_name(r))
            .and_then(|n| components.get(n))
        {
            Some(next) => s = next,
            None => break,
        }
    }
    s
}

fn resolved_type(schema: &Schema, components: &BTreeMap<String, Schema>) -> Option<String> {
    let s = resolve(schema, components);
    s.ty.clone()
        .or_else(|| s.properties.as_ref().map(|_| "object".to_string()))
}

/// `#/components/schemas/Name` → `Name`.
pub fn ref_name(reference: &str) -> Option<&str> {
    reference
        .strip_prefix("#/components/schemas/")
        .filter(|n| !n.is_empty() && !n.contains('/'))
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
                    // The target is checked in this context too (request-only rules, cycles);
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
        Some("number") => {
            if !matches!(s.format.as_deref(), None | Some("float") | Some("double")) {
                r.error(
                    &format!("{path}.format"),
                    format!(
                        "unsupported number format `{}`",
                        s.format.as_deref().unwrap_or_default()
                    ),
                );
            }
        }
        Some("boolean") => {}
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
                (None, None) => {
                    if ctx.request {
                        r.error(
                            path,
                            "a request object needs `properties` or `additionalProperties`",
                        );
                    }
                }
            }
        }
        Some(other) => r.error(
            &format!("{path}.type"),
            format!("unsupported schema type `{other}`"),
        ),
        None => {
            if ctx.request {
                r.error(path, "a request schema needs a `type`");
            }
        }
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
