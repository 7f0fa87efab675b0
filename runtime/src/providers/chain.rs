//! The default chain, in the order of Alibaba's credentials libraries: environment, OIDC,
//! CLI profile, credentials file, ECS RAM role, credentials URI. The first provider that
//! answers is kept for later calls; when none does, the error names each and why.

use super::ecs::EcsRamRoleProvider;
use super::env::EnvProvider;
use super::env::{
    ENV_CREDENTIALS_URI, ENV_ECS_METADATA_DISABLED, ENV_OIDC_PROVIDER_ARN, ENV_OIDC_TOKEN_FILE,
    ENV_ROLE_ARN,
};
use super::environment::Environment;
use super::error::fail;
use super::ini::IniProvider;
use super::profile::ProfileProvider;
use super::sts::OidcProvider;
use super::uri::UriProvider;
use crate::credentials::{Credentials, ProvideCredentials};
use crate::error::ConfigError;
use crate::transport::BoxFuture;
use std::sync::{Arc, Mutex};

/// The default chain: environment, OIDC, CLI profile, credentials file, ECS RAM role,
/// credentials URI. The first provider that answers is kept for later calls; when none
/// does, the error names each and why.
#[derive(Debug)]
pub struct DefaultChain {
    providers: Vec<(&'static str, Arc<dyn ProvideCredentials>)>,
    chosen: Mutex<Option<usize>>,
}

impl Default for DefaultChain {
    fn default() -> Self {
        DefaultChain::new(Environment::process())
    }
}

impl DefaultChain {
    /// The chain as `env` configures it: OIDC only when its three variables are set, the
    /// ECS RAM role unless disabled, the URI only when set (the others fail with that
    /// reason, so the final error still names them).
    pub fn new(env: Environment) -> Self {
        let mut providers: Vec<(&'static str, Arc<dyn ProvideCredentials>)> =
            vec![("env", Arc::new(EnvProvider::new(env.clone())))];
        providers.push(match OidcProvider::from_env(&env) {
            Some(p) => ("oidc_role_arn", Arc::new(p)),
            None => unconfigured("oidc_role_arn", format!("{ENV_ROLE_ARN}, {ENV_OIDC_PROVIDER_ARN} and {ENV_OIDC_TOKEN_FILE} are not all set")),
        });
        providers.push((
            "cli_profile",
            Arc::new(ProfileProvider::new(env.clone(), None)),
        ));
        providers.push(("profile", Arc::new(IniProvider::new(env.clone()))));
        providers.push(match EcsRamRoleProvider::from_env(&env) {
            Some(p) => ("ecs_ram_role", Arc::new(p)),
            None => unconfigured(
                "ecs_ram_role",
                format!("disabled by {ENV_ECS_METADATA_DISABLED}"),
            ),
        });
        providers.push(match UriProvider::from_env(&env) {
            Some(p) => ("credentials_uri", Arc::new(p)),
            None => unconfigured(
                "credentials_uri",
                format!("{ENV_CREDENTIALS_URI} is not set"),
            ),
        });
        DefaultChain {
            providers,
            chosen: Mutex::new(None),
        }
    }

    /// The names of the providers, in the order they are tried.
    pub fn provider_names(&self) -> Vec<&'static str> {
        self.providers.iter().map(|(n, _)| *n).collect()
    }

    async fn resolve(&self) -> Result<Credentials, ConfigError> {
        let chosen = *self.chosen.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(i) = chosen {
            return self.providers[i].1.provide_credentials().await.map(named);
        }
        let mut reasons = Vec::new();
        for (i, (name, p)) in self.providers.iter().enumerate() {
            match p.provide_credentials().await {
                Ok(c) => {
                    *self.chosen.lock().unwrap_or_else(|e| e.into_inner()) = Some(i);
                    return Ok(named(c));
                }
                Err(e) => reasons.push(format!("{name}: {}", strip(&e, name))),
            }
        }
        Err(ConfigError::Credentials(format!(
            "no provider of the default chain has credentials:\n  - {}",
            reasons.join("\n  - ")
        )))
    }
}

/// A provider the environment does not configure: it fails with the reason.
#[derive(Debug)]
struct Unconfigured {
    name: &'static str,
    reason: String,
}

impl ProvideCredentials for Unconfigured {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, ConfigError>> {
        let e = fail(self.name, &self.reason);
        Box::pin(async move { Err(e) })
    }
}

fn unconfigured(name: &'static str, reason: String) -> (&'static str, Arc<dyn ProvideCredentials>) {
    (name, Arc::new(Unconfigured { name, reason }))
}

fn named(c: Credentials) -> Credentials {
    let name = format!("default/{}", c.provider_name());
    c.with_provider(name)
}

/// A provider's message without the `credentials: <name>: ` it starts with.
fn strip(e: &ConfigError, name: &str) -> String {
    let text = match e {
        ConfigError::Credentials(m) => m.as_str(),
        other => return other.to_string(),
    };
    text.strip_prefix(name)
        .and_then(|t| t.strip_prefix(": "))
        .unwrap_or(text)
        .to_string()
}

impl ProvideCredentials for DefaultChain {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, ConfigError>> {
        Box::pin(self.resolve())
    }
}
