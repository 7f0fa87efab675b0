//! Drive and Photo's requests: the domain in the host, JSON or form bodies, the `x-acs-*`
//! headers and a fresh nonce, `date`, and ROA signature v1:
//!
//! ```text
//! Authorization = acs <AccessKeyId>:base64(HMAC-SHA1(secret, StringToSign))
//! StringToSign  = Method \n Accept \n Content-MD5 \n Content-Type \n Date \n
//!                 (x-acs-* headers sorted, name:value \n)...
//!                 Path [? sorted k[=v] joined by &]     (path and values not encoded)
//! ```
//!
//! Operations marked `Anonymous` are sent unsigned.

use super::contract::{Signer, Stamp};
use super::wire;
use crate::credentials::Credentials;
use crate::request::Prepared;
use crate::transport::HttpRequest;
use hmac::{Hmac, Mac};
use sha1::Sha1;

/// Signs Drive and Photo's requests.
pub(crate) struct Pds;

/// The string ROA signature v1 signs.
pub fn string_to_sign(
    method: &str,
    headers: &[(String, String)],
    path: &str,
    query: &[(String, String)],
) -> String {
    let mut out = format!(
        "{method}\n{}\n{}\n{}\n{}\n",
        wire::get(headers, "accept"),
        wire::get(headers, "content-md5"),
        wire::get(headers, "content-type"),
        wire::get(headers, "date")
    );
    let mut signed: Vec<&(String, String)> = headers
        .iter()
        .filter(|(k, _)| k.starts_with("x-acs-"))
        .collect();
    signed.sort();
    for (k, v) in signed {
        out.push_str(&format!("{k}:{}\n", v.trim()));
    }
    out.push_str(&wire::resource(path, query, true));
    out
}

/// The `authorization` header value.
pub fn authorization(access_key_id: &str, secret: &str, string_to_sign: &str) -> String {
    let mut mac = match Hmac::<Sha1>::new_from_slice(secret.as_bytes()) {
        Ok(m) => m,
        Err(_) => unreachable!("HMAC takes keys of any size"),
    };
    mac.update(string_to_sign.as_bytes());
    format!(
        "acs {access_key_id}:{}",
        wire::base64(&mac.finalize().into_bytes())
    )
}

impl Signer for Pds {
    fn sign(
        &self,
        prepared: &Prepared,
        credentials: Option<&Credentials>,
        stamp: &Stamp<'_>,
    ) -> HttpRequest {
        let (body, kind) = prepared.params.body_bytes();
        let mut headers = vec![
            ("date".to_string(), wire::http_date(stamp.now)),
            ("host".to_string(), wire::authority(prepared)),
            ("x-acs-version".to_string(), prepared.version.to_string()),
            ("x-acs-action".to_string(), prepared.action.to_string()),
            ("user-agent".to_string(), stamp.user_agent.to_string()),
            ("x-acs-signature-nonce".to_string(), stamp.nonce.to_string()),
            ("accept".to_string(), "application/json".to_string()),
        ];
        if let Some(t) = kind.content_type() {
            headers.push(("content-type".to_string(), t.to_string()));
        }
        headers.push((
            "x-acs-signature-method".to_string(),
            "HMAC-SHA1".to_string(),
        ));
        headers.push(("x-acs-signature-version".to_string(), "1.0".to_string()));
        let own = headers.clone();
        headers.extend(wire::param_headers(&prepared.params, &own));
        let scheme = wire::Scheme {
            string_to_sign,
            authorization,
        };
        wire::finish(prepared, headers, body, credentials, scheme)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(p: &[(&str, &str)]) -> Vec<(String, String)> {
        p.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    /// The vector computed by Alibaba's PDS gateway package (`alibabacloud_gateway_pds`
    /// 0.1.2, `Client.get_signature`) for the same request.
    #[test]
    fn signs_as_the_official_gateway_package() {
        let headers = pairs(&[
            ("date", "Thu, 26 Oct 2023 10:22:32 GMT"),
            ("host", "d1.api.aliyunpds.com"),
            ("x-acs-version", "2022-03-01"),
            ("x-acs-action", "GetFile"),
            ("user-agent", "ua"),
            ("x-acs-signature-nonce", "n1"),
            ("accept", "application/json"),
            ("content-type", "application/json; charset=utf-8"),
            ("x-acs-signature-method", "HMAC-SHA1"),
            ("x-acs-signature-version", "1.0"),
        ]);
        let query = pairs(&[("fields", "*"), ("empty", "")]);
        let s = string_to_sign("POST", &headers, "/v2/file/get", &query);
        assert_eq!(
            s,
            "POST\napplication/json\n\napplication/json; charset=utf-8\nThu, 26 Oct 2023 10:22:32 GMT\n\
             x-acs-action:GetFile\nx-acs-signature-method:HMAC-SHA1\nx-acs-signature-nonce:n1\n\
             x-acs-signature-version:1.0\nx-acs-version:2022-03-01\n/v2/file/get?empty&fields=*"
        );
        assert_eq!(
            authorization("id", "testsecret", &s),
            "acs id:RcKfKhN1Y4hzgL/aTkfYH9cTs/Q="
        );
    }
}
