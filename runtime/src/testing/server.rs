//! The gateway double behind HTTP/1.1 on loopback (feature `testing-server`): the same
//! [`Engine`] as the in-process [`Gateway`](super::Gateway), for tests of code that is not
//! Rust or that runs the `acs` command (`acs-codegen serve` is this server).

use super::engine::{Engine, Outcome, TIMEOUT_HOLD};
use crate::transport::HttpRequest;
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::net::TcpListener;
use tokio::sync::watch;

/// Largest request body the server reads.
const MAX_REQUEST_BODY: usize = 64 * 1024 * 1024;

/// A running server; dropping it (or [`stop`](Server::stop)) stops accepting.
#[derive(Debug)]
pub struct Server {
    addr: SocketAddr,
    stop: watch::Sender<bool>,
}

impl Server {
    /// The address it listens on (`127.0.0.1:PORT`).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The endpoint to give clients: `http://127.0.0.1:PORT`.
    pub fn endpoint(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stops accepting connections.
    pub fn stop(&self) {
        let _ = self.stop.send(true);
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Serves `engine` on `addr` (port 0 picks a free one) from the current tokio runtime.
pub async fn serve(engine: Arc<Engine>, addr: SocketAddr) -> std::io::Result<Server> {
    let listener = TcpListener::bind(addr).await?;
    let addr = listener.local_addr()?;
    let (stop, mut stopped) = watch::channel(false);
    tokio::spawn(async move {
        loop {
            let accepted = tokio::select! {
                a = listener.accept() => a,
                _ = stopped.changed() => return,
            };
            let Ok((stream, _)) = accepted else { continue };
            let engine = engine.clone();
            tokio::spawn(async move {
                let service = service_fn(move |req| answer(engine.clone(), req));
                let _ = http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    });
    Ok(Server { addr, stop })
}

/// Why a connection ends without an answer.
#[derive(Debug)]
struct Dropped;

impl std::fmt::Display for Dropped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the gateway drops the connection (Fault::Dropped)")
    }
}

impl std::error::Error for Dropped {}

async fn answer(
    engine: Arc<Engine>,
    req: hyper::Request<Incoming>,
) -> Result<hyper::Response<Full<Bytes>>, Dropped> {
    let (parts, body) = req.into_parts();
    let body = match http_body_util::Limited::new(body, MAX_REQUEST_BODY)
        .collect()
        .await
    {
        Ok(b) => b.to_bytes().to_vec(),
        Err(_) => return Err(Dropped),
    };
    let host = parts
        .headers
        .get("host")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("127.0.0.1")
        .to_string();
    let request = HttpRequest {
        method: method_name(parts.method.as_str()),
        url: format!(
            "http://{host}{}",
            parts.uri.path_and_query().map_or("/", |p| p.as_str())
        ),
        headers: parts
            .headers
            .iter()
            .map(|(k, v)| {
                (
                    k.as_str().to_string(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect(),
        body,
    };
    match engine.handle(&request) {
        Outcome::Answer(r) => {
            let mut response = hyper::Response::builder().status(r.status);
            for (k, v) in &r.headers {
                response = response.header(k, v);
            }
            response
                .body(Full::new(Bytes::from(r.body)))
                .map_err(|_| Dropped)
        }
        Outcome::Timeout => {
            tokio::time::sleep(TIMEOUT_HOLD).await;
            Err(Dropped)
        }
        Outcome::Dropped => Err(Dropped),
    }
}

/// The `&'static` name of a method ([`HttpRequest::method`]).
fn method_name(m: &str) -> &'static str {
    match m {
        "GET" => "GET",
        "PUT" => "PUT",
        "DELETE" => "DELETE",
        "PATCH" => "PATCH",
        "HEAD" => "HEAD",
        "OPTIONS" => "OPTIONS",
        _ => "POST",
    }
}
