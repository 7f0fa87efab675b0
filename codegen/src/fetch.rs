//! Alibaba Cloud's published API metadata, downloaded: `acs-codegen fetch` and `update`.
//!
//! A document is at `<base>/products/<Product>/versions/<Version>/api-docs.json`, the path
//! Alibaba's own API tooling reads. The base is [`DEFAULT_METADATA_URL`] unless
//! `--metadata-url` or [`METADATA_URL_ENV`] says otherwise (a mirror, a test server).
//!
//! Each download has a time limit; a failed connection, a timeout, `429` or a `5xx` is tried
//! again after a pause. Anything else that is not a metadata document (another status, a body
//! that is not a JSON object with `info` and `apis`) is an error naming the URL and what came
//! back. Nothing here writes files: callers write what they fetched all at once, or nothing.

use crate::diagnostics::Error;
use std::time::Duration;

/// Where Alibaba publishes the metadata (`api.aliyun.com`'s own API explorer reads it).
pub const DEFAULT_METADATA_URL: &str = "https://api.aliyun.com/meta/v1";

/// Environment variable overriding [`DEFAULT_METADATA_URL`].
pub const METADATA_URL_ENV: &str = "ACS_CODEGEN_METADATA_URL";

/// Longest body quoted in an error.
const QUOTED_BYTES: usize = 200;

/// Downloads metadata documents.
#[derive(Clone, Debug)]
pub struct Fetcher {
    base: String,
    client: reqwest::blocking::Client,
    attempts: u32,
    pause: Duration,
}

/// A product and version as written on the command line: `Ecs/2014-05-26`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct ProductVersion {
    pub product: String,
    pub version: String,
}

impl std::str::FromStr for ProductVersion {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let valid = |part: &str| {
            !part.is_empty()
                && !part.starts_with('.')
                && part
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
        };
        match s.split_once('/') {
            Some((product, version)) if valid(product) && valid(version) => Ok(Self {
                product: product.into(),
                version: version.into(),
            }),
            _ => Err(format!(
                "`{s}` is not PRODUCT/VERSION (`Ecs/2014-05-26`: letters, digits, `-`, `_`, `.`)"
            )),
        }
    }
}

impl std::fmt::Display for ProductVersion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.product, self.version)
    }
}

impl ProductVersion {
    /// The file a fetched document is written to: `ecs-2014-05-26.api-docs.json`.
    pub fn file_name(&self) -> String {
        format!(
            "{}-{}.api-docs.json",
            self.product.to_lowercase(),
            self.version
        )
    }
}

impl Fetcher {
    /// A fetcher of documents under `base`, else `$ACS_CODEGEN_METADATA_URL`, else
    /// [`DEFAULT_METADATA_URL`]; `timeout` bounds each attempt, from connecting to the last
    /// byte.
    pub fn new(base: Option<&str>, timeout: Duration) -> Result<Self, Error> {
        let base = match base {
            Some(b) => b.to_string(),
            None => std::env::var(METADATA_URL_ENV)
                .ok()
                .filter(|b| !b.trim().is_empty())
                .unwrap_or_else(|| DEFAULT_METADATA_URL.to_string()),
        };
        if !(base.starts_with("https://") || base.starts_with("http://")) {
            return Err(Error::Other(format!(
                "metadata URL `{base}` is not an http(s) URL"
            )));
        }
        let client = reqwest::blocking::Client::builder()
            .timeout(timeout)
            .connect_timeout(timeout.min(Duration::from_secs(10)))
            .user_agent(concat!("acs-codegen/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| Error::Other(format!("cannot make an HTTP client: {e}")))?;
        Ok(Self {
            base: base.trim_end_matches('/').to_string(),
            client,
            attempts: 3,
            pause: Duration::from_millis(500),
        })
    }

    /// Tries each download this many times in all (at least once), pausing `pause`, then
    /// twice that, between attempts.
    pub fn attempts(mut self, attempts: u32, pause: Duration) -> Self {
        self.attempts = attempts.max(1);
        self.pause = pause;
        self
    }

    /// The URL of a product version's document.
    pub fn url(&self, pv: &ProductVersion) -> String {
        format!(
            "{}/products/{}/versions/{}/api-docs.json",
            self.base, pv.product, pv.version
        )
    }

    /// Downloads a product version's document and checks that it is one.
    pub fn document(&self, pv: &ProductVersion) -> Result<String, Error> {
        let url = self.url(pv);
        let mut pause = self.pause;
        let mut attempt = 1;
        loop {
            match self.once(&url) {
                Ok(text) => return Ok(text),
                Err((_, true)) if attempt < self.attempts => {
                    std::thread::sleep(pause);
                    pause *= 2;
                    attempt += 1;
                }
                Err((message, _)) => {
                    let tries = if attempt > 1 {
                        format!(" (after {attempt} attempts)")
                    } else {
                        String::new()
                    };
                    return Err(Error::Other(format!("GET {url}: {message}{tries}")));
                }
            }
        }
    }

    /// One attempt: the document, or what went wrong and whether another attempt may help.
    fn once(&self, url: &str) -> Result<String, (String, bool)> {
        let response = self.client.get(url).send().map_err(|e| {
            let what = if e.is_timeout() {
                "timed out".to_string()
            } else {
                format!("cannot connect: {}", error_chain(&e))
            };
            (what, true)
        })?;
        let status = response.status();
        let body = response.text().map_err(|e| {
            let what = if e.is_timeout() {
                "timed out reading the answer".to_string()
            } else {
                format!("the answer broke off: {}", error_chain(&e))
            };
            (what, true)
        })?;
        if !status.is_success() {
            let retryable = status.as_u16() == 429 || status.is_server_error();
            return Err((format!("HTTP {status}: {}", quoted(&body)), retryable));
        }
        check_document(&body).map_err(|why| {
            (
                format!(
                    "the answer is not a metadata document ({why}): {}",
                    quoted(&body)
                ),
                false,
            )
        })?;
        Ok(body)
    }
}

/// Why `text` is not a metadata document: a JSON object with an `info` object and `apis`.
pub fn check_document(text: &str) -> Result<(), String> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
    let info = value.get("info").and_then(serde_json::Value::as_object);
    if info.is_none() {
        return Err("no `info` object".into());
    }
    if !value.get("apis").is_some_and(serde_json::Value::is_object) {
        return Err("no `apis` object".into());
    }
    Ok(())
}

/// The start of a body, on one line, for an error message.
fn quoted(body: &str) -> String {
    let one_line: String = body.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.is_empty() {
        return "(empty body)".into();
    }
    match one_line.char_indices().nth(QUOTED_BYTES) {
        Some((i, _)) => format!("`{}...`", &one_line[..i]),
        None => format!("`{one_line}`"),
    }
}

/// An error and its causes, `: `-separated.
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        text.push_str(&format!(": {s}"));
        source = s.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn product_versions_parse_and_name_their_files() {
        let pv: ProductVersion = "Ecs/2014-05-26".parse().unwrap();
        assert_eq!(pv.file_name(), "ecs-2014-05-26.api-docs.json");
        assert_eq!(pv.to_string(), "Ecs/2014-05-26");
        for bad in ["Ecs", "/2014", "Ecs/", "Ecs/../x/y", "Ecs/..", "E cs/1"] {
            assert!(bad.parse::<ProductVersion>().is_err(), "{bad}");
        }
    }

    #[test]
    fn a_document_has_info_and_apis() {
        assert!(check_document(r#"{"info": {}, "apis": {}}"#).is_ok());
        assert!(check_document("<html>")
            .unwrap_err()
            .starts_with("not JSON"));
        assert!(check_document(r#"{"apis": {}}"#).is_err());
        assert!(check_document(r#"{"info": {}, "apis": []}"#).is_err());
        assert_eq!(quoted(" a\n b "), "`a b`");
        assert_eq!(
            quoted(&"x".repeat(300)),
            format!("`{}...`", "x".repeat(200))
        );
    }
}
