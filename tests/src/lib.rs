//! The fixture specs' generated modules, compiled from their golden files.

pub use acs_runtime as runtime;

#[path = "../golden/shapes/src/common_errors.rs"]
mod common_errors;
pub use common_errors::{CommonCodes, CommonError};

/// `fixtures/shapes`: every supported parameter and response shape.
#[path = "../golden/shapes/src/shapes/mod.rs"]
pub mod shapes;

/// `fixtures/shapes/kube-2023-01-01.yaml`: every REST-style shape, beside an RPC action.
#[path = "../golden/shapes/src/kube/mod.rs"]
pub mod kube;

/// `fixtures/import/texts-2024-01-01.api-docs.json`: texts with every line break and control
/// character, imported from metadata.
#[path = "../golden/shapes/src/texts/mod.rs"]
pub mod texts;

/// The README's Rust examples, compiled as doctests so they stay true.
#[doc = include_str!("../../README.md")]
mod readme {}

/// The guide's Rust examples, compiled as doctests so they stay true (its recipes are also
/// built and run outside the repository: `tests/generator/readme.rs`).
mod guide {
    #[doc = include_str!("../../docs/guide/using-the-sdk.md")]
    mod using_the_sdk {}
    #[doc = include_str!("../../docs/guide/testing.md")]
    mod testing {}
    #[doc = include_str!("../../docs/guide/build-rs.md")]
    mod build_rs {}
    #[doc = include_str!("../../docs/guide/metadata.md")]
    mod metadata {}
    #[doc = include_str!("../../docs/guide/reviewing.md")]
    mod reviewing {}
}

#[doc = include_str!("../../CONTRIBUTING.md")]
mod contributing {}
