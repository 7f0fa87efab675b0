//! The `acs-codegen` command line: argument parsing (`args`), one module per command, and
//! how results are reported (`report`). The work itself is the library's.

mod args;
mod fetch;
mod generate;
mod import;
mod report;
mod review;
mod serve;

use args::{Cli, Command};
use clap::Parser;
use std::process::ExitCode;

/// Generation allocates many small token and syntax-tree nodes on every core; mimalloc's
/// per-thread heaps cut the time the system allocator spends on locks and consolidation.
/// Only the command line sets it: build scripts using the library keep their own.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Generate {
            inputs,
            out,
            emit,
            no_cache,
            lints,
        } => generate::generate(&inputs, &out, emit, no_cache, &lints),
        Command::Check {
            inputs,
            out,
            emit,
            lints,
        } => generate::check(&inputs, &out, emit.options(), &lints),
        Command::Import { inputs, out, lints } => import::import(&inputs, &out, &lints),
        Command::Lints => {
            println!("| lint | default | reports |\n|---|---|---|");
            for l in acs_codegen::Lint::ALL {
                println!("| `{}` | warn | {} |", l.name(), l.description());
            }
            println!("\n`warnings` names every lint: `--deny warnings`.");
            ExitCode::SUCCESS
        }
        Command::Rules => {
            print!("{}", acs_codegen::internal::diff::rules_markdown());
            ExitCode::SUCCESS
        }
        Command::Diff(args) => review::diff(args),
        Command::Fetch {
            products,
            out,
            source,
        } => fetch::fetch(&products, &out, &source),
        Command::Update(args) => review::update(&args),
        Command::Serve(args) => serve::serve(&args),
    }
}
