//! acs-codegen: generates typed Rust clients for Alibaba Cloud operations, RPC and REST-style
//! (ROA, `V3`, `FC`), from OpenAPI 3.0 specs written by hand or imported from Alibaba's
//! published metadata.
//!
//! The face is a [`Builder`], its settings ([`Options`], [`Layout`], [`Lints`]) and an
//! [`Error`] whose [`Diagnostic`]s say `file:line:column: spec.path: what is wrong`. From a
//! build script, metadata alone (the common gateway codes are built in):
//!
//! ```no_run
//! // build.rs, in `fn main`:
//! if let Err(e) = acs_codegen::Builder::new()
//!     .metadata("fc-2023-03-30.api-docs.json") // or .specs_dir("specs")
//!     .operation("GetFunction") // keep only the calls you make
//!     .generate_to_out_dir() // OUT_DIR/acs_generated.rs, cargo:rerun-if-changed
//! {
//!     eprintln!("{e}");
//!     std::process::exit(1);
//! }
//! ```
//!
//! and `include!(concat!(env!("OUT_DIR"), "/acs_generated.rs"));` in the crate. A whole crate
//! instead (the CLI's `generate`):
//!
//! ```no_run
//! acs_codegen::Builder::new()
//!     .specs_dir("specs")
//!     .out_dir("generated")
//!     .generate()?;
//! # Ok::<(), acs_codegen::Error>(())
//! ```
//!
//! [`compile`] and [`render`] run the steps apart (the model, then the files in memory). How
//! the generator is built is in `docs/architecture.md`.

#![warn(missing_docs, unreachable_pub)]

mod builder;
#[allow(missing_docs)] // reached through `internal` only: not a stable API
mod cache;
mod compile;
mod diagnostics;
mod dialect;
#[allow(missing_docs)] // reached through `internal` only: not a stable API
mod diff;
mod document_warnings;
mod emit;
#[cfg(feature = "fetch")]
#[allow(missing_docs)] // reached through `internal` only: not a stable API
mod fetch;
mod fuzz;
mod generated;
#[allow(missing_docs)] // reached through `internal` only: not a stable API
mod git;
#[allow(missing_docs)] // reached through `internal` only: not a stable API
mod import;
mod locate;
mod lower;
#[allow(missing_docs)] // reached through `internal` only: not a stable API
mod model;
#[allow(missing_docs)] // reached through `internal` only: not a stable API
mod names;
mod output;
mod overlay;
mod pagination;
mod parallel;
#[allow(missing_docs)] // reached through `internal` only: not a stable API
mod parse;
#[cfg(feature = "serve")]
#[allow(missing_docs)] // reached through `internal` only: not a stable API
mod serve;
mod source;
mod surface;
mod timings;
mod validate;

pub use builder::{Builder, Layout, OUT_DIR_FILE};
pub use compile::{check_each, compile, compile_with, render, Compiled};
pub use diagnostics::{Diagnostic, Error, Level, Lint, Lints, Severity, ALL_LINTS};
pub use emit::Options;
pub use generated::Files;
pub use output::WriteReport;
pub use source::{dedup_sources, read_specs, read_specs_dir, SpecSource, COMMON_ERRORS_FILE};

/// What the `acs-codegen` binary, the benchmarks, the fuzz targets and this repository's
/// tests use beyond the face above: metadata import, the review diff, fetching, the gateway
/// double, git, writing, the model and the spec parser. Not a stable API: it changes with
/// the binary, without a major version.
#[doc(hidden)]
pub mod internal {
    #![allow(missing_docs)]
    pub mod cache {
        pub use crate::cache::*;
    }
    pub mod diff {
        pub use crate::diff::*;
    }
    pub mod emit {
        pub use crate::emit::DEFAULT_RUNTIME_DEPENDENCY;
        pub mod cli {
            pub use crate::emit::cli::GLOBAL_FLAGS;
        }
    }
    #[cfg(feature = "fetch")]
    pub mod fetch {
        pub use crate::fetch::*;
    }
    pub mod git {
        pub use crate::git::*;
    }
    pub mod import {
        pub use crate::import::*;
    }
    pub mod model {
        pub use crate::model::*;
    }
    pub mod names {
        pub use crate::names::*;
    }
    pub mod output {
        pub use crate::output::*;
    }
    pub mod parse {
        pub use crate::parse::*;
    }
    #[cfg(feature = "serve")]
    pub mod serve {
        pub use crate::serve::*;
    }
    pub use crate::fuzz::{fuzz_frontend, fuzz_import};
}
