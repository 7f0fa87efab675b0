//! Credentials documents: what STS, the ECS metadata service and a credentials URI answer.

use super::error::fail;
use crate::credentials::Credentials;
use crate::error::ConfigError;

/// A required string field of a credentials document.
pub(crate) fn field<'a>(
    doc: &'a serde_json::Value,
    name: &str,
    provider: &str,
) -> Result<&'a str, ConfigError> {
    doc.get(name)
        .and_then(|v| v.as_str())
        .filter(|v| !v.is_empty())
        .ok_or_else(|| fail(provider, format!("the response has no `{name}`")))
}

/// Temporary credentials from a document with `AccessKeyId`, `AccessKeySecret`,
/// `SecurityToken` and `Expiration` (STS's `Credentials`, the ECS metadata service, a
/// credentials URI). Expired ones are refused.
pub(crate) fn temporary_credentials(
    doc: &serde_json::Value,
    provider: &str,
) -> Result<Credentials, ConfigError> {
    let id = field(doc, "AccessKeyId", provider)?;
    let secret = field(doc, "AccessKeySecret", provider)?;
    let token = field(doc, "SecurityToken", provider)?;
    let expiration = field(doc, "Expiration", provider)?;
    let expires = crate::time::parse_iso8601(expiration).ok_or_else(|| {
        fail(
            provider,
            format!("`Expiration` is not a UTC time (YYYY-MM-DDTHH:MM:SSZ): `{expiration}`"),
        )
    })?;
    let credentials = Credentials::new(id, secret)
        .with_security_token(token)
        .with_expiration(expires)
        .with_provider(provider);
    if credentials.is_expired_at(crate::time::now_secs()) {
        return Err(fail(
            provider,
            format!("the credentials it returned expired at {expiration}"),
        ));
    }
    Ok(credentials)
}
