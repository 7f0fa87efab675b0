//! A provider built from a configuration file, on first use.

use crate::credentials::{Credentials, ProvideCredentials};
use crate::error::ConfigError;
use std::sync::{Arc, Mutex};

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
