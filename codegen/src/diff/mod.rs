//! Spec review diffs: what changed between two sets of specs, as a reviewer needs it, with
//! each change's severity and its consequence for the generated Rust API.
//!
//! The comparison runs on the lowered model, so it sees exactly what the generator sees.
//! Rules are listed in [`RULES`] (and in the README): a change is `breaking` when it breaks
//! callers of the generated SDK at compile time or on the wire, `warning` when behaviour
//! changes without breaking the build, `info` otherwise. Documentation-only changes are
//! `info` and kept apart.

mod compare;
pub mod locate;
mod render;
pub mod version;

pub use compare::compare;
pub use render::{render_json, render_markdown, render_text, rules_markdown};

use crate::diagnostics::Error;
use crate::source::SpecSource;
use serde::Serialize;
use std::collections::BTreeSet;

/// One side of a review: its specs and the common errors file it is read with.
pub struct Side {
    pub specs: Vec<SpecSource>,
    pub common: Option<SpecSource>,
}

impl Side {
    /// Both sides, resolved the same way: the explicit common errors file for both; else
    /// each side's own, and when only one side has one, it applies to both (so that
    /// identical specs compare equal from any two locations).
    pub fn pair(
        (old_specs, old_common): (Vec<SpecSource>, Option<SpecSource>),
        (new_specs, new_common): (Vec<SpecSource>, Option<SpecSource>),
        explicit: Option<SpecSource>,
    ) -> (Side, Side) {
        let (old_common, new_common) = match (explicit, old_common, new_common) {
            (Some(c), _, _) => (Some(c.clone()), Some(c)),
            (None, Some(o), None) => (Some(o.clone()), Some(o)),
            (None, None, Some(n)) => (Some(n.clone()), Some(n)),
            (None, o, n) => (o, n),
        };
        (
            Side {
                specs: old_specs,
                common: old_common,
            },
            Side {
                specs: new_specs,
                common: new_common,
            },
        )
    }

    /// The side's model.
    pub fn model(&self) -> Result<crate::model::Api, Error> {
        crate::compile::compile(&self.specs, self.common.as_ref())
    }

    /// The public Rust API the side generates, one line per item.
    pub fn surface(&self) -> Result<String, Error> {
        let api = self.model()?;
        let files =
            crate::compile::render(&api, self.common.as_ref(), &crate::emit::Options::default())?;
        Ok(crate::surface::surface(&files))
    }
}

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
    ($($variant:ident = $id:literal, $sev:ident, $docs:literal, $when:literal, $rust:literal;)*) => {
        /// The rules by name: a change names its rule with one of these, so a misspelt
        /// rule does not compile.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum RuleId { $($variant),* }

        /// Every rule, in report order (the order of [`RuleId`]).
        pub const RULES: &[Rule] = &[$(Rule { id: $id, severity: Severity::$sev, docs_only: $docs, when: $when, rust: $rust }),*];
    };
}

impl RuleId {
    /// The rule's severity, consequence and id.
    pub fn rule(self) -> &'static Rule {
        &RULES[self as usize]
    }
}

rules! {
    ServiceRemoved = "service-removed", Breaking, false, "a product version (spec) is removed", "its module and Cargo feature disappear";
    ServiceAdded = "service-added", Info, false, "a product version is added", "a new module behind a new Cargo feature";
    OperationRemoved = "operation-removed", Breaking, false, "an operation is removed", "its `Client` method, request, response and error types disappear";
    OperationAdded = "operation-added", Info, false, "an operation is added", "a new `Client` method and types";
    MethodChanged = "method-changed", Warning, false, "an RPC action changes HTTP method", "same Rust API; requests go out differently";
    RouteChanged = "route-changed", Breaking, false, "a REST-style operation's path template or HTTP method changes", "same Rust API; a client generated before calls a route the service no longer serves";
    ParamRemoved = "param-removed", Breaking, false, "a parameter is removed", "a field and its setter (or constructor argument) disappear";
    ParamAddedRequired = "param-added-required", Breaking, false, "a required parameter is added", "the request constructor takes one more argument";
    RustNameChanged = "rust-name-changed", Breaking, false, "a generated Rust name changes while the spec's wire name stays (a component or inline type renamed, a variant renumbered)", "the old type, method, field or variant name no longer exists";
    ParamOrderChanged = "param-order-changed", Breaking, false, "required parameters change order", "the constructor takes its arguments in another order: callers still compile and send swapped values";
    ParamAddedOptional = "param-added-optional", Info, false, "an optional parameter is added", "a new field and setter";
    ParamNowRequired = "param-now-required", Breaking, false, "an optional parameter becomes required", "the field loses its `Option`; the constructor takes it";
    ParamNowOptional = "param-now-optional", Breaking, false, "a required parameter becomes optional", "the field becomes an `Option`; the constructor loses the argument";
    ParamTypeChanged = "param-type-changed", Breaking, false, "a parameter's type changes", "the field, setter or argument type changes";
    ParamEncodingChanged = "param-encoding-changed", Warning, false, "an RPC parameter moves (query/form body) or changes style (flat/repeatList, json, simple)", "same Rust API; the wire encoding changes";
    ParamMoved = "param-moved", Breaking, false, "a parameter moves between the path, query, headers and body of a REST-style request", "a client generated before sends it where the service no longer reads it; its Rust name may gain or lose a location prefix";
    EnumValueRemoved = "enum-value-removed", Breaking, false, "an enum value is removed", "an enum variant disappears";
    EnumVariantRenamed = "enum-variant-renamed", Breaking, false, "an enum value's variant name changes", "an enum variant is renamed";
    EnumValueAdded = "enum-value-added", Info, false, "an enum value is added", "a new variant (enums are `#[non_exhaustive]`)";
    ResponseFieldRemoved = "response-field-removed", Breaking, false, "a response field is removed", "a response struct field disappears";
    ResponseFieldTypeChanged = "response-field-type-changed", Breaking, false, "a response field's type or requiredness changes", "a response struct field's type changes";
    ResponseFieldAdded = "response-field-added", Info, false, "a response field is added", "a new response struct field (structs are `#[non_exhaustive]`)";
    ErrorCodeRemoved = "error-code-removed", Breaking, false, "a documented error code is removed", "an error enum variant disappears";
    ErrorStatusChanged = "error-status-changed", Warning, false, "an error code's HTTP status changes", "same variant; `http_status()` and retry decisions may differ";
    ErrorCodeAdded = "error-code-added", Info, false, "an error code is added", "a new error variant (error enums are `#[non_exhaustive]`)";
    RetryBehaviourChanged = "retry-behaviour-changed", Warning, false, "idempotency, an idempotency token or a code's `retryable` changes", "same Rust API; what the client retries changes";
    AnonymityChanged = "anonymity-changed", Warning, false, "an operation becomes anonymous (`security: []`) or signed", "same Rust API; requests go out with or without a signature";
    SuccessFieldChanged = "success-field-changed", Warning, false, "`x-acs-success-field` changes", "same Rust API; which 200 responses are errors changes";
    PaginatorRemoved = "paginator-removed", Breaking, false, "an operation stops paging (by inference or `x-acs-pagination`)", "its `<operation>_pages` method and `Paginate` impl disappear";
    PaginatorChanged = "paginator-changed", Warning, false, "an operation pages by other fields or another mode", "same Rust API; `_pages` follows other fields";
    PaginatorAdded = "paginator-added", Info, false, "an operation starts paging", "a new `<operation>_pages` method";
    EndpointRegionRemoved = "endpoint-region-removed", Breaking, false, "a region's endpoint is removed", "calls in that region fail with a configuration error";
    EndpointChanged = "endpoint-changed", Warning, false, "the endpoint template, default region or a region's host changes", "same Rust API; calls go to another host";
    EndpointRegionAdded = "endpoint-region-added", Info, false, "a region's endpoint is added", "calls in that region become possible";
    OperationDocsChanged = "operation-docs-changed", Info, true, "an operation's summary, description or RAM notes change", "rustdoc and Markdown only";
    ParamDocsChanged = "param-docs-changed", Info, true, "a parameter's description, example or default changes", "rustdoc and Markdown only";
    ResponseFieldDocsChanged = "response-field-docs-changed", Info, true, "a response field's description or example changes", "rustdoc and Markdown only";
    EnumDocsChanged = "enum-docs-changed", Info, true, "an enum value's description changes", "rustdoc and Markdown only";
    ErrorDocsChanged = "error-docs-changed", Info, true, "an error code's message or description changes", "rustdoc and Markdown only";
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
    /// `file:line` in the new spec (the old one for a removal), once [`locate::locate`] ran.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

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

/// Whether `changes` reach the `fail_on` severity.
pub fn fails(changes: &[Change], fail_on: Severity) -> bool {
    changes
        .iter()
        .any(|c| c.severity <= fail_on && !c.docs_only)
}
