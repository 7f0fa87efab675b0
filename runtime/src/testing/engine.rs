//! The gateway double's engine, untyped: it routes a request to its operation by the
//! `x-acs-action` and `x-acs-version` headers (and the method and path of a REST-style
//! one), checks what Alibaba Cloud's gateway checks (the signature, nonce reuse, required
//! parameters and enum values), records the call and answers by the operation's rule: a
//! body, an error, a fault, or the spec's success example. [`Gateway`](super::Gateway)
//! puts types on it; [`serve`](super::serve) puts it behind HTTP.

use super::wire::{Route, Wire, WireError};
use super::{signatures, verify};
use crate::operation::Protocol;
use crate::transport::{header, HttpRequest, HttpResponse};
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

/// The secret the gateway checks signatures with, unless told otherwise.
pub const TEST_SECRET: &str = "testsecret";

/// A failure of the network or the gateway itself, to test retry handling.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Fault {
    /// HTTP 400 `Throttling.User`, as the gateway throttles (always retried by the client).
    Throttling,
    /// A server error with this status (`500`, `503`), code `ServiceUnavailable`.
    ServerError(u16),
    /// No answer in time: the in-process gateway reports a timeout at once, the HTTP one
    /// holds the connection for [`TIMEOUT_HOLD`] without answering.
    Timeout,
    /// The connection breaks before an answer.
    Dropped,
    /// HTTP 200 with a body that is not JSON.
    Malformed,
}

/// One answer of the gateway, before it is written.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Reply {
    /// A success: status, extra headers and the body with its content type.
    Success {
        /// The HTTP status.
        status: u16,
        /// Extra headers.
        headers: Vec<(String, String)>,
        /// The body.
        body: Vec<u8>,
        /// Its content type.
        content_type: Option<&'static str>,
    },
    /// An error body (`Code`, `Message`, `RequestId`, ...) with its status (and the
    /// operation's success field set to `false`, for operations that say errors that way).
    Error {
        /// The HTTP status.
        status: u16,
        /// The error code.
        code: String,
        /// The message.
        message: String,
    },
    /// A fault.
    Fault(Fault),
    /// The operation's documented success example (`{}` when it has none).
    Example,
}

impl Reply {
    /// A JSON success body with status 200.
    pub fn json(body: serde_json::Value) -> Reply {
        Reply::json_with_status(200, body)
    }

    /// A JSON success body with another 2xx status (`201`, `202`).
    pub fn json_with_status(status: u16, body: serde_json::Value) -> Reply {
        Reply::Success {
            status,
            headers: Vec::new(),
            body: body.to_string().into_bytes(),
            content_type: Some(crate::request::JSON_CONTENT_TYPE),
        }
    }

    /// An error with a code, a message and a status.
    pub fn error(status: u16, code: impl Into<String>, message: impl Into<String>) -> Reply {
        Reply::Error {
            status,
            code: code.into(),
            message: message.into(),
        }
    }
}

/// What answers a call: given the request read against its operation.
pub type Responder = Arc<dyn Fn(&Wire) -> Reply + Send + Sync>;

/// What an operation without a rule answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unruled {
    /// A `NoRule` error naming the operation (HTTP 404): every call must be expected.
    Reject,
    /// The operation's success example.
    Example,
}

/// A call the gateway accepted, as it arrived.
#[derive(Clone, Debug)]
pub struct Call {
    /// The product of the recorded call.
    pub product: String,
    /// Its action.
    pub action: String,
    /// Its API version.
    pub version: String,
    /// The request as received.
    pub request: HttpRequest,
    /// The request read against its operation's path template.
    pub wire: Wire,
}

#[derive(Default)]
struct Rule {
    replies: Vec<Responder>,
    next: usize,
}

#[derive(Default)]
struct State {
    /// By version and action; several products may share both.
    routes: HashMap<(String, String), Vec<Route>>,
    /// By product, version and action.
    rules: HashMap<(String, String, String), Rule>,
    calls: Vec<Call>,
    nonces: HashSet<String>,
    served: u64,
}

/// What the engine decided: an HTTP answer, or a fault the front end acts out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// An HTTP response to send.
    Answer(HttpResponse),
    /// No answer in time.
    Timeout,
    /// The connection breaks.
    Dropped,
}

/// The engine: routes, rules, the record of calls. Shared by the in-process gateway and
/// the HTTP one.
pub struct Engine {
    secret: String,
    unruled: Unruled,
    state: Mutex<State>,
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let state = self.lock();
        f.debug_struct("Engine")
            .field("unruled", &self.unruled)
            .field(
                "routes",
                &state.routes.values().map(Vec::len).sum::<usize>(),
            )
            .field("calls", &state.calls.len())
            .finish_non_exhaustive()
    }
}

impl Engine {
    /// An engine checking signatures with `secret` (any AccessKey ID).
    pub fn new(secret: impl Into<String>, unruled: Unruled) -> Self {
        Engine {
            secret: secret.into(),
            unruled,
            state: Mutex::new(State::default()),
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A panicking responder must not poison every later call of a test.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Makes operations known: their routes, checks and examples.
    pub fn register(&self, routes: impl IntoIterator<Item = Route>) {
        let mut state = self.lock();
        for r in routes {
            let same = state
                .routes
                .entry((r.version.clone(), r.action.clone()))
                .or_default();
            same.retain(|known| known.product != r.product);
            same.push(r);
        }
    }

    /// Sets the answers of a product's operation, in order; the last one repeats. The
    /// operation must be registered for calls to reach it.
    pub fn set_rule(&self, product: &str, version: &str, action: &str, replies: Vec<Responder>) {
        self.lock()
            .rules
            .insert(key(product, version, action), Rule { replies, next: 0 });
    }

    /// Adds an answer after an operation's others.
    pub fn push_reply(&self, product: &str, version: &str, action: &str, reply: Responder) {
        self.lock()
            .rules
            .entry(key(product, version, action))
            .or_default()
            .replies
            .push(reply);
    }

    /// The accepted calls, in arrival order.
    pub fn calls(&self) -> Vec<Call> {
        self.lock().calls.clone()
    }

    /// Forgets the recorded calls and the nonces seen (a long-running test keeps memory
    /// flat this way; rules and routes stay).
    pub fn clear_calls(&self) {
        let mut state = self.lock();
        state.calls.clear();
        state.nonces.clear();
    }

    /// Accepted calls of one product's operation, in arrival order.
    pub fn calls_of(&self, product: &str, version: &str, action: &str) -> Vec<Call> {
        self.lock()
            .calls
            .iter()
            .filter(|c| c.product == product && c.version == version && c.action == action)
            .cloned()
            .collect()
    }

    /// Answers one request.
    pub fn handle(&self, request: &HttpRequest) -> Outcome {
        let request_id = {
            let mut state = self.lock();
            state.served += 1;
            format!("GATEWAY-{:08}", state.served)
        };
        match self.admit(request) {
            Ok((route, call)) => {
                let reply = self.answer(&route, call);
                let dialect = Dialect {
                    protocol: route.protocol,
                    success_field: route.success_field.as_deref(),
                };
                self.write(reply, &request_id, dialect)
            }
            Err(reply) => {
                let dialect = Dialect {
                    protocol: protocol_of(request),
                    success_field: None,
                };
                self.write(reply, &request_id, dialect)
            }
        }
    }

    /// Routes and checks a request; a rejection is the error to answer.
    fn admit(&self, request: &HttpRequest) -> Result<(Route, Call), Reply> {
        if header(&request.headers, "x-acs-action").is_none() && self.has_own_gateway_routes() {
            let (route, wire) = self.route_by_path(request)?;
            return self.admit_own(request, route, wire);
        }
        let action = header(&request.headers, "x-acs-action").ok_or_else(|| {
            Reply::error(
                400,
                "MissingParameter",
                "`x-acs-action` (header) is mandatory",
            )
        })?;
        let version = header(&request.headers, "x-acs-version").ok_or_else(|| {
            Reply::error(
                400,
                "MissingParameter",
                "`x-acs-version` (header) is mandatory",
            )
        })?;
        let route = self.route(request, version, action)?;
        let wire = Wire::parse(request);
        if wire.method != route.method.as_str() {
            return Err(Reply::error(
                404,
                "InvalidAction.NotFound",
                format!(
                    "`{action}` is called with {}, not {}",
                    route.method.as_str(),
                    wire.method
                ),
            ));
        }
        let wire = wire.fit(&route).ok_or_else(|| {
            Reply::error(
                404,
                "InvalidAction.NotFound",
                format!("`{action}`: the path does not fit `{}`", route.path),
            )
        })?;
        if route.protocol == Protocol::Pds {
            if !route.anonymous {
                signatures::verify_pds(request, &self.secret)
                    .map_err(|r| Reply::error(403, r.code, format!("{action}: {}", r.message)))?;
            }
        } else if !route.anonymous {
            verify::verify(request, &self.secret)
                .map_err(|r| Reply::error(400, r.code, format!("{action}: {}", r.message)))?;
            let nonce = header(&request.headers, "x-acs-signature-nonce").unwrap_or_default();
            if !self.lock().nonces.insert(nonce.to_string()) {
                return Err(Reply::error(
                    400,
                    "SignatureNonceUsed",
                    format!("{action}: the signature nonce `{nonce}` was used before"),
                ));
            }
        }
        (route.check)(&wire)
            .map_err(|e: WireError| Reply::error(400, e.code, format!("{action}: {e}")))?;
        let call = Call {
            product: route.product.clone(),
            action: action.to_string(),
            version: version.to_string(),
            request: request.clone(),
            wire,
        };
        self.lock().calls.push(call.clone());
        Ok((route, call))
    }

    /// The operation of a gateway of its own (OSS, SLS) a request without an action header
    /// is for: of the routes whose method, path, subresources and host fit and whose checks
    /// pass, one that takes a host parameter when the host names one (`ListObjects` at
    /// `b1.<endpoint>`, `ListBuckets` at the endpoint), then the one with the most
    /// subresources, then the most query keys it names that the request has (`UploadPart`'s
    /// `partNumber` and `uploadId` over `PutObject`), then the first by product and action.
    fn route_by_path(&self, request: &HttpRequest) -> Result<(Route, Wire), Reply> {
        // A signed request says which gateway it is for.
        let signed_for = protocol_of(request);
        let routes: Vec<Route> = {
            let state = self.lock();
            let mut all: Vec<&Route> = state
                .routes
                .values()
                .flatten()
                .filter(|r| matches!(r.protocol, Protocol::Oss | Protocol::Sls))
                .filter(|r| signed_for == Protocol::Acs3 || r.protocol == signed_for)
                .filter(|r| r.method.as_str() == request.method)
                .collect();
            all.sort_by(|a, b| (&a.product, &a.action).cmp(&(&b.product, &b.action)));
            all.into_iter().cloned().collect()
        };
        let wire = Wire::parse(request);
        let host = header(&request.headers, "host").unwrap_or_default();
        // (host parameter as addressed, subresources, query keys named, host served)
        type Score = (bool, usize, usize, bool);
        let mut best: Option<(Score, Route, Wire)> = None;
        let mut refused = None;
        for route in routes {
            let Some(fitted) = wire.clone().fit(&route) else {
                continue;
            };
            if let Err(e) = (route.check)(&fitted) {
                refused.get_or_insert_with(|| {
                    Reply::error(400, e.code, format!("{}: {e}", route.action))
                });
                continue;
            }
            let subresources = crate::request::subresources(&route.path).1.len();
            let named = route
                .query
                .iter()
                .filter(|q| wire.query.iter().any(|(k, _)| k == *q))
                .count();
            // A bucket's operation for a bucket's host, a service's for the endpoint's.
            let addressed = route.host == fitted.host_label.is_some();
            let score = (addressed, subresources, named, route.serves_host(host));
            if best.as_ref().is_none_or(|(s, ..)| score > *s) {
                best = Some((score, route, fitted));
            }
        }
        match (best, refused) {
            (Some((_, route, wire)), _) => Ok((route, wire)),
            (None, Some(reply)) => Err(reply),
            (None, None) => Err(Reply::error(
                404,
                "InvalidAction.NotFound",
                format!(
                    "the test gateway knows no operation {} {}",
                    request.method,
                    super::wire::path_and_query(&request.url).0
                ),
            )),
        }
    }

    /// Whether an operation of OSS or SLS (routed by path, not action) is registered.
    fn has_own_gateway_routes(&self) -> bool {
        self.lock()
            .routes
            .values()
            .flatten()
            .any(|r| matches!(r.protocol, Protocol::Oss | Protocol::Sls))
    }

    /// Checks a request routed by its path (OSS, SLS): the product's signature (a presigned
    /// OSS URL's until it expires), then records it.
    fn admit_own(
        &self,
        request: &HttpRequest,
        route: Route,
        wire: Wire,
    ) -> Result<(Route, Call), Reply> {
        let action = route.action.clone();
        let checked = match route.protocol {
            Protocol::Oss => signatures::verify_oss(
                request,
                wire.host_label.as_deref(),
                &self.secret,
                crate::time::now_secs(),
            ),
            _ => signatures::verify_sls(request, &self.secret),
        };
        checked.map_err(|r| Reply::error(403, r.code, format!("{action}: {}", r.message)))?;
        let call = Call {
            product: route.product.clone(),
            action,
            version: route.version.clone(),
            request: request.clone(),
            wire,
        };
        self.lock().calls.push(call.clone());
        Ok((route, call))
    }

    /// The operation a request is for: by action and version, and, when several products
    /// have both, by the product whose host it was sent to (over loopback, where the host
    /// says nothing, the first registered).
    fn route(&self, request: &HttpRequest, version: &str, action: &str) -> Result<Route, Reply> {
        let state = self.lock();
        let candidates = state
            .routes
            .get(&(version.to_string(), action.to_string()))
            .map(Vec::as_slice)
            .unwrap_or_default();
        let host = header(&request.headers, "host").unwrap_or_default();
        candidates
            .iter()
            .find(|r| r.serves_host(host))
            .or(candidates.first())
            .cloned()
            .ok_or_else(|| {
                Reply::error(
                    404,
                    "InvalidAction.NotFound",
                    format!("the test gateway knows no operation `{action}` of version {version}"),
                )
            })
    }

    fn answer(&self, route: &Route, call: Call) -> Reply {
        let key = key(&call.product, &call.version, &call.action);
        let responder = {
            let mut state = self.lock();
            match state.rules.get_mut(&key) {
                Some(rule) if !rule.replies.is_empty() => {
                    let i = rule.next.min(rule.replies.len() - 1);
                    rule.next += 1;
                    Some(rule.replies[i].clone())
                }
                _ => None,
            }
        };
        let reply = match responder {
            Some(r) => r(&call.wire),
            None if self.unruled == Unruled::Example => Reply::Example,
            None => {
                return Reply::error(
                    404,
                    "NoRule",
                    format!(
                        "the test gateway has no rule for `{}` (version {})",
                        call.action, call.version
                    ),
                )
            }
        };
        match reply {
            // Object Storage answers XML: the example's root element and its children.
            Reply::Example if route.protocol == Protocol::Oss => {
                let example: serde_json::Value = route
                    .example
                    .as_deref()
                    .and_then(|e| serde_json::from_str(e).ok())
                    .unwrap_or_default();
                match example {
                    serde_json::Value::Object(root) if !root.is_empty() => Reply::Success {
                        status: 200,
                        headers: Vec::new(),
                        body: crate::xml::write(&root).into_bytes(),
                        content_type: Some("application/xml"),
                    },
                    _ => Reply::Success {
                        status: 200,
                        headers: Vec::new(),
                        body: Vec::new(),
                        content_type: None,
                    },
                }
            }
            Reply::Example => Reply::Success {
                status: 200,
                headers: Vec::new(),
                body: route.example.as_deref().unwrap_or("{}").as_bytes().to_vec(),
                content_type: Some(crate::request::JSON_CONTENT_TYPE),
            },
            other => other,
        }
    }

    fn write(&self, reply: Reply, request_id: &str, dialect: Dialect<'_>) -> Outcome {
        let success_field = dialect.success_field;
        let request_id_header = match dialect.protocol {
            Protocol::Oss => "x-oss-request-id",
            Protocol::Sls => "x-log-requestid",
            _ => "x-acs-request-id",
        };
        let mut headers = vec![(request_id_header.to_string(), request_id.to_string())];
        let (status, body) = match reply {
            Reply::Success {
                status,
                headers: extra,
                body,
                content_type,
            } => {
                if let Some(ct) = content_type {
                    headers.push(("content-type".into(), ct.into()));
                }
                for (k, v) in extra {
                    let k = k.to_ascii_lowercase();
                    headers.retain(|(n, _)| *n != k);
                    headers.push((k, v));
                }
                (status, body)
            }
            Reply::Error {
                status,
                code,
                message,
            } if dialect.protocol == Protocol::Oss => {
                let body = serde_json::json!({"Error": {
                    "Code": code,
                    "Message": message,
                    "RequestId": request_id,
                    "HostId": "gateway.test",
                }});
                headers.push(("content-type".into(), "application/xml".into()));
                let body = match body {
                    serde_json::Value::Object(m) => crate::xml::write(&m),
                    _ => String::new(),
                };
                (status, body.into_bytes())
            }
            Reply::Error {
                status,
                code,
                message,
            } if dialect.protocol == Protocol::Sls => {
                let body = serde_json::json!({"errorCode": code, "errorMessage": message});
                headers.push(("content-type".into(), "application/json".into()));
                (status, body.to_string().into_bytes())
            }
            Reply::Error {
                status,
                code,
                message,
            } => {
                let mut body = serde_json::json!({
                    "RequestId": request_id,
                    "HostId": "gateway.test",
                    "Code": code,
                    "Message": message,
                    "Recommend": format!("https://api.aliyun.com/troubleshoot?q={code}"),
                });
                if let Some(f) = success_field {
                    body[f] = serde_json::Value::Bool(false);
                }
                headers.push(("content-type".into(), "application/json".into()));
                (status, body.to_string().into_bytes())
            }
            Reply::Fault(Fault::Throttling) => {
                return self.write(
                    Reply::error(
                        400,
                        "Throttling.User",
                        "Request was denied due to user flow control.",
                    ),
                    request_id,
                    dialect,
                )
            }
            Reply::Fault(Fault::ServerError(status)) => {
                return self.write(
                    Reply::error(
                        status,
                        "ServiceUnavailable",
                        "The request has failed due to a temporary failure of the server.",
                    ),
                    request_id,
                    dialect,
                )
            }
            Reply::Fault(Fault::Malformed) => {
                headers.push(("content-type".into(), "application/json".into()));
                (200, b"{\"RequestId\": \"".to_vec())
            }
            Reply::Fault(Fault::Timeout) => return Outcome::Timeout,
            Reply::Fault(Fault::Dropped) => return Outcome::Dropped,
            // `answer` turns an example into its body; an empty object otherwise.
            Reply::Example => (200, b"{}".to_vec()),
        };
        Outcome::Answer(HttpResponse {
            status,
            headers,
            body,
        })
    }
}

/// How a reply is written: the product's gateway and its success field.
#[derive(Clone, Copy)]
struct Dialect<'a> {
    protocol: Protocol,
    success_field: Option<&'a str>,
}

/// The gateway a request that could not be routed was meant for, by its signature.
fn protocol_of(request: &HttpRequest) -> Protocol {
    let auth = header(&request.headers, "authorization").unwrap_or_default();
    if auth.starts_with("LOG ") {
        Protocol::Sls
    } else if auth.starts_with(crate::oss4::ALGORITHM) || request.url.contains("x-oss-signature") {
        Protocol::Oss
    } else {
        Protocol::Acs3
    }
}

fn key(product: &str, version: &str, action: &str) -> (String, String, String) {
    (product.to_string(), version.to_string(), action.to_string())
}

/// How long the HTTP gateway holds a connection for [`Fault::Timeout`].
pub const TIMEOUT_HOLD: Duration = Duration::from_secs(30);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::operation::Method;

    fn route(product: &str, host: &str) -> Route {
        Route {
            product: product.into(),
            hosts: vec![host.into()],
            action: "DescribeRegions".into(),
            version: "2020-01-01".into(),
            method: Method::Post,
            path: "/".into(),
            example: Some(format!(r#"{{"From":"{product}"}}"#)),
            anonymous: true,
            success_field: None,
            check: Arc::new(|_| Ok(())),
            protocol: Protocol::Acs3,
            query: Vec::new(),
            host: false,
        }
    }

    fn call(engine: &Engine, host: &str) -> String {
        let request = HttpRequest {
            method: "POST",
            url: format!("https://{host}/"),
            headers: vec![
                ("host".into(), host.into()),
                ("x-acs-action".into(), "DescribeRegions".into()),
                ("x-acs-version".into(), "2020-01-01".into()),
            ],
            body: Vec::new(),
        };
        match engine.handle(&request) {
            Outcome::Answer(r) => String::from_utf8(r.body).unwrap(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn products_sharing_an_action_and_version_are_told_apart_by_host() {
        let engine = Engine::new(TEST_SECRET, Unruled::Example);
        engine.register([
            route("Alpha", "alpha.{regionId}.aliyuncs.com"),
            route("Beta", "beta.aliyuncs.com"),
        ]);
        assert_eq!(
            call(&engine, "alpha.cn-hangzhou.aliyuncs.com"),
            r#"{"From":"Alpha"}"#
        );
        assert_eq!(call(&engine, "beta.aliyuncs.com"), r#"{"From":"Beta"}"#);
        engine.set_rule(
            "Beta",
            "2020-01-01",
            "DescribeRegions",
            vec![Arc::new(|_| {
                Reply::json(serde_json::json!({"Ruled": true}))
            })],
        );
        assert_eq!(call(&engine, "beta.aliyuncs.com"), r#"{"Ruled":true}"#);
        assert_eq!(
            call(&engine, "alpha.cn-hangzhou.aliyuncs.com"),
            r#"{"From":"Alpha"}"#
        );
        // A host no product has (a loopback server's): the first registered.
        assert_eq!(call(&engine, "127.0.0.1:8080"), r#"{"From":"Alpha"}"#);
        let calls = engine.calls_of("Beta", "2020-01-01", "DescribeRegions");
        assert_eq!(calls.len(), 2);
        assert!(!Route::serves_host(
            &route("Alpha", "alpha.{regionId}.aliyuncs.com"),
            "alpha..aliyuncs.com"
        ));
    }
}
