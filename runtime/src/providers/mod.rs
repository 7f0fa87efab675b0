//! Where credentials come from, as in Alibaba's credentials libraries: static keys, the
//! environment, OIDC (ACK RRSA), the CLI profile, the credentials file, the ECS instance's
//! RAM role, a credentials URI, and an assumed RAM role on top of any of them; and the
//! [`DefaultChain`] that tries them in that order.
//!
//! Temporary credentials are cached and refreshed 15 minutes before they expire, by one
//! caller while the others wait for its result. Every endpoint can be
//! overridden, through [`Environment`], so tests run against loopback doubles.

mod cache;
mod chain;
mod ecs;
mod env;
mod http;
mod ini;
mod profile;
mod sts;
mod uri;

pub use chain::DefaultChain;
pub use ecs::EcsRamRoleProvider;
pub use env::*;
pub use ini::IniProvider;
pub use profile::{Profile, ProfileProvider};
pub use sts::{OidcProvider, RamRoleArnProvider, StsSettings};
pub use uri::UriProvider;

use crate::credentials::{Credentials, ProvideCredentials};
use crate::error::ConfigError;
use crate::transport::Transport;
use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// Where providers look: environment variables (the process's, or a given set), the home
/// directory of the CLI profile and the credentials file, the endpoints of STS and of the
/// ECS metadata service, and the HTTP transport. Defaults are the real ones.
#[derive(Clone, Default)]
pub struct Environment {
    vars: Option<Arc<BTreeMap<String, String>>>,
    home: Option<PathBuf>,
    pub(crate) sts_endpoint: Option<String>,
    pub(crate) ecs_metadata_endpoint: Option<String>,
    pub(crate) transport: Option<Arc<dyn Transport>>,
}

impl fmt::Debug for Environment {
    // Variable values may be secrets: only their names are shown.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Environment")
            .field(
                "vars",
                &self.vars.as_ref().map(|v| v.keys().collect::<Vec<_>>()),
            )
            .field("home", &self.home)
            .field("sts_endpoint", &self.sts_endpoint)
            .field("ecs_metadata_endpoint", &self.ecs_metadata_endpoint)
            .finish_non_exhaustive()
    }
}

impl Environment {
    /// The process's environment and home directory.
    pub fn process() -> Self {
        Environment::default()
    }

    /// Reads these variables instead of the process's.
    pub fn with_vars<K: Into<String>, V: Into<String>>(
        mut self,
        vars: impl IntoIterator<Item = (K, V)>,
    ) -> Self {
        self.vars = Some(Arc::new(
            vars.into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect(),
        ));
        self
    }

    /// The home directory holding `.aliyun/config.json` and `.alibabacloud/credentials.ini`.
    pub fn with_home(mut self, home: impl Into<PathBuf>) -> Self {
        self.home = Some(home.into());
        self
    }

    /// STS endpoint for every provider that assumes a role (`http://127.0.0.1:8080` in tests).
    pub fn with_sts_endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.sts_endpoint = Some(endpoint.into());
        self
    }

    /// The ECS metadata service (default `http://100.100.100.200`).
    pub fn with_ecs_metadata_endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.ecs_metadata_endpoint = Some(endpoint.into());
        self
    }

    /// The HTTP transport of the metadata, URI and STS requests.
    pub fn with_transport(mut self, transport: Arc<dyn Transport>) -> Self {
        self.transport = Some(transport);
        self
    }

    /// A variable's value; empty counts as unset.
    pub fn var(&self, name: &str) -> Option<String> {
        match &self.vars {
            Some(v) => v.get(name).cloned(),
            None => std::env::var(name).ok(),
        }
        .filter(|v| !v.is_empty())
    }

    /// Whether a variable is `true` (case-insensitive).
    pub fn flag(&self, name: &str) -> bool {
        self.var(name)
            .is_some_and(|v| v.eq_ignore_ascii_case("true"))
    }

    /// The home directory: the given one, else `HOME` (`USERPROFILE` on Windows).
    pub fn home(&self) -> Option<PathBuf> {
        self.home.clone().or_else(|| {
            self.var("HOME")
                .or_else(|| self.var("USERPROFILE"))
                .map(PathBuf::from)
        })
    }

    pub(crate) fn transport(&self) -> Result<Arc<dyn Transport>, ConfigError> {
        match &self.transport {
            Some(t) => Ok(t.clone()),
            None => {
                crate::transport::default_transport(crate::transport::Timeouts::default().connect)
            }
        }
    }
}

/// A credentials error (its text names the provider; it never carries a secret).
pub(crate) fn fail(provider: &str, message: impl fmt::Display) -> ConfigError {
    ConfigError::Credentials(format!("{provider}: {message}"))
}

/// A required string field of a credentials document.
pub(crate) fn field<'a>(
    doc: &'a serde_json::Value,
    name: &str,
    provider: &str,
) -> Result<&'a str, ConfigError> {
    doc.get(name)
        .and_then(|v| v.as_str())
        .filter(|v| !v.is_empty())
        .ok_or_else(|| fail(provider, format!("the response has no `{name}`")))
}

/// Temporary credentials from a document with `AccessKeyId`, `AccessKeySecret`,
/// `SecurityToken` and `Expiration` (STS's `Credentials`, the ECS metadata service, a
/// credentials URI). Expired ones are refused.
pub(crate) fn temporary_credentials(
    doc: &serde_json::Value,
    provider: &str,
) -> Result<crate::Credentials, ConfigError> {
    let id = field(doc, "AccessKeyId", provider)?;
    let secret = field(doc, "AccessKeySecret", provider)?;
    let token = field(doc, "SecurityToken", provider)?;
    let expiration = field(doc, "Expiration", provider)?;
    let expires = crate::time::parse_iso8601(expiration).ok_or_else(|| {
        fail(
            provider,
            format!("`Expiration` is not a UTC time (YYYY-MM-DDTHH:MM:SSZ): `{expiration}`"),
        )
    })?;
    let credentials = crate::Credentials::new(id, secret)
        .with_security_token(token)
        .with_expiration(expires)
        .with_provider(provider);
    if credentials.is_expired_at(crate::time::now_secs()) {
        return Err(fail(
            provider,
            format!("the credentials it returned expired at {expiration}"),
        ));
    }
    Ok(credentials)
}

/// The provider a configuration file describes (a CLI profile, a credentials-file profile):
/// built on first use and kept, with the temporary credentials it caches. Its credentials
/// are named `<file provider>/<inner provider>` (`cli_profile/ram_role_arn/static_ak`).
#[derive(Debug, Default)]
pub(crate) struct FileProvider {
    inner: Mutex<Option<Arc<dyn ProvideCredentials>>>,
}

impl FileProvider {
    pub(crate) async fn credentials(
        &self,
        name: &str,
        build: impl FnOnce() -> Result<Arc<dyn ProvideCredentials>, ConfigError>,
    ) -> Result<Credentials, ConfigError> {
        let provider = {
            let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
            match &*inner {
                Some(p) => p.clone(),
                None => inner.insert(build()?).clone(),
            }
        };
        let c = provider.provide_credentials().await?;
        let named = format!("{name}/{}", c.provider_name());
        Ok(c.with_provider(named))
    }
}
