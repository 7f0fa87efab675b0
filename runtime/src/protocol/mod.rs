//! The signing contract: how a prepared request becomes the HTTP request its product's
//! gateway checks. Each [`Protocol`] has one [`Signer`]; the client asks
//! [`signer`] for it and knows nothing of any of them.
//!
//! - [`Protocol::Acs3`]: the common gateway, signature V3 ([`crate::request`], [`crate::sign`]);
//! - [`Protocol::Oss`]: Object Storage, `OSS4-HMAC-SHA256` ([`oss`], [`crate::oss4`]);
//! - [`Protocol::Sls`]: Log Service, the `LOG` signature ([`sls`]);
//! - [`Protocol::Pds`]: Drive and Photo, ROA signature v1 ([`pds`]).
//!
//! The three gateways of their own share how a request is laid out ([`wire`]): the host
//! parameter in front of the endpoint's host, the path encoded as a URI path, subresources
//! as query keys, the body and its media type, and the `date` header.

mod acs3;
mod contract;
pub mod oss;
pub mod pds;
pub mod sls;
pub(crate) mod sls_log_group;
pub mod wire;

pub use contract::{Signer, Stamp};

use crate::operation::Protocol;

/// The signer of a protocol.
pub fn signer(protocol: Protocol) -> &'static dyn Signer {
    match protocol {
        Protocol::Acs3 => &acs3::Acs3,
        Protocol::Oss => &oss::Oss,
        Protocol::Sls => &sls::Sls,
        Protocol::Pds => &pds::Pds,
    }
}
