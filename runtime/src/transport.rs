//! The HTTP layer behind a small trait, so users can plug their own client or a test
//! double. The default is reqwest with rustls (feature `reqwest`).

use crate::body::{Body, ByteStream};
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

/// A boxed, sendable future.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Connect and read timeouts (the official SDKs' defaults: 5 s and 10 s).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Timeouts {
    /// Time to establish the connection (TCP and TLS).
    pub connect: Duration,
    /// Time from sending the request to the end of the response body.
    pub read: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Timeouts {
            connect: Duration::from_secs(5),
            read: Duration::from_secs(10),
        }
    }
}

/// A request ready to send.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpRequest {
    /// The HTTP method.
    pub method: &'static str,
    /// Full URL with the query string.
    pub url: String,
    /// The headers, names in lower case.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

/// A complete response.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HttpResponse {
    /// The HTTP status.
    pub status: u16,
    /// Header names in lowercase.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

impl HttpResponse {
    /// The first value of a header (case-insensitive name).
    pub fn header(&self, name: &str) -> Option<&str> {
        header(&self.headers, name)
    }
}

/// The first value of a header (case-insensitive name).
pub fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// Why no response was received.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportError {
    /// The connection could not be established; the request was not sent.
    Connect(String),
    /// No complete response within the timeout.
    Timeout(String),
    /// The connection broke (reset, truncated body) after the request may have been sent.
    Io(String),
    /// The response body exceeded the configured limit.
    BodyTooLarge {
        /// The limit, in bytes.
        limit: usize,
    },
}

impl TransportError {
    /// Whether the request certainly did not reach the server.
    pub fn not_sent(&self) -> bool {
        matches!(self, TransportError::Connect(_))
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TransportError::Connect(m) => write!(f, "connection failed: {m}"),
            TransportError::Timeout(m) => write!(f, "timed out: {m}"),
            TransportError::Io(m) => write!(f, "connection error: {m}"),
            TransportError::BodyTooLarge { limit } => {
                write!(f, "response body larger than {limit} bytes")
            }
        }
    }
}

impl std::error::Error for TransportError {}

/// A response whose body is read as it arrives (a download).
#[derive(Debug)]
pub struct StreamingResponse {
    /// The HTTP status.
    pub status: u16,
    /// Header names in lowercase.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: ByteStream,
}

/// Sends requests. Implementations must respect the timeouts and the body limit.
///
/// Streaming is optional: the provided [`send_upload`](Transport::send_upload) reads an
/// upload whole before [`send`](Transport::send)ing it, and the provided
/// [`send_streaming`](Transport::send_streaming) reads the answer whole; the default
/// transport streams both.
pub trait Transport: Send + Sync + fmt::Debug {
    /// Sends `request`; the answer, or why there is none.
    fn send(
        &self,
        request: HttpRequest,
        timeouts: Timeouts,
        max_body_bytes: usize,
    ) -> BoxFuture<'_, Result<HttpResponse, TransportError>>;

    /// Sends `request` with `upload` as its body (with its `content-length`), read as it is
    /// sent.
    fn send_upload(
        &self,
        mut request: HttpRequest,
        upload: Body,
        timeouts: Timeouts,
        max_body_bytes: usize,
    ) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        Box::pin(async move {
            request.body = upload
                .collect()
                .await
                .map_err(|e| TransportError::Io(format!("reading the request body: {e}")))?;
            self.send(request, timeouts, max_body_bytes).await
        })
    }

    /// Sends `request` (with `upload` as its body, if any); the answer's body is read as it
    /// arrives, each chunk within the read timeout.
    fn send_streaming(
        &self,
        request: HttpRequest,
        upload: Option<Body>,
        timeouts: Timeouts,
    ) -> BoxFuture<'_, Result<StreamingResponse, TransportError>> {
        Box::pin(async move {
            let r = match upload {
                Some(u) => self.send_upload(request, u, timeouts, usize::MAX).await?,
                None => self.send(request, timeouts, usize::MAX).await?,
            };
            Ok(StreamingResponse {
                body: ByteStream::from_bytes(r.body, &r.headers),
                status: r.status,
                headers: r.headers,
            })
        })
    }
}

/// Sends `request` with `transport`, bounded in time even for a transport that ignores the
/// timeouts: no response within connect + read (+ 250 ms) is a [`TransportError::Timeout`].
pub async fn send_within(
    transport: &dyn Transport,
    request: HttpRequest,
    timeouts: Timeouts,
    max_body_bytes: usize,
) -> Result<HttpResponse, TransportError> {
    let limit = timeouts.connect + timeouts.read + Duration::from_millis(250);
    match tokio::time::timeout(limit, transport.send(request, timeouts, max_body_bytes)).await {
        Ok(r) => r,
        Err(_) => Err(TransportError::Timeout(format!(
            "no response within {} ms",
            limit.as_millis()
        ))),
    }
}

/// The default transport: reqwest over rustls.
/// The transport a client uses when none is given: [`ReqwestTransport`] (feature `reqwest`).
#[cfg(feature = "reqwest")]
pub(crate) fn default_transport(
    connect: Duration,
) -> Result<std::sync::Arc<dyn Transport>, crate::error::ConfigError> {
    ReqwestTransport::new(connect)
        .map(|t| std::sync::Arc::new(t) as std::sync::Arc<dyn Transport>)
        .map_err(|e| {
            crate::error::ConfigError::InvalidEndpoint(format!(
                "cannot create the HTTPS client: {e}"
            ))
        })
}

#[cfg(not(feature = "reqwest"))]
pub(crate) fn default_transport(
    _: Duration,
) -> Result<std::sync::Arc<dyn Transport>, crate::error::ConfigError> {
    Err(crate::error::ConfigError::InvalidEndpoint(
        "no transport: enable the `reqwest` feature or pass one with ClientBuilder::transport"
            .into(),
    ))
}

#[cfg(feature = "reqwest")]
#[derive(Clone, Debug)]
/// The default transport: reqwest with rustls.
pub struct ReqwestTransport {
    client: reqwest::Client,
}

#[cfg(feature = "reqwest")]
impl ReqwestTransport {
    /// A transport whose connections time out after `connect_timeout`.
    pub fn new(connect_timeout: Duration) -> Result<Self, TransportError> {
        let client = reqwest::Client::builder()
            .connect_timeout(connect_timeout)
            .use_rustls_tls()
            .redirect(reqwest::redirect::Policy::none())
            .dns_resolver(std::sync::Arc::new(LocalhostAware))
            .build()
            .map_err(|e| TransportError::Connect(e.to_string()))?;
        Ok(ReqwestTransport { client })
    }

    /// Sends the request (its body, or `upload` read as it is sent) and returns the response
    /// before its body. A call with a body of its own (an upload) or a streamed answer has
    /// no overall deadline, only the connect timeout and the read timeout between chunks.
    async fn start(
        &self,
        request: HttpRequest,
        upload: Option<Body>,
        timeouts: Timeouts,
        whole: bool,
    ) -> Result<reqwest::Response, TransportError> {
        let method = reqwest::Method::from_bytes(request.method.as_bytes())
            .map_err(|_| TransportError::Connect(format!("invalid method `{}`", request.method)))?;
        let mut builder = self.client.request(method, &request.url);
        if whole && upload.is_none() {
            builder = builder.timeout(timeouts.read + timeouts.connect);
        }
        for (k, v) in &request.headers {
            builder = builder.header(k.as_str(), v.as_str());
        }
        let builder = match upload {
            Some(body) => {
                let len = body.len();
                let chunks = body
                    .chunks()
                    .map_err(|e| TransportError::Connect(format!("the request body: {e}")))?;
                builder
                    .header("content-length", len.to_string())
                    .body(reqwest::Body::wrap_stream(chunks))
            }
            None => builder.body(request.body),
        };
        builder.send().await.map_err(classify)
    }

    async fn send_inner(
        &self,
        request: HttpRequest,
        upload: Option<Body>,
        timeouts: Timeouts,
        max_body: usize,
    ) -> Result<HttpResponse, TransportError> {
        let mut response = self.start(request, upload, timeouts, true).await?;
        let status = response.status().as_u16();
        let headers = response_headers(&response);
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(classify)? {
            if body.len() + chunk.len() > max_body {
                return Err(TransportError::BodyTooLarge { limit: max_body });
            }
            body.extend_from_slice(&chunk);
        }
        Ok(HttpResponse {
            status,
            headers,
            body,
        })
    }
}

/// The system's resolver, except that every `*.localhost` name is the loopback address, as
/// RFC 6761 (section 6.3) asks of name resolution libraries and curl does: a virtual-hosted
/// bucket at a local endpoint (`examplebucket.localhost:8080`) reaches it wherever the system
/// resolver does not know such names.
#[cfg(feature = "reqwest")]
struct LocalhostAware;

#[cfg(feature = "reqwest")]
impl reqwest::dns::Resolve for LocalhostAware {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let host = name.as_str().trim_end_matches('.').to_ascii_lowercase();
        Box::pin(async move {
            if host == "localhost" || host.ends_with(".localhost") {
                let loopback = std::net::SocketAddr::from(([127, 0, 0, 1], 0));
                return Ok(Box::new(std::iter::once(loopback)) as reqwest::dns::Addrs);
            }
            let found = tokio::net::lookup_host((host.as_str(), 0)).await?;
            Ok(Box::new(found.collect::<Vec<_>>().into_iter()) as reqwest::dns::Addrs)
        })
    }
}

#[cfg(feature = "reqwest")]
fn classify(e: reqwest::Error) -> TransportError {
    // reqwest's messages name the URL, which carries no secret (signatures are in headers).
    let message = {
        use std::error::Error;
        let mut m = e.to_string();
        let mut source = e.source();
        while let Some(s) = source {
            m.push_str(": ");
            m.push_str(&s.to_string());
            source = s.source();
        }
        m
    };
    if e.is_timeout() {
        TransportError::Timeout(message)
    } else if e.is_connect() {
        TransportError::Connect(message)
    } else {
        TransportError::Io(message)
    }
}

#[cfg(feature = "reqwest")]
impl Transport for ReqwestTransport {
    fn send(
        &self,
        request: HttpRequest,
        timeouts: Timeouts,
        max_body_bytes: usize,
    ) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        Box::pin(self.send_inner(request, None, timeouts, max_body_bytes))
    }

    fn send_upload(
        &self,
        request: HttpRequest,
        upload: Body,
        timeouts: Timeouts,
        max_body_bytes: usize,
    ) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        Box::pin(self.send_inner(request, Some(upload), timeouts, max_body_bytes))
    }

    fn send_streaming(
        &self,
        request: HttpRequest,
        upload: Option<Body>,
        timeouts: Timeouts,
    ) -> BoxFuture<'_, Result<StreamingResponse, TransportError>> {
        Box::pin(async move {
            let response = self.start(request, upload, timeouts, false).await?;
            let status = response.status().as_u16();
            let headers = response_headers(&response);
            let chunks = Chunks {
                inner: Box::pin(response.bytes_stream()),
                idle: timeouts.read,
                deadline: Box::pin(tokio::time::sleep(timeouts.read)),
            };
            Ok(StreamingResponse {
                body: ByteStream::new(Box::pin(chunks), &headers),
                status,
                headers,
            })
        })
    }
}

/// A response's headers, names in lower case.
#[cfg(feature = "reqwest")]
fn response_headers(response: &reqwest::Response) -> Vec<(String, String)> {
    response
        .headers()
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().to_string(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect()
}

/// A streamed answer's chunks, each within the read timeout of the one before.
#[cfg(feature = "reqwest")]
struct Chunks {
    inner:
        std::pin::Pin<Box<dyn futures_core::Stream<Item = reqwest::Result<bytes::Bytes>> + Send>>,
    idle: Duration,
    deadline: std::pin::Pin<Box<tokio::time::Sleep>>,
}

#[cfg(feature = "reqwest")]
impl futures_core::Stream for Chunks {
    type Item = std::io::Result<Vec<u8>>;
    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        use std::task::Poll;
        match self.inner.as_mut().poll_next(cx) {
            Poll::Ready(Some(Ok(chunk))) => {
                let next = tokio::time::Instant::now() + self.idle;
                self.deadline.as_mut().reset(next);
                Poll::Ready(Some(Ok(chunk.to_vec())))
            }
            Poll::Ready(Some(Err(e))) => {
                Poll::Ready(Some(Err(std::io::Error::other(classify(e).to_string()))))
            }
            Poll::Ready(None) => Poll::Ready(None),
            Poll::Pending => match self.deadline.as_mut().poll(cx) {
                Poll::Ready(()) => Poll::Ready(Some(Err(std::io::Error::new(
                    std::io::ErrorKind::TimedOut,
                    format!("no data for {} ms", self.idle.as_millis()),
                )))),
                Poll::Pending => Poll::Pending,
            },
        }
    }
}
