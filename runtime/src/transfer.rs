//! Uploads and downloads: a request body sent as it is read (a file again for each retry, a
//! one-shot stream once), its CRC-64 checked against the one Object Storage computed, and an
//! answer's body handed over as a [`ByteStream`] as it arrives, its length and CRC-64 checked
//! at its end. Memory stays constant whatever the size.

use crate::body::{Body, ByteStream, ChunkStream, Crc64, Progress};
use crate::client::{CallOptions, Client, DynamicOperation};
use crate::decode::{decode_response, UntypedError};
use crate::error::{SdkError, ServiceError};
use crate::meta::ResponseMeta;
use crate::operation::{Operation, Protocol};
use crate::request::Prepared;
use crate::transport::{HttpRequest, HttpResponse, StreamingResponse, Timeouts, TransportError};
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

/// Lowest throughput an upload may keep before it times out (beside the connect and read
/// timeouts): 256 KiB/s.
pub const MIN_UPLOAD_RATE: u64 = 256 * 1024;

/// A download's answer: its metadata (status, headers, request ID) and its body.
#[derive(Debug)]
pub struct Download {
    /// The response's metadata.
    pub meta: ResponseMeta,
    /// The body, read as it arrives.
    pub body: ByteStream,
}

/// An upload's chunks as they are sent: counted, their CRC-64 kept, progress reported.
struct Tap {
    chunks: ChunkStream,
    crc: Arc<Mutex<Crc64>>,
    sent: u64,
    total: u64,
    progress: Option<Progress>,
}

impl futures_core::Stream for Tap {
    type Item = std::io::Result<Vec<u8>>;
    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let polled = self.chunks.as_mut().poll_next(cx);
        if let Poll::Ready(Some(Ok(chunk))) = &polled {
            self.crc
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .update(chunk);
            self.sent += chunk.len() as u64;
            if let Some(p) = &self.progress {
                p.report(self.sent, Some(self.total));
            }
        }
        polled
    }
}

/// The upload of one attempt: the body to send (tapped) and the CRC it will have computed.
struct Upload {
    body: Body,
    crc: Arc<Mutex<Crc64>>,
}

/// The streamed body of a prepared request, ready for attempt `attempt`: `Ok(None)` for a
/// request whose body is in memory; an error for a one-shot stream an earlier attempt took
/// (whether or not its bytes reached the server, they cannot be read again).
fn upload(
    prepared: &Prepared,
    attempt: u32,
    progress: Option<&Progress>,
) -> Result<Option<Upload>, TransportError> {
    let Some(body) = prepared.params.streamed_body() else {
        return Ok(None);
    };
    if attempt > 1 && !body.is_replayable() {
        return Err(TransportError::Io(
            "not retried: the request body is a one-shot stream, which the first attempt took (a file or bytes can be sent again)".into(),
        ));
    }
    let chunks = body
        .chunks()
        .map_err(|e| TransportError::Connect(format!("the request body: {e}")))?;
    let crc = Arc::new(Mutex::new(Crc64::new()));
    let tap = Tap {
        chunks,
        crc: crc.clone(),
        sent: 0,
        total: body.len(),
        progress: progress.cloned(),
    };
    Ok(Some(Upload {
        body: Body::from_stream(tap, body.len()),
        crc,
    }))
}

/// Checks an Object Storage upload's CRC-64 against the answer's `x-oss-hash-crc64ecma`, as
/// the OSS SDKs do by default: the bytes sent (`streamed`, else the body in memory).
fn check_upload(
    prepared: &Prepared,
    response_headers: &[(String, String)],
    status: u16,
    streamed: Option<u64>,
) -> Result<(), TransportError> {
    if prepared.protocol != Protocol::Oss || !(200..300).contains(&status) {
        return Ok(());
    }
    let Some(expected) = crate::transport::header(response_headers, "x-oss-hash-crc64ecma")
        .and_then(|v| v.trim().parse::<u64>().ok())
    else {
        return Ok(());
    };
    let computed = match (streamed, &prepared.params.payload) {
        (Some(c), _) => c,
        (None, Some(crate::params::Payload::Binary(b))) => {
            let mut crc = Crc64::new();
            crc.update(b.as_bytes().unwrap_or_default());
            crc.value()
        }
        _ => return Ok(()),
    };
    if computed == expected {
        Ok(())
    } else {
        Err(TransportError::Io(format!(
            "the upload arrived damaged: its CRC-64 is {computed}, the server's x-oss-hash-crc64ecma is {expected}"
        )))
    }
}

impl Client {
    /// Sends one attempt of a prepared request, its body streamed if it is a file or stream,
    /// and checks an Object Storage upload's CRC-64.
    pub(crate) async fn send_attempt(
        &self,
        prepared: &Prepared,
        request: HttpRequest,
        attempt: u32,
        timeouts: Timeouts,
        progress: Option<&Progress>,
    ) -> Result<HttpResponse, TransportError> {
        let transport = self.inner.transport.as_ref();
        let response = match upload(prepared, attempt, progress)? {
            None => {
                crate::transport::send_within(
                    transport,
                    request,
                    timeouts,
                    self.inner.max_body_bytes,
                )
                .await?
            }
            Some(up) => {
                let limit = upload_limit(up.body.len(), timeouts);
                let sent =
                    transport.send_upload(request, up.body, timeouts, self.inner.max_body_bytes);
                let response = tokio::time::timeout(limit, sent).await.map_err(|_| {
                    TransportError::Timeout(format!(
                        "the upload took longer than {} s",
                        limit.as_secs()
                    ))
                })??;
                let crc = up.crc.lock().unwrap_or_else(|e| e.into_inner()).value();
                check_upload(prepared, &response.headers, response.status, Some(crc))?;
                return Ok(response);
            }
        };
        check_upload(prepared, &response.headers, response.status, None)?;
        Ok(response)
    }

    /// Calls an operation whose answer is bytes (OSS `GetObject`, a PDS download) and hands
    /// its body over as it arrives: nothing is held whole. Attempts are retried as
    /// [`call`](Client::call)'s until an answer starts; an error answer is its typed error.
    pub async fn download<O: Operation>(
        &self,
        mut op: O,
        options: &CallOptions,
    ) -> Result<Download, SdkError<O::Error>> {
        let (prepared, safe) = self.prepare_call(&mut op, options)?;
        self.stream_call(&prepared, options, safe, |status, headers, body| {
            decode_response::<O>(status, headers, body).map(drop)
        })
        .await
    }

    /// [`download`](Client::download) for an operation known only at run time (the `acs`
    /// CLI).
    pub async fn download_dynamic(
        &self,
        op: &DynamicOperation,
        options: &CallOptions,
    ) -> Result<Download, SdkError<UntypedError>> {
        let prepared = self
            .prepare_dynamic(op, options)
            .map_err(SdkError::Config)?;
        let safe = op.safe_to_repeat();
        self.stream_call(&prepared, options, safe, |status, headers, body| {
            let kind = crate::operation::BodyKind::Bytes;
            crate::decode::decode_dynamic(status, headers, body, None, kind, &[]).map(drop)
        })
        .await
    }

    /// The attempt loop of a streamed answer: connection failures and throttling are
    /// retried, server errors and timeouts when `safe`; a 2xx answer is returned before its
    /// body is read, any other is read (bounded) and decoded by `decode` into its error.
    async fn stream_call<E: ServiceError>(
        &self,
        prepared: &Prepared,
        options: &CallOptions,
        safe: bool,
        decode: impl Fn(u16, &[(String, String)], &[u8]) -> Result<(), SdkError<E>>,
    ) -> Result<Download, SdkError<E>> {
        let policy = options.retry.as_ref().unwrap_or(&self.inner.retry);
        let timeouts = options.timeouts.unwrap_or(self.inner.timeouts);
        let max_attempts = policy.max_attempts.max(1);
        let mut attempt = 0;
        loop {
            attempt += 1;
            let request = self.sign(prepared).await.map_err(SdkError::Config)?;
            let up = upload(prepared, attempt, options.progress.as_ref()).map_err(|e| {
                SdkError::Transport {
                    attempts: attempt,
                    message: e.to_string(),
                }
            })?;
            let sent = self
                .inner
                .transport
                .send_streaming(request, up.map(|u| u.body), timeouts);
            let started = tokio::time::timeout(timeouts.connect + timeouts.read, sent).await;
            let (err, retry) = match started {
                Ok(Ok(StreamingResponse {
                    status,
                    headers,
                    body,
                })) if (200..300).contains(&status) => {
                    let request_id = crate::decode::request_id_header(&headers).map(str::to_string);
                    return Ok(Download {
                        meta: ResponseMeta::new(status, headers, request_id),
                        body,
                    });
                }
                Ok(Ok(r)) => {
                    let bytes = read_bounded(r.body, self.inner.max_body_bytes).await;
                    let e = decode(r.status, &r.headers, &bytes)
                        .err()
                        .unwrap_or_else(|| SdkError::InvalidResponse {
                            status: r.status,
                            request_id: None,
                            reason: "an error status with a success body".into(),
                            excerpt: crate::decode::excerpt(&bytes),
                        });
                    let retry = match &e {
                        SdkError::Service(s) => {
                            let m = s.meta();
                            (m.is_throttling() || (safe && s.is_retryable()))
                                .then_some(m.retry_after)
                        }
                        SdkError::InvalidResponse { status, .. } if *status >= 500 && safe => {
                            Some(None)
                        }
                        _ => None,
                    };
                    (e, retry)
                }
                Ok(Err(e)) => {
                    let repeatable = e.not_sent() || safe;
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
                    (err, repeatable.then_some(None))
                }
                Err(_) => (
                    SdkError::Timeout {
                        attempts: attempt,
                        message: "no answer started in time".into(),
                    },
                    safe.then_some(None),
                ),
            };
            match retry {
                Some(retry_after) if attempt < max_attempts => {
                    tokio::time::sleep(policy.delay(attempt, retry_after)).await;
                }
                _ => return Err(err),
            }
        }
    }
}

/// At most `max` bytes of a body (an error answer's).
async fn read_bounded(mut body: ByteStream, max: usize) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(Ok(chunk)) = body.next().await {
        out.extend_from_slice(&chunk);
        if out.len() >= max {
            out.truncate(max);
            break;
        }
    }
    out
}

/// How long an upload of `len` bytes may take: the connect and read timeouts, and the time
/// to send it at [`MIN_UPLOAD_RATE`].
fn upload_limit(len: u64, timeouts: Timeouts) -> Duration {
    timeouts.connect + timeouts.read + Duration::from_secs(len / MIN_UPLOAD_RATE)
}
