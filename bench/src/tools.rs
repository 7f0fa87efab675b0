//! The tools measured: acs-codegen, progenitor and openapi-generator when installed, run
//! in turn, round after round.

use crate::twin;
use crate::{measure::*, report::*};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

pub(crate) fn tool_available(cmd: &str, args: &[&str]) -> bool {
    Command::new(cmd)
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// `acs-codegen generate` from `specs` into `out`, warnings hidden: the synthetic and
/// imported specs are under-documented on purpose; sharded when `shards` says.
pub(crate) fn generate_cmd(
    codegen: &Path,
    specs: &Path,
    out: &Path,
    shards: Option<usize>,
) -> Vec<String> {
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
pub(crate) fn generate(
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

/// progenitor writing the crate `name` from the plain OpenAPI document `spec` into `out`.
pub(crate) fn progenitor_cmd(spec: &Path, out: &Path, name: &str) -> Vec<String> {
    let path = |p: &Path| p.display().to_string();
    let mut cmd = vec!["cargo".into(), "progenitor".into(), "-i".into(), path(spec)];
    cmd.extend(["-o".into(), path(out), "-n".into(), name.into()]);
    cmd.extend(["-v".into(), "0.1.0".into()]);
    cmd
}

/// The row of our generator: the one the ratios divide by.
pub(crate) const OURS: &str = "acs-codegen";

/// The row of our generator's sharded output.
pub(crate) const SHARDED: &str = "acs-codegen, sharded";

/// A generator (or the parse-only baseline) measured at one size.
pub(crate) struct Tool {
    pub(crate) name: &'static str,
    /// The crate it writes, removed before each run; `None` when it writes nothing, or when
    /// it runs into the previous tool's output on purpose.
    pub(crate) out: Option<PathBuf>,
    pub(crate) cmd: Vec<String>,
}

/// Medians of `runs` rounds in which every tool runs once, in turn: the machine's drift over
/// the minutes of a run spreads over every tool instead of favouring the first.
pub(crate) fn interleaved(tools: &[Tool], runs: usize, dir: &Path) -> Vec<Result<Sample, String>> {
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

/// progenitor on the plain OpenAPI twin of an imported product ([`twin`]): its row of the
/// real products' table.
pub(crate) fn progenitor_twin(
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
