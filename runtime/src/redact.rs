//! Secrets in generated types: fields the spec marks sensitive (`x-acs-sensitive`,
//! `format: password`) show as `***` in `Debug`, whatever they hold.

use std::fmt;

/// Stands in for a secret in a `Debug` output.
pub struct Redacted;

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}
