//! The next version of a generated crate, from what `diff` found, by Cargo's semver rules:
//! from 1.0, a breaking change bumps the major version, any other change to the Rust API or
//! the wire (an addition, a behaviour change) the minor one, a documentation-only change the
//! patch; before 1.0, a breaking change bumps the minor version and anything else the patch.

use super::rules::{Change, Severity};
use std::fmt;

/// How far a release must move.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Bump {
    /// Nothing changed.
    None,
    /// Documentation only.
    Patch,
    /// Additions and behaviour changes that break no caller.
    Minor,
    /// Something breaks callers.
    Major,
}

impl Bump {
    /// The bump the worst of `changes` needs.
    pub fn of(changes: &[Change]) -> Bump {
        changes
            .iter()
            .map(|c| match (c.severity, c.docs_only) {
                (Severity::Breaking, _) => Bump::Major,
                (_, true) => Bump::Patch,
                _ => Bump::Minor,
            })
            .max()
            .unwrap_or(Bump::None)
    }

    fn reason(self) -> &'static str {
        match self {
            Bump::None => "no changes",
            Bump::Patch => "documentation-only changes",
            Bump::Minor => "additions or behaviour changes, none breaking",
            Bump::Major => "breaking changes",
        }
    }
}

/// A `MAJOR.MINOR.PATCH` version.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Version {
    pub major: u64,
    pub minor: u64,
    pub patch: u64,
}

impl std::str::FromStr for Version {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let parts: Vec<&str> = s.trim().split('.').collect();
        let number = |p: &str| p.parse::<u64>().ok().filter(|_| !p.starts_with('+'));
        match parts.as_slice() {
            [a, b, c] => match (number(a), number(b), number(c)) {
                (Some(major), Some(minor), Some(patch)) => Ok(Version {
                    major,
                    minor,
                    patch,
                }),
                _ => Err(format!("`{s}` is not a MAJOR.MINOR.PATCH version")),
            },
            _ => Err(format!("`{s}` is not a MAJOR.MINOR.PATCH version")),
        }
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

impl Version {
    /// The version after a release with `bump`.
    pub fn bumped(self, bump: Bump) -> Version {
        let Version {
            major,
            minor,
            patch,
        } = self;
        match (bump, major) {
            (Bump::None, _) => self,
            (Bump::Major, 0) => Version::new(0, minor + 1, 0),
            (_, 0) => Version::new(0, minor, patch + 1),
            (Bump::Major, _) => Version::new(major + 1, 0, 0),
            (Bump::Minor, _) => Version::new(major, minor + 1, 0),
            (Bump::Patch, _) => Version::new(major, minor, patch + 1),
        }
    }

    fn new(major: u64, minor: u64, patch: u64) -> Version {
        Version {
            major,
            minor,
            patch,
        }
    }
}

/// The suggestion line: `suggested version: 0.2.0 (from 0.1.0: breaking changes)`.
pub fn suggest(current: &str, changes: &[Change]) -> Result<(Version, String), String> {
    let current: Version = current.parse()?;
    let bump = Bump::of(changes);
    let next = current.bumped(bump);
    Ok((
        next,
        format!(
            "suggested version: {next} (from {current}: {})",
            bump.reason()
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> Version {
        s.parse().unwrap()
    }

    #[test]
    fn cargo_semver_rules() {
        for (current, bump, next) in [
            ("1.4.2", Bump::Major, "2.0.0"),
            ("1.4.2", Bump::Minor, "1.5.0"),
            ("1.4.2", Bump::Patch, "1.4.3"),
            ("1.4.2", Bump::None, "1.4.2"),
            ("0.3.7", Bump::Major, "0.4.0"),
            ("0.3.7", Bump::Minor, "0.3.8"),
            ("0.3.7", Bump::Patch, "0.3.8"),
            ("0.3.7", Bump::None, "0.3.7"),
        ] {
            assert_eq!(
                v(current).bumped(bump).to_string(),
                next,
                "{current} {bump:?}"
            );
        }
        assert!("1.2".parse::<Version>().is_err());
        assert!("1.2.x".parse::<Version>().is_err());
    }
}
