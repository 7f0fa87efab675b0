//! [`Gateway`]: the in-process gateway double, typed by the generated operations. Its
//! [`client`](Gateway::client) is an ordinary runtime [`Client`] whose transport is the
//! double, so generated clients use it unchanged: requests are signed, sent, checked,
//! answered and decoded as against Alibaba Cloud, without a network.

use super::engine::{Call, Engine, Fault, Outcome, Reply, Responder, Unruled, TEST_SECRET};
use super::wire::{FromWire, Route, ToBody, Wire};
use crate::builder::ClientBuilder;
use crate::client::Client;
use crate::credentials::Credentials;
use crate::error::ServiceError;
use crate::meta::HasMeta;
use crate::operation::Operation;
use crate::retry::RetryPolicy;
use crate::transport::{BoxFuture, HttpRequest, HttpResponse, Timeouts, Transport, TransportError};
use std::marker::PhantomData;
use std::sync::Arc;
use std::time::Duration;

/// The AccessKey ID of [`Gateway::client`].
pub const TEST_ACCESS_KEY_ID: &str = "testid";

/// What one call of an operation answers.
pub enum Answer<O: Operation> {
    /// A success: the typed output (its [`meta`](crate::ResponseMeta) gives the status,
    /// the request ID and extra headers, when set).
    Output(O::Output),
    /// A documented error (or any other), with its code, message and status.
    Error(O::Error),
    /// A fault of the network or the gateway.
    Fault(Fault),
    /// The spec's success example.
    Example,
}

/// An in-process Alibaba Cloud gateway for tests.
///
/// ```ignore
/// let gateway = Gateway::new();
/// let client = esa::v2024_09_10::Client::new(gateway.client());
/// gateway.on::<ReleaseInstanceRequest>().returns(ReleaseInstanceResponse::new());
/// client.release_instance(ReleaseInstanceRequest::new("i-1")).await?;
/// assert_eq!(gateway.calls::<ReleaseInstanceRequest>()[0].instance_id, "i-1");
/// ```
#[derive(Clone, Debug)]
pub struct Gateway {
    engine: Arc<Engine>,
}

impl Default for Gateway {
    fn default() -> Self {
        Gateway::new()
    }
}

impl Gateway {
    /// A gateway checking signatures with [`TEST_SECRET`]; a call of an operation without a
    /// rule is answered `NoRule` (HTTP 404), naming the operation.
    pub fn new() -> Self {
        Gateway::with_engine(Engine::new(TEST_SECRET, Unruled::Reject))
    }

    /// A gateway whose operations without a rule answer their spec's success example.
    /// Operations are known from [`register`](Gateway::register) or [`on`](Gateway::on).
    pub fn answering_examples() -> Self {
        Gateway::with_engine(Engine::new(TEST_SECRET, Unruled::Example))
    }

    /// A gateway over an engine set up by hand (another secret, say).
    pub fn with_engine(engine: Engine) -> Self {
        Gateway {
            engine: Arc::new(engine),
        }
    }

    /// The engine, shared with [`serve`](super::serve) to answer over HTTP too.
    pub fn engine(&self) -> Arc<Engine> {
        self.engine.clone()
    }

    /// Makes operations known (a generated version module's `operations()`), so calls of
    /// them are checked and, with [`answering_examples`](Gateway::answering_examples),
    /// answered without a rule.
    pub fn register(&self, routes: impl IntoIterator<Item = Route>) -> &Self {
        self.engine.register(routes);
        self
    }

    /// A client builder sending to the gateway: credentials `testid` / [`TEST_SECRET`],
    /// region `cn-hangzhou`, retries with millisecond backoff (three attempts), so that
    /// retry handling is tested fast. Endpoints resolve as against Alibaba Cloud (the host
    /// tells products apart); nothing is connected. Settings can be changed before `build()`.
    pub fn client_builder(&self) -> ClientBuilder {
        Client::builder()
            .credentials(Credentials::new(TEST_ACCESS_KEY_ID, TEST_SECRET))
            .region("cn-hangzhou")
            .retry(RetryPolicy {
                max_attempts: 3,
                base_delay: Duration::from_millis(1),
                max_delay: Duration::from_millis(5),
                max_retry_after: Duration::from_millis(5),
            })
            .transport(Arc::new(GatewayTransport {
                engine: self.engine.clone(),
            }))
    }

    /// A client sending to the gateway ([`client_builder`](Gateway::client_builder) as it
    /// is); wrap it in a generated client: `esa::v2024_09_10::Client::new(gateway.client())`.
    pub fn client(&self) -> Client {
        self.client_builder()
            .build()
            .expect("the gateway's client settings are complete")
    }

    /// Sets what operation `O` answers, replacing its earlier rule. Each answer added
    /// answers one call, in order; the last one answers every call after it.
    pub fn on<O: FromWire + 'static>(&self) -> Rule<'_, O>
    where
        O::Output: ToBody,
    {
        self.engine.register([Route::of::<O>()]);
        self.engine.set_rule(
            O::SERVICE.product,
            O::SERVICE.version,
            O::ACTION,
            Vec::new(),
        );
        Rule {
            gateway: self,
            _op: PhantomData,
        }
    }

    /// The requests of `O` the gateway accepted, read back into the request type, in order.
    pub fn calls<O: FromWire>(&self) -> Vec<O> {
        self.engine
            .calls_of(O::SERVICE.product, O::SERVICE.version, O::ACTION)
            .iter()
            .filter_map(|c| O::from_wire(&c.wire).ok())
            .collect()
    }

    /// Every accepted call, of any operation, as it arrived.
    pub fn requests(&self) -> Vec<Call> {
        self.engine.calls()
    }

    /// Forgets the recorded calls (and the nonces seen); rules stay.
    pub fn clear_calls(&self) {
        self.engine.clear_calls();
    }
}

/// The answers of one operation, added in order ([`Gateway::on`]).
pub struct Rule<'a, O> {
    gateway: &'a Gateway,
    _op: PhantomData<fn() -> O>,
}

impl<O: FromWire + 'static> Rule<'_, O>
where
    O::Output: ToBody,
{
    fn push(self, responder: Responder) -> Self {
        self.gateway.engine.push_reply(
            O::SERVICE.product,
            O::SERVICE.version,
            O::ACTION,
            responder,
        );
        self
    }

    /// Answers with a typed output.
    pub fn returns(self, output: O::Output) -> Self
    where
        O::Output: Send + Sync + 'static,
    {
        let reply = output_reply(&output);
        self.push(Arc::new(move |_| reply.clone()))
    }

    /// Answers with an error: a documented variant arrives as that variant.
    pub fn fails(self, error: O::Error) -> Self {
        let reply = error_reply(&error);
        self.push(Arc::new(move |_| reply.clone()))
    }

    /// Answers with a fault (throttling, a server error, a timeout, a dropped connection).
    pub fn fault(self, fault: Fault) -> Self {
        self.push(Arc::new(move |_| Reply::Fault(fault)))
    }

    /// Answers with the spec's success example.
    pub fn example(self) -> Self {
        self.push(Arc::new(|_| Reply::Example))
    }

    /// Answers from the request, read back into its type.
    pub fn with(self, answer: impl Fn(&O) -> Answer<O> + Send + Sync + 'static) -> Self {
        self.push(Arc::new(move |wire: &Wire| match O::from_wire(wire) {
            Ok(request) => match answer(&request) {
                Answer::Output(o) => output_reply(&o),
                Answer::Error(e) => error_reply(&e),
                Answer::Fault(f) => Reply::Fault(f),
                Answer::Example => Reply::Example,
            },
            // The engine checked the request with the same reading before.
            Err(e) => Reply::error(400, e.code, e.to_string()),
        }))
    }
}

fn output_reply<T: ToBody + HasMeta>(output: &T) -> Reply {
    let (body, content_type) = output.to_body();
    let meta = output.meta();
    let mut headers = meta.headers().to_vec();
    if let Some(id) = meta.request_id() {
        headers.push(("x-acs-request-id".into(), id.into()));
    }
    Reply::Success {
        status: match meta.http_status() {
            0 => 200,
            s => s,
        },
        headers,
        body,
        content_type,
    }
}

fn error_reply<E: ServiceError>(error: &E) -> Reply {
    let meta = error.meta();
    Reply::error(
        match meta.http_status {
            0 => 400,
            s => s,
        },
        meta.code.clone(),
        meta.message.clone(),
    )
}

/// The gateway as a [`Transport`].
#[derive(Debug)]
struct GatewayTransport {
    engine: Arc<Engine>,
}

impl Transport for GatewayTransport {
    fn send(
        &self,
        request: HttpRequest,
        _timeouts: Timeouts,
        max_body_bytes: usize,
    ) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        let outcome = self.engine.handle(&request);
        Box::pin(async move {
            match outcome {
                Outcome::Answer(r) if r.body.len() > max_body_bytes => {
                    Err(TransportError::BodyTooLarge {
                        limit: max_body_bytes,
                    })
                }
                Outcome::Answer(r) => Ok(r),
                Outcome::Timeout => Err(TransportError::Timeout(
                    "the test gateway did not answer (Fault::Timeout)".into(),
                )),
                Outcome::Dropped => Err(TransportError::Io(
                    "the test gateway dropped the connection (Fault::Dropped)".into(),
                )),
            }
        })
    }
}
