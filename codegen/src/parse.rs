//! Step 1 of 4: parse. YAML text into typed structs mirroring the OpenAPI 3.0 subset the
//! generator understands, plus the `x-acs-*` extensions (see `specs/README.md`).
//!
//! Parsing is deliberately permissive about *which* keys appear: every object keeps the keys
//! it does not model in `extra`, and validation (step 2) decides what is an error there, so one
//! run reports every unknown key instead of stopping at the first.

use crate::model::{HttpMethod, OutputBody};
use serde::{Deserialize, Serialize};
use serde_yaml::Value;
use std::collections::BTreeMap;

/// Keys an object does not model, kept for validation.
pub type Extra = BTreeMap<String, Value>;

/// The entries of a spec object keyed by name (paths, properties, media types, ...).
///
/// Read from a spec, they are in key order, which is what every later step iterates (so
/// output never depends on how the YAML was ordered); built by `import`, they keep the order
/// they were inserted in, which is the order they are written in. A map with the whole
/// `IndexMap` API through `Deref`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(transparent)]
pub struct Entries<V>(indexmap::IndexMap<String, V>);

impl<V> Default for Entries<V> {
    fn default() -> Self {
        Entries(indexmap::IndexMap::new())
    }
}

impl<V> Entries<V> {
    /// No entries.
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether there is no entry (a path for `skip_serializing_if`).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<V> std::ops::Deref for Entries<V> {
    type Target = indexmap::IndexMap<String, V>;
    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl<V> std::ops::DerefMut for Entries<V> {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.0
    }
}

impl<'a, V> IntoIterator for &'a Entries<V> {
    type Item = (&'a String, &'a V);
    type IntoIter = indexmap::map::Iter<'a, String, V>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<V> IntoIterator for Entries<V> {
    type Item = (String, V);
    type IntoIter = indexmap::map::IntoIter<String, V>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<V> FromIterator<(String, V)> for Entries<V> {
    fn from_iter<I: IntoIterator<Item = (String, V)>>(iter: I) -> Self {
        Entries(iter.into_iter().collect())
    }
}

impl<V> Extend<(String, V)> for Entries<V> {
    fn extend<I: IntoIterator<Item = (String, V)>>(&mut self, iter: I) {
        self.0.extend(iter)
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for Entries<V> {
    /// In key order, whatever order the document wrote them in.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(BTreeMap::<String, V>::deserialize(d)?.into_iter().collect())
    }
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// A product API spec: one product, one API version.
///
/// Fields are declared in the order a spec is written in (`import` serializes these types),
/// which serde keeps; an absent or default one is not written.
#[derive(Debug, Default, Deserialize, Serialize)]
pub struct Document {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub openapi: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub info: Option<Info>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub servers: Vec<Server>,
    #[serde(
        rename = "x-acs-endpoints",
        default,
        skip_serializing_if = "Entries::is_empty"
    )]
    pub endpoints: Entries<String>,
    #[serde(default, skip_serializing_if = "Entries::is_empty")]
    pub paths: Entries<PathItem>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub components: Option<Components>,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Debug, Default, Deserialize, Serialize)]
pub struct Info {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(rename = "x-acs-product", skip_serializing_if = "Option::is_none")]
    pub product: Option<String>,
    /// The metadata document an imported spec came from (`acs-codegen import`).
    #[serde(
        rename = "x-acs-imported-from",
        skip_serializing_if = "Option::is_none"
    )]
    pub imported_from: Option<String>,
    /// The product's own gateway (`OSS`, `SLS`, `PDS`); absent: the common gateway.
    #[serde(rename = "x-acs-style", skip_serializing_if = "Option::is_none")]
    pub style: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Debug, Default, Deserialize, Serialize)]
pub struct Server {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Entries::is_empty")]
    pub variables: Entries<ServerVariable>,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Debug, Default, Deserialize, Serialize)]
pub struct ServerVariable {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
    #[serde(rename = "enum", skip_serializing_if = "Option::is_none")]
    pub values: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Debug, Default, Deserialize, Serialize)]
pub struct PathItem {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub get: Option<Operation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub post: Option<Operation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub put: Option<Operation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delete: Option<Operation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub patch: Option<Operation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub head: Option<Operation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub options: Option<Operation>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl PathItem {
    /// The item's operations with their methods, in [`HttpMethod::ALL`] order.
    pub fn operations(&self) -> Vec<(HttpMethod, &Operation)> {
        HttpMethod::ALL
            .iter()
            .filter_map(|&(_, m)| self.slot(m).as_ref().map(|op| (m, op)))
            .collect()
    }

    /// The item's operations, mutable.
    pub fn operations_mut(&mut self) -> impl Iterator<Item = &mut Operation> {
        [
            &mut self.get,
            &mut self.post,
            &mut self.put,
            &mut self.delete,
            &mut self.patch,
            &mut self.head,
            &mut self.options,
        ]
        .into_iter()
        .filter_map(Option::as_mut)
    }

    /// The place of the operation of method `m`.
    pub fn slot(&self, m: HttpMethod) -> &Option<Operation> {
        match m {
            HttpMethod::Get => &self.get,
            HttpMethod::Post => &self.post,
            HttpMethod::Put => &self.put,
            HttpMethod::Delete => &self.delete,
            HttpMethod::Patch => &self.patch,
            HttpMethod::Head => &self.head,
            HttpMethod::Options => &self.options,
        }
    }

    /// The place of the operation of method `m`, mutable.
    pub fn slot_mut(&mut self, m: HttpMethod) -> &mut Option<Operation> {
        match m {
            HttpMethod::Get => &mut self.get,
            HttpMethod::Post => &mut self.post,
            HttpMethod::Put => &mut self.put,
            HttpMethod::Delete => &mut self.delete,
            HttpMethod::Patch => &mut self.patch,
            HttpMethod::Head => &mut self.head,
            HttpMethod::Options => &mut self.options,
        }
    }
}

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Operation {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operation_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// The reference page's title (imported metadata), when it differs from the summary.
    #[serde(rename = "x-acs-title", skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub deprecated: bool,
    /// OpenAPI security requirements; `[]` means anonymous (unsigned).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub security: Option<Vec<Value>>,
    /// Whether repeating the call is harmless; absent: RFC 9110's answer for a REST-style
    /// operation's method, `false` for an RPC action.
    #[serde(rename = "x-acs-idempotent", skip_serializing_if = "Option::is_none")]
    pub idempotent: Option<bool>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parameters: Vec<Parameter>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_body: Option<RequestBody>,
    #[serde(
        rename = "x-acs-success-field",
        skip_serializing_if = "Option::is_none"
    )]
    pub success_field: Option<String>,
    #[serde(default, skip_serializing_if = "Entries::is_empty")]
    pub responses: Entries<Response>,
    #[serde(rename = "x-acs-error-codes", skip_serializing_if = "Option::is_none")]
    pub error_codes: Option<Vec<ErrorCode>>,
    #[serde(rename = "x-acs-ram", skip_serializing_if = "Option::is_none")]
    pub ram: Option<Ram>,
    /// How the operation pages: `false` for not at all, else which fields (absent: inferred
    /// from Alibaba's conventions).
    #[serde(rename = "x-acs-pagination", skip_serializing_if = "Option::is_none")]
    pub pagination: Option<PaginationSpec>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// `x-acs-pagination`: `false`, or the fields that page (wire names; response fields as
/// dotted paths from the response body, `Instances.Instance`).
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum PaginationSpec {
    Enabled(bool),
    Fields(PaginationFields),
}

impl<'de> Deserialize<'de> for PaginationSpec {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        match Value::deserialize(d)? {
            Value::Bool(b) => Ok(PaginationSpec::Enabled(b)),
            v @ Value::Mapping(_) => serde_yaml::from_value(v)
                .map(PaginationSpec::Fields)
                .map_err(D::Error::custom),
            _ => Err(D::Error::custom(
                "`x-acs-pagination` is `false`, `true` or a map of the fields that page",
            )),
        }
    }
}

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PaginationFields {
    /// The request's token parameter (`NextToken`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub input_token: Option<String>,
    /// The response's next token (`NextToken`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub output_token: Option<String>,
    /// The request's page number parameter (`PageNumber`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page_number: Option<String>,
    /// The request's page size parameter (`PageSize`, `MaxResults`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page_size: Option<String>,
    /// The response's list of items (`Instances.Instance`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub items: Option<String>,
    /// The response's total number of items (`TotalCount`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total: Option<String>,
}

#[derive(Debug, Default, Deserialize, Serialize)]
pub struct Parameter {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(rename = "in", skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub required: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub example: Option<Value>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub deprecated: bool,
    #[serde(rename = "x-acs-style", skip_serializing_if = "Option::is_none")]
    pub style: Option<String>,
    #[serde(
        rename = "x-acs-idempotency-token",
        default,
        skip_serializing_if = "is_false"
    )]
    pub idempotency_token: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schema: Option<Schema>,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Debug, Default, Deserialize, Serialize)]
pub struct RequestBody {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The request field of a body that is one value (not an object's properties):
    /// `body` unless named.
    #[serde(rename = "x-acs-body-name", skip_serializing_if = "Option::is_none")]
    pub body_name: Option<String>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub required: bool,
    #[serde(default, skip_serializing_if = "Entries::is_empty")]
    pub content: Entries<MediaType>,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Debug, Default, Deserialize, Serialize)]
pub struct Response {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The response headers the answer carries (`ETag`, `x-oss-version-id`): output fields.
    #[serde(default, skip_serializing_if = "Entries::is_empty")]
    pub headers: Entries<Header>,
    #[serde(default, skip_serializing_if = "Entries::is_empty")]
    pub content: Entries<MediaType>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// A response header (OpenAPI's Header Object): its schema and description.
#[derive(Debug, Default, Deserialize, Serialize)]
pub struct Header {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schema: Option<Schema>,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Debug, Default, Deserialize, Serialize)]
pub struct MediaType {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schema: Option<Schema>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub example: Option<Value>,
    /// Per-property encoding of a form body (OpenAPI's place for a form field's style).
    #[serde(default, skip_serializing_if = "Entries::is_empty")]
    pub encoding: Entries<Encoding>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// How one form-body property is encoded: `x-acs-style` as on a parameter.
#[derive(Debug, Default, Deserialize, Serialize)]
pub struct Encoding {
    #[serde(rename = "x-acs-style", skip_serializing_if = "Option::is_none")]
    pub style: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// A JSON Schema object (OpenAPI 3.0 flavour).
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Schema {
    #[serde(rename = "$ref", skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub ty: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub example: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default: Option<Value>,
    #[serde(rename = "enum", skip_serializing_if = "Option::is_none")]
    pub values: Option<Vec<Value>>,
    #[serde(rename = "x-enum-varnames", skip_serializing_if = "Option::is_none")]
    pub enum_varnames: Option<Vec<String>>,
    #[serde(
        rename = "x-enum-descriptions",
        skip_serializing_if = "Option::is_none"
    )]
    pub enum_descriptions: Option<Vec<String>>,
    /// Bounds and patterns: documentation only (the gateway checks them).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minimum: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maximum: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_length: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_length: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_items: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_items: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pattern: Option<Value>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub deprecated: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub items: Option<Box<Schema>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub properties: Option<Entries<Schema>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub required: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub additional_properties: Option<Box<Schema>>,
    #[serde(rename = "x-acs-bool-values", skip_serializing_if = "Option::is_none")]
    pub bool_values: Option<Entries<String>>,
    /// A secret (`AccessKeySecret`, `SecurityToken`, a password): never shown by `Debug`.
    #[serde(rename = "x-acs-sensitive", default, skip_serializing_if = "is_false")]
    pub sensitive: bool,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Debug, Default, Deserialize, Serialize)]
pub struct Components {
    #[serde(default, skip_serializing_if = "Entries::is_empty")]
    pub schemas: Entries<Schema>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// One row of an error code table (`x-acs-error-codes`, `x-acs-common-error-codes`).
#[derive(Debug, Default, Deserialize, Serialize)]
pub struct ErrorCode {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub retryable: bool,
    #[serde(flatten)]
    pub extra: Extra,
}

/// RAM authorization of an operation (`x-acs-ram`); `actions: []` means "no authorization".
#[derive(Debug, Default, Deserialize, Serialize)]
pub struct Ram {
    #[serde(default)]
    pub actions: Vec<RamAction>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RamAction {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub access_level: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resource_types: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub condition_keys: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub associated_operations: Vec<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// The shared file of gateway error codes (`specs/common-errors.yaml`).
#[derive(Debug, Default, Deserialize, Serialize)]
pub struct CommonErrors {
    #[serde(rename = "x-acs-common-error-codes", default)]
    pub codes: Vec<ErrorCode>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// Prefix of an operation path key: RPC operations are keyed `/#Action=<Name>`.
pub const ACTION_PREFIX: &str = "/#Action=";

/// Media type of a form body.
pub const FORM_MEDIA: &str = "application/x-www-form-urlencoded";
/// Media type of a JSON body or response.
pub const JSON_MEDIA: &str = "application/json";
/// Media type of an XML body (an object whose one property is the root element) or response.
pub const XML_MEDIA: &str = "application/xml";
/// Media type of a binary body or response.
pub const BINARY_MEDIA: &str = "application/octet-stream";

/// The success response of an operation (`200`, else its first `2xx`), what its body holds
/// and the schema it is read with (none for text, bytes or nothing).
pub fn output_body<'a>(
    op: &'a Operation,
    components: &'a Entries<Schema>,
) -> (OutputBody, Option<&'a Response>, Option<&'a Schema>) {
    let ok = op.responses.get("200").or_else(|| {
        op.responses
            .iter()
            .find(|(status, _)| status.len() == 3 && status.starts_with('2'))
            .map(|(_, r)| r)
    });
    let Some(response) = ok else {
        return (OutputBody::Empty, None, None);
    };
    if let Some(schema) = response
        .content
        .get(JSON_MEDIA)
        .and_then(|m| m.schema.as_ref())
    {
        let resolved = resolve(schema, components);
        return match resolved_type(schema, components) {
            Some("array") => (OutputBody::Array, ok, Some(schema)),
            Some("string") if resolved.format.as_deref() == Some("binary") => {
                (OutputBody::Bytes, ok, None)
            }
            Some("string") => (OutputBody::Text, ok, None),
            _ => (OutputBody::Object, ok, Some(schema)),
        };
    }
    let body = if response.content.contains_key(BINARY_MEDIA) {
        OutputBody::Bytes
    } else if response.content.keys().any(|m| m.starts_with("text/")) {
        OutputBody::Text
    } else if response.content.contains_key(JSON_MEDIA) {
        // JSON without a schema: an object of unknown fields.
        OutputBody::Object
    } else {
        OutputBody::Empty
    };
    (body, ok, None)
}

/// The action of the operation `op` keyed `key`: the `/#Action=` name, else (a REST-style
/// path) its `operationId`.
pub fn action<'a>(key: &'a str, op: &'a Operation) -> &'a str {
    key.strip_prefix(ACTION_PREFIX)
        .or(op.operation_id.as_deref())
        .unwrap_or(key)
}

/// The request field name of a body that is one value, unless `x-acs-body-name` says.
pub const DEFAULT_BODY_NAME: &str = "body";

/// The path template of an operation keyed `key`: `/` for an RPC action, else the key up to
/// its `#<Action>`, if any (`/{key}?uploadId#UploadPart` is `/{key}?uploadId`).
///
/// OpenAPI keys one operation per path and method; the gateways of their own tell operations
/// apart by query parameters, headers and the host too (OSS `PutObject` and `UploadPart` are
/// both `PUT /{key}`), so their operations are keyed `<path>#<Action>`.
pub fn path_template(key: &str) -> &str {
    if key.starts_with(ACTION_PREFIX) {
        "/"
    } else {
        key.split('#').next().unwrap_or(key)
    }
}

/// What is wrong with a REST-style path key, if anything: it starts with `/`, its `{Name}`s are
/// closed and named, and a `*` is only its whole last segment.
pub fn template_problem(key: &str) -> Option<&'static str> {
    let (key, action) = key.split_once('#').unwrap_or((key, ""));
    let (path, subresources) = key.split_once('?').unwrap_or((key, ""));
    if !action
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_')
    {
        Some("may end with `#<Action>` only (the action it keys, as in `/{key}#PutObject`)")
    } else if !key.starts_with('/') {
        Some("must be `/#Action=<ActionName>` or a path starting with `/`")
    } else if path.contains('#') || key.contains(char::is_whitespace) {
        Some("may not hold a fragment or white space")
    } else if subresources.contains(['?', '#', '{', '}', '/'])
        || subresources
            .split('&')
            .any(|s| s.is_empty() || s.starts_with('='))
            && key.contains('?')
    {
        Some("may end with subresources (`?tagging`, `?comp=add&cname`) only: keys or `key=value`s joined by `&`")
    } else if key.matches('{').count() != key.matches('}').count()
        || template_names(key)
            .iter()
            .any(|n| n.is_empty() || n.contains(['{', '/']))
    {
        Some("has an unclosed or empty `{}`")
    } else if key.contains('*') && !key.ends_with("/*") || key.matches('*').count() > 1 {
        Some("may have a `*` only as its whole last segment (`/resources/*`)")
    } else {
        None
    }
}

/// The `{Name}`s of a path template, in order.
pub fn template_names(template: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(len) = rest[open..].find('}') else {
            break;
        };
        out.push(&rest[open + 1..open + len]);
        rest = &rest[open + len + 1..];
    }
    out
}

/// `#/components/schemas/Name` → `Name`.
pub fn ref_name(reference: &str) -> Option<&str> {
    reference
        .strip_prefix("#/components/schemas/")
        .filter(|n| !n.is_empty() && !n.contains('/'))
}

/// Follows `$ref`s to the schema that defines the shape (at most 64 hops; an unknown target
/// or a cycle stops at the last schema reached).
pub fn resolve<'a>(schema: &'a Schema, components: &'a Entries<Schema>) -> &'a Schema {
    let mut s = schema;
    for _ in 0..64 {
        match s
            .reference
            .as_deref()
            .and_then(ref_name)
            .and_then(|n| components.get(n))
        {
            Some(next) => s = next,
            None => break,
        }
    }
    s
}

/// The JSON type of a schema after `$ref`s: its `type`, or `object` when it only has
/// `properties`; `None` for a free-form schema.
pub fn resolved_type<'a>(schema: &'a Schema, components: &'a Entries<Schema>) -> Option<&'a str> {
    let s = resolve(schema, components);
    s.ty.as_deref().or(s.properties.as_ref().map(|_| "object"))
}

/// Whether a schema holds a secret: `x-acs-sensitive: true` or `format: password` (after
/// `$ref`s).
pub fn is_sensitive(schema: &Schema, components: &Entries<Schema>) -> bool {
    let s = resolve(schema, components);
    schema.sensitive
        || s.sensitive
        || schema.format.as_deref() == Some("password")
        || s.format.as_deref() == Some("password")
}

/// A YAML syntax or type error, with serde_yaml's own position when it has one.
#[derive(Debug)]
pub struct ParseError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// Largest spec accepted, so a runaway input cannot exhaust memory before it is rejected.
pub const MAX_SPEC_BYTES: usize = 256 * 1024 * 1024;

/// Deepest nesting accepted (serde_yaml stops at 128 levels anyway, but the YAML scanner
/// behind it slows down quadratically on deep flow collections before it gets there).
pub const MAX_DEPTH: usize = 128;

/// Rejects input nested deeper than [`MAX_DEPTH`] (flow brackets, or block indentation)
/// before the YAML parser sees it.
fn check_depth(source: &str) -> Result<(), ParseError> {
    let too_deep = |line: usize, column: usize| ParseError {
        line,
        column,
        message: format!("nesting deeper than {MAX_DEPTH} levels"),
    };
    let (mut depth, mut line, mut column, mut indent) = (0usize, 1usize, 0usize, 0usize);
    let (mut quote, mut comment, mut leading) = (None::<char>, false, true);
    let mut prev = '\n';
    let mut chars = source.chars().peekable();
    while let Some(c) = chars.next() {
        column += 1;
        if c == '\n' {
            (line, column, indent, comment, leading, prev) = (line + 1, 0, 0, false, true, c);
            continue;
        }
        if leading && c == ' ' {
            indent += 1;
            // Two spaces a level: indentation this deep is block nesting beyond the limit.
            if indent > 2 * MAX_DEPTH {
                return Err(too_deep(line, column));
            }
            prev = c;
            continue;
        }
        leading = false;
        if comment {
            prev = c;
            continue;
        }
        match (quote, c) {
            (Some('"'), '\\') => {
                chars.next();
                column += 1;
            }
            (Some('\''), '\'') if chars.peek() == Some(&'\'') => {
                chars.next();
                column += 1;
            }
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') if matches!(prev, ' ' | '\t' | '\n' | '[' | '{' | ',' | ':') => {
                quote = Some(c)
            }
            (None, '#') if matches!(prev, ' ' | '\t' | '\n') => comment = true,
            (None, '[' | '{') => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(too_deep(line, column));
                }
            }
            (None, ']' | '}') => depth = depth.saturating_sub(1),
            _ => {}
        }
        prev = c;
    }
    Ok(())
}

/// Parses one YAML document into `T`.
pub fn from_str<T: serde::de::DeserializeOwned>(source: &str) -> Result<T, ParseError> {
    if source.len() > MAX_SPEC_BYTES {
        return Err(ParseError {
            line: 1,
            column: 1,
            message: format!(
                "spec is {} bytes, more than the {} byte limit",
                source.len(),
                MAX_SPEC_BYTES
            ),
        });
    }
    check_depth(source)?;
    serde_yaml::from_str(source).map_err(|e| {
        let (line, column) = e
            .location()
            .map(|l| (l.line(), l.column()))
            .unwrap_or((1, 1));
        let mut message = e.to_string();
        // serde_yaml appends " at line L column C"; the diagnostic carries that position.
        // A syntax error names two: where parsing failed, and where the construct it was in
        // started (libyaml's context mark: the unclosed `[`). The second is kept, in words.
        let own = format!(" at line {line} column {column}");
        if message.ends_with(&own) {
            message.truncate(message.len() - own.len());
        }
        message = message.replace(&format!("{own},"), ",");
        if let Some(i) = message.rfind(" at line ") {
            let (head, place) = message.split_at(i);
            if head.contains(", while ") {
                message = format!(
                    "{head}{}",
                    place.replacen(" at line ", " that starts at line ", 1)
                );
            } else {
                message.truncate(i);
            }
        }
        if let Some(hint) = hint(&message) {
            message.push_str("; ");
            message.push_str(hint);
        }
        ParseError {
            line,
            column,
            message,
        }
    })
}

/// A fix for the common slips behind some serde_yaml messages.
fn hint(message: &str) -> Option<&'static str> {
    if message.contains("required: invalid type: boolean") {
        Some("hint: inside a `schema`, `required` lists the required property names; a parameter is made required by `required: true` on the parameter itself, beside `name` and `in`")
    } else if message.contains("scanning an alias") || message.contains("unknown anchor") {
        Some("hint: a plain value starting with `*` or `&` is a YAML alias or anchor; quote it (`example: '********'`)")
    } else if message.contains("invalid type: string") && message.contains("expected a boolean") {
        Some("hint: write `true` or `false`, unquoted")
    } else if message.contains("found character that cannot start any token") {
        Some("hint: a value starting with `@`, `` ` `` or `%` must be quoted")
    } else {
        None
    }
}
