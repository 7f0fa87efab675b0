//! Spec review diffs: what changed between two sets of specs, as a reviewer needs it, with
//! each change's severity and its consequence for the generated Rust API.
//!
//! The comparison runs on the lowered model, so it sees exactly what the generator sees.
//! Rules are listed in [`RULES`] (and in docs/guide/reviewing.md): a change is `breaking` when it breaks
//! callers of the generated SDK at compile time or on the wire, `warning` when behaviour
//! changes without breaking the build, `info` otherwise. Documentation-only changes are
//! `info` and kept apart.

mod compare;
mod locate;
mod render;
mod rules;
pub mod version;

pub use compare::compare;
pub use render::{render_json, render_markdown, render_text, rules_markdown};
pub use rules::{Change, Rule, RuleId, Severity, RULES};

use crate::diagnostics::Error;
use crate::source::SpecSource;
use std::collections::{BTreeMap, BTreeSet};

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

/// The changes from `old` to `new` in report order, each with its `file:line`.
///
/// Each product version is compiled, compared and located apart from the others (on every
/// core), as nothing in a comparison reaches across product versions: memory is that of the
/// product versions in hand, not of both whole sides, and a product version with no change
/// is never indexed for locations. Errors of every product version are returned together,
/// as a whole side's compile would return them.
pub fn changes(old: &Side, new: &Side) -> Result<Vec<Change>, Error> {
    let groups = by_product_version(old, new);
    let results = crate::parallel::map(&groups, |(olds, news)| {
        let (olds, news) = (owned(olds), owned(news));
        let (old_api, new_api) = both(
            crate::compile::compile(&olds, old.common.as_ref()),
            crate::compile::compile(&news, new.common.as_ref()),
        )?;
        let mut changes = compare(&old_api, &new_api);
        if !changes.is_empty() {
            locate::locate(
                &mut changes,
                &locate::SpecIndex::new(&olds, old.common.as_ref()),
                &locate::SpecIndex::new(&news, new.common.as_ref()),
            );
        }
        Ok(changes)
    });
    let (mut changes, mut diagnostics) = (Vec::new(), Vec::new());
    for result in results {
        match result {
            Ok(found) => changes.extend(found),
            Err(Error::Spec(found)) => diagnostics.extend(found),
            Err(other) => return Err(other),
        }
    }
    if !diagnostics.is_empty() {
        // A fault of the common errors file is found by every product version's compile.
        diagnostics.sort();
        diagnostics.dedup();
        return Err(Error::Spec(diagnostics));
    }
    compare::sort(&mut changes);
    Ok(changes)
}

/// Both sides' specs by product version (`product::version`), old and new. A spec that does
/// not parse is a group of its own, for its compile to report.
fn by_product_version<'a>(
    old: &'a Side,
    new: &'a Side,
) -> Vec<(Vec<&'a SpecSource>, Vec<&'a SpecSource>)> {
    type Groups<'a> = BTreeMap<String, (Vec<&'a SpecSource>, Vec<&'a SpecSource>)>;
    let mut groups = Groups::new();
    for (is_new, side) in [(false, old), (true, new)] {
        // Each spec's `info` is read on every core: the whole document is parsed for it.
        let keys = crate::parallel::map(&side.specs, crate::compile::service_module);
        for (source, key) in side.specs.iter().zip(keys) {
            let key = key.unwrap_or_else(|| format!("\0{is_new} {}", source.path.display()));
            let (olds, news) = groups.entry(key).or_default();
            if is_new { news } else { olds }.push(source);
        }
    }
    groups.into_values().collect()
}

/// Both sides' models, or the errors of both.
fn both<T>(old: Result<T, Error>, new: Result<T, Error>) -> Result<(T, T), Error> {
    match (old, new) {
        (Ok(old), Ok(new)) => Ok((old, new)),
        (Err(Error::Spec(mut found)), Err(Error::Spec(more))) => {
            found.extend(more);
            Err(Error::Spec(found))
        }
        (Err(e), _) | (_, Err(e)) => Err(e),
    }
}

fn owned(sources: &[&SpecSource]) -> Vec<SpecSource> {
    sources.iter().map(|&s| s.clone()).collect()
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
