//! Conversions between generated types and JSON, without serde derives: each generated
//! struct gets a one-line-per-field `FromJson`/`ToJson` impl built on these helpers, which
//! keeps generated code thin and cheap to compile. Reading is lenient (numbers sent as
//! strings are read; an optional field of unexpected type is dropped, never failing a call
//! that succeeded); a missing or unreadable required field is an error.

use crate::de::Lenient;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// A value readable from JSON.
pub trait FromJson: Sized {
    /// Reads the value; the error says what was expected.
    fn from_json(v: &Value) -> Result<Self, String>;
}

/// A value writable as JSON (request objects sent in the `json` style).
pub trait ToJson {
    fn to_json(&self) -> Value;
}

macro_rules! scalar {
    ($($t:ty),*) => {$(
        impl FromJson for $t {
            fn from_json(v: &Value) -> Result<Self, String> {
                <$t as Lenient>::from_json(v).ok_or_else(|| format!("expected {}, found {}", <$t as Lenient>::EXPECTED, kind(v)))
            }
        }
        impl ToJson for $t {
            fn to_json(&self) -> Value {
                Value::from(self.clone())
            }
        }
    )*};
}
scalar!(String, i64, i32, f64, bool);

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

impl FromJson for Value {
    fn from_json(v: &Value) -> Result<Self, String> {
        Ok(v.clone())
    }
}

impl ToJson for Value {
    fn to_json(&self) -> Value {
        self.clone()
    }
}

/// A list: a JSON array; a single value stands for a list of one, and an empty string for an
/// empty list (an XML answer cannot tell a list of one from one value, nor an empty list from
/// an empty element).
impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(v: &Value) -> Result<Self, String> {
        match v {
            Value::Array(items) => items.iter().map(T::from_json).collect(),
            Value::String(s) if s.is_empty() => Ok(Vec::new()),
            other => T::from_json(other)
                .map(|t| vec![t])
                .map_err(|e| format!("expected an array, or one item: {e}")),
        }
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn to_json(&self) -> Value {
        Value::Array(self.iter().map(ToJson::to_json).collect())
    }
}

impl<T: FromJson> FromJson for BTreeMap<String, T> {
    fn from_json(v: &Value) -> Result<Self, String> {
        match v {
            Value::Object(m) => m
                .iter()
                .map(|(k, v)| T::from_json(v).map(|t| (k.clone(), t)))
                .collect(),
            other => Err(format!("expected an object, found {}", kind(other))),
        }
    }
}

impl<T: ToJson> ToJson for BTreeMap<String, T> {
    fn to_json(&self) -> Value {
        Value::Object(self.iter().map(|(k, v)| (k.clone(), v.to_json())).collect())
    }
}

impl<T: ToJson> ToJson for Option<T> {
    fn to_json(&self) -> Value {
        self.as_ref().map(ToJson::to_json).unwrap_or(Value::Null)
    }
}

/// An optional field: absent, `null` or unreadable is `None`.
pub fn opt<T: FromJson>(object: &Value, name: &str) -> Option<T> {
    match object.get(name) {
        None | Some(Value::Null) => None,
        Some(v) => match T::from_json(v) {
            Ok(t) => Some(t),
            Err(e) => {
                tracing::debug!(field = name, error = %e, "ignoring an unreadable optional response field");
                None
            }
        },
    }
}

/// A required field.
pub fn req<T: FromJson>(object: &Value, name: &str) -> Result<T, String> {
    match object.get(name) {
        None | Some(Value::Null) => Err(format!("missing field `{name}`")),
        Some(v) => T::from_json(v).map_err(|e| format!("field `{name}`: {e}")),
    }
}

/// Adds a field to an object under construction, leaving out `None`.
pub fn put<T: ToJson + ?Sized>(object: &mut Map<String, Value>, name: &str, value: &T) {
    let v = value.to_json();
    if !v.is_null() {
        object.insert(name.to_string(), v);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_leniently_and_reports_required_fields() {
        let v = json!({"A": "12", "B": null, "C": {"x": 1}, "D": ["1", 2]});
        assert_eq!(opt::<i64>(&v, "A"), Some(12));
        assert_eq!(opt::<i64>(&v, "B"), None);
        assert_eq!(opt::<i64>(&v, "C"), None, "wrong type is dropped");
        assert_eq!(opt::<Vec<i64>>(&v, "D"), Some(vec![1, 2]));
        assert_eq!(req::<String>(&v, "Z"), Err("missing field `Z`".into()));
        assert!(req::<i64>(&v, "C")
            .unwrap_err()
            .contains("expected an integer"));
        let mut m = Map::new();
        put(&mut m, "Some", &Some(vec![1i64]));
        put(&mut m, "None", &None::<String>);
        assert_eq!(Value::Object(m), json!({"Some": [1]}));
    }
}
