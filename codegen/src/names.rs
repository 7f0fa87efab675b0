//! Rust names for spec names. Shared by validation (which rejects collisions) and lowering
//! (which uses the names), so both always agree.

use heck::{ToSnakeCase, ToUpperCamelCase};

const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers.
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super"];

/// Replaces every character that is not ASCII alphanumeric by a word break, spelling
/// non-ASCII characters as `U<hex>` so distinct Unicode names stay distinct.
fn ascii_words(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if c.is_ascii() {
            out.push(' ');
        } else {
            out.push_str(&format!(" U{:X} ", c as u32));
        }
    }
    out
}

fn fix_start(mut name: String, prefix: &str, empty: &str) -> String {
    if name.is_empty() {
        return empty.to_string();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert_str(0, prefix);
    }
    name
}

/// `UpperCamelCase` type or variant name: `SYSTEM.NoSpecificCodeFailed` →
/// `SystemNoSpecificCodeFailed`, `cn-hangzhou` → `CnHangzhou`, `1` → `V1`.
pub fn type_name(s: &str) -> String {
    let name = fix_start(ascii_words(s).to_upper_camel_case(), "V", "VEmpty");
    if KEYWORDS.contains(&name.as_str()) {
        format!("{name}Value")
    } else {
        name
    }
}

/// A variant name for an error code whose `UpperCamelCase` name another code of the same
/// operation keeps: the code as written, each other character `_` and the first letter upper
/// case (`InstanceType.NotSupport` → `InstanceType_NotSupport`), so that it depends on the
/// code alone.
pub fn verbatim_type_name(s: &str) -> String {
    let mut name = String::with_capacity(s.len());
    for c in s.trim().chars() {
        if c.is_ascii_alphanumeric() {
            name.push(c);
        } else if c.is_ascii() {
            name.push('_');
        } else {
            name.push_str(&format!("U{:X}", c as u32));
        }
    }
    let mut name = fix_start(name, "V", "VEmpty");
    if let Some(first) = name.get(..1) {
        name.replace_range(..1, &first.to_ascii_uppercase());
    }
    if name.starts_with('_') {
        name.insert(0, 'V');
    }
    if KEYWORDS.contains(&name.as_str()) {
        format!("{name}Value")
    } else {
        name
    }
}

/// `snake_case` field, method or argument name, escaped when it is a keyword:
/// `InstanceId` → `instance_id`, `Type` → `r#type`, `Self` → `self_`.
pub fn field_name(s: &str) -> String {
    // A name without ASCII words (PDS's `_`) is `n_empty`, snake case like every field.
    let name = fix_start(ascii_words(s).to_snake_case(), "n", "n_empty");
    if NOT_RAW.contains(&name.as_str()) {
        format!("{name}_")
    } else if KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else {
        name
    }
}

/// The types generated for an operation, named after its action (`ReleaseInstance` →
/// `ReleaseInstanceRequest`, `ReleaseInstanceError`, and `ReleaseInstanceResponse` unless its
/// answer is a component).
pub struct OperationTypes {
    pub request: String,
    pub error: String,
    pub response: String,
}

/// The names of an operation's generated types: the one place they are derived.
pub fn operation_types(action: &str) -> OperationTypes {
    let base = type_name(action);
    OperationTypes {
        request: format!("{base}Request"),
        error: format!("{base}Error"),
        response: format!("{base}Response"),
    }
}

/// Module name of a product code: `BssOpenApi` → `bssopenapi`.
pub fn product_module(product: &str) -> String {
    let m: String = product
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    fix_start(m, "p", "pEmpty")
}

/// Module name of an API version: `2024-09-10` → `v2024_09_10`.
pub fn version_module(version: &str) -> String {
    let m: String = version
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    format!("v{m}")
}

/// The Cargo feature of a product (all its versions): its module with `-` for `_`.
pub fn product_feature(product_module: &str) -> String {
    product_module.replace('_', "-")
}

/// The Cargo feature of a product version (`esa-2024-09-10`).
pub fn version_feature(product_module: &str, version: &str) -> String {
    format!("{}-{version}", product_feature(product_module))
}

/// The Rust module path of a product version (`esa::v2024_09_10`), from its product code and
/// API version: what identifies a product version. Two specs with the same one generate the
/// same module (an error, unless a hand-written spec goes over an imported one).
pub fn product_version_module(product: &str, version: &str) -> String {
    format!("{}::{}", product_module(product), version_module(version))
}

/// How a review names a product version (`esa 2024-09-10`): the start of each change's
/// location, by which the change is found back in the specs.
pub fn product_version_location(product: &str, version: &str) -> String {
    format!("{} {version}", product_module(product))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_product_version_is_keyed_by_its_module_and_located_by_its_version() {
        assert_eq!(
            product_version_module("BssOpenApi", "2017-12-14"),
            "bssopenapi::v2017_12_14"
        );
        assert_eq!(
            product_version_location("BssOpenApi", "2017-12-14"),
            "bssopenapi 2017-12-14"
        );
        assert_eq!(
            product_version_module("ESA", "2024-09-10"),
            product_version_module("esa", "2024_09_10"),
            "specs that generate the same module are the same product version"
        );
    }

    #[test]
    fn names() {
        assert_eq!(
            type_name("SYSTEM.NoSpecificCodeFailed"),
            "SystemNoSpecificCodeFailed"
        );
        assert_eq!(type_name("Instance.ReleaseFailed"), "InstanceReleaseFailed");
        assert_eq!(type_name("InstanceReleaseFailed"), "InstanceReleaseFailed");
        assert_eq!(type_name("Forbidden.RAM"), "ForbiddenRam");
        assert_eq!(type_name("cn-hangzhou"), "CnHangzhou");
        assert_eq!(type_name("1"), "V1");
        assert_eq!(type_name(""), "VEmpty");
        assert_eq!(type_name("Self"), "SelfValue");
        assert_ne!(type_name("é"), type_name("è"));
        assert_eq!(field_name("InstanceId"), "instance_id");
        assert_eq!(field_name("Type"), "r#type");
        assert_eq!(field_name("Self"), "self_");
        assert_eq!(field_name("2fa"), "n2fa");
        assert_eq!(product_module("BssOpenApi"), "bssopenapi");
        assert_eq!(version_module("2024-09-10"), "v2024_09_10");
    }
}
