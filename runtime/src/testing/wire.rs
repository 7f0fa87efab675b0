//! A request as the gateway receives it, read back into its parameters: the inverse of
//! [`Operation::write_params`](crate::Operation) and of
//! [`signed_request`](crate::request::signed_request). Generated request types implement
//! [`FromWire`] with it, generated outputs [`ToBody`]; the test gateway
//! (`Gateway`, feature `testing`) uses both.
//!
//! Parameters are read where the operation's spec puts them: the path (each `{Name}` one
//! percent-decoded segment, or the whole path for a template ending in `*`), the query
//! string and a form body (flattened `Tag.1.Key` pairs rebuilt into lists and objects, a
//! `json` style value parsed, a `simple` one split at commas), headers (case-insensitive,
//! lists and objects as JSON), a JSON object body's properties, or the whole body.

use crate::json::FromJson;
use crate::operation::Operation;
use crate::protocol::sls_log_group;
use crate::transport::HttpRequest;
use serde_json::{Map, Value};
use std::fmt;

/// Where a parameter is read from, and how its value is spelled there.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Place {
    location: Location,
    style: Spelling,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Location {
    Host,
    Path,
    Query,
    Header,
    Form,
    JsonField,
    Payload,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Spelling {
    /// `Name`, `Name.1`, `Name.1.Key`: rebuilt into lists and objects.
    Flat,
    /// One JSON-encoded value.
    Json,
    /// A comma-separated list.
    Simple,
}

impl Place {
    /// The host parameter: the first label of the `host` header (`examplebucket` of
    /// `examplebucket.oss-cn-hangzhou.aliyuncs.com`).
    pub const HOST: Place = Place::new(Location::Host, Spelling::Flat);
    /// A segment of the path.
    pub const PATH: Place = Place::new(Location::Path, Spelling::Flat);
    /// The query string, flattened.
    pub const QUERY: Place = Place::new(Location::Query, Spelling::Flat);
    /// The query string, one JSON value.
    pub const QUERY_JSON: Place = Place::new(Location::Query, Spelling::Json);
    /// The query string, comma-separated.
    pub const QUERY_SIMPLE: Place = Place::new(Location::Query, Spelling::Simple);
    /// A header.
    pub const HEADER: Place = Place::new(Location::Header, Spelling::Flat);
    /// A header holding JSON (a list or an object).
    pub const HEADER_JSON: Place = Place::new(Location::Header, Spelling::Json);
    /// A form body field, flattened.
    pub const FORM: Place = Place::new(Location::Form, Spelling::Flat);
    /// A form body field, one JSON value.
    pub const FORM_JSON: Place = Place::new(Location::Form, Spelling::Json);
    /// A form body field, comma-separated.
    pub const FORM_SIMPLE: Place = Place::new(Location::Form, Spelling::Simple);
    /// A property of a JSON object body.
    pub const JSON_FIELD: Place = Place::new(Location::JsonField, Spelling::Flat);
    /// The whole body (one JSON value, text or bytes).
    pub const PAYLOAD: Place = Place::new(Location::Payload, Spelling::Flat);

    const fn new(location: Location, style: Spelling) -> Self {
        Place { location, style }
    }

    /// How error messages name the place.
    pub fn name(self) -> &'static str {
        match self.location {
            Location::Host => "host",
            Location::Path => "path",
            Location::Query => "query",
            Location::Header => "header",
            Location::Form => "form body",
            Location::JsonField => "JSON body",
            Location::Payload => "body",
        }
    }
}

/// Why a request does not fit its operation: what the gateway answers with
/// `MissingParameter` or `InvalidParameter`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WireError {
    /// `MissingParameter` or `InvalidParameter`.
    pub code: &'static str,
    /// The parameter's wire name.
    pub field: String,
    /// Where it was looked for.
    pub place: &'static str,
    /// What is wrong.
    pub reason: String,
}

impl WireError {
    /// A required parameter is absent.
    pub fn missing(field: &str, place: Place) -> Self {
        WireError {
            code: "MissingParameter",
            field: field.to_string(),
            place: place.name(),
            reason: "is mandatory for this action".into(),
        }
    }

    /// A parameter's value cannot be read.
    pub fn invalid(field: &str, place: Place, reason: impl Into<String>) -> Self {
        WireError {
            code: "InvalidParameter",
            field: field.to_string(),
            place: place.name(),
            reason: reason.into(),
        }
    }
}

impl fmt::Display for WireError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` ({}) {}", self.field, self.place, self.reason)
    }
}

impl std::error::Error for WireError {}

/// A request type read back from the wire, with the operation's documented success answer.
/// Implemented by every generated request type.
pub trait FromWire: Operation {
    /// The spec's success example body (JSON), if it has one.
    const EXAMPLE: Option<&'static str> = None;
    /// The names of its query parameters (an operation of a gateway of its own, which is
    /// routed by its path and query rather than an action header).
    const QUERY: &'static [&'static str] = &[];
    /// Whether it has a host parameter (an OSS bucket operation, not a service one).
    const HOST: bool = false;
    /// Reads the request's parameters: a missing required one, an unreadable one or an
    /// undocumented enum value is a [`WireError`] naming it.
    fn from_wire(wire: &Wire) -> Result<Self, WireError>;
}

/// An output written as a success body: implemented by every generated output.
pub trait ToBody {
    /// The body and its content type (`None` for an empty body).
    fn to_body(&self) -> (Vec<u8>, Option<&'static str>);
}

/// A generated enum whose documented values are known (`Unknown` holds any other).
pub trait KnownValues {
    /// Whether the value is one the spec documents.
    fn is_known(&self) -> bool;
}

impl<T: KnownValues> KnownValues for Vec<T> {
    fn is_known(&self) -> bool {
        self.iter().all(T::is_known)
    }
}

/// Checks a request read against its operation (required parameters, enum values).
pub type Check = std::sync::Arc<dyn Fn(&Wire) -> Result<(), WireError> + Send + Sync>;

/// An operation as the test gateway knows it: where it is called, how a request is
/// checked, what it answers by default. Generated crates list theirs in each version
/// module's `operations()`; [`Route::of`] makes one from a request type.
#[derive(Clone)]
pub struct Route {
    /// The product (`Ecs`), which tells apart operations of the same action and version.
    pub product: String,
    /// The hosts the product is called at: the endpoint template's (`ecs.{regionId}.aliyuncs.com`,
    /// `{regionId}` standing for any region) and its regional endpoints.
    pub hosts: Vec<String>,
    /// The action.
    pub action: String,
    /// The API version.
    pub version: String,
    /// The HTTP method.
    pub method: crate::operation::Method,
    /// The path template (`/` for RPC).
    pub path: String,
    /// The success example body (JSON).
    pub example: Option<String>,
    /// Called without a signature.
    pub anonymous: bool,
    /// The boolean field that is `false` in an error body, for operations that say so.
    pub success_field: Option<String>,
    /// How the request is checked.
    pub check: Check,
    /// The gateway the product's requests go through (how they are routed and signed).
    pub protocol: crate::operation::Protocol,
    /// The names of the operation's query parameters (routing of a gateway of its own).
    pub query: Vec<String>,
    /// Whether the operation has a host parameter (routing of a gateway of its own).
    pub host: bool,
}

impl Route {
    /// The route of a generated operation: its request is checked by reading it back.
    pub fn of<O: FromWire>() -> Route {
        let service = O::SERVICE;
        Route {
            product: service.product.to_string(),
            hosts: std::iter::once(service.endpoint_template)
                .chain(service.regional_endpoints.iter().map(|(_, host)| *host))
                .map(|h| h.split_once("://").map_or(h, |(_, rest)| rest).to_string())
                .collect(),
            action: O::ACTION.to_string(),
            version: service.version.to_string(),
            method: O::METHOD,
            path: O::PATH.to_string(),
            example: O::EXAMPLE.map(str::to_string),
            anonymous: O::ANONYMOUS,
            success_field: O::SUCCESS_FIELD.map(str::to_string),
            check: std::sync::Arc::new(|w| O::from_wire(w).map(drop)),
            protocol: service.protocol,
            query: O::QUERY.iter().map(|q| q.to_string()).collect(),
            host: O::HOST,
        }
    }
}

impl Route {
    /// The host parameter a `host` header names for this route's product: its first label
    /// when the rest is one of the product's hosts, or, at a local endpoint, when the rest
    /// still has a dot or is `localhost` (`b1.localhost:8080`, `acs-b1.gw.test:8080`); none
    /// for an IP address or the endpoint itself.
    pub fn host_label(&self, host: &str) -> Option<String> {
        let name = host.rsplit_once(':').map_or(host, |(h, port)| {
            if port.chars().all(|c| c.is_ascii_digit()) {
                h
            } else {
                host
            }
        });
        if name.parse::<std::net::IpAddr>().is_ok()
            || name.starts_with('[')
            || self.serves_host(name)
        {
            return None;
        }
        let (label, rest) = name.split_once('.')?;
        let named = self.serves_host(rest) || rest == "localhost" || rest.contains('.');
        (named && !label.is_empty()).then(|| label.to_string())
    }

    /// Whether `host` (a `host` header, maybe with a port) is one of the product's hosts.
    pub fn serves_host(&self, host: &str) -> bool {
        let host = host.split(':').next().unwrap_or(host);
        self.hosts
            .iter()
            .any(|pattern| match pattern.split_once("{regionId}") {
                // A region is one label (`cn-hangzhou`), never `bucket.cn-hangzhou`.
                Some((before, after)) => {
                    host.len() > before.len() + after.len()
                        && host.starts_with(before)
                        && host.ends_with(after)
                        && !host[before.len()..host.len() - after.len()].contains('.')
                }
                None => pattern.split(':').next() == Some(host),
            })
    }
}

impl fmt::Debug for Route {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Route")
            .field("product", &self.product)
            .field("action", &self.action)
            .field("version", &self.version)
            .field("method", &self.method)
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

/// The body of a request, as its content type says.
#[derive(Clone, Debug, PartialEq)]
pub enum WireBody {
    /// No body.
    None,
    /// `application/x-www-form-urlencoded` pairs, decoded.
    Form(Vec<(String, String)>),
    /// A JSON body.
    Json(Value),
    /// Any other body (text or bytes).
    Raw(Vec<u8>),
}

/// A received request, split into what parameters are read from.
#[derive(Clone, Debug, PartialEq)]
pub struct Wire {
    /// The method (`POST`).
    pub method: String,
    /// The path as sent (percent-encoded).
    pub path: String,
    /// The query string's pairs, decoded, in order.
    pub query: Vec<(String, String)>,
    /// The headers (names as sent).
    pub headers: Vec<(String, String)>,
    /// The request's body.
    pub body: WireBody,
    /// The path template's `{Name}` values, decoded (filled by [`Wire::with_template`]).
    pub path_values: Vec<(String, String)>,
    /// The whole path, decoded, for a template ending in `*`.
    pub wildcard: Option<String>,
    /// The host parameter the `host` header names (filled by the gateway for the products
    /// with a gateway of their own).
    pub host_label: Option<String>,
}

impl Wire {
    /// Splits a request: path, decoded query pairs, headers and the body by content type.
    pub fn parse(request: &HttpRequest) -> Wire {
        let (path, query) = path_and_query(&request.url);
        let content_type = crate::transport::header(&request.headers, "content-type")
            .unwrap_or_default()
            .to_ascii_lowercase();
        let body = if let Some(unpacked) = sls_log_group::unpack(&request.headers, &request.body) {
            match unpacked {
                Ok((raw, true)) => sls_log_group::decode(&raw)
                    .map_or_else(|_| WireBody::Raw(raw.into_owned()), WireBody::Json),
                Ok((raw, false)) => serde_json::from_slice(&raw)
                    .map_or_else(|_| WireBody::Raw(raw.into_owned()), WireBody::Json),
                Err(_) => WireBody::Raw(request.body.clone()),
            }
        } else if request.body.is_empty() {
            WireBody::None
        } else if content_type.starts_with("application/x-www-form-urlencoded") {
            WireBody::Form(decode_pairs(&String::from_utf8_lossy(&request.body)))
        } else if content_type.starts_with("application/xml") {
            // An XML body reads as the JSON object it was written from (its root element).
            match crate::xml::read(&request.body) {
                Ok(v) => WireBody::Json(v),
                Err(_) => WireBody::Raw(request.body.clone()),
            }
        } else if content_type.starts_with("application/json") {
            match serde_json::from_slice(&request.body) {
                // A JSON string body is the text the client sent unquoted.
                Ok(v) => WireBody::Json(v),
                Err(_) => WireBody::Raw(request.body.clone()),
            }
        } else {
            WireBody::Raw(request.body.clone())
        };
        Wire {
            method: request.method.to_string(),
            path: path.to_string(),
            query: decode_pairs(query),
            headers: request.headers.clone(),
            body,
            path_values: Vec::new(),
            wildcard: None,
            host_label: None,
        }
    }

    /// Reads the request against a route: its path against the route's template (a gateway
    /// of its own's last `{Name}` takes the rest of the path, an object key `dir/a.txt`, and
    /// its subresources must be in the query), and its host parameter. `None` when the
    /// request does not fit.
    pub fn fit(self, route: &Route) -> Option<Wire> {
        if !route.protocol.own_gateway() {
            return self.with_template(&route.path);
        }
        let (template, subresources) = crate::request::subresources(&route.path);
        let fits = subresources.iter().all(|(k, v)| {
            self.query
                .iter()
                .any(|(qk, qv)| qk == k && (v.is_empty() || qv == v))
        });
        if !fits {
            return None;
        }
        let host = self.header("host").unwrap_or_default().to_string();
        let greedy = route.protocol == crate::operation::Protocol::Oss;
        let mut wire = match template.rsplit_once('/') {
            // OSS `/{key}`: the rest of the path, decoded, whatever its slashes.
            Some((head, last)) if greedy && last.starts_with('{') && last.ends_with('}') => {
                let name = &last[1..last.len() - 1];
                let segments = head.split('/').count();
                let parts: Vec<&str> = self.path.splitn(segments + 1, '/').collect();
                let rest = parts.get(segments).filter(|r| !r.is_empty())?.to_string();
                let head_path = parts[..segments].join("/");
                let mut fitted = Wire {
                    path: head_path,
                    ..self.clone()
                }
                .with_template(head)?;
                fitted.path = self.path;
                fitted
                    .path_values
                    .push((name.to_string(), percent_decode(&rest)));
                fitted
            }
            _ => self.with_template(template)?,
        };
        wire.host_label = route.host_label(&host);
        Some(wire)
    }

    /// Reads the path against an operation's template: each `{Name}` takes its segment,
    /// decoded. `None` when the path does not fit the template.
    pub fn with_template(mut self, template: &str) -> Option<Wire> {
        let decode_all = |p: &str| {
            p.split('/')
                .map(percent_decode)
                .collect::<Vec<_>>()
                .join("/")
        };
        // Subresources (`/{key}?tagging`) are query keys, not part of the path.
        let template = template.split('?').next().unwrap_or(template);
        if template.ends_with('*') {
            self.wildcard = Some(decode_all(&self.path));
            return Some(self);
        }
        let want: Vec<&str> = template.split('/').collect();
        let got: Vec<&str> = self.path.split('/').collect();
        if want.len() != got.len() {
            return None;
        }
        for (w, g) in want.iter().zip(&got) {
            match template_name(w) {
                Some((before, name, after)) => {
                    let value = g.strip_prefix(before)?.strip_suffix(after)?;
                    self.path_values
                        .push((name.to_string(), percent_decode(value)));
                }
                None if w == g => {}
                None => return None,
            }
        }
        Some(self)
    }

    /// A header's value (case-insensitive name).
    pub fn header(&self, name: &str) -> Option<&str> {
        crate::transport::header(&self.headers, name)
    }

    /// The raw value of a parameter, if sent: a path value, the first query, form or header
    /// value of that name, a JSON body's property. For a flattened list or object (`Tag.1`),
    /// the rebuilt value.
    pub fn value(&self, name: &str, place: Place) -> Option<Value> {
        let pairs = match place.location {
            Location::Host => return self.host_label.clone().map(Value::String),
            Location::Path => {
                return self
                    .path_values
                    .iter()
                    .find(|(n, _)| n == name)
                    .map(|(_, v)| Value::String(v.clone()))
                    .or_else(|| self.wildcard.clone().map(Value::String));
            }
            // `x-oss-meta-*`: every header of the prefix, as an object by the rest of the name.
            Location::Header if name.ends_with('*') => {
                let prefix = name.trim_end_matches('*').to_ascii_lowercase();
                let map: Map<String, Value> = self
                    .headers
                    .iter()
                    .filter_map(|(k, v)| {
                        let key = k.to_ascii_lowercase();
                        let key = key.strip_prefix(&prefix)?;
                        Some((key.to_string(), Value::String(v.clone())))
                    })
                    .collect();
                return (!map.is_empty()).then_some(Value::Object(map));
            }
            Location::Header => {
                return self.header(name).map(|v| spelled(v, place.style));
            }
            Location::JsonField => {
                return match &self.body {
                    WireBody::Json(Value::Object(m)) => m.get(name).cloned(),
                    _ => None,
                };
            }
            Location::Payload => {
                return match &self.body {
                    WireBody::None => None,
                    WireBody::Json(v) => Some(v.clone()),
                    WireBody::Form(p) => Some(Value::String(crate::sign::canonical_query(p))),
                    WireBody::Raw(b) => Some(Value::String(String::from_utf8_lossy(b).into())),
                };
            }
            Location::Query => &self.query,
            Location::Form => match &self.body {
                WireBody::Form(p) => p,
                _ => return None,
            },
        };
        match place.style {
            Spelling::Flat => unflatten(pairs, name),
            style => pairs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| spelled(v, style)),
        }
    }

    /// A required parameter.
    pub fn req<T: FromJson>(&self, name: &str, place: Place) -> Result<T, WireError> {
        match self.value(name, place) {
            None | Some(Value::Null) => Err(WireError::missing(name, place)),
            Some(v) => T::from_json(&v).map_err(|e| WireError::invalid(name, place, e)),
        }
    }

    /// An optional parameter.
    pub fn opt<T: FromJson>(&self, name: &str, place: Place) -> Result<Option<T>, WireError> {
        match self.value(name, place) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => T::from_json(&v)
                .map(Some)
                .map_err(|e| WireError::invalid(name, place, e)),
        }
    }

    /// A required parameter of an enum type: an undocumented value is invalid.
    pub fn req_enum<T: FromJson + KnownValues>(
        &self,
        name: &str,
        place: Place,
    ) -> Result<T, WireError> {
        known(self.req(name, place)?, name, place)
    }

    /// An optional parameter of an enum type: an undocumented value is invalid.
    pub fn opt_enum<T: FromJson + KnownValues>(
        &self,
        name: &str,
        place: Place,
    ) -> Result<Option<T>, WireError> {
        match self.opt(name, place)? {
            Some(v) => known(v, name, place).map(Some),
            None => Ok(None),
        }
    }

    /// The whole body as bytes, required.
    pub fn req_bytes(&self, name: &str) -> Result<Vec<u8>, WireError> {
        self.opt_bytes(name)?
            .ok_or_else(|| WireError::missing(name, Place::PAYLOAD))
    }

    /// The whole body as bytes, if any.
    pub fn opt_bytes(&self, _name: &str) -> Result<Option<Vec<u8>>, WireError> {
        Ok(match &self.body {
            WireBody::None => None,
            WireBody::Raw(b) => Some(b.clone()),
            WireBody::Json(v) => Some(v.to_string().into_bytes()),
            WireBody::Form(p) => Some(crate::sign::canonical_query(p).into_bytes()),
        })
    }
}

fn known<T: KnownValues>(v: T, name: &str, place: Place) -> Result<T, WireError> {
    if v.is_known() {
        Ok(v)
    } else {
        Err(WireError::invalid(
            name,
            place,
            "has a value the operation does not document",
        ))
    }
}

/// `{Name}` inside a template segment: the text before, the name, the text after.
fn template_name(segment: &str) -> Option<(&str, &str, &str)> {
    let open = segment.find('{')?;
    let close = segment[open..].find('}')? + open;
    Some((
        &segment[..open],
        &segment[open + 1..close],
        &segment[close + 1..],
    ))
}

/// A value spelled as JSON (parsed, or kept as text when it is not JSON) or comma-separated.
fn spelled(v: &str, style: Spelling) -> Value {
    match style {
        Spelling::Json => serde_json::from_str(v).unwrap_or_else(|_| Value::String(v.into())),
        Spelling::Simple if v.is_empty() => Value::Array(Vec::new()),
        Spelling::Simple => Value::Array(v.split(',').map(|s| Value::String(s.into())).collect()),
        Spelling::Flat => Value::String(v.into()),
    }
}

/// The value of `name` among flattened pairs: `name` itself, or a list (`name.1`, `name.2`)
/// or object (`name.Key`) rebuilt from the pairs under it, recursively.
fn unflatten(pairs: &[(String, String)], name: &str) -> Option<Value> {
    let prefix = format!("{name}.");
    let mut root: Option<Value> = None;
    for (k, v) in pairs {
        if k == name {
            if root.is_none() {
                root = Some(Value::String(v.clone()));
            }
            continue;
        }
        let Some(rest) = k.strip_prefix(&prefix) else {
            continue;
        };
        let slot = root.get_or_insert_with(|| Value::Object(Map::new()));
        insert_path(slot, rest, v);
    }
    root.map(lists_from_indices)
}

fn insert_path(slot: &mut Value, path: &str, value: &str) {
    let (head, rest) = match path.split_once('.') {
        Some((h, r)) => (h, Some(r)),
        None => (path, None),
    };
    if !slot.is_object() {
        *slot = Value::Object(Map::new());
    }
    let Value::Object(m) = slot else { return };
    match rest {
        None => {
            m.entry(head.to_string())
                .or_insert_with(|| Value::String(value.into()));
        }
        Some(rest) => {
            let child = m
                .entry(head.to_string())
                .or_insert_with(|| Value::Object(Map::new()));
            insert_path(child, rest, value);
        }
    }
}

/// Objects whose keys are all 1-based indices become lists, in index order.
fn lists_from_indices(v: Value) -> Value {
    match v {
        Value::Object(m) => {
            let indexed = !m.is_empty()
                && m.keys()
                    .all(|k| k.parse::<usize>().is_ok_and(|i| i > 0) && !k.starts_with('0'));
            if indexed {
                let mut items: Vec<(usize, Value)> = m
                    .into_iter()
                    .map(|(k, v)| (k.parse().unwrap_or(0), lists_from_indices(v)))
                    .collect();
                items.sort_by_key(|(i, _)| *i);
                Value::Array(items.into_iter().map(|(_, v)| v).collect())
            } else {
                Value::Object(
                    m.into_iter()
                        .map(|(k, v)| (k, lists_from_indices(v)))
                        .collect(),
                )
            }
        }
        other => other,
    }
}

/// The path (as sent, `/` when none) and the raw query string of a URL.
pub fn path_and_query(url: &str) -> (&str, &str) {
    let after_scheme = url.split_once("://").map_or(url, |(_, r)| r);
    let path_and_query = after_scheme.find('/').map_or("/", |i| &after_scheme[i..]);
    path_and_query
        .split_once('?')
        .unwrap_or((path_and_query, ""))
}

/// Decodes `a=1&b=x%20y` (a `+` is a space, as forms send it).
pub fn decode_pairs(s: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(s.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// Decodes `%XX` escapes (UTF-8, invalid sequences replaced; an invalid escape is kept as it
/// is). A `+` stays a `+`: this is a path's or a header's decoding, not a form's.
pub fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::params::ParamList;

    fn request(url: &str, content_type: Option<&str>, body: &[u8]) -> HttpRequest {
        HttpRequest {
            method: "POST",
            url: url.into(),
            headers: content_type
                .map(|c| vec![("content-type".to_string(), c.to_string())])
                .unwrap_or_default(),
            body: body.to_vec(),
        }
    }

    #[test]
    fn flattened_parameters_are_rebuilt() {
        let mut p = ParamList::default();
        p.add("Name", "a b&c");
        p.add(
            "Tag",
            &vec![
                std::collections::BTreeMap::from([("Key".to_string(), "k1".to_string())]),
                std::collections::BTreeMap::from([("Key".to_string(), "k2".to_string())]),
            ],
        );
        p.add_json("Json", &vec![1i64, 2]);
        p.add_simple("Ids", &vec!["x".to_string(), "y".to_string()]);
        let url = format!(
            "https://h.example/?{}",
            crate::sign::canonical_query(p.pairs())
        );
        let w = Wire::parse(&request(&url, None, b""));
        assert_eq!(w.req::<String>("Name", Place::QUERY), Ok("a b&c".into()));
        assert_eq!(
            w.value("Tag", Place::QUERY),
            Some(serde_json::json!([{"Key": "k1"}, {"Key": "k2"}]))
        );
        assert_eq!(w.req::<Vec<i64>>("Json", Place::QUERY_JSON), Ok(vec![1, 2]));
        assert_eq!(
            w.req::<Vec<String>>("Ids", Place::QUERY_SIMPLE),
            Ok(vec!["x".into(), "y".into()])
        );
        assert_eq!(w.opt::<String>("Absent", Place::QUERY), Ok(None));
        assert_eq!(
            w.req::<String>("Absent", Place::QUERY).unwrap_err().code,
            "MissingParameter"
        );
        let bad = w.req::<i64>("Name", Place::QUERY).unwrap_err();
        assert_eq!((bad.code, bad.field.as_str()), ("InvalidParameter", "Name"));
    }

    #[test]
    fn path_values_follow_the_template() {
        let w = Wire::parse(&request(
            "http://h/clusters/a%20b%2Fc/nodes/x-1.json",
            None,
            b"",
        ));
        let t = w
            .clone()
            .with_template("/clusters/{ClusterId}/nodes/{Node}.json")
            .expect("fits");
        assert_eq!(
            t.req::<String>("ClusterId", Place::PATH),
            Ok("a b/c".into())
        );
        assert_eq!(t.req::<String>("Node", Place::PATH), Ok("x-1".into()));
        assert!(w.clone().with_template("/clusters/{ClusterId}").is_none());
        let all = w.with_template("/api/*").expect("a wildcard fits any path");
        assert_eq!(
            all.req::<String>("requestPath", Place::PATH),
            Ok("/clusters/a b/c/nodes/x-1.json".into())
        );
    }

    #[test]
    fn bodies_are_read_by_content_type() {
        let form = Wire::parse(&request(
            "http://h/",
            Some("application/x-www-form-urlencoded"),
            b"A=1&B.1=x",
        ));
        assert_eq!(form.req::<i64>("A", Place::FORM), Ok(1));
        assert_eq!(
            form.req::<Vec<String>>("B", Place::FORM),
            Ok(vec!["x".into()])
        );
        let json = Wire::parse(&request(
            "http://h/",
            Some("application/json; charset=utf-8"),
            br#"{"name":"n","count":2}"#,
        ));
        assert_eq!(json.req::<i64>("count", Place::JSON_FIELD), Ok(2));
        assert_eq!(
            json.req::<serde_json::Value>("body", Place::PAYLOAD),
            Ok(serde_json::json!({"name": "n", "count": 2}))
        );
        let raw = Wire::parse(&request(
            "http://h/",
            Some("application/octet-stream"),
            b"\x00\x01",
        ));
        assert_eq!(raw.req_bytes("body"), Ok(vec![0, 1]));
    }

    #[test]
    fn percent_decoding_keeps_broken_escapes() {
        assert_eq!(percent_decode("a%20b%C3%A9%2"), "a bé%2");
        assert_eq!(percent_decode("%zz%41"), "%zzA");
    }
}
