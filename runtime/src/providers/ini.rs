//! The credentials file of Alibaba's credentials libraries
//! (`~/.alibabacloud/credentials.ini`, or `ALIBABA_CLOUD_CREDENTIALS_FILE`): INI sections
//! named after profiles (`ALIBABA_CLOUD_PROFILE`, else `default`), each with a `type`:
//! `access_key`, `ecs_ram_role`, `ram_role_arn` or `oidc_role_arn`.

use super::ecs::EcsRamRoleProvider;
use super::env::{ENV_CREDENTIALS_FILE, ENV_PROFILE};
use super::environment::Environment;
use super::error::fail;
use super::file::FileProvider;
use super::sts::{OidcProvider, RamRoleArnProvider, StsSettings};
use crate::credentials::{Credentials, ProvideCredentials};
use crate::error::ConfigError;
use crate::transport::BoxFuture;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

const NAME: &str = "profile";

type Section = BTreeMap<String, String>;

/// Parses INI text: `[section]` headers, `key = value` lines, `#`/`;` comments (also after
/// a value). Errors name the line.
fn parse(text: &str, path: &Path) -> Result<BTreeMap<String, Section>, ConfigError> {
    let mut sections: BTreeMap<String, Section> = BTreeMap::new();
    let mut current: Option<String> = None;
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            let name = name.trim().to_string();
            sections.entry(name.clone()).or_default();
            current = Some(name);
            continue;
        }
        let bad = || {
            fail(
                NAME,
                format!(
                    "{}:{}: expected `[profile]` or `key = value`",
                    path.display(),
                    i + 1
                ),
            )
        };
        let (key, value) = line.split_once('=').ok_or_else(bad)?;
        let section = current.as_ref().ok_or_else(bad)?;
        let value = value.split('#').next().unwrap_or("").trim();
        sections
            .entry(section.clone())
            .or_default()
            .insert(key.trim().to_string(), value.to_string());
    }
    Ok(sections)
}

/// Credentials of a profile of the credentials file, read once on first use.
#[derive(Debug, Default)]
pub struct IniProvider {
    env: Environment,
    path: Option<PathBuf>,
    profile: Option<String>,
    inner: FileProvider,
}

impl IniProvider {
    /// The provider reading the file `env` locates.
    pub fn new(env: Environment) -> Self {
        IniProvider {
            env,
            ..IniProvider::default()
        }
    }

    /// Reads this file instead of the default one.
    pub fn path(mut self, path: impl Into<PathBuf>) -> Self {
        self.path = Some(path.into());
        self
    }

    /// This profile instead of `ALIBABA_CLOUD_PROFILE` or `default`.
    pub fn profile(mut self, name: impl Into<String>) -> Self {
        self.profile = Some(name.into());
        self
    }

    fn file(&self) -> Result<PathBuf, ConfigError> {
        if let Some(p) = &self.path {
            return Ok(p.clone());
        }
        if let Some(p) = self.env.var(ENV_CREDENTIALS_FILE) {
            return Ok(PathBuf::from(p));
        }
        Ok(self
            .env
            .home()
            .ok_or_else(|| fail(NAME, "no home directory"))?
            .join(".alibabacloud")
            .join("credentials.ini"))
    }

    /// Reads the file and builds the selected profile's provider.
    fn load_provider(&self) -> Result<Arc<dyn ProvideCredentials>, ConfigError> {
        let path = self.file()?;
        let text = std::fs::read_to_string(&path)
            .map_err(|e| fail(NAME, format!("cannot read {}: {e}", path.display())))?;
        let sections = parse(&text, &path)?;
        let name = self
            .profile
            .clone()
            .or_else(|| self.env.var(ENV_PROFILE))
            .unwrap_or_else(|| "default".into());
        let section = sections
            .get(&name)
            .ok_or_else(|| fail(NAME, format!("no profile `{name}` in {}", path.display())))?;
        self.build(section, &name, &path)
    }

    fn build(
        &self,
        section: &Section,
        name: &str,
        path: &Path,
    ) -> Result<Arc<dyn ProvideCredentials>, ConfigError> {
        let get = |k: &str| section.get(k).filter(|v| !v.is_empty()).cloned();
        let required = |k: &str| {
            get(k).ok_or_else(|| {
                fail(
                    NAME,
                    format!("profile `{name}` of {} has no `{k}`", path.display()),
                )
            })
        };
        let access_key = || -> Result<Credentials, ConfigError> {
            Ok(Credentials::new(
                required("access_key_id")?,
                required("access_key_secret")?,
            ))
        };
        let settings = || -> Result<StsSettings, ConfigError> {
            let mut s = StsSettings::new(required("role_arn")?, &self.env);
            if let Some(n) = get("role_session_name") {
                s.role_session_name = n;
            }
            s.policy = get("policy");
            Ok(s)
        };
        let kind = required("type")?;
        Ok(match kind.as_str() {
            "access_key" => Arc::new(access_key()?),
            "ram_role_arn" => Arc::new(RamRoleArnProvider::new(Arc::new(access_key()?), settings()?)),
            "oidc_role_arn" => Arc::new(OidcProvider::new(
                settings()?,
                required("oidc_provider_arn")?,
                required("oidc_token_file_path")?,
            )),
            "ecs_ram_role" => {
                let ecs = EcsRamRoleProvider::from_env(&self.env).ok_or_else(|| {
                    fail(NAME, format!("profile `{name}` uses the ECS RAM role, but the metadata service is disabled"))
                })?;
                Arc::new(match get("role_name") {
                    Some(r) => ecs.role_name(r),
                    None => ecs,
                })
            }
            other => {
                return Err(fail(
                    NAME,
                    format!("profile `{name}` of {} has type `{other}`; supported: access_key, ecs_ram_role, ram_role_arn, oidc_role_arn", path.display()),
                ))
            }
        })
    }
}

impl ProvideCredentials for IniProvider {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, ConfigError>> {
        Box::pin(self.inner.credentials(NAME, || self.load_provider()))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn parses_sections_and_comments() {
        let text = "# top\n[default]\ntype = access_key # inline\naccess_key_id=AK\n; c\n[other]\n type = ecs_ram_role\n";
        let s = super::parse(text, std::path::Path::new("c.ini")).unwrap();
        assert_eq!(s["default"]["type"], "access_key");
        assert_eq!(s["default"]["access_key_id"], "AK");
        assert_eq!(s["other"]["type"], "ecs_ram_role");
        let e =
            super::parse("key = before any section\n", std::path::Path::new("c.ini")).unwrap_err();
        assert!(e.to_string().contains("c.ini:1"), "{e}");
    }
}
