//! One metadata API as a spec operation: method, docs, parameters (path, query, header) and
//! body (form, JSON or binary), the success response with its examples, and the error table.

use super::context::{doc_links, doc_text, ptr, Ctx};
use super::schema::{convert_schema, mark_sensitive};
use crate::model::HttpMethod;
use crate::names;
use crate::parse::{
    Encoding, Entries, ErrorCode, Header, MediaType, Operation, Parameter, RequestBody, Response,
    Schema, BINARY_MEDIA, FORM_MEDIA, JSON_MEDIA, XML_MEDIA,
};
use serde_json::{Map, Value as Json};
use serde_yaml::Value as Yaml;
use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, BTreeSet};

/// One API as a spec operation, with its HTTP method: `post` whenever the metadata lists it,
/// as the official SDKs do, else the one (or first) listed.
pub(super) fn operation(
    cx: &mut Ctx,
    at: &str,
    action: &str,
    api: &Map<String, Json>,
) -> Option<(HttpMethod, Operation)> {
    let method = method(cx, at, action, api)?;
    let summary = doc_text(api, "summary").or_else(|| doc_text(api, "title"));
    let title = doc_text(api, "title").filter(|_| api.contains_key("summary"));
    let operation_type = api
        .get("systemTags")
        .and_then(|t| t.get("operationType"))
        .and_then(Json::as_str);
    let (parameters, request_body) = parameters(cx, &ptr(at, "parameters"), api.get("parameters"));
    let responses = responses(cx, at, api);
    let op = Operation {
        operation_id: Some(action.to_string()),
        summary,
        title,
        description: doc_text(api, "description"),
        deprecated: api.get("deprecated").and_then(Json::as_bool) == Some(true),
        security: anonymous(api).then(Vec::new),
        // A read (`get`, `list`, `describe`) is harmless to repeat: server errors are retried.
        idempotent: matches!(operation_type, Some("get" | "list" | "describe")).then_some(true),
        parameters,
        request_body,
        success_field: result_envelope(&responses).then(|| "Success".to_string()),
        responses,
        error_codes: error_codes(cx, &ptr(at, "errorCodes"), api.get("errorCodes")),
        ..Operation::default()
    };
    Some((method, op))
}

/// The API's HTTP method: `post` whenever the metadata lists it, else the one (or first)
/// listed that the gateway takes; `None` (and a warning) when it lists none of those.
fn method(cx: &mut Ctx, at: &str, action: &str, api: &Map<String, Json>) -> Option<HttpMethod> {
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
    let known = |m: &str| {
        HttpMethod::ALL
            .iter()
            .find(|(name, _)| *name == m)
            .map(|(_, method)| *method)
    };
    if methods.iter().any(|m| m == "post") {
        Some(HttpMethod::Post)
    } else if methods.is_empty() {
        cx.warn(&ptr(at, "methods"), "no `methods`; assuming POST");
        Some(HttpMethod::Post)
    } else if let Some(method) = methods.iter().find_map(|m| known(m)) {
        Some(method)
    } else {
        cx.warn(
            &ptr(at, "methods"),
            format!("operation `{action}` skipped: methods {methods:?} are not HTTP methods the gateway takes"),
        );
        None
    }
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

/// Where a metadata parameter goes, by its `in`.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Place {
    /// `path`, `query` or `header`: an OpenAPI parameter.
    Parameter,
    /// `formData`: a form body field.
    Form,
    /// `body`: the JSON (or binary) body.
    Body,
}

/// A request body under construction: a form or JSON object's properties, or one value.
#[derive(Default)]
struct Body {
    media: Option<&'static str>,
    props: Entries<Schema>,
    required: Vec<String>,
    encoding: Entries<Encoding>,
    /// A body that is one value: its parameter's name, schema and whether it is required.
    value: Option<(String, Schema, bool)>,
}

impl Body {
    /// Whether the body can take a part of kind `media` (one media type per body; a
    /// one-value body takes nothing more).
    fn accepts(&self, media: &str) -> bool {
        self.value.is_none() && self.media.is_none_or(|m| m == media)
    }

    fn into_request_body(self) -> Option<RequestBody> {
        let media_type = self.media?;
        let mut body = RequestBody::default();
        let media = if let Some((name, schema, required)) = self.value {
            body.body_name = Some(name).filter(|n| n != crate::parse::DEFAULT_BODY_NAME);
            body.required = required;
            MediaType {
                schema: Some(schema),
                ..MediaType::default()
            }
        } else {
            let schema = Schema {
                ty: Some("object".into()),
                properties: Some(self.props),
                required: self.required,
                ..Schema::default()
            };
            MediaType {
                schema: Some(schema),
                encoding: self.encoding,
                ..MediaType::default()
            }
        };
        body.content.insert(media_type.to_string(), media);
        Some(body)
    }
}

/// The path, query and header parameters, and the body built from the `formData` ones (a
/// form) or the `body` ones (an inline object's properties become the JSON body's fields;
/// any other schema is the whole body, binary for `format: binary`/`byte` strings).
fn parameters(
    cx: &mut Ctx,
    at: &str,
    list: Option<&Json>,
) -> (Vec<Parameter>, Option<RequestBody>) {
    let mut params = Vec::new();
    let mut body = Body::default();
    let mut names = Names::default();
    for (i, p) in list
        .and_then(Json::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .enumerate()
    {
        let pp = format!("{at}/{i}");
        let Some((p, name, location, place)) = admitted(cx, &pp, p, &mut names) else {
            continue;
        };
        let empty = Json::Object(Map::new());
        let schema_json = p.get("schema").unwrap_or(&empty);
        let (mut schema, required) = convert_schema(cx, &ptr(&pp, "schema"), schema_json, 0);
        mark_sensitive(name, &mut schema);
        let raw_style = p.get("style").and_then(Json::as_str);
        // An OSS body of `style: xml` is XML: a media type, not a parameter style.
        let xml = place == Place::Body && raw_style == Some("xml");
        let style = style(cx, &pp, name, raw_style.filter(|_| !xml), &schema);
        match place {
            Place::Parameter => {
                params.push(parameter(name, location, required, style, schema));
            }
            Place::Form if body.accepts(FORM_MEDIA) => {
                body.media = Some(FORM_MEDIA);
                if required {
                    body.required.push(name.to_string());
                }
                if let Some(s) = style {
                    let encoding = Encoding {
                        style: Some(s.to_string()),
                        ..Encoding::default()
                    };
                    body.encoding.insert(name.to_string(), encoding);
                }
                body.props.insert(name.to_string(), schema);
            }
            Place::Body => body_parameter(cx, &pp, name, schema, required, xml, &mut body),
            Place::Form => cx.warn(
                &pp,
                format!("parameter `{name}` skipped: the request already has a body"),
            ),
        }
    }
    (params, body.into_request_body())
}

/// The names an operation's parameters took so far: by wire name and by Rust name, each
/// per group (a path, query or header location, or the body).
#[derive(Default)]
struct Names<'a> {
    /// The first definition of each wire name.
    wire: BTreeMap<(&'static str, String), &'a Map<String, Json>>,
    rust: BTreeMap<(&'static str, String), String>,
}

/// A parameter of the list, if it is one to import: the object, its name, its location and
/// where it goes; a warning for one skipped (not an object, no name, an unknown location, a
/// name listed twice or taking another's Rust name).
fn admitted<'a>(
    cx: &mut Ctx,
    pp: &str,
    p: &'a Json,
    names: &mut Names<'a>,
) -> Option<(&'a Map<String, Json>, &'a str, &'a str, Place)> {
    let Some(p) = p.as_object() else {
        cx.warn(pp, "parameter skipped: not an object");
        return None;
    };
    let Some(name) = p
        .get("name")
        .and_then(Json::as_str)
        .filter(|n| !n.is_empty())
    else {
        cx.warn(pp, "parameter skipped: no `name`");
        return None;
    };
    let location = p.get("in").and_then(Json::as_str).unwrap_or("query");
    let (place, group) = match location {
        "query" => (Place::Parameter, "query"),
        "header" => (Place::Parameter, "header"),
        "path" => (Place::Parameter, "path"),
        // The bucket, project or domain in front of the endpoint's host.
        "host" if cx.own_gateway => (Place::Parameter, "host"),
        // Names repeat only across places: lowering tells a path `ClusterId` from a body one.
        "formData" => (Place::Form, "body"),
        "body" => (Place::Body, "body"),
        other => {
            cx.warn(
                &ptr(pp, "in"),
                format!("parameter `{name}` skipped: location `{other}` is not supported"),
            );
            return None;
        }
    };
    match names.wire.entry((group, name.to_string())) {
        // A repeat of the same definition (378 in the published catalogue) loses nothing.
        Entry::Occupied(first) if *first.get() == p => return None,
        Entry::Occupied(_) => {
            cx.warn(
                pp,
                format!(
                    "parameter `{name}` is listed twice, defined differently; the first is kept"
                ),
            );
            return None;
        }
        Entry::Vacant(slot) => {
            slot.insert(p);
        }
    }
    let rust = names::field_name(name);
    if let Some(other) = names.rust.insert((group, rust.clone()), name.to_string()) {
        cx.warn(
            pp,
            format!("parameter `{name}` skipped: it and `{other}` both become `{rust}`"),
        );
        return None;
    }
    Some((p, name, location, place))
}

/// The parameter's style, where it applies: a known one, on a list or object (the metadata
/// sometimes sets one on a scalar, where every SDK sends the value as text), `simple` only on
/// a list of scalars (on anything else the SDKs' flattening applies). A warning for one
/// dropped.
fn style<'a>(
    cx: &mut Ctx,
    pp: &str,
    name: &str,
    style: Option<&'a str>,
    schema: &Schema,
) -> Option<&'a str> {
    let style = style.filter(|s| {
        let known = crate::model::Style::from_name(s).is_some();
        if !known {
            cx.warn(
                &ptr(pp, "style"),
                format!("unknown style `{s}` dropped; the parameter is flattened"),
            );
        }
        known
    });
    let ty = schema.ty.as_deref();
    let structured = !matches!(ty, Some("string" | "integer" | "number" | "boolean"));
    let style = style.filter(|_| structured);
    let items = schema.items.as_deref();
    let item_type = items.and_then(|i| i.ty.as_deref()).or_else(|| {
        let target = items?
            .reference
            .as_deref()
            .and_then(crate::parse::ref_name)?;
        cx.components.get(target)?.get("type")?.as_str()
    });
    let scalar_items = ty == Some("array")
        && matches!(item_type, Some("string" | "integer" | "number" | "boolean"));
    style.filter(|s| {
        let fits = *s != "simple" || scalar_items;
        if !fits {
            cx.warn(
                &ptr(pp, "style"),
                format!("style `simple` on `{name}`, which is not a list of scalars, dropped; the parameter is flattened"),
            );
        }
        fits
    })
}

/// An `in: body` parameter into the request's body: an inline object's properties become
/// its fields, as in the official SDKs' request models; any other schema is the whole body
/// (binary for `format: binary`/`byte` strings). A warning when the body is taken already.
fn body_parameter(
    cx: &mut Ctx,
    pp: &str,
    name: &str,
    schema: Schema,
    required: bool,
    xml: bool,
    body: &mut Body,
) {
    let ty = schema.ty.as_deref();
    let binary =
        ty == Some("string") && matches!(schema.format.as_deref(), Some("binary" | "byte"));
    let inline_object = schema.reference.is_none()
        && matches!(ty, None | Some("object"))
        && schema.properties.as_ref().is_some_and(|p| !p.is_empty());
    let media = match (binary, xml) {
        (true, _) => BINARY_MEDIA,
        (false, true) => XML_MEDIA,
        (false, false) => JSON_MEDIA,
    };
    if !body.accepts(media) || (!inline_object && !body.props.is_empty()) {
        cx.warn(
            pp,
            format!("parameter `{name}` skipped: the request already has a body"),
        );
        return;
    }
    body.media = Some(media);
    if inline_object {
        body.props.extend(schema.properties.unwrap_or_default());
        body.required.extend(schema.required);
    } else {
        let schema = if binary {
            Schema {
                ty: Some("string".into()),
                format: Some("binary".into()),
                description: schema.description,
                ..Schema::default()
            }
        } else {
            schema
        };
        body.value = Some((name.to_string(), schema, required));
    }
}

/// Makes an operation's `in: path` parameters fit its path, as the spec dialect requires (and
/// as the official SDKs, which build the path from the template, behave): a `{Name}` without
/// a parameter gets a required string one, a path parameter the path does not name is
/// dropped (a `*` path keeps the first, which holds the whole path, and gets a `requestPath`
/// if it has none), and a path parameter that is not a scalar is sent as a string. Each
/// repair is a warning.
pub(super) fn path_parameters(cx: &mut Ctx, at: &str, path: &str, op: &mut Operation) {
    let names = crate::parse::template_names(path);
    let wildcard = path.ends_with('*');
    let list = &mut op.parameters;
    let in_path = |p: &Parameter| p.location.as_deref() == Some("path");
    let name_of = |p: &Parameter| p.name.clone().unwrap_or_default();
    let mut whole_path = false;
    list.retain_mut(|p| {
        if !in_path(p) {
            return true;
        }
        let name = name_of(p);
        let keep = if names.contains(&name.as_str()) {
            true
        } else if wildcard && !whole_path {
            whole_path = true;
            true
        } else {
            cx.warn(
                &ptr(at, "parameters"),
                format!("path parameter `{name}` dropped: the path `{path}` has no `{{{name}}}`"),
            );
            false
        };
        let scalar = matches!(
            p.schema.as_ref().and_then(|s| s.ty.as_deref()),
            Some("string" | "integer" | "number" | "boolean")
        );
        if keep && !scalar {
            cx.warn(
                &ptr(at, "parameters"),
                format!("path parameter `{name}` is not a scalar; sent as a string"),
            );
            p.schema = Some(string_schema());
            p.style = None;
        }
        keep
    });
    let mut missing: Vec<String> = names
        .iter()
        .filter(|n| !list.iter().any(|p| in_path(p) && name_of(p) == **n))
        .map(|n| n.to_string())
        .collect();
    if wildcard {
        // The names of a `*` path are documentation; its one parameter is the whole path.
        missing.clear();
        if !whole_path {
            missing.push("requestPath".into());
        }
    }
    for (i, name) in missing.into_iter().enumerate() {
        cx.warn(
            &ptr(at, "parameters"),
            format!("path `{path}` has no parameter for `{name}`; a required string one is added"),
        );
        let p = Parameter {
            name: Some(name),
            location: Some("path".into()),
            required: true,
            schema: Some(string_schema()),
            ..Parameter::default()
        };
        list.insert(i, p);
    }
}

fn string_schema() -> Schema {
    Schema {
        ty: Some("string".into()),
        ..Schema::default()
    }
}

/// A path, query or header parameter: the schema's description, example and deprecation
/// are the parameter's.
fn parameter(
    name: &str,
    location: &str,
    required: bool,
    style: Option<&str>,
    mut schema: Schema,
) -> Parameter {
    let idempotency_token = name == "ClientToken"
        && location == "query"
        && !required
        && schema.ty.as_deref() == Some("string")
        && schema.values.is_none();
    Parameter {
        name: Some(name.to_string()),
        location: Some(location.to_string()),
        required: required || location == "path",
        description: schema.description.take(),
        example: schema.example.take(),
        deprecated: std::mem::take(&mut schema.deprecated),
        style: style.map(str::to_string),
        idempotency_token,
        schema: Some(schema),
        ..Parameter::default()
    }
}

/// `responses`: the success response (`200`, else the first 2xx) with the JSON (and XML)
/// examples of `responseDemo`, and the other statuses as they are. A body is what its schema
/// and `produces` say: a JSON object (an RPC response always is: one documented with nothing
/// still carries its `RequestId`), a JSON array, text, bytes, or, for a REST-style operation
/// without a schema, nothing.
fn responses(cx: &mut Ctx, at: &str, api: &Map<String, Json>) -> Entries<Response> {
    let rp = ptr(at, "responses");
    let list = api.get("responses").and_then(Json::as_object);
    let mut out = Entries::new();
    let examples = response_demo(cx, &ptr(at, "responseDemo"), api);
    let status = list
        .and_then(|l| {
            l.contains_key("200")
                .then(|| "200".to_string())
                .or_else(|| {
                    l.keys()
                        .find(|k| k.len() == 3 && k.starts_with('2'))
                        .cloned()
                })
        })
        .unwrap_or_else(|| "200".into());
    let ok = list.and_then(|l| l.get(&status));
    let content = success_content(cx, &rp, &status, api, ok, examples);
    let headers = ok
        .and_then(|r| r.get("headers"))
        .and_then(Json::as_object)
        .map(|h| response_headers(cx, &ptr(&ptr(&rp, &status), "headers"), h))
        .unwrap_or_default();
    let success = Response {
        description: Some("OK".into()),
        headers,
        content,
        ..Response::default()
    };
    out.insert(status.clone(), success);
    for (other_status, r) in list.into_iter().flatten() {
        if *other_status == status {
            continue;
        }
        let description = r
            .get("description")
            .and_then(Json::as_str)
            .filter(|d| !d.trim().is_empty())
            .unwrap_or("Not modelled.");
        let other = Response {
            description: Some(description.to_string()),
            ..Response::default()
        };
        out.insert(other_status.clone(), other);
    }
    out
}

/// Response headers whose value is an unsigned 64-bit decimal, which an `integer` (`i64`)
/// cannot hold: Object Storage's CRC-64 (ECMA-182), half of whose values are above
/// `i64::MAX`. A document that types one as an integer has it imported as a string, as its
/// other declarations and Alibaba's OSS SDK v2 (`hashCRC64()`) have it.
const UNSIGNED_64_HEADERS: &[&str] = &["x-oss-hash-crc64ecma"];

/// The success response's `headers` (OpenAPI Header Objects): each one's description (the
/// metadata's `title` or `description`) and schema.
fn response_headers(cx: &mut Ctx, at: &str, headers: &Map<String, Json>) -> Entries<Header> {
    let mut out = Entries::new();
    for (name, h) in headers {
        let empty = Json::Object(Map::new());
        let schema_json = h.get("schema").unwrap_or(&empty);
        let at = ptr(&ptr(at, name), "schema");
        let (mut schema, _) = convert_schema(cx, &at, schema_json, 0);
        if schema.ty.as_deref() == Some("integer")
            && UNSIGNED_64_HEADERS
                .iter()
                .any(|h| h.eq_ignore_ascii_case(name))
        {
            cx.warn(
                &at,
                format!("`{name}` is an unsigned 64-bit value an integer cannot hold; imported as a string"),
            );
            schema.ty = Some("string".into());
            schema.format = None;
        }
        let description = schema.description.take().or_else(|| {
            schema_json
                .get("title")
                .and_then(Json::as_str)
                .map(|t| t.trim().to_string())
        });
        let header = Header {
            description,
            schema: Some(schema),
            ..Header::default()
        };
        out.insert(name.clone(), header);
    }
    out
}

/// The success response's `content`, by media type: a binary or text body, a JSON array, or
/// a JSON object (the result envelope's facts added) with its examples, JSON and XML.
fn success_content(
    cx: &mut Ctx,
    rp: &str,
    status: &str,
    api: &Map<String, Json>,
    ok: Option<&Json>,
    (json_example, xml_example): (Option<Yaml>, Option<String>),
) -> Entries<MediaType> {
    let rest = api.contains_key("path");
    let produces_binary = api
        .get("produces")
        .and_then(Json::as_array)
        .is_some_and(|p| p.iter().any(|m| m.as_str() == Some(BINARY_MEDIA)));
    let schema = ok
        .and_then(|r| r.get("schema"))
        .map(|s| convert_schema(cx, &ptr(&ptr(rp, status), "schema"), s, 0).0);
    // The type of the schema, or of the component it refers to.
    let components = cx.components;
    let ty = schema.as_ref().and_then(|s| {
        s.ty.as_deref().or_else(|| {
            let target = s.reference.as_deref().and_then(crate::parse::ref_name)?;
            components.get(target)?.get("type")?.as_str()
        })
    });
    let binary = schema
        .as_ref()
        .and_then(|s| s.format.as_deref())
        .is_some_and(|f| matches!(f, "binary" | "byte"));
    let mut content = Entries::new();
    let media = |schema: Schema, example: Option<Yaml>| MediaType {
        schema: Some(schema),
        example,
        ..MediaType::default()
    };
    let plain = |ty: &str, format: Option<&str>| Schema {
        ty: Some(ty.to_string()),
        format: format.map(str::to_string),
        ..Schema::default()
    };
    match schema {
        // A download (OSS GetObject): bytes, documented by `produces` alone.
        None if rest && produces_binary => {
            content.insert(
                BINARY_MEDIA.into(),
                media(plain("string", Some("binary")), None),
            );
        }
        None if rest => {}
        Some(_) if ty == Some("string") && (binary || produces_binary) => {
            content.insert(
                BINARY_MEDIA.into(),
                media(plain("string", Some("binary")), None),
            );
        }
        Some(_) if ty == Some("string") => {
            content.insert("text/plain".into(), media(plain("string", None), None));
        }
        Some(s) if ty == Some("array") => {
            let example = json_example.filter(Yaml::is_sequence);
            content.insert(JSON_MEDIA.into(), media(s, example));
        }
        schema => {
            let schema = response_object(cx, rp, status, schema.unwrap_or_default());
            let example = json_example.filter(Yaml::is_mapping);
            content.insert(JSON_MEDIA.into(), media(schema, example));
            if let Some(x) = xml_example {
                let xml = MediaType {
                    example: Some(x.into()),
                    ..MediaType::default()
                };
                content.insert(XML_MEDIA.into(), xml);
            }
        }
    }
    content
}

/// Whether the 200 body is Alibaba's result envelope (`Success` boolean beside `Code`, as
/// every BssOpenApi response): a `Success: false` body on HTTP 200 is then an error.
fn result_envelope(responses: &Entries<Response>) -> bool {
    let props = responses
        .get("200")
        .and_then(|r| r.content.get(JSON_MEDIA))
        .and_then(|m| m.schema.as_ref())
        .and_then(|s| s.properties.as_ref());
    props.is_some_and(|p| {
        p.get("Success").and_then(|s| s.ty.as_deref()) == Some("boolean") && p.contains_key("Code")
    })
}

/// The 200 schema as an object with properties: a response is always a JSON object, and
/// one documented with nothing still carries its `RequestId`.
fn response_object(cx: &mut Ctx, at: &str, status: &str, mut schema: Schema) -> Schema {
    if let Some(name) = schema.reference.as_deref().and_then(crate::parse::ref_name) {
        let target = cx.components.get(name);
        let object = target.is_some_and(|t| {
            t.get("properties")
                .and_then(Json::as_object)
                .is_some_and(|p| !p.is_empty())
                && matches!(t.get("type").and_then(Json::as_str), None | Some("object"))
        });
        if object {
            return schema;
        }
        schema.reference = None;
    }
    let is_object = matches!(schema.ty.as_deref(), None | Some("object"));
    let has_props = schema.properties.as_ref().is_some_and(|p| !p.is_empty());
    if is_object && has_props {
        return schema;
    }
    cx.warn(
        &ptr(at, status),
        format!("the {status} response documents no fields; only `RequestId` is modelled"),
    );
    let request_id = Schema {
        ty: Some("string".into()),
        description: Some("The request ID.".into()),
        ..Schema::default()
    };
    schema.ty = Some("object".into());
    schema.items = None;
    schema.additional_properties = None;
    schema.properties = Some(
        [("RequestId".to_string(), request_id)]
            .into_iter()
            .collect(),
    );
    schema
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
                Ok(v) if v.is_object() || v.is_array() => json = serde_yaml::to_value(v).ok(),
                _ => cx.warn(
                    &format!("{at}[{i}]"),
                    "the JSON example is not a JSON object or array; dropped",
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
fn error_codes(cx: &mut Ctx, at: &str, codes: Option<&Json>) -> Option<Vec<ErrorCode>> {
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
            let message = row
                .get("errorMessage")
                .and_then(Json::as_str)
                .map(str::trim)
                .unwrap_or_default();
            let description = row
                .get("description")
                .and_then(Json::as_str)
                .map(str::trim)
                .filter(|d| !d.is_empty())
                .map(doc_links);
            out.push(ErrorCode {
                status: Some(status),
                code: Some(code.to_string()),
                message: Some(message.to_string()),
                description,
                ..ErrorCode::default()
            });
        }
    }
    Some(out)
}
