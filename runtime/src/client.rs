//! One call, the way Alibaba's official SDKs make it: parameters into the query string,
//! V3 signature headers, HTTPS, retries with backoff, and the response decoded into the
//! operation's output or its typed error.

use crate::credentials::{Credentials, ProvideCredentials};
use crate::decode::{decode_dynamic, decode_response, DynamicBody, UntypedError};
use crate::endpoint::{self, Network};
use crate::error::{ConfigError, SdkError, ServiceError};
use crate::hook::{Hook, RequestView, ResponseView};
use crate::operation::ServiceInfo;
use crate::operation::{BodyKind, Method, Operation};
use crate::params::Params;
use crate::request::Prepared;
use crate::retry::RetryPolicy;
use crate::transport::{HttpRequest, HttpResponse, Timeouts, Transport, TransportError};
use std::fmt;
use std::sync::Arc;
use tracing::Instrument;

/// Per-call overrides of the client's settings.
#[derive(Clone, Debug, Default)]
pub struct CallOptions {
    /// Connect and read timeouts for this call.
    pub timeouts: Option<Timeouts>,
    /// The retry policy for this call.
    pub retry: Option<RetryPolicy>,
    /// Endpoint for this call (`https://host` or `http://127.0.0.1:8080`).
    pub endpoint: Option<String>,
    /// Query parameters added to this call, after the client's (signed like the others).
    pub extra_query: Vec<(String, String)>,
    /// Headers added to this call, after the client's (an `x-acs-*` one is signed).
    pub extra_headers: Vec<(String, String)>,
    /// Reports an upload's progress as its body is sent.
    pub progress: Option<crate::body::Progress>,
}

/// Default limit of a response body.
pub const DEFAULT_MAX_BODY_BYTES: usize = 10 * 1024 * 1024;

/// Environment variable of the default region.
pub const ENV_REGION: &str = "ALIBABA_CLOUD_REGION_ID";

pub(crate) struct Inner {
    pub(crate) credentials: Arc<dyn ProvideCredentials>,
    pub(crate) region: Option<String>,
    pub(crate) endpoint: Option<String>,
    /// Per product, by [`product_key`](crate::endpoint::product_key).
    pub(crate) product_endpoints: Vec<(String, String)>,
    pub(crate) network: Network,
    pub(crate) extra_query: Vec<(String, String)>,
    pub(crate) extra_headers: Vec<(String, String)>,
    pub(crate) hook: Option<Arc<dyn Hook>>,
    pub(crate) retry: RetryPolicy,
    pub(crate) timeouts: Timeouts,
    pub(crate) max_body_bytes: usize,
    pub(crate) transport: Arc<dyn Transport>,
    pub(crate) user_agent: String,
}

/// Settings, credentials and transport shared by every generated client. Cheap to clone.
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<Inner>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("credentials", &self.inner.credentials)
            .field("region", &self.inner.region)
            .field("endpoint", &self.inner.endpoint)
            .field("product_endpoints", &self.inner.product_endpoints)
            .field("network", &self.inner.network)
            .field("hook", &self.inner.hook)
            .field("retry", &self.inner.retry)
            .field("timeouts", &self.inner.timeouts)
            .finish_non_exhaustive()
    }
}

impl Client {
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
            path: O::PATH,
        };
        let mut prepared = self.prepare_params(target, params, op.region(), options)?;
        prepared.anonymous = O::ANONYMOUS && signs_anonymous(O::SERVICE.protocol);
        Ok(prepared)
    }

    /// Resolves the endpoint for already written parameters; `request_region` (the request's
    /// own `RegionId`) wins over the client's region.
    pub(crate) fn prepare_params(
        &self,
        target: Target,
        params: Params,
        request_region: Option<&str>,
        options: &CallOptions,
    ) -> Result<Prepared, ConfigError> {
        let region = request_region.or(self.inner.region.as_deref());
        let product = crate::endpoint::product_key(target.service.product);
        let product_endpoint = self
            .inner
            .product_endpoints
            .iter()
            .rev()
            .find(|(p, _)| *p == product)
            .map(|(_, e)| e.as_str());
        let endpoint = endpoint::resolve(
            target.service,
            options
                .endpoint
                .as_deref()
                .or(product_endpoint)
                .or(self.inner.endpoint.as_deref()),
            region,
            &self.inner.network,
        )?;
        let mut params = params;
        for (k, v) in self.inner.extra_query.iter().chain(&options.extra_query) {
            params.query.push(k, v.as_str());
        }
        for (k, v) in self
            .inner
            .extra_headers
            .iter()
            .chain(&options.extra_headers)
        {
            params.headers.push(k, v.as_str());
        }
        let protocol = target.service.protocol;
        let (path, resource) = crate::request::paths(protocol, target.path, &mut params);
        Ok(Prepared {
            endpoint,
            method: target.method,
            protocol,
            path,
            resource,
            region: region.or(target.service.default_region).map(str::to_string),
            action: target.action,
            version: target.service.version,
            params,
            anonymous: false,
        })
    }

    /// Prepares a dynamic operation; its `RegionId` parameter, if any, picks the endpoint.
    pub(crate) fn prepare_dynamic(
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
        prepared.anonymous = op.anonymous && signs_anonymous(op.target.service.protocol);
        Ok(prepared)
    }

    /// The credentials a prepared request is signed with (none for an anonymous one).
    pub(crate) async fn credentials_for(
        &self,
        prepared: &Prepared,
    ) -> Result<Option<Credentials>, ConfigError> {
        if prepared.anonymous {
            return Ok(None);
        }
        self.inner.credentials.provide_credentials().await.map(Some)
    }

    /// Signs a prepared request with the current credentials, a fresh date and nonce (an
    /// anonymous operation's request gets the date and nonce, and no credentials).
    pub async fn sign(&self, prepared: &Prepared) -> Result<HttpRequest, ConfigError> {
        let credentials = self.credentials_for(prepared).await?;
        Ok(self.sign_with(prepared, credentials.as_ref()))
    }

    /// Signs with given credentials, a fresh date and nonce, as the request's gateway checks.
    pub fn sign_with(&self, prepared: &Prepared, credentials: Option<&Credentials>) -> HttpRequest {
        let nonce = uuid::Uuid::new_v4().simple().to_string();
        let stamp = crate::protocol::Stamp {
            now: crate::time::now_secs(),
            nonce: &nonce,
            user_agent: &self.inner.user_agent,
        };
        crate::protocol::signer(prepared.protocol).sign(prepared, credentials, &stamp)
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

    /// A call's prepared request, and whether repeating it is harmless (the operation is
    /// idempotent or carries an idempotency token), which decides what is retried.
    pub(crate) fn prepare_call<O: Operation, E>(
        &self,
        op: &mut O,
        options: &CallOptions,
    ) -> Result<(Prepared, bool), SdkError<E>> {
        let has_token = op.idempotency_token().is_some();
        let prepared = self.prepare(op, options).map_err(SdkError::Config)?;
        Ok((prepared, O::IDEMPOTENT || has_token))
    }

    /// Calls an operation with per-call overrides.
    pub async fn call_with<O: Operation>(
        &self,
        mut op: O,
        options: &CallOptions,
    ) -> Result<O::Output, SdkError<O::Error>> {
        let (prepared, safe) = self.prepare_call(&mut op, options)?;
        self.execute(O::SERVICE, &prepared, options, safe, |r| {
            decode_response::<O>(r.status, &r.headers, &r.body)
        })
        .await
    }

    /// Calls an operation known only at run time (the `acs` CLI): the success body comes
    /// back as its kind says (JSON, text, bytes or nothing), errors as [`UntypedError`].
    pub async fn call_dynamic(
        &self,
        op: &DynamicOperation,
        options: &CallOptions,
    ) -> Result<DynamicBody, SdkError<UntypedError>> {
        let prepared = self
            .prepare_dynamic(op, options)
            .map_err(SdkError::Config)?;
        let safe = op.safe_to_repeat();
        let (success_field, kind, headers) = (op.success_field, op.output, op.response_headers);
        self.execute(op.target.service, &prepared, options, safe, |r| {
            decode_dynamic(r.status, &r.headers, &r.body, success_field, kind, headers)
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
        let Some(hook) = &self.inner.hook else {
            return self
                .run(prepared, options, safe_to_repeat, decode)
                .instrument(span)
                .await;
        };
        let mut prepared = prepared.clone();
        hook.before_signing(&mut RequestView {
            prepared: &mut prepared,
        });
        let action = prepared.action;
        let seen = |r: &HttpResponse| {
            hook.before_decoding(&ResponseView {
                action,
                response: r,
            });
            decode(r)
        };
        self.run(&prepared, options, safe_to_repeat, seen)
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
            let request = self.sign(prepared).await.map_err(SdkError::Config)?;
            tracing::debug!(attempt, "sending request");
            let sent = self
                .send_attempt(
                    prepared,
                    request,
                    attempt,
                    timeouts,
                    options.progress.as_ref(),
                )
                .await;
            let (result, retry) = match sent {
                Ok(response) => {
                    let result = decode(&response);
                    // The gateway's header, else what decoding found (no second body parse).
                    let request_id = crate::decode::request_id_header(&response.headers)
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
}

/// Whether an operation marked anonymous goes unsigned through `protocol`'s gateway: Object
/// Storage and Log Service sign every request.
fn signs_anonymous(protocol: crate::operation::Protocol) -> bool {
    !matches!(
        protocol,
        crate::operation::Protocol::Oss | crate::operation::Protocol::Sls
    )
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

/// Where an operation goes: product version, action, method and path template.
#[derive(Clone, Copy, Debug)]
pub struct Target {
    /// The service's endpoints and version.
    pub service: &'static ServiceInfo,
    /// The action name.
    pub action: &'static str,
    /// The HTTP method.
    pub method: Method,
    /// `/` for RPC; see [`Operation::PATH`].
    pub path: &'static str,
}

impl DynamicOperation {
    /// Whether repeating the call is harmless (idempotent, or with an idempotency token).
    pub(crate) fn safe_to_repeat(&self) -> bool {
        self.idempotent || self.has_idempotency_token
    }
}

/// An operation assembled at run time from parameter pairs (the `acs` CLI).
#[derive(Clone, Debug)]
pub struct DynamicOperation {
    /// Where the call goes.
    pub target: Target,
    /// Its parameters, written.
    pub params: Params,
    /// Repeating the call is harmless.
    pub idempotent: bool,
    /// The operation has an idempotency token (already filled in `params`).
    pub has_idempotency_token: bool,
    /// The body field whose `false` makes a 200 answer an error.
    pub success_field: Option<&'static str>,
    /// Sent unsigned, without credentials.
    pub anonymous: bool,
    /// What the success body holds.
    pub output: BodyKind,
    /// The response headers the output has fields for, read as members of the body object.
    pub response_headers: &'static [&'static str],
}
