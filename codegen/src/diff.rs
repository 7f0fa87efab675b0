//! Spec review diffs: what changed between two sets of specs, as a reviewer needs it, with
//! each change's severity and its consequence for the generated Rust API.
//!
//! The comparison runs on the lowered model, so it sees exactly what the generator sees.
//! Rules are listed in [`RULES`] (and in the README): a change is `breaking` when it breaks
//! callers of the generated SDK at compile time or on the wire, `warning` when behaviour
//! changes without breaking the build, `info` otherwise. Documentation-only changes are
//! `info` and kept apart.

use crate::model::{Api, EnumDef, Location, Operation, Param, Service, StructDef, Type};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

/// How much a change matters to callers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Breaking,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Breaking => "breaking",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// One rule: a kind of spec change, its severity and what it does to the generated Rust API.
#[derive(Clone, Copy, Debug)]
pub struct Rule {
    pub id: &'static str,
    pub severity: Severity,
    pub docs_only: bool,
    /// The spec change.
    pub when: &'static str,
    /// The consequence in the generated Rust API.
    pub rust: &'static str,
}

macro_rules! rules {
    ($($id:literal, $sev:ident, $docs:literal, $when:literal, $rust:literal;)*) => {
        /// Every rule, in report order.
        pub const RULES: &[Rule] = &[$(Rule { id: $id, severity: Severity::$sev, docs_only: $docs, when: $when, rust: $rust }),*];
    };
}

rules! {
    "service-removed", Breaking, false, "a product version (spec) is removed", "its module and Cargo feature disappear";
    "service-added", Info, false, "a product version is added", "a new module behind a new Cargo feature";
    "operation-removed", Breaking, false, "an operation is removed", "its `Client` method, request, response and error types disappear";
    "operation-added", Info, false, "an operation is added", "a new `Client` method and types";
    "method-changed", Warning, false, "an operation changes HTTP method", "same Rust API; requests go out differently";
    "param-removed", Breaking, false, "a parameter is removed", "a field and its setter (or constructor argument) disappear";
    "param-added-required", Breaking, false, "a required parameter is added", "the request constructor takes one more argument";
    "param-added-optional", Info, false, "an optional parameter is added", "a new field and setter";
    "param-now-required", Breaking, false, "an optional parameter becomes required", "the field loses its `Option`; the constructor takes it";
    "param-now-optional", Breaking, false, "a required parameter becomes optional", "the field becomes an `Option`; the constructor loses the argument";
    "param-type-changed", Breaking, false, "a parameter's type changes", "the field, setter or argument type changes";
    "param-encoding-changed", Warning, false, "a parameter moves (query/body) or changes style (flat/repeatList, json, simple)", "same Rust API; the wire encoding changes";
    "enum-value-removed", Breaking, false, "an enum value is removed", "an enum variant disappears";
    "enum-variant-renamed", Breaking, false, "an enum value's variant name changes", "an enum variant is renamed";
    "enum-value-added", Info, false, "an enum value is added", "a new variant (enums are `#[non_exhaustive]`)";
    "response-field-removed", Breaking, false, "a response field is removed", "a response struct field disappears";
    "response-field-type-changed", Breaking, false, "a response field's type or requiredness changes", "a response struct field's type changes";
    "response-field-added", Info, false, "a response field is added", "a new response struct field (structs are `#[non_exhaustive]`)";
    "error-code-removed", Breaking, false, "a documented error code is removed", "an error enum variant disappears";
    "error-status-changed", Warning, false, "an error code's HTTP status changes", "same variant; `http_status()` and retry decisions may differ";
    "error-code-added", Info, false, "an error code is added", "a new error variant (error enums are `#[non_exhaustive]`)";
    "retry-behaviour-changed", Warning, false, "idempotency, an idempotency token or a code's `retryable` changes", "same Rust API; what the client retries changes";
    "anonymity-changed", Warning, false, "an operation becomes anonymous (`security: []`) or signed", "same Rust API; requests go out with or without a signature";
    "success-field-changed", Warning, false, "`x-acs-success-field` changes", "same Rust API; which 200 responses are errors changes";
    "endpoint-region-removed", Breaking, false, "a region's endpoint is removed", "calls in that region fail with a configuration error";
    "endpoint-changed", Warning, false, "the endpoint template, default region or a region's host changes", "same Rust API; calls go to another host";
    "endpoint-region-added", Info, false, "a region's endpoint is added", "calls in that region become possible";
    "operation-docs-changed", Info, true, "an operation's summary, description or RAM notes change", "rustdoc and Markdown only";
    "param-docs-changed", Info, true, "a parameter's description, example or default changes", "rustdoc and Markdown only";
    "response-field-docs-changed", Info, true, "a response field's description or example changes", "rustdoc and Markdown only";
    "enum-docs-changed", Info, true, "an enum value's description changes", "rustdoc and Markdown only";
    "error-docs-changed", Info, true, "an error code's message or description changes", "rustdoc and Markdown only";
}

/// One change between the old and the new specs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    /// Stable identifier, `rule:location`, used by ignore files.
    pub id: String,
    pub severity: Severity,
    pub rule: &'static str,
    /// Where (`esa 2024-09-10 ReleaseInstance param InstanceId`).
    pub location: String,
    pub message: String,
    /// The consequence for the generated Rust API.
    pub rust: String,
    pub docs_only: bool,
}

fn rule(id: &str) -> &'static Rule {
    RULES.iter().find(|r| r.id == id).unwrap_or(&RULES[0])
}

struct Collector {
    changes: Vec<Change>,
}

impl Collector {
    fn add(&mut self, rule_id: &str, location: String, message: String, rust: Option<String>) {
        let r = rule(rule_id);
        self.changes.push(Change {
            id: format!("{}:{}", r.id, location),
            severity: r.severity,
            rule: r.id,
            rust: rust.unwrap_or_else(|| r.rust.to_string()),
            location,
            message,
            docs_only: r.docs_only,
        });
    }
}

/// The changes from `old` to `new`, in report order (severity, then rule, then location).
pub fn compare(old: &Api, new: &Api) -> Vec<Change> {
    let mut c = Collector {
        changes: Vec::new(),
    };
    let key = |s: &Service| format!("{}::{}", s.product_module, s.version_module);
    let olds: BTreeMap<String, &Service> = old.services.iter().map(|s| (key(s), s)).collect();
    let news: BTreeMap<String, &Service> = new.services.iter().map(|s| (key(s), s)).collect();
    for (k, s) in &olds {
        let at = format!("{} {}", s.product_module, s.version);
        match news.get(k) {
            None => c.add(
                "service-removed",
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
                "service-added",
                format!("{} {}", s.product_module, s.version),
                format!("{} API {} is added", s.product, s.version),
                Some(format!("new module `{k}` behind feature `{}`", s.feature)),
            );
        }
    }
    let order = |id: &str| RULES.iter().position(|r| r.id == id).unwrap_or(usize::MAX);
    c.changes.sort_by(|a, b| {
        (a.severity, order(a.rule), &a.location).cmp(&(b.severity, order(b.rule), &b.location))
    });
    c.changes
}

fn service(c: &mut Collector, at: &str, old: &Service, new: &Service) {
    let (oe, ne) = (&old.endpoints, &new.endpoints);
    if oe.template != ne.template {
        c.add(
            "endpoint-changed",
            format!("{at} endpoint"),
            format!("endpoint template `{}` → `{}`", oe.template, ne.template),
            None,
        );
    }
    if oe.default_region != ne.default_region {
        c.add(
            "endpoint-changed",
            format!("{at} default-region"),
            format!(
                "default region {} → {}",
                opt(&oe.default_region),
                opt(&ne.default_region)
            ),
            None,
        );
    }
    for (region, host) in &oe.regional {
        match ne.regional.get(region) {
            None => c.add(
                "endpoint-region-removed",
                format!("{at} region {region}"),
                format!("region `{region}` (`{host}`) is no longer served"),
                None,
            ),
            Some(h) if h != host => c.add(
                "endpoint-changed",
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
                "endpoint-region-added",
                format!("{at} region {region}"),
                format!("region `{region}` is served by `{host}`"),
                None,
            );
        }
    }
    let (oo, no) = (
        by_key(&old.operations, |o| &o.action),
        by_key(&new.operations, |o| &o.action),
    );
    for (name, o) in &oo {
        let loc = format!("{at} {name}");
        match no.get(name) {
            None => c.add(
                "operation-removed",
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
                "operation-added",
                format!("{at} {name}"),
                format!("operation `{name}` is added"),
                Some(format!("new method `Client::{}`", n.method_name)),
            );
        }
    }
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
                "enum-value-removed",
                format!("{loc} value {}", v.wire),
                format!("value `{}` is removed", v.wire),
                Some(format!("variant `{}::{}` disappears", o.name, v.variant)),
            ),
            Some(w) => {
                if w.variant != v.variant {
                    c.add(
                        "enum-variant-renamed",
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
                        "enum-docs-changed",
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
                "enum-value-added",
                format!("{loc} value {}", w.wire),
                format!("value `{}` is added", w.wire),
                Some(format!("new variant `{}::{}`", n.name, w.variant)),
            );
        }
    }
}

fn encoding(p: &Param) -> String {
    let loc = match p.location {
        Location::Query => "query",
        Location::Body => "body",
    };
    format!("{loc}/{}", p.style.name())
}

fn operation(
    c: &mut Collector,
    loc: &str,
    os: &Service,
    o: &Operation,
    ns: &Service,
    n: &Operation,
) {
    if o.http_method != n.http_method {
        c.add(
            "method-changed",
            loc.to_string(),
            format!(
                "HTTP method {} → {}",
                o.http_method.as_str(),
                n.http_method.as_str()
            ),
            None,
        );
    }
    if o.summary != n.summary
        || o.description != n.description
        || format!("{:?}", o.ram) != format!("{:?}", n.ram)
    {
        c.add(
            "operation-docs-changed",
            loc.to_string(),
            "summary, description or RAM authorization text changes".into(),
            None,
        );
    }
    if o.idempotent != n.idempotent {
        c.add(
            "retry-behaviour-changed",
            format!("{loc} idempotent"),
            format!("`x-acs-idempotent` {} → {}", o.idempotent, n.idempotent),
            None,
        );
    }
    if o.anonymous != n.anonymous {
        c.add(
            "anonymity-changed",
            loc.to_string(),
            format!("anonymous {} → {}", o.anonymous, n.anonymous),
            None,
        );
    }
    if o.success_field != n.success_field {
        c.add(
            "success-field-changed",
            loc.to_string(),
            format!(
                "success field {} → {}",
                opt(&o.success_field),
                opt(&n.success_field)
            ),
            None,
        );
    }
    let (op_, np) = (
        by_key(&o.params, |p| &p.wire_name),
        by_key(&n.params, |p| &p.wire_name),
    );
    for (name, p) in &op_ {
        let at = format!("{loc} param {name}");
        let Some(q) = np.get(name) else {
            let what = if p.required {
                format!(
                    "`{}::new` loses its `{}` argument",
                    o.request_type, p.rust_name
                )
            } else {
                format!(
                    "`{}::{}` and its setter disappear",
                    o.request_type, p.rust_name
                )
            };
            c.add(
                "param-removed",
                at,
                format!("parameter `{name}` is removed"),
                Some(what),
            );
            continue;
        };
        match (p.required, q.required) {
            (false, true) => c.add(
                "param-now-required",
                at.clone(),
                format!("parameter `{name}` becomes required"),
                Some(format!("`{}::new` takes `{}`", n.request_type, q.rust_name)),
            ),
            (true, false) => c.add(
                "param-now-optional",
                at.clone(),
                format!("parameter `{name}` becomes optional"),
                Some(format!(
                    "`{}::new` no longer takes `{}`; the field is an `Option`",
                    n.request_type, q.rust_name
                )),
            ),
            _ => {}
        }
        let (ts, tn) = (shape(os, &p.ty, 0), shape(ns, &q.ty, 0));
        if ts != tn {
            c.add(
                "param-type-changed",
                at.clone(),
                format!("type of `{name}` changes from {ts} to {tn}"),
                None,
            );
        }
        enums(c, &at, enum_of(os, &p.ty), enum_of(ns, &q.ty));
        if encoding(p) != encoding(q) {
            c.add(
                "param-encoding-changed",
                at.clone(),
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
                "retry-behaviour-changed",
                at.clone(),
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
                "param-docs-changed",
                at,
                format!("documentation of `{name}` changes"),
                None,
            );
        }
    }
    for (name, q) in &np {
        if !op_.contains_key(name) {
            let at = format!("{loc} param {name}");
            if q.required {
                c.add(
                    "param-added-required",
                    at,
                    format!("required parameter `{name}` is added"),
                    Some(format!("`{}::new` takes `{}`", n.request_type, q.rust_name)),
                );
            } else {
                c.add(
                    "param-added-optional",
                    at,
                    format!("optional parameter `{name}` is added"),
                    Some(format!("new setter `{}::{}`", n.request_type, q.rust_name)),
                );
            }
        }
    }
    let mut of = BTreeMap::new();
    let mut nf = BTreeMap::new();
    if let Some(s) = os.find_struct(&o.response_type) {
        fields(os, s, "", &mut of, 0);
    }
    if let Some(s) = ns.find_struct(&n.response_type) {
        fields(ns, s, "", &mut nf, 0);
    }
    for (path, (shape_o, doc_o, enum_o)) in &of {
        let at = format!("{loc} response {path}");
        match nf.get(path) {
            None => c.add(
                "response-field-removed",
                at,
                format!("response field `{path}` is removed"),
                None,
            ),
            Some((shape_n, doc_n, enum_n)) => {
                if shape_o != shape_n {
                    c.add(
                        "response-field-type-changed",
                        at.clone(),
                        format!("`{path}` changes from {shape_o} to {shape_n}"),
                        None,
                    );
                }
                enums(
                    c,
                    &at,
                    enum_o.and_then(|e| os.find_enum(e)),
                    enum_n.and_then(|e| ns.find_enum(e)),
                );
                if doc_o != doc_n {
                    c.add(
                        "response-field-docs-changed",
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
                "response-field-added",
                format!("{loc} response {path}"),
                format!("response field `{path}` is added"),
                None,
            );
        }
    }
    let (oc, nc) = (
        by_key(&o.errors, |e| &e.code),
        by_key(&n.errors, |e| &e.code),
    );
    for (code, e) in &oc {
        let at = format!("{loc} error {code}");
        match nc.get(code) {
            None => c.add(
                "error-code-removed",
                at,
                format!("error code `{code}` is removed"),
                Some(format!(
                    "variant `{}::{}` disappears",
                    o.error_type, e.variant
                )),
            ),
            Some(f) => {
                if e.status != f.status {
                    c.add(
                        "error-status-changed",
                        at.clone(),
                        format!("`{code}` HTTP status {} → {}", e.status, f.status),
                        None,
                    );
                }
                if e.retryable != f.retryable {
                    c.add(
                        "retry-behaviour-changed",
                        at.clone(),
                        format!("`{code}` retryable {} → {}", e.retryable, f.retryable),
                        None,
                    );
                }
                if e.message != f.message || e.description != f.description {
                    c.add(
                        "error-docs-changed",
                        at,
                        format!("message or description of `{code}` changes"),
                        None,
                    );
                }
            }
        }
    }
    for (code, f) in &nc {
        if !oc.contains_key(code) {
            c.add(
                "error-code-added",
                format!("{loc} error {code}"),
                format!("error code `{code}` (HTTP {}) is added", f.status),
                Some(format!("new variant `{}::{}`", n.error_type, f.variant)),
            );
        }
    }
}

/// Response fields by dotted path: (shape, docs, enum name).
type Fields<'a> = BTreeMap<String, (String, String, Option<&'a str>)>;

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

/// Changes split by an ignore list (`rule:location` ids; `#` starts a comment).
pub fn apply_ignore(changes: Vec<Change>, ignore: &str) -> (Vec<Change>, Vec<Change>) {
    let ids: BTreeSet<&str> = ignore
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .collect();
    changes
        .into_iter()
        .partition(|c| !ids.contains(c.id.as_str()))
}

fn counts(changes: &[Change]) -> (usize, usize, usize, usize) {
    let n = |s: Severity| {
        changes
            .iter()
            .filter(|c| c.severity == s && !c.docs_only)
            .count()
    };
    (
        n(Severity::Breaking),
        n(Severity::Warning),
        n(Severity::Info),
        changes.iter().filter(|c| c.docs_only).count(),
    )
}

fn groups(changes: &[Change]) -> Vec<(&'static str, Vec<&Change>)> {
    let pick = |s: Severity| {
        changes
            .iter()
            .filter(|c| c.severity == s && !c.docs_only)
            .collect::<Vec<_>>()
    };
    vec![
        ("Breaking", pick(Severity::Breaking)),
        ("Warning", pick(Severity::Warning)),
        ("Info", pick(Severity::Info)),
        (
            "Documentation only",
            changes.iter().filter(|c| c.docs_only).collect(),
        ),
    ]
}

fn summary(changes: &[Change], ignored: usize) -> String {
    let (b, w, i, d) = counts(changes);
    let mut s = format!("{b} breaking, {w} warning, {i} info, {d} documentation-only");
    if ignored > 0 {
        s.push_str(&format!(" ({ignored} ignored)"));
    }
    s
}

/// The readable terminal report.
pub fn render_text(changes: &[Change], ignored: usize) -> String {
    let mut out = format!("acs-codegen diff: {}\n", summary(changes, ignored));
    for (title, list) in groups(changes) {
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n{} ({})", title.to_uppercase(), list.len());
        for c in list {
            let _ = writeln!(out, "  [{}] {}: {}", c.rule, c.location, c.message);
            let _ = writeln!(out, "      Rust: {}", c.rust);
        }
    }
    out
}

fn md_cell(s: &str) -> String {
    s.replace('|', "\\|")
}

/// The Markdown report, for a pull-request comment.
pub fn render_markdown(changes: &[Change], ignored: usize) -> String {
    let mut out = format!("### Spec changes\n\n{}\n", summary(changes, ignored));
    for (title, list) in groups(changes) {
        if list.is_empty() {
            continue;
        }
        let _ = write!(out, "\n#### {title} ({})\n\n| Rule | Where | Change | Generated Rust API |\n|---|---|---|---|\n", list.len());
        for c in list {
            let _ = writeln!(
                out,
                "| `{}` | {} | {} | {} |",
                c.rule,
                md_cell(&c.location),
                md_cell(&c.message),
                md_cell(&c.rust)
            );
        }
    }
    out
}

#[derive(Serialize)]
struct JsonReport<'a> {
    /// Version of this JSON schema.
    schema_version: u32,
    summary: JsonSummary,
    changes: &'a [Change],
}

#[derive(Serialize)]
struct JsonSummary {
    breaking: usize,
    warning: usize,
    info: usize,
    docs_only: usize,
    ignored: usize,
}

/// The JSON report (stable schema, version 1).
pub fn render_json(changes: &[Change], ignored: usize) -> String {
    let (breaking, warning, info, docs_only) = counts(changes);
    let report = JsonReport {
        schema_version: 1,
        summary: JsonSummary {
            breaking,
            warning,
            info,
            docs_only,
            ignored,
        },
        changes,
    };
    serde_json::to_string_pretty(&report).unwrap_or_default() + "\n"
}

/// Whether `changes` reach the `fail_on` severity.
pub fn fails(changes: &[Change], fail_on: Severity) -> bool {
    changes
        .iter()
        .any(|c| c.severity <= fail_on && !c.docs_only)
}

/// The rule table as Markdown (for the README).
pub fn rules_markdown() -> String {
    let mut out =
        String::from("| Rule | Severity | Spec change | Generated Rust API |\n|---|---|---|---|\n");
    for r in RULES {
        let sev = if r.docs_only {
            "info (documentation only)"
        } else {
            r.severity.as_str()
        };
        let _ = writeln!(out, "| `{}` | {} | {} | {} |", r.id, sev, r.when, r.rust);
    }
    out
}
