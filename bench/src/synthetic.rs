//! The synthetic experiment: N operations generated and checked by each tool.

use crate::{measure::*, report::*, tools::*};
use crate::{root, write_synth};
use std::fs;
use std::path::Path;

pub(crate) fn run(
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
