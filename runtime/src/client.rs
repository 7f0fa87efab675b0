//! One call, the way Alibaba's official SDKs make it: parameters into the query string,
//! V3 signature headers, HTTPS, retries with backoff, and the response decoded into the
//! operation's output or its typed error.

use crate::credentials::{Credentials, DefaultChain, ProfileProvider, ProvideCredentials};
use crate::de::Lenient;
use crate::endpoint::{self, Endpoint, ServiceInfo};
use crate::error::{ConfigError, ErrorMeta, SdkError, ServiceError};
use crate::json::FromJson;
use crate::params::Params;
use crate::retry::RetryPolicy;
use crate::sign;
use crate::transport::{header, HttpRequest, HttpResponse, Timeouts, Transport, TransportError};
use serde_json::Value;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;
use tracing::Instrument;

/// HTTP method of an operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
        }
    }
}

/// Implemented by every generated request type: how it goes on the wire.
pub trait Operation: Send + Sized {
    /// The decoded success response, with its [`ResponseMeta`](crate::ResponseMeta).
    type Output: FromJson + crate::HasMeta + Send;
    /// The operation's error enum.
    type Error: ServiceError;
    /// The product version the operation belongs to.
    const SERVICE: &'static ServiceInfo;
    /// Action name, sent as `x-acs-action`.
    const ACTION: &'static str;
    const METHOD: Method;
    /// Boolean response field that, when `false` on a 2xx response, makes the body an error.
    const SUCCESS_FIELD: Option<&'static str> = None;
    /// Whether repeating the call is harmless (then server errors and timeouts are retried).
    const IDEMPOTENT: bool = false;
    /// Whether the operation is called without a signature (`security: []`, STS
    /// `AssumeRoleWithOIDC`): no credentials are needed, none are sent.
    const ANONYMOUS: bool = false;
    /// Writes the request's parameters.
    fn write_params(&self, params: &mut Params);
    /// The region the request itself names (its `RegionId`), which picks the endpoint.
    fn region(&self) -> Option<&str> {
        None
    }
    /// The idempotency token parameter, for operations that have one.
    fn idempotency_token(&mut self) -> Option<&mut Option<String>> {
        None
    }
}

/// Per-call overrides of the client's settings.
#[derive(Clone, Debug, Default)]
pub struct CallOptions {
    pub timeouts: Option<Timeouts>,
    pub retry: Option<RetryPolicy>,
    /// Endpoint for this call (`https://host` or `http://127.0.0.1:8080`).
    pub endpoint: Option<String>,
}

/// Default limit of a response body.
pub const DEFAULT_MAX_BODY_BYTES: usize = 10 * 1024 * 1024;

/// Environment variable of the default region.
pub const ENV_REGION: &str = "ALIBABA_CLOUD_REGION_ID";

struct Inner {
    credentials: Arc<dyn ProvideCredentials>,
    region: Option<String>,
    endpoint: Option<String>,
    retry: RetryPolicy,
    timeouts: Timeouts,
    max_body_bytes: usize,
    transport: Arc<dyn Transport>,
    user_agent: String,
}

/// Settings, credentials and transport shared by every generated client. Cheap to clone.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("credentials", &self.inner.credentials)
            .field("region", &self.inner.region)
            .field("endpoint", &self.inner.endpoint)
            .field("retry", &self.inner.retry)
            .field("timeouts", &self.inner.timeouts)
            .finish_non_exhaustive()
    }
}

/// Builds a [`Client`].
#[derive(Default)]
pub struct ClientBuilder {
    credentials: Option<Arc<dyn ProvideCredentials>>,
    region: Option<String>,
    endpoint: Option<String>,
    retry: Option<RetryPolicy>,
    timeouts: Timeouts,
    max_body_bytes: Option<usize>,
    transport: Option<Arc<dyn Transport>>,
    user_agent_suffix: Option<String>,
}

impl ClientBuilder {
    /// Where credentials come from (a [`Credentials`] value, or any provider). Default: the
    /// environment, then the Alibaba Cloud CLI profile.
    pub fn credentials(mut self, provider: impl ProvideCredentials + 'static) -> Self {
        self.credentials = Some(Arc::new(provider));
        self
    }

    /// The region that picks endpoints (unless the request names its own `RegionId`).
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// An explicit endpoint for every call: a host, or a URL such as `http://127.0.0.1:8080`.
    pub fn endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.endpoint = Some(endpoint.into());
        self
    }

    /// The retry policy ([`RetryPolicy::disabled`] switches retries off).
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = Some(policy);
        self
    }

    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.timeouts.connect = timeout;
        self
    }

    pub fn read_timeout(mut self, timeout: Duration) -> Self {
        self.timeouts.read = timeout;
        self
    }

    /// Largest response body accepted (default 10 MiB).
    pub fn max_body_bytes(mut self, limit: usize) -> Self {
        self.max_body_bytes = Some(limit);
        self
    }

    /// A custom transport (another HTTP client, or a test double).
    pub fn transport(mut self, transport: Arc<dyn Transport>) -> Self {
        self.transport = Some(transport);
        self
    }

    /// Appended to the `user-agent` header.
    pub fn user_agent_suffix(mut self, suffix: impl Into<String>) -> Self {
        self.user_agent_suffix = Some(suffix.into());
        self
    }

    pub fn build(self) -> Result<Client, ConfigError> {
        let transport = match self.transport {
            Some(t) => t,
            None => default_transport(self.timeouts.connect)?,
        };
        let mut user_agent = format!(
            "{} ({}; {})",
            crate::USER_AGENT,
            std::env::consts::OS,
            std::env::consts::ARCH
        );
        if let Some(s) = self.user_agent_suffix {
            user_agent.push(' ');
            user_agent.push_str(&s);
        }
        Ok(Client {
            inner: Arc::new(Inner {
                credentials: self
                    .credentials
                    .unwrap_or_else(|| Arc::new(DefaultChain::default())),
                region: self.region,
                endpoint: self.endpoint,
                retry: self.retry.unwrap_or_default(),
                timeouts: self.timeouts,
                max_body_bytes: self.max_body_bytes.unwrap_or(DEFAULT_MAX_BODY_BYTES),
                transport,
                user_agent,
            }),
        })
    }
}

#[cfg(feature = "reqwest")]
fn default_transport(connect: Duration) -> Result<Arc<dyn Transport>, ConfigError> {
    crate::transport::ReqwestTransport::new(connect)
        .map(|t| Arc::new(t) as Arc<dyn Transport>)
        .map_err(|e| ConfigError::InvalidEndpoint(format!("cannot create the HTTPS client: {e}")))
}

#[cfg(not(feature = "reqwest"))]
fn default_transport(_: Duration) -> Result<Arc<dyn Transport>, ConfigError> {
    Err(ConfigError::InvalidEndpoint(
        "no transport: enable the `reqwest` feature or pass one with ClientBuilder::transport"
            .into(),
    ))
}

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

impl Client {
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// Credentials from the default chain, region from `ALIBABA_CLOUD_REGION_ID` or the CLI
    /// profile.
    pub fn from_env() -> Result<Client, ConfigError> {
        let mut b = Client::builder();
        let region = std::env::var(ENV_REGION)
            .ok()
            .filter(|r| !r.is_empty())
            .or_else(|| {
                ProfileProvider::default()
                    .load()
                    .ok()
                    .and_then(|p| p.region_id)
            });
        if let Some(r) = region {
            b = b.region(r);
        }
        b.build()
    }

    /// The configured region.
    pub fn region(&self) -> Option<&str> {
        self.inner.region.as_deref()
    }

    /// Resolves the endpoint and writes the parameters of `op` (filling an empty idempotency
    /// token), without signing or sending.
    pub fn prepare<O: Operation>(
        &self,
        op: &mut O,
        options: &CallOptions,
    ) -> Result<Prepared, ConfigError> {
        if let Some(slot) = op.idempotency_token() {
            if slot.as_deref().is_none_or(str::is_empty) {
                *slot = Some(uuid::Uuid::new_v4().to_string());
            }
        }
        let mut params = Params::default();
        op.write_params(&mut params);
        let target = Target {
            service: O::SERVICE,
            action: O::ACTION,
            method: O::METHOD,
        };
        let mut prepared = self.prepare_params(target, params, op.region(), options)?;
        prepared.anonymous = O::ANONYMOUS;
        Ok(prepared)
    }

    /// Resolves the endpoint for already written parameters; `request_region` (the request's
    /// own `RegionId`) wins over the client's region.
    pub fn prepare_params(
        &self,
        target: Target,
        params: Params,
        request_region: Option<&str>,
        options: &CallOptions,
    ) -> Result<Prepared, ConfigError> {
        let region = request_region.or(self.inner.region.as_deref());
        let endpoint = endpoint::resolve(
            target.service,
            options
                .endpoint
                .as_deref()
                .or(self.inner.endpoint.as_deref()),
            region,
        )?;
        Ok(Prepared {
            endpoint,
            method: target.method,
            action: target.action,
            version: target.service.version,
            params,
            anonymous: false,
        })
    }

    /// Prepares a dynamic operation; its `RegionId` parameter, if any, picks the endpoint.
    pub fn prepare_dynamic(
        &self,
        op: &DynamicOperation,
        options: &CallOptions,
    ) -> Result<Prepared, ConfigError> {
        let region = op
            .params
            .query
            .pairs()
            .iter()
            .find(|(k, _)| k == "RegionId")
            .map(|(_, v)| v.as_str());
        let mut prepared = self.prepare_params(op.target, op.params.clone(), region, options)?;
        prepared.anonymous = op.anonymous;
        Ok(prepared)
    }

    /// Signs a prepared request with the current credentials, a fresh date and nonce (an
    /// anonymous operation's request gets the date and nonce, and no credentials).
    pub fn sign(&self, prepared: &Prepared) -> Result<HttpRequest, ConfigError> {
        let credentials = if prepared.anonymous {
            None
        } else {
            Some(self.inner.credentials.credentials()?)
        };
        let nonce = uuid::Uuid::new_v4().simple().to_string();
        Ok(signed_request(
            prepared,
            credentials.as_ref(),
            &crate::time::now(),
            &nonce,
            &self.inner.user_agent,
        ))
    }

    /// Calls an operation with per-call options, returning a future that owns what it needs
    /// (`Send + 'static`: it can be spawned). Generated clients call this with a clone of
    /// the runtime client, which is cheap.
    // The signature states `Send + 'static`, which generated clients promise their callers.
    #[allow(clippy::manual_async_fn)]
    pub fn call_owned<O: Operation + 'static>(
        self,
        op: O,
        options: CallOptions,
    ) -> impl std::future::Future<Output = Result<O::Output, SdkError<O::Error>>> + Send + 'static
    where
        O::Output: 'static,
        O::Error: Send + 'static,
    {
        async move { self.call_with(op, &options).await }
    }

    /// Calls an operation with the client's settings.
    pub async fn call<O: Operation>(&self, op: O) -> Result<O::Output, SdkError<O::Error>> {
        self.call_with(op, &CallOptions::default()).await
    }

    /// Calls an operation with per-call overrides.
    pub async fn call_with<O: Operation>(
        &self,
        mut op: O,
        options: &CallOptions,
    ) -> Result<O::Output, SdkError<O::Error>> {
        let has_token = op.idempotency_token().is_some();
        let prepared = self.prepare(&mut op, options).map_err(SdkError::Config)?;
        let safe = O::IDEMPOTENT || has_token;
        self.execute(O::SERVICE, &prepared, options, safe, |r| {
            decode_response::<O>(r.status, &r.headers, &r.body)
        })
        .await
    }

    /// Calls an operation known only at run time (the `acs` CLI): the success body comes
    /// back as JSON, errors as [`UntypedError`].
    pub async fn call_dynamic(
        &self,
        op: &DynamicOperation,
        options: &CallOptions,
    ) -> Result<Value, SdkError<UntypedError>> {
        let prepared = self
            .prepare_dynamic(op, options)
            .map_err(SdkError::Config)?;
        let safe = op.idempotent || op.has_idempotency_token;
        let success_field = op.success_field;
        self.execute(op.target.service, &prepared, options, safe, |r| {
            decode_parts::<Value, UntypedError>(r.status, &r.headers, &r.body, success_field)
        })
        .await
    }

    async fn execute<T, E: ServiceError>(
        &self,
        service: &'static ServiceInfo,
        prepared: &Prepared,
        options: &CallOptions,
        safe_to_repeat: bool,
        decode: impl Fn(&HttpResponse) -> Result<T, SdkError<E>>,
    ) -> Result<T, SdkError<E>> {
        let span = tracing::info_span!(
            "acs_call",
            product = service.product,
            version = service.version,
            action = prepared.action,
            attempt = tracing::field::Empty,
            request_id = tracing::field::Empty,
        );
        self.run(prepared, options, safe_to_repeat, decode)
            .instrument(span)
            .await
    }

    /// The attempt loop. Throttling and connection failures (the request was not executed)
    /// are always retried; server errors, timeouts, broken connections and retryable codes
    /// only when `safe_to_repeat`. Every attempt is signed anew (fresh date and nonce).
    async fn run<T, E: ServiceError>(
        &self,
        prepared: &Prepared,
        options: &CallOptions,
        safe_to_repeat: bool,
        decode: impl Fn(&HttpResponse) -> Result<T, SdkError<E>>,
    ) -> Result<T, SdkError<E>> {
        let policy = options.retry.as_ref().unwrap_or(&self.inner.retry);
        let timeouts = options.timeouts.unwrap_or(self.inner.timeouts);
        let max_attempts = policy.max_attempts.max(1);
        let mut attempt = 0;
        loop {
            attempt += 1;
            tracing::Span::current().record("attempt", attempt);
            let request = self.sign(prepared).map_err(SdkError::Config)?;
            tracing::debug!(attempt, "sending request");
            let (result, retry) = match self.send(request, timeouts).await {
                Ok(response) => {
                    let result = decode(&response);
                    // The gateway's header, else what decoding found (no second body parse).
                    let request_id = response
                        .header("x-acs-request-id")
                        .or(result.as_ref().err().and_then(|e| e.request_id()));
                    if let Some(id) = request_id {
                        tracing::Span::current().record("request_id", id);
                    }
                    let retry = match &result {
                        Ok(_) => None,
                        Err(SdkError::Service(e)) => {
                            let m = e.meta();
                            (m.is_throttling() || (safe_to_repeat && e.is_retryable()))
                                .then_some(m.retry_after)
                        }
                        Err(SdkError::InvalidResponse { status, .. })
                            if *status >= 500 && safe_to_repeat =>
                        {
                            Some(None)
                        }
                        Err(_) => None,
                    };
                    (result, retry)
                }
                Err(e) => {
                    let repeatable = e.not_sent()
                        || (safe_to_repeat && !matches!(e, TransportError::BodyTooLarge { .. }));
                    let err = match e {
                        TransportError::Timeout(m) => SdkError::Timeout {
                            attempts: attempt,
                            message: m,
                        },
                        other => SdkError::Transport {
                            attempts: attempt,
                            message: other.to_string(),
                        },
                    };
                    (Err(err), repeatable.then_some(None))
                }
            };
            match (result, retry) {
                (Ok(out), _) => return Ok(out),
                (Err(e), Some(retry_after)) if attempt < max_attempts => {
                    let delay = policy.delay(attempt, retry_after);
                    tracing::warn!(attempt, delay_ms = delay.as_millis() as u64, error = %ErrorSummary(&e), "retrying");
                    tokio::time::sleep(delay).await;
                }
                (Err(e), _) => return Err(e),
            }
        }
    }

    async fn send(
        &self,
        request: HttpRequest,
        timeouts: Timeouts,
    ) -> Result<HttpResponse, TransportError> {
        // The transport enforces the timeouts; this bound also holds for custom transports.
        let limit = timeouts.connect + timeouts.read + Duration::from_millis(250);
        match tokio::time::timeout(
            limit,
            self.inner
                .transport
                .send(request, timeouts, self.inner.max_body_bytes),
        )
        .await
        {
            Ok(r) => r,
            Err(_) => Err(TransportError::Timeout(format!(
                "no response within {} ms",
                limit.as_millis()
            ))),
        }
    }
}

/// Error text for logs: code and request id, never the body.
struct ErrorSummary<'a, E>(&'a SdkError<E>);

impl<E: ServiceError> fmt::Display for ErrorSummary<'_, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            SdkError::Service(e) => write!(f, "{} (HTTP {})", e.meta().code, e.meta().http_status),
            SdkError::InvalidResponse { status, .. } => {
                write!(f, "invalid response (HTTP {status})")
            }
            SdkError::Timeout { .. } => f.write_str("timeout"),
            SdkError::Transport { message, .. } => write!(f, "transport: {message}"),
            SdkError::Config(e) => write!(f, "config: {e}"),
        }
    }
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

fn field(v: &Value, names: &[&str]) -> Option<String> {
    names
        .iter()
        .find_map(|n| v.get(*n))
        .and_then(<String as Lenient>::from_json)
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
/// `Recommend`, `AccessDeniedDetail`, or their lowercase spellings).
pub fn error_meta(v: &Value, http_status: u16, retry_after: Option<Duration>) -> Option<ErrorMeta> {
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
    let (mut output, body_request_id) =
        decode_body::<O::Output, O::Error>(status, headers, body, O::SUCCESS_FIELD)?;
    let request_id = header(headers, "x-acs-request-id")
        .map(str::to_string)
        .or(body_request_id);
    crate::HasMeta::set_meta(
        &mut output,
        crate::ResponseMeta::new(status, headers.to_vec(), request_id),
    );
    Ok(output)
}

/// [`decode_response`] for any output and error type (no metadata attached).
pub fn decode_parts<T: FromJson, E: ServiceError>(
    status: u16,
    headers: &[(String, String)],
    body: &[u8],
    success_field: Option<&str>,
) -> Result<T, SdkError<E>> {
    decode_body(status, headers, body, success_field).map(|(t, _)| t)
}

/// Decodes a body into `T` (with the body's `RequestId`, if any) or the error it holds.
fn decode_body<T: FromJson, E: ServiceError>(
    status: u16,
    headers: &[(String, String)],
    body: &[u8],
    success_field: Option<&str>,
) -> Result<(T, Option<String>), SdkError<E>> {
    let retry_after = header(headers, "x-acs-retry-after")
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map(Duration::from_millis);
    let json: Option<Value> = serde_json::from_slice(body).ok();
    let invalid = |request_id: Option<String>, reason: String| SdkError::InvalidResponse {
        status,
        request_id,
        reason,
        excerpt: excerpt(body),
    };
    let Some(v) = json else {
        return Err(invalid(
            header(headers, "x-acs-request-id").map(str::to_string),
            "the body is not JSON".into(),
        ));
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
        return match T::from_json(&v) {
            Ok(t) => Ok((t, request_id)),
            Err(e) => Err(invalid(
                request_id,
                format!("unexpected response shape: {e}"),
            )),
        };
    }
    match error_meta(&v, status, retry_after) {
        Some(meta) => Err(SdkError::Service(E::from_meta(meta))),
        None => Err(invalid(
            field(&v, &["RequestId", "requestId"]),
            "an error response without an error code".into(),
        )),
    }
}

/// The error of a [`DynamicOperation`]: the service's error metadata, untyped.
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

/// Where an operation goes: product version, action and method.
#[derive(Clone, Copy, Debug)]
pub struct Target {
    pub service: &'static ServiceInfo,
    pub action: &'static str,
    pub method: Method,
}

/// An operation assembled at run time from parameter pairs (the `acs` CLI).
#[derive(Clone, Debug)]
pub struct DynamicOperation {
    pub target: Target,
    pub params: Params,
    /// Repeating the call is harmless.
    pub idempotent: bool,
    /// The operation has an idempotency token (already filled in `params`).
    pub has_idempotency_token: bool,
    pub success_field: Option<&'static str>,
    /// Sent unsigned, without credentials.
    pub anonymous: bool,
}
