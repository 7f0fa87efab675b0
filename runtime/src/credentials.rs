//! Credentials and the trait of their sources. The secret and the security token never
//! appear in `Debug` output; where credentials come from is in [`crate::providers`].

use crate::error::ConfigError;
use crate::transport::BoxFuture;
use std::fmt;
use std::sync::Arc;

/// A value that must not be printed.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// A secret holding `value` (never shown by `Debug` or `Display`).
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

/// An AccessKey pair, with an STS security token for temporary credentials, when they
/// expire, and the name of the provider that supplied them (`default/ecs_ram_role`).
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    access_key_id: String,
    access_key_secret: Secret,
    security_token: Option<Secret>,
    expiration: Option<u64>,
    provider: String,
}

impl Credentials {
    /// Long-term credentials: an AccessKey pair.
    pub fn new(access_key_id: impl Into<String>, access_key_secret: impl Into<String>) -> Self {
        Credentials {
            access_key_id: access_key_id.into(),
            access_key_secret: Secret::new(access_key_secret),
            security_token: None,
            expiration: None,
            provider: String::new(),
        }
    }

    /// Adds an STS security token (sent as `x-acs-security-token`).
    pub fn with_security_token(mut self, token: impl Into<String>) -> Self {
        self.security_token = Some(Secret::new(token));
        self
    }

    /// When temporary credentials stop working, in seconds since the Unix epoch.
    pub fn with_expiration(mut self, unix_seconds: u64) -> Self {
        self.expiration = Some(unix_seconds);
        self
    }

    /// Names the provider that supplied these credentials.
    pub fn with_provider(mut self, name: impl Into<String>) -> Self {
        self.provider = name.into();
        self
    }

    /// The AccessKey ID.
    pub fn access_key_id(&self) -> &str {
        &self.access_key_id
    }

    /// The AccessKey secret.
    pub fn access_key_secret(&self) -> &Secret {
        &self.access_key_secret
    }

    /// The STS security token of temporary credentials.
    pub fn security_token(&self) -> Option<&Secret> {
        self.security_token.as_ref()
    }

    /// Expiry in seconds since the Unix epoch (`None`: long-term credentials).
    pub fn expiration(&self) -> Option<u64> {
        self.expiration
    }

    /// The provider that supplied these credentials, as in Alibaba's credentials libraries
    /// (`static_ak`, `env`, `default/credentials_uri`, `cli_profile/ram_role_arn/static_ak`).
    pub fn provider_name(&self) -> &str {
        if !self.provider.is_empty() {
            &self.provider
        } else if self.security_token.is_some() {
            "static_sts"
        } else {
            "static_ak"
        }
    }

    /// Whether the credentials no longer work at `now` (seconds since the Unix epoch).
    pub fn is_expired_at(&self, now: u64) -> bool {
        self.expiration.is_some_and(|e| e <= now)
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
            .field("expiration", &self.expiration.map(crate::time::iso8601))
            .field("provider", &self.provider_name())
            .finish()
    }
}

/// A source of credentials, asked before every signed call. Providers of temporary
/// credentials cache them and refresh them ahead of expiry, so asking is cheap.
pub trait ProvideCredentials: Send + Sync + fmt::Debug {
    /// Credentials for the next request (cached by the provider as it sees fit).
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, ConfigError>>;
}

impl ProvideCredentials for Credentials {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, ConfigError>> {
        let c = self.clone();
        let name = c.provider_name().to_string();
        Box::pin(async move { Ok(c.with_provider(name)) })
    }
}

impl<P: ProvideCredentials + ?Sized> ProvideCredentials for Arc<P> {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, ConfigError>> {
        (**self).provide_credentials()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_secrets() {
        let c = Credentials::new("AKID", "the-secret-value")
            .with_security_token("the-sts-token")
            .with_expiration(1_795_000_000);
        let shown = format!("{c:?} {c:#?}");
        assert!(shown.contains("AKID"));
        assert!(shown.contains("static_sts"));
        assert!(shown.contains("2026-11-18T11:06:40Z"), "{shown}");
        assert!(!shown.contains("the-secret-value"));
        assert!(!shown.contains("the-sts-token"));
    }

    #[test]
    fn expiry() {
        let c = Credentials::new("a", "b").with_expiration(100);
        assert!(!c.is_expired_at(99));
        assert!(c.is_expired_at(100));
        assert!(!Credentials::new("a", "b").is_expired_at(u64::MAX));
    }
}
