//! Where credentials come from, as in Alibaba's credentials libraries: static keys, the
//! environment, OIDC (ACK RRSA), the CLI profile, the credentials file, the ECS instance's
//! RAM role, a credentials URI, and an assumed RAM role on top of any of them; and the
//! [`DefaultChain`] that tries them in that order.
//!
//! Temporary credentials are cached and refreshed 15 minutes before they expire, by one
//! caller while the others wait for its result. Every endpoint can be
//! overridden, through [`Environment`], so tests run against loopback doubles.

mod cache;
mod chain;
mod document;
mod ecs;
mod env;
mod environment;
mod error;
mod file;
mod http;
mod ini;
mod profile;
mod sts;
mod uri;

pub use chain::DefaultChain;
pub use ecs::EcsRamRoleProvider;
pub use env::*;
pub use environment::Environment;
pub use ini::IniProvider;
pub use profile::{Profile, ProfileProvider};
pub use sts::{OidcProvider, RamRoleArnProvider, StsSettings};
pub use uri::UriProvider;
