//! The Markdown table of a run: one row per tool and size, ratios against ours.

use crate::measure::*;

pub(crate) struct Row {
    pub(crate) size: usize,
    pub(crate) tool: &'static str,
    pub(crate) gen: Option<Sample>,
    pub(crate) size_rs: Option<(usize, usize)>,
    pub(crate) check: Option<Sample>,
    pub(crate) note: String,
}

/// The peak of all processes at once, in MB.
pub(crate) fn fmt_tree(s: &Option<Sample>) -> String {
    match s {
        Some(s) => format!("{:.0}", s.tree_mb),
        None => "–".into(),
    }
}

pub(crate) fn fmt_sample(s: &Option<Sample>) -> (String, String) {
    match s {
        Some(s) => (format!("{:.3}", s.wall_s), format!("{:.0}", s.rss_mb)),
        None => ("–".into(), "–".into()),
    }
}

pub(crate) fn ratio(peer: &Option<Sample>, ours: &Option<Sample>) -> String {
    match (peer, ours) {
        (Some(p), Some(o)) if o.wall_s > 0.0 => format!("{:.1}×", p.wall_s / o.wall_s),
        _ => "–".into(),
    }
}
