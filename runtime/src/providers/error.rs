//! The providers' error.

use crate::error::ConfigError;
use std::fmt;

/// A credentials error (its text names the provider; it never carries a secret).
pub(crate) fn fail(provider: &str, message: impl fmt::Display) -> ConfigError {
    ConfigError::Credentials(format!("{provider}: {message}"))
}
