//! Step 3 of 4: lower a validated spec to the intermediate model ([`crate::model`]).
//!
//! Lowering decides every generated name, each from where the item is, never from what else
//! the spec holds. Inline enums and objects are named after their parent and property
//! (`DescribeInstancesStatus`, `RefundInstanceResponseData`); one identical to an enum or
//! object seen before shares that type under its own name (an alias), so adding, removing
//! or reordering operations renames nothing that stays.

use crate::model::*;
use crate::names;
use crate::parse::{self, ref_name, Document, Entries, Schema, ACTION_PREFIX};
use serde_yaml::Value;
use std::collections::{BTreeMap, BTreeSet};

/// Lowers the common error table: each code once, each with a unique variant.
pub(crate) fn common_errors(codes: &[parse::ErrorCode]) -> Vec<ErrorCode> {
    error_variants(codes.iter().map(|e| error_code(e, true)))
}

fn error_code(e: &parse::ErrorCode, common: bool) -> ErrorCode {
    let code = e.code.clone().unwrap_or_default();
    ErrorCode {
        variant: names::type_name(&code),
        code,
        status: e.status.unwrap_or(400),
        message: e.message.clone().unwrap_or_default(),
        description: e.description.clone().unwrap_or_default(),
        retryable: e.retryable,
        common,
    }
}

/// Lowers one validated product spec.
pub(crate) fn service(
    spec_file: &str,
    spec_sha256: &str,
    doc: &Document,
    common: &[ErrorCode],
) -> Service {
    let info = doc.info.as_ref();
    let product = info.and_then(|i| i.product.clone()).unwrap_or_default();
    let version = info.and_then(|i| i.version.clone()).unwrap_or_default();
    let product_module = names::product_module(&product);
    let version_module = names::version_module(&version);
    let server = doc.servers.first();
    let endpoints = Endpoints {
        template: server.and_then(|s| s.url.clone()).unwrap_or_default(),
        default_region: server
            .and_then(|s| s.variables.get("regionId"))
            .and_then(|v| v.default.clone()),
        regional: doc
            .endpoints
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
    };
    let empty = Entries::new();
    let components = doc
        .components
        .as_ref()
        .map(|c| &c.schemas)
        .unwrap_or(&empty);
    let (mut reserved, output_names) = reserved_names(doc);
    let component_names = component_names(&reserved, components);
    // An operation answering a component also gets its `<Action>Response` name (an alias,
    // see `output_type`), unless a component has it: no inline type takes it.
    reserved.extend(
        output_names
            .into_iter()
            .filter(|n| !component_names.values().any(|c| c == n)),
    );
    let mut types = Types {
        defs: BTreeMap::new(),
        component_names,
        reserved,
        components,
        shapes: Default::default(),
    };
    for name in components.keys() {
        types.component(name, false);
    }
    let mut operations = Vec::new();
    for (key, item) in &doc.paths {
        for (http_method, op) in item.operations() {
            let action = parse::action(key, op);
            let spec_path = format!("paths.{key}.{}", http_method.as_str().to_lowercase());
            operations.push(operation(
                action,
                key,
                spec_path,
                http_method,
                op,
                common,
                &mut types,
            ));
        }
    }
    operations.sort_by(|a, b| a.action.cmp(&b.action));
    for op in &operations {
        if let Some(TypeDef::Struct(s)) = types.defs.get_mut(&op.response_type) {
            s.output = true;
            // An output's `meta` is its response metadata: a body field of that name
            // (SLS `GetLogsV2`) is `meta_field`.
            for f in &mut s.fields {
                if f.rust_name == "meta" {
                    f.rust_name = "meta_field".into();
                }
            }
        }
    }
    // Every alias stays, also one nothing names (inside an object that turned out to be an
    // alias itself): it is the name of a place in the spec, which callers may have written.
    Service {
        spec_file: spec_file.to_string(),
        spec_sha256: spec_sha256.to_string(),
        feature: names::version_feature(&product_module, &version),
        product_module,
        version_module,
        title: info
            .and_then(|i| i.title.clone())
            .unwrap_or_else(|| product.clone()),
        description: info.and_then(|i| i.description.clone()).unwrap_or_default(),
        product,
        version,
        endpoints,
        protocol: info
            .and_then(|i| i.style.as_deref())
            .and_then(crate::model::Protocol::from_style)
            .unwrap_or_default(),
        operations,
        types: types.defs.into_values().collect(),
    }
}

fn operation(
    action: &str,
    key: &str,
    spec_path: String,
    http_method: HttpMethod,
    op: &parse::Operation,
    common: &[ErrorCode],
    types: &mut Types,
) -> Operation {
    let type_base = names::type_name(action);
    let params = params(op, &type_base, types);
    let (body, ok, schema) = parse::output_body(op, types.components);
    let json = ok.and_then(|r| r.content.get(parse::JSON_MEDIA));
    let response_type = output_type(action, &type_base, body, ok, schema, types);
    if let Some(ok) = ok {
        header_fields(action, &type_base, &response_type, ok, types);
    }
    let pagination = crate::pagination::resolve_pagination(op, types.components)
        .ok()
        .flatten()
        .and_then(|wire| pagination(&wire, &params, &response_type, types));
    let errors = error_variants(
        op.error_codes
            .iter()
            .flatten()
            .map(|e| error_code(e, false))
            .chain(common.iter().cloned()),
    );
    let other_examples = ok
        .map(|r| {
            r.content
                .iter()
                .filter(|(media, _)| media.as_str() != parse::JSON_MEDIA)
                .filter_map(|(media, m)| {
                    m.example.as_ref().map(|e| (media.clone(), scalar_text(e)))
                })
                .collect()
        })
        .unwrap_or_default();
    Operation {
        action: action.to_string(),
        spec_path,
        method_name: names::field_name(action),
        request_type: names::operation_types(action).request,
        error_type: names::operation_types(action).error,
        response_type,
        http_method,
        path: parse::path_template(key).to_string(),
        summary: op.summary.clone().unwrap_or_default(),
        description: op.description.clone().unwrap_or_default(),
        deprecated: op.deprecated,
        params,
        success_field: op.success_field.clone(),
        idempotent: op
            .idempotent
            .unwrap_or(!key.starts_with(ACTION_PREFIX) && http_method.is_idempotent()),
        anonymous: op.security.as_ref().is_some_and(Vec::is_empty),
        xml_body: op
            .request_body
            .as_ref()
            .is_some_and(|b| b.content.contains_key(parse::XML_MEDIA)),
        errors,
        ram: op.ram.as_ref().map(|r| Ram {
            note: r.note.clone(),
            actions: r
                .actions
                .iter()
                .map(|a| RamAction {
                    action: a.action.clone().unwrap_or_default(),
                    access_level: a.access_level.clone().unwrap_or_default(),
                    resource_types: a.resource_types.clone(),
                    condition_keys: a.condition_keys.clone(),
                    associated_operations: a.associated_operations.clone(),
                })
                .collect(),
        }),
        success_example: json
            .and_then(|m| m.example.as_ref())
            .and_then(|e| serde_json::to_value(e).ok()),
        other_examples,
        pagination,
    }
}

/// The Rust names of an operation's pagination fields: its parameters, and the fields of its
/// output at the paths given.
fn pagination(
    wire: &crate::pagination::WirePagination,
    params: &[Param],
    response_type: &str,
    types: &Types,
) -> Option<Pagination> {
    let request = |name: &Option<String>| -> Option<Option<RequestField>> {
        let Some(name) = name else {
            return Some(None);
        };
        let p = params.iter().find(|p| &p.wire_name == name)?;
        Some(Some(RequestField {
            wire_name: p.wire_name.clone(),
            rust_name: p.rust_name.clone(),
            ty: p.ty.clone(),
            required: p.required,
        }))
    };
    let response = |path: &[String]| -> Option<FieldPath> {
        let mut ty = Type::Struct(response_type.to_string());
        let mut steps = Vec::new();
        for wire_name in path {
            let Type::Struct(name) = types.canonical(&ty) else {
                return None;
            };
            let Some(TypeDef::Struct(s)) = types.defs.get(&name) else {
                return None;
            };
            let field = s.fields.iter().find(|f| &f.wire_name == wire_name)?;
            steps.push((field.rust_name.clone(), field.required));
            ty = field.ty.clone();
        }
        Some(FieldPath {
            steps,
            wire: path.to_vec(),
            ty,
        })
    };
    let optional = |path: &Option<Vec<String>>| match path {
        Some(p) => response(p).map(Some),
        None => Some(None),
    };
    Some(Pagination {
        paging: wire.paging,
        input_token: request(&wire.input_token)?,
        page_number: request(&wire.page_number)?,
        page_size: request(&wire.page_size)?,
        output_token: optional(&wire.output_token)?,
        items: response(&wire.items).filter(|p| matches!(p.ty, Type::Array(_)))?,
        total: optional(&wire.total)?,
    })
}

/// Adds the response headers the success answer declares (`ETag`, `x-oss-version-id`) to the
/// operation's own output as fields named after them: an object's, or one with no body (which
/// becomes an object read from the headers alone). A shared component or a text or binary
/// output is left as it is.
fn header_fields(
    action: &str,
    type_base: &str,
    response_type: &str,
    ok: &parse::Response,
    types: &mut Types,
) {
    if ok.headers.is_empty() || response_type != names::operation_types(action).response {
        return;
    }
    // What the transport says of any answer is no field of the output.
    const TRANSPORT: &[&str] = &[
        "connection",
        "content-length",
        "date",
        "keep-alive",
        "server",
        "transfer-encoding",
    ];
    let mut fields = Vec::new();
    for (name, header) in &ok.headers {
        if TRANSPORT.iter().any(|t| t.eq_ignore_ascii_case(name)) {
            continue;
        }
        let ty = match &header.schema {
            Some(s) => match types.ty(s, type_base, name, false) {
                t @ (Type::String | Type::Int32 | Type::Int64 | Type::Float | Type::Bool) => t,
                _ => Type::String,
            },
            None => Type::String,
        };
        let description = header
            .description
            .clone()
            .or_else(|| header.schema.as_ref().and_then(|s| s.description.clone()))
            .unwrap_or_default();
        fields.push(Field {
            wire_name: name.clone(),
            rust_name: names::field_name(name),
            description,
            example: None,
            required: false,
            ty,
            sensitive: false,
        });
    }
    let Some(TypeDef::Struct(s)) = types.defs.get_mut(response_type) else {
        return;
    };
    if !matches!(s.body, OutputBody::Object | OutputBody::Empty) {
        return;
    }
    s.body = OutputBody::Object;
    for f in fields {
        if !s.fields.iter().any(|e| e.rust_name == f.rust_name) {
            s.headers.push(f.wire_name.clone());
            s.fields.push(f);
        }
    }
}

/// The output type of an operation whose success body is `body`: the struct of a JSON object
/// (inline, registered as `{Action}Response`, or a component), else an `{Action}Response` of
/// its own: an array's `items`, a text or binary `body`, or only the metadata (also for a
/// JSON object of unknown fields).
fn output_type(
    action: &str,
    type_base: &str,
    body: OutputBody,
    ok: Option<&parse::Response>,
    schema: Option<&Schema>,
    types: &mut Types,
) -> String {
    let response_type = names::operation_types(action).response;
    // An inline response object is registered as `{Op}Response`; a `$ref` uses the component.
    let object = match (body, schema) {
        (OutputBody::Object, Some(s)) => match types.ty(s, type_base, "Response", false) {
            Type::Struct(name) => Some(name),
            _ => None,
        },
        _ => None,
    };
    match object {
        Some(name) => {
            // A component's object: `<Action>Response` names it too, unless a component has
            // that name.
            if name != response_type && !types.defs.contains_key(&response_type) {
                types.alias(&response_type, name.clone());
            }
            name
        }
        None => {
            let field = |name: &str, wire: &str, ty| Field {
                wire_name: wire.to_string(),
                rust_name: name.to_string(),
                description: ok
                    .and_then(|r| r.description.as_deref())
                    .unwrap_or_default()
                    .trim()
                    .to_string(),
                example: None,
                required: true,
                ty,
                sensitive: false,
            };
            let fields = match body {
                OutputBody::Array => {
                    let items =
                        schema.map_or(Type::Any, |s| types.ty(s, type_base, "Response", false));
                    vec![field("items", "", items)]
                }
                OutputBody::Text => vec![field("body", "", Type::String)],
                OutputBody::Bytes => vec![field("body", "", Type::Bytes)],
                _ => Vec::new(),
            };
            types.defs.insert(
                response_type.clone(),
                TypeDef::Struct(StructDef {
                    name: response_type.clone(),
                    description: format!("Response of `{action}`."),
                    fields,
                    in_request: false,
                    in_response: true,
                    output: true,
                    body,
                    headers: Vec::new(),
                }),
            );
            response_type
        }
    }
}

/// A request field of `schema` named `name` on the wire, with what every place shares (its
/// Rust name, deprecation, secrecy); the caller sets its docs, requiredness and style.
fn request_field(
    name: &str,
    location: Location,
    ty: Type,
    schema: &Schema,
    components: &Entries<Schema>,
) -> Param {
    Param {
        wire_name: name.to_string(),
        rust_name: names::field_name(name),
        doc: Doc::default(),
        required: false,
        location,
        style: Style::Flat,
        ty,
        idempotency_token: false,
        deprecated: schema.deprecated,
        sensitive: parse::is_sensitive(schema, components),
        prefixed: false,
    }
}

/// An operation's parameters: its `parameters` in spec order (path, query and header ones),
/// then its body's fields (form fields, a JSON object's properties) or its one body value.
/// A field whose Rust name a field of an earlier [`Location`] has gets its location's prefix.
fn params(op: &parse::Operation, type_base: &str, types: &mut Types) -> Vec<Param> {
    let mut params = Vec::new();
    for p in &op.parameters {
        let (Some(name), Some(schema)) = (&p.name, &p.schema) else {
            continue;
        };
        let location = match p.location.as_deref() {
            Some("query") => Location::Query,
            Some("path") => Location::Path,
            Some("header") => Location::Header,
            Some("host") => Location::Host,
            _ => continue,
        };
        let ty = types.ty(schema, type_base, name, true);
        params.push(Param {
            doc: doc(
                p.description.as_deref(),
                p.example.as_ref().or(schema.example.as_ref()),
                schema.default.as_ref(),
            ),
            required: p.required || location == Location::Path,
            style: style(p.style.as_deref(), &ty),
            idempotency_token: p.idempotency_token,
            deprecated: p.deprecated || schema.deprecated,
            ..request_field(name, location, ty, schema, types.components)
        });
    }
    if let Some(body) = &op.request_body {
        for (media, m) in &body.content {
            let Some(schema) = &m.schema else { continue };
            let location = match media.as_str() {
                parse::FORM_MEDIA => Location::Body,
                parse::JSON_MEDIA | parse::XML_MEDIA
                    if schema.reference.is_none() && schema.properties.is_some() =>
                {
                    Location::Json
                }
                parse::JSON_MEDIA | parse::BINARY_MEDIA => Location::Payload,
                _ => continue,
            };
            if location == Location::Payload {
                let name = body
                    .body_name
                    .as_deref()
                    .unwrap_or(parse::DEFAULT_BODY_NAME);
                let ty = if media == parse::BINARY_MEDIA {
                    Type::Bytes
                } else {
                    types.ty(schema, type_base, name, true)
                };
                params.push(Param {
                    doc: doc(
                        body.description
                            .as_deref()
                            .or(schema.description.as_deref()),
                        m.example.as_ref().or(schema.example.as_ref()),
                        schema.default.as_ref(),
                    ),
                    required: body.required,
                    style: Style::Json,
                    ..request_field(name, location, ty, schema, types.components)
                });
                continue;
            }
            for (name, prop) in schema.properties.iter().flatten() {
                let ty = types.ty(prop, type_base, name, true);
                params.push(Param {
                    doc: doc(
                        prop.description.as_deref(),
                        prop.example.as_ref(),
                        prop.default.as_ref(),
                    ),
                    required: schema.required.contains(name),
                    style: style(m.encoding.get(name).and_then(|e| e.style.as_deref()), &ty),
                    ..request_field(name, location, ty, prop, types.components)
                });
            }
        }
    }
    let earlier: Vec<(Location, String)> = params
        .iter()
        .map(|p| (p.location, p.rust_name.clone()))
        .collect();
    for p in &mut params {
        if earlier
            .iter()
            .any(|(l, n)| *l < p.location && *n == p.rust_name)
        {
            p.rust_name = format!("{}_{}", p.location.prefix(), p.rust_name);
            p.prefixed = true;
        }
    }
    params
}

/// An operation's error table: each code once (its first row wins, so an operation's own row
/// beats the common one), each with a unique variant that depends on the code alone, never on
/// the rest of the table. Of the codes that derive the same variant (`InvalidInstance`,
/// `Invalid.Instance`), the one spelled exactly as the variant keeps it, else the first in
/// code order; each other one is spelled as written ([`names::verbatim_type_name`]:
/// `Invalid_Instance`), and only when that is taken too gets the first free number. The
/// reserved `Unhandled` and `Common` are never kept. So inserting a code renames no code
/// spelled as its variant, nor one that sorts before the newcomer.
fn error_variants(codes: impl Iterator<Item = ErrorCode>) -> Vec<ErrorCode> {
    let mut seen = BTreeSet::new();
    let mut out: Vec<ErrorCode> = codes.filter(|e| seen.insert(e.code.clone())).collect();
    let reserved = [UNHANDLED, COMMON];
    // Who keeps each derived name: the exact spelling, else the first code in code order.
    let mut keeper: BTreeMap<&str, &str> = BTreeMap::new();
    let mut by_code: Vec<&ErrorCode> = out.iter().collect();
    by_code.sort_by(|a, b| a.code.cmp(&b.code));
    for e in &by_code {
        if reserved.contains(&e.variant.as_str()) {
            continue;
        }
        let current = keeper.entry(&e.variant).or_insert(&e.code);
        if e.code == e.variant {
            *current = &e.code;
        }
    }
    let keepers: BTreeSet<String> = keeper.values().map(|c| c.to_string()).collect();
    let mut taken: BTreeSet<String> = keeper.keys().map(|v| v.to_string()).collect();
    taken.extend(reserved.iter().map(|r| r.to_string()));
    let mut others: Vec<usize> = (0..out.len())
        .filter(|&i| !keepers.contains(&out[i].code))
        .collect();
    others.sort_by(|&a, &b| out[a].code.cmp(&out[b].code));
    // Spelled as written first, so that a number goes only where that is taken.
    let mut numbered = Vec::new();
    for i in others {
        let verbatim = names::verbatim_type_name(&out[i].code);
        if taken.insert(verbatim.clone()) {
            out[i].variant = verbatim;
        } else {
            numbered.push(i);
        }
    }
    for i in numbered {
        let base = out[i].variant.clone();
        let mut n = 2;
        while taken.contains(&format!("{base}{n}")) {
            n += 1;
        }
        out[i].variant = format!("{base}{n}");
        taken.insert(out[i].variant.clone());
    }
    out
}

/// The wire style of a value of type `ty`: a scalar is always sent as text, whatever the
/// spec says (validation warns about a style on a scalar).
fn style(s: Option<&str>, ty: &Type) -> Style {
    match ty {
        Type::Array(_) | Type::Map(_) | Type::Struct(_) | Type::Any => {
            s.and_then(Style::from_name).unwrap_or(Style::Flat)
        }
        _ => Style::Flat,
    }
}

/// The Rust type name of every component, decided once per spec. Any component name is
/// accepted: the name is derived (`QueryBillToOSSSubscriptionResponseBody` →
/// `QueryBillToOssSubscriptionResponseBody`), and a derived name already taken (by another
/// component, the client, or an operation's `<Action>Request`/`<Action>Error`, or its
/// inline `<Action>Response`) gets `Schema`, then a number, appended. Components are taken
/// in name order, so the result is deterministic.
fn component_names(
    reserved: &BTreeSet<String>,
    components: &Entries<Schema>,
) -> BTreeMap<String, String> {
    let mut taken = reserved.clone();
    let mut out = BTreeMap::new();
    for name in components.keys() {
        let base = names::type_name(name);
        let mut candidate = base.clone();
        let mut n = 1;
        while taken.contains(&candidate) {
            n += 1;
            candidate = if n == 2 {
                format!("{base}Schema")
            } else {
                format!("{base}Schema{n}")
            };
        }
        taken.insert(candidate.clone());
        out.insert(name.clone(), candidate);
    }
    out
}

/// Type names the generator itself uses: the client, the names every version module
/// re-exports, and each operation's request, error and (when inline) response type; and
/// apart, the `<Action>Response` names of the operations that answer a component.
fn reserved_names(doc: &Document) -> (BTreeSet<String>, BTreeSet<String>) {
    let mut taken: BTreeSet<String> = [
        "Client",
        COMMON_ERROR_TYPE,
        COMMON_CODES_TRAIT,
        SERVICE_ERROR_TRAIT,
    ]
    .into_iter()
    .map(String::from)
    .collect();
    let mut outputs = BTreeSet::new();
    let components = doc.components.as_ref().map(|c| &c.schemas);
    let empty = Entries::new();
    let components = components.unwrap_or(&empty);
    for (key, item) in &doc.paths {
        for (_, op) in item.operations() {
            let types = names::operation_types(parse::action(key, op));
            taken.insert(types.request);
            taken.insert(types.error);
            // Only an output that is a component's object is not `{Action}Response`.
            let component_output = match parse::output_body(op, components) {
                (OutputBody::Object, _, Some(schema)) => schema.reference.is_some(),
                _ => false,
            };
            if component_output {
                outputs.insert(types.response);
            } else {
                taken.insert(types.response);
            }
        }
    }
    (taken, outputs)
}

/// Text of a scalar YAML value as a user would type it (`1`, `cn-hangzhou`, `""` for empty).
pub(crate) fn scalar_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::Null => "null".into(),
        other => serde_json::to_string(other).unwrap_or_default(),
    }
}

fn doc(description: Option<&str>, example: Option<&Value>, default: Option<&Value>) -> Doc {
    Doc {
        description: description.unwrap_or_default().trim().to_string(),
        example: example.map(scalar_text),
        default: default.map(scalar_text),
    }
}

struct Types<'a> {
    /// Named types by Rust name.
    defs: BTreeMap<String, TypeDef>,
    components: &'a Entries<Schema>,
    /// Component name → Rust type name.
    component_names: BTreeMap<String, String>,
    /// Names of the generator's own types, never given to an inline type.
    reserved: BTreeSet<String>,
    /// Inline object shapes (description and fields) to the type first made for them.
    shapes: std::collections::HashMap<String, String>,
}

impl Types<'_> {
    /// Registers a component schema (once) and returns its type.
    fn component(&mut self, component: &str, request: bool) -> Type {
        let (Some(schema), Some(name)) = (
            self.components.get(component),
            self.component_names.get(component).cloned(),
        ) else {
            return Type::Any;
        };
        let name = name.as_str();
        if let Some(def) = self.defs.get_mut(name) {
            if let TypeDef::Struct(s) = def {
                let newly = request && !s.in_request;
                s.in_request |= request;
                s.in_response |= !request;
                if newly {
                    // Nested structs are used in requests too now.
                    let fields = s.fields.clone();
                    for f in fields {
                        self.mark_request(&f.ty);
                    }
                }
                return Type::Struct(name.to_string());
            }
            return Type::Enum(name.to_string());
        }
        let is_object = schema.properties.is_some();
        let is_enum = schema.values.is_some();
        if !is_object && !is_enum {
            return self.ty(schema, name, "", request);
        }
        if is_enum {
            let def = enum_def(name, schema);
            self.defs.insert(name.to_string(), TypeDef::Enum(def));
            return Type::Enum(name.to_string());
        }
        // Insert first so recursion through nested refs sees it.
        self.defs.insert(
            name.to_string(),
            TypeDef::Struct(StructDef {
                name: name.to_string(),
                description: schema.description.clone().unwrap_or_default(),
                fields: vec![],
                in_request: request,
                in_response: !request,
                output: false,
                body: OutputBody::Object,
                headers: Vec::new(),
            }),
        );
        let fields = self.fields(schema, name, request);
        if let Some(TypeDef::Struct(s)) = self.defs.get_mut(name) {
            s.fields = fields;
        }
        Type::Struct(name.to_string())
    }

    /// `base`, or with the first free number appended when a type (components are all
    /// registered first) or the generator already has that name: two places that spell the
    /// same (`AB` + `C` and `A` + `BC`), rare, and only these two depend on each other's order.
    fn free_name(&self, base: &str) -> String {
        let taken = |n: &String| self.defs.contains_key(n) || self.reserved.contains(n);
        let mut candidate = base.to_string();
        let mut n = 1;
        while taken(&candidate) {
            n += 1;
            candidate = format!("{base}{n}");
        }
        candidate
    }

    /// Registers `name` as another name of the type `target`.
    fn alias(&mut self, name: &str, target: String) {
        self.defs.insert(
            name.to_string(),
            TypeDef::Alias(AliasDef {
                name: name.to_string(),
                target,
            }),
        );
    }

    fn canonical(&self, ty: &Type) -> Type {
        match ty {
            Type::Struct(n) | Type::Enum(n) => match (self.defs.get(n), ty) {
                (Some(TypeDef::Alias(a)), Type::Struct(_)) => Type::Struct(a.target.clone()),
                (Some(TypeDef::Alias(a)), _) => Type::Enum(a.target.clone()),
                _ => ty.clone(),
            },
            Type::Array(t) => Type::Array(Box::new(self.canonical(t))),
            Type::Map(t) => Type::Map(Box::new(self.canonical(t))),
            other => other.clone(),
        }
    }

    fn mark_request(&mut self, ty: &Type) {
        let ty = &self.canonical(ty);
        match ty {
            // Components and inline types alike are registered by Rust name before any
            // request marks them (components first of all), so the definition is there.
            Type::Struct(n) => {
                if let Some(TypeDef::Struct(s)) = self.defs.get_mut(n) {
                    if !s.in_request {
                        s.in_request = true;
                        let fields = s.fields.clone();
                        for f in fields {
                            self.mark_request(&f.ty);
                        }
                    }
                }
            }
            Type::Array(t) | Type::Map(t) => self.mark_request(t),
            _ => {}
        }
    }

    fn fields(&mut self, schema: &Schema, parent: &str, request: bool) -> Vec<Field> {
        let mut fields = Vec::new();
        for (name, prop) in schema.properties.iter().flatten() {
            let ty = self.ty(prop, parent, name, request);
            let resolved = parse::resolve(prop, self.components);
            fields.push(Field {
                wire_name: name.clone(),
                rust_name: names::field_name(name),
                description: prop
                    .description
                    .clone()
                    .or_else(|| resolved.description.clone())
                    .unwrap_or_default()
                    .trim()
                    .to_string(),
                example: prop.example.as_ref().map(scalar_text),
                required: schema.required.contains(name),
                ty,
                sensitive: parse::is_sensitive(prop, self.components),
            });
        }
        fields
    }

    /// The type of `schema`, registering inline enums and objects. `parent` and `name` make
    /// the name of an inline type.
    fn ty(&mut self, schema: &Schema, parent: &str, name: &str, request: bool) -> Type {
        if let Some(target) = schema.reference.as_deref().and_then(ref_name) {
            return self.component(target, request);
        }
        let ty = schema
            .ty
            .as_deref()
            .or(schema.properties.as_ref().map(|_| "object"));
        match ty {
            Some("string") if schema.values.is_some() => {
                let candidate = self.free_name(&format!("{parent}{}", names::type_name(name)));
                let def = enum_def(&candidate, schema);
                // An enum identical to one seen before (the same `Status` values in every
                // operation) is that enum, under its own name.
                let key = format!(
                    "enum{:?}",
                    EnumDef {
                        name: String::new(),
                        ..def.clone()
                    }
                );
                if let Some(existing) = self.shapes.get(&key).cloned() {
                    self.alias(&candidate, existing);
                } else {
                    self.shapes.insert(key, candidate.clone());
                    self.defs.insert(candidate.clone(), TypeDef::Enum(def));
                }
                Type::Enum(candidate)
            }
            Some("string") => Type::String,
            Some("integer") if schema.format.as_deref() == Some("int32") => Type::Int32,
            Some("integer") => Type::Int64,
            Some("number") => Type::Float,
            Some("boolean") => Type::Bool,
            Some("array") => {
                let item_name = format!("{}Item", names::type_name(name));
                let items = schema
                    .items
                    .as_deref()
                    .map(|i| self.ty(i, parent, &item_name, request))
                    .unwrap_or(Type::Any);
                Type::Array(Box::new(items))
            }
            Some("object") => {
                if let Some(values) = &schema.additional_properties {
                    return Type::Map(Box::new(self.ty(values, parent, name, request)));
                }
                if schema.properties.is_none() {
                    return Type::Map(Box::new(Type::Any));
                }
                // `{Action}Response` for an operation's inline answer, as `names` derives it.
                let base = format!("{parent}{}", names::type_name(name));
                // An inline response takes its reserved `<Action>Response`; nothing else does.
                let candidate = if name == "Response" && !self.defs.contains_key(&base) {
                    base
                } else {
                    self.free_name(&base)
                };
                self.defs.insert(
                    candidate.clone(),
                    TypeDef::Struct(StructDef {
                        name: candidate.clone(),
                        description: match (&schema.description, name == "Response") {
                            (Some(d), _) => d.trim().to_string(),
                            (None, true) => format!("Response of `{parent}`."),
                            (None, false) => String::new(),
                        },
                        fields: vec![],
                        in_request: request,
                        in_response: !request,
                        output: false,
                        body: OutputBody::Object,
                        headers: Vec::new(),
                    }),
                );
                let fields = self.fields(schema, &candidate, request);
                let description = match self.defs.get(&candidate) {
                    Some(TypeDef::Struct(s)) => s.description.clone(),
                    _ => String::new(),
                };
                // An inline object identical to one seen before (the same `Tags` item in
                // every operation) shares its struct, under its own name: an alias, so that
                // the name callers see depends only on where the object is. Shapes compare
                // by their fields as spelled: a shared struct's fields are spelled once, so
                // an object whose fields name its own inline types (`param:
                // <Place>Param`) keeps a struct of its own, or an identical copy registered
                // first would respell them with its place. Those inline types share in
                // turn, under their own names. Operation responses keep a struct of their
                // own.
                let key = format!("{description:?}{fields:?}");
                if name != "Response" {
                    if let Some(existing) = self.shapes.get(&key).cloned() {
                        self.alias(&candidate, existing.clone());
                        if request {
                            self.mark_request(&Type::Struct(existing.clone()));
                        } else if let Some(TypeDef::Struct(s)) = self.defs.get_mut(&existing) {
                            s.in_response = true;
                        }
                        return Type::Struct(candidate);
                    }
                    self.shapes.insert(key, candidate.clone());
                }
                if let Some(TypeDef::Struct(s)) = self.defs.get_mut(&candidate) {
                    s.fields = fields;
                }
                Type::Struct(candidate)
            }
            _ => Type::Any,
        }
    }
}

fn enum_def(name: &str, schema: &Schema) -> EnumDef {
    let wires: Vec<String> = schema
        .values
        .iter()
        .flatten()
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect();
    let values = wires
        .iter()
        .enumerate()
        .map(|(i, w)| EnumValue {
            wire: w.clone(),
            variant: names::type_name(
                schema
                    .enum_varnames
                    .as_ref()
                    .and_then(|n| n.get(i))
                    .unwrap_or(w),
            ),
            description: schema
                .enum_descriptions
                .as_ref()
                .and_then(|d| d.get(i))
                .cloned()
                .unwrap_or_default()
                .trim()
                .to_string(),
        })
        .collect();
    EnumDef {
        name: name.to_string(),
        description: schema
            .description
            .clone()
            .unwrap_or_default()
            .trim()
            .to_string(),
        values,
        // `x-acs-bool-values`, else an enum of exactly `"true"` and `"false"` (KMS
        // `ExcludeLowercase`): a boolean in disguise either way.
        bool_values: schema
            .bool_values
            .as_ref()
            .and_then(|b| Some((b.get("true")?.clone(), b.get("false")?.clone())))
            .or_else(|| {
                let mut sorted = wires.clone();
                sorted.sort();
                (sorted == ["false", "true"]).then(|| ("true".to_string(), "false".to_string()))
            }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(c: &str) -> ErrorCode {
        ErrorCode {
            code: c.into(),
            variant: names::type_name(c),
            status: 400,
            message: String::new(),
            description: String::new(),
            retryable: false,
            common: false,
        }
    }

    fn variants(codes: &[&str]) -> BTreeMap<String, String> {
        error_variants(codes.iter().map(|c| code(c)))
            .into_iter()
            .map(|e| (e.code, e.variant))
            .collect()
    }

    #[test]
    fn error_variants_do_not_depend_on_the_table_order() {
        let before = variants(&["InvalidInstance", "Other"]);
        // A colliding code inserted before it leaves `InvalidInstance` alone.
        let after = variants(&["Invalid.Instance", "InvalidInstance", "Other"]);
        assert_eq!(after["InvalidInstance"], before["InvalidInstance"]);
        assert_eq!(after["InvalidInstance"], "InvalidInstance");
        assert_eq!(after["Invalid.Instance"], "Invalid_Instance");
        // Any order of the same codes, the same names.
        let reversed = variants(&["Other", "InvalidInstance", "Invalid.Instance"]);
        assert_eq!(after, reversed);
        // Without an exact spelling, the first in code order keeps the name; the other one's
        // name depends on its own spelling only, whatever comes between.
        let dotted = variants(&["Invalid.Param.Id", "Invalid.ParamId"]);
        assert_eq!(dotted["Invalid.Param.Id"], "InvalidParamId");
        assert_eq!(dotted["Invalid.ParamId"], "Invalid_ParamId");
        let between = variants(&["Invalid.Param.Id", "Invalid.Param.Id_", "Invalid.ParamId"]);
        assert_eq!(between["Invalid.ParamId"], "Invalid_ParamId");
        // Spelled as written where that is free, else numbered; the reserved names never kept.
        let taken = variants(&["Foo", "foo", "Foo2", "Unhandled", "unhandled"]);
        assert_eq!(taken["foo"], "Foo3");
        assert_eq!(taken["Unhandled"], "Unhandled2");
        assert_eq!(taken["unhandled"], "Unhandled3");
    }
}
