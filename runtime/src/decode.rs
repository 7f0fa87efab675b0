//! Responses into outputs or typed errors: JSON bodies (objects or arrays), text, bytes or
//! nothing on success, `Success: false` on HTTP 200, error codes into the operation's
//! variants, response metadata, bounded excerpts of bodies that are not understood.

use crate::de::Lenient;
use crate::error::{ErrorMeta, SdkError, ServiceError};
use crate::json::FromJson;
use crate::operation::{BodyKind, FromBody, Operation};
use crate::transport::header;
use serde_json::Value;
use std::fmt;
use std::time::Duration;

fn field(v: &Value, names: &[&str]) -> Option<String> {
    names
        .iter()
        .find_map(|n| v.get(*n))
        .and_then(<String as Lenient>::from_json)
}

/// The headers a gateway names the request by: the common gateway's, Object Storage's, Log
/// Service's and the API gateway's (PDS).
pub const REQUEST_ID_HEADERS: &[&str] = &[
    "x-acs-request-id",
    "x-oss-request-id",
    "x-log-requestid",
    "x-ca-request-id",
];

/// The request id a response's headers carry, if any.
pub fn request_id_header(headers: &[(String, String)]) -> Option<&str> {
    REQUEST_ID_HEADERS.iter().find_map(|h| header(headers, h))
}

/// A body as a JSON value: JSON, or XML read into the same shape ([`crate::xml::read`]); an
/// empty body is an empty object (an answer carried by its status and headers).
pub fn body_value(body: &[u8]) -> Result<Value, String> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Value::Object(serde_json::Map::new()));
    }
    if crate::xml::is_xml(body) {
        return crate::xml::read(body);
    }
    serde_json::from_slice(body).map_err(|_| "the body is not JSON".to_string())
}

/// The value of an answer whose success body is JSON: [`body_value`], after Log Service's
/// own encodings (a compressed body, or `PullLogs`' protobuf log groups) are undone.
fn answer_value(headers: &[(String, String)], body: &[u8]) -> Result<Value, String> {
    use crate::protocol::sls_log_group;
    match sls_log_group::unpack(headers, body) {
        None => body_value(body),
        Some(Err(reason)) => Err(reason),
        Some(Ok((raw, true))) => sls_log_group::decode_list(&raw),
        Some(Ok((raw, false))) => body_value(&raw),
    }
}

/// An object body with the values of the response headers `names` added as members of the
/// same names (where the body has none): the headers an output has fields for.
fn with_headers(mut v: Value, headers: &[(String, String)], names: &[&str]) -> Value {
    if let Value::Object(m) = &mut v {
        for name in names {
            if let (Some(value), false) = (header(headers, name), m.contains_key(*name)) {
                m.insert(name.to_string(), Value::String(value.to_string()));
            }
        }
    }
    v
}

/// Longest body excerpt kept in errors.
pub const EXCERPT_BYTES: usize = 256;

/// The start of a body, printable and bounded.
pub fn excerpt(body: &[u8]) -> String {
    let cut = &body[..body.len().min(EXCERPT_BYTES)];
    String::from_utf8_lossy(cut)
        .chars()
        .map(|c| if c.is_control() && c != '\n' { ' ' } else { c })
        .collect()
}

/// The error metadata of an error body (`Code`, `Message`, `RequestId`, `HostId`,
/// `Recommend`, `AccessDeniedDetail`, or their lowercase spellings; SLS's `errorCode` and
/// `errorMessage`), which may be wrapped in an `Error` element (Object Storage's XML).
pub fn error_meta(v: &Value, http_status: u16, retry_after: Option<Duration>) -> Option<ErrorMeta> {
    let v = match v.get("Error") {
        Some(inner @ Value::Object(_)) => inner,
        _ => v,
    };
    let code = field(v, &["Code", "code", "ErrorCode", "errorCode"])?;
    Some(ErrorMeta {
        code,
        message: field(v, &["Message", "message", "ErrorMessage", "errorMessage"])
            .unwrap_or_default(),
        request_id: field(v, &["RequestId", "requestId"]),
        host_id: field(v, &["HostId", "hostId"]),
        recommend: field(v, &["Recommend", "recommend"]),
        access_denied_detail: ["AccessDeniedDetail", "accessDeniedDetail"]
            .iter()
            .find_map(|n| v.get(*n))
            .filter(|d| !d.is_null())
            .map(|d| match d {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            }),
        http_status,
        retry_after,
    })
}

/// Decodes a response of operation `O`: a 2xx JSON body into its output (unless its success
/// field is `false`), an error body into its error enum, anything else into
/// [`SdkError::InvalidResponse`]. Never panics.
pub fn decode_response<O: Operation>(
    status: u16,
    headers: &[(String, String)],
    body: &[u8],
) -> Result<O::Output, SdkError<O::Error>> {
    let (mut output, body_request_id) = match <O::Output as FromBody>::KIND {
        BodyKind::Json => decode_body::<O::Output, O::Error>(
            status,
            headers,
            <O::Output as FromBody>::HEADERS,
            body,
            O::SUCCESS_FIELD,
            FromBody::from_json_body,
        )?,
        _ => decode_raw(
            status,
            headers,
            body,
            <O::Output as FromBody>::from_raw_body,
        )?,
    };
    let request_id = request_id_header(headers)
        .map(str::to_string)
        .or(body_request_id);
    crate::meta::HasMeta::set_meta(
        &mut output,
        crate::meta::ResponseMeta::new(status, headers.to_vec(), request_id),
    );
    Ok(output)
}

/// The success body of an operation known only at run time (the `acs` CLI), as its
/// [`BodyKind`] says to read it.
#[derive(Clone, Debug, PartialEq)]
pub enum DynamicBody {
    Json(Value),
    Text(String),
    Bytes(Vec<u8>),
    Empty,
}

/// Decodes a response whose success body is of kind `kind`, errors untyped.
pub fn decode_dynamic(
    status: u16,
    headers: &[(String, String)],
    body: &[u8],
    success_field: Option<&str>,
    kind: BodyKind,
    output_headers: &[&str],
) -> Result<DynamicBody, SdkError<UntypedError>> {
    let read = |b: &[u8]| -> Result<DynamicBody, String> {
        Ok(match kind {
            BodyKind::Text => DynamicBody::Text(String::from_utf8_lossy(b).into_owned()),
            BodyKind::Bytes => DynamicBody::Bytes(b.to_vec()),
            _ => DynamicBody::Empty,
        })
    };
    match kind {
        BodyKind::Json => decode_body::<Value, UntypedError>(
            status,
            headers,
            output_headers,
            body,
            success_field,
            Value::from_json,
        )
        .map(|(v, _)| DynamicBody::Json(v)),
        _ => decode_raw(status, headers, body, read).map(|(b, _)| b),
    }
}

/// Decodes a response whose success body is not JSON: a 2xx body through `read`, an error
/// body (JSON whatever the success body is) into its error.
fn decode_raw<T, E: ServiceError>(
    status: u16,
    headers: &[(String, String)],
    body: &[u8],
    read: impl Fn(&[u8]) -> Result<T, String>,
) -> Result<(T, Option<String>), SdkError<E>> {
    if !(200..300).contains(&status) {
        return decode_body(status, headers, &[], body, None, |_| {
            Err::<T, _>("an error status".into())
        });
    }
    read(body)
        .map(|t| (t, None))
        .map_err(|reason| SdkError::InvalidResponse {
            status,
            request_id: request_id_header(headers).map(str::to_string),
            reason,
            excerpt: excerpt(body),
        })
}

/// [`decode_response`] for any output and error type (no metadata attached).
pub fn decode_parts<T: FromJson, E: ServiceError>(
    status: u16,
    headers: &[(String, String)],
    body: &[u8],
    success_field: Option<&str>,
) -> Result<T, SdkError<E>> {
    decode_body(status, headers, &[], body, success_field, T::from_json).map(|(t, _)| t)
}

/// Decodes a JSON body into `T` (with the body's `RequestId`, if any) or the error it holds.
fn decode_body<T, E: ServiceError>(
    status: u16,
    headers: &[(String, String)],
    output_headers: &[&str],
    body: &[u8],
    success_field: Option<&str>,
    read: impl Fn(&Value) -> Result<T, String>,
) -> Result<(T, Option<String>), SdkError<E>> {
    let retry_after = header(headers, "x-acs-retry-after")
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map(Duration::from_millis);
    let invalid = |request_id: Option<String>, reason: String| SdkError::InvalidResponse {
        status,
        request_id,
        reason,
        excerpt: excerpt(body),
    };
    let v = match answer_value(headers, body) {
        Ok(v) => with_headers(v, headers, output_headers),
        Err(reason) => {
            return Err(invalid(
                request_id_header(headers).map(str::to_string),
                reason,
            ))
        }
    };
    if (200..300).contains(&status) {
        let failed = success_field
            .is_some_and(|f| v.get(f).and_then(<bool as Lenient>::from_json) == Some(false));
        if failed {
            let meta = error_meta(&v, status, retry_after).unwrap_or_else(|| ErrorMeta {
                http_status: status,
                request_id: field(&v, &["RequestId", "requestId"]),
                ..Default::default()
            });
            return Err(SdkError::Service(E::from_meta(meta)));
        }
        let request_id = field(&v, &["RequestId", "requestId"]);
        return match read(&v) {
            Ok(t) => Ok((t, request_id)),
            Err(e) => Err(invalid(
                request_id,
                format!("unexpected response shape: {e}"),
            )),
        };
    }
    match error_meta(&v, status, retry_after) {
        Some(mut meta) => {
            // SLS names the request in a header only.
            if meta.request_id.is_none() {
                meta.request_id = request_id_header(headers).map(str::to_string);
            }
            Err(SdkError::Service(E::from_meta(meta)))
        }
        None => Err(invalid(
            field(&v, &["RequestId", "requestId"]),
            "an error response without an error code".into(),
        )),
    }
}

/// The error of a [`DynamicOperation`](crate::DynamicOperation): the service's error metadata, untyped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UntypedError(pub Box<ErrorMeta>);

impl ServiceError for UntypedError {
    fn from_meta(meta: ErrorMeta) -> Self {
        UntypedError(Box::new(meta))
    }
    fn unhandled(meta: ErrorMeta) -> Self {
        UntypedError(Box::new(meta))
    }
    fn meta(&self) -> &ErrorMeta {
        &self.0
    }
    fn documented_retryable(&self) -> bool {
        false
    }
}

impl fmt::Display for UntypedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for UntypedError {}
