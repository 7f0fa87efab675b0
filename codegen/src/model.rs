//! Step 3's output: the intermediate model emitters read.
//!
//! The model is the whole vocabulary of both API styles, not just what the seed operations
//! use: RPC actions and REST-style paths, every method, path, query, header, form, JSON and
//! binary parameters, scalar, enum, list and object values flattened as `Tag.1.Key=v` or
//! sent as JSON, JSON object, array, text, binary and empty responses, maps, int64. Names are
//! already Rust names; every list is in its final, deterministic order.

use std::collections::BTreeMap;

/// Name of the error variant that keeps codes an operation does not document.
pub const UNHANDLED: &str = "Unhandled";

/// Name of the error variant that holds a common gateway error ([`COMMON_ERROR_TYPE`]).
pub const COMMON: &str = "Common";

/// The enum of the common gateway error codes, defined once at the root of the generated
/// code and held by every operation's `Common` variant.
pub const COMMON_ERROR_TYPE: &str = "CommonError";

/// The trait of the common codes' `is_<code>()` tests, defined once next to
/// [`COMMON_ERROR_TYPE`] and implemented for every operation's error enum.
pub const COMMON_CODES_TRAIT: &str = "CommonCodes";

/// The runtime trait every operation's error enum implements; its provided methods are the
/// metadata accessors (`code()`, `message()`, ...). Re-exported by every version module.
pub const SERVICE_ERROR_TRAIT: &str = "ServiceError";

/// Everything generated in one run.
#[derive(Clone, Debug)]
pub struct Api {
    /// Services sorted by module path.
    pub services: Vec<Service>,
    /// The common gateway error codes (the variants of [`COMMON_ERROR_TYPE`]), each with
    /// a unique variant (the generator's built-in ones unless a file is given).
    pub common_errors: Vec<ErrorCode>,
    /// The common error codes' file (the built-in one unless a file is given), which the
    /// `@generated` headers name.
    pub common_errors_source: Option<SourceFile>,
}

/// A file the model was made from, as the `@generated` headers name it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SourceFile {
    /// Its file name (`common-errors.yaml`).
    pub file: String,
    /// Hex SHA-256 of its bytes.
    pub sha256: String,
}

/// One product at one API version (one spec file).
#[derive(Clone, Debug)]
pub struct Service {
    /// The spec file name (e.g. `esa-2024-09-10.yaml`), for the `@generated` header.
    pub spec_file: String,
    /// Hex SHA-256 of the spec file's bytes (and of the common errors file, if any).
    pub spec_sha256: String,
    /// Product code as Alibaba spells it (`ESA`, `ddoscoo`, `BssOpenApi`).
    pub product: String,
    /// Rust module of the product (`esa`).
    pub product_module: String,
    /// API version (`2024-09-10`).
    pub version: String,
    /// Rust module of the version (`v2024_09_10`).
    pub version_module: String,
    /// Cargo feature gating the module (`esa-2024-09-10`).
    pub feature: String,
    pub title: String,
    pub description: String,
    pub endpoints: Endpoints,
    /// The gateway the product's requests go through (`info.x-acs-style`).
    pub protocol: Protocol,
    /// Operations sorted by action name.
    pub operations: Vec<Operation>,
    /// Named types (enums and structs) sorted by name.
    pub types: Vec<TypeDef>,
}

/// The gateway a product's requests go through, and so how they are signed: the runtime's
/// `Protocol`. A spec names it in `info.x-acs-style` (absent: the common gateway).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Protocol {
    /// Alibaba Cloud's common gateway, signature V3.
    #[default]
    Acs3,
    /// Object Storage (`OSS`).
    Oss,
    /// Log Service (`SLS`).
    Sls,
    /// Drive and Photo (`PDS`).
    Pds,
}

impl Protocol {
    /// Every `x-acs-style` a spec may name, with its protocol. The one place style names
    /// are defined; import, validation and lowering read it.
    pub const STYLES: &'static [(&'static str, Protocol)] = &[
        ("OSS", Protocol::Oss),
        ("SLS", Protocol::Sls),
        ("PDS", Protocol::Pds),
    ];

    /// The products whose official SDKs send every call through their own gateway, by
    /// product code (any letter case), whatever style their metadata names: Log Service's
    /// documents said `SLS`, later ones say `ROA`, and its SDKs still sign with `LOG`.
    pub const PRODUCTS: &'static [(&'static str, Protocol)] = &[
        ("Oss", Protocol::Oss),
        ("Sls", Protocol::Sls),
        ("pds", Protocol::Pds),
    ];

    /// The gateway of its own of a product code, if it has one ([`Self::PRODUCTS`]).
    pub fn of_product(product: &str) -> Option<Protocol> {
        Self::PRODUCTS
            .iter()
            .find(|(code, _)| code.eq_ignore_ascii_case(product))
            .map(|(_, p)| *p)
    }

    /// The protocol of a style name (any letter case).
    pub fn from_style(style: &str) -> Option<Protocol> {
        Self::STYLES
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(style))
            .map(|(_, p)| *p)
    }

    /// How reports name it: its style (`OSS`), or `common` for the common gateway.
    pub fn name(self) -> &'static str {
        Self::STYLES
            .iter()
            .find(|(_, p)| *p == self)
            .map_or("common", |(n, _)| *n)
    }

    /// The runtime's `Protocol` variant.
    pub fn variant(self) -> &'static str {
        match self {
            Protocol::Acs3 => "Acs3",
            Protocol::Oss => "Oss",
            Protocol::Sls => "Sls",
            Protocol::Pds => "Pds",
        }
    }
}

/// How to find the host for a region.
#[derive(Clone, Debug, Default)]
pub struct Endpoints {
    /// `servers[0].url` (`https://esa.{regionId}.aliyuncs.com`).
    pub template: String,
    /// Region used when the caller names none (the `regionId` variable's default).
    pub default_region: Option<String>,
    /// Explicit per-region hosts (`x-acs-endpoints`).
    pub regional: BTreeMap<String, String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HttpMethod {
    Get,
    Post,
    Put,
    Delete,
    Patch,
    Head,
    Options,
}

impl HttpMethod {
    /// Every method with the key a spec's path item names it by. This table is the one place
    /// method names are defined; parsing, validation and lowering read it.
    pub const ALL: &'static [(&'static str, HttpMethod)] = &[
        ("get", HttpMethod::Get),
        ("post", HttpMethod::Post),
        ("put", HttpMethod::Put),
        ("delete", HttpMethod::Delete),
        ("patch", HttpMethod::Patch),
        ("head", HttpMethod::Head),
        ("options", HttpMethod::Options),
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Post => "POST",
            HttpMethod::Put => "PUT",
            HttpMethod::Delete => "DELETE",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Head => "HEAD",
            HttpMethod::Options => "OPTIONS",
        }
    }

    /// The runtime's `Method` variant (`Get`).
    pub fn variant(self) -> &'static str {
        match self {
            HttpMethod::Get => "Get",
            HttpMethod::Post => "Post",
            HttpMethod::Put => "Put",
            HttpMethod::Delete => "Delete",
            HttpMethod::Patch => "Patch",
            HttpMethod::Head => "Head",
            HttpMethod::Options => "Options",
        }
    }

    /// Whether RFC 9110 calls the method idempotent: the default of a REST-style operation's
    /// `x-acs-idempotent`.
    pub fn is_idempotent(self) -> bool {
        matches!(
            self,
            HttpMethod::Get
                | HttpMethod::Put
                | HttpMethod::Delete
                | HttpMethod::Head
                | HttpMethod::Options
        )
    }
}

/// What an operation's success body holds (and so the shape of its output).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum OutputBody {
    /// A JSON object: the output's fields are its properties.
    #[default]
    Object,
    /// A JSON array: the output has one field, `items`.
    Array,
    /// Text: the output has one field, `body: String`.
    Text,
    /// Bytes: the output has one field, `body: Vec<u8>`.
    Bytes,
    /// Nothing (an empty body, `204`): the output has only its metadata.
    Empty,
}

#[derive(Clone, Debug)]
pub struct Operation {
    /// Action name (`ReleaseInstance`).
    pub action: String,
    /// Where the operation is in its spec, as diagnostics name it (`paths./#Action=Name.post`,
    /// `paths./clusters/{ClusterId}.get`).
    pub spec_path: String,
    /// Client method name (`release_instance`).
    pub method_name: String,
    /// `ReleaseInstanceRequest`.
    pub request_type: String,
    /// `ReleaseInstanceResponse`.
    pub response_type: String,
    /// `ReleaseInstanceError`.
    pub error_type: String,
    pub http_method: HttpMethod,
    /// Path template: `/` for an RPC operation (`/#Action=` key), else the spec's path key
    /// (`/clusters/{ClusterId}/nodes`).
    pub path: String,
    pub summary: String,
    pub description: String,
    pub deprecated: bool,
    /// Parameters in spec order (required ones become constructor arguments in this order).
    pub params: Vec<Param>,
    /// Boolean response field that, when `false` on a 2xx, turns the body into an error.
    pub success_field: Option<String>,
    /// Repeating the call is harmless (`x-acs-idempotent`), so failures are retried.
    pub idempotent: bool,
    /// Called without a signature (`security: []`).
    pub anonymous: bool,
    /// The body's fields ([`Location::Json`]) are written as XML, not JSON.
    pub xml_body: bool,
    /// Operation-specific codes in spec order, then common codes the operation does not
    /// itself document, in the common file's order.
    pub errors: Vec<ErrorCode>,
    pub ram: Option<Ram>,
    /// The success example body (JSON), if the spec has one.
    pub success_example: Option<serde_json::Value>,
    /// Non-JSON success examples by media type (e.g. `application/xml`), for the docs.
    pub other_examples: Vec<(String, String)>,
    /// How the operation pages, if it does.
    pub pagination: Option<Pagination>,
}

/// How pages follow each other.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Paging {
    /// The response's token asks for the next page.
    Token,
    /// Page numbers count up from the request's.
    Number,
}

/// A paginated operation's fields, in Rust names.
#[derive(Clone, Debug, PartialEq)]
pub struct Pagination {
    pub paging: Paging,
    /// The request's token, page number and page size fields.
    pub input_token: Option<RequestField>,
    pub page_number: Option<RequestField>,
    pub page_size: Option<RequestField>,
    /// The response's next token, items and total, as paths from the output.
    pub output_token: Option<FieldPath>,
    /// Ends at the list (its type is the list's).
    pub items: FieldPath,
    pub total: Option<FieldPath>,
}

/// A request field named by pagination.
#[derive(Clone, Debug, PartialEq)]
pub struct RequestField {
    pub wire_name: String,
    pub rust_name: String,
    pub ty: Type,
    pub required: bool,
}

/// A response field named by pagination: the fields from the output down to it, each with
/// whether it is required (not an `Option`), and its type.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldPath {
    pub steps: Vec<(String, bool)>,
    /// The same fields' wire names (`Instances`, `Instance`), for the CLI's `--pager`.
    pub wire: Vec<String>,
    pub ty: Type,
}

impl Operation {
    /// The idempotency-token parameter, if any.
    pub fn idempotency_token(&self) -> Option<&Param> {
        self.params.iter().find(|p| p.idempotency_token)
    }

    /// Whether the documented success example is itself a failure (its success field
    /// `false`).
    pub fn example_is_failure(&self) -> bool {
        match (&self.success_example, &self.success_field) {
            (Some(example), Some(f)) => example.get(f) == Some(&serde_json::Value::Bool(false)),
            _ => false,
        }
    }

    /// The success example as a success: a failing one gets its success field `true`.
    pub fn ok_example(&self) -> Option<serde_json::Value> {
        let mut example = self.success_example.clone()?;
        if let (true, Some(f), serde_json::Value::Object(m)) =
            (self.example_is_failure(), &self.success_field, &mut example)
        {
            m.insert(f.clone(), serde_json::Value::Bool(true));
        }
        Some(example)
    }
}

/// Where a parameter is read back from a received request, and how it is spelled there:
/// the name of an `acs_runtime::testing::Place` constant (what the generated `FromWire`
/// and `acs-codegen serve` read).
pub fn read_place(p: &Param) -> &'static str {
    let container = matches!(
        p.ty,
        Type::Array(_) | Type::Map(_) | Type::Struct(_) | Type::Any
    );
    // As the client writes it: a header holds a list or object as JSON.
    let (json, simple) = (
        container && (p.style == Style::Json || p.location == Location::Header),
        container && p.style == Style::Simple,
    );
    match (p.location, json, simple) {
        (Location::Host, ..) => "HOST",
        (Location::Path, ..) => "PATH",
        (Location::Json, ..) => "JSON_FIELD",
        (Location::Payload, ..) => "PAYLOAD",
        (Location::Query, true, _) => "QUERY_JSON",
        (Location::Query, _, true) => "QUERY_SIMPLE",
        (Location::Query, ..) => "QUERY",
        (Location::Header, true, _) => "HEADER_JSON",
        (Location::Header, ..) => "HEADER",
        (Location::Body, true, _) => "FORM_JSON",
        (Location::Body, _, true) => "FORM_SIMPLE",
        (Location::Body, ..) => "FORM",
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Location {
    /// The host parameter (OSS `bucket`): in front of the endpoint's host.
    Host,
    /// Fills the path template's `{Name}` (or is the whole path of a `*` template).
    Path,
    /// In the query string.
    Query,
    /// A request header.
    Header,
    /// A field of an `application/x-www-form-urlencoded` body.
    Body,
    /// A property of a JSON object body.
    Json,
    /// The whole body: one JSON value, text, or bytes ([`Type::Bytes`]).
    Payload,
}

impl Location {
    /// How reports and docs name the location.
    pub fn name(self) -> &'static str {
        match self {
            Location::Host => "host",
            Location::Path => "path",
            Location::Query => "query",
            Location::Header => "header",
            Location::Body => "body",
            Location::Json => "json body",
            Location::Payload => "payload",
        }
    }

    /// The prefix a field of this location gets when a field of an earlier location has
    /// its Rust name (`body_cluster_id`); the CLI flag gets it too (`--body-cluster-id`).
    pub fn prefix(self) -> &'static str {
        match self {
            Location::Host => "host",
            Location::Path => "path",
            Location::Query => "query",
            Location::Header => "header",
            Location::Body | Location::Json | Location::Payload => "body",
        }
    }
}

/// How a list or object value becomes request parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// `Name.1=a&Name.2=b`, `Name.Key=v`, recursively (`Tag.1.Key=v`). The default.
    /// Alibaba's `repeatList` (lists) and `flat` (objects, maps) are both this.
    Flat,
    /// One parameter holding the value as JSON text.
    Json,
    /// One parameter holding a comma-separated list of scalars.
    Simple,
}

impl Style {
    /// Every `x-acs-style` name a spec may use, with the style it means. This table is the
    /// one place style names are defined; validation, lowering and `diff` read it.
    pub const NAMES: &'static [(&'static str, Style)] = &[
        ("repeatList", Style::Flat),
        ("flat", Style::Flat),
        ("json", Style::Json),
        ("simple", Style::Simple),
    ];

    /// The style named `name` (`repeatList`, `flat`, `json`, `simple`).
    pub fn from_name(name: &str) -> Option<Style> {
        Self::NAMES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, s)| *s)
    }

    /// The canonical name of the style, as reports show it.
    pub fn name(self) -> &'static str {
        match self {
            Style::Flat => "flat",
            Style::Json => "json",
            Style::Simple => "simple",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Param {
    /// Name on the wire (`InstanceId`).
    pub wire_name: String,
    /// Rust field and setter name (`instance_id`).
    pub rust_name: String,
    pub doc: Doc,
    pub required: bool,
    pub location: Location,
    pub style: Style,
    pub ty: Type,
    pub idempotency_token: bool,
    pub deprecated: bool,
    /// A secret (a password): redacted by `Debug`.
    pub sensitive: bool,
    /// The Rust name got its location's [`prefix`](Location::prefix), because a parameter
    /// of an earlier location derives the same name; the CLI flag gets it too.
    pub prefixed: bool,
}

/// Documentation facts of one value.
#[derive(Clone, Debug, Default)]
pub struct Doc {
    pub description: String,
    pub example: Option<String>,
    pub default: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Type {
    String,
    /// `integer`/`int32`.
    Int32,
    /// `integer`/`int64`.
    Int64,
    /// `number` (`float` or `double`).
    Float,
    Bool,
    /// A named enum (string values).
    Enum(String),
    /// A named struct.
    Struct(String),
    Array(Box<Type>),
    /// An object with free-form keys.
    Map(Box<Type>),
    /// Any JSON value (a schema with no type).
    Any,
    /// Bytes: only a binary request body ([`Location::Payload`]).
    Bytes,
}

#[derive(Clone, Debug)]
pub enum TypeDef {
    Enum(EnumDef),
    Struct(StructDef),
    /// Another name of a struct: an inline object identical to one seen before keeps the
    /// name of where it is used (`DescribeInstancesTagItem`), whatever else the spec holds,
    /// and shares the struct defined under the first one's name.
    Alias(AliasDef),
}

/// `pub type <name> = <target>;`
#[derive(Clone, Debug, PartialEq)]
pub struct AliasDef {
    pub name: String,
    /// A struct's name (never another alias).
    pub target: String,
}

impl TypeDef {
    pub fn name(&self) -> &str {
        match self {
            TypeDef::Enum(e) => &e.name,
            TypeDef::Struct(s) => &s.name,
            TypeDef::Alias(a) => &a.name,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct EnumDef {
    pub name: String,
    pub description: String,
    pub values: Vec<EnumValue>,
    /// Wire values standing for `true` and `false`, when the enum is a boolean in disguise.
    pub bool_values: Option<(String, String)>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct EnumValue {
    pub wire: String,
    pub variant: String,
    pub description: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct StructDef {
    pub name: String,
    pub description: String,
    pub fields: Vec<Field>,
    /// Used in requests (needs parameter flattening) and/or responses (needs decoding).
    pub in_request: bool,
    pub in_response: bool,
    /// Some operation's output: it carries the response's metadata (`meta()`).
    pub output: bool,
    /// What the body an output is read from holds (`Object` for every other struct).
    pub body: OutputBody,
    /// An output's fields read from response headers: their names as the answer spells them.
    pub headers: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    pub wire_name: String,
    pub rust_name: String,
    pub description: String,
    pub example: Option<String>,
    pub required: bool,
    pub ty: Type,
    /// A secret: redacted by `Debug`.
    pub sensitive: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ErrorCode {
    /// The code as the server sends it (`SYSTEM.NoSpecificCodeFailed`).
    pub code: String,
    /// Enum variant (`SystemNoSpecificCodeFailed`).
    pub variant: String,
    pub status: u16,
    pub message: String,
    pub description: String,
    pub retryable: bool,
    /// From the shared common error file rather than the operation's own table.
    pub common: bool,
}

#[derive(Clone, Debug, Default)]
pub struct Ram {
    pub actions: Vec<RamAction>,
    pub note: Option<String>,
}

#[derive(Clone, Debug, Default)]
pub struct RamAction {
    pub action: String,
    pub access_level: String,
    pub resource_types: Vec<String>,
    pub condition_keys: Vec<String>,
    pub associated_operations: Vec<String>,
}

impl Type {
    /// For a struct or a list of structs: the struct's name and the path suffix its fields
    /// are listed under (`.` or `[].`), as in `Data.OrderId`, `Items[].Size`.
    pub fn nested_struct(&self) -> Option<(&str, &'static str)> {
        match self {
            Type::Struct(n) => Some((n, ".")),
            Type::Array(t) => match t.as_ref() {
                Type::Struct(n) => Some((n, "[].")),
                _ => None,
            },
            _ => None,
        }
    }

    /// Names of the named types this type refers to directly.
    pub fn named(&self, out: &mut Vec<String>) {
        match self {
            Type::Enum(n) | Type::Struct(n) => out.push(n.clone()),
            Type::Array(t) | Type::Map(t) => t.named(out),
            _ => {}
        }
    }
}

impl Api {
    /// Keeps only the operations `filters` name (`Action` in any product, or
    /// `product/Action`), drops services left empty and the types no kept operation uses.
    /// Returns the filters that matched nothing.
    pub fn retain_operations(&mut self, filters: &[String]) -> Vec<String> {
        let matches = |s: &Service, op: &Operation, f: &str| match f.split_once('/') {
            Some((product, action)) => product == s.product_module && action == op.action,
            None => f == op.action,
        };
        let unmatched = filters
            .iter()
            .filter(|f| {
                !self
                    .services
                    .iter()
                    .any(|s| s.operations.iter().any(|op| matches(s, op, f)))
            })
            .cloned()
            .collect();
        for s in &mut self.services {
            let kept: Vec<Operation> = s
                .operations
                .iter()
                .filter(|op| filters.iter().any(|f| matches(s, op, f)))
                .cloned()
                .collect();
            s.operations = kept;
            s.prune_types();
        }
        self.services.retain(|s| !s.operations.is_empty());
        unmatched
    }
}

impl Service {
    /// The title, with the product code when the title does not already show it.
    pub fn display_name(&self) -> String {
        if self.title.contains(&self.product) {
            self.title.clone()
        } else {
            format!("{} ({})", self.title, self.product)
        }
    }

    /// The service's facts without its operations and types.
    pub fn without_items(&self) -> Service {
        Service {
            spec_file: self.spec_file.clone(),
            spec_sha256: self.spec_sha256.clone(),
            product: self.product.clone(),
            product_module: self.product_module.clone(),
            version: self.version.clone(),
            version_module: self.version_module.clone(),
            feature: self.feature.clone(),
            title: self.title.clone(),
            description: self.description.clone(),
            endpoints: self.endpoints.clone(),
            protocol: self.protocol,
            operations: Vec::new(),
            types: Vec::new(),
        }
    }

    /// The named type `name` (`types` is sorted by name).
    pub fn find_type(&self, name: &str) -> Option<&TypeDef> {
        self.types
            .binary_search_by(|t| t.name().cmp(name))
            .ok()
            .map(|i| &self.types[i])
    }

    /// The enum named `name`, or the one the alias `name` names.
    pub fn find_enum(&self, name: &str) -> Option<&EnumDef> {
        match self.find_type(name) {
            Some(TypeDef::Enum(e)) => Some(e),
            Some(TypeDef::Alias(a)) => match self.find_type(&a.target) {
                Some(TypeDef::Enum(e)) => Some(e),
                _ => None,
            },
            _ => None,
        }
    }

    /// The struct named `name`, or the one the alias `name` names.
    pub fn find_struct(&self, name: &str) -> Option<&StructDef> {
        match self.find_type(name) {
            Some(TypeDef::Struct(s)) => Some(s),
            Some(TypeDef::Alias(a)) => match self.find_type(&a.target) {
                Some(TypeDef::Struct(s)) => Some(s),
                _ => None,
            },
            _ => None,
        }
    }

    /// Wire names of the secret fields (`x-acs-sensitive`, `format: password`) an
    /// operation's response can hold, at any depth.
    pub fn sensitive_response_fields(&self, op: &Operation) -> std::collections::BTreeSet<String> {
        let mut found = std::collections::BTreeSet::new();
        let mut seen = std::collections::BTreeSet::new();
        let mut todo = vec![op.response_type.clone()];
        while let Some(name) = todo.pop() {
            if !seen.insert(name.clone()) {
                continue;
            }
            if let Some(s) = self.find_struct(&name) {
                for f in &s.fields {
                    if f.sensitive {
                        found.insert(f.wire_name.clone());
                    }
                    f.ty.named(&mut todo);
                }
            }
        }
        found
    }

    /// Drops the named types no operation reaches.
    fn prune_types(&mut self) {
        let reachable = self.reachable_types(&self.operations);
        self.types.retain(|t| reachable.contains(t.name()));
    }

    /// Names of the named types `operations` reach: their parameters' and responses' types,
    /// and the types those structs' fields name, at any depth.
    pub fn reachable_types<'a>(
        &self,
        operations: impl IntoIterator<Item = &'a Operation>,
    ) -> std::collections::BTreeSet<String> {
        let mut todo: Vec<String> = Vec::new();
        for op in operations {
            todo.push(op.response_type.clone());
            // Its `<Action>Response` name, an alias where the answer is a component.
            todo.push(crate::names::operation_types(&op.action).response);
            for p in &op.params {
                p.ty.named(&mut todo);
            }
        }
        let mut reachable = std::collections::BTreeSet::new();
        while let Some(name) = todo.pop() {
            if !reachable.insert(name.clone()) {
                continue;
            }
            match self.find_type(&name) {
                Some(TypeDef::Struct(s)) => {
                    for f in &s.fields {
                        f.ty.named(&mut todo);
                    }
                }
                // An alias reaches the struct it names.
                Some(TypeDef::Alias(a)) => todo.push(a.target.clone()),
                _ => {}
            }
        }
        reachable
    }
}
