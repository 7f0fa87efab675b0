//! The gateway's signature check, as the test gateway makes it: the `Authorization` header
//! is parsed, the canonical request rebuilt from what arrived (the headers it lists, the
//! query string, the body's hash) and signed with the secret the gateway knows.

use crate::sign::{self, SigningInput, ALGORITHM};
use crate::transport::{header, HttpRequest};

/// Why the gateway rejects a request's signature: the error code it answers and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejection {
    /// `IncompleteSignature` or `SignatureDoesNotMatch`.
    pub code: &'static str,
    /// What is wrong with the signature.
    pub message: String,
}

fn incomplete(message: impl Into<String>) -> Rejection {
    Rejection {
        code: "IncompleteSignature",
        message: message.into(),
    }
}

fn mismatch(message: impl Into<String>) -> Rejection {
    Rejection {
        code: "SignatureDoesNotMatch",
        message: message.into(),
    }
}

/// The parts of an `ACS3-HMAC-SHA256` `Authorization` header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Authorization<'a> {
    /// The AccessKey ID that signed.
    pub access_key_id: &'a str,
    /// The signed headers, in order.
    pub signed_headers: Vec<&'a str>,
    /// The signature, hex.
    pub signature: &'a str,
}

/// Parses `ACS3-HMAC-SHA256 Credential=ID,SignedHeaders=a;b,Signature=hex`.
pub fn parse_authorization(value: &str) -> Result<Authorization<'_>, Rejection> {
    let rest = value
        .strip_prefix(ALGORITHM)
        .ok_or_else(|| incomplete(format!("the algorithm is not {ALGORITHM}")))?
        .trim_start();
    let (mut id, mut headers, mut signature) = (None, None, None);
    for part in rest.split(',') {
        match part.trim().split_once('=') {
            Some(("Credential", v)) => id = Some(v),
            Some(("SignedHeaders", v)) => headers = Some(v),
            Some(("Signature", v)) => signature = Some(v),
            _ => return Err(incomplete(format!("unexpected part `{}`", part.trim()))),
        }
    }
    match (id, headers, signature) {
        (Some(id), Some(h), Some(s)) if !id.is_empty() && !s.is_empty() => Ok(Authorization {
            access_key_id: id,
            signed_headers: h.split(';').filter(|n| !n.is_empty()).collect(),
            signature: s,
        }),
        _ => Err(incomplete(
            "Credential, SignedHeaders and Signature are all required",
        )),
    }
}

/// Checks a request's signature with `secret`, returning the AccessKey ID it names.
pub fn verify(request: &HttpRequest, secret: &str) -> Result<String, Rejection> {
    let auth = header(&request.headers, "authorization")
        .ok_or_else(|| incomplete("the request has no Authorization header"))?;
    let auth = parse_authorization(auth)?;
    for required in [
        "host",
        "x-acs-action",
        "x-acs-version",
        "x-acs-date",
        "x-acs-signature-nonce",
        "x-acs-content-sha256",
    ] {
        if !auth.signed_headers.contains(&required) {
            return Err(incomplete(format!("`{required}` is not signed")));
        }
    }
    if header(&request.headers, "content-type").is_some()
        && !auth.signed_headers.contains(&"content-type")
    {
        return Err(incomplete("`content-type` is sent but not signed"));
    }
    let hash = sign::sha256_hex(&request.body);
    let sent_hash = header(&request.headers, "x-acs-content-sha256").unwrap_or_default();
    if sent_hash != hash {
        return Err(mismatch(
            "x-acs-content-sha256 is not the SHA-256 of the body",
        ));
    }
    let mut headers = Vec::new();
    for name in &auth.signed_headers {
        let value = header(&request.headers, name)
            .ok_or_else(|| incomplete(format!("signed header `{name}` is absent")))?;
        headers.push((name.to_string(), value.to_string()));
    }
    let (path, query) = super::wire::path_and_query(&request.url);
    let query = sign::canonical_query(&super::wire::decode_pairs(query));
    let input = SigningInput {
        method: request.method,
        path,
        query: &query,
        headers: &headers,
        payload_hash: &hash,
    };
    let (canonical, _) = sign::canonical_request(&input);
    let expected = sign::hmac_sha256_hex(
        secret.as_bytes(),
        sign::string_to_sign(&canonical).as_bytes(),
    );
    if expected != auth.signature {
        // Shown as the gateway shows its string to sign, less the one secret it may hold.
        let shown: Vec<String> = canonical
            .lines()
            .map(|l| match l.split_once(':') {
                Some(("x-acs-security-token", _)) => "x-acs-security-token:***".to_string(),
                _ => l.to_string(),
            })
            .collect();
        return Err(mismatch(format!(
            "the signature does not match; the canonical request the gateway computed:\n{}",
            shown.join("\n")
        )));
    }
    Ok(auth.access_key_id.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credentials::Credentials;
    use crate::endpoint::Network;
    use crate::operation::Method;
    use crate::operation::ServiceInfo;
    use crate::params::Params;
    use crate::request::{signed_request, Prepared};

    static SERVICE: ServiceInfo = ServiceInfo {
        product: "Ecs",
        version: "2014-05-26",
        endpoint_template: "https://ecs.{regionId}.aliyuncs.com",
        default_region: Some("cn-hangzhou"),
        protocol: crate::operation::Protocol::Acs3,
        regional_endpoints: &[],
    };

    fn signed(secret: &str) -> HttpRequest {
        let mut params = Params::default();
        params.query.push("RegionId", "cn-hangzhou");
        params.query.push("Name", "a b*é");
        params.body.push("Tag.1.Key", "env");
        let endpoint =
            crate::endpoint::resolve(&SERVICE, None, None, &Network::default()).expect("endpoint");
        let prepared = Prepared {
            endpoint,
            method: Method::Post,
            protocol: crate::operation::Protocol::Acs3,
            path: "/".into(),
            resource: "/".into(),
            region: None,
            action: "DescribeInstances",
            version: "2014-05-26",
            params,
            anonymous: false,
        };
        let creds = Credentials::new("id", secret);
        signed_request(&prepared, Some(&creds), "2026-01-01T00:00:00Z", "n", "ua")
    }

    #[test]
    fn accepts_the_clients_signature_and_rejects_others() {
        assert_eq!(verify(&signed("testsecret"), "testsecret"), Ok("id".into()));
        let wrong = verify(&signed("other"), "testsecret").unwrap_err();
        assert_eq!(wrong.code, "SignatureDoesNotMatch");
        let mut tampered = signed("testsecret");
        tampered.body.push(b'x');
        assert_eq!(
            verify(&tampered, "testsecret").unwrap_err().code,
            "SignatureDoesNotMatch"
        );
        let mut with_token = signed("other");
        with_token
            .headers
            .push(("x-acs-security-token".into(), "token-secret".into()));
        let auth = with_token
            .headers
            .iter_mut()
            .find(|(k, _)| k == "authorization")
            .unwrap();
        auth.1 = auth
            .1
            .replace("SignedHeaders=", "SignedHeaders=x-acs-security-token;");
        let shown = verify(&with_token, "testsecret").unwrap_err().message;
        assert!(
            shown.contains("x-acs-security-token:***") && !shown.contains("token-secret"),
            "{shown}"
        );
        let mut unsigned = signed("testsecret");
        unsigned.headers.retain(|(k, _)| k != "authorization");
        assert_eq!(
            verify(&unsigned, "testsecret").unwrap_err().code,
            "IncompleteSignature"
        );
    }

    #[test]
    fn parses_the_authorization_header() {
        let a = parse_authorization(
            "ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=host;x-acs-date,Signature=ab",
        )
        .expect("parses");
        assert_eq!(a.access_key_id, "AK");
        assert_eq!(a.signed_headers, ["host", "x-acs-date"]);
        assert!(parse_authorization("HMAC Credential=AK").is_err());
        assert!(parse_authorization("ACS3-HMAC-SHA256 Credential=AK").is_err());
    }
}
