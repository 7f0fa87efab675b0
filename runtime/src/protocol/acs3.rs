//! The common gateway's signer: signature V3 ([`crate::request`], [`crate::sign`]).

use super::contract::{Signer, Stamp};
use crate::credentials::Credentials;
use crate::request::Prepared;
use crate::transport::HttpRequest;

/// Signature V3 of the common gateway.
pub(crate) struct Acs3;

impl Signer for Acs3 {
    fn sign(
        &self,
        prepared: &Prepared,
        credentials: Option<&Credentials>,
        stamp: &Stamp<'_>,
    ) -> HttpRequest {
        crate::request::signed_request(
            prepared,
            credentials,
            &crate::time::iso8601(stamp.now),
            stamp.nonce,
            stamp.user_agent,
        )
    }
}
