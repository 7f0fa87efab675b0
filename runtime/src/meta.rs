//! Response metadata: what every successful call returns beside its body.

use std::fmt;

/// The HTTP status, headers and request ID of a successful response. Every generated
/// output has it: `response.meta().request_id()`.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct ResponseMeta {
    http_status: u16,
    request_id: Option<String>,
    headers: Vec<(String, String)>,
}

impl ResponseMeta {
    /// Metadata of a response: its status, its headers (names lowercased) and its request
    /// ID (the `x-acs-request-id` header, else the body's `RequestId`).
    pub fn new(
        http_status: u16,
        headers: Vec<(String, String)>,
        request_id: Option<String>,
    ) -> Self {
        ResponseMeta {
            http_status,
            request_id,
            headers,
        }
    }

    /// The request ID, for Alibaba Cloud support.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The HTTP status of the response.
    pub fn http_status(&self) -> u16 {
        self.http_status
    }

    /// The response headers, names lowercased, in arrival order.
    pub fn headers(&self) -> &[(String, String)] {
        &self.headers
    }

    /// The first header named `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Header values are not printed: a response may carry a secret in one (a cookie, a token).
impl fmt::Debug for ResponseMeta {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ResponseMeta")
            .field("http_status", &self.http_status)
            .field("request_id", &self.request_id)
            .field(
                "headers",
                &self
                    .headers
                    .iter()
                    .map(|(k, _)| k.as_str())
                    .collect::<Vec<_>>(),
            )
            .finish()
    }
}

/// An operation's output, which carries its [`ResponseMeta`]. Implemented by
/// [`output!`](crate::output).
pub trait HasMeta {
    /// The response metadata.
    fn meta(&self) -> &ResponseMeta;
    /// Sets the response metadata (the client does, after decoding).
    fn set_meta(&mut self, meta: ResponseMeta);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_shows_header_names_only() {
        let m = ResponseMeta::new(
            200,
            vec![("set-cookie".into(), "session=secret".into())],
            Some("R".into()),
        );
        let shown = format!("{m:?}");
        assert!(
            shown.contains("set-cookie") && !shown.contains("secret"),
            "{shown}"
        );
        assert_eq!(m.header("Set-Cookie"), Some("session=secret"));
        assert_eq!((m.http_status(), m.request_id()), (200, Some("R")));
    }
}
