//! Generated names depend only on what they name (specs/README.md, "Generated names").
//!
//! Every fixture document of `tests/fixtures/metadata/` is imported and lowered as is, and
//! again after changes a new release of the docs makes: for every operation, an identical
//! copy and a different copy (each enum with one more value, each object with one more
//! property) inserted before it, a new parameter, response property and error codes (one of
//! them deriving an existing code's variant); and, separately, every list of parameters and
//! error codes reversed. Every name generated for what stays (methods, request, response and
//! error types, fields and their types at any depth, enum variants, error variants) must be
//! the same afterwards.

use acs_codegen::internal::model::{Service, Type};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use std::path::Path;

/// What is generated for one place of the spec: a name, or a field's name and type.
#[derive(Clone, Debug, PartialEq)]
enum Generated {
    Name(String),
    Field(String, Type),
}

/// The names generated for a document, by wire location, and the service they are in.
fn names(file: &str, doc: &Value) -> (BTreeMap<String, Generated>, Service) {
    let import = acs_codegen::internal::import::import_document(Path::new(file), &doc.to_string())
        .expect("imports");
    let acs_codegen::internal::import::Imported::Spec { file_name, text } = import.result else {
        panic!("{file} was skipped");
    };
    let spec = acs_codegen::SpecSource::from_text(Path::new(&file_name), text);
    let mut api = acs_codegen::compile(&[spec], None).expect("compiles");
    let service = api.services.remove(0);
    let mut out = BTreeMap::new();
    for op in &service.operations {
        let at = op.action.clone();
        let types = format!(
            "{} {} {} {}",
            op.method_name, op.request_type, op.response_type, op.error_type
        );
        out.insert(at.clone(), Generated::Name(types));
        for p in &op.params {
            let key = format!("{at} {:?} {}", p.location, p.wire_name);
            type_names(&service, &key, &p.rust_name, &p.ty, &mut out, 0);
        }
        let response = Type::Struct(op.response_type.clone());
        type_names(
            &service,
            &format!("{at} response"),
            "",
            &response,
            &mut out,
            0,
        );
        for e in op.errors.iter().filter(|e| !e.common) {
            let key = format!("{at} error {}", e.code);
            out.insert(key, Generated::Name(e.variant.clone()));
        }
    }
    (out, service)
}

/// Records `key` → the field, then the names inside its type: a struct's fields, an enum's
/// variants.
fn type_names(
    service: &Service,
    key: &str,
    rust_name: &str,
    ty: &Type,
    out: &mut BTreeMap<String, Generated>,
    depth: usize,
) {
    out.insert(
        key.to_string(),
        Generated::Field(rust_name.into(), ty.clone()),
    );
    let mut ty = ty;
    while let Type::Array(t) | Type::Map(t) = ty {
        ty = t;
    }
    match ty {
        Type::Struct(n) if depth < 12 => {
            for f in service.find_struct(n).map(|s| &s.fields[..]).unwrap_or(&[]) {
                let key = format!("{key}.{}", f.wire_name);
                type_names(service, &key, &f.rust_name, &f.ty, out, depth + 1);
            }
        }
        Type::Enum(n) => {
            for v in service.find_enum(n).map(|e| &e.values[..]).unwrap_or(&[]) {
                out.insert(
                    format!("{key} = {}", v.wire),
                    Generated::Name(v.variant.clone()),
                );
            }
        }
        _ => {}
    }
}

/// `ty` with every name resolved through `service`'s aliases; `None` when it names a type
/// `service` does not have.
fn resolved(service: &Service, ty: &Type) -> Option<Type> {
    Some(match ty {
        Type::Array(t) => Type::Array(Box::new(resolved(service, t)?)),
        Type::Map(t) => Type::Map(Box::new(resolved(service, t)?)),
        Type::Struct(n) => Type::Struct(service.find_struct(n)?.name.clone()),
        Type::Enum(n) => Type::Enum(service.find_enum(n)?.name.clone()),
        other => other.clone(),
    })
}

/// Applies `f` to every schema in `v`, at any depth (parameters, bodies, responses, components).
fn each_schema(v: &mut Value, f: &impl Fn(&mut Map<String, Value>)) {
    match v {
        Value::Object(m) => {
            if m.contains_key("type") || m.contains_key("properties") || m.contains_key("enum") {
                f(m);
            }
            for (_, child) in m.iter_mut() {
                each_schema(child, f);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|i| each_schema(i, f)),
        _ => {}
    }
}

/// An operation as a later release could differ: each enum one value more, each object one
/// property more.
fn different(api: &Value) -> Value {
    let mut api = api.clone();
    each_schema(&mut api, &|m| {
        if let Some(Value::Array(values)) = m.get_mut("enum") {
            values.push("Zz0NewValue".into());
        }
        if let Some(Value::Object(props)) = m.get_mut("properties") {
            props.insert("Zz0NewProperty".into(), json!({"type": "string"}));
        }
    });
    api
}

/// The document a later release could publish: operations, parameters, response properties
/// and error codes added.
fn grown(doc: &Value) -> Value {
    let mut doc = doc.clone();
    let apis = doc["apis"].as_object().cloned().unwrap_or_default();
    let mut grown = Map::new();
    for (action, api) in apis {
        // Copies named to come before the operation in any order (`A0` sorts before letters),
        // a REST-style one at a path of its own.
        for (prefix, copy) in [("A0", api.clone()), ("A1", different(&api))] {
            let mut copy = copy;
            if let Some(path) = copy.get("path").and_then(Value::as_str) {
                copy["path"] = format!("/{prefix}{path}").into();
            }
            grown.insert(format!("{prefix}{action}"), copy);
        }
        let mut api = api;
        if let Some(Value::Array(params)) = api.get_mut("parameters") {
            params.insert(
                0,
                json!({"name": "Zz0NewParameter", "in": "query", "schema": {"type": "string"}}),
            );
        }
        if let Some(Value::Object(props)) = api.pointer_mut("/responses/200/schema/properties") {
            props.insert("Zz0NewField".into(), json!({"type": "string"}));
        }
        if let Some(Value::Object(by_status)) = api.get_mut("errorCodes") {
            for rows in by_status.values_mut() {
                let Value::Array(rows) = rows else { continue };
                let mut added = vec![json!({"errorCode": "A0.New.Code", "errorMessage": "new"})];
                // A code deriving an existing code's variant, spelled otherwise.
                for row in rows.iter() {
                    if let Some(code) = row["errorCode"].as_str() {
                        added.push(json!({"errorCode": format!("{code}_"), "errorMessage": "new"}));
                    }
                }
                rows.splice(0..0, added);
            }
        }
        grown.insert(action, api);
    }
    doc["apis"] = Value::Object(grown);
    doc
}

/// The same document with every list of parameters and error codes in reverse order.
fn reordered(doc: &Value) -> Value {
    let mut doc = doc.clone();
    for api in doc["apis"]
        .as_object_mut()
        .into_iter()
        .flat_map(|a| a.values_mut())
    {
        if let Some(Value::Array(params)) = api.get_mut("parameters") {
            params.reverse();
        }
        if let Some(Value::Object(by_status)) = api.get_mut("errorCodes") {
            for rows in by_status.values_mut() {
                if let Value::Array(rows) = rows {
                    rows.reverse();
                }
            }
        }
    }
    doc
}

/// Names in `before` that `after` generates otherwise or not at all. A field's type is
/// spelled as it was: the same name, not another alias of the same type (rustdoc, the
/// generated text and the review diff show the spelling).
fn moved(
    before: &BTreeMap<String, Generated>,
    (after, service): &(BTreeMap<String, Generated>, Service),
) -> Vec<String> {
    let same = |b: &Generated, a: &Generated| match (b, a) {
        (Generated::Field(_, bt), Generated::Field(..)) => {
            b == a && resolved(service, bt).is_some()
        }
        _ => b == a,
    };
    before
        .iter()
        .filter(|(k, v)| !after.get(*k).is_some_and(|a| same(v, a)))
        .map(|(k, v)| format!("{k}: {v:?} -> {:?}", after.get(k)))
        .collect()
}

/// The names of `path`'s document that each change moves, as failure messages.
fn document_failures(path: &Path) -> Vec<String> {
    let file = path.file_name().unwrap().to_string_lossy().into_owned();
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let (before, _) = names(&file, &doc);
    assert!(before.len() > 10, "{file}: {} names", before.len());
    let mut failures = Vec::new();
    for (change, after) in [
        ("operations, parameters and error codes added", grown(&doc)),
        ("lists reordered", reordered(&doc)),
    ] {
        let moved = moved(&before, &names(&file, &after));
        if !moved.is_empty() {
            failures.push(format!(
                "{file}, {change}: {} names moved, e.g.\n  {}",
                moved.len(),
                moved
                    .iter()
                    .take(8)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join("\n  ")
            ));
        }
    }
    failures
}

#[test]
fn generated_names_depend_only_on_what_they_name() {
    let documents = crate::support::metadata_documents();
    assert!(
        documents.len() >= 4,
        "fixtures in {}",
        crate::support::metadata_dir().display()
    );
    // One thread per document: the lowering of the larger ones takes seconds unoptimised.
    let failures: Vec<String> = std::thread::scope(|scope| {
        let runs: Vec<_> = documents
            .iter()
            .map(|path| scope.spawn(move || document_failures(path)))
            .collect();
        runs.into_iter()
            .flat_map(|r| r.join().expect("no panic"))
            .collect()
    });
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The check above can fail: a change that does rename (an operation's copy that differs, put
/// in its place) is seen.
#[test]
fn a_renaming_change_is_seen() {
    let dir = crate::support::metadata_dir();
    let file = "sts-2015-04-01.api-docs.json";
    let doc: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join(file)).unwrap()).unwrap();
    let (before, _) = names(file, &doc);
    let mut renamed = doc.clone();
    let apis = renamed["apis"].as_object_mut().unwrap();
    let (action, api) = apis
        .iter()
        .next()
        .map(|(k, v)| (k.clone(), v.clone()))
        .unwrap();
    apis.remove(&action);
    apis.insert(format!("{action}V2"), api);
    assert!(!moved(&before, &names(file, &renamed)).is_empty());
}
