//! Keys: which unknown keys are reported, and the "did you mean" for them (the keys each
//! object models and ignores are [`crate::dialect`]'s).

use super::reporter::{join, Reporter};
use crate::diagnostics::Lint;
use crate::dialect;
use crate::parse::Extra;
use serde_yaml::Value;

/// Keys of other formats (Alibaba's metadata, Swagger 2) and what this format calls them.
pub(super) const SYNONYMS: &[(&str, &str)] = &[
    ("errorCode", "code"),
    ("errorMessage", "message"),
    ("errorCodes", "x-acs-error-codes"),
    ("httpCode", "status"),
    ("style", "x-acs-style"),
    ("enumValueTitles", "x-enum-descriptions"),
    ("methods", "get` or `post"),
    ("docRequired", "required"),
];

/// A suggestion for an unknown key: its name in this format, or a known key a typo away.
pub(super) fn did_you_mean(key: &str) -> Option<&'static str> {
    if let Some((_, to)) = SYNONYMS.iter().find(|(from, _)| *from == key) {
        return Some(to);
    }
    crate::diagnostics::closest(key, dialect::known_keys())
}

/// Warns about unknown keys: any `x-acs-*` key the object does not model, and any
/// non-extension key that is neither modelled nor a known OpenAPI key the generator ignores.
/// Either is dropped, so a misspelt fact (`requried`) does not pass silently.
pub(super) fn check_extra(r: &mut Reporter, path: &str, extra: &Extra, ignored: &[&str]) {
    for key in extra.keys() {
        let at = join(path, key);
        let hint = match did_you_mean(key) {
            Some(k) if k == key => "; it is not valid here (see specs/README.md)".to_string(),
            Some(k) => format!("; did you mean `{k}`?"),
            None => String::new(),
        };
        if key.starts_with("x-acs-") {
            r.warn(
                Lint::UnknownKey,
                &at,
                format!("unknown or misplaced extension `{key}` is ignored{hint}"),
            );
        } else if !key.starts_with("x-") && !ignored.contains(&key.as_str()) {
            r.warn(
                Lint::UnknownKey,
                &at,
                format!("unknown key `{key}` is ignored{hint}"),
            );
        }
    }
}

pub(super) fn is_empty_value(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::Mapping(m) => m.is_empty(),
        Value::Sequence(s) => s.is_empty(),
        _ => false,
    }
}
