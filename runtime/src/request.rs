//! A request prepared for sending (endpoint resolved, path rendered, parameters written), and
//! its signed HTTP form: the path, the query string, the body (form, JSON, text or bytes), the
//! `x-acs-*` and parameter headers, and the V3 `Authorization` ([`crate::sign`] computes the
//! signature itself).

use crate::credentials::Credentials;
use crate::endpoint::Endpoint;
use crate::operation::{Method, Protocol};
use crate::params::{ParamList, Params};
use crate::sign;
use crate::transport::HttpRequest;

/// A request fully prepared for sending, before signing.
#[derive(Clone, Debug)]
pub struct Prepared {
    pub endpoint: Endpoint,
    pub method: Method,
    /// The gateway it goes through, whose [`Signer`](crate::protocol::Signer) signs it.
    pub protocol: Protocol,
    /// The path as sent (and signed): the operation's template with its parameters
    /// percent-encoded.
    pub path: String,
    /// The same path before encoding (what the gateways of their own sign).
    pub resource: String,
    /// The region the request is for (the OSS signature's scope), if one is known.
    pub region: Option<String>,
    pub action: &'static str,
    pub version: &'static str,
    pub params: Params,
    /// Sent unsigned, without credentials.
    pub anonymous: bool,
}

impl Prepared {
    /// The host parameter's value (OSS `bucket`), in front of the endpoint's host; none when
    /// unset or empty.
    pub fn host_label(&self) -> Option<&str> {
        self.params.host.as_deref().filter(|h| !h.is_empty())
    }
}

/// Builds the signed HTTP request: parameters in the query string (or a form body), the
/// `x-acs-*` headers, and the V3 `Authorization` header (none without credentials: an
/// anonymous operation).
pub fn signed_request(
    prepared: &Prepared,
    credentials: Option<&Credentials>,
    date: &str,
    nonce: &str,
    user_agent: &str,
) -> HttpRequest {
    let query = sign::canonical_query(prepared.params.query.pairs());
    let (body, content_type) = body(&prepared.params);
    // A file is hashed as it is read; the signature covers what will be streamed.
    let payload_hash = match prepared.params.streamed_body() {
        Some(b) => {
            use sha2::Digest;
            let mut h = sha2::Sha256::new();
            let _ = b.for_each_chunk(|c| h.update(c));
            sign::hex(&h.finalize())
        }
        None => sign::sha256_hex(&body),
    };
    let mut headers = vec![
        ("host".to_string(), prepared.endpoint.authority.clone()),
        ("x-acs-action".to_string(), prepared.action.to_string()),
        ("x-acs-version".to_string(), prepared.version.to_string()),
        ("x-acs-date".to_string(), date.to_string()),
        ("x-acs-signature-nonce".to_string(), nonce.to_string()),
        ("x-acs-content-sha256".to_string(), payload_hash.clone()),
    ];
    if let Some(token) = credentials.and_then(Credentials::security_token) {
        headers.push((
            "x-acs-security-token".to_string(),
            token.expose().to_string(),
        ));
    }
    if let Some(content_type) = content_type {
        headers.push(("content-type".to_string(), content_type.to_string()));
    }
    // Parameter headers never replace the protocol's own.
    for (name, value) in prepared.params.headers.pairs() {
        let name = name.to_ascii_lowercase();
        if !headers.iter().any(|(n, _)| *n == name) {
            headers.push((name, value.clone()));
        }
    }
    let path = if prepared.path.is_empty() {
        "/"
    } else {
        prepared.path.as_str()
    };
    let input = sign::SigningInput {
        method: prepared.method.as_str(),
        path,
        query: &query,
        headers: &headers,
        payload_hash: &payload_hash,
    };
    if let Some(credentials) = credentials {
        let authorization = sign::authorization(
            &input,
            credentials.access_key_id(),
            credentials.access_key_secret().expose(),
        );
        headers.push(("authorization".to_string(), authorization));
    }
    if !headers.iter().any(|(n, _)| n == "accept") {
        headers.push(("accept".to_string(), "application/json".to_string()));
    }
    headers.push(("user-agent".to_string(), user_agent.to_string()));
    let url = if query.is_empty() {
        format!("{}{path}", prepared.endpoint.base_url())
    } else {
        format!("{}{path}?{query}", prepared.endpoint.base_url())
    };
    HttpRequest {
        method: prepared.method.as_str(),
        url,
        headers,
        body,
    }
}

pub use crate::params::JSON_CONTENT_TYPE;

/// The body bytes and their content type.
fn body(params: &Params) -> (Vec<u8>, Option<&'static str>) {
    let (bytes, media) = params.body_bytes();
    (bytes, media.content_type())
}

/// What the gateways leave unencoded in a path: RFC 3986's unreserved characters, its
/// sub-delimiters, `:`, `@` and `/` (an object key `dir/a b.txt` is `/dir/a%20b.txt`).
const PATH_SAFE: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'!')
    .remove(b'$')
    .remove(b'&')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b'*')
    .remove(b'+')
    .remove(b',')
    .remove(b';')
    .remove(b'=')
    .remove(b':')
    .remove(b'@')
    .remove(b'/');

/// A path as the gateways send it: UTF-8, percent-encoded but for the characters above.
pub fn encode_path(path: &str) -> String {
    percent_encoding::utf8_percent_encode(path, PATH_SAFE).to_string()
}

/// The path of a request as sent (encoded) and as the gateways of their own sign it (not
/// encoded), its subresources added to the query (a caller's own value of one wins): the
/// common gateway's parameters are each one encoded segment, the others' values are
/// inserted as they are and the path encoded whole (an object key keeps its `/`s).
pub fn paths(protocol: Protocol, template: &str, params: &mut Params) -> (String, String) {
    let (template, subresources) = subresources(template);
    for (k, v) in subresources {
        if !params.query.pairs().iter().any(|(n, _)| *n == k) {
            params.query.push(&k, v);
        }
    }
    if protocol.own_gateway() {
        let resource = fill_path(template, &params.path);
        (encode_path(&resource), resource)
    } else {
        let path = render_path(template, &params.path);
        (path.clone(), path)
    }
}

/// A path template and its subresources: `/{key}?tagging&comp=add` is `/{key}` with
/// `tagging` (an empty value) and `comp=add`.
pub fn subresources(template: &str) -> (&str, Vec<(String, String)>) {
    let Some((path, query)) = template.split_once('?') else {
        return (template, Vec::new());
    };
    let pairs = query
        .split('&')
        .filter(|s| !s.is_empty())
        .map(|s| match s.split_once('=') {
            Some((k, v)) => (k.to_string(), v.to_string()),
            None => (s.to_string(), String::new()),
        })
        .collect();
    (path, pairs)
}

/// The path of a gateway of its own, unencoded: `template` with each `{Name}` replaced by its
/// value as it is (an object key `dir/a b.txt` keeps its `/`); the caller encodes it whole.
pub fn fill_path(template: &str, values: &ParamList) -> String {
    fill(template, values, str::to_string)
}

/// `template` with each `{Name}` replaced by `encode` of its value (left empty without one).
fn fill(template: &str, values: &ParamList, encode: impl Fn(&str) -> String) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(len) = rest[open..].find('}') else {
            break;
        };
        out.push_str(&rest[..open]);
        let name = &rest[open + 1..open + len];
        if let Some((_, v)) = values.pairs().iter().find(|(n, _)| n == name) {
            out.push_str(&encode(v));
        }
        rest = &rest[open + len + 1..];
    }
    out.push_str(rest);
    out
}

/// The path of a request: `template` with each `{Name}` replaced by its value in `values`,
/// percent-encoded as one segment (UTF-8; everything but `A-Z a-z 0-9 - _ . ~` escaped). A
/// template ending in `*` is replaced whole by the value of the one parameter it does not
/// name (each of its segments encoded, its `/`s kept), as the official SDKs send it. A
/// name without a value is left empty.
pub fn render_path(template: &str, values: &ParamList) -> String {
    let named = |name: &str| template.contains(&format!("{{{name}}}"));
    if template.ends_with('*') {
        if let Some((_, whole)) = values.pairs().iter().find(|(n, _)| !named(n)) {
            let encoded = whole
                .split('/')
                .map(sign::percent_encode)
                .collect::<Vec<_>>()
                .join("/");
            return if encoded.starts_with('/') {
                encoded
            } else {
                format!("/{encoded}")
            };
        }
    }
    fill(template, values, sign::percent_encode)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(pairs: &[(&str, &str)]) -> ParamList {
        let mut l = ParamList::default();
        for (k, v) in pairs {
            l.push(k, *v);
        }
        l
    }

    #[test]
    fn gateway_paths_keep_their_slashes_and_sub_delimiters() {
        assert_eq!(encode_path("/dir/a b.txt"), "/dir/a%20b.txt");
        assert_eq!(encode_path("/a+b/é?#%"), "/a+b/%C3%A9%3F%23%25");
        assert_eq!(encode_path("/!$&'()*,;=:@~"), "/!$&'()*,;=:@~");
    }

    #[test]
    fn path_parameters_are_one_encoded_segment_each() {
        assert_eq!(
            render_path(
                "/clusters/{ClusterId}/nodes/{Node}",
                &values(&[("ClusterId", "a b/c*é"), ("Node", "n%1#")])
            ),
            "/clusters/a%20b%2Fc%2A%C3%A9/nodes/n%251%23"
        );
        assert_eq!(render_path("/", &values(&[])), "/");
        assert_eq!(render_path("/x/{Missing}", &values(&[])), "/x/");
    }

    #[test]
    fn a_wildcard_template_takes_its_whole_path_from_the_unnamed_parameter() {
        let t = "/api/v1/providers/{provider}/products/{product}/resources/*";
        assert_eq!(
            render_path(
                t,
                &values(&[(
                    "requestPath",
                    "/api/v1/providers/Aliyun/products/Redis/resources/DB Instance"
                )])
            ),
            "/api/v1/providers/Aliyun/products/Redis/resources/DB%20Instance"
        );
        assert_eq!(render_path(t, &values(&[("requestPath", "a/b")])), "/a/b");
    }
}
