//! The contract generated code implements: an operation's method, path, action and version,
//! how its request is written and how its response is read, and the product version it
//! belongs to ([`ServiceInfo`]). The client ([`crate::client`])
//! is the wiring that carries it out.

use crate::error::ServiceError;
use crate::params::Params;
use serde_json::Value;

/// HTTP method of an operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Method {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `PUT`
    Put,
    /// `DELETE`
    Delete,
    /// `PATCH`
    Patch,
    /// `HEAD`
    Head,
    /// `OPTIONS`
    Options,
}

impl Method {
    /// The method's name (`GET`).
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
            Method::Patch => "PATCH",
            Method::Head => "HEAD",
            Method::Options => "OPTIONS",
        }
    }
}

/// Implemented by every generated request type: how it goes on the wire.
pub trait Operation: Send + Sized {
    /// The decoded success response, with its [`ResponseMeta`](crate::ResponseMeta).
    type Output: FromBody + crate::meta::HasMeta + Send;
    /// The operation's error enum.
    type Error: ServiceError;
    /// The product version the operation belongs to.
    const SERVICE: &'static ServiceInfo;
    /// Action name, sent as `x-acs-action`.
    const ACTION: &'static str;
    /// The HTTP method.
    const METHOD: Method;
    /// Path template: `/` for an RPC operation, `/clusters/{ClusterId}/nodes` for a
    /// REST-style one, whose `{Name}`s [`write_params`](Operation::write_params) fills with
    /// [`Params::path_param`]. A template ending in `*` takes its whole path from the one
    /// path parameter it does not name. A product with a gateway of its own may end it with
    /// subresources, sent as query parameters (`/{key}?tagging`, `/?cname&comp=add`).
    const PATH: &'static str = "/";
    /// Boolean response field that, when `false` on a 2xx response, makes the body an error.
    const SUCCESS_FIELD: Option<&'static str> = None;
    /// Whether repeating the call is harmless (then server errors and timeouts are retried).
    const IDEMPOTENT: bool = false;
    /// Wire name of the idempotency token parameter, if the operation has one.
    const IDEMPOTENCY_TOKEN: Option<&'static str> = None;
    /// Whether the operation is called without a signature (`security: []`, STS
    /// `AssumeRoleWithOIDC`): no credentials are needed, none are sent.
    const ANONYMOUS: bool = false;
    /// Writes the request's parameters: path, query, headers and body.
    fn write_params(&self, params: &mut Params);
    /// The region the request itself names (its `RegionId`), which picks the endpoint.
    fn region(&self) -> Option<&str> {
        None
    }
    /// The idempotency token parameter, for operations that have one.
    fn idempotency_token(&mut self) -> Option<&mut Option<String>> {
        None
    }
}

/// Which gateway a product's requests go through, and so how they are addressed, signed and
/// read. Each has its [`Signer`](crate::protocol::Signer).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Protocol {
    /// Alibaba Cloud's common gateway: RPC and REST-style (ROA, `V3`, `FC`) operations,
    /// signature V3 (`ACS3-HMAC-SHA256`).
    #[default]
    Acs3,
    /// Object Storage (style `OSS`): the bucket in the host, XML, `OSS4-HMAC-SHA256`.
    Oss,
    /// Log Service (style `SLS`): the project in the host, JSON, the `LOG` signature.
    Sls,
    /// Drive and Photo (style `PDS`): the domain in the host, JSON, ROA signature v1.
    Pds,
}

impl Protocol {
    /// Whether the product has a gateway of its own (a host parameter, subresource paths).
    pub fn own_gateway(self) -> bool {
        self != Protocol::Acs3
    }
}

/// What a success body holds, and so how it is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BodyKind {
    /// JSON (an object or an array), checked for an error code first.
    Json,
    /// Text, kept as it is.
    Text,
    /// Bytes, kept as they are.
    Bytes,
    /// Nothing worth reading (an empty body, `204`): whatever arrives is ignored.
    Empty,
}

/// An operation's output read from a success body. JSON outputs implement it through
/// [`output!`](crate::output), the others through [`raw_output!`](crate::raw_output).
pub trait FromBody: Sized {
    /// What the body holds.
    const KIND: BodyKind = BodyKind::Json;
    /// Reads a JSON body (called when [`KIND`](FromBody::KIND) is `Json`).
    fn from_json_body(v: &Value) -> Result<Self, String>;
    /// Reads any other body.
    fn from_raw_body(body: &[u8]) -> Result<Self, String>;
    /// The response headers the output has fields for (`ETag`, `x-oss-version-id`): their
    /// values are read as members of the body object of the same names.
    const HEADERS: &'static [&'static str] = &[];
}

/// What the runtime needs to know of a product version (generated from its spec).
#[derive(Debug)]
pub struct ServiceInfo {
    /// Product code (`ESA`).
    pub product: &'static str,
    /// API version (`2024-09-10`), sent as `x-acs-version`.
    pub version: &'static str,
    /// `servers[0].url`, with an optional `{regionId}` placeholder.
    pub endpoint_template: &'static str,
    /// Region used when none is given.
    pub default_region: Option<&'static str>,
    /// Explicit region to host map, sorted by region.
    pub regional_endpoints: &'static [(&'static str, &'static str)],
    /// The gateway the product's requests go through.
    pub protocol: Protocol,
}
