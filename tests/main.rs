//! The integration tests, in one binary (one link step), by component:
//!
//! - `generator/`: the generator's output, import, review and workflows;
//! - `runtime/`: the runtime and the generated clients on the wire, the `acs` CLI;
//! - `generated/`: the tests generated for the fixture specs.
//!
//! `support/` (a loopback HTTP server, signature verification) and `expect/` (golden files)
//! are shared. Tests that change the process's environment run in a process of their own
//! (`process_env.rs`).

mod expect;
mod generated;
mod generator;
mod runtime;
mod support;
