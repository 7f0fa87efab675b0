//! Request parameters: name/value pairs for the path, query string, headers and form body,
//! and the other bodies of REST-style operations.
//!
//! Lists and objects are flattened the RPC way: `Tag.1.Key=env&Tag.1.Value=prod`, lists
//! indexed from 1, object fields by name, recursively. Absent optional values send nothing;
//! an empty string is sent (`ProductType=`).

use crate::json::ToJson;
use std::collections::BTreeMap;
use std::fmt::Display;

/// Name/value pairs of one location (query string or form body), in the order written.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParamList(Vec<(String, String)>);

impl ParamList {
    /// Adds a value under `name`, flattening lists and objects.
    pub fn add<V: ParamValue + ?Sized>(&mut self, name: &str, value: &V) {
        value.write_param(name, self);
    }

    /// Adds `value` under `prefix.key` (object fields).
    pub fn add_field<V: ParamValue + ?Sized>(&mut self, prefix: &str, key: &str, value: &V) {
        value.write_param(&format!("{prefix}.{key}"), self);
    }

    /// Adds a value as one JSON-encoded parameter; `None` sends nothing.
    pub fn add_json<V: ToJson + ?Sized>(&mut self, name: &str, value: &V) {
        let v = value.to_json();
        if !v.is_null() {
            self.push(name, v.to_string());
        }
    }

    /// Adds a value as one parameter: a string as it is, anything else as JSON (a header
    /// whose schema says nothing of its type); `None` sends nothing.
    pub fn add_text_or_json<V: ToJson + ?Sized>(&mut self, name: &str, value: &V) {
        match value.to_json() {
            serde_json::Value::Null => {}
            serde_json::Value::String(s) => self.push(name, s),
            v => self.push(name, v.to_string()),
        }
    }

    /// Adds a list as one comma-separated parameter; `None` sends nothing.
    pub fn add_simple<L: ListValue + ?Sized>(&mut self, name: &str, value: &L) {
        if let Some(items) = value.items() {
            let joined = items
                .iter()
                .map(|i| i.to_string())
                .collect::<Vec<_>>()
                .join(",");
            self.push(name, joined);
        }
    }

    /// Adds one raw pair.
    pub fn push(&mut self, name: &str, value: impl Into<String>) {
        self.0.push((name.to_string(), value.into()));
    }

    /// Sets `name` to one value: the first pair of that name is replaced and any other
    /// removed, or the pair is added.
    pub fn set(&mut self, name: &str, value: impl Into<String>) {
        let value = value.into();
        match self.0.iter().position(|(k, _)| k == name) {
            Some(i) => {
                self.0[i].1 = value;
                let mut seen = 0;
                self.0.retain(|(k, _)| {
                    seen += usize::from(k == name);
                    k != name || seen == 1
                });
            }
            None => self.push(name, value),
        }
    }

    /// The pairs, in the order written.
    pub fn pairs(&self) -> &[(String, String)] {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The parameters of one request, in every place a request carries them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Params {
    /// Values of the path template's `{Name}`s (REST-style operations), unencoded.
    pub path: ParamList,
    /// Sent in the query string (and signed there).
    pub query: ParamList,
    /// Sent as request headers (signed when named `x-acs-*`).
    pub headers: ParamList,
    /// Sent as an `application/x-www-form-urlencoded` body.
    pub body: ParamList,
    /// A body other than a form (REST-style operations); a request has one or the other.
    pub payload: Option<Payload>,
    /// The value of the host parameter (OSS `bucket`, SLS `project`, PDS `domain_id`),
    /// put in front of the endpoint's host; `None` addresses the endpoint itself.
    pub host: Option<String>,
}

/// A request body that is not a form.
#[derive(Clone, Debug, PartialEq)]
pub enum Payload {
    /// A JSON object of the request's body fields (`{}` when none is set).
    JsonObject(serde_json::Map<String, serde_json::Value>),
    /// The body fields of an XML body: its root element (`{"LifecycleConfiguration": ..}`),
    /// written as XML ([`crate::xml::write`]).
    XmlObject(serde_json::Map<String, serde_json::Value>),
    /// One JSON value (an array, a number, an object given whole).
    Json(serde_json::Value),
    /// Text, sent as it is (a body that is one string).
    Text(String),
    /// Bytes, a file or a stream, sent as `application/octet-stream` (a file or stream as it
    /// is read).
    Binary(crate::body::Body),
}

impl Params {
    /// Sets the value of the path template's `{name}` (or, for a template ending in `*`,
    /// the whole path). An absent value leaves the name unset.
    pub fn path_param<V: ParamValue + ?Sized>(&mut self, name: &str, value: &V) {
        self.path.add(name, value);
    }

    /// The JSON object body, created empty if the request has none yet: an operation whose
    /// body is an object sends `{}` when none of its fields is set.
    pub fn json_object(&mut self) -> &mut serde_json::Map<String, serde_json::Value> {
        if !matches!(self.payload, Some(Payload::JsonObject(_))) {
            self.payload = Some(Payload::JsonObject(serde_json::Map::new()));
        }
        match &mut self.payload {
            Some(Payload::JsonObject(m)) => m,
            _ => unreachable!("set just above"),
        }
    }

    /// The XML body's object (its root element as its one member), created empty if the
    /// request has none yet.
    pub fn xml_object(&mut self) -> &mut serde_json::Map<String, serde_json::Value> {
        if !matches!(self.payload, Some(Payload::XmlObject(_))) {
            self.payload = Some(Payload::XmlObject(serde_json::Map::new()));
        }
        match &mut self.payload {
            Some(Payload::XmlObject(m)) => m,
            _ => unreachable!("set just above"),
        }
    }

    /// Sets the host parameter's value (an absent one leaves the endpoint's host as it is).
    pub fn host_param<V: ParamValue + ?Sized>(&mut self, value: &V) {
        let mut list = ParamList::default();
        list.add("host", value);
        if let Some((_, v)) = list.pairs().first() {
            self.host = Some(v.clone());
        }
    }

    /// Sends a map as one header per key, each named `prefix` + key (`x-oss-meta-` + `k`).
    pub fn header_map<V: ParamValue + ?Sized>(&mut self, prefix: &str, map: &V) {
        let mut list = ParamList::default();
        list.add("m", map);
        for (k, v) in list.pairs() {
            let key = k.strip_prefix("m.").unwrap_or(k);
            self.headers.push(&format!("{prefix}{key}"), v.as_str());
        }
    }

    /// Sets a body that is one value: a string is sent as its text, anything else as JSON;
    /// an absent value sends no body.
    pub fn json_payload<V: ToJson + ?Sized>(&mut self, value: &V) {
        self.payload = match value.to_json() {
            serde_json::Value::Null => None,
            serde_json::Value::String(s) => Some(Payload::Text(s)),
            v => Some(Payload::Json(v)),
        };
    }

    /// Sets a binary body; an absent value sends no body.
    pub fn binary_payload<B: AsBody + ?Sized>(&mut self, value: &B) {
        self.payload = value.as_body().map(Payload::Binary);
    }

    /// The binary body when it is not in memory (a file or stream, sent as it is read).
    pub fn streamed_body(&self) -> Option<&crate::body::Body> {
        match &self.payload {
            Some(Payload::Binary(b)) if b.as_bytes().is_none() => Some(b),
            _ => None,
        }
    }
}

/// Content type of a JSON body (and of a text body, as the official SDKs send it).
pub const JSON_CONTENT_TYPE: &str = "application/json; charset=utf-8";

/// What a request body is, for the headers that describe it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BodyMedia {
    /// No body.
    None,
    /// XML.
    Xml,
    /// JSON (an object, a value, or text sent as it is).
    Json,
    /// Bytes.
    Binary,
    /// An `application/x-www-form-urlencoded` form.
    Form,
}

impl BodyMedia {
    /// The body's `content-type`, as the official SDKs send it (Log Service drops JSON's
    /// charset).
    pub fn content_type(self) -> Option<&'static str> {
        match self {
            BodyMedia::None => None,
            BodyMedia::Xml => Some("application/xml"),
            BodyMedia::Json => Some(JSON_CONTENT_TYPE),
            BodyMedia::Binary => Some("application/octet-stream"),
            BodyMedia::Form => Some("application/x-www-form-urlencoded"),
        }
    }
}

impl Params {
    /// The body's bytes and what they are: the payload if there is one, else the form
    /// fields, else nothing. A file or stream is sent as it is read
    /// ([`streamed_body`](Params::streamed_body)): no bytes here; an XML body none of whose
    /// fields is set is no body.
    pub fn body_bytes(&self) -> (Vec<u8>, BodyMedia) {
        match &self.payload {
            Some(Payload::XmlObject(m)) if m.is_empty() => (Vec::new(), BodyMedia::None),
            Some(Payload::XmlObject(m)) => (crate::xml::write(m).into_bytes(), BodyMedia::Xml),
            Some(Payload::JsonObject(m)) => (
                serde_json::Value::Object(m.clone())
                    .to_string()
                    .into_bytes(),
                BodyMedia::Json,
            ),
            Some(Payload::Json(v)) => (v.to_string().into_bytes(), BodyMedia::Json),
            Some(Payload::Text(t)) => (t.clone().into_bytes(), BodyMedia::Json),
            Some(Payload::Binary(b)) => {
                (b.as_bytes().unwrap_or_default().to_vec(), BodyMedia::Binary)
            }
            None if self.body.is_empty() => (Vec::new(), BodyMedia::None),
            None => (
                crate::sign::canonical_query(self.body.pairs()).into_bytes(),
                BodyMedia::Form,
            ),
        }
    }
}

/// A binary body, if set: bytes or a [`Body`](crate::body::Body).
pub trait AsBody {
    /// The body (a cheap clone: a file is its path, a stream is shared).
    fn as_body(&self) -> Option<crate::body::Body>;
}

impl AsBody for Vec<u8> {
    fn as_body(&self) -> Option<crate::body::Body> {
        Some(crate::body::Body::from_bytes(self.clone()))
    }
}

impl AsBody for Option<Vec<u8>> {
    fn as_body(&self) -> Option<crate::body::Body> {
        self.as_ref().and_then(AsBody::as_body)
    }
}

impl AsBody for crate::body::Body {
    fn as_body(&self) -> Option<crate::body::Body> {
        Some(self.clone())
    }
}

impl AsBody for Option<crate::body::Body> {
    fn as_body(&self) -> Option<crate::body::Body> {
        self.clone()
    }
}

/// A value that can be written as RPC parameters.
pub trait ParamValue {
    /// Writes the value under `name`.
    fn write_param(&self, name: &str, out: &mut ParamList);
}

impl ParamValue for str {
    fn write_param(&self, name: &str, out: &mut ParamList) {
        out.push(name, self);
    }
}

impl ParamValue for String {
    fn write_param(&self, name: &str, out: &mut ParamList) {
        out.push(name, self.as_str());
    }
}

macro_rules! display_param {
    ($($t:ty),*) => {$(
        impl ParamValue for $t {
            fn write_param(&self, name: &str, out: &mut ParamList) {
                out.push(name, self.to_string());
            }
        }
    )*};
}
display_param!(i32, i64, u32, u64, f64, bool);

impl<T: ParamValue + ?Sized> ParamValue for &T {
    fn write_param(&self, name: &str, out: &mut ParamList) {
        (**self).write_param(name, out);
    }
}

impl<T: ParamValue> ParamValue for Option<T> {
    fn write_param(&self, name: &str, out: &mut ParamList) {
        if let Some(v) = self {
            v.write_param(name, out);
        }
    }
}

impl<T: ParamValue> ParamValue for Vec<T> {
    fn write_param(&self, name: &str, out: &mut ParamList) {
        for (i, v) in self.iter().enumerate() {
            v.write_param(&format!("{name}.{}", i + 1), out);
        }
    }
}

impl<T: ParamValue> ParamValue for BTreeMap<String, T> {
    fn write_param(&self, name: &str, out: &mut ParamList) {
        for (k, v) in self {
            v.write_param(&format!("{name}.{k}"), out);
        }
    }
}

impl ParamValue for serde_json::Value {
    fn write_param(&self, name: &str, out: &mut ParamList) {
        use serde_json::Value;
        match self {
            Value::Null => {}
            Value::String(s) => out.push(name, s.as_str()),
            Value::Bool(b) => out.push(name, b.to_string()),
            Value::Number(n) => out.push(name, n.to_string()),
            Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    v.write_param(&format!("{name}.{}", i + 1), out);
                }
            }
            Value::Object(map) => {
                for (k, v) in map {
                    v.write_param(&format!("{name}.{k}"), out);
                }
            }
        }
    }
}

/// A list, or an optional list, of scalars (for the `simple` style).
pub trait ListValue {
    type Item: Display;
    fn items(&self) -> Option<&[Self::Item]>;
}

impl<T: Display> ListValue for Vec<T> {
    type Item = T;
    fn items(&self) -> Option<&[T]> {
        Some(self)
    }
}

impl<T: Display> ListValue for Option<Vec<T>> {
    type Item = T;
    fn items(&self) -> Option<&[T]> {
        self.as_deref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flattens_lists_and_objects() {
        let mut p = ParamList::default();
        let tags = vec![BTreeMap::from([
            ("Key".to_string(), "env".to_string()),
            ("Value".to_string(), "prod".to_string()),
        ])];
        p.add("Tag", &tags);
        p.add("Empty", &String::new());
        p.add("Absent", &None::<String>);
        p.add("Ids", &vec![1i64, 2]);
        p.add_json("Json", &Some(vec!["a".to_string(), "b".to_string()]));
        p.add_json("NoJson", &None::<Vec<String>>);
        p.add_simple("Simple", &Some(vec!["x".to_string(), "y".to_string()]));
        let pairs: Vec<(&str, &str)> = p
            .pairs()
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        assert_eq!(
            pairs,
            [
                ("Tag.1.Key", "env"),
                ("Tag.1.Value", "prod"),
                ("Empty", ""),
                ("Ids.1", "1"),
                ("Ids.2", "2"),
                ("Json", "[\"a\",\"b\"]"),
                ("Simple", "x,y"),
            ]
        );
    }
}
