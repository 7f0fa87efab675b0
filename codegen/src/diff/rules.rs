//! The review's rules ([`RULES`]: each kind of spec change, its severity and its
//! consequence for the generated Rust API) and a [`Change`] found by one.

use serde::Serialize;

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
    GatewayChanged = "gateway-changed", Breaking, false, "a product's gateway (`info.x-acs-style`: the common one, OSS, SLS, PDS) changes", "same Rust API; requests are addressed, signed and read another way";
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
    BodyMediaChanged = "body-media-changed", Warning, false, "an operation's body changes between JSON and XML (`application/xml`)", "same Rust API; the body goes out in the other format";
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
    /// `file:line` in the new spec (the old one for a removal), filled by [`changes`](super::changes).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}
