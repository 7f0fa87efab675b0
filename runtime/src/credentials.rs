//! Credentials and where they come from: code, the environment, or the Alibaba Cloud CLI's
//! profile file. The secret and the security token never appear in `Debug` output.

use crate::error::ConfigError;
use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

/// A value that must not be printed.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The value, for signing.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"***\"")
    }
}

/// An AccessKey pair, with an STS security token for temporary credentials.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    access_key_id: String,
    access_key_secret: Secret,
    security_token: Option<Secret>,
}

impl Credentials {
    pub fn new(access_key_id: impl Into<String>, access_key_secret: impl Into<String>) -> Self {
        Credentials {
            access_key_id: access_key_id.into(),
            access_key_secret: Secret::new(access_key_secret),
            security_token: None,
        }
    }

    /// Adds an STS security token (sent as `x-acs-security-token`).
    pub fn with_security_token(mut self, token: impl Into<String>) -> Self {
        self.security_token = Some(Secret::new(token));
        self
    }

    pub fn access_key_id(&self) -> &str {
        &self.access_key_id
    }

    pub fn access_key_secret(&self) -> &Secret {
        &self.access_key_secret
    }

    pub fn security_token(&self) -> Option<&Secret> {
        self.security_token.as_ref()
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("access_key_secret", &self.access_key_secret)
            .field(
                "security_token",
                &self.security_token.as_ref().map(|_| "***"),
            )
            .finish()
    }
}

/// A source of credentials, asked before every call (so rotated keys are picked up).
pub trait ProvideCredentials: Send + Sync + fmt::Debug {
    fn credentials(&self) -> Result<Credentials, ConfigError>;
}

impl ProvideCredentials for Credentials {
    fn credentials(&self) -> Result<Credentials, ConfigError> {
        Ok(self.clone())
    }
}

/// Environment variable of the AccessKey ID.
pub const ENV_ACCESS_KEY_ID: &str = "ALIBABA_CLOUD_ACCESS_KEY_ID";
/// Environment variable of the AccessKey secret.
pub const ENV_ACCESS_KEY_SECRET: &str = "ALIBABA_CLOUD_ACCESS_KEY_SECRET";
/// Environment variable of the STS security token.
pub const ENV_SECURITY_TOKEN: &str = "ALIBABA_CLOUD_SECURITY_TOKEN";
/// Environment variable naming the CLI profile to use.
pub const ENV_PROFILE: &str = "ALIBABA_CLOUD_PROFILE";

/// Credentials from `ALIBABA_CLOUD_ACCESS_KEY_ID`, `ALIBABA_CLOUD_ACCESS_KEY_SECRET` and,
/// optionally, `ALIBABA_CLOUD_SECURITY_TOKEN`.
#[derive(Clone, Debug, Default)]
pub struct EnvProvider;

impl ProvideCredentials for EnvProvider {
    fn credentials(&self) -> Result<Credentials, ConfigError> {
        let var = |n: &str| std::env::var(n).ok().filter(|v| !v.is_empty());
        match (var(ENV_ACCESS_KEY_ID), var(ENV_ACCESS_KEY_SECRET)) {
            (Some(id), Some(secret)) => {
                let c = Credentials::new(id, secret);
                Ok(match var(ENV_SECURITY_TOKEN) {
                    Some(t) => c.with_security_token(t),
                    None => c,
                })
            }
            _ => Err(ConfigError::Credentials(format!(
                "{ENV_ACCESS_KEY_ID} and {ENV_ACCESS_KEY_SECRET} are not both set"
            ))),
        }
    }
}

/// Credentials from the Alibaba Cloud CLI's configuration (`~/.aliyun/config.json`):
/// the named profile, else `ALIBABA_CLOUD_PROFILE`, else the file's `current` profile.
/// Modes `AK` and `StsToken` are supported.
#[derive(Clone, Debug, Default)]
pub struct ProfileProvider {
    pub path: Option<PathBuf>,
    pub profile: Option<String>,
}

/// One profile of the CLI's configuration file.
#[derive(Clone, Debug, Default)]
pub struct Profile {
    pub name: String,
    pub credentials: Option<Credentials>,
    pub region_id: Option<String>,
}

impl ProfileProvider {
    /// The profile `name` (or the default one) of the default file.
    pub fn named(name: Option<String>) -> Self {
        ProfileProvider {
            path: None,
            profile: name,
        }
    }

    fn file(&self) -> Option<PathBuf> {
        self.path.clone().or_else(|| {
            std::env::var_os("HOME")
                .or_else(|| std::env::var_os("USERPROFILE"))
                .map(|h| PathBuf::from(h).join(".aliyun").join("config.json"))
        })
    }

    /// Reads the selected profile.
    pub fn load(&self) -> Result<Profile, ConfigError> {
        let path = self.file().ok_or_else(|| {
            ConfigError::Credentials("no home directory for the CLI profile".into())
        })?;
        let text = std::fs::read_to_string(&path).map_err(|e| {
            ConfigError::Credentials(format!("cannot read {}: {e}", path.display()))
        })?;
        let doc: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
            ConfigError::Credentials(format!("{} is not valid JSON: {e}", path.display()))
        })?;
        let wanted = self
            .profile
            .clone()
            .or_else(|| std::env::var(ENV_PROFILE).ok().filter(|p| !p.is_empty()))
            .or_else(|| {
                doc.get("current")
                    .and_then(|c| c.as_str())
                    .map(str::to_string)
            })
            .unwrap_or_else(|| "default".into());
        let profile = doc
            .get("profiles")
            .and_then(|p| p.as_array())
            .and_then(|ps| {
                ps.iter()
                    .find(|p| p.get("name").and_then(|n| n.as_str()) == Some(wanted.as_str()))
            })
            .ok_or_else(|| {
                ConfigError::Credentials(format!("no profile `{wanted}` in {}", path.display()))
            })?;
        let s = |k: &str| {
            profile
                .get(k)
                .and_then(|v| v.as_str())
                .filter(|v| !v.is_empty())
                .map(str::to_string)
        };
        let mode = s("mode").unwrap_or_else(|| "AK".into());
        let credentials = match (mode.as_str(), s("access_key_id"), s("access_key_secret")) {
            ("AK", Some(id), Some(secret)) => Some(Credentials::new(id, secret)),
            ("StsToken", Some(id), Some(secret)) => {
                let c = Credentials::new(id, secret);
                Some(match s("sts_token") {
                    Some(t) => c.with_security_token(t),
                    None => c,
                })
            }
            _ => None,
        };
        Ok(Profile {
            name: wanted,
            credentials,
            region_id: s("region_id"),
        })
    }
}

impl ProvideCredentials for ProfileProvider {
    fn credentials(&self) -> Result<Credentials, ConfigError> {
        let p = self.load()?;
        p.credentials.ok_or_else(|| {
            ConfigError::Credentials(format!(
                "profile `{}` has no AccessKey (supported modes: AK, StsToken)",
                p.name
            ))
        })
    }
}

/// The environment, then the CLI profile.
#[derive(Clone, Debug)]
pub struct DefaultChain {
    providers: Vec<Arc<dyn ProvideCredentials>>,
}

impl Default for DefaultChain {
    fn default() -> Self {
        DefaultChain {
            providers: vec![Arc::new(EnvProvider), Arc::new(ProfileProvider::default())],
        }
    }
}

impl ProvideCredentials for DefaultChain {
    fn credentials(&self) -> Result<Credentials, ConfigError> {
        let mut reasons = Vec::new();
        for p in &self.providers {
            match p.credentials() {
                Ok(c) => return Ok(c),
                Err(e) => reasons.push(e.to_string()),
            }
        }
        Err(ConfigError::Credentials(format!(
            "no credentials found: {}",
            reasons.join("; ")
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_secrets() {
        let c = Credentials::new("AKID", "the-secret-value").with_security_token("the-sts-token");
        let shown = format!("{c:?} {c:#?}");
        assert!(shown.contains("AKID"));
        assert!(!shown.contains("the-secret-value"));
        assert!(!shown.contains("the-sts-token"));
    }

    #[test]
    fn reads_cli_profiles() {
        let dir = std::env::temp_dir().join(format!("acs-runtime-profile-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("config.json");
        std::fs::write(
            &path,
            r#"{"current":"dev","profiles":[
                {"name":"dev","mode":"AK","access_key_id":"AK1","access_key_secret":"S1","region_id":"cn-shanghai"},
                {"name":"sts","mode":"StsToken","access_key_id":"AK2","access_key_secret":"S2","sts_token":"T2"}]}"#,
        )
        .unwrap();
        let dev = ProfileProvider {
            path: Some(path.clone()),
            profile: None,
        }
        .load()
        .unwrap();
        assert_eq!(dev.region_id.as_deref(), Some("cn-shanghai"));
        assert_eq!(dev.credentials.unwrap().access_key_id(), "AK1");
        let sts = ProfileProvider {
            path: Some(path.clone()),
            profile: Some("sts".into()),
        }
        .credentials()
        .unwrap();
        assert_eq!(sts.security_token().map(|t| t.expose()), Some("T2"));
        let missing = ProfileProvider {
            path: Some(path),
            profile: Some("nope".into()),
        }
        .credentials();
        assert!(matches!(missing, Err(ConfigError::Credentials(m)) if m.contains("nope")));
        std::fs::remove_dir_all(dir).ok();
    }
}
