//! The generator: golden output, the seed pages, import and update, name stability, the
//! review diff, robustness, build scripts, the README's recipes and the module graph.

mod architecture;
mod build_rs;
mod golden;
mod import;
mod imported_build;
mod metadata;
mod names;
mod public_api;
mod readme;
mod robustness;
mod seeds;
mod workflows;
