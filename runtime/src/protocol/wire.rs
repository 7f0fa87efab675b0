//! How the gateways of their own (OSS, SLS, PDS) lay a request out, before each signs it:
//! the URL (the host parameter in front of the endpoint's host), the path encoded as a URI
//! path, the query (subresources included), the body with its media type and digest, and the
//! `date` header (RFC 1123).

use crate::credentials::Credentials;
use crate::operation::Protocol;
use crate::params::Params;
use crate::request::Prepared;
use crate::transport::HttpRequest;
use base64::Engine;
use md5::{Digest, Md5};
use std::time::{Duration, UNIX_EPOCH};

pub use crate::request::encode_path;

/// A query string as sent: every key and value percent-encoded (RFC 3986), sorted, an empty
/// value as the bare key (`?lifecycle`); the OSS signature's canonical query is the same.
pub fn query_string(pairs: &[(String, String)]) -> String {
    crate::oss4::canonical_query(pairs)
}

/// Whether the host parameter goes in the path instead (`/<bucket>/<key>`): Object Storage
/// at an endpoint that is an IP address, which has no virtual hosts.
fn path_style(prepared: &Prepared) -> bool {
    let host = prepared.endpoint.authority.as_str();
    let host = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or_default(),
        None => host.split(':').next().unwrap_or_default(),
    };
    prepared.protocol == Protocol::Oss && host.parse::<std::net::IpAddr>().is_ok()
}

/// The host a prepared request goes to (the `host` header): the host parameter's value in
/// front of the endpoint's host (`examplebucket.oss-cn-hangzhou.aliyuncs.com`), or the
/// endpoint itself.
pub fn authority(prepared: &Prepared) -> String {
    match prepared.host_label() {
        Some(label) if !path_style(prepared) => format!("{label}.{}", prepared.endpoint.authority),
        _ => prepared.endpoint.authority.clone(),
    }
}

/// The URL a prepared request goes to: the endpoint (with the host parameter in front of its
/// host), the encoded path and the query.
pub fn url(prepared: &Prepared) -> String {
    url_with(prepared, &[])
}

/// [`url`] with `extra` query parameters (a presigned URL's).
pub fn url_with(prepared: &Prepared, extra: &[(String, String)]) -> String {
    let mut pairs = prepared.params.query.pairs().to_vec();
    pairs.extend_from_slice(extra);
    let query = query_string(&pairs);
    // The path as `prepared` encoded it, after the bucket where it goes in the path.
    let path = match prepared.host_label() {
        Some(label) if path_style(prepared) => {
            format!("{}{}", encode_path(&format!("/{label}")), prepared.path)
        }
        _ => prepared.path.clone(),
    };
    let base = format!("{}://{}", prepared.endpoint.scheme, authority(prepared));
    if query.is_empty() {
        format!("{base}{path}")
    } else {
        format!("{base}{path}?{query}")
    }
}

/// The length of a body ([`Params::body_bytes`]): its bytes', or a streamed one's.
pub fn body_len(params: &Params, bytes: &[u8]) -> u64 {
    params
        .streamed_body()
        .map_or(bytes.len() as u64, crate::body::Body::len)
}

/// MD5 of the body: its bytes', or a file's, read chunk by chunk (a one-shot stream has
/// none: it cannot be read twice, so its digest is of no bytes).
pub fn body_md5(params: &Params, bytes: &[u8]) -> [u8; 16] {
    match params.streamed_body() {
        Some(b) => {
            let mut md5 = Md5::new();
            let _ = b.for_each_chunk(|c| md5.update(c));
            md5.finalize().into()
        }
        None => self::md5(bytes),
    }
}

/// MD5 of `data`.
pub fn md5(data: &[u8]) -> [u8; 16] {
    Md5::digest(data).into()
}

/// Upper-case hex of `data`.
pub fn hex_upper(data: &[u8]) -> String {
    hex::encode_upper(data)
}

/// Base64 of `data` (standard alphabet, padded).
pub fn base64(data: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(data)
}

/// The `date` header at `now` (seconds since the Unix epoch): RFC 1123, GMT.
pub fn http_date(now: u64) -> String {
    httpdate::fmt_http_date(UNIX_EPOCH + Duration::from_secs(now))
}

/// The request's parameter headers, names in lower case, the protocol's own left out (they
/// are set by the signer and never replaced).
pub fn param_headers(params: &Params, own: &[(String, String)]) -> Vec<(String, String)> {
    params
        .headers
        .pairs()
        .iter()
        .map(|(k, v)| (k.to_ascii_lowercase(), v.clone()))
        .filter(|(k, _)| !own.iter().any(|(n, _)| n == k))
        .collect()
}

/// Name/value pairs (headers, a query).
pub type Pairs = [(String, String)];

/// A signature of the `<scheme> <ak>:<signature>` kind (Log Service's, Drive and Photo's).
pub struct Scheme {
    /// The string it signs, of the method, headers, unencoded path and query.
    pub string_to_sign: fn(&str, &Pairs, &str, &Pairs) -> String,
    /// The `authorization` it makes of the AccessKey ID, the secret and the string to sign.
    pub authorization: fn(&str, &str, &str) -> String,
}

/// Finishes a Log Service or Drive and Photo request: signed by `scheme` when there are
/// credentials (the security token of temporary ones as `x-acs-security-token`), with its
/// URL and body.
pub fn finish(
    prepared: &Prepared,
    mut headers: Vec<(String, String)>,
    body: Vec<u8>,
    credentials: Option<&Credentials>,
    scheme: Scheme,
) -> HttpRequest {
    if let Some(credentials) = credentials {
        if let Some(token) = credentials.security_token() {
            set(&mut headers, "x-acs-security-token", token.expose());
        }
        let query = prepared.params.query.pairs();
        let method = prepared.method.as_str();
        let to_sign = (scheme.string_to_sign)(method, &headers, &prepared.resource, query);
        let authorization = (scheme.authorization)(
            credentials.access_key_id(),
            credentials.access_key_secret().expose(),
            &to_sign,
        );
        headers.push(("authorization".to_string(), authorization));
    }
    HttpRequest {
        method: prepared.method.as_str(),
        url: url(prepared),
        headers,
        body,
    }
}

/// Sets a header (lower-case name), replacing any of that name.
pub fn set(headers: &mut Vec<(String, String)>, name: &str, value: impl Into<String>) {
    headers.retain(|(k, _)| k != name);
    headers.push((name.to_string(), value.into()));
}

/// The first value of a header (lower-case name), or `""`.
pub fn get<'a>(headers: &'a [(String, String)], name: &str) -> &'a str {
    headers
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .unwrap_or_default()
}

/// The query as the SLS and PDS signatures' resource spells it: sorted by key, `k=v` as given
/// (not encoded), a bare `k` for an empty value when `bare_empty`, joined by `&`.
pub fn resource(path: &str, query: &[(String, String)], bare_empty: bool) -> String {
    let mut pairs: Vec<&(String, String)> = query.iter().collect();
    pairs.sort();
    let mut out = path.to_string();
    for (i, (k, v)) in pairs.iter().enumerate() {
        out.push(if i == 0 { '?' } else { '&' });
        out.push_str(k);
        if !(bare_empty && v.is_empty()) {
            out.push('=');
            out.push_str(v);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_sorted_with_bare_subresources() {
        let q = |p: &[(&str, &str)]| {
            query_string(
                &p.iter()
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect::<Vec<_>>(),
            )
        };
        assert_eq!(
            q(&[("tagging", ""), ("versionId", "a b+")]),
            "tagging&versionId=a%20b%2B"
        );
        assert_eq!(q(&[("comp", "add"), ("cname", "")]), "cname&comp=add");
    }

    #[test]
    fn dates_are_rfc_1123() {
        assert_eq!(http_date(1_698_315_752), "Thu, 26 Oct 2023 10:22:32 GMT");
    }
}
