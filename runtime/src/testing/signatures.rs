//! The signatures of the products with a gateway of their own, as the test gateway checks
//! them: the `Authorization` header (or, for OSS, a presigned URL's query) is parsed, the
//! string to sign rebuilt from what arrived, and signed with the secret the gateway knows.
//! Signature V3 of the common gateway is [`super::verify`].

use super::verify::Rejection;
use crate::oss4;
use crate::protocol::{pds, sls};
use crate::transport::{header, HttpRequest};

fn rejected(code: &'static str, message: impl Into<String>) -> Rejection {
    Rejection {
        code,
        message: message.into(),
    }
}

/// The request's path and query, decoded, and its headers with lower-case names.
struct Parts {
    path: String,
    query: Vec<(String, String)>,
    headers: Vec<(String, String)>,
}

fn parts(request: &HttpRequest) -> Parts {
    let (path, query) = super::wire::path_and_query(&request.url);
    Parts {
        path: super::wire::percent_decode(path),
        query: super::wire::decode_pairs(query),
        headers: request
            .headers
            .iter()
            .map(|(k, v)| (k.to_ascii_lowercase(), v.clone()))
            .collect(),
    }
}

/// Checks an Object Storage request signed by header or by query (a presigned URL, which
/// must not have expired at `now`); `bucket` is the host parameter the host names. Returns
/// the AccessKey ID that signed.
pub fn verify_oss(
    request: &HttpRequest,
    bucket: Option<&str>,
    secret: &str,
    now: u64,
) -> Result<String, Rejection> {
    let p = parts(request);
    let presigned = p.query.iter().any(|(k, _)| k == "x-oss-signature");
    let (credential, datetime, signature) = if presigned {
        let q = |name: &str| {
            p.query
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str())
        };
        if q("x-oss-signature-version") != Some(oss4::ALGORITHM) {
            return Err(rejected(
                "InvalidArgument",
                "x-oss-signature-version must be OSS4-HMAC-SHA256",
            ));
        }
        let datetime = q("x-oss-date").unwrap_or_default();
        let expires: u64 = q("x-oss-expires")
            .and_then(|e| e.parse().ok())
            .ok_or_else(|| rejected("InvalidArgument", "x-oss-expires is missing or invalid"))?;
        let signed_at = basic_iso8601(datetime)
            .ok_or_else(|| rejected("InvalidArgument", "x-oss-date is missing or invalid"))?;
        if now > signed_at + expires {
            return Err(rejected("AccessDenied", "Request has expired."));
        }
        (
            q("x-oss-credential").unwrap_or_default().to_string(),
            datetime.to_string(),
            q("x-oss-signature").unwrap_or_default().to_string(),
        )
    } else {
        let auth = header(&p.headers, "authorization")
            .ok_or_else(|| rejected("AccessDenied", "the request is not signed"))?;
        let rest = auth
            .strip_prefix(oss4::ALGORITHM)
            .ok_or_else(|| rejected("InvalidArgument", "the algorithm is not OSS4-HMAC-SHA256"))?;
        let (mut credential, mut signature) = (None, None);
        for part in rest.split(',') {
            match part.trim().split_once('=') {
                Some(("Credential", v)) => credential = Some(v),
                Some(("Signature", v)) => signature = Some(v),
                Some(("AdditionalHeaders", _)) => {}
                _ => return Err(rejected("InvalidArgument", "a malformed Authorization")),
            }
        }
        (
            credential.unwrap_or_default().to_string(),
            header(&p.headers, "x-oss-date")
                .unwrap_or_default()
                .to_string(),
            signature.unwrap_or_default().to_string(),
        )
    };
    // `<ak>/<yyyymmdd>/<region>/oss/aliyun_v4_request`
    let scope: Vec<&str> = credential.split('/').collect();
    let [ak, date, region, product, "aliyun_v4_request"] = scope[..] else {
        return Err(rejected("InvalidArgument", "a malformed credential scope"));
    };
    if !datetime.starts_with(date) {
        return Err(rejected(
            "SignatureDoesNotMatch",
            "the scope's date is not the request's",
        ));
    }
    let query: Vec<(String, String)> = p
        .query
        .iter()
        .filter(|(k, _)| k != "x-oss-signature")
        .cloned()
        .collect();
    let key = p.path.strip_prefix('/').unwrap_or(&p.path);
    let signed = oss4::Request {
        method: request.method,
        bucket,
        key: (!key.is_empty()).then_some(key),
        query: &query,
        headers: &p.headers,
    };
    let scope = oss4::Scope { region, product };
    let expected = oss4::signature_of(&signed, secret, &scope, &datetime);
    if expected == signature {
        Ok(ak.to_string())
    } else {
        Err(rejected(
            "SignatureDoesNotMatch",
            "The request signature we calculated does not match the signature you provided.",
        ))
    }
}

/// `yyyymmddTHHMMSSZ` as seconds since the Unix epoch.
fn basic_iso8601(s: &str) -> Option<u64> {
    let b = s.as_bytes();
    if b.len() != 16 || b[8] != b'T' || b[15] != b'Z' {
        return None;
    }
    let extended = format!(
        "{}-{}-{}T{}:{}:{}Z",
        &s[..4],
        &s[4..6],
        &s[6..8],
        &s[9..11],
        &s[11..13],
        &s[13..15]
    );
    crate::time::parse_iso8601(&extended)
}

/// `<scheme> <ak>:<signature>`: the parts of an SLS (`LOG`) or PDS (`acs`) `Authorization`.
fn key_and_signature<'a>(auth: &'a str, scheme: &str) -> Result<(&'a str, &'a str), Rejection> {
    auth.strip_prefix(scheme)
        .and_then(|r| r.strip_prefix(' '))
        .and_then(|r| r.split_once(':'))
        .filter(|(ak, sig)| !ak.is_empty() && !sig.is_empty())
        .ok_or_else(|| {
            rejected(
                "SignatureNotMatch",
                format!("the Authorization is not `{scheme} <AccessKeyId>:<signature>`"),
            )
        })
}

/// Checks a Log Service request's `LOG` signature; returns the AccessKey ID that signed.
pub fn verify_sls(request: &HttpRequest, secret: &str) -> Result<String, Rejection> {
    let p = parts(request);
    let auth = header(&p.headers, "authorization")
        .ok_or_else(|| rejected("Unauthorized", "the request is not signed"))?;
    let (ak, signature) = key_and_signature(auth, "LOG")?;
    let to_sign = sls::string_to_sign(request.method, &p.headers, &p.path, &p.query);
    if sls::authorization(ak, secret, &to_sign) == auth {
        Ok(ak.to_string())
    } else {
        Err(rejected(
            "SignatureNotMatch",
            format!("signature {signature} not matched"),
        ))
    }
}

/// Checks a Drive and Photo request's ROA v1 signature; returns the AccessKey ID that signed.
pub fn verify_pds(request: &HttpRequest, secret: &str) -> Result<String, Rejection> {
    let p = parts(request);
    let auth = header(&p.headers, "authorization").ok_or_else(|| {
        rejected(
            "InvalidParameter.Authorization",
            "the request is not signed",
        )
    })?;
    let (ak, _) = key_and_signature(auth, "acs")?;
    let to_sign = pds::string_to_sign(request.method, &p.headers, &p.path, &p.query);
    if pds::authorization(ak, secret, &to_sign) == auth {
        Ok(ak.to_string())
    } else {
        Err(rejected(
            "SignatureDoesNotMatch",
            "the signature does not match",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credentials::Credentials;
    use crate::endpoint::Endpoint;
    use crate::operation::{Method, Protocol};
    use crate::params::Params;
    use crate::protocol::{signer, Stamp};
    use crate::request::Prepared;

    fn prepared(protocol: Protocol, method: Method, path: &str) -> Prepared {
        let mut params = Params::default();
        params.query.push("versionId", "a b+");
        params.query.push("tagging", "");
        params.headers.push("x-oss-meta-k", "v");
        params.xml_object().insert("Tagging".into(), "t".into());
        params.host = Some("b1".into());
        Prepared {
            endpoint: Endpoint::parse("http://localhost:9").unwrap(),
            method,
            protocol,
            path: crate::protocol::wire::encode_path(path),
            resource: path.into(),
            region: Some("cn-hangzhou".into()),
            action: "PutObjectTagging",
            version: "2019-05-17",
            params,
            anonymous: false,
        }
    }

    const NOW: u64 = 1_795_000_000;

    fn signed(protocol: Protocol, secret: &str) -> HttpRequest {
        let stamp = Stamp {
            now: NOW,
            nonce: "n1",
            user_agent: "ua",
        };
        let p = prepared(protocol, Method::Put, "/dir/a b+é.txt");
        signer(protocol).sign(&p, Some(&Credentials::new("ak", secret)), &stamp)
    }

    #[test]
    fn each_signature_verifies_with_its_secret_only() {
        for protocol in [Protocol::Oss, Protocol::Sls, Protocol::Pds] {
            let verify = |r: &HttpRequest, secret: &str| match protocol {
                Protocol::Oss => verify_oss(r, Some("b1"), secret, NOW),
                Protocol::Sls => verify_sls(r, secret),
                _ => verify_pds(r, secret),
            };
            let good = signed(protocol, "sk");
            assert_eq!(verify(&good, "sk"), Ok("ak".into()), "{protocol:?}");
            assert!(verify(&good, "other").is_err(), "{protocol:?}");
            let mut tampered = good.clone();
            tampered.url = tampered.url.replace("versionId=a", "versionId=b");
            assert!(verify(&tampered, "sk").is_err(), "{protocol:?}: query");
            let mut tampered = good.clone();
            for (k, v) in &mut tampered.headers {
                if k == "date" || k == "x-oss-date" {
                    v.push('0');
                }
            }
            assert!(verify(&tampered, "sk").is_err(), "{protocol:?}: date");
        }
    }

    #[test]
    fn a_presigned_url_works_until_it_expires() {
        let p = prepared(Protocol::Oss, Method::Get, "/dir/a b.txt");
        let presigned = crate::presign::presign_at(&p, &Credentials::new("ak", "sk"), NOW, 60);
        let request = HttpRequest {
            method: presigned.method,
            url: presigned.url.clone(),
            headers: presigned
                .headers
                .iter()
                .cloned()
                .chain([("host".to_string(), "b1.localhost:9".to_string())])
                .collect(),
            body: Vec::new(),
        };
        assert_eq!(
            verify_oss(&request, Some("b1"), "sk", NOW + 60),
            Ok("ak".into())
        );
        let late = verify_oss(&request, Some("b1"), "sk", NOW + 61).unwrap_err();
        assert_eq!(late.code, "AccessDenied");
        assert!(
            verify_oss(&request, Some("b2"), "sk", NOW).is_err(),
            "another bucket"
        );
    }
}
