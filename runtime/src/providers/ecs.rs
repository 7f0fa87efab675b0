//! The RAM role of an ECS instance, from the instance metadata service. Hardened mode
//! first: a `PUT /latest/api/token` gives a token sent on every `GET`; where that fails,
//! plain `GET`s, unless `ALIBABA_CLOUD_IMDSV1_DISABLED=true`.

use super::cache::Cache;
use super::document::temporary_credentials;
use super::env::*;
use super::environment::Environment;
use super::error::fail;
use super::http;
use crate::credentials::{Credentials, ProvideCredentials};
use crate::error::ConfigError;
use crate::transport::{BoxFuture, Timeouts, Transport};
use std::time::Duration;

/// The metadata service's address.
pub(crate) const DEFAULT_METADATA_ENDPOINT: &str = "http://100.100.100.200";
const TOKEN_PATH: &str = "/latest/api/token";
const CREDENTIALS_PATH: &str = "/latest/meta-data/ram/security-credentials/";
const TOKEN_TTL_HEADER: &str = "X-aliyun-ecs-metadata-token-ttl-seconds";
const TOKEN_HEADER: &str = "X-aliyun-ecs-metadata-token";
/// Lifetime asked for a metadata token (6 hours, as Alibaba's libraries ask).
const TOKEN_TTL_SECONDS: u32 = 21_600;
const NAME: &str = "ecs_ram_role";

/// Credentials of the instance's RAM role. Cached and refreshed ahead of expiry.
#[derive(Debug)]
pub struct EcsRamRoleProvider {
    role_name: Option<String>,
    imds_v1_disabled: bool,
    endpoint: String,
    timeouts: Timeouts,
    env: Environment,
    cache: Cache,
}

impl EcsRamRoleProvider {
    /// The role from `ALIBABA_CLOUD_ECS_METADATA` (else discovered), hardened-only when
    /// `ALIBABA_CLOUD_IMDSV1_DISABLED=true`; `None` when
    /// `ALIBABA_CLOUD_ECS_METADATA_DISABLED=true`.
    pub fn from_env(env: &Environment) -> Option<Self> {
        if env.flag(ENV_ECS_METADATA_DISABLED) {
            return None;
        }
        Some(EcsRamRoleProvider {
            role_name: env.var(ENV_ECS_METADATA),
            imds_v1_disabled: env.flag(ENV_IMDSV1_DISABLED),
            endpoint: env
                .ecs_metadata_endpoint
                .clone()
                .unwrap_or_else(|| DEFAULT_METADATA_ENDPOINT.into()),
            // The service answers at once on an instance; elsewhere, fail fast.
            timeouts: Timeouts {
                connect: Duration::from_secs(1),
                read: Duration::from_secs(1),
            },
            env: env.clone(),
            cache: Cache::default(),
        })
    }

    /// A given role name instead of discovering it.
    pub fn role_name(mut self, name: impl Into<String>) -> Self {
        self.role_name = Some(name.into()).filter(|n: &String| !n.is_empty());
        self
    }

    /// Hardened mode only: no fallback to plain `GET`s.
    pub fn imds_v1_disabled(mut self, disabled: bool) -> Self {
        self.imds_v1_disabled = disabled;
        self
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.endpoint.trim_end_matches('/'))
    }

    /// The hardened mode's token, or `None` to go on without one.
    async fn token(&self, transport: &dyn Transport) -> Result<Option<String>, ConfigError> {
        let result = http::send_ok(
            transport,
            NAME,
            "PUT",
            self.url(TOKEN_PATH),
            vec![(TOKEN_TTL_HEADER.into(), TOKEN_TTL_SECONDS.to_string())],
            self.timeouts,
        )
        .await
        .map(|r| String::from_utf8_lossy(&r.body).trim().to_string());
        match result {
            Ok(token) if !token.is_empty() => Ok(Some(token)),
            Ok(_) if self.imds_v1_disabled => Err(fail(NAME, "the metadata token is empty")),
            Err(e) if self.imds_v1_disabled => Err(fail(
                NAME,
                format!("hardened mode is required ({ENV_IMDSV1_DISABLED}) and failed: {e}"),
            )),
            _ => Ok(None),
        }
    }

    async fn get(
        &self,
        transport: &dyn Transport,
        token: &Option<String>,
        path: &str,
    ) -> Result<crate::transport::HttpResponse, ConfigError> {
        let headers = token
            .iter()
            .map(|t| (TOKEN_HEADER.to_string(), t.clone()))
            .collect();
        http::send_ok(
            transport,
            NAME,
            "GET",
            self.url(path),
            headers,
            self.timeouts,
        )
        .await
    }

    async fn fetch(&self) -> Result<Credentials, ConfigError> {
        let transport = self.env.transport()?;
        let token = self.token(transport.as_ref()).await?;
        let role = match &self.role_name {
            Some(r) => r.clone(),
            None => {
                let r = self
                    .get(transport.as_ref(), &token, CREDENTIALS_PATH)
                    .await?;
                let body = String::from_utf8_lossy(&r.body);
                body.lines()
                    .map(str::trim)
                    .find(|l| !l.is_empty())
                    .map(str::to_string)
                    .ok_or_else(|| fail(NAME, "the instance has no RAM role attached"))?
            }
        };
        let path = format!("{CREDENTIALS_PATH}{role}");
        let response = self.get(transport.as_ref(), &token, &path).await?;
        let doc = http::json(&response, NAME, &self.url(&path))?;
        let code = doc.get("Code").and_then(|c| c.as_str()).unwrap_or("");
        if code != "Success" {
            return Err(fail(
                NAME,
                format!("the metadata service answered Code `{code}` for role `{role}`"),
            ));
        }
        temporary_credentials(&doc, NAME)
    }
}

impl ProvideCredentials for EcsRamRoleProvider {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, ConfigError>> {
        Box::pin(self.cache.get(|| self.fetch()))
    }
}
