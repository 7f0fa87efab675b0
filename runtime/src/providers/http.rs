//! Plain HTTP requests of the metadata service and credentials URIs, bounded in time and
//! size. Errors name the URL and the status, never the body (it may hold a secret).

use super::error::fail;
use crate::error::ConfigError;
use crate::transport::{send_within, HttpRequest, HttpResponse, Timeouts, Transport};

/// Largest credentials document accepted.
const MAX_BODY: usize = 64 * 1024;

/// Sends a request without a body; an answer other than HTTP 200 is an error.
pub(crate) async fn send_ok(
    transport: &dyn Transport,
    provider: &str,
    method: &'static str,
    url: String,
    headers: Vec<(String, String)>,
    timeouts: Timeouts,
) -> Result<HttpResponse, ConfigError> {
    let request = HttpRequest {
        method,
        url: url.clone(),
        headers,
        body: Vec::new(),
    };
    let response = send_within(transport, request, timeouts, MAX_BODY)
        .await
        .map_err(|e| fail(provider, format!("{method} {url}: {e}")))?;
    if response.status != 200 {
        return Err(fail(
            provider,
            format!("{method} {url}: HTTP {}", response.status),
        ));
    }
    Ok(response)
}

/// The body as a JSON document.
pub(crate) fn json(
    response: &HttpResponse,
    provider: &str,
    url: &str,
) -> Result<serde_json::Value, ConfigError> {
    serde_json::from_slice(&response.body).map_err(|e| {
        fail(
            provider,
            format!(
                "{url}: the response is not JSON ({} at line {} column {})",
                kind(&e),
                e.line(),
                e.column()
            ),
        )
    })
}

fn kind(e: &serde_json::Error) -> &'static str {
    match e.classify() {
        serde_json::error::Category::Io => "read error",
        serde_json::error::Category::Syntax => "syntax error",
        serde_json::error::Category::Data => "unexpected data",
        serde_json::error::Category::Eof => "truncated",
    }
}
