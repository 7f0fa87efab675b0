//! Measuring a command: wall time and peak memory (of the process or its whole tree),
//! medians over runs, the size of generated Rust, and `cargo check` of a generated crate.

use crate::root;
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// One measured run of a command.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Sample {
    pub(crate) wall_s: f64,
    /// The largest resident set of one process.
    pub(crate) rss_mb: f64,
    /// The largest sum of the resident sets of every process at one moment (cargo runs a
    /// rustc per core).
    pub(crate) tree_mb: f64,
}

pub(crate) fn measure(cmd: &[&str], env: &[(&str, &str)], dir: &Path) -> Result<Sample, String> {
    measure_with(&[], cmd, env, dir)
}

/// [`measure`], also sampling the memory of the whole process tree: for `cargo check`,
/// whose rustc processes run side by side. Not for generation: the sampling takes CPU
/// from the measured process.
pub(crate) fn measure_tree(
    cmd: &[&str],
    env: &[(&str, &str)],
    dir: &Path,
) -> Result<Sample, String> {
    measure_with(&["--tree"], cmd, env, dir)
}

pub(crate) fn measure_with(
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

pub(crate) fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(|a, b| a.total_cmp(b));
    if xs.is_empty() {
        0.0
    } else {
        xs[xs.len() / 2]
    }
}

/// Medians of repeated runs; `before` runs ahead of each (not measured).
pub(crate) fn medians(
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
pub(crate) fn summary(samples: &[Sample]) -> Sample {
    Sample {
        wall_s: median(samples.iter().map(|s| s.wall_s).collect()),
        rss_mb: median(samples.iter().map(|s| s.rss_mb).collect()),
        tree_mb: median(samples.iter().map(|s| s.tree_mb).collect()),
    }
}

/// Lines and bytes of the library a tool generated in the crate `krate`: its Rust sources
/// (`src/`, and `shards/` when sharded), without tests, docs and binaries (the `acs` command
/// table, which peers do not generate).
pub(crate) fn rust_size(krate: &Path) -> (usize, usize) {
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

/// Removes a previous output before a timed run, and has the kernel finish deleting it
/// (`sync`): on this project's machines (ext4), creating files right after deleting
/// thousands cost a generator with many files up to a second of system time, which
/// measured the filesystem, not the tool.
pub(crate) fn clear(out: &Path) {
    let _ = fs::remove_dir_all(out);
    let _ = Command::new("sync").status();
}

/// The crate roots of a generated crate: its own and its shards'.
pub(crate) fn crate_roots(krate: &Path) -> Vec<PathBuf> {
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
pub(crate) fn check(krate: &Path, target: &Path, runs: usize) -> Result<Sample, String> {
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
pub(crate) fn standalone(krate: &Path) -> std::io::Result<()> {
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
