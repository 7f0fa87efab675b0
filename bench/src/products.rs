//! Real products: published metadata imported, generated and checked beside progenitor on a
//! plain twin of each, and the render cache on all of them together.

use crate::COMMON_ERRORS;
use crate::{measure::*, report::*, tools::*};
use std::fs;
use std::path::{Path, PathBuf};

/// Imports each metadata document, then measures generating and checking it: the real
/// products' table (the number of operations, the generator's time and memory, the output's
/// size and its `cargo check`).
pub(crate) fn real_products(
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
pub(crate) fn cache_table(
    documents: &[PathBuf],
    runs: usize,
    work: &Path,
) -> Result<String, String> {
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
