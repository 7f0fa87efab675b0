//! The spec dialect's keys (specs/README.md), named once: the extension keys, and for every
//! object of a spec the keys it models and the OpenAPI keys it ignores.
//!
//! - `parse.rs` models the keys: serde's `rename` takes only literals, so a test here reads
//!   parse.rs and checks that each struct models exactly the keys listed for it;
//! - `validate/keys.rs` reads the lists: the keys an object ignores without a warning, and
//!   every known key for "did you mean" hints;
//! - `import/` writes specs with these names.

/// `info`: the product code as Alibaba spells it.
pub(crate) const X_ACS_PRODUCT: &str = "x-acs-product";
/// `info`: the metadata document an imported spec comes from.
pub(crate) const X_ACS_IMPORTED_FROM: &str = "x-acs-imported-from";
/// Document: each region's own endpoint.
pub(crate) const X_ACS_ENDPOINTS: &str = "x-acs-endpoints";
/// Operation: its title in Alibaba's reference.
pub(crate) const X_ACS_TITLE: &str = "x-acs-title";
/// Operation: its documented error codes.
pub(crate) const X_ACS_ERROR_CODES: &str = "x-acs-error-codes";
/// Operation: its RAM authorization.
pub(crate) const X_ACS_RAM: &str = "x-acs-ram";
/// Operation: the boolean body field whose `false` makes a 200 answer an error.
pub(crate) const X_ACS_SUCCESS_FIELD: &str = "x-acs-success-field";
/// Operation: whether it is safe to retry.
pub(crate) const X_ACS_IDEMPOTENT: &str = "x-acs-idempotent";
/// Operation: how it pages.
pub(crate) const X_ACS_PAGINATION: &str = "x-acs-pagination";
/// Parameter, encoding: how a value is written (`flat`, `json`, `simple`); `info`: the
/// product's own gateway (`OSS`, `SLS`, `PDS`), as the metadata's `style`.
pub(crate) const X_ACS_STYLE: &str = "x-acs-style";
/// Parameter: an idempotency token (`ClientToken`), filled when unset.
pub(crate) const X_ACS_IDEMPOTENCY_TOKEN: &str = "x-acs-idempotency-token";
/// Request body: the name of the request field holding the whole body.
pub(crate) const X_ACS_BODY_NAME: &str = "x-acs-body-name";
/// Schema: the Rust names of an enum's values.
pub(crate) const X_ENUM_VARNAMES: &str = "x-enum-varnames";
/// Schema: the descriptions of an enum's values.
pub(crate) const X_ENUM_DESCRIPTIONS: &str = "x-enum-descriptions";
/// Schema: the wire values of a boolean sent as two strings.
pub(crate) const X_ACS_BOOL_VALUES: &str = "x-acs-bool-values";
/// Schema: a secret value, never printed.
pub(crate) const X_ACS_SENSITIVE: &str = "x-acs-sensitive";
/// The common errors file: the gateway's error codes, shared by every operation.
pub(crate) const X_ACS_COMMON_ERROR_CODES: &str = "x-acs-common-error-codes";

/// An object of the dialect: the keys it models, and the OpenAPI keys it accepts and ignores
/// (any other key gets an `unknown-key` warning).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Object {
    /// Its struct in `parse.rs` (checked against parse.rs's serde names by a unit test).
    #[cfg_attr(not(test), allow(dead_code))]
    pub name: &'static str,
    pub keys: &'static [&'static str],
    pub ignored: &'static [&'static str],
}

pub(crate) const DOCUMENT: Object = Object {
    name: "Document",
    keys: &[
        "openapi",
        "info",
        "servers",
        "paths",
        "components",
        X_ACS_ENDPOINTS,
    ],
    ignored: &["security", "tags", "externalDocs"],
};

pub(crate) const INFO: Object = Object {
    name: "Info",
    keys: &[
        "title",
        "version",
        "description",
        X_ACS_PRODUCT,
        X_ACS_IMPORTED_FROM,
        X_ACS_STYLE,
    ],
    ignored: &["contact", "license", "termsOfService"],
};

pub(crate) const SERVER: Object = Object {
    name: "Server",
    keys: &["url", "description", "variables"],
    ignored: &[],
};

pub(crate) const SERVER_VARIABLE: Object = Object {
    name: "ServerVariable",
    keys: &["default", "enum", "description"],
    ignored: &[],
};

pub(crate) const PATH_ITEM: Object = Object {
    name: "PathItem",
    keys: &["get", "post", "put", "delete", "patch", "head", "options"],
    ignored: &["summary", "description"],
};

pub(crate) const OPERATION: Object = Object {
    name: "Operation",
    keys: &[
        "operationId",
        "summary",
        X_ACS_TITLE,
        "description",
        "deprecated",
        "parameters",
        "requestBody",
        "responses",
        X_ACS_ERROR_CODES,
        X_ACS_RAM,
        X_ACS_SUCCESS_FIELD,
        X_ACS_IDEMPOTENT,
        "security",
        X_ACS_PAGINATION,
    ],
    ignored: &["tags", "externalDocs", "servers"],
};

/// The fields of `x-acs-pagination` (any other key is an error).
pub(crate) const PAGINATION: Object = Object {
    name: "PaginationFields",
    keys: &[
        "inputToken",
        "outputToken",
        "pageNumber",
        "pageSize",
        "items",
        "total",
    ],
    ignored: &[],
};

pub(crate) const PARAMETER: Object = Object {
    name: "Parameter",
    keys: &[
        "name",
        "in",
        "required",
        "description",
        "example",
        "deprecated",
        "schema",
        X_ACS_STYLE,
        X_ACS_IDEMPOTENCY_TOKEN,
    ],
    ignored: &[],
};

pub(crate) const REQUEST_BODY: Object = Object {
    name: "RequestBody",
    keys: &["description", "required", X_ACS_BODY_NAME, "content"],
    ignored: &[],
};

pub(crate) const RESPONSE: Object = Object {
    name: "Response",
    keys: &["description", "content", "headers"],
    ignored: &["links"],
};

/// A success response's header: an output field read from the header of that name.
pub(crate) const HEADER: Object = Object {
    name: "Header",
    keys: &["description", "schema"],
    ignored: &["required", "deprecated", "example", "style", "explode"],
};

pub(crate) const MEDIA_TYPE: Object = Object {
    name: "MediaType",
    keys: &["schema", "example", "encoding"],
    ignored: &[],
};

pub(crate) const ENCODING: Object = Object {
    name: "Encoding",
    keys: &[X_ACS_STYLE],
    ignored: &[
        "contentType",
        "headers",
        "style",
        "explode",
        "allowReserved",
    ],
};

pub(crate) const SCHEMA: Object = Object {
    name: "Schema",
    keys: &[
        "$ref",
        "type",
        "format",
        "description",
        "title",
        "enum",
        "default",
        "example",
        "minimum",
        "maximum",
        "minLength",
        "maxLength",
        "pattern",
        "minItems",
        "maxItems",
        "items",
        "properties",
        "required",
        "additionalProperties",
        "deprecated",
        X_ENUM_VARNAMES,
        X_ENUM_DESCRIPTIONS,
        X_ACS_BOOL_VALUES,
        X_ACS_SENSITIVE,
    ],
    ignored: &[
        "exclusiveMinimum",
        "exclusiveMaximum",
        "uniqueItems",
        "nullable",
        "readOnly",
        "writeOnly",
        "externalDocs",
        "xml",
        "multipleOf",
    ],
};

pub(crate) const COMPONENTS: Object = Object {
    name: "Components",
    keys: &["schemas"],
    ignored: &["securitySchemes"],
};

pub(crate) const ERROR_CODE: Object = Object {
    name: "ErrorCode",
    keys: &["status", "code", "message", "description", "retryable"],
    ignored: &[],
};

pub(crate) const RAM: Object = Object {
    name: "Ram",
    keys: &["actions", "note"],
    ignored: &[],
};

pub(crate) const RAM_ACTION: Object = Object {
    name: "RamAction",
    keys: &[
        "action",
        "accessLevel",
        "resourceTypes",
        "conditionKeys",
        "associatedOperations",
    ],
    ignored: &[],
};

pub(crate) const COMMON_ERRORS: Object = Object {
    name: "CommonErrors",
    keys: &[X_ACS_COMMON_ERROR_CODES],
    ignored: &[],
};

/// Every object of the dialect.
pub(crate) const OBJECTS: &[Object] = &[
    DOCUMENT,
    INFO,
    SERVER,
    SERVER_VARIABLE,
    PATH_ITEM,
    OPERATION,
    PAGINATION,
    PARAMETER,
    REQUEST_BODY,
    RESPONSE,
    HEADER,
    MEDIA_TYPE,
    ENCODING,
    SCHEMA,
    COMPONENTS,
    ERROR_CODE,
    RAM,
    RAM_ACTION,
    COMMON_ERRORS,
];

/// Every key some object models, once each, in table order.
pub(crate) fn known_keys() -> impl Iterator<Item = &'static str> {
    let mut seen = std::collections::BTreeSet::new();
    OBJECTS
        .iter()
        .flat_map(|o| o.keys.iter().copied())
        .filter(move |k| seen.insert(*k))
}

#[cfg(test)]
mod tests {
    use super::*;
    use heck::ToLowerCamelCase;
    use std::collections::{BTreeMap, BTreeSet};

    /// The keys each `Deserialize` struct of parse.rs models: a field's `rename`, else its
    /// name as the struct's `rename_all` spells it; `flatten` fields (the unknown keys) aside.
    fn parse_rs_keys() -> BTreeMap<String, BTreeSet<String>> {
        let file = syn::parse_file(include_str!("parse.rs")).expect("parse.rs parses");
        let mut out = BTreeMap::new();
        for item in file.items {
            let syn::Item::Struct(s) = item else { continue };
            let serde_words = |attrs: &[syn::Attribute]| -> Vec<(String, Option<String>)> {
                let mut words = Vec::new();
                for a in attrs.iter().filter(|a| a.path().is_ident("serde")) {
                    let _ = a.parse_nested_meta(|m| {
                        let name = m
                            .path
                            .get_ident()
                            .map(|i| i.to_string())
                            .unwrap_or_default();
                        let value = match m.value() {
                            Ok(v) => Some(v.parse::<syn::LitStr>()?.value()),
                            Err(_) => None,
                        };
                        words.push((name, value));
                        Ok(())
                    });
                }
                words
            };
            let derives_deserialize = s.attrs.iter().any(|a| {
                a.path().is_ident("derive")
                    && a.meta
                        .require_list()
                        .is_ok_and(|l| l.tokens.to_string().contains("Deserialize"))
            });
            if !derives_deserialize {
                continue;
            }
            let camel = serde_words(&s.attrs)
                .iter()
                .any(|(w, v)| w == "rename_all" && v.as_deref() == Some("camelCase"));
            let mut keys = BTreeSet::new();
            for field in &s.fields {
                let words = serde_words(&field.attrs);
                if words.iter().any(|(w, _)| w == "flatten") {
                    continue;
                }
                let renamed = words
                    .iter()
                    .find(|(w, _)| w == "rename")
                    .and_then(|(_, v)| v.clone());
                let ident = field.ident.as_ref().expect("named fields").to_string();
                keys.insert(renamed.unwrap_or_else(|| {
                    if camel {
                        ident.to_lower_camel_case()
                    } else {
                        ident
                    }
                }));
            }
            out.insert(s.ident.to_string(), keys);
        }
        out
    }

    #[test]
    fn every_object_lists_exactly_the_keys_its_parse_struct_models() {
        let parsed = parse_rs_keys();
        assert!(parsed.len() >= OBJECTS.len(), "{parsed:?}");
        for object in OBJECTS {
            let listed: BTreeSet<String> = object.keys.iter().map(|k| k.to_string()).collect();
            assert_eq!(
                Some(&listed),
                parsed.get(object.name),
                "dialect.rs and parse.rs disagree on `{}`",
                object.name
            );
            for k in object.ignored {
                assert!(!listed.contains(*k), "`{k}` is both modelled and ignored");
            }
        }
        let named: BTreeSet<&str> = OBJECTS.iter().map(|o| o.name).collect();
        for name in parsed.keys() {
            assert!(
                named.contains(name.as_str()),
                "parse.rs's `{name}` has no entry in dialect::OBJECTS"
            );
        }
    }

    #[test]
    fn known_keys_hold_every_extension_once() {
        let keys: Vec<&str> = known_keys().collect();
        let unique: BTreeSet<&str> = keys.iter().copied().collect();
        assert_eq!(keys.len(), unique.len());
        for k in [
            X_ACS_PRODUCT,
            X_ACS_BODY_NAME,
            X_ACS_COMMON_ERROR_CODES,
            "$ref",
        ] {
            assert!(unique.contains(k), "{k}");
        }
    }
}
