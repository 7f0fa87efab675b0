//! Log Service's requests: the project in the host, JSON bodies with their upper-case hex
//! `content-md5` and `x-log-bodyrawsize`, `x-log-apiversion`, `date`, and the `LOG`
//! signature:
//!
//! ```text
//! Authorization = LOG <AccessKeyId>:base64(HMAC-SHA256(secret, StringToSign))
//! StringToSign  = Method \n Content-MD5 \n Content-Type \n Date \n
//!                 (x-log-* and x-acs-* headers sorted, name:value \n)...
//!                 Path [? sorted k=v joined by &]     (path and values not encoded)
//! ```

use super::contract::{Signer, Stamp};
use super::wire;
use crate::credentials::Credentials;
use crate::params::BodyMedia;
use crate::request::Prepared;
use crate::sign::hmac_sha256;
use crate::transport::HttpRequest;

/// The API version every request names.
pub const API_VERSION: &str = "0.6.0";

/// Signs Log Service's requests.
pub(crate) struct Sls;

/// The string the `LOG` signature signs.
pub fn string_to_sign(
    method: &str,
    headers: &[(String, String)],
    path: &str,
    query: &[(String, String)],
) -> String {
    let mut out = format!(
        "{method}\n{}\n{}\n{}\n",
        wire::get(headers, "content-md5"),
        wire::get(headers, "content-type"),
        wire::get(headers, "date")
    );
    let mut signed: Vec<&(String, String)> = headers
        .iter()
        .filter(|(k, _)| k.starts_with("x-log-") || k.starts_with("x-acs-"))
        .collect();
    signed.sort();
    for (k, v) in signed {
        out.push_str(&format!("{k}:{v}\n"));
    }
    out.push_str(&wire::resource(path, query, false));
    out
}

/// The `authorization` header value.
pub fn authorization(access_key_id: &str, secret: &str, string_to_sign: &str) -> String {
    let mac = hmac_sha256(secret.as_bytes(), string_to_sign.as_bytes());
    format!("LOG {access_key_id}:{}", wire::base64(&mac))
}

impl Signer for Sls {
    fn sign(
        &self,
        prepared: &Prepared,
        credentials: Option<&Credentials>,
        stamp: &Stamp<'_>,
    ) -> HttpRequest {
        let (body, kind) = prepared.params.body_bytes();
        let mut headers = vec![
            ("accept".to_string(), "application/json".to_string()),
            ("host".to_string(), wire::authority(prepared)),
            ("user-agent".to_string(), stamp.user_agent.to_string()),
            ("x-log-apiversion".to_string(), API_VERSION.to_string()),
            (
                "x-log-bodyrawsize".to_string(),
                wire::body_len(&prepared.params, &body).to_string(),
            ),
        ];
        if let Some(content_type) = kind.content_type() {
            // JSON without a charset, as the SLS gateway sends it.
            let content_type = if kind == BodyMedia::Json {
                "application/json"
            } else {
                content_type
            };
            headers.push(("content-type".to_string(), content_type.to_string()));
            headers.push((
                "content-md5".to_string(),
                wire::hex_upper(&wire::body_md5(&prepared.params, &body)),
            ));
        }
        headers.push(("date".to_string(), wire::http_date(stamp.now)));
        let own = headers.clone();
        headers.extend(wire::param_headers(&prepared.params, &own));
        if credentials.is_some() {
            wire::set(&mut headers, "x-log-signaturemethod", "hmac-sha256");
        }
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

    /// The vector computed by Alibaba's SLS gateway package (`alibabacloud_gateway_sls`
    /// 0.5.1, `Client.get_signature`) for the same request.
    #[test]
    fn signs_as_the_official_gateway_package() {
        let headers = pairs(&[
            ("accept", "application/json"),
            ("host", "proj-1.cn-hangzhou.log.aliyuncs.com"),
            ("user-agent", "ua"),
            ("x-log-apiversion", "0.6.0"),
            ("x-log-bodyrawsize", "34"),
            ("content-type", "application/json"),
            ("content-md5", "1B2M2Y8AsgTpgAmY7PhCfg"),
            ("date", "Thu, 26 Oct 2023 10:22:32 GMT"),
            ("x-log-signaturemethod", "hmac-sha256"),
            ("x-acs-security-token", "tok"),
        ]);
        let query = pairs(&[("type", "log"), ("line", "10"), ("query", "* | select a b")]);
        let s = string_to_sign("GET", &headers, "/logstores/store 1", &query);
        assert_eq!(
            s,
            "GET\n1B2M2Y8AsgTpgAmY7PhCfg\napplication/json\nThu, 26 Oct 2023 10:22:32 GMT\n\
             x-acs-security-token:tok\nx-log-apiversion:0.6.0\nx-log-bodyrawsize:34\n\
             x-log-signaturemethod:hmac-sha256\n/logstores/store 1?line=10&query=* | select a b&type=log"
        );
        assert_eq!(
            authorization("id", "testsecret", &s),
            "LOG id:qbttqwl+BNgCMoFJsZ+xuCovSbgBPJTdza2k0+4AejA="
        );
    }
}
