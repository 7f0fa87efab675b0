//! OSS signature version 4 (`OSS4-HMAC-SHA256`), as Object Storage checks it: by header
//! (`Authorization`) and by query (a presigned URL).
//!
//! The canonical request is the method, the URI `/<bucket>/<key>` (RFC 3986, `/` kept), the
//! query sorted by encoded key (an empty value as the bare key), the `x-oss-*`,
//! `content-type` and `content-md5` headers sorted as `name:value`, the additional headers
//! (none), and `UNSIGNED-PAYLOAD`. The string to sign is the algorithm, the time, the scope
//! `<yyyymmdd>/<region>/<product>/aliyun_v4_request` and the canonical request's SHA-256; the
//! key is an HMAC-SHA256 chain from `aliyun_v4<secret>` over the date, the region, the product
//! and `aliyun_v4_request`. Tested against the vectors of Alibaba's OSS Go SDK v2.
//!
//! It is the signature of the products with a gateway of their own that issue 34 brings in;
//! the client does not choose it yet.

use crate::credentials::Credentials;
use crate::sign::{hex, hmac_sha256, percent_encode, sha256_hex};

/// The signature algorithm name.
pub const ALGORITHM: &str = "OSS4-HMAC-SHA256";

/// The payload hash OSS signs (the body is not hashed).
pub const UNSIGNED_PAYLOAD: &str = "UNSIGNED-PAYLOAD";

/// What is signed of a request.
#[derive(Clone, Copy, Debug)]
pub struct Request<'a> {
    /// The HTTP method (`PUT`).
    pub method: &'a str,
    /// The bucket, when the request names one.
    pub bucket: Option<&'a str>,
    /// The object key, when the request names one (`dir/a b.txt`), not encoded.
    pub key: Option<&'a str>,
    /// The query parameters, decoded; a subresource (`acl`) has an empty value.
    pub query: &'a [(String, String)],
    /// The headers, in any letter case.
    pub headers: &'a [(String, String)],
}

/// Where the signature is valid: the region and the product (`oss`).
#[derive(Clone, Copy, Debug)]
pub struct Scope<'a> {
    /// The region (`cn-hangzhou`).
    pub region: &'a str,
    /// The product (`oss`).
    pub product: &'a str,
}

impl Scope<'_> {
    /// `<yyyymmdd>/<region>/<product>/aliyun_v4_request`.
    fn at(&self, date: &str) -> String {
        format!("{date}/{}/{}/aliyun_v4_request", self.region, self.product)
    }
}

/// `yyyymmddTHHMMSSZ` and `yyyymmdd` for seconds since the Unix epoch.
fn times(secs: u64) -> (String, String) {
    let datetime: String = crate::time::iso8601(secs)
        .chars()
        .filter(|c| !matches!(c, '-' | ':'))
        .collect();
    let date = datetime[..8].to_string();
    (datetime, date)
}

/// The URI the signature covers: `/<bucket>/<key>`, encoded with `/` kept.
fn canonical_uri(bucket: Option<&str>, key: Option<&str>) -> String {
    let mut uri = String::from("/");
    if let Some(b) = bucket {
        uri.push_str(b);
        uri.push('/');
    }
    if let Some(k) = key {
        uri.push_str(k);
    }
    uri.split('/')
        .map(percent_encode)
        .collect::<Vec<_>>()
        .join("/")
}

/// The query sorted by encoded key, `k=v` (a bare `k` for an empty value), joined by `&`:
/// also how the gateways of their own send it.
pub fn canonical_query(query: &[(String, String)]) -> String {
    let mut pairs: Vec<(String, String)> = query
        .iter()
        .map(|(k, v)| (percent_encode(k), percent_encode(v)))
        .collect();
    pairs.sort();
    pairs
        .iter()
        .map(|(k, v)| {
            if v.is_empty() {
                k.clone()
            } else {
                format!("{k}={v}")
            }
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// Whether a header (lower case) is signed: `x-oss-*`, `content-type`, `content-md5`.
fn signed(name: &str) -> bool {
    name.starts_with("x-oss-") || name == "content-type" || name == "content-md5"
}

/// The signed headers sorted as `name:value\n`, values trimmed, repeated ones joined by `,`.
fn canonical_headers(headers: &[(String, String)]) -> String {
    let mut by_name: std::collections::BTreeMap<String, Vec<&str>> = Default::default();
    for (name, value) in headers {
        let name = name.to_ascii_lowercase();
        if signed(&name) {
            by_name.entry(name).or_default().push(value.trim());
        }
    }
    by_name
        .iter()
        .map(|(name, values)| format!("{name}:{}\n", values.join(",")))
        .collect()
}

/// The canonical request.
pub fn canonical_request(request: &Request<'_>) -> String {
    let payload = request
        .headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("x-oss-content-sha256"))
        .map_or(UNSIGNED_PAYLOAD, |(_, v)| v.as_str());
    format!(
        "{}\n{}\n{}\n{}\n\n{payload}",
        request.method,
        canonical_uri(request.bucket, request.key),
        canonical_query(request.query),
        canonical_headers(request.headers),
    )
}

/// The string to sign of a canonical request at `datetime` in `scope`.
fn string_to_sign(datetime: &str, scope: &str, canonical_request: &str) -> String {
    format!(
        "{ALGORITHM}\n{datetime}\n{scope}\n{}",
        sha256_hex(canonical_request.as_bytes())
    )
}

/// The signature: the HMAC-SHA256 chain's key over the string to sign, hex.
fn signature(secret: &str, date: &str, scope: &Scope<'_>, string_to_sign: &str) -> String {
    let first = hmac_sha256(format!("aliyun_v4{secret}").as_bytes(), date.as_bytes());
    let key = [scope.region, scope.product, "aliyun_v4_request"]
        .iter()
        .fold(first, |k, part| hmac_sha256(&k, part.as_bytes()));
    hex(&hmac_sha256(&key, string_to_sign.as_bytes()))
}

/// The signature of `request` (with the headers or query parameters the signing adds) at
/// `datetime` (`yyyymmddTHHMMSSZ`).
fn sign(
    request: &Request<'_>,
    credentials: &Credentials,
    scope: &Scope<'_>,
    datetime: &str,
) -> String {
    signature_of(
        request,
        credentials.access_key_secret().expose(),
        scope,
        datetime,
    )
}

/// The signature of `request` (its headers or query as signed) by `secret` at `datetime`
/// (`yyyymmddTHHMMSSZ`): what a gateway recomputes to check one.
pub fn signature_of(
    request: &Request<'_>,
    secret: &str,
    scope: &Scope<'_>,
    datetime: &str,
) -> String {
    let date = datetime.get(..8).unwrap_or_default();
    let to_sign = string_to_sign(datetime, &scope.at(date), &canonical_request(request));
    signature(secret, date, scope, &to_sign)
}

/// The headers that sign `request` at `now` (seconds since the Unix epoch): `x-oss-date`,
/// `x-oss-content-sha256`, the security token of temporary credentials, `authorization`.
pub fn sign_headers(
    request: &Request<'_>,
    credentials: &Credentials,
    scope: &Scope<'_>,
    now: u64,
) -> Vec<(String, String)> {
    let (datetime, date) = times(now);
    let mut added = vec![
        ("x-oss-date".to_string(), datetime.clone()),
        (
            "x-oss-content-sha256".to_string(),
            UNSIGNED_PAYLOAD.to_string(),
        ),
    ];
    if let Some(token) = credentials.security_token() {
        added.push((
            "x-oss-security-token".to_string(),
            token.expose().to_string(),
        ));
    }
    let headers: Vec<(String, String)> = request
        .headers
        .iter()
        .filter(|(k, _)| !added.iter().any(|(a, _)| k.eq_ignore_ascii_case(a)))
        .cloned()
        .chain(added.iter().cloned())
        .collect();
    let scope_text = scope.at(&date);
    let request = Request {
        headers: &headers,
        ..*request
    };
    let signature = sign(&request, credentials, scope, &datetime);
    added.push((
        "authorization".to_string(),
        format!(
            "{ALGORITHM} Credential={}/{scope_text}, Signature={signature}",
            credentials.access_key_id()
        ),
    ));
    added
}

/// The query parameters that presign `request` at `now` for `expires_in` seconds:
/// `x-oss-signature-version`, `x-oss-date`, `x-oss-expires`, `x-oss-credential`, the
/// security token of temporary credentials, and `x-oss-signature`. Anyone with the URL can
/// send the request until it expires, without credentials.
pub fn presign_query(
    request: &Request<'_>,
    credentials: &Credentials,
    scope: &Scope<'_>,
    now: u64,
    expires_in: u64,
) -> Vec<(String, String)> {
    let (datetime, date) = times(now);
    let scope_text = scope.at(&date);
    let mut added = Vec::new();
    if let Some(token) = credentials.security_token() {
        added.push((
            "x-oss-security-token".to_string(),
            token.expose().to_string(),
        ));
    }
    added.extend([
        ("x-oss-signature-version".to_string(), ALGORITHM.to_string()),
        ("x-oss-date".to_string(), datetime.clone()),
        ("x-oss-expires".to_string(), expires_in.to_string()),
        (
            "x-oss-credential".to_string(),
            format!("{}/{scope_text}", credentials.access_key_id()),
        ),
    ]);
    let query: Vec<(String, String)> = request
        .query
        .iter()
        .cloned()
        .chain(added.iter().cloned())
        .collect();
    let request = Request {
        query: &query,
        ..*request
    };
    let signature = sign(&request, credentials, scope, &datetime);
    added.push(("x-oss-signature".to_string(), signature));
    added
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    /// The request of the OSS Go SDK v2's signer tests (`TestV4AuthHeader`, ...).
    fn query() -> Vec<(String, String)> {
        pairs(&[
            ("param1", "value1"),
            ("+param1", "value3"),
            ("|param1", "value4"),
            ("+param2", ""),
            ("|param2", ""),
            ("param2", ""),
        ])
    }

    const SCOPE: Scope<'static> = Scope {
        region: "cn-hangzhou",
        product: "oss",
    };

    fn authorization(headers: &[(String, String)]) -> &str {
        &headers
            .iter()
            .find(|(k, _)| k == "authorization")
            .unwrap()
            .1
    }

    #[test]
    fn header_signatures_match_the_official_sdks_vectors() {
        let headers = pairs(&[
            ("x-oss-head1", "value"),
            ("abc", "value"),
            ("ZAbc", "value"),
            ("XYZ", "value"),
            ("content-type", "text/plain"),
            ("x-oss-content-sha256", "UNSIGNED-PAYLOAD"),
        ]);
        let query = query();
        let request = Request {
            method: "PUT",
            bucket: Some("bucket"),
            key: Some("1234+-/123/1.txt"),
            query: &query,
            headers: &headers,
        };
        let signed = sign_headers(&request, &Credentials::new("ak", "sk"), &SCOPE, 1702743657);
        assert_eq!(
            authorization(&signed),
            "OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request, Signature=e21d18daa82167720f9b1047ae7e7f1ce7cb77a31e8203a7d5f4624fa0284afe"
        );
        assert!(signed.contains(&("x-oss-date".into(), "20231216T162057Z".into())));
        let temporary = Credentials::new("ak", "sk").with_security_token("token");
        let signed = sign_headers(&request, &temporary, &SCOPE, 1702784856);
        assert_eq!(
            authorization(&signed),
            "OSS4-HMAC-SHA256 Credential=ak/20231217/cn-hangzhou/oss/aliyun_v4_request, Signature=b94a3f999cf85bcdc00d332fbd3734ba03e48382c36fa4d5af5df817395bd9ea"
        );
        assert!(signed.contains(&("x-oss-security-token".into(), "token".into())));
    }

    #[test]
    fn presigned_queries_match_the_official_sdks_vectors() {
        let headers = pairs(&[
            ("x-oss-head1", "value"),
            ("abc", "value"),
            ("ZAbc", "value"),
            ("XYZ", "value"),
            ("content-type", "application/octet-stream"),
        ]);
        let query = query();
        let request = Request {
            method: "PUT",
            bucket: Some("bucket"),
            key: Some("1234+-/123/1.txt"),
            query: &query,
            headers: &headers,
        };
        let value = |q: &[(String, String)], k: &str| {
            q.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone())
        };
        let q = presign_query(
            &request,
            &Credentials::new("ak", "sk"),
            &SCOPE,
            1702781677,
            599,
        );
        assert_eq!(value(&q, "x-oss-signature-version").unwrap(), ALGORITHM);
        assert_eq!(value(&q, "x-oss-expires").unwrap(), "599");
        assert_eq!(
            value(&q, "x-oss-credential").unwrap(),
            "ak/20231217/cn-hangzhou/oss/aliyun_v4_request"
        );
        assert_eq!(
            value(&q, "x-oss-signature").unwrap(),
            "a39966c61718be0d5b14e668088b3fa07601033f6518ac7b523100014269c0fe"
        );
        let temporary = Credentials::new("ak", "sk").with_security_token("token");
        let q = presign_query(&request, &temporary, &SCOPE, 1702785388, 599);
        assert_eq!(value(&q, "x-oss-date").unwrap(), "20231217T035628Z");
        assert_eq!(
            value(&q, "x-oss-signature").unwrap(),
            "3817ac9d206cd6dfc90f1c09c00be45005602e55898f26f5ddb06d7892e1f8b5"
        );
    }

    #[test]
    fn the_uri_keeps_slashes_and_encodes_the_rest() {
        assert_eq!(
            canonical_uri(Some("b"), Some("dir/a b+ü.txt")),
            "/b/dir/a%20b%2B%C3%BC.txt"
        );
        assert_eq!(canonical_uri(None, None), "/");
        assert_eq!(canonical_uri(Some("b"), None), "/b/");
    }
}
