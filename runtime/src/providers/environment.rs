//! Where providers look: [`Environment`].

use crate::error::ConfigError;
use crate::transport::Transport;
use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

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
