//! An operation: parameters (path, query, header), body (form, JSON, binary), responses,
//! error codes, RAM facts.

use super::reporter::{non_empty, Reporter};
use crate::diagnostics::Lint;
use crate::model::OutputBody;
use crate::names;
use crate::parse::{self, resolve, resolved_type, Entries, ErrorCode, Schema};
use std::collections::{BTreeSet, HashMap};

use super::examples::check_example;
use super::keys::{check_extra, is_empty_value};
use super::schema::{schema_shape, style, SchemaCtx};
use crate::dialect;

/// Validates an operation.
pub(super) fn operation(
    r: &mut Reporter,
    path: &str,
    op: &parse::Operation,
    components: &Entries<Schema>,
    template: Option<&str>,
) {
    check_extra(r, path, &op.extra, dialect::OPERATION.ignored);
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
        if parameter(r, &at, p, components, &mut names, template) {
            tokens += 1;
        }
    }
    if let Some(template) = template {
        path_parameters(r, path, op, template);
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
    responses(r, path, op, components, template.is_none());
    if op.pagination.is_some() {
        if let Err(e) = crate::pagination::resolve_pagination(op, components) {
            r.error(&format!("{path}.x-acs-pagination"), e);
        }
    }
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
        check_extra(r, &at, &ram.extra, dialect::RAM.ignored);
        for (i, a) in ram.actions.iter().enumerate() {
            let ap = format!("{at}.actions[{i}]");
            check_extra(r, &ap, &a.extra, dialect::RAM_ACTION.ignored);
            if !non_empty(&a.action) {
                r.error(&ap, "missing `action` (e.g. `ecs:RunInstances`)");
            }
        }
    }
}

/// The wire and Rust names of an operation's parameters and body fields so far, by where they
/// go, to report duplicates and Rust-name collisions. Names may repeat across places
/// (a path `{ClusterId}` and a body `ClusterId`): lowering prefixes the later one.
#[derive(Default)]
struct ParamNames {
    wire: HashMap<(&'static str, String), String>,
    rust: HashMap<(&'static str, String), String>,
}

impl ParamNames {
    fn seen(&mut self, r: &mut Reporter, at: &str, name: &str, place: &'static str) {
        if let Some(other) = self.wire.insert((place, name.to_string()), at.to_string()) {
            r.error(
                at,
                format!("duplicate parameter `{name}` (also at {other})"),
            );
        }
        let rn = names::field_name(name);
        if let Some(other) = self.rust.insert((place, rn.clone()), name.to_string()) {
            if other != name {
                r.error(
                    at,
                    format!("parameters `{name}` and `{other}` both become the Rust name `{rn}`"),
                );
            }
        }
    }
}

/// Every `{Name}` of a path template has its `in: path` parameter, and every path parameter
/// fills one; a template ending in `*` instead has exactly one path parameter it does not
/// name, which holds the whole path.
fn path_parameters(r: &mut Reporter, path: &str, op: &parse::Operation, template: &str) {
    let names = parse::template_names(template);
    let in_path: Vec<&str> = op
        .parameters
        .iter()
        .filter(|p| p.location.as_deref() == Some("path"))
        .filter_map(|p| p.name.as_deref())
        .collect();
    let unnamed = in_path.iter().filter(|p| !names.contains(p)).count();
    if template.ends_with('*') {
        if unnamed != 1 {
            r.error(
                &format!("{path}.parameters"),
                format!("the path `{template}` ends in `*`: exactly one `in: path` parameter that it does not name holds the whole path (found {unnamed})"),
            );
        }
        return;
    }
    for name in &names {
        if !in_path.contains(name) {
            r.error(
                &format!("{path}.parameters"),
                format!("the path's `{{{name}}}` has no `in: path` parameter"),
            );
        }
    }
    for name in in_path.iter().filter(|p| !names.contains(p)) {
        r.error(
            &format!("{path}.parameters"),
            format!("path parameter `{name}` is not in the path `{template}`"),
        );
    }
}

/// Validates a path, query or header parameter; returns whether it is marked the idempotency
/// token.
fn parameter(
    r: &mut Reporter,
    at: &str,
    p: &parse::Parameter,
    components: &Entries<Schema>,
    names: &mut ParamNames,
    template: Option<&str>,
) -> bool {
    check_extra(r, at, &p.extra, dialect::PARAMETER.ignored);
    let Some(name) = p.name.as_deref().filter(|n| !n.is_empty()) else {
        r.error(at, "missing parameter `name`");
        return false;
    };
    match p.location.as_deref() {
        Some("query") => names.seen(r, at, name, "query"),
        Some("header") => names.seen(r, at, name, "header"),
        // The host parameter (OSS `bucket`) of a product with a gateway of its own.
        Some("host") => names.seen(r, at, name, "host"),
        Some("path") if template.is_some() => names.seen(r, at, name, "path"),
        Some("path") => r.error(&format!("{at}.in"), "an RPC action (`/#Action=` key) has no path parameters; key the operation by its path"),
        Some("formData") => r.error(&format!("{at}.in"), "`in: formData` is Swagger 2; put form fields in the `application/x-www-form-urlencoded` `requestBody` schema"),
        Some("body") => r.error(&format!("{at}.in"), "`in: body` is Swagger 2; describe the body in `requestBody`"),
        Some(other) => r.error(&format!("{at}.in"), format!("unsupported parameter location `{other}`: parameters are `in: path`, `query` or `header`; bodies are a `requestBody`")),
        None => r.error(at, "missing `in: query` (or `path`, `header`)"),
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
    // A `json`-style parameter's example is the JSON text sent, by design: not a value to
    // check against the schema.
    let json_text = p.style.as_deref() == Some("json");
    if let (Some(example), false) = (&p.example, json_text) {
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
    style(
        r,
        &format!("{at}.x-acs-style"),
        p.style.as_deref(),
        schema,
        components,
    );
    if p.location.as_deref() == Some("path") && matches!(kind, Some("array" | "object") | None) {
        r.error(
            &spath,
            format!("path parameter `{name}` must be a string, number or boolean"),
        );
    }
    if name == "RegionId" && kind != Some("string") {
        r.error(
            &spath,
            "`RegionId` picks the endpoint and must be a string (or string enum)",
        );
    }
    p.idempotency_token
}

/// Validates the request body: one media type, a form (an object whose properties are form
/// fields, their styles under the media type's `encoding`), JSON (an inline object's
/// properties are request fields; any other schema is one field) or binary.
fn request_body(
    r: &mut Reporter,
    at: &str,
    body: &parse::RequestBody,
    components: &Entries<Schema>,
    names: &mut ParamNames,
) {
    check_extra(r, at, &body.extra, dialect::REQUEST_BODY.ignored);
    if body.content.len() > 1 {
        r.error(
            &format!("{at}.content"),
            "a request body has one media type",
        );
    }
    for (media, m) in &body.content {
        let mp = format!("{at}.content.{media}");
        check_extra(r, &mp, &m.extra, dialect::MEDIA_TYPE.ignored);
        let Some(schema) = &m.schema else {
            r.error(&mp, "missing `schema`");
            continue;
        };
        let one_value = |r: &mut Reporter, names: &mut ParamNames| {
            let name = body
                .body_name
                .as_deref()
                .unwrap_or(parse::DEFAULT_BODY_NAME);
            names.seen(r, &format!("{at}.x-acs-body-name"), name, "body");
        };
        match media.as_str() {
            parse::FORM_MEDIA => {}
            parse::JSON_MEDIA | parse::XML_MEDIA
                if schema.reference.is_none() && schema.properties.is_some() => {}
            parse::JSON_MEDIA => {
                let mut ctx = SchemaCtx {
                    components,
                    stack: Vec::new(),
                };
                schema_shape(r, &format!("{mp}.schema"), schema, &mut ctx);
                one_value(r, names);
                continue;
            }
            parse::BINARY_MEDIA => {
                let s = resolve(schema, components);
                if s.ty.as_deref() != Some("string")
                    || !matches!(s.format.as_deref(), Some("binary" | "byte"))
                {
                    r.error(
                        &format!("{mp}.schema"),
                        "a binary body's schema is `type: string, format: binary`",
                    );
                }
                one_value(r, names);
                continue;
            }
            _ => {
                r.error(&mp, format!("unsupported request body media type `{media}`; bodies are `{}`, `{}`, `{}` (an object whose property is the root element) or `{}`", parse::FORM_MEDIA, parse::JSON_MEDIA, parse::XML_MEDIA, parse::BINARY_MEDIA));
                continue;
            }
        }
        let props = match (schema.ty.as_deref(), &schema.properties) {
            (Some("object") | None, Some(props)) => props,
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
            names.seen(r, &pp, name, "body");
            if !non_empty(&prop.description) && prop.reference.is_none() {
                r.warn(
                    Lint::MissingDescription,
                    &pp,
                    format!("body field `{name}` has no `description`"),
                );
            }
            let mut ctx = SchemaCtx {
                components,
                stack: Vec::new(),
            };
            schema_shape(r, &pp, prop, &mut ctx);
            let json_text = m.encoding.get(name).and_then(|e| e.style.as_deref()) == Some("json");
            if let (Some(example), false) = (&prop.example, json_text) {
                check_example(r, &format!("{pp}.example"), prop, example, components);
            }
        }
        if media != parse::FORM_MEDIA && !m.encoding.is_empty() {
            r.error(
                &format!("{mp}.encoding"),
                "`encoding` applies to form fields only; a JSON body is JSON",
            );
        }
        for (name, e) in &m.encoding {
            let ep = format!("{mp}.encoding.{name}");
            check_extra(r, &ep, &e.extra, dialect::ENCODING.ignored);
            match props.get(name) {
                Some(prop) => style(
                    r,
                    &format!("{ep}.x-acs-style"),
                    e.style.as_deref(),
                    prop,
                    components,
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
    components: &Entries<Schema>,
    rpc: bool,
) {
    let at = format!("{path}.responses");
    let (body, ok, _) = parse::output_body(op, components);
    let Some(ok) = ok else {
        r.error(&at, "missing the `\"200\"` response (or another 2xx)");
        return;
    };
    let ok_status = op
        .responses
        .iter()
        .find(|(_, resp)| std::ptr::eq(*resp, ok))
        .map(|(status, _)| status.clone())
        .unwrap_or_default();
    for (status, resp) in &op.responses {
        let rp = format!("{at}.{status}");
        if *status != ok_status {
            r.warn(Lint::Dropped, &rp, format!("the `{status}` response is dropped: only the success response (`\"{ok_status}\"`) is modelled, and error responses are described by `x-acs-error-codes`"));
            continue;
        }
        // Links are reported as dropped just below.
        check_extra(r, &rp, &resp.extra, dialect::RESPONSE.ignored);
        if resp.extra.get("links").is_some_and(|v| !is_empty_value(v)) {
            r.warn(
                Lint::Dropped,
                &format!("{rp}.links"),
                "response `links` are not modelled and are dropped",
            );
        }
        for (name, header) in &resp.headers {
            let hp = format!("{rp}.headers.{name}");
            check_extra(r, &hp, &header.extra, dialect::HEADER.ignored);
            if let Some(schema) = &header.schema {
                let mut ctx = SchemaCtx {
                    components,
                    stack: Vec::new(),
                };
                schema_shape(r, &format!("{hp}.schema"), schema, &mut ctx);
            }
        }
        for (media, m) in &resp.content {
            check_extra(
                r,
                &format!("{rp}.content.{media}"),
                &m.extra,
                dialect::MEDIA_TYPE.ignored,
            );
        }
    }
    let rp = format!("{at}.{ok_status}.content.application/json");
    if rpc && ok.content.is_empty() {
        r.error(
            &format!("{at}.{ok_status}"),
            "missing `content: application/json` with the response schema",
        );
    }
    let Some(json) = ok.content.get(parse::JSON_MEDIA) else {
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
    let object = body == OutputBody::Object && resolved.properties.is_some();
    if rpc && body == OutputBody::Object && !object {
        r.error(
            &format!("{rp}.schema"),
            "the response object of an RPC action must have `properties`",
        );
        return;
    }
    if let Some(field) = &op.success_field {
        let is_bool = object
            && resolved
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
pub(crate) fn error_codes(r: &mut Reporter, path: &str, codes: &[ErrorCode]) {
    let mut seen = BTreeSet::new();
    for (i, e) in codes.iter().enumerate() {
        let at = format!("{path}[{i}]");
        check_extra(r, &at, &e.extra, dialect::ERROR_CODE.ignored);
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
pub(crate) fn common_errors(r: &mut Reporter, common: &parse::CommonErrors) {
    check_extra(r, "", &common.extra, dialect::COMMON_ERRORS.ignored);
    error_codes(r, "x-acs-common-error-codes", &common.codes);
}
