//! No secret in logs, errors or `Debug` output, with every `tracing` event captured at every
//! level. A test binary of its own: `tracing` caches per callsite whether anyone listens, and
//! tests of another binary hitting the same callsites concurrently, without a subscriber,
//! could make this one miss events.

use crate::support::{Reply, Server};
use acs_runtime::{Client, Credentials, RetryPolicy};
use acs_sdk::esa::v2024_09_10 as esa;
use std::time::Duration;

const SECRET: &str = "s3cr3t-value-that-must-not-leak";
const TOKEN: &str = "st5-t0ken-that-must-not-leak";

fn client(server: &Server) -> Client {
    Client::builder()
        .credentials(Credentials::new("LTAI5tLogsKey", SECRET).with_security_token(TOKEN))
        .endpoint(server.url())
        .retry(RetryPolicy {
            max_attempts: 3,
            base_delay: Duration::from_millis(5),
            max_delay: Duration::from_millis(20),
            max_retry_after: Duration::from_millis(200),
        })
        .read_timeout(Duration::from_millis(300))
        .build()
        .unwrap()
}

/// Captures everything `tracing` emits, at every level.
#[derive(Clone, Default)]
struct Capture(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn secrets_never_appear_in_debug_errors_or_logs() {
    let capture = Capture::default();
    let sink = capture.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_span_events(tracing_subscriber::fmt::format::FmtSpan::FULL)
        .with_writer(move || sink.clone())
        .finish();
    let server = Server::start(vec![
        Reply::json(
            500,
            r#"{"Code":"InternalError","Message":"m","RequestId":"R"}"#,
        ),
        Reply::json(
            403,
            r#"{"Code":"Forbidden.RAM","Message":"denied","RequestId":"R2"}"#,
        ),
    ]);
    let rt = client(&server);
    let err = tracing::subscriber::with_default(subscriber, || {
        // Alone in its binary, but callsites registered before this subscriber existed
        // are told it is here.
        tracing::callsite::rebuild_interest_cache();
        acs_runtime::blocking::block_on(
            esa::Client::new(rt.clone())
                .release_instance(esa::ReleaseInstanceRequest::new("esa-1")),
        )
        .unwrap()
        .unwrap_err()
    });
    let logs = String::from_utf8(capture.0.lock().unwrap().clone()).unwrap();
    assert!(
        logs.contains("ReleaseInstance") && logs.contains("retrying"),
        "the logs say something: {logs}"
    );
    let every_text = [
        logs,
        format!("{err}"),
        format!("{err:?}"),
        format!("{rt:?}"),
        format!(
            "{:?}",
            Credentials::new("id", SECRET).with_security_token(TOKEN)
        ),
    ];
    for text in &every_text {
        assert!(!text.contains(SECRET), "the secret leaked: {text}");
        assert!(!text.contains(TOKEN), "the token leaked: {text}");
        assert!(!text.contains("Signature="), "a signature leaked: {text}");
    }
    // The requests themselves did carry the token.
    assert_eq!(
        server.requests()[0].header("x-acs-security-token"),
        Some(TOKEN)
    );
}
