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
use super::sls_log_group::{self, COMPRESS_TYPE, RAW_SIZE};
use super::wire;
use crate::credentials::Credentials;
use crate::params::{BodyMedia, Params, Payload};
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
        let body = SlsBody::of(&prepared.params, prepared.action);
        // PullLogs' answer is asked for as protobuf, as the gateway package asks for it.
        let accept = if prepared.action == sls_log_group::PULL_ACTION {
            sls_log_group::MEDIA
        } else {
            "application/json"
        };
        let mut headers = vec![
            ("accept".to_string(), accept.to_string()),
            ("host".to_string(), wire::authority(prepared)),
            ("user-agent".to_string(), stamp.user_agent.to_string()),
            ("x-log-apiversion".to_string(), API_VERSION.to_string()),
            (RAW_SIZE.to_string(), body.raw_size.clone()),
        ];
        if let Some(kind) = &body.compressed {
            headers.push((COMPRESS_TYPE.to_string(), kind.clone()));
        }
        if let Some(content_type) = body.content_type {
            headers.push(("content-type".to_string(), content_type.to_string()));
            headers.push(("content-md5".to_string(), wire::hex_upper(&body.md5)));
        }
        headers.push(("date".to_string(), wire::http_date(stamp.now)));
        let own = headers.clone();
        headers.extend(
            wire::param_headers(&prepared.params, &own)
                .into_iter()
                .filter(|(k, _)| !(body.drop_compresstype && k == COMPRESS_TYPE)),
        );
        if credentials.is_some() {
            wire::set(&mut headers, "x-log-signaturemethod", "hmac-sha256");
        }
        let scheme = wire::Scheme {
            string_to_sign,
            authorization,
        };
        wire::finish(prepared, headers, body.bytes, credentials, scheme)
    }
}

/// A request's body as Log Service's gateway package sends it.
struct SlsBody {
    /// The bytes sent (none for a streamed body, sent as it is read).
    bytes: Vec<u8>,
    /// `x-log-bodyrawsize`: the length before compression (the caller's, when the caller
    /// compressed the body and says so).
    raw_size: String,
    /// The content type, when there is a body.
    content_type: Option<&'static str>,
    /// MD5 of the bytes sent (or of a streamed file's).
    md5: [u8; 16],
    /// The compression applied here (`x-log-compresstype`).
    compressed: Option<String>,
    /// The caller asked for a compression this runtime does not apply: the body goes
    /// uncompressed, without the header.
    drop_compresstype: bool,
}

impl SlsBody {
    /// `PutLogs`'s log group as protobuf; a JSON body without a charset, as the gateway
    /// package sends it; an in-memory body compressed when the caller sets
    /// `x-log-compresstype` (and not `x-log-bodyrawsize`, which says it is compressed
    /// already).
    fn of(params: &Params, action: &str) -> SlsBody {
        let (mut bytes, content_type) = match &params.payload {
            // The log group the caller typed, written as protobuf without a JSON detour.
            Some(Payload::Json(group)) if action == sls_log_group::PUT_ACTION => {
                (sls_log_group::encode(group), Some(sls_log_group::MEDIA))
            }
            Some(Payload::JsonObject(fields)) if action == sls_log_group::PUT_ACTION => {
                let group = serde_json::Value::Object(fields.clone());
                (sls_log_group::encode(&group), Some(sls_log_group::MEDIA))
            }
            _ => match params.body_bytes() {
                (bytes, BodyMedia::Json) => (bytes, Some("application/json")),
                (bytes, kind) => (bytes, kind.content_type()),
            },
        };
        let asked = |name| crate::transport::header(params.headers.pairs(), name);
        let mut raw_size = wire::body_len(params, &bytes).to_string();
        let (mut compressed, mut drop_compresstype) = (None, false);
        match (asked(COMPRESS_TYPE), asked(RAW_SIZE)) {
            (_, Some(size)) => raw_size = size.to_string(),
            (Some(kind), None) if params.streamed_body().is_none() && !bytes.is_empty() => {
                match sls_log_group::compress(kind, &bytes) {
                    Some(packed) => {
                        bytes = packed;
                        compressed = Some(kind.to_string());
                    }
                    None => {
                        tracing::warn!(compression = %kind, "x-log-compresstype not applied; the body is sent uncompressed");
                        drop_compresstype = true;
                    }
                }
            }
            _ => {}
        }
        let md5 = wire::body_md5(params, &bytes);
        SlsBody {
            bytes,
            raw_size,
            content_type,
            md5,
            compressed,
            drop_compresstype,
        }
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

    fn body(action: &str, headers: &[(&str, &str)]) -> SlsBody {
        let mut params = Params::default();
        for (k, v) in headers {
            params.headers.push(k, *v);
        }
        params.payload = Some(crate::params::Payload::Json(serde_json::json!({
            "LogItems": [{"Time": 1, "Contents": [{"Key": "k", "Value": "v".repeat(100)}]}]
        })));
        SlsBody::of(&params, action)
    }

    #[test]
    fn put_logs_is_protobuf_compressed_as_asked_and_other_bodies_json() {
        let plain = body("PutLogs", &[]);
        assert_eq!(plain.content_type, Some("application/x-protobuf"));
        assert_eq!(plain.raw_size, plain.bytes.len().to_string());
        let lz4 = body("PutLogs", &[("x-log-compresstype", "lz4")]);
        assert_eq!(lz4.compressed.as_deref(), Some("lz4"));
        assert_eq!(lz4.raw_size, plain.raw_size);
        assert!(lz4.bytes.len() < plain.bytes.len());
        assert_eq!(lz4.md5, wire::md5(&lz4.bytes));
        // A compression not applied here: sent uncompressed, its header dropped.
        let zstd = body("PutLogs", &[("x-log-compresstype", "zstd")]);
        assert!(zstd.drop_compresstype && zstd.compressed.is_none());
        assert_eq!(zstd.bytes, plain.bytes);
        // The caller's raw size says the body is compressed already: sent as it is.
        let mine = body(
            "PutLogs",
            &[("x-log-compresstype", "lz4"), ("x-log-bodyrawsize", "7")],
        );
        assert_eq!((mine.raw_size.as_str(), mine.compressed), ("7", None));
        let other = body("CreateLogStore", &[]);
        assert_eq!(other.content_type, Some("application/json"));
        assert!(other.bytes.starts_with(b"{"));
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
