//! acs-codegen: generates typed Rust clients for Alibaba Cloud operations, RPC and REST-style
//! (ROA, `V3`, `FC`), from OpenAPI 3.0 specs written by hand or imported from Alibaba's
//! published metadata ([`import`]).
//!
//! The pipeline has four steps, each in its own module:
//!
//! 1. [`parse`]: YAML into typed spec structs (serde_yaml), positions indexed by [`locate`];
//! 2. [`validate`]: every problem collected, located as `file:line:column: spec.path: what`;
//! 3. [`lower`]: the validated spec into the intermediate [`model`];
//! 4. [`emit`]: the model into Rust (quote!, formatted by prettyplease) and Markdown.
//!
//! [`source`] reads the specs, [`compile()`] runs steps 1 to 3 over all of them, and
//! [`Builder`] drives a whole run from a build script or the CLI:
//!
//! ```no_run
//! acs_codegen::Builder::new()
//!     .specs_dir("specs")
//!     .out_dir("generated")
//!     .generate()?;
//! # Ok::<(), acs_codegen::Error>(())
//! ```

mod builder;
pub mod cache;
mod compile;
pub mod diagnostics;
pub mod dialect;
pub mod diff;
mod document_warnings;
pub mod emit;
#[cfg(feature = "fetch")]
pub mod fetch;
mod fuzz;
mod generated;
pub mod git;
pub mod import;
pub mod locate;
pub mod lower;
pub mod model;
pub mod names;
pub mod output;
pub mod overlay;
pub mod pagination;
pub mod parallel;
pub mod parse;
#[cfg(feature = "serve")]
pub mod serve;
pub mod source;
pub mod surface;
pub mod timings;
pub mod validate;

pub use diagnostics::{Diagnostic, Error, Level, Lint, Lints, Severity, ALL_LINTS};
pub use emit::Options;
pub use generated::Files;
pub use output::WriteReport;

pub use builder::{Builder, Layout, OUT_DIR_FILE};
pub use compile::{check_each, compile, compile_with, render, Compiled};
#[doc(hidden)]
pub use fuzz::{fuzz_frontend, fuzz_import};
pub use source::{dedup_sources, read_specs, read_specs_dir, SpecSource, COMMON_ERRORS_FILE};
