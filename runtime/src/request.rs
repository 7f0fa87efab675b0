//! A request prepared for sending (endpoint resolved, parameters written), and its signed
//! HTTP form: the query string or form body, the `x-acs-*` headers and the V3
//! `Authorization` ([`crate::sign`] computes the signature itself).

use crate::client::Method;
use crate::credentials::Credentials;
use crate::endpoint::Endpoint;
use crate::params::Params;
use crate::sign;
use crate::transport::HttpRequest;

/// A request fully prepared for sending, before signing.
#[derive(Clone, Debug)]
pub struct Prepared {
    pub endpoint: Endpoint,
    pub method: Method,
    pub action: &'static str,
    pub version: &'static str,
    pub params: Params,
    /// Sent unsigned, without credentials.
    pub anonymous: bool,
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
    let body = if prepared.params.body.is_empty() {
        Vec::new()
    } else {
        sign::canonical_query(prepared.params.body.pairs()).into_bytes()
    };
    let payload_hash = sign::sha256_hex(&body);
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
    if !body.is_empty() {
        headers.push((
            "content-type".to_string(),
            "application/x-www-form-urlencoded".to_string(),
        ));
    }
    let input = sign::SigningInput {
        method: prepared.method.as_str(),
        path: "/",
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
    headers.push(("accept".to_string(), "application/json".to_string()));
    headers.push(("user-agent".to_string(), user_agent.to_string()));
    let url = if query.is_empty() {
        format!("{}/", prepared.endpoint.base_url())
    } else {
        format!("{}/?{}", prepared.endpoint.base_url(), query)
    };
    HttpRequest {
        method: prepared.method.as_str(),
        url,
        headers,
        body,
    }
}
