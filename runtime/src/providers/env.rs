//! The environment variables Alibaba's credentials libraries read, and the provider of
//! keys set in the environment.

use super::environment::Environment;
use super::error::fail;
use crate::credentials::{Credentials, ProvideCredentials};
use crate::error::ConfigError;
use crate::transport::BoxFuture;

/// AccessKey ID.
pub const ENV_ACCESS_KEY_ID: &str = "ALIBABA_CLOUD_ACCESS_KEY_ID";
/// AccessKey secret.
pub const ENV_ACCESS_KEY_SECRET: &str = "ALIBABA_CLOUD_ACCESS_KEY_SECRET";
/// STS security token.
pub const ENV_SECURITY_TOKEN: &str = "ALIBABA_CLOUD_SECURITY_TOKEN";
/// The profile of the CLI configuration and of the credentials file.
pub const ENV_PROFILE: &str = "ALIBABA_CLOUD_PROFILE";
/// RAM role to assume (OIDC, RamRoleArn).
pub const ENV_ROLE_ARN: &str = "ALIBABA_CLOUD_ROLE_ARN";
/// Session name of an assumed role.
pub const ENV_ROLE_SESSION_NAME: &str = "ALIBABA_CLOUD_ROLE_SESSION_NAME";
/// OIDC identity provider (ACK RRSA).
pub const ENV_OIDC_PROVIDER_ARN: &str = "ALIBABA_CLOUD_OIDC_PROVIDER_ARN";
/// File holding the OIDC token (re-read at every refresh: it rotates).
pub const ENV_OIDC_TOKEN_FILE: &str = "ALIBABA_CLOUD_OIDC_TOKEN_FILE";
/// Region of the STS endpoint (`sts.<region>.aliyuncs.com`).
pub const ENV_STS_REGION: &str = "ALIBABA_CLOUD_STS_REGION";
/// `true`: use the VPC endpoint of STS (`sts-vpc.<region>.aliyuncs.com`).
pub const ENV_VPC_ENDPOINT_ENABLED: &str = "ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED";
/// Path of the credentials file (default `~/.alibabacloud/credentials.ini`).
pub const ENV_CREDENTIALS_FILE: &str = "ALIBABA_CLOUD_CREDENTIALS_FILE";
/// RAM role of the ECS instance (discovered when unset).
pub const ENV_ECS_METADATA: &str = "ALIBABA_CLOUD_ECS_METADATA";
/// `true`: never ask the ECS metadata service.
pub const ENV_ECS_METADATA_DISABLED: &str = "ALIBABA_CLOUD_ECS_METADATA_DISABLED";
/// `true`: the metadata service only in hardened mode (no fallback without a token).
pub const ENV_IMDSV1_DISABLED: &str = "ALIBABA_CLOUD_IMDSV1_DISABLED";
/// URI serving credentials.
pub const ENV_CREDENTIALS_URI: &str = "ALIBABA_CLOUD_CREDENTIALS_URI";

/// Credentials from `ALIBABA_CLOUD_ACCESS_KEY_ID`, `ALIBABA_CLOUD_ACCESS_KEY_SECRET` and,
/// optionally, `ALIBABA_CLOUD_SECURITY_TOKEN`. Read at every call, so rotated keys are
/// picked up.
#[derive(Clone, Debug, Default)]
pub struct EnvProvider {
    env: Environment,
}

impl EnvProvider {
    /// The provider reading `env`.
    pub fn new(env: Environment) -> Self {
        EnvProvider { env }
    }

    fn read(&self) -> Result<Credentials, ConfigError> {
        let id = self.env.var(ENV_ACCESS_KEY_ID);
        let secret = self.env.var(ENV_ACCESS_KEY_SECRET);
        match (id, secret) {
            (Some(id), Some(secret)) => {
                let c = Credentials::new(id, secret).with_provider("env");
                Ok(match self.env.var(ENV_SECURITY_TOKEN) {
                    Some(t) => c.with_security_token(t),
                    None => c,
                })
            }
            (None, None) => Err(fail("env", format!("{ENV_ACCESS_KEY_ID} is not set"))),
            (Some(_), None) => Err(fail(
                "env",
                format!("{ENV_ACCESS_KEY_ID} is set but {ENV_ACCESS_KEY_SECRET} is not"),
            )),
            (None, Some(_)) => Err(fail(
                "env",
                format!("{ENV_ACCESS_KEY_SECRET} is set but {ENV_ACCESS_KEY_ID} is not"),
            )),
        }
    }
}

impl ProvideCredentials for EnvProvider {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, ConfigError>> {
        let result = self.read();
        Box::pin(async move { result })
    }
}
