//! The signing contract every gateway's signer implements.

use crate::credentials::Credentials;
use crate::request::Prepared;
use crate::transport::HttpRequest;

/// What makes each signature unique: the time and a nonce, and who is asking.
#[derive(Clone, Copy, Debug)]
pub struct Stamp<'a> {
    /// Seconds since the Unix epoch.
    pub now: u64,
    /// A value used once (the signatures that carry one).
    pub nonce: &'a str,
    /// The `user-agent` header.
    pub user_agent: &'a str,
}

/// Turns a prepared request into the signed HTTP request a gateway checks.
pub trait Signer: Sync {
    /// The request, signed with `credentials` (none: sent unsigned).
    fn sign(
        &self,
        prepared: &Prepared,
        credentials: Option<&Credentials>,
        stamp: &Stamp<'_>,
    ) -> HttpRequest;
}
