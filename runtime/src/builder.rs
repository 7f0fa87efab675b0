//! [`ClientBuilder`]: credentials, region, endpoint, retry policy, timeouts, body limit and
//! transport of a [`Client`].

use crate::client::ENV_REGION;
use crate::client::{Client, Inner, DEFAULT_MAX_BODY_BYTES};
use crate::credentials::ProvideCredentials;
use crate::error::ConfigError;
use crate::providers::{DefaultChain, Environment, ProfileProvider};
use crate::retry::RetryPolicy;
use crate::transport::{Timeouts, Transport};
use std::sync::Arc;
use std::time::Duration;

/// Builds a [`Client`].
#[derive(Default)]
pub struct ClientBuilder {
    credentials: Option<Arc<dyn ProvideCredentials>>,
    region: Option<String>,
    endpoint: Option<String>,
    retry: Option<RetryPolicy>,
    timeouts: Timeouts,
    max_body_bytes: Option<usize>,
    transport: Option<Arc<dyn Transport>>,
    user_agent_suffix: Option<String>,
}

impl ClientBuilder {
    /// Where credentials come from (a [`Credentials`](crate::Credentials) value, or any provider). Default: the
    /// environment, then the Alibaba Cloud CLI profile.
    pub fn credentials(mut self, provider: impl ProvideCredentials + 'static) -> Self {
        self.credentials = Some(Arc::new(provider));
        self
    }

    /// The region that picks endpoints (unless the request names its own `RegionId`).
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// An explicit endpoint for every call: a host, or a URL such as `http://127.0.0.1:8080`.
    pub fn endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.endpoint = Some(endpoint.into());
        self
    }

    /// The retry policy ([`RetryPolicy::disabled`] switches retries off).
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = Some(policy);
        self
    }

    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.timeouts.connect = timeout;
        self
    }

    pub fn read_timeout(mut self, timeout: Duration) -> Self {
        self.timeouts.read = timeout;
        self
    }

    /// Largest response body accepted (default 10 MiB).
    pub fn max_body_bytes(mut self, limit: usize) -> Self {
        self.max_body_bytes = Some(limit);
        self
    }

    /// A custom transport (another HTTP client, or a test double).
    pub fn transport(mut self, transport: Arc<dyn Transport>) -> Self {
        self.transport = Some(transport);
        self
    }

    /// Appended to the `user-agent` header.
    pub fn user_agent_suffix(mut self, suffix: impl Into<String>) -> Self {
        self.user_agent_suffix = Some(suffix.into());
        self
    }

    pub fn build(self) -> Result<Client, ConfigError> {
        let transport = match self.transport {
            Some(t) => t,
            None => crate::transport::default_transport(self.timeouts.connect)?,
        };
        let mut user_agent = format!(
            "{} ({}; {})",
            crate::USER_AGENT,
            std::env::consts::OS,
            std::env::consts::ARCH
        );
        if let Some(s) = self.user_agent_suffix {
            user_agent.push(' ');
            user_agent.push_str(&s);
        }
        Ok(Client {
            inner: Arc::new(Inner {
                credentials: self
                    .credentials
                    .unwrap_or_else(|| Arc::new(DefaultChain::default())),
                region: self.region,
                endpoint: self.endpoint,
                retry: self.retry.unwrap_or_default(),
                timeouts: self.timeouts,
                max_body_bytes: self.max_body_bytes.unwrap_or(DEFAULT_MAX_BODY_BYTES),
                transport,
                user_agent,
            }),
        })
    }
}

impl Client {
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// Credentials from the default chain, region from `ALIBABA_CLOUD_REGION_ID` or the CLI
    /// profile.
    pub fn from_env() -> Result<Client, ConfigError> {
        let mut b = Client::builder();
        let region = std::env::var(ENV_REGION)
            .ok()
            .filter(|r| !r.is_empty())
            .or_else(|| {
                ProfileProvider::new(Environment::process(), None)
                    .load()
                    .ok()
                    .and_then(|p| p.region_id)
            });
        if let Some(r) = region {
            b = b.region(r);
        }
        b.build()
    }
}
