//! The Alibaba Cloud CLI's configuration (`~/.aliyun/config.json`): the named profile, else
//! `ALIBABA_CLOUD_PROFILE`, else the file's `current` one, in any of the CLI's modes:
//! `AK`, `StsToken`, `RamRoleArn`, `EcsRamRole`, `OIDC`, `ChainableRamRoleArn`.

use super::ecs::EcsRamRoleProvider;
use super::env::ENV_PROFILE;
use super::environment::Environment;
use super::error::fail;
use super::file::FileProvider;
use super::sts::{OidcProvider, RamRoleArnProvider, StsSettings};
use crate::credentials::{Credentials, ProvideCredentials};
use crate::error::ConfigError;
use crate::transport::BoxFuture;
use serde_json::Value;
use std::path::PathBuf;
use std::sync::Arc;

const NAME: &str = "cli_profile";

/// One profile of the CLI's configuration file.
#[derive(Clone, Debug, Default)]
pub struct Profile {
    /// The profile's name.
    pub name: String,
    /// `AK`, `StsToken`, `RamRoleArn`, `EcsRamRole`, `OIDC` or `ChainableRamRoleArn`.
    pub mode: String,
    /// The profile's region.
    pub region_id: Option<String>,
}

/// Credentials of a CLI profile. The profile is read once, on first use; its provider
/// (and the temporary credentials it caches) is kept.
#[derive(Debug, Default)]
pub struct ProfileProvider {
    env: Environment,
    path: Option<PathBuf>,
    profile: Option<String>,
    inner: FileProvider,
}

/// The parsed file and the path it came from.
struct ConfigFile {
    path: PathBuf,
    doc: Value,
}

impl ConfigFile {
    fn profile(&self, name: &str) -> Result<&Value, ConfigError> {
        self.doc
            .get("profiles")
            .and_then(|p| p.as_array())
            .and_then(|ps| {
                ps.iter()
                    .find(|p| p.get("name").and_then(|n| n.as_str()) == Some(name))
            })
            .ok_or_else(|| {
                fail(
                    NAME,
                    format!("no profile `{name}` in {}", self.path.display()),
                )
            })
    }
}

/// A non-empty string field of a profile.
fn s(profile: &Value, key: &str) -> Option<String> {
    profile
        .get(key)
        .and_then(|v| v.as_str())
        .filter(|v| !v.is_empty())
        .map(str::to_string)
}

fn required(profile: &Value, key: &str, name: &str) -> Result<String, ConfigError> {
    s(profile, key).ok_or_else(|| fail(NAME, format!("profile `{name}` has no `{key}`")))
}

impl ProfileProvider {
    /// The profile `name` (or the default one) of the default file.
    pub fn new(env: Environment, name: Option<String>) -> Self {
        ProfileProvider {
            env,
            path: None,
            profile: name,
            inner: FileProvider::default(),
        }
    }

    /// Reads this file instead of `~/.aliyun/config.json`.
    pub fn path(mut self, path: impl Into<PathBuf>) -> Self {
        self.path = Some(path.into());
        self
    }

    fn read(&self) -> Result<ConfigFile, ConfigError> {
        let path = match &self.path {
            Some(p) => p.clone(),
            None => self
                .env
                .home()
                .ok_or_else(|| fail(NAME, "no home directory"))?
                .join(".aliyun")
                .join("config.json"),
        };
        let text = std::fs::read_to_string(&path)
            .map_err(|e| fail(NAME, format!("cannot read {}: {e}", path.display())))?;
        let doc = serde_json::from_str(&text).map_err(|e| {
            fail(
                NAME,
                format!(
                    "{} is not valid JSON: line {}, column {}",
                    path.display(),
                    e.line(),
                    e.column()
                ),
            )
        })?;
        Ok(ConfigFile { path, doc })
    }

    fn selected(&self, file: &ConfigFile) -> String {
        self.profile
            .clone()
            .or_else(|| self.env.var(ENV_PROFILE))
            .or_else(|| s(&file.doc, "current"))
            .unwrap_or_else(|| "default".into())
    }

    /// Reads the selected profile's name, mode and region.
    pub fn load(&self) -> Result<Profile, ConfigError> {
        let file = self.read()?;
        let name = self.selected(&file);
        let p = file.profile(&name)?;
        Ok(Profile {
            mode: s(p, "mode").unwrap_or_else(|| "AK".into()),
            region_id: s(p, "region_id"),
            name,
        })
    }

    /// Reads the file and builds the selected profile's provider.
    fn load_provider(&self) -> Result<Arc<dyn ProvideCredentials>, ConfigError> {
        let file = self.read()?;
        let name = self.selected(&file);
        self.build(&file, &name, &mut Vec::new())
    }

    /// The provider of profile `name`; `seen` guards `source_profile` cycles.
    fn build(
        &self,
        file: &ConfigFile,
        name: &str,
        seen: &mut Vec<String>,
    ) -> Result<Arc<dyn ProvideCredentials>, ConfigError> {
        if seen.iter().any(|n| n == name) {
            return Err(fail(
                NAME,
                format!(
                    "profiles form a cycle through `source_profile`: {} -> {name}",
                    seen.join(" -> ")
                ),
            ));
        }
        seen.push(name.to_string());
        let p = file.profile(name)?;
        let mode = s(p, "mode").unwrap_or_else(|| "AK".into());
        let access_key = || -> Result<Credentials, ConfigError> {
            Ok(Credentials::new(
                required(p, "access_key_id", name)?,
                required(p, "access_key_secret", name)?,
            ))
        };
        let role = |source: Arc<dyn ProvideCredentials>| -> Result<Arc<dyn ProvideCredentials>, ConfigError> {
            let mut settings = StsSettings::new(required(p, "ram_role_arn", name)?, &self.env);
            if let Some(n) = s(p, "ram_session_name") {
                settings.role_session_name = n;
            }
            if let Some(d) = p.get("expired_seconds").and_then(|d| d.as_u64()).filter(|d| *d > 0) {
                settings.duration_seconds = d.min(u32::MAX as u64) as u32;
            }
            settings.policy = s(p, "policy");
            if let Some(r) = s(p, "sts_region") {
                settings.region = Some(r);
            }
            let mut provider = RamRoleArnProvider::new(source, settings);
            if let Some(id) = s(p, "external_id") {
                provider = provider.external_id(id);
            }
            Ok(Arc::new(provider))
        };
        let provider: Arc<dyn ProvideCredentials> = match mode.as_str() {
            "AK" => Arc::new(access_key()?),
            "StsToken" => Arc::new(access_key()?.with_security_token(required(p, "sts_token", name)?)),
            "RamRoleArn" => role(Arc::new(access_key()?))?,
            "ChainableRamRoleArn" => {
                let source = required(p, "source_profile", name)?;
                role(self.build(file, &source, seen)?)?
            }
            "EcsRamRole" => {
                let ecs = EcsRamRoleProvider::from_env(&self.env).ok_or_else(|| {
                    fail(NAME, format!("profile `{name}` uses the ECS RAM role, but the metadata service is disabled"))
                })?;
                Arc::new(match s(p, "ram_role_name") {
                    Some(r) => ecs.role_name(r),
                    None => ecs,
                })
            }
            "OIDC" => {
                let mut settings = StsSettings::new(required(p, "ram_role_arn", name)?, &self.env);
                if let Some(n) = s(p, "role_session_name") {
                    settings.role_session_name = n;
                }
                if let Some(r) = s(p, "sts_region") {
                    settings.region = Some(r);
                }
                Arc::new(OidcProvider::new(
                    settings,
                    required(p, "oidc_provider_arn", name)?,
                    required(p, "oidc_token_file", name)?,
                ))
            }
            other => {
                return Err(fail(
                    NAME,
                    format!("profile `{name}` has mode `{other}`; supported: AK, StsToken, RamRoleArn, EcsRamRole, OIDC, ChainableRamRoleArn"),
                ))
            }
        };
        Ok(provider)
    }
}

impl ProvideCredentials for ProfileProvider {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, ConfigError>> {
        Box::pin(self.inner.credentials(NAME, || self.load_provider()))
    }
}
