//! Alibaba Cloud signature V3, `ACS3-HMAC-SHA256`.
//!
//! ```text
//! CanonicalRequest = Method \n CanonicalURI \n CanonicalQueryString \n
//!                    CanonicalHeaders \n SignedHeaders \n HexEncode(SHA256(Body))
//! StringToSign     = "ACS3-HMAC-SHA256" \n HexEncode(SHA256(CanonicalRequest))
//! Signature        = HexEncode(HMAC-SHA256(AccessKeySecret, StringToSign))
//! Authorization    = ACS3-HMAC-SHA256 Credential=<AccessKeyId>,SignedHeaders=<..>,Signature=<..>
//! ```
//!
//! The query string is sorted by name and percent-encoded per RFC 3986 (unreserved
//! characters `A-Z a-z 0-9 - _ . ~` kept, everything else `%XX` of its UTF-8 bytes, so a
//! space is `%20` and `*` is `%2A`). Canonical headers are `host`, `content-type` and every
//! `x-acs-*` header, lowercased, trimmed and sorted.

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

/// The signature algorithm name.
pub const ALGORITHM: &str = "ACS3-HMAC-SHA256";

/// Lowercase hex.
pub fn hex(bytes: &[u8]) -> String {
    hex::encode(bytes)
}

/// Hex SHA-256 of `data`.
pub fn sha256_hex(data: &[u8]) -> String {
    hex(&Sha256::digest(data))
}

/// What the V3 signature leaves unencoded: RFC 3986's unreserved characters (letters,
/// digits, `-`, `_`, `.`, `~`); everything else, `*` and `/` included, is `%XX`.
const UNRESERVED: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// RFC 3986 percent-encoding as the V3 signature requires (upper-case hex digits).
pub fn percent_encode(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, UNRESERVED).to_string()
}

/// The canonical (and wire) form of parameters: encoded pairs sorted by name, then value,
/// joined by `&`. Also the form-body encoding.
pub fn canonical_query(params: &[(String, String)]) -> String {
    let mut encoded: Vec<(String, String)> = params
        .iter()
        .map(|(k, v)| (percent_encode(k), percent_encode(v)))
        .collect();
    encoded.sort();
    let mut out = String::new();
    for (i, (k, v)) in encoded.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        out.push_str(k);
        out.push('=');
        out.push_str(v);
    }
    out
}

/// Whether a header takes part in the signature.
pub fn is_signed_header(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    n == "host" || n == "content-type" || n.starts_with("x-acs-")
}

/// The parts of a request the signature covers.
#[derive(Clone, Debug)]
pub struct SigningInput<'a> {
    /// The HTTP method.
    pub method: &'a str,
    /// `/` for RPC operations.
    pub path: &'a str,
    /// Canonical query string ([`canonical_query`]).
    pub query: &'a str,
    /// Headers; only `host`, `content-type` and `x-acs-*` are signed.
    pub headers: &'a [(String, String)],
    /// Hex SHA-256 of the body (the `x-acs-content-sha256` value).
    pub payload_hash: &'a str,
}

/// The canonical request and the signed-header list.
pub fn canonical_request(input: &SigningInput) -> (String, String) {
    let mut headers: Vec<(String, String)> = input
        .headers
        .iter()
        .filter(|(k, _)| is_signed_header(k))
        .map(|(k, v)| (k.to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    headers.sort();
    let canonical_headers: String = headers.iter().map(|(k, v)| format!("{k}:{v}\n")).collect();
    let signed_headers = headers
        .iter()
        .map(|(k, _)| k.as_str())
        .collect::<Vec<_>>()
        .join(";");
    let request = format!(
        "{}\n{}\n{}\n{}\n{}\n{}",
        input.method,
        input.path,
        input.query,
        canonical_headers,
        signed_headers,
        input.payload_hash
    );
    (request, signed_headers)
}

/// The string to sign for a canonical request.
pub fn string_to_sign(canonical_request: &str) -> String {
    format!("{ALGORITHM}\n{}", sha256_hex(canonical_request.as_bytes()))
}

/// HMAC-SHA256 of `data` keyed by `secret`.
pub fn hmac_sha256(secret: &[u8], data: &[u8]) -> Vec<u8> {
    // HMAC accepts keys of any length, so this cannot fail.
    let mut mac = match Hmac::<Sha256>::new_from_slice(secret) {
        Ok(m) => m,
        Err(_) => unreachable!("HMAC takes keys of any size"),
    };
    mac.update(data);
    mac.finalize().into_bytes().to_vec()
}

/// Hex HMAC-SHA256 of `data` keyed by `secret`.
pub fn hmac_sha256_hex(secret: &[u8], data: &[u8]) -> String {
    hex(&hmac_sha256(secret, data))
}

/// The `Authorization` header value for a request.
pub fn authorization(input: &SigningInput, access_key_id: &str, access_key_secret: &str) -> String {
    let (request, signed_headers) = canonical_request(input);
    let signature = hmac_sha256_hex(
        access_key_secret.as_bytes(),
        string_to_sign(&request).as_bytes(),
    );
    format!("{ALGORITHM} Credential={access_key_id},SignedHeaders={signed_headers},Signature={signature}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(p: &[(&str, &str)]) -> Vec<(String, String)> {
        p.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    /// The step-by-step example of Alibaba Cloud's "Request syntax and signature method V3"
    /// page: RunInstances on ecs.cn-shanghai.aliyuncs.com, 2023-10-26T10:22:32Z.
    #[test]
    fn reproduces_the_documented_v3_example() {
        let query = canonical_query(&pairs(&[
            ("RegionId", "cn-shanghai"),
            (
                "ImageId",
                "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd",
            ),
        ]));
        assert_eq!(
            query,
            "ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai"
        );
        let payload_hash = sha256_hex(b"");
        assert_eq!(
            payload_hash,
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        let headers = pairs(&[
            ("host", "ecs.cn-shanghai.aliyuncs.com"),
            ("x-acs-action", "RunInstances"),
            ("x-acs-version", "2014-05-26"),
            ("x-acs-date", "2023-10-26T10:22:32Z"),
            ("x-acs-signature-nonce", "3156853299f313e23d1673dc12e1703d"),
            ("x-acs-content-sha256", &payload_hash),
            // Not signed:
            ("accept", "application/json"),
            (
                "user-agent",
                "AlibabaCloud (Mac OS X; x86_64) Java/1.8.0_352-b08 tea-util/0.2.6 TeaDSL/1",
            ),
        ]);
        let input = SigningInput {
            method: "POST",
            path: "/",
            query: &query,
            headers: &headers,
            payload_hash: &payload_hash,
        };
        let (request, signed) = canonical_request(&input);
        assert_eq!(
            request,
            "POST\n/\nImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai\n\
             host:ecs.cn-shanghai.aliyuncs.com\nx-acs-action:RunInstances\n\
             x-acs-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n\
             x-acs-date:2023-10-26T10:22:32Z\nx-acs-signature-nonce:3156853299f313e23d1673dc12e1703d\n\
             x-acs-version:2014-05-26\n\n\
             host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version\n\
             e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            signed,
            "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version"
        );
        assert_eq!(
            string_to_sign(&request),
            "ACS3-HMAC-SHA256\n7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259"
        );
        assert_eq!(
            authorization(&input, "YourAccessKeyId", "YourAccessKeySecret"),
            "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0"
        );
    }

    #[test]
    fn encodes_edge_cases_per_rfc_3986() {
        assert_eq!(percent_encode("a b"), "a%20b");
        assert_eq!(percent_encode("a*b"), "a%2Ab");
        assert_eq!(percent_encode("a~b"), "a~b");
        assert_eq!(percent_encode("a/b"), "a%2Fb");
        assert_eq!(percent_encode("a+b"), "a%2Bb");
        assert_eq!(percent_encode("a=b&c"), "a%3Db%26c");
        assert_eq!(percent_encode("中文"), "%E4%B8%AD%E6%96%87");
        assert_eq!(percent_encode("esa-ddos-2sdj**3s"), "esa-ddos-2sdj%2A%2A3s");
        assert_eq!(percent_encode(""), "");
        // Empty values are kept; pairs sort by name, then value.
        assert_eq!(
            canonical_query(&pairs(&[
                ("ProductType", ""),
                ("B", "2"),
                ("A.2", "y"),
                ("A.1", "x")
            ])),
            "A.1=x&A.2=y&B=2&ProductType="
        );
    }
}
