//! [`ClientBuilder`]: credentials, region, endpoint, retry policy, timeouts, body limit and
//! transport of a [`Client`].

use crate::client::ENV_REGION;
use crate::client::{Client, Inner, DEFAULT_MAX_BODY_BYTES};
use crate::credentials::ProvideCredentials;
use crate::endpoint::Network;
use crate::error::ConfigError;
use crate::hook::Hook;
use crate::providers::{DefaultChain, Environment, ProfileProvider};
use crate::retry::RetryPolicy;
use crate::transport::{Timeouts, Transport};
use std::sync::Arc;
use std::time::Duration;

/// Environment variable of the network the gateway is reached through (`vpc`).
pub const ENV_NETWORK: &str = "ALIBABA_CLOUD_NETWORK_TYPE";

/// Environment variable of an endpoint for every product's calls (`http://127.0.0.1:8080`, a
/// proxy, a mirror), read by [`Client::from_env`]; `ALIBABA_CLOUD_ENDPOINT_URL_<PRODUCT>`
/// (`_DDOSCOO`, `_BSSOPENAPI`: the product code in upper case, other characters as `_`) is
/// one product's, and wins over it. As aws-sdk-rust's `AWS_ENDPOINT_URL` and
/// `AWS_ENDPOINT_URL_<SERVICE>`.
pub const ENV_ENDPOINT_URL: &str = "ALIBABA_CLOUD_ENDPOINT_URL";

/// The `user-agent` product token of this runtime.
pub const USER_AGENT: &str = concat!("acs-codegen-rust/", env!("CARGO_PKG_VERSION"));

/// Builds a [`Client`].
#[derive(Default)]
pub struct ClientBuilder {
    credentials: Option<Arc<dyn ProvideCredentials>>,
    region: Option<String>,
    endpoint: Option<String>,
    product_endpoints: Vec<(String, String)>,
    retry: Option<RetryPolicy>,
    timeouts: Timeouts,
    max_body_bytes: Option<usize>,
    transport: Option<Arc<dyn Transport>>,
    user_agent_suffix: Option<String>,
    network: Network,
    extra_query: Vec<(String, String)>,
    extra_headers: Vec<(String, String)>,
    hook: Option<Arc<dyn Hook>>,
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

    /// An explicit endpoint for one product's calls (`ddoscoo`, case and punctuation aside),
    /// over [`endpoint`](Self::endpoint).
    pub fn product_endpoint(
        mut self,
        product: impl AsRef<str>,
        endpoint: impl Into<String>,
    ) -> Self {
        self.product_endpoints.push((
            crate::endpoint::product_key(product.as_ref()),
            endpoint.into(),
        ));
        self
    }

    /// The retry policy ([`RetryPolicy::disabled`] switches retries off).
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = Some(policy);
        self
    }

    /// Time allowed to open a connection (default 5 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.timeouts.connect = timeout;
        self
    }

    /// Time allowed for a whole response after the request is sent (default 10 s).
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

    /// The network the gateway is reached through: `vpc` (from inside Alibaba Cloud), or
    /// `public` (the default); [`Client::from_env`] reads `ALIBABA_CLOUD_NETWORK_TYPE`. The
    /// host is then built as the official SDKs build it (`ecs-vpc.cn-hangzhou.aliyuncs.com`);
    /// a region's own host (`x-acs-endpoints`) and an explicit endpoint win over it, as they
    /// do there.
    pub fn network(mut self, network: impl Into<String>) -> Self {
        self.network.network = Some(network.into());
        self
    }

    /// The endpoint suffix of the official endpoint rules (`ecs-<suffix>.<region>...`).
    pub fn endpoint_suffix(mut self, suffix: impl Into<String>) -> Self {
        self.network.suffix = Some(suffix.into());
        self
    }

    /// A query parameter added to every call (signed like the others).
    pub fn query_param(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.extra_query.push((name.into(), value.into()));
        self
    }

    /// A header added to every call (an `x-acs-*` one is signed).
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.extra_headers.push((name.into(), value.into()));
        self
    }

    /// Code that sees each request before it is signed and each response before it is
    /// decoded ([`Hook`]).
    pub fn hook(mut self, hook: Arc<dyn Hook>) -> Self {
        self.hook = Some(hook);
        self
    }

    /// The network (`ALIBABA_CLOUD_NETWORK_TYPE`) and the endpoint variables
    /// ([`ENV_ENDPOINT_URL`]), as [`Client::from_env`] and the `acs` CLI read them.
    pub(crate) fn network_and_endpoints_from_env(mut self) -> Self {
        for (name, value) in std::env::vars() {
            if value.is_empty() {
                continue;
            }
            if name == ENV_NETWORK {
                self = self.network(value);
            } else if name == ENV_ENDPOINT_URL {
                self = self.endpoint(value);
            } else if let Some(product) = name
                .strip_prefix(ENV_ENDPOINT_URL)
                .and_then(|p| p.strip_prefix('_'))
            {
                self = self.product_endpoint(product, value);
            }
        }
        self
    }

    /// One endpoint for every call, whatever the endpoint variables said (the CLI's
    /// `--endpoint`).
    #[cfg(feature = "cli")]
    pub(crate) fn only_endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.product_endpoints.clear();
        self.endpoint(endpoint)
    }

    /// The client: an error for a transport that cannot be built (TLS roots).
    pub fn build(self) -> Result<Client, ConfigError> {
        let transport = match self.transport {
            Some(t) => t,
            None => crate::transport::default_transport(self.timeouts.connect)?,
        };
        let mut user_agent = format!(
            "{} ({}; {})",
            USER_AGENT,
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
                product_endpoints: self.product_endpoints,
                network: self.network,
                extra_query: self.extra_query,
                extra_headers: self.extra_headers,
                hook: self.hook,
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
    /// A [`ClientBuilder`] with every setting at its default.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// Credentials from the default chain, region from `ALIBABA_CLOUD_REGION_ID` or the CLI
    /// profile, network from `ALIBABA_CLOUD_NETWORK_TYPE` (`vpc`; default public), endpoints
    /// from `ALIBABA_CLOUD_ENDPOINT_URL` and `ALIBABA_CLOUD_ENDPOINT_URL_<PRODUCT>`
    /// ([`ENV_ENDPOINT_URL`]).
    pub fn from_env() -> Result<Client, ConfigError> {
        let mut b = Client::builder().network_and_endpoints_from_env();
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
