//! Where a change is in the specs: `file:line` of the new spec's node (the old one's for a
//! removal), found from the change's location (`esa 2024-09-10 ReleaseInstance param X`).

use super::rules::Change;
use crate::locate::Locator;
use crate::names;
use crate::parse::{self, Document};
use crate::source::SpecSource;

/// One side's spec files, parsed and indexed once.
pub(super) struct SpecIndex {
    specs: Vec<Indexed>,
    /// The common errors file and its codes, in order.
    common: Option<(Indexed, Vec<Option<String>>)>,
}

struct Indexed {
    /// `product version` as change locations start (`esa 2024-09-10`).
    key: String,
    source: SpecSource,
    doc: Option<Document>,
    locator: Locator,
}

impl SpecIndex {
    /// Indexes the specs (and the common errors file) of one side.
    pub(super) fn new(specs: &[SpecSource], common: Option<&SpecSource>) -> SpecIndex {
        let index = |source: &SpecSource| {
            let doc = parse::from_str::<Document>(&source.text).ok();
            let key = doc
                .as_ref()
                .and_then(|d| d.info.as_ref())
                .map(|i| {
                    names::product_version_location(
                        i.product.as_deref().unwrap_or_default(),
                        i.version.as_deref().unwrap_or_default(),
                    )
                })
                .unwrap_or_default();
            Indexed {
                key,
                source: source.clone(),
                doc,
                locator: Locator::new(&source.text),
            }
        };
        SpecIndex {
            specs: specs.iter().map(index).collect(),
            common: common.map(|c| {
                let codes = parse::from_str::<parse::CommonErrors>(&c.text)
                    .map(|d| d.codes.into_iter().map(|e| e.code).collect())
                    .unwrap_or_default();
                (index(c), codes)
            }),
        }
    }

    /// `file:line` of a location (`esa 2024-09-10 ReleaseInstance param X`).
    fn find(&self, location: &str) -> Option<String> {
        let words: Vec<&str> = location.split(' ').collect();
        let (key, rest) = match words.as_slice() {
            [product, version, rest @ ..] => (format!("{product} {version}"), rest),
            _ => return None,
        };
        if let ["common", "error", code, ..] = rest {
            let (common, codes) = self.common.as_ref()?;
            let i = codes.iter().position(|c| c.as_deref() == Some(*code))?;
            return Some(common.at(&format!("x-acs-common-error-codes[{i}]")));
        }
        // A product version may be one spec or a hand-written one over an imported one.
        self.specs
            .iter()
            .filter(|s| s.key == key)
            .find_map(|s| Some(s.at(&spec_path(s.doc.as_ref()?, rest)?)))
    }
}

impl Indexed {
    fn at(&self, path: &str) -> String {
        let (line, _) = self.locator.position(path);
        format!("{}:{line}", self.source.path.display())
    }
}

/// The spec path of a location's remaining words, if the spec has the node.
fn spec_path(doc: &Document, rest: &[&str]) -> Option<String> {
    match rest {
        [] => Some("info".into()),
        ["endpoint" | "default-region"] => Some("servers[0]".into()),
        ["gateway"] => Some("info".into()),
        ["region", region] => Some(if doc.endpoints.contains_key(*region) {
            format!("x-acs-endpoints.{region}")
        } else {
            "servers[0]".into()
        }),
        [action, detail @ ..] => {
            let (key, method, op) = doc.paths.iter().find_map(|(key, item)| {
                item.operations()
                    .into_iter()
                    .find(|(_, op)| parse::action(key, op) == *action)
                    .map(|(m, op)| (key, m, op))
            })?;
            let at = format!("paths.{key}.{}", method.as_str().to_lowercase());
            Some(match detail {
                ["param", name, ..] => {
                    // A prefixed body field is `name@body`.
                    let name = name.split('@').next().unwrap_or(name);
                    match op
                        .parameters
                        .iter()
                        .position(|p| p.name.as_deref() == Some(name))
                    {
                        Some(i) => format!("{at}.parameters[{i}]"),
                        None => match op
                            .request_body
                            .as_ref()
                            .and_then(|b| b.content.iter().next())
                        {
                            Some((media, m))
                                if m.schema.as_ref().is_some_and(|s| s.properties.is_some()) =>
                            {
                                format!("{at}.requestBody.content.{media}.schema.properties.{name}")
                            }
                            _ => format!("{at}.requestBody"),
                        },
                    }
                }
                ["error", code, ..] => match op
                    .error_codes
                    .iter()
                    .flatten()
                    .position(|e| e.code.as_deref() == Some(*code))
                {
                    Some(i) => format!("{at}.x-acs-error-codes[{i}]"),
                    None => format!("{at}.x-acs-error-codes"),
                },
                ["response", ..] => format!("{at}.responses"),
                ["body"] => format!("{at}.requestBody"),
                _ => at,
            })
        }
    }
}

/// Fills each change's `source`: the new spec's `file:line`, the old one's for a removal
/// (or where the new one has no such node).
pub(super) fn locate(changes: &mut [Change], old: &SpecIndex, new: &SpecIndex) {
    for c in changes {
        let removal = c.rule.ends_with("-removed");
        let (first, second) = if removal { (old, new) } else { (new, old) };
        c.source = first.find(&c.location).or_else(|| second.find(&c.location));
    }
}
