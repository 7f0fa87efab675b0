//! Lenient reading of JSON scalars: Alibaba Cloud services send numbers as strings
//! (`"OrderId": "123"`) and booleans as `"true"` or `1`. [`crate::json`] builds response
//! decoding on it.

use serde_json::Value;

/// A scalar that can be read from any JSON scalar of the same meaning.
pub trait Lenient: Sized {
    /// Reads the value, or `None` when it has no sensible reading.
    fn from_json(v: &Value) -> Option<Self>;
    /// What was expected, for error messages.
    const EXPECTED: &'static str;
}

impl Lenient for String {
    fn from_json(v: &Value) -> Option<Self> {
        match v {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }
    const EXPECTED: &'static str = "a string";
}

impl Lenient for i64 {
    fn from_json(v: &Value) -> Option<Self> {
        match v {
            Value::Number(n) => n.as_i64().or_else(|| {
                n.as_f64()
                    .filter(|f| f.fract() == 0.0 && f.abs() < 9.2e18)
                    .map(|f| f as i64)
            }),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        }
    }
    const EXPECTED: &'static str = "an integer";
}

impl Lenient for i32 {
    fn from_json(v: &Value) -> Option<Self> {
        i64::from_json(v).and_then(|i| i32::try_from(i).ok())
    }
    const EXPECTED: &'static str = "a 32-bit integer";
}

impl Lenient for f64 {
    fn from_json(v: &Value) -> Option<Self> {
        match v {
            Value::Number(n) => n.as_f64(),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        }
    }
    const EXPECTED: &'static str = "a number";
}

impl Lenient for bool {
    fn from_json(v: &Value) -> Option<Self> {
        match v {
            Value::Bool(b) => Some(*b),
            Value::Number(n) => match n.as_i64() {
                Some(1) => Some(true),
                Some(0) => Some(false),
                _ => None,
            },
            Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
                "true" | "1" => Some(true),
                "false" | "0" => Some(false),
                _ => None,
            },
            _ => None,
        }
    }
    const EXPECTED: &'static str = "a boolean";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_numbers_sent_as_strings() {
        assert_eq!(i64::from_json(&Value::from("123")), Some(123));
        assert_eq!(
            i64::from_json(&Value::from(9007199254740993i64)),
            Some(9007199254740993)
        );
        assert_eq!(i32::from_json(&Value::from("4294967296")), None);
        assert_eq!(bool::from_json(&Value::from("true")), Some(true));
        assert_eq!(bool::from_json(&Value::from(0)), Some(false));
        assert_eq!(String::from_json(&Value::from(7)), Some("7".into()));
        assert_eq!(f64::from_json(&Value::from("1.5")), Some(1.5));
    }
}
