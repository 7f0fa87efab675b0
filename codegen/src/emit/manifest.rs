//! Every `Cargo.toml` of the generated crate, its own and its shards', built as data
//! ([`Manifest`]) and rendered by one function, and its `.gitignore`.
//!
//! The generated crate has one feature per product version (and one per product enabling
//! them), `cli` for the `acs` binary and `testing` for the gateway double; a sharded
//! version's feature enables its shard crates, which are optional dependencies.

use super::context::Product;
use super::layout::{self, Plan, Shard};
use super::options::Options;
use super::render::header;

/// A `Cargo.toml`: the `@generated` header and the tables, in order.
pub(crate) struct Manifest {
    head: Vec<String>,
    tables: Vec<Table>,
}

/// A table: `[name]`, or `[[name]]` for an element of an array of tables.
struct Table {
    name: &'static str,
    array: bool,
    entries: Vec<Entry>,
}

/// `key = value`, after a comment line if any.
struct Entry {
    comment: Option<&'static str>,
    key: String,
    value: Value,
}

enum Value {
    Str(String),
    Bool(bool),
    /// An array of strings.
    List(Vec<String>),
    /// An inline table or any value, as TOML text.
    Raw(String),
}

impl Table {
    fn new(name: &'static str) -> Self {
        Table {
            name,
            array: false,
            entries: Vec::new(),
        }
    }

    fn with(mut self, key: impl Into<String>, value: Value) -> Self {
        self.push(None, key, value);
        self
    }

    fn push(&mut self, comment: Option<&'static str>, key: impl Into<String>, value: Value) {
        self.entries.push(Entry {
            comment,
            key: key.into(),
            value,
        });
    }
}

/// A TOML basic string.
fn string(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

impl Value {
    fn render(&self) -> String {
        match self {
            Value::Str(s) => string(s),
            Value::Bool(b) => b.to_string(),
            Value::List(items) => {
                let items: Vec<String> = items.iter().map(|i| string(i)).collect();
                format!("[{}]", items.join(", "))
            }
            Value::Raw(text) => text.clone(),
        }
    }
}

impl Manifest {
    /// The manifest's text.
    pub(crate) fn render(&self) -> String {
        let mut t = String::new();
        for line in &self.head {
            t.push_str(&format!("# {line}\n"));
        }
        for table in &self.tables {
            let (open, close) = if table.array {
                ("[[", "]]")
            } else {
                ("[", "]")
            };
            t.push_str(&format!("\n{open}{}{close}\n", table.name));
            for e in &table.entries {
                if let Some(c) = e.comment {
                    t.push_str(&format!("# {c}\n"));
                }
                t.push_str(&format!("{} = {}\n", e.key, e.value.render()));
            }
        }
        t
    }
}

/// The `[package]` table of the generated crate and of its shards.
fn package(name: &str, opts: &Options, description: &str) -> Table {
    Table::new("package")
        .with("name", Value::Str(name.into()))
        .with("version", Value::Str(opts.package_version.clone()))
        .with("edition", Value::Str("2021".into()))
        .with("description", Value::Str(description.into()))
        .with("license", Value::Str("MIT OR Apache-2.0".into()))
        .with("publish", Value::Bool(false))
}

/// A dependency on a shard crate, from the generated crate or from another shard.
fn shard_dependency(shard: &Shard, from_shard: bool, optional: bool) -> (String, Value) {
    let dir = if from_shard {
        format!("../{}", shard.dir.trim_start_matches("shards/"))
    } else {
        shard.dir.clone()
    };
    let optional = if optional { ", optional = true" } else { "" };
    (
        shard.package.clone(),
        Value::Raw(format!("{{ path = {}{optional} }}", string(&dir))),
    )
}

/// The generated crate's manifest: its features (`default`, `cli`, `testing`, a feature per
/// product and per product version), the `acs` binary, the runtime and the shards.
pub(crate) fn crate_manifest(
    head: &[String],
    products: &[Product],
    plans: &[Plan],
    opts: &Options,
) -> Manifest {
    let mut features = Table::new("features");
    let default = (products.iter())
        .map(|p| p.feature.clone())
        .chain(["cli".to_string()]);
    features.push(None, "default", Value::List(default.collect()));
    let cli = vec!["acs-runtime/cli".to_string()];
    features.push(Some("The `acs` command line."), "cli", Value::List(cli));
    features.push(
        Some("The gateway double for tests (`runtime::testing::Gateway`)."),
        "testing",
        Value::List(testing_features(plans, opts)),
    );
    for product in products {
        let list = product.versions.iter().map(|s| s.feature.clone()).collect();
        features.push(None, product.feature.clone(), Value::List(list));
        for s in &product.versions {
            let shards = plans.iter().find(|p| std::ptr::eq(p.service, *s));
            let deps = shards.into_iter().flat_map(|p| p.shards(opts));
            let deps = deps.map(|s| format!("dep:{}", s.package)).collect();
            features.push(None, s.feature.clone(), Value::List(deps));
        }
    }
    let mut bin = Table::new("bin")
        .with("name", Value::Str("acs".into()))
        .with("path", Value::Str(layout::CLI_BINARY.into()))
        .with("required-features", Value::List(vec!["cli".into()]));
    bin.array = true;
    let mut dependencies =
        Table::new("dependencies").with("acs-runtime", Value::Raw(opts.runtime_dependency.clone()));
    if !plans.is_empty() {
        let shards = std::iter::once((Shard::common(opts), false))
            .chain(plans.iter().flat_map(|p| p.shards(opts)).map(|s| (s, true)));
        for (shard, optional) in shards {
            let (key, value) = shard_dependency(&shard, false, optional);
            dependencies.push(None, key, value);
        }
    }
    let description = "Typed Alibaba Cloud clients generated by acs-codegen";
    Manifest {
        head: head.to_vec(),
        tables: vec![
            package(&opts.package_name, opts, description),
            features,
            bin,
            dependencies,
        ],
    }
}

/// What the generated crate's `testing` feature enables: the runtime's, and the feature of
/// each shard crate that is built (the common one always, the others when their service's
/// feature is on).
fn testing_features(plans: &[Plan], opts: &Options) -> Vec<String> {
    let mut out = vec!["acs-runtime/testing".to_string()];
    if !plans.is_empty() {
        out.push(format!("{}/testing", Shard::common(opts).package));
        let shards = plans.iter().flat_map(|plan| plan.shards(opts));
        out.extend(shards.map(|s| format!("{}?/testing", s.package)));
    }
    out
}

/// A shard's manifest: `what` it holds, and the shards it depends on.
fn shard_manifest(
    shard: &Shard,
    what: &str,
    deps: &[&Shard],
    head: &[String],
    opts: &Options,
) -> Manifest {
    let description = format!(
        "{what}, a shard of {} (use it through that crate)",
        opts.package_name
    );
    let mut lib = Table::new("lib").with("path", Value::Str(layout::LIB.into()));
    lib.push(
        Some("The examples are in the generated crate."),
        "doctest",
        Value::Bool(false),
    );
    let runtime = relocate(&opts.runtime_dependency, "../../");
    let mut dependencies = Table::new("dependencies").with("acs-runtime", Value::Raw(runtime));
    for d in deps {
        let (key, value) = shard_dependency(d, true, false);
        dependencies.push(None, key, value);
    }
    let testing = std::iter::once("acs-runtime/testing".to_string())
        .chain(deps.iter().map(|d| format!("{}/testing", d.package)));
    let mut features = Table::new("features");
    features.push(
        Some("The test gateway's support, enabled by the generated crate's `testing`."),
        "testing",
        Value::List(testing.collect()),
    );
    Manifest {
        head: head.to_vec(),
        tables: vec![
            package(&shard.package, opts, &description),
            lib,
            dependencies,
            features,
        ],
    }
}

/// The common crate's manifest.
pub(crate) fn common_manifest(head: &[String], opts: &Options) -> (String, Manifest) {
    let shard = Shard::common(opts);
    let manifest = shard_manifest(&shard, "The common gateway error codes", &[], head, opts);
    (shard.file(layout::MANIFEST), manifest)
}

/// The manifests of a sharded service's crates (path, manifest): the base crate's and each
/// part's, which depend on the base and common crates.
pub(crate) fn service_manifests(
    plan: &Plan,
    opts: &Options,
    head: &[String],
) -> Vec<(String, Manifest)> {
    let (common, base) = (Shard::common(opts), Shard::base(opts, plan.service));
    let (name, version) = (plan.service.display_name(), &plan.service.version);
    let mut out = vec![(
        base.file(layout::MANIFEST),
        shard_manifest(
            &base,
            &format!("{name} {version}: shared types"),
            &[],
            head,
            opts,
        ),
    )];
    for (i, part) in plan.parts.iter().enumerate() {
        let shard = Shard::part(opts, plan.service, i);
        let what = format!("{name} {version}: {}", layout::span(part));
        let manifest = shard_manifest(&shard, &what, &[&base, &common], head, opts);
        out.push((shard.file(layout::MANIFEST), manifest));
    }
    out
}

/// A dependency's TOML value as seen from a directory `up` below the generated crate: a
/// relative `path` gets `up` in front (`{ path = "../runtime" }` → `"../../../runtime"`).
fn relocate(dependency: &str, up: &str) -> String {
    const KEY: &str = "path = \"";
    match dependency.find(KEY) {
        Some(at) => {
            let start = at + KEY.len();
            let rest = &dependency[start..];
            let absolute =
                rest.starts_with('/') || rest.starts_with('\\') || rest.get(1..2) == Some(":");
            if absolute {
                dependency.to_string()
            } else {
                format!("{}{up}{rest}", &dependency[..start])
            }
        }
        None => dependency.to_string(),
    }
}

/// Keeps the generator's own files out of version control: the output directory's lock,
/// staging area and journal ([`crate::output`]) and the render cache ([`crate::cache`]).
pub(crate) fn gitignore() -> String {
    let mut t = String::new();
    for line in header(&[], &None) {
        t.push_str(&format!("# {line}\n"));
    }
    t.push_str(&format!(
        "# The generator's lock, staging area, journal and render cache.\n/{}*\n",
        crate::generated::OWN_FILES_PREFIX
    ));
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_relative_runtime_path_is_relocated_and_others_are_kept() {
        assert_eq!(
            relocate(r#"{ path = "../runtime", version = "0.1.0" }"#, "../../"),
            r#"{ path = "../../../runtime", version = "0.1.0" }"#
        );
        assert_eq!(
            relocate(r#"{ path = "/abs/runtime" }"#, "../../"),
            r#"{ path = "/abs/runtime" }"#
        );
        assert_eq!(
            relocate(r#"{ path = "C:\\rt" }"#, "../../"),
            r#"{ path = "C:\\rt" }"#
        );
        assert_eq!(relocate(r#""0.1""#, "../../"), r#""0.1""#);
    }

    #[test]
    fn values_are_rendered_as_toml() {
        let manifest = Manifest {
            head: vec!["@generated".into()],
            tables: vec![Table::new("package")
                .with("name", Value::Str("a \"b\" \\c".into()))
                .with("publish", Value::Bool(false))
                .with("features", Value::List(vec!["x".into(), "y".into()]))
                .with("empty", Value::List(Vec::new()))],
        };
        assert_eq!(
            manifest.render(),
            "# @generated\n\n[package]\nname = \"a \\\"b\\\" \\\\c\"\npublish = false\nfeatures = [\"x\", \"y\"]\nempty = []\n"
        );
    }
}
