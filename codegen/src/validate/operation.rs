//! An operation: parameters, form body, responses, error codes, RAM facts.

use super::{non_empty, Reporter};
use crate::diagnostics::Lint;
use crate::names;
use crate::parse::{self, resolve, resolved_type, ErrorCode, Schema};
use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::examples::check_example;
use super::keys::{check_extra, is_empty_value, ENCODING_KEYS, OPERATION_KEYS};
use super::schema::{schema_shape, style, SchemaCtx};

/// Validates an operation.
pub(super) fn operation(
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
    let mut names = ParamNames::default();
    let mut tokens = 0;
    for (i, p) in op.parameters.iter().enumerate() {
        let at = format!("{path}.parameters[{i}]");
        if parameter(r, &at, p, components, &mut names) {
            tokens += 1;
        }
    }
    if tokens > 1 {
        r.error(
            path,
            "more than one parameter is marked `x-acs-idempotency-token`",
        );
    }
    if let Some(body) = &op.request_body {
        request_body(
            r,
            &format!("{path}.requestBody"),
            body,
            components,
            &mut names,
        );
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

/// The wire and Rust names of an operation's parameters and form fields so far, to report
/// duplicates and Rust-name collisions.
#[derive(Default)]
struct ParamNames {
    wire: HashMap<String, String>,
    rust: HashMap<String, String>,
}

impl ParamNames {
    fn seen(&mut self, r: &mut Reporter, at: &str, name: &str) {
        if let Some(other) = self.wire.insert(name.to_string(), at.to_string()) {
            r.error(
                at,
                format!("duplicate parameter `{name}` (also at {other})"),
            );
        }
        let rn = names::field_name(name);
        if let Some(other) = self.rust.insert(rn.clone(), name.to_string()) {
            if other != name {
                r.error(
                    at,
                    format!("parameters `{name}` and `{other}` both become the Rust name `{rn}`"),
                );
            }
        }
    }
}

/// Validates a query parameter; returns whether it is marked the idempotency token.
fn parameter(
    r: &mut Reporter,
    at: &str,
    p: &parse::Parameter,
    components: &BTreeMap<String, Schema>,
    names: &mut ParamNames,
) -> bool {
    check_extra(r, at, &p.extra, &[]);
    let Some(name) = p.name.as_deref().filter(|n| !n.is_empty()) else {
        r.error(at, "missing parameter `name`");
        return false;
    };
    names.seen(r, at, name);
    match p.location.as_deref() {
        Some("query") => {}
        Some("header") => {
            r.warn(Lint::Dropped, &format!("{at}.in"), format!("header parameter `{name}` is not supported yet and is dropped"));
            return false;
        }
        Some("formData") => r.error(&format!("{at}.in"), "`in: formData` is Swagger 2; put form fields in the `application/x-www-form-urlencoded` `requestBody` schema"),
        Some(other) => r.error(&format!("{at}.in"), format!("unsupported parameter location `{other}`: RPC parameters are `in: query`, or form fields of a `requestBody`")),
        None => r.error(at, "missing `in: query`"),
    }
    if !non_empty(&p.description) {
        r.warn(
            Lint::MissingDescription,
            at,
            format!("parameter `{name}` has no `description`"),
        );
    }
    let Some(schema) = &p.schema else {
        r.error(at, format!("parameter `{name}` has no `schema`"));
        return false;
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
    p.idempotency_token
}

/// Validates the form body: an object whose properties are form fields, their styles under
/// the media type's `encoding`.
fn request_body(
    r: &mut Reporter,
    at: &str,
    body: &parse::RequestBody,
    components: &BTreeMap<String, Schema>,
    names: &mut ParamNames,
) {
    check_extra(r, at, &body.extra, &[]);
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
            names.seen(r, &pp, name);
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

pub(super) fn responses(
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
