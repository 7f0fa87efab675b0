//! Schemas: types, formats, references, enums, styles.

use super::reporter::Reporter;
use crate::diagnostics::Lint;
use crate::model::Style;
use crate::names;
use crate::parse::{ref_name, resolve, resolved_type, Entries, Schema};
use serde_yaml::Value;
use std::collections::HashMap;

use super::keys::check_extra;
use crate::dialect;

pub(super) struct SchemaCtx<'a> {
    pub(super) components: &'a Entries<Schema>,
    /// Component names being checked, to catch recursive `$ref`s.
    pub(super) stack: Vec<String>,
}

/// Checks an `x-acs-style` against the kind of value it encodes.
pub(super) fn style(
    r: &mut Reporter,
    at: &str,
    style: Option<&str>,
    schema: &Schema,
    components: &Entries<Schema>,
) {
    let Some(name) = style else { return };
    let kind = resolved_type(schema, components);
    let item_kind = resolve(schema, components)
        .items
        .as_deref()
        .and_then(|i| resolved_type(i, components));
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
        Some(Style::Simple)
            if kind != Some("array")
                || !matches!(item_kind, Some("string" | "integer" | "number" | "boolean")) =>
        {
            r.error(at, "`simple` style applies to lists of scalars only")
        }
        Some(_) => {}
    }
}

pub(super) fn schema_shape(r: &mut Reporter, path: &str, s: &Schema, ctx: &mut SchemaCtx) {
    check_extra(r, path, &s.extra, dialect::SCHEMA.ignored);
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

pub(super) fn enum_values(r: &mut Reporter, path: &str, s: &Schema, values: &[Value]) {
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
