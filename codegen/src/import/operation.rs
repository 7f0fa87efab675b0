//! One metadata API as a spec operation: method, docs, parameters (query and form body),
//! the 200 response with its examples, and the error table.

use super::schema::{convert_schema, mark_sensitive};
use super::{doc_links, doc_text, ptr, Ctx};
use crate::names;
use serde_json::{Map, Value as Json};
use serde_yaml::{Mapping, Value as Yaml};
use std::collections::{BTreeMap, BTreeSet};

/// One API as a spec operation, with its HTTP method (`post` whenever the metadata lists
/// it, as the official SDKs do; `get` for GET-only operations).
pub(super) fn operation(
    cx: &mut Ctx,
    at: &str,
    action: &str,
    api: &Map<String, Json>,
) -> Option<(&'static str, Mapping)> {
    let methods: Vec<String> = api
        .get("methods")
        .and_then(Json::as_array)
        .map(|m| {
            m.iter()
                .filter_map(Json::as_str)
                .map(str::to_ascii_lowercase)
                .collect()
        })
        .unwrap_or_default();
    let verb = if methods.iter().any(|m| m == "post") {
        "post"
    } else if methods.iter().any(|m| m == "get") {
        "get"
    } else if methods.is_empty() {
        cx.warn(&ptr(at, "methods"), "no `methods`; assuming POST");
        "post"
    } else {
        cx.warn(
            &ptr(at, "methods"),
            format!("operation `{action}` skipped: methods {methods:?} are not RPC (GET/POST)"),
        );
        return None;
    };
    let mut op = Mapping::new();
    op.insert("operationId".into(), action.into());
    let summary = doc_text(api, "summary").or_else(|| doc_text(api, "title"));
    if let Some(s) = summary {
        op.insert("summary".into(), s.into());
    }
    if let (Some(title), true) = (doc_text(api, "title"), api.contains_key("summary")) {
        op.insert("x-acs-title".into(), title.into());
    }
    if let Some(d) = doc_text(api, "description") {
        op.insert("description".into(), d.into());
    }
    if api.get("deprecated").and_then(Json::as_bool) == Some(true) {
        op.insert("deprecated".into(), true.into());
    }
    if anonymous(api) {
        op.insert("security".into(), Yaml::Sequence(vec![]));
    }
    let operation_type = api
        .get("systemTags")
        .and_then(|t| t.get("operationType"))
        .and_then(Json::as_str);
    // A read (`get`, `list`, `describe`) is harmless to repeat: server errors are retried.
    if matches!(operation_type, Some("get" | "list" | "describe")) {
        op.insert("x-acs-idempotent".into(), true.into());
    }
    let (params, form) = parameters(cx, &ptr(at, "parameters"), api.get("parameters"));
    if !params.is_empty() {
        op.insert("parameters".into(), Yaml::Sequence(params));
    }
    if let Some(body) = form {
        op.insert("requestBody".into(), body);
    }
    let responses = responses(cx, at, api);
    if result_envelope(&responses) {
        op.insert("x-acs-success-field".into(), "Success".into());
    }
    op.insert("responses".into(), responses);
    if let Some(codes) = error_codes(cx, &ptr(at, "errorCodes"), api.get("errorCodes")) {
        op.insert("x-acs-error-codes".into(), codes);
    }
    Some((verb, op))
}

/// Whether the API is called without an AccessKey signature: its `security` lists
/// requirements and none of them is `AK` (`Anonymous`, or `ARS_OIDC` for STS
/// `AssumeRoleWithOIDC`, which the OIDC token in the request authenticates).
fn anonymous(api: &Map<String, Json>) -> bool {
    api.get("security")
        .and_then(Json::as_array)
        .is_some_and(|s| {
            !s.is_empty()
                && !s
                    .iter()
                    .any(|r| r.as_object().is_some_and(|o| o.contains_key("AK")))
        })
}

/// The query parameters, and the form body built from the `formData` ones.
fn parameters(cx: &mut Ctx, at: &str, list: Option<&Json>) -> (Vec<Yaml>, Option<Yaml>) {
    let mut query = Vec::new();
    let mut form_props = Mapping::new();
    let mut form_required = Vec::new();
    let mut form_encoding = Mapping::new();
    let mut seen = BTreeSet::new();
    let mut rust_names = BTreeMap::new();
    for (i, p) in list
        .and_then(Json::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .enumerate()
    {
        let pp = format!("{at}/{i}");
        let Some(p) = p.as_object() else {
            cx.warn(&pp, "parameter skipped: not an object");
            continue;
        };
        let Some(name) = p
            .get("name")
            .and_then(Json::as_str)
            .filter(|n| !n.is_empty())
        else {
            cx.warn(&pp, "parameter skipped: no `name`");
            continue;
        };
        if !seen.insert(name.to_string()) {
            cx.warn(
                &pp,
                format!("parameter `{name}` is listed twice; the first is kept"),
            );
            continue;
        }
        let rust = names::field_name(name);
        if let Some(other) = rust_names.insert(rust.clone(), name.to_string()) {
            cx.warn(
                &pp,
                format!("parameter `{name}` skipped: it and `{other}` both become `{rust}`"),
            );
            continue;
        }
        let location = p.get("in").and_then(Json::as_str).unwrap_or("query");
        let empty = Json::Object(Map::new());
        let schema_json = p.get("schema").unwrap_or(&empty);
        let (mut schema, required) = convert_schema(cx, &ptr(&pp, "schema"), schema_json, 0);
        mark_sensitive(name, &mut schema);
        let style = p.get("style").and_then(Json::as_str);
        let style = style.filter(|s| {
            let known = crate::model::Style::from_name(s).is_some();
            if !known {
                cx.warn(
                    &ptr(&pp, "style"),
                    format!("unknown style `{s}` dropped; the parameter is flattened"),
                );
            }
            known
        });
        // A style only matters for lists and objects; the metadata sometimes sets one on
        // a scalar, where every SDK sends the value as text.
        let structured = !matches!(
            schema.get("type").and_then(Yaml::as_str),
            Some("string" | "integer" | "number" | "boolean")
        );
        let style = style.filter(|_| structured);
        match location {
            "query" | "header" => {
                let mut out = Mapping::new();
                out.insert("name".into(), name.into());
                out.insert("in".into(), location.into());
                if required {
                    out.insert("required".into(), true.into());
                }
                let mut schema = schema;
                for key in ["description", "example", "deprecated"] {
                    if let Some(v) = schema.as_mapping_mut().and_then(|m| m.remove(key)) {
                        out.insert(key.into(), v);
                    }
                }
                if let Some(s) = style {
                    out.insert("x-acs-style".into(), s.into());
                }
                if name == "ClientToken"
                    && !required
                    && schema.get("type").and_then(Yaml::as_str) == Some("string")
                    && schema.get("enum").is_none()
                {
                    out.insert("x-acs-idempotency-token".into(), true.into());
                }
                out.insert("schema".into(), schema);
                query.push(Yaml::Mapping(out));
            }
            "formData" | "body" => {
                if required {
                    form_required.push(Yaml::from(name));
                }
                if let Some(s) = style {
                    let mut e = Mapping::new();
                    e.insert("x-acs-style".into(), s.into());
                    form_encoding.insert(name.into(), Yaml::Mapping(e));
                }
                form_props.insert(name.into(), schema);
            }
            other => {
                cx.warn(
                    &ptr(&pp, "in"),
                    format!("parameter `{name}` skipped: location `{other}` is not supported"),
                );
            }
        }
    }
    let form = (!form_props.is_empty()).then(|| {
        let mut schema = Mapping::new();
        schema.insert("type".into(), "object".into());
        schema.insert("properties".into(), Yaml::Mapping(form_props));
        if !form_required.is_empty() {
            schema.insert("required".into(), Yaml::Sequence(form_required));
        }
        let mut media = Mapping::new();
        media.insert("schema".into(), Yaml::Mapping(schema));
        if !form_encoding.is_empty() {
            media.insert("encoding".into(), Yaml::Mapping(form_encoding));
        }
        let mut content = Mapping::new();
        content.insert(
            "application/x-www-form-urlencoded".into(),
            Yaml::Mapping(media),
        );
        let mut body = Mapping::new();
        body.insert("content".into(), Yaml::Mapping(content));
        Yaml::Mapping(body)
    });
    (query, form)
}

/// `responses`: the 200 schema with the JSON (and XML) examples of `responseDemo`, and the
/// other statuses as they are.
fn responses(cx: &mut Ctx, at: &str, api: &Map<String, Json>) -> Yaml {
    let rp = ptr(at, "responses");
    let list = api.get("responses").and_then(Json::as_object);
    let mut out = Mapping::new();
    let (json_example, xml_example) = response_demo(cx, &ptr(at, "responseDemo"), api);
    let ok = list.and_then(|l| l.get("200"));
    let schema = match ok.and_then(|r| r.get("schema")) {
        Some(s) => convert_schema(cx, &ptr(&ptr(&rp, "200"), "schema"), s, 0).0,
        None => Yaml::Mapping(Mapping::new()),
    };
    let schema = response_object(cx, &rp, schema);
    let mut json = Mapping::new();
    json.insert("schema".into(), schema);
    if let Some(e) = json_example {
        json.insert("example".into(), e);
    }
    let mut content = Mapping::new();
    content.insert("application/json".into(), Yaml::Mapping(json));
    if let Some(x) = xml_example {
        let mut xml = Mapping::new();
        xml.insert("example".into(), x.into());
        content.insert("application/xml".into(), Yaml::Mapping(xml));
    }
    let mut ok_out = Mapping::new();
    ok_out.insert("description".into(), "OK".into());
    if let Some(headers) = ok
        .and_then(|r| r.get("headers"))
        .and_then(Json::as_object)
        .filter(|h| !h.is_empty())
    {
        if let Ok(h) = serde_yaml::to_value(headers) {
            ok_out.insert("headers".into(), h);
        }
    }
    ok_out.insert("content".into(), Yaml::Mapping(content));
    out.insert("200".into(), Yaml::Mapping(ok_out));
    for (status, r) in list.into_iter().flatten() {
        if status == "200" {
            continue;
        }
        let mut other = Mapping::new();
        let description = r
            .get("description")
            .and_then(Json::as_str)
            .filter(|d| !d.trim().is_empty())
            .unwrap_or("Not modelled.");
        other.insert("description".into(), description.into());
        out.insert(status.clone().into(), Yaml::Mapping(other));
    }
    Yaml::Mapping(out)
}

/// Whether the 200 body is Alibaba's result envelope (`Success` boolean beside `Code`, as
/// every BssOpenApi response): a `Success: false` body on HTTP 200 is then an error.
fn result_envelope(responses: &Yaml) -> bool {
    let props = &responses["200"]["content"]["application/json"]["schema"]["properties"];
    props["Success"]["type"].as_str() == Some("boolean") && props.get("Code").is_some()
}

/// The 200 schema as an object with properties: a response is always a JSON object, and
/// one documented with nothing still carries its `RequestId`.
fn response_object(cx: &mut Ctx, at: &str, schema: Yaml) -> Yaml {
    let Yaml::Mapping(mut m) = schema else {
        return schema;
    };
    if let Some(name) = m
        .get("$ref")
        .and_then(Yaml::as_str)
        .and_then(crate::parse::ref_name)
    {
        let target = cx.components.get(name);
        let object = target.is_some_and(|t| {
            t.get("properties")
                .and_then(Json::as_object)
                .is_some_and(|p| !p.is_empty())
                && matches!(t.get("type").and_then(Json::as_str), None | Some("object"))
        });
        if object {
            return Yaml::Mapping(m);
        }
        m.remove("$ref");
    }
    let is_object = matches!(m.get("type").and_then(Yaml::as_str), None | Some("object"));
    let has_props = m
        .get("properties")
        .and_then(Yaml::as_mapping)
        .is_some_and(|p| !p.is_empty());
    if is_object && has_props {
        return Yaml::Mapping(m);
    }
    cx.warn(
        &ptr(at, "200"),
        "the 200 response documents no fields; only `RequestId` is modelled",
    );
    let mut rid = Mapping::new();
    rid.insert("type".into(), "string".into());
    rid.insert("description".into(), "The request ID.".into());
    let mut props = Mapping::new();
    props.insert("RequestId".into(), Yaml::Mapping(rid));
    m.insert("type".into(), "object".into());
    m.remove("items");
    m.remove("additionalProperties");
    m.insert("properties".into(), Yaml::Mapping(props));
    Yaml::Mapping(m)
}

/// The success examples of `responseDemo` (a JSON string holding a list of
/// `{type, example, errorExample}`): the JSON one as a value, the XML one as text.
fn response_demo(
    cx: &mut Ctx,
    at: &str,
    api: &Map<String, Json>,
) -> (Option<Yaml>, Option<String>) {
    let Some(text) = api.get("responseDemo").and_then(Json::as_str) else {
        return (None, None);
    };
    if text.trim().is_empty() {
        return (None, None);
    }
    let Ok(Json::Array(demos)) = serde_json::from_str::<Json>(text) else {
        cx.warn(at, "`responseDemo` is not a JSON list; no example imported");
        return (None, None);
    };
    let (mut json, mut xml) = (None, None);
    for (i, d) in demos.iter().enumerate() {
        let kind = d.get("type").and_then(Json::as_str).unwrap_or_default();
        let Some(example) = d
            .get("example")
            .and_then(Json::as_str)
            .filter(|e| !e.trim().is_empty())
        else {
            continue;
        };
        match kind {
            "json" if json.is_none() => match serde_json::from_str::<Json>(example) {
                Ok(v) if v.is_object() => json = serde_yaml::to_value(v).ok(),
                _ => cx.warn(
                    &format!("{at}[{i}]"),
                    "the JSON example is not a JSON object; dropped",
                ),
            },
            "xml" if xml.is_none() => xml = Some(example.to_string()),
            _ => {}
        }
    }
    (json, xml)
}

/// `errorCodes` (`{"<status>": [{errorCode, errorMessage, description?}]}`) as
/// `x-acs-error-codes` rows, statuses in numeric order, each code once.
fn error_codes(cx: &mut Ctx, at: &str, codes: Option<&Json>) -> Option<Yaml> {
    let codes = codes?.as_object()?;
    let mut statuses: Vec<(u16, &String, &Json)> = Vec::new();
    for (status, rows) in codes {
        match status.trim().parse::<u16>() {
            Ok(s) if (100..=599).contains(&s) => statuses.push((s, status, rows)),
            _ => {
                // `4XX`-style ranges: the class's first status.
                let class = status.chars().next().and_then(|c| c.to_digit(10));
                match class.filter(|c| (1..=5).contains(c)) {
                    Some(c) if status.len() == 3 => {
                        cx.warn(
                            &ptr(at, status),
                            format!("status `{status}` taken as {c}00"),
                        );
                        statuses.push((c as u16 * 100, status, rows));
                    }
                    _ => cx.warn(
                        &ptr(at, status),
                        format!("rows under `{status}` skipped: not an HTTP status"),
                    ),
                }
            }
        }
    }
    statuses.sort_by_key(|(s, key, _)| (*s, (*key).clone()));
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    for (status, key, rows) in statuses {
        let sp = ptr(at, key);
        for (i, row) in rows
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            let rp = format!("{sp}/{i}");
            let Some(code) = row
                .get("errorCode")
                .and_then(Json::as_str)
                .map(str::trim)
                .filter(|c| !c.is_empty())
            else {
                cx.warn(&rp, "error row skipped: no `errorCode`");
                continue;
            };
            if !seen.insert(code.to_string()) {
                cx.warn(
                    &rp,
                    format!(
                        "error code `{code}` listed again (HTTP {status}); the first row is kept"
                    ),
                );
                continue;
            }
            let mut r = Mapping::new();
            r.insert("status".into(), Yaml::from(u64::from(status)));
            r.insert("code".into(), code.into());
            let message = row
                .get("errorMessage")
                .and_then(Json::as_str)
                .map(str::trim)
                .unwrap_or_default();
            r.insert("message".into(), message.into());
            if let Some(d) = row
                .get("description")
                .and_then(Json::as_str)
                .map(str::trim)
                .filter(|d| !d.is_empty())
            {
                r.insert("description".into(), doc_links(d).into());
            }
            out.push(Yaml::Mapping(r));
        }
    }
    Some(Yaml::Sequence(out))
}
