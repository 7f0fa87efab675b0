//! Error types: the metadata every service error carries, the trait generated error enums
//! implement, and [`SdkError`], the error of a call.

use std::fmt;
use std::time::Duration;

/// What the service said about an error.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ErrorMeta {
    /// Error code (`InvalidInstance`, `Throttling.User`).
    pub code: String,
    /// Error message.
    pub message: String,
    /// The gateway's request ID.
    pub request_id: Option<String>,
    /// The host that answered, when the answer says.
    pub host_id: Option<String>,
    /// Diagnosis link.
    pub recommend: Option<String>,
    /// RAM access-denied detail, as JSON text.
    pub access_denied_detail: Option<String>,
    /// HTTP status of the response (200 for a `"Success": false` body).
    pub http_status: u16,
    /// Wait the server asked for (`x-acs-retry-after`), which also marks throttling.
    pub retry_after: Option<Duration>,
}

impl ErrorMeta {
    /// Metadata with a code and message (for tests and test doubles).
    pub fn new(http_status: u16, code: impl Into<String>, message: impl Into<String>) -> Self {
        ErrorMeta {
            code: code.into(),
            message: message.into(),
            http_status,
            ..Default::default()
        }
    }

    /// The retry rule: retrying may succeed when the spec marks the code retryable
    /// (`documented`), when the request was throttled, or on a server error.
    pub fn is_retryable(&self, documented: bool) -> bool {
        documented || self.is_throttling() || self.http_status >= 500
    }

    /// Whether the code or headers say the request was throttled.
    pub fn is_throttling(&self) -> bool {
        self.retry_after.is_some() || self.http_status == 429 || self.code.starts_with("Throttling")
    }
}

impl fmt::Display for ErrorMeta {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} (HTTP {}",
            self.code, self.message, self.http_status
        )?;
        if let Some(id) = &self.request_id {
            write!(f, ", request id {id}")?;
        }
        f.write_str(")")
    }
}

/// An error an operation does not document, or that is not a service error at all
/// ([`SdkError::into_service_error`]). Opaque, as in the AWS SDK: read it through `code()`,
/// `message()` and `meta()`, never by matching a code that may be documented later.
#[derive(Debug)]
pub struct Unhandled(Box<ErrorMeta>);

impl Unhandled {
    #[doc(hidden)]
    pub fn __new(meta: ErrorMeta) -> Self {
        Unhandled(Box::new(meta))
    }

    /// The error's metadata.
    pub fn meta(&self) -> &ErrorMeta {
        &self.0
    }
}

/// Implemented by every generated per-operation error enum (through [`crate::service_error!`]).
///
/// Its provided methods are the metadata accessors of every such enum (`code()`,
/// `message()`, `request_id()`, ...), as `ProvideErrorMetadata` is in the AWS SDK: bring the
/// trait into scope (`use acs_runtime::ServiceError;`, or the generated crate's prelude) to
/// call them. They are defined once here rather than on each of thousands of enums, which
/// keeps the generated crates cheaper to compile.
pub trait ServiceError: Sized + fmt::Debug + fmt::Display + Send + Sync + 'static {
    /// The common gateway codes this enum holds in its `Common` variant (those the
    /// operation does not document itself).
    const COMMON_CODES: &'static [&'static str] = &[];
    /// The variant for `meta.code`, or `Unhandled`.
    #[doc(hidden)]
    fn from_meta(meta: ErrorMeta) -> Self;
    /// The `Unhandled` variant, whatever the code.
    #[doc(hidden)]
    fn unhandled(meta: ErrorMeta) -> Self;
    /// All metadata of the error.
    fn meta(&self) -> &ErrorMeta;
    /// Whether the spec marks this code retryable.
    fn documented_retryable(&self) -> bool;
    /// Whether retrying may succeed: documented retryable codes, throttling, server errors.
    fn is_retryable(&self) -> bool {
        self.meta().is_retryable(self.documented_retryable())
    }
    /// The error code as the service sent it.
    fn code(&self) -> &str {
        &self.meta().code
    }
    /// The error message as the service sent it.
    fn message(&self) -> &str {
        &self.meta().message
    }
    /// The request ID, for Alibaba Cloud support.
    fn request_id(&self) -> Option<&str> {
        self.meta().request_id.as_deref()
    }
    /// The host ID (the site that served the request).
    fn host_id(&self) -> Option<&str> {
        self.meta().host_id.as_deref()
    }
    /// The diagnosis link the service recommends.
    fn recommend(&self) -> Option<&str> {
        self.meta().recommend.as_deref()
    }
    /// The RAM access-denied detail (JSON text), on authorization failures.
    fn access_denied_detail(&self) -> Option<&str> {
        self.meta().access_denied_detail.as_deref()
    }
    /// The HTTP status of the response.
    fn http_status(&self) -> u16 {
        self.meta().http_status
    }
}

/// A configuration problem found before anything is sent.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ConfigError {
    /// No region was given and the service has no default one.
    NoRegion {
        /// The product.
        product: String,
    },
    /// The service has no endpoint for the region.
    UnknownRegion {
        /// The product.
        product: String,
        /// The region asked for.
        region: String,
        /// The regions it has endpoints for.
        known: Vec<String>,
    },
    /// A region that cannot be part of a host name.
    InvalidRegion(String),
    /// An endpoint override that is not a URL or host.
    InvalidEndpoint(String),
    /// No credentials could be found or loaded.
    Credentials(String),
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::NoRegion { product } => write!(f, "no region given for {product}, which has no default region; set one on the client or with ALIBABA_CLOUD_REGION_ID"),
            ConfigError::UnknownRegion { product, region, known } => write!(f, "{product} has no endpoint for region `{region}`; known regions: {}", known.join(", ")),
            ConfigError::InvalidRegion(r) => write!(f, "invalid region `{r}`: a region is lowercase letters, digits and `-`"),
            ConfigError::InvalidEndpoint(e) => write!(f, "invalid endpoint `{e}`: expected a host or an http(s) URL"),
            ConfigError::Credentials(m) => write!(f, "credentials: {m}"),
        }
    }
}

impl std::error::Error for ConfigError {}

/// The error of a call: the service's answer as the operation's typed error, or what kept
/// the call from getting one.
#[derive(Debug)]
#[non_exhaustive]
pub enum SdkError<E> {
    /// The service answered with an error code (a documented variant or `Unhandled`).
    Service(E),
    /// The response could not be understood: not JSON (an HTML page from a proxy), or not the
    /// documented shape. Carries a bounded excerpt of the body.
    InvalidResponse {
        /// The HTTP status.
        status: u16,
        /// The request ID, when the answer gave one.
        request_id: Option<String>,
        /// What could not be understood.
        reason: String,
        /// The start of the body.
        excerpt: String,
    },
    /// No complete response within the timeout, after `attempts` attempts.
    Timeout {
        /// How many attempts were made.
        attempts: u32,
        /// The last attempt's error.
        message: String,
    },
    /// The connection failed or broke, after `attempts` attempts.
    Transport {
        /// How many attempts were made.
        attempts: u32,
        /// The last attempt's error.
        message: String,
    },
    /// Nothing was sent: the client is misconfigured.
    Config(ConfigError),
}

impl<E: ServiceError> SdkError<E> {
    /// The service error, if the service answered with one.
    pub fn as_service(&self) -> Option<&E> {
        match self {
            SdkError::Service(e) => Some(e),
            _ => None,
        }
    }

    /// The service error, if the service answered with one.
    pub fn into_service(self) -> Option<E> {
        match self {
            SdkError::Service(e) => Some(e),
            _ => None,
        }
    }

    /// The service error; any other error becomes the operation's `Unhandled` variant, with
    /// what is known of it (HTTP status, request ID, and the error's text as its message).
    pub fn into_service_error(self) -> E {
        match self {
            SdkError::Service(e) => e,
            other => {
                let meta = ErrorMeta {
                    message: other.to_string(),
                    request_id: other.request_id().map(str::to_string),
                    http_status: other.http_status().unwrap_or(0),
                    ..Default::default()
                };
                E::unhandled(meta)
            }
        }
    }

    /// The error code, for service errors.
    pub fn code(&self) -> Option<&str> {
        self.as_service().map(|e| e.meta().code.as_str())
    }

    /// The service's error message, or what went wrong otherwise (`None` for a
    /// configuration error, whose `Display` says it).
    pub fn message(&self) -> Option<&str> {
        match self {
            SdkError::Service(e) => Some(e.meta().message.as_str()),
            SdkError::InvalidResponse { reason, .. } => Some(reason),
            SdkError::Timeout { message, .. } | SdkError::Transport { message, .. } => {
                Some(message)
            }
            SdkError::Config(_) => None,
        }
    }

    /// The HTTP status, when a response arrived.
    pub fn http_status(&self) -> Option<u16> {
        match self {
            SdkError::Service(e) => Some(e.meta().http_status),
            SdkError::InvalidResponse { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// Whether trying again may succeed: retryable service errors (throttling, server
    /// errors, codes the spec marks retryable), timeouts, broken connections, 5xx answers
    /// that were not understood. Not configuration errors.
    pub fn is_retryable(&self) -> bool {
        match self {
            SdkError::Service(e) => e.is_retryable(),
            SdkError::InvalidResponse { status, .. } => *status >= 500,
            SdkError::Timeout { .. } | SdkError::Transport { .. } => true,
            SdkError::Config(_) => false,
        }
    }

    /// The request ID, when the response carried one.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            SdkError::Service(e) => e.meta().request_id.as_deref(),
            SdkError::InvalidResponse { request_id, .. } => request_id.as_deref(),
            _ => None,
        }
    }
}

impl<E: fmt::Display> fmt::Display for SdkError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SdkError::Service(e) => e.fmt(f),
            SdkError::InvalidResponse {
                status,
                reason,
                excerpt,
                ..
            } => {
                write!(
                    f,
                    "invalid response (HTTP {status}): {reason}; body starts: {excerpt:?}"
                )
            }
            SdkError::Timeout { attempts, message } => {
                write!(f, "timed out after {attempts} attempt(s): {message}")
            }
            SdkError::Transport { attempts, message } => {
                write!(f, "transport error after {attempts} attempt(s): {message}")
            }
            SdkError::Config(e) => write!(f, "configuration error: {e}"),
        }
    }
}

impl<E: fmt::Debug + fmt::Display + 'static> std::error::Error for SdkError<E>
where
    E: std::error::Error,
{
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            SdkError::Service(e) => Some(e),
            SdkError::Config(e) => Some(e),
            _ => None,
        }
    }
}
