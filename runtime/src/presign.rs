//! Presigned requests: an Object Storage request signed in its URL (OSS signature V4 by query),
//! which anyone can send with a plain HTTP client and no credentials until it expires, as
//! `aws-sdk-s3`'s `presigned()` and the OSS SDKs' `Presign` do.

use crate::client::{CallOptions, Client};
use crate::error::ConfigError;
use crate::operation::{Operation, Protocol};
use crate::protocol::{oss, wire};
use crate::request::Prepared;
use std::time::Duration;

/// Longest validity OSS accepts for a presigned URL (seven days).
pub const MAX_EXPIRES_IN: Duration = Duration::from_secs(7 * 24 * 3600);

/// A request signed in its URL: send `method` to `url` with `headers` (they are signed too),
/// before it expires.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PresignedRequest {
    /// The HTTP method.
    pub method: &'static str,
    /// The URL, with the signature in its query string.
    pub url: String,
    /// Headers to send with it (a body's content type, `x-oss-*` parameters); often none.
    pub headers: Vec<(String, String)>,
    /// When it stops working, in seconds since the Unix epoch.
    pub expires_at: u64,
}

impl Client {
    /// Presigns an Object Storage operation: its URL, valid for `expires_in` (at most seven
    /// days), lets anyone send it without credentials. The body is not part of the
    /// signature: a presigned upload is sent with its own body.
    pub async fn presign<O: Operation>(
        &self,
        mut op: O,
        expires_in: Duration,
    ) -> Result<PresignedRequest, ConfigError> {
        let prepared = self.prepare(&mut op, &CallOptions::default())?;
        self.presign_prepared(&prepared, expires_in).await
    }

    /// Presigns a prepared request (see [`presign`](Client::presign)).
    pub async fn presign_prepared(
        &self,
        prepared: &Prepared,
        expires_in: Duration,
    ) -> Result<PresignedRequest, ConfigError> {
        if prepared.protocol != Protocol::Oss {
            return Err(ConfigError::InvalidEndpoint(format!(
                "`{}` cannot be presigned: presigned URLs are an Object Storage (OSS) feature",
                prepared.action
            )));
        }
        if expires_in.is_zero() || expires_in > MAX_EXPIRES_IN {
            return Err(ConfigError::InvalidEndpoint(format!(
                "a presigned URL is valid for 1 s to 7 days, not {} s",
                expires_in.as_secs()
            )));
        }
        let credentials = self.inner.credentials.provide_credentials().await?;
        let now = crate::time::now_secs();
        Ok(presign_at(
            prepared,
            &credentials,
            now,
            expires_in.as_secs(),
        ))
    }
}

/// The presigned form of `prepared` at `now` (seconds since the Unix epoch).
pub fn presign_at(
    prepared: &Prepared,
    credentials: &crate::credentials::Credentials,
    now: u64,
    expires_in: u64,
) -> PresignedRequest {
    let (body, media) = prepared.params.body_bytes();
    let headers = oss::content_headers(prepared, &body, media);
    let scope = crate::oss4::Scope {
        region: &oss::region(prepared),
        product: oss::PRODUCT,
    };
    let query = crate::oss4::presign_query(
        &oss::signed_part(prepared, &headers),
        credentials,
        &scope,
        now,
        expires_in,
    );
    PresignedRequest {
        method: prepared.method.as_str(),
        url: wire::url_with(prepared, &query),
        headers,
        expires_at: now + expires_in,
    }
}
