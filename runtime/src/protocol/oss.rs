//! Object Storage's requests: the bucket in the host (in the path for an endpoint that is an
//! IP address, where a virtual host cannot be), XML bodies with their base64 `content-md5`,
//! `date`, and signature V4 by header ([`crate::oss4`]).

use super::contract::{Signer, Stamp};
use super::wire;
use crate::credentials::Credentials;
use crate::oss4;
use crate::params::BodyMedia;
use crate::request::Prepared;
use crate::transport::HttpRequest;

/// The product name of the signing scope.
pub const PRODUCT: &str = "oss";

/// Signs Object Storage's requests.
pub(crate) struct Oss;

/// The region of the signing scope: the request's or client's, else the one the endpoint
/// names (`oss-cn-hangzhou.aliyuncs.com`, `cn-hangzhou.oss.aliyuncs.com`), else `cn-hangzhou`.
pub fn region(prepared: &Prepared) -> String {
    if let Some(r) = prepared.region.as_deref().filter(|r| !r.is_empty()) {
        return r.to_string();
    }
    let host = prepared
        .endpoint
        .authority
        .split(':')
        .next()
        .unwrap_or_default();
    let named = host
        .strip_prefix("oss-")
        .and_then(|h| h.strip_suffix(".aliyuncs.com"))
        .map(|r| r.trim_end_matches("-internal"))
        .or_else(|| host.strip_suffix(".oss.aliyuncs.com"));
    named.unwrap_or("cn-hangzhou").to_string()
}

/// What OSS signs of a prepared request, with `headers`.
pub fn signed_part<'a>(
    prepared: &'a Prepared,
    headers: &'a [(String, String)],
) -> oss4::Request<'a> {
    let key = prepared
        .resource
        .strip_prefix('/')
        .unwrap_or(&prepared.resource);
    oss4::Request {
        method: prepared.method.as_str(),
        bucket: prepared.host_label(),
        key: (!key.is_empty()).then_some(key),
        query: prepared.params.query.pairs(),
        headers,
    }
}

/// The headers that describe a request's body and carry its parameters: `content-type`,
/// `content-md5` of an XML body, then the parameter headers (a caller's own content type or
/// digest, a binary upload's, wins). Signed by header and by query alike.
pub fn content_headers(
    prepared: &Prepared,
    body: &[u8],
    media: BodyMedia,
) -> Vec<(String, String)> {
    let mut headers = Vec::new();
    if let Some(t) = media.content_type() {
        headers.push(("content-type".to_string(), t.to_string()));
    }
    if media == BodyMedia::Xml {
        headers.push(("content-md5".to_string(), wire::base64(&wire::md5(body))));
    }
    for (k, v) in wire::param_headers(&prepared.params, &[]) {
        wire::set(&mut headers, &k, v);
    }
    headers
}

impl Signer for Oss {
    fn sign(
        &self,
        prepared: &Prepared,
        credentials: Option<&Credentials>,
        stamp: &Stamp<'_>,
    ) -> HttpRequest {
        let (body, media) = prepared.params.body_bytes();
        let mut headers = vec![
            ("host".to_string(), wire::authority(prepared)),
            ("date".to_string(), wire::http_date(stamp.now)),
            ("user-agent".to_string(), stamp.user_agent.to_string()),
        ];
        // Parameter headers never replace these three.
        for (k, v) in content_headers(prepared, &body, media) {
            if !matches!(k.as_str(), "host" | "date" | "user-agent") {
                headers.push((k, v));
            }
        }
        if let Some(credentials) = credentials {
            let scope = oss4::Scope {
                region: &region(prepared),
                product: PRODUCT,
            };
            let added = oss4::sign_headers(
                &signed_part(prepared, &headers),
                credentials,
                &scope,
                stamp.now,
            );
            headers.extend(added);
        }
        HttpRequest {
            method: prepared.method.as_str(),
            url: wire::url(prepared),
            headers,
            body,
        }
    }
}
