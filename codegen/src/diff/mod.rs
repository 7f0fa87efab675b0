//! Spec review diffs: what changed between two sets of specs, as a reviewer needs it, with
//! each change's severity and its consequence for the generated Rust API.
//!
//! The comparison runs on the lowered model, so it sees exactly what the generator sees.
//! Rules are listed in [`RULES`] (and in docs/guide/reviewing.md): a change is `breaking` when it breaks
//! callers of the generated SDK at compile time or on the wire, `warning` when behaviour
//! changes without breaking the build, `info` otherwise. Documentation-only changes are
//! `info` and kept apart.

mod compare;
pub mod locate;
mod render;
mod rules;
pub mod version;

pub use compare::compare;
pub use render::{render_json, render_markdown, render_text, rules_markdown};
pub use rules::{Change, Rule, RuleId, Severity, RULES};

use crate::diagnostics::Error;
use crate::source::SpecSource;
use std::collections::BTreeSet;

/// One side of a review: its specs and the common errors file it is read with.
pub struct Side {
    pub specs: Vec<SpecSource>,
    pub common: Option<SpecSource>,
}

impl Side {
    /// Both sides, resolved the same way: the explicit common errors file for both; else
    /// each side's own, and when only one side has one, it applies to both (so that
    /// identical specs compare equal from any two locations).
    pub fn pair(
        (old_specs, old_common): (Vec<SpecSource>, Option<SpecSource>),
        (new_specs, new_common): (Vec<SpecSource>, Option<SpecSource>),
        explicit: Option<SpecSource>,
    ) -> (Side, Side) {
        let (old_common, new_common) = match (explicit, old_common, new_common) {
            (Some(c), _, _) => (Some(c.clone()), Some(c)),
            (None, Some(o), None) => (Some(o.clone()), Some(o)),
            (None, None, Some(n)) => (Some(n.clone()), Some(n)),
            (None, o, n) => (o, n),
        };
        (
            Side {
                specs: old_specs,
                common: old_common,
            },
            Side {
                specs: new_specs,
                common: new_common,
            },
        )
    }

    /// The side's model.
    pub fn model(&self) -> Result<crate::model::Api, Error> {
        crate::compile::compile(&self.specs, self.common.as_ref())
    }

    /// The public Rust API the side generates, one line per item.
    pub fn surface(&self) -> Result<String, Error> {
        let api = self.model()?;
        let files = crate::compile::render(&api, &crate::emit::Options::default())?;
        Ok(crate::surface::surface(&files))
    }
}

/// Changes split by an ignore list (`rule:location` ids; `#` starts a comment).
pub fn apply_ignore(changes: Vec<Change>, ignore: &str) -> (Vec<Change>, Vec<Change>) {
    let ids: BTreeSet<&str> = ignore
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .collect();
    changes
        .into_iter()
        .partition(|c| !ids.contains(c.id.as_str()))
}

/// Whether `changes` reach the `fail_on` severity.
pub fn fails(changes: &[Change], fail_on: Severity) -> bool {
    changes
        .iter()
        .any(|c| c.severity <= fail_on && !c.docs_only)
}
