//! The comparison itself: services, endpoints, operations, parameters, enums, response
//! fields and error codes of two lowered models, each difference named by its rule.

use super::rules::{Change, RuleId, RULES};
use crate::model::{Api, EnumDef, ErrorCode, Location, Operation, Param, Service, StructDef, Type};
use crate::names;
use std::collections::BTreeMap;

/// The changes found so far.
struct Collector {
    changes: Vec<Change>,
}

impl Collector {
    fn add(&mut self, rule: RuleId, location: String, message: String, rust: Option<String>) {
        let r = rule.rule();
        self.changes.push(Change {
            id: format!("{}:{}", r.id, location),
            severity: r.severity,
            rule: r.id,
            rust: rust.unwrap_or_else(|| r.rust.to_string()),
            location,
            message,
            docs_only: r.docs_only,
            source: None,
        });
    }

    /// Adds `rule` when `old` and `new` differ: `{what} {old} → {new}`, each shown by `show`.
    fn changed<T: PartialEq + ?Sized>(
        &mut self,
        rule: RuleId,
        location: String,
        what: &str,
        (old, new): (&T, &T),
        show: impl Fn(&T) -> String,
    ) {
        if old != new {
            let message = format!("{what} {} → {}", show(old), show(new));
            self.add(rule, location, message, None);
        }
    }
}

/// The changes from `old` to `new`, in report order (severity, then rule, then location).
pub fn compare(old: &Api, new: &Api) -> Vec<Change> {
    let mut c = Collector {
        changes: Vec::new(),
    };
    let key = |s: &Service| names::product_version_module(&s.product, &s.version);
    let olds: BTreeMap<String, &Service> = old.services.iter().map(|s| (key(s), s)).collect();
    let news: BTreeMap<String, &Service> = new.services.iter().map(|s| (key(s), s)).collect();
    for (k, s) in &olds {
        let at = names::product_version_location(&s.product, &s.version);
        match news.get(k) {
            None => c.add(
                RuleId::ServiceRemoved,
                at,
                format!("{} API {} is removed", s.product, s.version),
                Some(format!(
                    "module `{k}` and feature `{}` disappear",
                    s.feature
                )),
            ),
            Some(n) => service(&mut c, &at, s, n),
        }
    }
    for (k, s) in &news {
        if !olds.contains_key(k) {
            c.add(
                RuleId::ServiceAdded,
                names::product_version_location(&s.product, &s.version),
                format!("{} API {} is added", s.product, s.version),
                Some(format!("new module `{k}` behind feature `{}`", s.feature)),
            );
        }
    }
    sort(&mut c.changes);
    c.changes
}

/// Puts changes in report order: severity, then rule (as [`RULES`] lists them), then location.
pub(super) fn sort(changes: &mut [Change]) {
    let order = |id: &str| RULES.iter().position(|r| r.id == id).unwrap_or(usize::MAX);
    changes.sort_by(|a, b| {
        (a.severity, order(a.rule), &a.location).cmp(&(b.severity, order(b.rule), &b.location))
    });
}

fn service(c: &mut Collector, at: &str, old: &Service, new: &Service) {
    c.changed(
        RuleId::GatewayChanged,
        format!("{at} gateway"),
        "gateway",
        (&old.protocol, &new.protocol),
        |p| p.name().to_string(),
    );
    let (oe, ne) = (&old.endpoints, &new.endpoints);
    c.changed(
        RuleId::EndpointChanged,
        format!("{at} endpoint"),
        "endpoint template",
        (&oe.template, &ne.template),
        code,
    );
    c.changed(
        RuleId::EndpointChanged,
        format!("{at} default-region"),
        "default region",
        (&oe.default_region, &ne.default_region),
        opt,
    );
    for (region, host) in &oe.regional {
        match ne.regional.get(region) {
            None => c.add(
                RuleId::EndpointRegionRemoved,
                format!("{at} region {region}"),
                format!("region `{region}` (`{host}`) is no longer served"),
                None,
            ),
            Some(h) if h != host => c.add(
                RuleId::EndpointChanged,
                format!("{at} region {region}"),
                format!("region `{region}` moves from `{host}` to `{h}`"),
                None,
            ),
            _ => {}
        }
    }
    for (region, host) in &ne.regional {
        if !oe.regional.contains_key(region) {
            c.add(
                RuleId::EndpointRegionAdded,
                format!("{at} region {region}"),
                format!("region `{region}` is served by `{host}`"),
                None,
            );
        }
    }
    // The common codes, once per product: every operation's error enum has them.
    errors(
        c,
        &format!("{at} common error"),
        &ErrorTables {
            old: common_codes(old),
            new: common_codes(new),
        },
        Owner::Product,
    );
    let (oo, no) = (
        by_key(&old.operations, |o| &o.action),
        by_key(&new.operations, |o| &o.action),
    );
    for (name, o) in &oo {
        let loc = format!("{at} {name}");
        match no.get(name) {
            None => c.add(
                RuleId::OperationRemoved,
                loc,
                format!("operation `{name}` is removed"),
                Some(format!(
                    "`Client::{}`, `{}`, `{}` and `{}` disappear",
                    o.method_name, o.request_type, o.response_type, o.error_type
                )),
            ),
            Some(n) => operation(c, &loc, old, o, new, n),
        }
    }
    for (name, n) in &no {
        if !oo.contains_key(name) {
            c.add(
                RuleId::OperationAdded,
                format!("{at} {name}"),
                format!("operation `{name}` is added"),
                Some(format!("new method `Client::{}`", n.method_name)),
            );
        }
    }
}

/// A value in backticks.
fn code(v: &String) -> String {
    format!("`{v}`")
}

fn opt(v: &Option<String>) -> String {
    v.as_deref()
        .map(|s| format!("`{s}`"))
        .unwrap_or_else(|| "none".into())
}

fn by_key<T>(items: &[T], key: impl Fn(&T) -> &String) -> BTreeMap<String, &T> {
    items.iter().map(|i| (key(i).clone(), i)).collect()
}

/// A structural rendering of a type: enums and structs by shape, not by generated name, so a
/// renamed inline type does not count as a type change.
fn shape(s: &Service, ty: &Type, depth: usize) -> String {
    match ty {
        Type::String => "string".into(),
        Type::Int32 => "int32".into(),
        Type::Int64 => "int64".into(),
        Type::Float => "number".into(),
        Type::Bool => "boolean".into(),
        Type::Any => "any".into(),
        Type::Bytes => "bytes".into(),
        Type::Enum(_) => "enum".into(),
        Type::Array(t) => format!("array<{}>", shape(s, t, depth)),
        Type::Map(t) => format!("map<{}>", shape(s, t, depth)),
        Type::Struct(n) => match (s.find_struct(n), depth < 8) {
            (Some(d), true) => {
                let fields: Vec<String> = d
                    .fields
                    .iter()
                    .map(|f| {
                        format!(
                            "{}{}:{}",
                            f.wire_name,
                            if f.required { "!" } else { "" },
                            shape(s, &f.ty, depth + 1)
                        )
                    })
                    .collect();
                format!("{{{}}}", fields.join(","))
            }
            _ => format!("`{n}`"),
        },
    }
}

fn enum_of<'a>(s: &'a Service, ty: &Type) -> Option<&'a EnumDef> {
    match ty {
        Type::Enum(n) => s.find_enum(n),
        Type::Array(t) => enum_of(s, t),
        _ => None,
    }
}

fn enums(c: &mut Collector, loc: &str, old: Option<&EnumDef>, new: Option<&EnumDef>) {
    let (Some(o), Some(n)) = (old, new) else {
        return;
    };
    for v in &o.values {
        match n.values.iter().find(|w| w.wire == v.wire) {
            None => c.add(
                RuleId::EnumValueRemoved,
                format!("{loc} value {}", v.wire),
                format!("value `{}` is removed", v.wire),
                Some(format!("variant `{}::{}` disappears", o.name, v.variant)),
            ),
            Some(w) => {
                if w.variant != v.variant {
                    c.add(
                        RuleId::EnumVariantRenamed,
                        format!("{loc} value {}", v.wire),
                        format!("value `{}` is now variant `{}`", v.wire, w.variant),
                        Some(format!(
                            "`{}::{}` becomes `{}::{}`",
                            o.name, v.variant, n.name, w.variant
                        )),
                    );
                }
                if w.description != v.description {
                    c.add(
                        RuleId::EnumDocsChanged,
                        format!("{loc} value {}", v.wire),
                        format!("description of value `{}` changes", v.wire),
                        None,
                    );
                }
            }
        }
    }
    for w in &n.values {
        if !o.values.iter().any(|v| v.wire == w.wire) {
            c.add(
                RuleId::EnumValueAdded,
                format!("{loc} value {}", w.wire),
                format!("value `{}` is added", w.wire),
                Some(format!("new variant `{}::{}`", n.name, w.variant)),
            );
        }
    }
}

/// How a parameter is told apart from the others of its operation: its wire name, with the
/// location prefix when lowering gave it one (a body `cluster_id` beside a path one).
fn param_key(p: &Param) -> String {
    if p.prefixed {
        format!("{}@{}", p.wire_name, p.location.prefix())
    } else {
        p.wire_name.clone()
    }
}

/// Whether a parameter changes place in a REST-style request (path, query, header, body);
/// RPC's query and form body are [`encoding`].
fn moved(p: &Param, q: &Param) -> bool {
    let rpc = |l: Location| matches!(l, Location::Query | Location::Body);
    p.location != q.location && !(rpc(p.location) && rpc(q.location))
}

fn encoding(p: &Param) -> String {
    format!("{}/{}", p.location.name(), p.style.name())
}

/// The old and the new side of what is compared.
#[derive(Clone, Copy)]
struct Sides<T> {
    old: T,
    new: T,
}

/// Where a keyed item is: only on the old side, only on the new one, or on both.
enum Presence<'a, T> {
    Removed(&'a T),
    Added(&'a T),
    Both(&'a T, &'a T),
}

/// The items of two keyed collections, by key, with where each is.
fn presence<'a, T>(
    old: &'a BTreeMap<String, T>,
    new: &'a BTreeMap<String, T>,
) -> Vec<(&'a String, Presence<'a, T>)> {
    let removed_or_both = old.iter().map(|(k, o)| match new.get(k) {
        Some(n) => (k, Presence::Both(o, n)),
        None => (k, Presence::Removed(o)),
    });
    let added = new
        .iter()
        .filter(|(k, _)| !old.contains_key(*k))
        .map(|(k, n)| (k, Presence::Added(n)));
    removed_or_both.chain(added).collect()
}

/// One operation on both sides, with the services its type names resolve in.
type Op<'a> = Sides<(&'a Service, &'a Operation)>;

impl<'a> Op<'a> {
    /// The operation, old and new.
    fn operations(&self) -> (&'a Operation, &'a Operation) {
        (self.old.1, self.new.1)
    }
}

fn operation(
    c: &mut Collector,
    loc: &str,
    os: &Service,
    o: &Operation,
    ns: &Service,
    n: &Operation,
) {
    let op = Sides {
        old: (os, o),
        new: (ns, n),
    };
    operation_names(c, loc, op);
    route(c, loc, op);
    constructor_order(c, loc, op);
    operation_facts(c, loc, op);
    paginator(c, loc, op);
    params(c, loc, op);
    response(c, loc, os, o, ns, n);
    operation_errors(c, loc, op);
}

/// The operation's own generated names (a response `$ref` to a renamed component renames
/// its response type).
fn operation_names(c: &mut Collector, loc: &str, op: Op) {
    let (o, n) = op.operations();
    for (what, old, new) in [
        ("method", &o.method_name, &n.method_name),
        ("request type", &o.request_type, &n.request_type),
        ("response type", &o.response_type, &n.response_type),
        ("error type", &o.error_type, &n.error_type),
    ] {
        rust_name(c, &format!("{loc} {what}"), old, new);
    }
}

/// A REST-style operation is its route: a new path or method is another operation to the
/// gateway. An RPC action is its name: its method is how it is sent.
fn route(c: &mut Collector, loc: &str, op: Op) {
    let (o, n) = op.operations();
    let rest = o.path != "/" || n.path != "/";
    if o.http_method != n.http_method {
        c.add(
            if rest {
                RuleId::RouteChanged
            } else {
                RuleId::MethodChanged
            },
            loc.to_string(),
            format!(
                "HTTP method {} → {}",
                o.http_method.as_str(),
                n.http_method.as_str()
            ),
            None,
        );
    }
    c.changed(
        RuleId::RouteChanged,
        format!("{loc} path"),
        "path",
        (&o.path, &n.path),
        code,
    );
}

/// Constructor arguments are positional: the same required parameters in another order still
/// compile, and send swapped values.
fn constructor_order(c: &mut Collector, loc: &str, op: Op) {
    let (o, n) = op.operations();
    let required = |op: &Operation, other: &Operation| -> Vec<String> {
        op.params
            .iter()
            .filter(|p| {
                p.required
                    && other
                        .params
                        .iter()
                        .any(|q| q.required && q.wire_name == p.wire_name)
            })
            .map(|p| p.wire_name.clone())
            .collect()
    };
    let (old_order, new_order) = (required(o, n), required(n, o));
    if old_order == new_order {
        return;
    }
    let moved: Vec<String> = old_order
        .iter()
        .enumerate()
        .filter_map(|(i, name)| {
            let j = new_order.iter().position(|x| x == name)?;
            (i != j).then(|| format!("`{name}` {} → {}", i + 1, j + 1))
        })
        .collect();
    c.add(
        RuleId::ParamOrderChanged,
        format!("{loc} constructor"),
        format!("required parameters change order: {}", moved.join(", ")),
        Some(format!(
            "`{}::new({})` becomes `{}::new({})`",
            o.request_type,
            rust_args(o, &old_order),
            n.request_type,
            rust_args(n, &new_order)
        )),
    );
}

/// Its docs, retries, anonymity and success field.
fn operation_facts(c: &mut Collector, loc: &str, op: Op) {
    let (o, n) = op.operations();
    if o.summary != n.summary
        || o.description != n.description
        || format!("{:?}", o.ram) != format!("{:?}", n.ram)
    {
        c.add(
            RuleId::OperationDocsChanged,
            loc.to_string(),
            "summary, description or RAM authorization text changes".into(),
            None,
        );
    }
    c.changed(
        RuleId::RetryBehaviourChanged,
        format!("{loc} idempotent"),
        "`x-acs-idempotent`",
        (&o.idempotent, &n.idempotent),
        bool::to_string,
    );
    c.changed(
        RuleId::AnonymityChanged,
        loc.to_string(),
        "anonymous",
        (&o.anonymous, &n.anonymous),
        bool::to_string,
    );
    c.changed(
        RuleId::SuccessFieldChanged,
        loc.to_string(),
        "success field",
        (&o.success_field, &n.success_field),
        opt,
    );
    c.changed(
        RuleId::BodyMediaChanged,
        format!("{loc} body"),
        "body media type",
        (&o.xml_body, &n.xml_body),
        |xml| if *xml { "XML" } else { "JSON" }.to_string(),
    );
}

/// Whether and how it pages.
fn paginator(c: &mut Collector, loc: &str, op: Op) {
    let (o, n) = op.operations();
    match (&o.pagination, &n.pagination) {
        (Some(_), None) => c.add(
            RuleId::PaginatorRemoved,
            loc.to_string(),
            "the operation no longer pages".into(),
            Some(format!("`{}_pages` disappears", o.method_name)),
        ),
        (None, Some(p)) => c.add(
            RuleId::PaginatorAdded,
            loc.to_string(),
            format!("the operation pages {}", paging(p)),
            Some(format!("a new `{}_pages`", n.method_name)),
        ),
        (Some(a), Some(b)) if a != b => c.add(
            RuleId::PaginatorChanged,
            loc.to_string(),
            format!("paging {} → {}", paging(a), paging(b)),
            None,
        ),
        _ => {}
    }
}

/// Its own error rows. Codes from the common file are compared once per product (in
/// `service`); an operation's own row for a code is compared here.
fn operation_errors(c: &mut Collector, loc: &str, op: Op) {
    let (o, n) = op.operations();
    let (oc, nc) = (
        by_key(&o.errors, |e| &e.code),
        by_key(&n.errors, |e| &e.code),
    );
    let pairs = ErrorTables {
        old: oc
            .iter()
            .filter(|(code, e)| !e.common || nc.get(*code).is_some_and(|x| !x.common))
            .map(|(k, e)| (k.clone(), *e))
            .collect(),
        new: nc
            .iter()
            .filter(|(code, e)| !e.common || oc.get(*code).is_some_and(|x| !x.common))
            .map(|(k, e)| (k.clone(), *e))
            .collect(),
    };
    errors(
        c,
        &format!("{loc} error"),
        &pairs,
        Owner::Operation(&o.error_type, &n.error_type),
    );
}

/// Parameters: removed, added, and those on both sides ([`param`]).
fn params<'a>(c: &mut Collector, loc: &str, op: Op<'a>) {
    let (o, n) = op.operations();
    let keyed = |op: &'a Operation| -> BTreeMap<String, &'a Param> {
        op.params.iter().map(|p| (param_key(p), p)).collect()
    };
    let (old, new) = (keyed(o), keyed(n));
    for (name, presence) in presence(&old, &new) {
        let at = format!("{loc} param {name}");
        match presence {
            Presence::Removed(p) => c.add(
                RuleId::ParamRemoved,
                at,
                format!("parameter `{name}` is removed"),
                Some(if p.required {
                    format!(
                        "`{}::new` loses its `{}` argument",
                        o.request_type, p.rust_name
                    )
                } else {
                    format!(
                        "`{}::{}` and its setter disappear",
                        o.request_type, p.rust_name
                    )
                }),
            ),
            Presence::Added(q) if q.required => c.add(
                RuleId::ParamAddedRequired,
                at,
                format!("required parameter `{name}` is added"),
                Some(format!("`{}::new` takes `{}`", n.request_type, q.rust_name)),
            ),
            Presence::Added(q) => c.add(
                RuleId::ParamAddedOptional,
                at,
                format!("optional parameter `{name}` is added"),
                Some(format!("new setter `{}::{}`", n.request_type, q.rust_name)),
            ),
            Presence::Both(p, q) => param(c, &at, name, op, Sides { old: *p, new: *q }),
        }
    }
}

/// A parameter on both sides: requiredness, type, enums, place and encoding, retries, docs.
fn param(c: &mut Collector, at: &str, name: &str, op: Op, param: Sides<&Param>) {
    let (Sides { old: p, new: q }, (os, ns)) = (param, (op.old.0, op.new.0));
    let request_type = &op.operations().1.request_type;
    match (p.required, q.required) {
        (false, true) => c.add(
            RuleId::ParamNowRequired,
            at.to_string(),
            format!("parameter `{name}` becomes required"),
            Some(format!("`{request_type}::new` takes `{}`", q.rust_name)),
        ),
        (true, false) => c.add(
            RuleId::ParamNowOptional,
            at.to_string(),
            format!("parameter `{name}` becomes optional"),
            Some(format!(
                "`{request_type}::new` no longer takes `{}`; the field is an `Option`",
                q.rust_name
            )),
        ),
        _ => {}
    }
    let (old_shape, new_shape) = (shape(os, &p.ty, 0), shape(ns, &q.ty, 0));
    if old_shape != new_shape {
        c.add(
            RuleId::ParamTypeChanged,
            at.to_string(),
            format!("type of `{name}` changes from {old_shape} to {new_shape}"),
            None,
        );
    } else if p.rust_name != q.rust_name || !same_type(ns, &p.ty, &q.ty) {
        rust_name(
            c,
            at,
            &format!("{}: {}", p.rust_name, rust_type(&p.ty)),
            &format!("{}: {}", q.rust_name, rust_type(&q.ty)),
        );
    }
    enums(c, at, enum_of(os, &p.ty), enum_of(ns, &q.ty));
    if moved(p, q) {
        c.add(
            RuleId::ParamMoved,
            at.to_string(),
            format!(
                "`{name}` moves from the {} to the {}",
                p.location.name(),
                q.location.name()
            ),
            (p.rust_name != q.rust_name)
                .then(|| format!("`{}` becomes `{}`", p.rust_name, q.rust_name)),
        );
    } else if encoding(p) != encoding(q) {
        c.add(
            RuleId::ParamEncodingChanged,
            at.to_string(),
            format!(
                "`{name}` is sent as {} instead of {}",
                encoding(q),
                encoding(p)
            ),
            None,
        );
    }
    if p.idempotency_token != q.idempotency_token {
        c.add(
            RuleId::RetryBehaviourChanged,
            at.to_string(),
            format!(
                "`{name}` idempotency token {} → {}",
                p.idempotency_token, q.idempotency_token
            ),
            None,
        );
    }
    if p.doc.description != q.doc.description
        || p.doc.example != q.doc.example
        || p.doc.default != q.doc.default
    {
        c.add(
            RuleId::ParamDocsChanged,
            at.to_string(),
            format!("documentation of `{name}` changes"),
            None,
        );
    }
}

/// Response fields by dotted path: removed, added, type, enums, Rust names, docs.
fn response(
    c: &mut Collector,
    loc: &str,
    os: &Service,
    o: &Operation,
    ns: &Service,
    n: &Operation,
) {
    let mut of = BTreeMap::new();
    let mut nf = BTreeMap::new();
    if let Some(s) = os.find_struct(&o.response_type) {
        fields(os, s, "", &mut of, 0);
    }
    if let Some(s) = ns.find_struct(&n.response_type) {
        fields(ns, s, "", &mut nf, 0);
    }
    for (path, (shape_o, doc_o, enum_o, rust_o, ty_o)) in &of {
        let at = format!("{loc} response {path}");
        match nf.get(path) {
            None => c.add(
                RuleId::ResponseFieldRemoved,
                at,
                format!("response field `{path}` is removed"),
                None,
            ),
            Some((shape_n, doc_n, enum_n, rust_n, ty_n)) => {
                if shape_o != shape_n {
                    c.add(
                        RuleId::ResponseFieldTypeChanged,
                        at.clone(),
                        format!("`{path}` changes from {shape_o} to {shape_n}"),
                        None,
                    );
                } else if rust_o.0 != rust_n.0 || !same_type(ns, ty_o, ty_n) {
                    rust_name(c, &at, &rust_o.1, &rust_n.1);
                }
                enums(
                    c,
                    &at,
                    enum_o.and_then(|e| os.find_enum(e)),
                    enum_n.and_then(|e| ns.find_enum(e)),
                );
                if doc_o != doc_n {
                    c.add(
                        RuleId::ResponseFieldDocsChanged,
                        at,
                        format!("documentation of `{path}` changes"),
                        None,
                    );
                }
            }
        }
    }
    for path in nf.keys() {
        if !of.contains_key(path) {
            c.add(
                RuleId::ResponseFieldAdded,
                format!("{loc} response {path}"),
                format!("response field `{path}` is added"),
                None,
            );
        }
    }
}

/// Whose error enum a table's variants live in.
enum Owner<'a> {
    /// One operation's (old and new error type).
    Operation(&'a str, &'a str),
    /// Every operation's: the product's common codes.
    Product,
}

impl Owner<'_> {
    fn variant(&self, new: bool, variant: &str) -> String {
        match self {
            Owner::Operation(old, new_type) => {
                format!("`{}::{variant}`", if new { new_type } else { old })
            }
            Owner::Product => format!("`{variant}` of every operation's error enum"),
        }
    }
}

/// The constructor's argument names for these wire names, in this order.
fn rust_args(op: &Operation, wire: &[String]) -> String {
    wire.iter()
        .filter_map(|w| op.params.iter().find(|p| &p.wire_name == w))
        .map(|p| p.rust_name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Two error tables by code.
struct ErrorTables<'a> {
    old: BTreeMap<String, &'a ErrorCode>,
    new: BTreeMap<String, &'a ErrorCode>,
}

/// The error-code rules over two tables.
fn errors(c: &mut Collector, at: &str, t: &ErrorTables, owner: Owner) {
    for (code, e) in &t.old {
        let loc = format!("{at} {code}");
        match t.new.get(code) {
            None => c.add(
                RuleId::ErrorCodeRemoved,
                loc,
                format!("error code `{code}` is removed"),
                Some(format!(
                    "variant {} disappears",
                    owner.variant(false, &e.variant)
                )),
            ),
            Some(f) => {
                rust_name(c, &loc, &e.variant, &f.variant);
                c.changed(
                    RuleId::ErrorStatusChanged,
                    loc.clone(),
                    &format!("`{code}` HTTP status"),
                    (&e.status, &f.status),
                    u16::to_string,
                );
                c.changed(
                    RuleId::RetryBehaviourChanged,
                    loc.clone(),
                    &format!("`{code}` retryable"),
                    (&e.retryable, &f.retryable),
                    bool::to_string,
                );
                if e.message != f.message || e.description != f.description {
                    c.add(
                        RuleId::ErrorDocsChanged,
                        loc,
                        format!("message or description of `{code}` changes"),
                        None,
                    );
                }
            }
        }
    }
    for (code, f) in &t.new {
        if !t.old.contains_key(code) {
            c.add(
                RuleId::ErrorCodeAdded,
                format!("{at} {code}"),
                format!("error code `{code}` (HTTP {}) is added", f.status),
                Some(format!("new variant {}", owner.variant(true, &f.variant))),
            );
        }
    }
}

/// The common codes a product's operations carry (from the common errors file), by code.
fn common_codes(s: &Service) -> BTreeMap<String, &ErrorCode> {
    s.operations
        .iter()
        .flat_map(|o| o.errors.iter().filter(|e| e.common))
        .map(|e| (e.code.clone(), e))
        .collect()
}

/// A generated name that changed for the same wire name: breaking.
fn rust_name(c: &mut Collector, at: &str, old: &str, new: &str) {
    if old != new {
        c.add(
            RuleId::RustNameChanged,
            at.to_string(),
            format!("generated name `{old}` becomes `{new}`"),
            Some(format!("`{old}` no longer exists; callers use `{new}`")),
        );
    }
}

/// Whether `old`, a type as the old side spells it, names in the new service `ns` the type
/// `new` names there: another alias of the same type, with which callers' code still
/// compiles (an identical type registered first elsewhere), is no change of name.
fn same_type(ns: &Service, old: &Type, new: &Type) -> bool {
    fn resolved(s: &Service, ty: &Type) -> Option<Type> {
        Some(match ty {
            Type::Array(t) => Type::Array(Box::new(resolved(s, t)?)),
            Type::Map(t) => Type::Map(Box::new(resolved(s, t)?)),
            Type::Struct(n) => Type::Struct(s.find_struct(n)?.name.clone()),
            Type::Enum(n) => Type::Enum(s.find_enum(n)?.name.clone()),
            other => other.clone(),
        })
    }
    old == new || resolved(ns, old).is_some_and(|o| Some(o) == resolved(ns, new))
}

/// The Rust type of a field or parameter, as written in the generated code.
/// A type's Rust text as the generated code spells it: emit's rendering, printed as the
/// generated API surface prints it (`diff --generated`).
fn rust_type(ty: &Type) -> String {
    let rt = crate::emit::runtime_path(&crate::emit::Options::default());
    crate::surface::tokens(&crate::emit::types::rust_type(ty, &rt))
}

/// Response fields by dotted path: (shape, docs, enum name, (Rust field, Rust field and
/// type), type).
type Fields<'a> = BTreeMap<String, (String, String, Option<&'a str>, (&'a str, String), &'a Type)>;

fn fields<'a>(s: &'a Service, d: &'a StructDef, prefix: &str, out: &mut Fields<'a>, depth: usize) {
    for f in &d.fields {
        let path = format!("{prefix}{}", f.wire_name);
        let own_shape = match &f.ty {
            Type::Struct(_) => "object".to_string(),
            Type::Array(t) if matches!(t.as_ref(), Type::Struct(_)) => "array<object>".to_string(),
            other => shape(s, other, 0),
        };
        let req = if f.required { "required " } else { "" };
        let enum_name = match &f.ty {
            Type::Enum(n) => Some(n.as_str()),
            _ => None,
        };
        out.insert(
            path.clone(),
            (
                format!("{req}{own_shape}"),
                format!("{}|{:?}", f.description, f.example),
                enum_name,
                (
                    f.rust_name.as_str(),
                    format!("{}: {}", f.rust_name, rust_type(&f.ty)),
                ),
                &f.ty,
            ),
        );
        if depth >= 8 {
            continue;
        }
        let nested =
            f.ty.nested_struct()
                .map(|(n, sep)| (n, format!("{path}{sep}")));
        if let Some((n, p)) = nested {
            if let Some(inner) = s.find_struct(n) {
                fields(s, inner, &p, out, depth + 1);
            }
        }
    }
}

/// How an operation pages, for a report: `by token (NextToken)`, `by number (PageNumber)`.
fn paging(p: &crate::model::Pagination) -> String {
    let (mode, field) = match p.paging {
        crate::model::Paging::Token => ("by token", &p.input_token),
        crate::model::Paging::Number => ("by number", &p.page_number),
    };
    match field {
        Some(f) => format!("{mode} (`{}`)", f.rust_name),
        None => mode.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rust_types_read_as_the_generated_api_spells_them() {
        let map = Type::Map(Box::new(Type::Array(Box::new(Type::Int64))));
        assert_eq!(
            rust_type(&map),
            "::std::collections::BTreeMap<String, Vec<i64>>"
        );
        assert_eq!(rust_type(&Type::Any), "acs_runtime::serde_json::Value");
        assert_eq!(rust_type(&Type::Struct("Tag".into())), "Tag");
    }

    /// The API of one metadata document.
    fn api_of(doc: &str) -> Api {
        let out = crate::import::import_document(std::path::Path::new("p.json"), doc).unwrap();
        let crate::import::Imported::Spec { text, .. } = out.result else {
            panic!("skipped")
        };
        let source = crate::source::SpecSource::from_text(std::path::Path::new("p-1.yaml"), text);
        crate::compile::compile(std::slice::from_ref(&source), None).unwrap()
    }

    #[test]
    fn the_gateway_the_host_parameter_and_an_xml_body_are_changes() {
        // A bucket operation with a body whose property is the root element, in each style.
        let doc = |style: &str, body: &str, host: &str| {
            format!(
                r#"{{"info": {{"style": "{style}", "product": "P", "version": "1"}}, "apis": {{
                "PutTagging": {{"path": "/?tagging", "methods": ["put"], "parameters": [
                    {{"name": "bucket", "in": "{host}", "schema": {{"type": "string", "required": true}}}},
                    {{"name": "body", "in": "body", "style": "{body}", "schema": {{"type": "object",
                      "properties": {{"Tagging": {{"type": "object", "properties": {{"K": {{"type": "string"}}}}}}}}}}}}],
                "responses": {{"200": {{"headers": {{"x-oss-version-id": {{"schema": {{"type": "string"}}}}}}}}}}}}}}}}"#
            )
        };
        let oss = api_of(&doc("OSS", "xml", "host"));
        let sls = api_of(&doc("SLS", "json", "host"));
        let rules: Vec<&str> = compare(&oss, &sls).into_iter().map(|c| c.rule).collect();
        assert!(rules.contains(&"gateway-changed"), "{rules:?}");
        assert!(rules.contains(&"body-media-changed"), "{rules:?}");
        // The bucket moving from the host to the query is a moved parameter.
        let query = api_of(&doc("OSS", "xml", "query"));
        let rules: Vec<&str> = compare(&oss, &query).into_iter().map(|c| c.rule).collect();
        assert_eq!(rules, vec!["param-moved"], "{rules:?}");
        // A declared response header is an output field like any other.
        let fewer =
            api_of(&doc("OSS", "xml", "host").replace(r#""x-oss-version-id""#, r#""x-oss-other""#));
        let rules: Vec<&str> = compare(&oss, &fewer).into_iter().map(|c| c.rule).collect();
        assert!(rules.contains(&"response-field-removed"), "{rules:?}");
        assert!(compare(&oss, &oss).is_empty());
    }

    /// A response whose `Second` object is identical to `First`: `Second`'s type is an alias
    /// of `First`'s.
    fn api() -> Api {
        let doc = r#"{"info": {"style": "RPC", "product": "P", "version": "1"}, "apis": {
            "Get": {"methods": ["post"], "parameters": [], "responses": {"200": {"schema": {
                "type": "object", "properties": {
                    "First": {"type": "object", "properties": {"X": {"type": "string"}}},
                    "Second": {"type": "object", "properties": {"X": {"type": "string"}}}}}}}}}}"#;
        api_of(doc)
    }

    #[test]
    fn a_field_spelled_with_another_alias_of_the_same_type_keeps_its_name() {
        let new = api();
        fn second(api: &mut Api) -> &mut Type {
            let s = &mut api.services[0];
            let response = s.operations[0].response_type.clone();
            let def = s.types.iter_mut().find_map(|t| match t {
                crate::model::TypeDef::Struct(d) if d.name == response => Some(d),
                _ => None,
            });
            let field = def
                .unwrap()
                .fields
                .iter_mut()
                .find(|f| f.wire_name == "Second");
            &mut field.unwrap().ty
        }
        let mut renamed = new.clone();
        let (Type::Struct(alias), Type::Struct(first)) = (
            second(&mut renamed).clone(),
            Type::Struct("GetResponseFirst".into()),
        ) else {
            panic!("objects")
        };
        assert_ne!(alias, first, "an alias");
        // The old side spelled the field with the other name of the same type.
        *second(&mut renamed) = Type::Struct(first);
        let changes = compare(&renamed, &new);
        assert!(
            !changes.iter().any(|c| c.rule == "rust-name-changed"),
            "{changes:?}"
        );
        // A name the new side does not have is still a change.
        *second(&mut renamed) = Type::Struct("Gone".into());
        let changes = compare(&renamed, &new);
        assert!(
            changes.iter().any(|c| c.rule == "rust-name-changed"),
            "{changes:?}"
        );
    }
}
