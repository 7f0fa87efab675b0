//! Examples against their schemas (`example-mismatch` warnings).

use super::reporter::Reporter;
use crate::diagnostics::Lint;
use crate::parse::{resolve, resolved_type, Entries, Schema};
use serde_yaml::Value;

/// Warns where an example does not fit its schema: a value outside an enum, a field the
/// schema lacks, a value of another type. Free-form schemas accept anything.
pub(super) fn check_example(
    r: &mut Reporter,
    path: &str,
    schema: &Schema,
    example: &Value,
    components: &Entries<Schema>,
) {
    let mut problems = Vec::new();
    example_fits(schema, example, components, "", &mut problems, 0);
    for problem in problems.into_iter().take(8) {
        r.warn(Lint::ExampleMismatch, path, format!("example: {problem}"));
    }
}

pub(super) fn example_fits(
    schema: &Schema,
    value: &Value,
    components: &Entries<Schema>,
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
