//! Metadata schemas as OpenAPI schemas: `required` flags to lists, enums with their titles,
//! bounds and examples typed, `$ref`s checked.

use super::context::{doc_links, doc_text, ptr, Ctx};
use crate::names;
use crate::parse::{Entries, Schema};
use serde_json::{Map, Value as Json};
use serde_yaml::Value as Yaml;
use std::collections::{BTreeMap, BTreeSet};

/// The components that can reach themselves through `$ref`s.
pub(super) fn cyclic_components(schemas: &Map<String, Json>) -> BTreeSet<String> {
    fn refs(v: &Json, out: &mut BTreeSet<String>, depth: usize) {
        if depth > 64 {
            return;
        }
        match v {
            Json::Object(m) => {
                if let Some(name) = m
                    .get("$ref")
                    .and_then(Json::as_str)
                    .and_then(crate::parse::ref_name)
                {
                    out.insert(name.to_string());
                }
                for child in m.values() {
                    refs(child, out, depth + 1);
                }
            }
            Json::Array(items) => items.iter().for_each(|i| refs(i, out, depth + 1)),
            _ => {}
        }
    }
    let edges: BTreeMap<&str, BTreeSet<String>> = schemas
        .iter()
        .map(|(name, s)| {
            let mut out = BTreeSet::new();
            refs(s, &mut out, 0);
            (name.as_str(), out)
        })
        .collect();
    let mut cyclic = BTreeSet::new();
    for start in schemas.keys() {
        let mut seen = BTreeSet::new();
        let mut todo: Vec<&String> = edges[start.as_str()].iter().collect();
        while let Some(n) = todo.pop() {
            if n == start {
                cyclic.insert(start.clone());
                break;
            }
            if seen.insert(n.clone()) {
                if let Some(next) = edges.get(n.as_str()) {
                    todo.extend(next.iter());
                }
            }
        }
    }
    cyclic
}

/// Names of fields and parameters that hold secrets across Alibaba Cloud's APIs: imported
/// as `x-acs-sensitive: true`, so `Debug` never shows them.
pub(super) const SENSITIVE_NAMES: &[&str] = &[
    "AccessKeySecret",
    "SecurityToken",
    "Password",
    "OldPassword",
    "NewPassword",
    "PrivateKey",
    "SecretKey",
    "ClientSecret",
    "OIDCToken",
    "SAMLAssertion",
];

/// Marks a string schema sensitive when its field or parameter is named like a secret.
pub(super) fn mark_sensitive(name: &str, schema: &mut Schema) {
    if SENSITIVE_NAMES.contains(&name) && schema.ty.as_deref() == Some("string") {
        schema.sensitive = true;
    }
}

/// Largest schema nesting followed; deeper levels become free-form.
const MAX_SCHEMA_DEPTH: usize = 32;

/// A metadata schema as an OpenAPI schema, and whether it is marked required (the metadata
/// puts `required: true` on the schema itself).
pub(super) fn convert_schema(
    cx: &mut Ctx,
    at: &str,
    schema: &Json,
    depth: usize,
) -> (Schema, bool) {
    let mut out = Schema::default();
    let Some(s) = schema.as_object() else {
        cx.warn(at, "schema is not an object; taken as free-form");
        return (out, false);
    };
    if depth > MAX_SCHEMA_DEPTH {
        cx.warn(at, "schema nested too deep; taken as free-form");
        return (out, false);
    }
    let required = s.get("required").and_then(Json::as_bool) == Some(true);
    if let Some(r) = s.get("$ref").and_then(Json::as_str) {
        out.reference = reference(cx, at, r);
        return (out, required);
    }
    out.ty = json_type(cx, at, s);
    out.format = format(out.ty.as_deref(), s);
    out.description = doc_text(s, "description");
    out.title = doc_text(s, "title");
    out.example = typed(cx, at, s, out.ty.as_deref(), "example");
    out.default = typed(cx, at, s, out.ty.as_deref(), "default");
    if let Some(values) = s.get("enum").and_then(Json::as_array) {
        enum_values(cx, at, s, values, &mut out);
    }
    bounds(cx, at, s, &mut out);
    out.deprecated = s.get("deprecated").and_then(Json::as_bool) == Some(true);
    match out.ty.as_deref() {
        Some("array") => {
            let items = match s.get("items") {
                Some(i) => convert_schema(cx, &ptr(at, "items"), i, depth + 1).0,
                None => {
                    cx.warn(
                        at,
                        "array without `items`; its items are taken as free-form",
                    );
                    Schema::default()
                }
            };
            out.items = Some(Box::new(items));
        }
        Some("object") => object(cx, at, s, depth, &mut out),
        _ => {}
    }
    (out, required)
}

/// A `$ref` kept when it names a component that does not refer back to itself.
fn reference(cx: &mut Ctx, at: &str, r: &str) -> Option<String> {
    match crate::parse::ref_name(r) {
        Some(name) if cx.cyclic.contains(name) => cx.warn(
            &ptr(at, "$ref"),
            format!("`$ref` to `{name}`, which refers back to itself: taken as free-form"),
        ),
        Some(name) if cx.components.contains_key(name) => return Some(r.to_string()),
        _ => cx.warn(
            &ptr(at, "$ref"),
            format!("`$ref` `{r}` names no component: taken as free-form"),
        ),
    }
    None
}

/// The schema's JSON type: its `type` if it is one (`any` is none), `object` for one with
/// `properties`.
fn json_type(cx: &mut Ctx, at: &str, s: &Map<String, Json>) -> Option<String> {
    let mut ty = s.get("type").and_then(Json::as_str).map(str::to_string);
    // `any` says what a schema without a type says: any JSON value.
    if ty.as_deref() == Some("any") {
        ty = None;
    }
    if let Some(t) = ty.as_deref() {
        if !matches!(
            t,
            "string" | "integer" | "number" | "boolean" | "array" | "object"
        ) {
            cx.warn(
                &ptr(at, "type"),
                format!("type `{t}` is not a JSON type; taken as free-form"),
            );
            ty = None;
        }
    }
    if ty.is_none() && s.contains_key("properties") {
        ty = Some("object".into());
    }
    ty
}

/// The `format`, where it fits the type: an integer's `int`, `long`... as `int64` (which
/// holds every one of them), a number's only when it is `float` or `double`.
fn format(ty: Option<&str>, s: &Map<String, Json>) -> Option<String> {
    let f = s.get("format").and_then(Json::as_str)?;
    match (ty, f) {
        (Some("integer"), "int32" | "int64") | (Some("number"), "float" | "double") => {
            Some(f.into())
        }
        (Some("integer"), _) => Some("int64".into()),
        (Some("number"), _) => None,
        _ => Some(f.into()),
    }
}

/// An example or default as a value of the schema's type; a warning when it does not fit.
fn typed(
    cx: &mut Ctx,
    at: &str,
    s: &Map<String, Json>,
    ty: Option<&str>,
    key: &str,
) -> Option<Yaml> {
    let v = s.get(key)?;
    let typed = typed_value(ty, v);
    if typed.is_none() && !v.is_null() && v.as_str() != Some("null") && v.as_str() != Some("") {
        cx.warn(
            &ptr(at, key),
            format!(
                "{key} `{}` does not fit type `{}`; dropped",
                text_of(v),
                ty.unwrap_or("any")
            ),
        );
    }
    typed
}

/// `minimum`/`maximum` (numbers, often written as strings), the lengths and item counts
/// (non-negative integers) and `pattern`.
fn bounds(cx: &mut Ctx, at: &str, s: &Map<String, Json>, out: &mut Schema) {
    let mut number = |key: &str| {
        let v = s.get(key)?;
        let n = number_of(v);
        if n.is_none() {
            cx.warn(
                &ptr(at, key),
                format!("{key} `{}` is not a number; dropped", text_of(v)),
            );
        }
        n
    };
    out.minimum = number("minimum");
    out.maximum = number("maximum");
    let count = |key: &str| {
        s.get(key)
            .and_then(number_of)
            .filter(|n| n.as_u64().is_some())
    };
    out.min_length = count("minLength");
    out.max_length = count("maxLength");
    out.min_items = count("minItems");
    out.max_items = count("maxItems");
    out.pattern = s.get("pattern").and_then(Json::as_str).map(Yaml::from);
}

/// An object's properties (each required one listed), or the schema of its values.
fn object(cx: &mut Ctx, at: &str, s: &Map<String, Json>, depth: usize, out: &mut Schema) {
    let props = s.get("properties").and_then(Json::as_object);
    if let Some(props) = props.filter(|p| !p.is_empty()) {
        let mut converted = Entries::new();
        let mut rust_names = BTreeMap::new();
        let pp = ptr(at, "properties");
        for (name, prop) in props {
            let rust = names::field_name(name);
            if let Some(other) = rust_names.insert(rust.clone(), name.clone()) {
                cx.warn(
                    &ptr(&pp, name),
                    format!("property `{name}` skipped: it and `{other}` both become `{rust}`"),
                );
                continue;
            }
            let (mut p, req) = convert_schema(cx, &ptr(&pp, name), prop, depth + 1);
            mark_sensitive(name, &mut p);
            if req {
                out.required.push(name.clone());
            }
            converted.insert(name.clone(), p);
        }
        out.properties = Some(converted);
        if s.contains_key("additionalProperties") {
            cx.warn(
                &ptr(at, "additionalProperties"),
                "`additionalProperties` beside `properties` dropped",
            );
        }
    } else if let Some(values) = s.get("additionalProperties").filter(|v| v.is_object()) {
        let (v, _) = convert_schema(cx, &ptr(at, "additionalProperties"), values, depth + 1);
        out.additional_properties = Some(Box::new(v));
    }
}

/// `enum` (and `enumValueTitles` as `x-enum-descriptions`). The spec dialect has string
/// enums only: an enum of another type keeps its type and lists its values in the
/// description instead.
fn enum_values(cx: &mut Ctx, at: &str, s: &Map<String, Json>, values: &[Json], out: &mut Schema) {
    let mut wires: Vec<String> = Vec::new();
    // Titles are keyed by the value as the metadata spells it.
    let mut spelled: Vec<String> = Vec::new();
    for v in values {
        let raw = text_of(v);
        // A value with stray white space (KMS `" AES_128"`) would be sent as `%20AES_128`.
        let w = raw.trim().to_string();
        if w != raw {
            cx.warn(
                &ptr(at, "enum"),
                format!("enum value {raw:?} has white space around it; taken as {w:?}"),
            );
        }
        if !wires.contains(&w) {
            wires.push(w);
            spelled.push(raw);
        }
    }
    if wires.is_empty() {
        return;
    }
    // The values as documentation, where they cannot be a Rust enum.
    let listed_in_description = |out: &mut Schema| {
        let listed = wires.join(", ");
        out.description = Some(match &out.description {
            Some(d) => format!("{d}\n\nValues: {listed}."),
            None => format!("Values: {listed}."),
        });
    };
    if out.ty.as_deref() != Some("string") {
        listed_in_description(out);
        return;
    }
    let variants: BTreeSet<String> = wires.iter().map(|w| names::type_name(w)).collect();
    if variants.len() != wires.len() || variants.contains("Unknown") {
        cx.warn(
            &ptr(at, "enum"),
            "enum values that collide as Rust variants: kept as a plain string, values listed in the description",
        );
        listed_in_description(out);
        return;
    }
    out.values = Some(wires.iter().map(|w| Yaml::from(w.as_str())).collect());
    if let Some(titles) = s.get("enumValueTitles").and_then(Json::as_object) {
        let described = wires
            .iter()
            .zip(&spelled)
            .map(|(w, raw)| {
                titles
                    .get(w)
                    .or_else(|| titles.get(raw))
                    .and_then(Json::as_str)
                    .map(doc_links)
                    .unwrap_or_default()
            })
            .collect();
        out.enum_descriptions = Some(described);
    }
}

/// Text of a JSON scalar as it would be sent.
fn text_of(v: &Json) -> String {
    match v {
        Json::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// A number from a JSON number or a numeric string (bounds are often strings).
fn number_of(v: &Json) -> Option<Yaml> {
    let text = text_of(v);
    let text = text.trim();
    if let Ok(i) = text.parse::<i64>() {
        return Some(i.into());
    }
    if let Ok(u) = text.parse::<u64>() {
        return Some(u.into());
    }
    text.parse::<f64>()
        .ok()
        .filter(|f| f.is_finite())
        .map(Yaml::from)
}

/// An example or default as a value of the schema's type, if it is one.
fn typed_value(ty: Option<&str>, v: &Json) -> Option<Yaml> {
    if v.is_null() {
        return None;
    }
    match ty {
        Some("string") => match v {
            Json::String(s) => Some(s.clone().into()),
            Json::Number(_) | Json::Bool(_) => Some(text_of(v).into()),
            _ => None,
        },
        Some("integer") => {
            let t = text_of(v);
            let t = t.trim();
            t.parse::<i64>()
                .map(Yaml::from)
                .or_else(|_| t.parse::<u64>().map(Yaml::from))
                .ok()
        }
        Some("number") => number_of(v),
        Some("boolean") => match text_of(v).trim() {
            "true" | "True" => Some(true.into()),
            "false" | "False" => Some(false.into()),
            _ => None,
        },
        // Lists, objects and free-form values: a JSON example (often a JSON string) is
        // kept as the text it is.
        _ => match v {
            Json::String(s) if s.trim().is_empty() || s == "null" => None,
            Json::String(s) => Some(s.clone().into()),
            other => serde_yaml::to_value(other).ok(),
        },
    }
}
