//! Docs: one Markdown reference page per operation (`docs/<product>/<version>/<Action>.md`):
//! parameters, response fields, error table and examples, from the same model as the code.

use super::options::Options;
use super::text::{cell, ram_doc, safe, value_span};
use crate::model::{Location, Operation, Param, Service, StructDef, Type};
use std::collections::BTreeSet;

/// The type as the API reference spells it.
fn type_text(ty: &Type) -> String {
    match ty {
        Type::String => "string".into(),
        Type::Int32 => "integer (int32)".into(),
        Type::Int64 => "integer (int64)".into(),
        Type::Float => "number".into(),
        Type::Bool => "boolean".into(),
        Type::Enum(n) => format!("string (`{n}`)"),
        Type::Struct(n) => format!("object (`{n}`)"),
        Type::Array(t) => format!("array of {}", type_text(t)),
        Type::Map(t) => format!("map of string to {}", type_text(t)),
        Type::Any => "any JSON".into(),
        Type::Bytes => "binary".into(),
    }
}

fn enum_values_text(service: &Service, ty: &Type) -> String {
    let name = match ty {
        Type::Enum(n) => n,
        Type::Array(t) => return enum_values_text(service, t),
        _ => return String::new(),
    };
    let Some(e) = service.find_enum(name) else {
        return String::new();
    };
    let values = e
        .values
        .iter()
        .map(|v| {
            if v.description.is_empty() {
                value_span(&v.wire)
            } else {
                format!(
                    "{}: {}",
                    value_span(&v.wire),
                    cell(v.description.trim_end_matches('.'))
                )
            }
        })
        .collect::<Vec<_>>()
        .join("; ");
    format!(" Valid values: {values}.")
}

fn param_row(service: &Service, p: &Param) -> String {
    let mut desc = cell(&p.doc.description);
    desc.push_str(&enum_values_text(service, &p.ty));
    if let Some(d) = &p.doc.default {
        desc.push_str(&format!(" Default: {}.", value_span(d)));
    }
    if p.idempotency_token {
        desc.push_str(" Idempotency token (filled with a UUID by the client when empty).");
    }
    // Query and form parameters are an RPC action's; anything else says where it goes.
    let place = match p.location {
        Location::Query | Location::Body => String::new(),
        other => format!(" ({})", other.name()),
    };
    format!(
        "| `{}`{place} | {} | {} | {} | {} |\n",
        p.wire_name,
        type_text(&p.ty),
        if p.required { "Yes" } else { "No" },
        desc.trim(),
        p.doc
            .example
            .as_deref()
            .map(example_cell)
            .unwrap_or_default()
    )
}

fn response_rows(service: &Service, s: &StructDef, prefix: &str, out: &mut String, depth: usize) {
    for f in &s.fields {
        let name = format!("{prefix}{}", f.wire_name);
        let mut desc = cell(&f.description);
        desc.push_str(&enum_values_text(service, &f.ty));
        out.push_str(&format!(
            "| `{}` | {} | {} | {} |\n",
            name,
            type_text(&f.ty),
            desc.trim(),
            f.example.as_deref().map(example_cell).unwrap_or_default()
        ));
        let nested =
            f.ty.nested_struct()
                .map(|(n, sep)| (n, format!("{name}{sep}")));
        if let (Some((n, p)), true) = (nested, depth < 8) {
            if let Some(inner) = service.find_struct(n) {
                response_rows(service, inner, &p, out, depth + 1);
            }
        }
    }
}

/// The Markdown reference page of one operation.
pub(crate) fn operation_markdown(
    service: &Service,
    op: &Operation,
    header: &[String],
    opts: &Options,
) -> String {
    let mut md = String::new();
    for line in header {
        md.push_str(&format!("<!-- {line} -->\n"));
    }
    md.push_str(&format!("\n# {}\n\n", op.action));
    md.push_str(&format!(
        "{} API `{}` · `{} {}` · action `{}` · Rust: `{}::{}::{}::Client::{}`\n\n",
        service.display_name(),
        service.version,
        op.http_method.as_str(),
        op.path,
        op.action,
        opts.crate_name,
        service.product_module,
        service.version_module,
        op.method_name
    ));
    md.push_str(&format!("{}\n\n", op.summary.trim()));
    if op.description.trim() != op.summary.trim() && !op.description.trim().is_empty() {
        md.push_str(&format!("## Description\n\n{}\n\n", op.description.trim()));
    }
    md.push_str("## Authorization\n\n");
    match &op.ram {
        None => md.push_str(
            "The API reference gives no RAM authorization information for this operation.\n\n",
        ),
        Some(_) => md.push_str(&format!("{}\n\n", ram_doc(op))),
    }
    if let Some(ram) = &op.ram {
        if !ram.actions.is_empty() {
            md.push_str("| Operation | Access level | Resource type | Condition key | Associated operation |\n|---|---|---|---|---|\n");
            for a in &ram.actions {
                let list = |v: &[String]| {
                    if v.is_empty() {
                        "none".to_string()
                    } else {
                        v.join(", ")
                    }
                };
                md.push_str(&format!(
                    "| `{}` | {} | {} | {} | {} |\n",
                    a.action,
                    a.access_level,
                    list(&a.resource_types),
                    list(&a.condition_keys),
                    list(&a.associated_operations)
                ));
            }
            md.push('\n');
        }
    }
    md.push_str("## Request parameters\n\n");
    if op.params.is_empty() {
        md.push_str("None besides the common parameters.\n\n");
    } else {
        md.push_str(
            "| Parameter | Type | Required | Description | Example |\n|---|---|---|---|---|\n",
        );
        for p in &op.params {
            md.push_str(&param_row(service, p));
        }
        md.push('\n');
    }
    md.push_str("## Response\n\n");
    if let Some(s) = service.find_struct(&op.response_type) {
        md.push_str(&format!("Rust type: `{}`.\n\n", s.name));
        md.push_str("| Field | Type | Description | Example |\n|---|---|---|---|\n");
        response_rows(service, s, "", &mut md, 0);
        md.push('\n');
    }
    if let Some(field) = &op.success_field {
        md.push_str(&format!(
            "A response with HTTP 200 and `\"{field}\": false` is an error: the client returns the variant of its `Code`.\n\n"
        ));
    }
    md.push_str(&format!(
        "## Error codes\n\nRust type: `{}`.\n\n",
        op.error_type
    ));
    md.push_str(&super::errors::table(op));
    md.push('\n');
    md.push_str("## Examples\n\n");
    // Secret fields show as `***`, as in the types' `Debug`.
    let secrets = service.sensitive_response_fields(op);
    if let Some(example) = &op.success_example {
        let mut example = example.clone();
        redact_json(&mut example, &secrets);
        let pretty = serde_json::to_string_pretty(&example).unwrap_or_default();
        md.push_str(&format!(
            "Success response (JSON):\n\n```json\n{pretty}\n```\n\n"
        ));
    }
    for (media, text) in &op.other_examples {
        let lang = media.rsplit('/').next().unwrap_or("text");
        md.push_str(&format!(
            "Success response ({media}):\n\n```{lang}\n{}\n```\n\n",
            redact_xml(text, &secrets).trim_end()
        ));
    }
    safe(&md).into_owned()
}

/// An example value in a table cell.
fn example_cell(example: &str) -> String {
    value_span(example).replace('|', "\\|")
}

/// Replaces the value of every field named in `secrets`, at any depth, with `***`.
fn redact_json(value: &mut serde_json::Value, secrets: &BTreeSet<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map.iter_mut() {
                if secrets.contains(k) && !v.is_null() {
                    *v = serde_json::Value::String("***".into());
                } else {
                    redact_json(v, secrets);
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(|v| redact_json(v, secrets)),
        _ => {}
    }
}

/// Replaces the text of every `<Name>text</Name>` element named in `secrets` with `***`.
fn redact_xml(text: &str, secrets: &BTreeSet<String>) -> String {
    let mut out = text.to_string();
    for name in secrets {
        let (open, close) = (format!("<{name}>"), format!("</{name}>"));
        let mut from = 0;
        while let Some(start) = out[from..].find(&open).map(|i| from + i + open.len()) {
            let Some(end) = out[start..].find(&close).map(|i| start + i) else {
                break;
            };
            out.replace_range(start..end, "***");
            from = start + 3 + close.len();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn examples_hide_secrets() {
        let secrets: BTreeSet<String> = ["AccessKeySecret".to_string()].into();
        let mut v = serde_json::json!({"Credentials": {"AccessKeyId": "id", "AccessKeySecret": "s3cr3t"}, "List": [{"AccessKeySecret": "x"}]});
        redact_json(&mut v, &secrets);
        assert_eq!(v["Credentials"]["AccessKeySecret"], "***");
        assert_eq!(v["Credentials"]["AccessKeyId"], "id");
        assert_eq!(v["List"][0]["AccessKeySecret"], "***");
        let xml = "<R><AccessKeySecret>s3cr3t</AccessKeySecret><A>1</A><AccessKeySecret>y</AccessKeySecret></R>";
        assert_eq!(
            redact_xml(xml, &secrets),
            "<R><AccessKeySecret>***</AccessKeySecret><A>1</A><AccessKeySecret>***</AccessKeySecret></R>"
        );
    }
}
