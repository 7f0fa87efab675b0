//! The emit step's settings ([`Options`]) and the few token facts they decide: the runtime's
//! path in generated code and the gate of the test gateway's support.

use super::tokens::path;
use proc_macro2::TokenStream;

/// The generated crate's `acs-runtime` dependency by default: this repository's layout.
pub const DEFAULT_RUNTIME_DEPENDENCY: &str = r#"{ path = "../runtime", version = "0.1.0" }"#;

/// Options of the emit step.
#[derive(Clone, Debug)]
pub struct Options {
    /// Path of the generated crate in doc examples (`acs_sdk`).
    pub crate_name: String,
    /// Package name written into the generated `Cargo.toml`.
    pub package_name: String,
    /// Package version written into the generated `Cargo.toml` (`diff --suggest-version`
    /// says the next one).
    pub package_version: String,
    /// Path of the runtime crate as seen from the generated code.
    pub runtime_path: String,
    /// The `acs-runtime` dependency of the generated `Cargo.toml`, as a TOML value
    /// (`{ path = "../runtime", version = "0.1.0" }`).
    pub runtime_dependency: String,
    /// Emit `no_run` doc examples.
    pub doc_examples: bool,
    /// Write a Markdown reference page per operation (`docs/<product>/<version>/<Action>.md`)
    /// and point to it from rustdoc; a crate's, not a build script's single file.
    pub reference_pages: bool,
    /// Lay out Rust output (prettyplease for the library, `plain` for the tests and the
    /// `acs` table); without it, tokens are printed as they come.
    pub format: bool,
    /// `PartialEq` on the generated structs (derived) and `PartialEq`, `Eq` and `Hash` on
    /// the enums (by wire value), the default. Without them the crate costs about 10 % less
    /// `cargo check` time and memory at a thousand operations (docs/benchmarks.md).
    pub comparisons: bool,
    /// Compile a product version with more operations than this as several crates
    /// (shards): less memory per rustc and a check on every core, the same public
    /// paths. Off by default; the crate layout only (a build script's single file is never
    /// sharded).
    pub shard_operations: Option<usize>,
    /// The `cfg` predicate under which the test gateway's support is compiled (each request's
    /// `FromWire`, the response types' `ToJson`/`ToBody`, `operations()`): `feature =
    /// "testing"` in a crate (about 13 % of a crate's check time at a thousand operations,
    /// docs/benchmarks.md); `None` compiles it when the runtime is built with its `testing`
    /// feature (a build script's single file).
    pub testing_cfg: Option<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            crate_name: "acs_sdk".into(),
            package_name: "acs-sdk".into(),
            package_version: "0.1.0".into(),
            runtime_path: "acs_runtime".into(),
            runtime_dependency: DEFAULT_RUNTIME_DEPENDENCY.into(),
            doc_examples: true,
            reference_pages: true,
            format: true,
            comparisons: true,
            shard_operations: None,
            testing_cfg: Some(TESTING_CFG.into()),
        }
    }
}

/// The default [`Options::testing_cfg`]: the generated crate's `testing` feature.
pub(crate) const TESTING_CFG: &str = "feature = \"testing\"";

/// The runtime crate's path in generated code ([`Options::runtime_path`]).
pub(crate) fn runtime_path(opts: &Options) -> TokenStream {
    path(&opts.runtime_path)
}
