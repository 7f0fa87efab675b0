//! Hooks: code of yours that sees each request before it is signed and each response before
//! it is decoded (tracing headers, metrics, test assertions), set on the client with
//! [`ClientBuilder::hook`](crate::ClientBuilder::hook).
//!
//! What a hook is given never shows a value in its `Debug`: parameters are listed by name,
//! a response by status, request id and size, because parameters can be passwords and
//! bodies can be credentials (STS, `CreateAccessKey`). The values are there to read on
//! purpose ([`RequestView::query`], [`ResponseView::body`]).

use crate::request::Prepared;
use crate::transport::HttpResponse;
use std::fmt;

/// Sees each request before it is signed and each response before it is decoded.
pub trait Hook: Send + Sync + fmt::Debug {
    /// Once per call, before the first attempt is signed: what it adds is signed and sent
    /// with every attempt.
    fn before_signing(&self, _request: &mut RequestView<'_>) {}
    /// Each response (every attempt's), before it is decoded.
    fn before_decoding(&self, _response: &ResponseView<'_>) {}
}

/// A request as a hook sees it, before signing.
pub struct RequestView<'a> {
    pub(crate) prepared: &'a mut Prepared,
}

impl RequestView<'_> {
    /// The action (`DescribeInstances`).
    pub fn action(&self) -> &str {
        self.prepared.action
    }

    /// The API version (`2014-05-26`).
    pub fn version(&self) -> &str {
        self.prepared.version
    }

    /// The host the request goes to.
    pub fn host(&self) -> &str {
        self.prepared.endpoint.host()
    }

    /// The path as sent (`/` for RPC).
    pub fn path(&self) -> &str {
        &self.prepared.path
    }

    /// The query parameters, values included: read them on purpose, they can be secrets.
    pub fn query(&self) -> &[(String, String)] {
        self.prepared.params.query.pairs()
    }

    /// Adds a query parameter (signed like the others).
    pub fn add_query(&mut self, name: &str, value: impl Into<String>) {
        self.prepared.params.query.push(name, value);
    }

    /// Adds a header (signed when it is an `x-acs-*` one, as every header).
    pub fn add_header(&mut self, name: &str, value: impl Into<String>) {
        self.prepared.params.headers.push(name, value);
    }
}

impl fmt::Debug for RequestView<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names = |pairs: &[(String, String)]| -> Vec<String> {
            pairs.iter().map(|(k, _)| k.clone()).collect()
        };
        f.debug_struct("RequestView")
            .field("action", &self.prepared.action)
            .field("method", &self.prepared.method.as_str())
            .field("host", &self.host())
            .field("path", &self.prepared.path)
            .field("query", &names(self.prepared.params.query.pairs()))
            .field("headers", &names(self.prepared.params.headers.pairs()))
            .field("body", &names(self.prepared.params.body.pairs()))
            .finish_non_exhaustive()
    }
}

/// A response as a hook sees it, before decoding.
pub struct ResponseView<'a> {
    pub(crate) action: &'a str,
    pub(crate) response: &'a HttpResponse,
}

impl ResponseView<'_> {
    /// The action the response answers.
    pub fn action(&self) -> &str {
        self.action
    }

    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.response.status
    }

    /// A header's value (any letter case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.response.header(name)
    }

    /// The body, as received: read it on purpose, it can hold credentials.
    pub fn body(&self) -> &[u8] {
        &self.response.body
    }
}

impl fmt::Debug for ResponseView<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ResponseView")
            .field("action", &self.action)
            .field("status", &self.response.status)
            .field(
                "request_id",
                &crate::decode::request_id_header(&self.response.headers),
            )
            .field("body_bytes", &self.response.body.len())
            .finish()
    }
}
