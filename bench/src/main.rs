//! `acs-bench`: generation and compile cost at scale, side by side with progenitor and
//! openapi-generator (when installed), with a parse-only baseline, and for real products
//! imported from Alibaba's published metadata.
//!
//! ```sh
//! cargo run --release -p acs-bench -- run --sizes 3,100,1000,10000 --runs 3
//! cargo run --release -p acs-bench -- run --sizes 3 --metadata ecs-2014-05-26.api-docs.json
//! cargo run --release -p acs-bench -- replicate --copies 19 --out target/catalogue ../shared/alibaba-metadata/*.json
//! ```

mod replicate;
mod synth;
mod twin;

use clap::{Parser, Subcommand};
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

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
        /// products, e.g. `../shared/alibaba-metadata/ecs-2014-05-26.api-docs.json`.
        /// Repeatable.
        #[arg(long, value_name = "FILE")]
        metadata: Vec<PathBuf>,
        /// Also measure our output sharded (`generate --shard-operations N`) wherever a
        /// product has more than N operations; 0 leaves those rows out.
        #[arg(long, value_name = "N", default_value_t = 125)]
        shard_operations: usize,
    },
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

const COMMON_ERRORS: &str = include_str!("../../specs/common-errors.yaml");

fn write_synth(n: usize, seed: u64, out: &Path) -> std::io::Result<()> {
    fs::create_dir_all(out.join("ours"))?;
    fs::create_dir_all(out.join("plain"))?;
    fs::write(out.join("ours/synth-2020-01-01.yaml"), synth::ours(n, seed))?;
    fs::write(out.join("ours/common-errors.yaml"), COMMON_ERRORS)?;
    fs::write(out.join("plain/openapi.json"), synth::plain(n, seed))
}

/// One measured run of a command.
#[derive(Clone, Copy, Debug)]
struct Sample {
    wall_s: f64,
    /// The largest resident set of one process.
    rss_mb: f64,
    /// The largest sum of the resident sets of every process at one moment (cargo runs a
    /// rustc per core).
    tree_mb: f64,
}

fn measure(cmd: &[&str], env: &[(&str, &str)], dir: &Path) -> Result<Sample, String> {
    measure_with(&[], cmd, env, dir)
}

/// [`measure`], also sampling the memory of the whole process tree: for `cargo check`,
/// whose rustc processes run side by side. Not for generation: the sampling takes CPU
/// from the measured process.
fn measure_tree(cmd: &[&str], env: &[(&str, &str)], dir: &Path) -> Result<Sample, String> {
    measure_with(&["--tree"], cmd, env, dir)
}

fn measure_with(
    flags: &[&str],
    cmd: &[&str],
    env: &[(&str, &str)],
    dir: &Path,
) -> Result<Sample, String> {
    let out = Command::new("python3")
        .arg(root().join("bench/measure.py"))
        .args(flags)
        .args(cmd)
        .envs(env.iter().copied())
        .current_dir(dir)
        .output()
        .map_err(|e| format!("python3: {e}"))?;
    let v: Value = serde_json::from_slice(&out.stdout).map_err(|e| format!("measure.py: {e}"))?;
    if v["status"].as_i64() != Some(0) {
        return Err(format!(
            "`{}` failed: {}",
            cmd.join(" "),
            v["stderr"].as_str().unwrap_or_default()
        ));
    }
    Ok(Sample {
        wall_s: v["wall_s"].as_f64().unwrap_or(0.0),
        rss_mb: v["max_rss_kb"].as_f64().unwrap_or(0.0) / 1024.0,
        tree_mb: v["tree_rss_kb"].as_f64().unwrap_or(0.0) / 1024.0,
    })
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(|a, b| a.total_cmp(b));
    if xs.is_empty() {
        0.0
    } else {
        xs[xs.len() / 2]
    }
}

/// Medians of repeated runs; `before` runs ahead of each (not measured).
fn medians(
    runs: usize,
    mut before: impl FnMut(),
    mut once: impl FnMut() -> Result<Sample, String>,
) -> Result<Sample, String> {
    let mut samples = Vec::new();
    for _ in 0..runs.max(1) {
        before();
        samples.push(once()?);
    }
    Ok(summary(&samples))
}

/// The median time and the median peak of samples.
fn summary(samples: &[Sample]) -> Sample {
    Sample {
        wall_s: median(samples.iter().map(|s| s.wall_s).collect()),
        rss_mb: median(samples.iter().map(|s| s.rss_mb).collect()),
        tree_mb: median(samples.iter().map(|s| s.tree_mb).collect()),
    }
}

/// Lines and bytes of the library a tool generated in the crate `krate`: its Rust sources
/// (`src/`, and `shards/` when sharded), without tests, docs and binaries (the `acs` command
/// table, which peers do not generate).
fn rust_size(krate: &Path) -> (usize, usize) {
    let mut lines = 0;
    let mut bytes = 0;
    let mut stack = vec![krate.join("src"), krate.join("shards")];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                if p.file_name()
                    .is_some_and(|n| n != "target" && n != "tests" && n != "docs" && n != "bin")
                {
                    stack.push(p);
                }
            } else if p.extension().is_some_and(|x| x == "rs") {
                if let Ok(t) = fs::read_to_string(&p) {
                    lines += t.lines().count();
                    bytes += t.len();
                }
            }
        }
    }
    (lines, bytes)
}

fn tool_available(cmd: &str, args: &[&str]) -> bool {
    Command::new(cmd)
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// `acs-codegen generate` from `specs` into `out`, warnings hidden: the synthetic and
/// imported specs are under-documented on purpose; sharded when `shards` says.
fn generate_cmd(codegen: &Path, specs: &Path, out: &Path, shards: Option<usize>) -> Vec<String> {
    let path = |p: &Path| p.display().to_string();
    let mut cmd = vec![
        path(codegen),
        "generate".into(),
        "--specs".into(),
        path(specs),
    ];
    cmd.extend(["--out".into(), path(out), "-A".into(), "warnings".into()]);
    if let Some(n) = shards {
        cmd.extend(["--shard-operations".into(), n.to_string()]);
    }
    cmd
}

/// Medians of `acs-codegen generate` from `specs` into a fresh `out`.
fn generate(
    codegen: &Path,
    (specs, out): (&Path, &Path),
    shards: Option<usize>,
    dir: &Path,
    runs: usize,
) -> Result<Sample, String> {
    let tool = Tool {
        name: OURS,
        out: Some(out.to_path_buf()),
        cmd: generate_cmd(codegen, specs, out, shards),
    };
    interleaved(&[tool], runs, dir).remove(0)
}

/// Removes a previous output before a timed run, and has the kernel finish deleting it
/// (`sync`): on this project's machines (ext4), creating files right after deleting
/// thousands cost a generator with many files up to a second of system time, which
/// measured the filesystem, not the tool.
fn clear(out: &Path) {
    let _ = fs::remove_dir_all(out);
    let _ = Command::new("sync").status();
}

/// The crate roots of a generated crate: its own and its shards'.
fn crate_roots(krate: &Path) -> Vec<PathBuf> {
    let shards = fs::read_dir(krate.join("shards"))
        .into_iter()
        .flatten()
        .flatten();
    std::iter::once(krate.join("src/lib.rs"))
        .chain(shards.map(|e| e.path().join("src/lib.rs")))
        .collect()
}

/// `cargo check --lib` of a generated crate (and its shards), dependencies built once
/// beforehand.
fn check(krate: &Path, target: &Path, runs: usize) -> Result<Sample, String> {
    let target_s = target.display().to_string();
    let env = [("CARGO_TARGET_DIR", target_s.as_str())];
    measure(&["cargo", "check", "--lib", "--quiet"], &env, krate)
        .map_err(|e| format!("warm-up: {e}"))?;
    let roots = crate_roots(krate);
    medians(
        runs,
        || {
            for lib in &roots {
                let text = fs::read_to_string(lib).unwrap_or_default();
                let _ = fs::write(lib, text);
            }
        },
        || measure_tree(&["cargo", "check", "--lib", "--quiet"], &env, krate),
    )
}

/// Detaches a generated crate from any workspace and points it at this checkout's runtime.
fn standalone(krate: &Path) -> std::io::Result<()> {
    let runtime = format!("path = {:?}", root().join("runtime").display().to_string());
    let manifest = krate.join("Cargo.toml");
    let mut text = fs::read_to_string(&manifest)?;
    text = text.replace("path = \"../runtime\"", &runtime);
    if !text.contains("[workspace]") {
        text.push_str("\n[workspace]\n");
    }
    fs::write(manifest, text)?;
    // Shards (`shards/<name>/`) name the runtime two levels further up.
    for shard in fs::read_dir(krate.join("shards"))
        .into_iter()
        .flatten()
        .flatten()
    {
        let manifest = shard.path().join("Cargo.toml");
        let text = fs::read_to_string(&manifest)?;
        fs::write(
            manifest,
            text.replace("path = \"../../../runtime\"", &runtime),
        )?;
    }
    Ok(())
}

struct Row {
    size: usize,
    tool: &'static str,
    gen: Option<Sample>,
    size_rs: Option<(usize, usize)>,
    check: Option<Sample>,
    note: String,
}

/// The peak of all processes at once, in MB.
fn fmt_tree(s: &Option<Sample>) -> String {
    match s {
        Some(s) => format!("{:.0}", s.tree_mb),
        None => "–".into(),
    }
}

fn fmt_sample(s: &Option<Sample>) -> (String, String) {
    match s {
        Some(s) => (format!("{:.3}", s.wall_s), format!("{:.0}", s.rss_mb)),
        None => ("–".into(), "–".into()),
    }
}

fn ratio(peer: &Option<Sample>, ours: &Option<Sample>) -> String {
    match (peer, ours) {
        (Some(p), Some(o)) if o.wall_s > 0.0 => format!("{:.1}×", p.wall_s / o.wall_s),
        _ => "–".into(),
    }
}

/// progenitor writing the crate `name` from the plain OpenAPI document `spec` into `out`.
fn progenitor_cmd(spec: &Path, out: &Path, name: &str) -> Vec<String> {
    let path = |p: &Path| p.display().to_string();
    let mut cmd = vec!["cargo".into(), "progenitor".into(), "-i".into(), path(spec)];
    cmd.extend(["-o".into(), path(out), "-n".into(), name.into()]);
    cmd.extend(["-v".into(), "0.1.0".into()]);
    cmd
}

/// The row of our generator: the one the ratios divide by.
const OURS: &str = "acs-codegen";

/// The row of our generator's sharded output.
const SHARDED: &str = "acs-codegen, sharded";

/// A generator (or the parse-only baseline) measured at one size.
struct Tool {
    name: &'static str,
    /// The crate it writes, removed before each run; `None` when it writes nothing, or when
    /// it runs into the previous tool's output on purpose.
    out: Option<PathBuf>,
    cmd: Vec<String>,
}

/// Medians of `runs` rounds in which every tool runs once, in turn: the machine's drift over
/// the minutes of a run spreads over every tool instead of favouring the first.
fn interleaved(tools: &[Tool], runs: usize, dir: &Path) -> Vec<Result<Sample, String>> {
    let mut samples: Vec<Result<Vec<Sample>, String>> = tools.iter().map(|_| Ok(vec![])).collect();
    for _ in 0..runs.max(1) {
        for (tool, samples) in tools.iter().zip(&mut samples) {
            let Ok(list) = samples else {
                continue;
            };
            if let Some(out) = &tool.out {
                clear(out);
            }
            let cmd: Vec<&str> = tool.cmd.iter().map(String::as_str).collect();
            match measure(&cmd, &[], dir) {
                Ok(sample) => list.push(sample),
                Err(e) => *samples = Err(e),
            }
        }
    }
    samples
        .into_iter()
        .map(|s| s.map(|list| summary(&list)))
        .collect()
}

fn run(
    sizes: &[usize],
    runs: usize,
    peer_max: usize,
    no_check: bool,
    work: &Path,
    seed: u64,
    shards: usize,
) -> Result<String, String> {
    let codegen = std::env::current_exe()
        .map_err(|e| e.to_string())?
        .with_file_name("acs-codegen");
    let bench = std::env::current_exe().map_err(|e| e.to_string())?;
    if !codegen.exists() {
        return Err(format!(
            "{} not found: build it first (cargo build --release -p acs-codegen)",
            codegen.display()
        ));
    }
    let progenitor = tool_available("cargo", &["progenitor", "--help"]);
    let oag = tool_available("openapi-generator-cli", &["version"]);
    let mut skipped = Vec::new();
    if !progenitor {
        skipped.push("progenitor (install: cargo install cargo-progenitor)");
    }
    if !oag {
        skipped.push("openapi-generator (install: pip install openapi-generator-cli; needs Java)");
    }
    let check_target = work.join("check-target");
    let mut rows = Vec::new();
    for &n in sizes {
        let dir = work.join(n.to_string());
        fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        let specs = if n == 3 {
            root().join("specs")
        } else {
            write_synth(n, seed, &dir).map_err(|e| e.to_string())?;
            dir.join("ours")
        };
        let out = dir.join("generated");
        let path = |p: &Path| p.display().to_string();
        let mut tools = vec![
            Tool {
                name: OURS,
                out: Some(out.clone()),
                cmd: generate_cmd(&codegen, &specs, &out, None),
            },
            // Right after the fresh run, into its output: what the render cache keeps.
            Tool {
                name: "acs-codegen again, specs unchanged (render cache)",
                out: None,
                cmd: generate_cmd(&codegen, &specs, &out, None),
            },
            Tool {
                name: "parse only (baseline)",
                out: None,
                cmd: vec![path(&bench), "parse".into(), "--specs".into(), path(&specs)],
            },
        ];
        if shards > 0 && n > shards {
            let out = dir.join("sharded");
            tools.push(Tool {
                name: SHARDED,
                cmd: generate_cmd(&codegen, &specs, &out, Some(shards)),
                out: Some(out),
            });
        }
        // The real specs as plain OpenAPI are not provided; peers run on synthetic sizes.
        if n != 3 && n <= peer_max {
            let plain = dir.join("plain/openapi.json");
            if progenitor {
                let out = dir.join("progenitor");
                tools.push(Tool {
                    name: "progenitor",
                    cmd: progenitor_cmd(&plain, &out, "synth-progenitor"),
                    out: Some(out),
                });
            }
            if oag {
                let out = dir.join("openapi-generator");
                let mut cmd: Vec<String> = ["openapi-generator-cli", "generate", "-i"]
                    .map(String::from)
                    .to_vec();
                cmd.extend([
                    path(&plain),
                    "-g".into(),
                    "rust".into(),
                    "-o".into(),
                    path(&out),
                ]);
                cmd.extend(
                    [
                        "--package-name",
                        "synth_oag",
                        "--additional-properties=packageVersion=0.1.0",
                        "--skip-validate-spec",
                    ]
                    .map(String::from),
                );
                tools.push(Tool {
                    name: "openapi-generator",
                    out: Some(out),
                    cmd,
                });
            }
        }
        eprintln!("N={n}: generation, {runs} rounds of every tool in turn");
        let generated = interleaved(&tools, runs, &dir);
        for (tool, gen) in tools.iter().zip(generated) {
            let mut row = Row {
                size: n,
                tool: tool.name,
                gen: None,
                size_rs: None,
                check: None,
                note: String::new(),
            };
            match gen {
                Ok(sample) => row.gen = Some(sample),
                Err(e) if tool.name == OURS => return Err(e),
                Err(e) => row.note = format!("failed: {}", e.lines().last().unwrap_or_default()),
            }
            if tool.name == SHARDED {
                row.note = format!("`--shard-operations {shards}`");
            }
            if let (Some(out), Some(_)) = (&tool.out, row.gen) {
                standalone(out).map_err(|e| e.to_string())?;
                row.size_rs = Some(rust_size(out));
                if !no_check {
                    eprintln!("N={n}: cargo check ({} output)", tool.name);
                    row.check = match check(out, &check_target, runs) {
                        Ok(sample) => Some(sample),
                        Err(e) if tool.name == OURS => return Err(e),
                        Err(e) => {
                            eprintln!("{e}");
                            None
                        }
                    };
                }
            }
            rows.push(row);
        }
    }
    let mut table = String::from("| N | tool | generate (s) | generate peak (MB) | library lines | library bytes | cargo check (s) | check peak, one rustc (MB) | check peak, all at once (MB) | generate time ÷ ours | check time ÷ ours | note |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for r in &rows {
        let ours = rows.iter().find(|o| o.size == r.size && o.tool == OURS);
        let (g, gm) = fmt_sample(&r.gen);
        let (c, cm) = fmt_sample(&r.check);
        let (l, b) = r
            .size_rs
            .map(|(l, b)| (l.to_string(), b.to_string()))
            .unwrap_or(("–".into(), "–".into()));
        let (gr, cr) = match ours {
            Some(o) if o.tool != r.tool => (ratio(&r.gen, &o.gen), ratio(&r.check, &o.check)),
            _ => ("–".into(), "–".into()),
        };
        let ct = fmt_tree(&r.check);
        table.push_str(&format!(
            "| {} | {} | {g} | {gm} | {l} | {b} | {c} | {cm} | {ct} | {gr} | {cr} | {} |\n",
            r.size, r.tool, r.note
        ));
    }
    if !skipped.is_empty() {
        table.push_str(&format!("\nSkipped peers: {}.\n", skipped.join("; ")));
    }
    Ok(table)
}

/// Imports each metadata document, then measures generating and checking it: the real
/// products' table (the number of operations, the generator's time and memory, the output's
/// size and its `cargo check`).
fn real_products(
    documents: &[PathBuf],
    runs: usize,
    no_check: bool,
    work: &Path,
    shards: usize,
) -> Result<String, String> {
    let codegen = std::env::current_exe()
        .map_err(|e| e.to_string())?
        .with_file_name("acs-codegen");
    let mut table = String::from("\n| imported product | tool | operations | generate (s) | generate peak (MB) | library lines | library bytes | cargo check (s) | check peak, one rustc (MB) | check peak, all at once (MB) |\n|---|---|---|---|---|---|---|---|---|---|\n");
    for doc in documents {
        // The import runs in the work directory: a relative path is the caller's.
        let doc = &fs::canonicalize(doc).map_err(|e| format!("{}: {e}", doc.display()))?;
        let name = doc
            .file_name()
            .map(|n| n.to_string_lossy().replace(".api-docs.json", ""))
            .unwrap_or_default();
        let dir = work.join(format!("imported-{name}"));
        let specs = dir.join("specs");
        let out = dir.join("generated");
        let _ = fs::remove_dir_all(&specs);
        fs::create_dir_all(&specs).map_err(|e| e.to_string())?;
        let (doc_s, specs_s) = (doc.display().to_string(), specs.display().to_string());
        let codegen_s = codegen.to_str().unwrap_or_default();
        eprintln!("{name}: import");
        measure(&[codegen_s, "import", &doc_s, "--out", &specs_s], &[], &dir)?;
        fs::write(specs.join("common-errors.yaml"), COMMON_ERRORS).map_err(|e| e.to_string())?;
        let operations: usize = fs::read_dir(&specs)
            .map_err(|e| e.to_string())?
            .flatten()
            .filter_map(|e| fs::read_to_string(e.path()).ok())
            // One `operationId` per operation, RPC (`/#Action=` keys) and REST-style alike.
            .map(|t| t.matches("\n      operationId: ").count())
            .sum();
        let mut variants = vec![(OURS.to_string(), None, out)];
        if shards > 0 && operations > shards {
            let tool = format!("{SHARDED} (`--shard-operations {shards}`)");
            variants.push((tool, Some(shards), dir.join("sharded")));
        }
        for (tool, sharded, out) in variants {
            eprintln!("{name}: generate ({tool})");
            let gen = generate(&codegen, (&specs, &out), sharded, &dir, runs)?;
            standalone(&out).map_err(|e| e.to_string())?;
            let checked = if no_check {
                None
            } else {
                eprintln!("{name}: cargo check ({tool})");
                Some(check(&out, &dir.join("check-target"), runs)?)
            };
            let ((g, gm), (c, cm)) = (fmt_sample(&Some(gen)), fmt_sample(&checked));
            let ct = fmt_tree(&checked);
            let (lines, bytes) = rust_size(&out);
            table.push_str(&format!(
                "| {name} | {tool} | {operations} | {g} | {gm} | {lines} | {bytes} | {c} | {cm} | {ct} |\n"
            ));
        }
        if tool_available("cargo", &["progenitor", "--help"]) {
            table.push_str(&progenitor_twin(&name, &specs, &dir, runs, no_check)?);
        }
    }
    Ok(table)
}

/// The render cache on the imported products together (one `--specs` directory): a fresh
/// run, a run with nothing changed, and runs after a comment is appended to the smallest
/// and to the largest product's spec (which changes that spec's hash, so that product's
/// files and the `acs` table are rendered again). Medians over rounds, each run's starting
/// state restored by an unmeasured run.
fn cache_table(documents: &[PathBuf], runs: usize, work: &Path) -> Result<String, String> {
    let codegen = std::env::current_exe()
        .map_err(|e| e.to_string())?
        .with_file_name("acs-codegen");
    let dir = work.join("imported-together");
    let (specs, out) = (dir.join("specs"), dir.join("generated"));
    let _ = fs::remove_dir_all(&specs);
    fs::create_dir_all(&specs).map_err(|e| e.to_string())?;
    let mut import = vec![codegen.display().to_string(), "import".into()];
    for doc in documents {
        let doc = fs::canonicalize(doc).map_err(|e| format!("{}: {e}", doc.display()))?;
        import.push(doc.display().to_string());
    }
    import.extend(["--out".into(), specs.display().to_string()]);
    let import: Vec<&str> = import.iter().map(String::as_str).collect();
    eprintln!("all documents together: import");
    measure(&import, &[], &dir)?;
    let mut by_size: Vec<(u64, PathBuf)> = fs::read_dir(&specs)
        .map_err(|e| e.to_string())?
        .flatten()
        .map(|e| (e.metadata().map(|m| m.len()).unwrap_or(0), e.path()))
        .collect();
    by_size.sort();
    let (Some((_, smallest)), Some((_, largest))) = (by_size.first(), by_size.last()) else {
        return Err("import wrote no spec".into());
    };
    let (smallest, largest) = (smallest.clone(), largest.clone());
    fs::write(specs.join("common-errors.yaml"), COMMON_ERRORS).map_err(|e| e.to_string())?;
    let cmd = generate_cmd(&codegen, &specs, &out, None);
    let cmd: Vec<&str> = cmd.iter().map(String::as_str).collect();
    let generate = || measure(&cmd, &[], &dir);
    let edited = |spec: &Path| -> Result<Sample, String> {
        let text = fs::read_to_string(spec).map_err(|e| e.to_string())?;
        fs::write(spec, format!("{text}# edited\n")).map_err(|e| e.to_string())?;
        let sample = generate();
        fs::write(spec, text).map_err(|e| e.to_string())?;
        generate()?;
        sample
    };
    let mut samples: [Vec<Sample>; 4] = Default::default();
    eprintln!("all documents together: {runs} rounds of fresh, unchanged and edited runs");
    for _ in 0..runs.max(1) {
        clear(&out);
        samples[0].push(generate()?);
        samples[1].push(generate()?);
        samples[2].push(edited(&smallest)?);
        samples[3].push(edited(&largest)?);
    }
    let name = |p: &Path| {
        p.file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string()
    };
    let runs = [
        "fresh output directory".to_string(),
        "again, nothing changed".to_string(),
        format!("smallest spec edited ({})", name(&smallest)),
        format!("largest spec edited ({})", name(&largest)),
    ];
    let mut table = String::from(
        "\n| all imported products together | generate (s) | generate peak (MB) |\n|---|---|---|\n",
    );
    for (run, samples) in runs.iter().zip(&samples) {
        let (g, gm) = fmt_sample(&Some(summary(samples)));
        table.push_str(&format!("| {run} | {g} | {gm} |\n"));
    }
    Ok(table)
}

/// progenitor on the plain OpenAPI twin of an imported product ([`twin`]): its row of the
/// real products' table.
fn progenitor_twin(
    name: &str,
    specs: &Path,
    dir: &Path,
    runs: usize,
    no_check: bool,
) -> Result<String, String> {
    let spec = fs::read_dir(specs)
        .map_err(|e| e.to_string())?
        .flatten()
        .map(|e| e.path())
        .find(|p| p.file_name().is_some_and(|f| f != "common-errors.yaml"))
        .ok_or("no imported spec")?;
    let text = fs::read_to_string(&spec).map_err(|e| e.to_string())?;
    let plain = dir.join("plain.json");
    fs::write(&plain, twin::plain(&text)?).map_err(|e| e.to_string())?;
    let out = dir.join("progenitor");
    let tool = Tool {
        name: "progenitor",
        out: Some(out.clone()),
        cmd: progenitor_cmd(&plain, &out, "twin"),
    };
    eprintln!("{name}: progenitor on the plain twin");
    let row = match interleaved(&[tool], runs, dir).remove(0) {
        Ok(gen) => {
            standalone(&out).map_err(|e| e.to_string())?;
            let checked = if no_check {
                None
            } else {
                eprintln!("{name}: cargo check (progenitor output)");
                check(&out, &dir.join("check-target"), runs)
                    .map_err(|e| eprintln!("{e}"))
                    .ok()
            };
            let ((g, gm), (c, cm)) = (fmt_sample(&Some(gen)), fmt_sample(&checked));
            let ct = fmt_tree(&checked);
            let (lines, bytes) = rust_size(&out);
            format!("| {name} | progenitor (plain twin) | | {g} | {gm} | {lines} | {bytes} | {c} | {cm} | {ct} |\n")
        }
        Err(e) => format!(
            "| {name} | progenitor (plain twin) | failed: {} | | | | | | | |\n",
            e.lines().last().unwrap_or_default()
        ),
    };
    Ok(row)
}

fn main() -> ExitCode {
    match Cli::parse().command {
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
                match acs_codegen::parse::from_str::<acs_codegen::parse::Document>(&s.text) {
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
                let _ = acs_codegen::parse::from_str::<acs_codegen::parse::CommonErrors>(&c.text);
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
            let result =
                run(&sizes, runs, peer_max, no_check, &work, seed, shards).and_then(|mut t| {
                    if !metadata.is_empty() {
                        t.push_str(&real_products(&metadata, runs, no_check, &work, shards)?);
                        t.push_str(&cache_table(&metadata, runs, &work)?);
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
