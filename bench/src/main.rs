//! `acs-bench`: generation and compile cost at scale, side by side with progenitor and
//! openapi-generator (when installed), with a parse-only baseline, and for real products
//! imported from Alibaba's published metadata.
//!
//! ```sh
//! cargo run --release -p acs-bench -- run --sizes 3,100,1000,10000 --runs 3
//! cargo run --release -p acs-bench -- run --sizes 3 --metadata ecs-2014-05-26.api-docs.json
//! cargo run --release -p acs-bench -- replicate --copies 19 --out target/catalogue tests/fixtures/metadata/*.json
//! cargo run --release -p acs-bench -- transfer --size-mib 1024 --runs 3
//! ```

mod measure;
mod products;
mod replicate;
mod report;
mod synth;
mod synthetic;
mod tools;
mod transfer;
mod twin;

use clap::{Parser, Subcommand};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "acs-bench",
    about = "Benchmarks of acs-codegen against its peers"
)]
struct Cli {
    #[command(subcommand)]
    command: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Write a synthetic spec (ours and plain OpenAPI) with N operations.
    Synth {
        #[arg(long)]
        ops: usize,
        #[arg(long, default_value_t = 42)]
        seed: u64,
        #[arg(long)]
        out: PathBuf,
    },
    /// Write a catalogue-sized stand-in: each metadata document copied N times under renamed
    /// products, for `import` and `generate` at the published catalogue's scale.
    Replicate {
        #[arg(long)]
        copies: usize,
        #[arg(long)]
        out: PathBuf,
        /// Metadata documents (`api-docs.json`).
        #[arg(required = true)]
        docs: Vec<PathBuf>,
    },
    /// Upload and download an object through loopback with the generated OSS `acs`, beside
    /// curl: time, throughput and peak memory (needs `cargo build --release -p acs-codegen`
    /// and curl).
    Transfer {
        /// The object's size.
        #[arg(long, default_value_t = 1024)]
        size_mib: u64,
        /// Runs per measurement (medians are reported).
        #[arg(long, default_value_t = 3)]
        runs: usize,
        /// Work directory (default: target/bench-transfer).
        #[arg(long)]
        work: Option<PathBuf>,
    },
    /// Parse-only baseline: read and deserialize every spec of a directory, nothing else.
    Parse {
        #[arg(long)]
        specs: PathBuf,
    },
    /// Run the benchmark and print a Markdown table of medians.
    Run {
        /// Operation counts; 3 means the real specs of `specs/`.
        #[arg(long, value_delimiter = ',', default_value = "3,100,1000,10000")]
        sizes: Vec<usize>,
        /// Runs per measurement (medians are reported).
        #[arg(long, default_value_t = 3)]
        runs: usize,
        /// Largest size the peers are run at (their compile cost grows fast).
        #[arg(long, default_value_t = 1000)]
        peer_max: usize,
        /// Skip `cargo check` of the generated code.
        #[arg(long)]
        no_check: bool,
        /// Work directory (default: target/bench).
        #[arg(long)]
        work: Option<PathBuf>,
        #[arg(long, default_value_t = 42)]
        seed: u64,
        /// Published metadata documents (`api-docs.json`) to import and measure as real
        /// products, e.g. `tests/fixtures/metadata/ecs-2014-05-26.api-docs.json`.
        /// Repeatable.
        #[arg(long, value_name = "FILE")]
        metadata: Vec<PathBuf>,
        /// Also measure our output sharded (`generate --shard-operations N`) wherever a
        /// product has more than N operations; 0 leaves those rows out.
        #[arg(long, value_name = "N", default_value_t = 125)]
        shard_operations: usize,
    },
}

pub(crate) fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

pub(crate) const COMMON_ERRORS: &str = include_str!("../../codegen/common-errors.yaml");

pub(crate) fn write_synth(n: usize, seed: u64, out: &Path) -> std::io::Result<()> {
    fs::create_dir_all(out.join("ours"))?;
    fs::create_dir_all(out.join("plain"))?;
    fs::write(out.join("ours/synth-2020-01-01.yaml"), synth::ours(n, seed))?;
    fs::write(out.join("ours/common-errors.yaml"), COMMON_ERRORS)?;
    fs::write(out.join("plain/openapi.json"), synth::plain(n, seed))
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Cmd::Transfer {
            size_mib,
            runs,
            work,
        } => {
            let work = work.unwrap_or_else(|| root().join("target/bench-transfer"));
            match transfer::run(size_mib, runs, &work) {
                Ok(table) => {
                    println!("{table}");
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("{e}");
                    ExitCode::FAILURE
                }
            }
        }
        Cmd::Synth { ops, seed, out } => match write_synth(ops, seed, &out) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("{e}");
                ExitCode::FAILURE
            }
        },
        Cmd::Replicate { copies, out, docs } => match replicate::write(&docs, copies, &out) {
            Ok((documents, operations)) => {
                println!("{documents} documents, {operations} operations");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("{e}");
                ExitCode::FAILURE
            }
        },
        Cmd::Parse { specs } => {
            let (sources, common) = match acs_codegen::read_specs_dir(&specs) {
                Ok(s) => s,
                Err(e) => {
                    eprintln!("{e}");
                    return ExitCode::FAILURE;
                }
            };
            let mut operations = 0;
            for s in &sources {
                match acs_codegen::internal::parse::from_str::<acs_codegen::internal::parse::Document>(
                    &s.text,
                ) {
                    Ok(doc) => {
                        operations += doc
                            .paths
                            .values()
                            .map(|item| item.operations().len())
                            .sum::<usize>()
                    }
                    Err(e) => {
                        eprintln!("{}: {}", s.path.display(), e.message);
                        return ExitCode::FAILURE;
                    }
                }
            }
            if let Some(c) = common {
                let _ = acs_codegen::internal::parse::from_str::<
                    acs_codegen::internal::parse::CommonErrors,
                >(&c.text);
            }
            println!("{operations} operations parsed");
            ExitCode::SUCCESS
        }
        Cmd::Run {
            sizes,
            runs,
            peer_max,
            no_check,
            work,
            seed,
            metadata,
            shard_operations,
        } => {
            let work = work.unwrap_or_else(|| root().join("target/bench"));
            let shards = shard_operations;
            let result = synthetic::run(&sizes, runs, peer_max, no_check, &work, seed, shards)
                .and_then(|mut t| {
                    if !metadata.is_empty() {
                        t.push_str(&products::real_products(
                            &metadata, runs, no_check, &work, shards,
                        )?);
                        t.push_str(&products::cache_table(&metadata, runs, &work)?);
                    }
                    Ok(t)
                });
            match result {
                Ok(table) => {
                    println!("{table}");
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("{e}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}
