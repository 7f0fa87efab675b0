//! Credentials served by a URI (a sidecar): `GET <uri>` answers `{"Code": "Success",
//! "AccessKeyId", "AccessKeySecret", "SecurityToken", "Expiration"}`.

use super::cache::Cache;
use super::document::temporary_credentials;
use super::env::ENV_CREDENTIALS_URI;
use super::environment::Environment;
use super::error::fail;
use super::http;
use crate::credentials::{Credentials, ProvideCredentials};
use crate::error::ConfigError;
use crate::transport::{BoxFuture, Timeouts};

const NAME: &str = "credentials_uri";

/// Credentials from a URI. Cached and refreshed ahead of expiry.
#[derive(Debug)]
pub struct UriProvider {
    uri: String,
    timeouts: Timeouts,
    env: Environment,
    cache: Cache,
}

impl UriProvider {
    /// The provider asking `uri`.
    pub fn new(uri: impl Into<String>, env: &Environment) -> Self {
        UriProvider {
            uri: uri.into(),
            timeouts: Timeouts::default(),
            env: env.clone(),
            cache: Cache::default(),
        }
    }

    /// From `ALIBABA_CLOUD_CREDENTIALS_URI`; `None` when it is not set.
    pub fn from_env(env: &Environment) -> Option<Self> {
        env.var(ENV_CREDENTIALS_URI)
            .map(|uri| UriProvider::new(uri, env))
    }

    /// Timeouts of the request (default 5 s to connect, 10 s to read).
    pub fn timeouts(mut self, timeouts: Timeouts) -> Self {
        self.timeouts = timeouts;
        self
    }

    async fn fetch(&self) -> Result<Credentials, ConfigError> {
        let transport = self.env.transport()?;
        let response = http::send_ok(
            transport.as_ref(),
            NAME,
            "GET",
            self.uri.clone(),
            Vec::new(),
            self.timeouts,
        )
        .await?;
        let doc = http::json(&response, NAME, &self.uri)?;
        let code = doc.get("Code").and_then(|c| c.as_str()).unwrap_or("");
        if code != "Success" {
            return Err(fail(NAME, format!("{} answered Code `{code}`", self.uri)));
        }
        temporary_credentials(&doc, NAME)
    }
}

impl ProvideCredentials for UriProvider {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, ConfigError>> {
        Box::pin(self.cache.get(|| self.fetch()))
    }
}
