//! Roles assumed through STS (`Sts` 2015-04-01): `AssumeRole`, signed with the source
//! credentials, and `AssumeRoleWithOIDC`, anonymous. Both are sent by the runtime's own
//! dynamic call, the one the `acs` CLI uses: the same signer, retries and decoding as
//! every generated operation.

use super::cache::Cache;
use super::document::temporary_credentials;
use super::env::*;
use super::environment::Environment;
use super::error::fail;
use crate::client::{CallOptions, Client, DynamicOperation, Target};
use crate::credentials::{Credentials, ProvideCredentials};
use crate::decode::DynamicBody;
use crate::error::{ConfigError, SdkError};
use crate::operation::BodyKind;
use crate::operation::Method;
use crate::operation::ServiceInfo;
use crate::params::Params;
use crate::transport::BoxFuture;
use std::path::PathBuf;
use std::sync::Arc;

/// STS, the product that issues temporary credentials.
pub(crate) static STS: ServiceInfo = ServiceInfo {
    product: "Sts",
    version: "2015-04-01",
    endpoint_template: "https://sts.aliyuncs.com",
    default_region: None,
    protocol: crate::operation::Protocol::Acs3,
    regional_endpoints: &[],
};

/// Default lifetime of assumed-role credentials (seconds).
pub(crate) const DEFAULT_DURATION_SECONDS: u32 = 3600;

/// Where and how an assumed role is asked for: STS endpoint, session name, lifetime and
/// policy. The endpoint is the explicit one, else `sts[-vpc].<region>.aliyuncs.com` for
/// the STS region, else `sts.aliyuncs.com`.
#[derive(Clone, Debug)]
pub struct StsSettings {
    /// The role to assume (`acs:ram::<account>:role/<name>`).
    pub role_arn: String,
    /// The session name the role's actions are recorded under.
    pub role_session_name: String,
    /// How long the credentials last.
    pub duration_seconds: u32,
    /// A policy narrowing the role's permissions.
    pub policy: Option<String>,
    /// The STS region.
    pub region: Option<String>,
    /// Whether to use the VPC endpoint.
    pub vpc: bool,
    /// An explicit STS endpoint.
    pub endpoint: Option<String>,
    env: Environment,
}

impl StsSettings {
    /// Settings for `role_arn`; the session name, STS region and VPC choice from the
    /// environment (`ALIBABA_CLOUD_ROLE_SESSION_NAME`, `ALIBABA_CLOUD_STS_REGION`,
    /// `ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED`) or defaults.
    pub fn new(role_arn: impl Into<String>, env: &Environment) -> Self {
        StsSettings {
            role_arn: role_arn.into(),
            role_session_name: env
                .var(ENV_ROLE_SESSION_NAME)
                .unwrap_or_else(|| format!("acs-codegen-rust-{}", crate::time::now_secs())),
            duration_seconds: DEFAULT_DURATION_SECONDS,
            policy: None,
            region: env.var(ENV_STS_REGION),
            vpc: env.flag(ENV_VPC_ENDPOINT_ENABLED),
            endpoint: env.sts_endpoint.clone(),
            env: env.clone(),
        }
    }

    /// The STS endpoint these settings resolve to.
    pub fn resolved_endpoint(&self) -> String {
        if let Some(e) = &self.endpoint {
            return e.clone();
        }
        let prefix = if self.vpc { "sts-vpc" } else { "sts" };
        match &self.region {
            Some(r) => format!("{prefix}.{r}.aliyuncs.com"),
            None => "sts.aliyuncs.com".into(),
        }
    }

    fn check(&self, provider: &str) -> Result<(), ConfigError> {
        if self.role_arn.is_empty() {
            return Err(fail(provider, "no role ARN given"));
        }
        if self.duration_seconds < 900 {
            return Err(fail(
                provider,
                format!(
                    "a session lasts at least 900 seconds, not {}",
                    self.duration_seconds
                ),
            ));
        }
        Ok(())
    }

    /// Calls `action` and reads the `Credentials` of its answer.
    async fn assume(
        &self,
        provider: &str,
        action: &'static str,
        source: Option<Credentials>,
        extra: Vec<(&'static str, String)>,
    ) -> Result<Credentials, ConfigError> {
        self.check(provider)?;
        let mut builder = Client::builder()
            .endpoint(self.resolved_endpoint())
            .transport(self.env.transport()?);
        let anonymous = source.is_none();
        if let Some(s) = source {
            builder = builder.credentials(s);
        }
        let client = builder.build()?;
        let mut params = Params::default();
        params.query.push("RoleArn", self.role_arn.clone());
        params
            .query
            .push("RoleSessionName", self.role_session_name.clone());
        params
            .query
            .push("DurationSeconds", self.duration_seconds.to_string());
        if let Some(p) = &self.policy {
            params.query.push("Policy", p.clone());
        }
        for (k, v) in extra {
            params.query.push(k, v);
        }
        let op = DynamicOperation {
            target: Target {
                service: &STS,
                action,
                method: Method::Post,
                path: "/",
            },
            params,
            idempotent: false,
            has_idempotency_token: false,
            success_field: None,
            anonymous,
            output: BodyKind::Json,
            response_headers: &[],
        };
        let body = client
            .call_dynamic(&op, &CallOptions::default())
            .await
            .map_err(|e| fail(provider, format!("STS {action}: {}", describe(&e))))?;
        let doc = match &body {
            DynamicBody::Json(v) => v.get("Credentials"),
            _ => None,
        };
        let doc = doc.ok_or_else(|| {
            fail(
                provider,
                format!("STS {action}: the response has no `Credentials`"),
            )
        })?;
        temporary_credentials(doc, provider)
    }
}

/// An STS failure: code, message and request id of a service error (never a body).
fn describe(e: &SdkError<crate::decode::UntypedError>) -> String {
    match e {
        SdkError::Service(s) => {
            let m = crate::error::ServiceError::meta(s);
            format!(
                "{}: {} (HTTP {}, request id {})",
                m.code,
                m.message,
                m.http_status,
                m.request_id.as_deref().unwrap_or("-")
            )
        }
        // The excerpt of the body stays out: a credentials response may hold a secret.
        SdkError::InvalidResponse { status, reason, .. } => {
            format!("invalid response (HTTP {status}): {reason}")
        }
        other => other.to_string(),
    }
}

/// Credentials of a RAM role assumed with `AssumeRole`, signed with the credentials of
/// another provider. Cached and refreshed ahead of expiry.
#[derive(Debug)]
pub struct RamRoleArnProvider {
    source: Arc<dyn ProvideCredentials>,
    settings: StsSettings,
    external_id: Option<String>,
    cache: Cache,
}

impl RamRoleArnProvider {
    /// Assumes `settings`' role with the credentials of `source`.
    pub fn new(source: Arc<dyn ProvideCredentials>, settings: StsSettings) -> Self {
        RamRoleArnProvider {
            source,
            settings,
            external_id: None,
            cache: Cache::default(),
        }
    }

    /// The external ID the role's trust policy asks for.
    pub fn external_id(mut self, id: impl Into<String>) -> Self {
        self.external_id = Some(id.into()).filter(|i: &String| !i.is_empty());
        self
    }

    async fn fetch(&self) -> Result<Credentials, ConfigError> {
        let mut extra = Vec::new();
        if let Some(id) = &self.external_id {
            extra.push(("ExternalId", id.clone()));
        }
        let source = self
            .source
            .provide_credentials()
            .await
            .map_err(|e| fail("ram_role_arn", format!("source credentials: {e}")))?;
        let name = format!("ram_role_arn/{}", source.provider_name());
        let c = self
            .settings
            .assume("ram_role_arn", "AssumeRole", Some(source), extra)
            .await?;
        Ok(c.with_provider(name))
    }
}

impl ProvideCredentials for RamRoleArnProvider {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, ConfigError>> {
        Box::pin(self.cache.get(|| self.fetch()))
    }
}

/// Credentials of a RAM role assumed with `AssumeRoleWithOIDC` (ACK RRSA): the OIDC token
/// is read from its file at every refresh (it rotates); the call is anonymous.
#[derive(Debug)]
pub struct OidcProvider {
    settings: StsSettings,
    oidc_provider_arn: String,
    token_file: PathBuf,
    cache: Cache,
}

impl OidcProvider {
    /// The provider assuming a role with an OIDC token.
    pub fn new(
        settings: StsSettings,
        oidc_provider_arn: impl Into<String>,
        token_file: impl Into<PathBuf>,
    ) -> Self {
        OidcProvider {
            settings,
            oidc_provider_arn: oidc_provider_arn.into(),
            token_file: token_file.into(),
            cache: Cache::default(),
        }
    }

    /// From `ALIBABA_CLOUD_ROLE_ARN`, `ALIBABA_CLOUD_OIDC_PROVIDER_ARN` and
    /// `ALIBABA_CLOUD_OIDC_TOKEN_FILE`; `None` unless all three are set.
    pub fn from_env(env: &Environment) -> Option<Self> {
        let role = env.var(ENV_ROLE_ARN)?;
        let provider = env.var(ENV_OIDC_PROVIDER_ARN)?;
        let file = env.var(ENV_OIDC_TOKEN_FILE)?;
        Some(OidcProvider::new(
            StsSettings::new(role, env),
            provider,
            file,
        ))
    }

    async fn fetch(&self) -> Result<Credentials, ConfigError> {
        const NAME: &str = "oidc_role_arn";
        if self.oidc_provider_arn.is_empty() {
            return Err(fail(NAME, "no OIDC provider ARN given"));
        }
        let token = std::fs::read_to_string(&self.token_file).map_err(|e| {
            fail(
                NAME,
                format!(
                    "cannot read the OIDC token file {}: {e}",
                    self.token_file.display()
                ),
            )
        })?;
        let token = token.trim();
        if token.is_empty() {
            return Err(fail(
                NAME,
                format!("the OIDC token file {} is empty", self.token_file.display()),
            ));
        }
        self.settings
            .assume(
                NAME,
                "AssumeRoleWithOIDC",
                None,
                vec![
                    ("OIDCProviderArn", self.oidc_provider_arn.clone()),
                    ("OIDCToken", token.to_string()),
                ],
            )
            .await
    }
}

impl ProvideCredentials for OidcProvider {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, ConfigError>> {
        Box::pin(self.cache.get(|| self.fetch()))
    }
}
