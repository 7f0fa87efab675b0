//! Step 2 of 4: validate. Checks a parsed spec against everything the lowering step relies
//! on and collects *all* problems, each located at its spec path. Lowering only ever sees
//! documents that passed.

mod examples;
mod keys;
mod operation;
mod reporter;
mod schema;

pub(crate) use operation::common_errors;
pub(crate) use reporter::Reporter;

use keys::check_extra;
use reporter::non_empty;
use schema::{schema_shape, SchemaCtx};

use crate::dialect;
use crate::names;
use crate::parse::{Document, Entries, ACTION_PREFIX};
use std::collections::HashMap;

/// Validates a product spec.
pub(crate) fn document(r: &mut Reporter, doc: &Document) {
    match doc.openapi.as_deref() {
        Some(v) if v.starts_with("3.0") => {}
        Some(v) => r.error(
            "openapi",
            format!("unsupported OpenAPI version `{v}`, expected 3.0.x"),
        ),
        None => r.error("", "missing `openapi: 3.0.3`"),
    }
    check_extra(r, "", &doc.extra, dialect::DOCUMENT.ignored);
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
            check_extra(r, "info", &info.extra, dialect::INFO.ignored);
        }
    }
    servers(r, doc);
    let components = doc.components.as_ref().map(|c| &c.schemas);
    let empty = Entries::new();
    let components = components.unwrap_or(&empty);
    if let Some(c) = &doc.components {
        check_extra(r, "components", &c.extra, dialect::COMPONENTS.ignored);
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
        check_extra(r, &path, &item.extra, dialect::PATH_ITEM.ignored);
        let operations = item.operations();
        let rpc = key.starts_with(ACTION_PREFIX);
        if rpc && operations.len() > 1 {
            r.error(&path, "an action has exactly one HTTP method");
            continue;
        }
        if operations.is_empty() {
            r.error(
                &path,
                "missing the operation (`get:`, `post:`, `put:`, `delete:` or `patch:`)",
            );
            continue;
        }
        if !rpc && !path_template(r, &path, key) {
            continue;
        }
        for (method, op) in operations {
            let op_path = format!("{path}.{}", method.as_str().to_lowercase());
            let Some(action) = action_name(r, key, &op_path, op) else {
                continue;
            };
            let method_name = names::field_name(action);
            if let Some(other) = method_names.insert(method_name.clone(), op_path.clone()) {
                r.error(&op_path, format!("duplicate operation: `{action}` and {other} both become the method `{method_name}`"));
            }
            // Component names never collide with these: lowering renames a component instead.
            let types = names::operation_types(action);
            for ty in [types.request, types.error] {
                if let Some(other) = type_names.insert(ty.clone(), op_path.clone()) {
                    r.error(
                        &op_path,
                        format!("generated type `{ty}` collides with {other}"),
                    );
                }
            }
            let template = (!rpc).then_some(crate::parse::path_template(key));
            operation::operation(r, &op_path, op, components, template);
        }
    }
}

/// The action of an operation: the `/#Action=` key's name, which `operationId` must repeat,
/// or a REST-style operation's `operationId`. Either is a Rust-friendly identifier.
fn action_name<'a>(
    r: &mut Reporter,
    key: &'a str,
    op_path: &str,
    op: &'a crate::parse::Operation,
) -> Option<&'a str> {
    let valid = |a: &str| !a.is_empty() && a.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    let id = op.operation_id.as_deref();
    let action = crate::parse::action(key, op);
    if !key.starts_with(ACTION_PREFIX) {
        return match id {
            Some(id) if valid(id) => Some(id),
            Some(id) => {
                r.error(
                    &format!("{op_path}.operationId"),
                    format!("operationId `{id}` must be an action name (letters, digits, `_`)"),
                );
                None
            }
            None => {
                r.error(
                    op_path,
                    "missing `operationId` (the action name, sent as `x-acs-action`)",
                );
                None
            }
        };
    }
    if !valid(action) {
        r.error(
            op_path,
            format!("operation key `{key}` must be `/#Action=<ActionName>` or a path"),
        );
        return None;
    }
    match id {
        Some(id) if id == action => {}
        Some(id) => r.error(
            &format!("{op_path}.operationId"),
            format!("operationId `{id}` differs from the action `{action}` in the path key"),
        ),
        None => r.error(op_path, format!("missing `operationId: {action}`")),
    }
    Some(action)
}

/// Checks a REST-style path key: it starts with `/`, its `{Name}`s are closed and named, and a
/// `*` is only its whole last segment.
fn path_template(r: &mut Reporter, path: &str, key: &str) -> bool {
    let problem = crate::parse::template_problem(key);
    if let Some(problem) = problem {
        r.error(path, format!("operation key `{key}` {problem}"));
    }
    problem.is_none()
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
    check_extra(r, "servers[0]", &server.extra, dialect::SERVER.ignored);
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
        check_extra(r, &path, &var.extra, dialect::SERVER_VARIABLE.ignored);
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
