//! Golden-file tests: the fixture specs' generated output and error reports, and the
//! checked-in `generated/` crate against a fresh generation of `specs/`.
//!
//! A plain run fails on any difference and prints a unified diff. `UPDATE_GOLDEN=1 cargo
//! test -p acs-codegen-tests --test golden` rewrites the fixture goldens; `generated/` is
//! only ever rewritten by `cargo run -p acs-codegen -- generate`.

mod support;

use acs_codegen::{Builder, Files, Options, SpecSource};
use std::fs;
use std::path::{Path, PathBuf};

fn here() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn root() -> PathBuf {
    here().parent().expect("workspace root").to_path_buf()
}

fn bless() -> bool {
    std::env::var("UPDATE_GOLDEN").is_ok_and(|v| v == "1")
}

fn read_tree(dir: &Path) -> Files {
    fn walk(base: &Path, dir: &Path, out: &mut Files) {
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            let own = e
                .file_name()
                .to_string_lossy()
                .starts_with(acs_codegen::output::OWN_FILES_PREFIX);
            if own {
                // The generator's lock, staging area or render cache: not output.
            } else if p.is_dir() {
                walk(base, &p, out);
            } else if let Ok(text) = fs::read_to_string(&p) {
                let rel = p
                    .strip_prefix(base)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, text);
            }
        }
    }
    let mut out = Files::new();
    walk(dir, dir, &mut out);
    out
}

/// Unified diffs of `expected` (on disk) against `actual`, bounded in size.
fn differences(expected: &Files, actual: &Files) -> String {
    let mut report = String::new();
    let keys: std::collections::BTreeSet<&String> = expected.keys().chain(actual.keys()).collect();
    for k in keys {
        let (e, a) = (expected.get(k), actual.get(k));
        if e == a {
            continue;
        }
        let (e, a) = (
            e.map(String::as_str).unwrap_or(""),
            a.map(String::as_str).unwrap_or(""),
        );
        let diff = similar::TextDiff::from_lines(e, a);
        report.push_str(&format!(
            "{}",
            diff.unified_diff()
                .context_radius(3)
                .header(&format!("expected/{k}"), &format!("actual/{k}"))
        ));
        if report.len() > 20_000 {
            report.truncate(20_000);
            report.push_str("\n... (diff truncated)\n");
            break;
        }
    }
    report
}

/// Compares `actual` with the golden directory, or rewrites it under `UPDATE_GOLDEN=1`.
fn check_golden(golden: &Path, actual: &Files) {
    let expected = read_tree(golden);
    if bless() {
        for stale in expected.keys().filter(|k| !actual.contains_key(*k)) {
            fs::remove_file(golden.join(stale)).unwrap();
        }
        for (rel, text) in actual {
            let p = golden.join(rel);
            fs::create_dir_all(p.parent().unwrap()).unwrap();
            fs::write(p, text).unwrap();
        }
        return;
    }
    let diff = differences(&expected, actual);
    assert!(
        diff.is_empty(),
        "output differs from {} (bless with UPDATE_GOLDEN=1):\n{diff}",
        golden.display()
    );
}

fn fixture_options() -> Options {
    Options {
        crate_name: "acs_codegen_tests".into(),
        ..Options::default()
    }
}

#[test]
fn shapes_fixture_matches_its_golden_output() {
    let files = Builder::new()
        .specs_dir(here().join("fixtures/shapes"))
        .options(fixture_options())
        .render()
        .unwrap();
    check_golden(&here().join("golden/shapes"), &files);
}

#[test]
fn invalid_fixtures_report_their_located_errors() {
    let dir = here().join("fixtures/invalid");
    let mut names: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    names.sort();
    let mut actual = Files::new();
    for path in names {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = fs::read_to_string(&path).unwrap();
        // A machine-independent path in the messages.
        let source = SpecSource::from_text(Path::new(&format!("fixtures/invalid/{name}")), text);
        // This repository's own strictness: every lint denied.
        let mut deny = acs_codegen::Lints::default();
        deny.set_all(acs_codegen::Level::Deny);
        let err = acs_codegen::compile_with(&[source], None, &deny).expect_err(&name);
        assert!(!err.diagnostics().is_empty(), "{name}: {err}");
        actual.insert(name.replace(".yaml", ".txt"), format!("{err}\n"));
    }
    assert!(actual.len() >= 8, "the invalid fixtures are missing");
    check_golden(&here().join("golden/invalid"), &actual);
}

#[test]
fn generated_crate_is_up_to_date_with_the_specs() {
    let files = Builder::new()
        .specs_dir(root().join("specs"))
        .render()
        .unwrap();
    let out = root().join("generated");
    let existing = acs_codegen::output::read_existing(&out, &files);
    let diff = differences(&existing, &files);
    assert!(
        diff.is_empty(),
        "generated/ is stale: run `cargo run -p acs-codegen -- generate`\n{diff}"
    );
    let stale = acs_codegen::output::stale_files(&out, &files).unwrap();
    assert!(
        stale.is_empty(),
        "generated/ has files no spec produces: {stale:?}"
    );
}

#[test]
fn generation_is_deterministic_and_machine_independent() {
    let a = Builder::new()
        .specs_dir(root().join("specs"))
        .render()
        .unwrap();
    let b = Builder::new()
        .specs_dir(root().join("specs"))
        .render()
        .unwrap();
    assert_eq!(a, b);
    let root_text = root().to_string_lossy().into_owned();
    for (name, text) in &a {
        assert!(
            !text.contains(&root_text),
            "{name} mentions the checkout path"
        );
        let first = text.lines().next().unwrap_or_default();
        assert!(
            first.contains("@generated by acs-codegen"),
            "{name} has no @generated header"
        );
    }
    // A product's files name its spec with the spec's SHA-256; the files that list every
    // product name every spec, without hashes (a change to one spec does not touch them).
    let esa = &a["src/esa/v2024_09_10/mod.rs"];
    assert!(esa.contains("esa-2024-09-10.yaml (sha256 "), "{esa}");
    assert!(!esa.contains("ddoscoo"), "{esa}");
    let lib = &a["src/lib.rs"];
    assert!(lib.contains("// Source: esa-2024-09-10.yaml\n"), "{lib}");
    assert!(!lib.contains("sha256"), "{lib}");
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("acs-golden-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&d);
    fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn unchanged_files_are_not_rewritten_and_stale_ones_are_removed() {
    let out = temp_dir("rewrite");
    let builder = Builder::new().specs_dir(root().join("specs")).out_dir(&out);
    let first = builder.generate().unwrap();
    assert!(first.unchanged.is_empty() && !first.written.is_empty());
    let second = builder.generate().unwrap();
    assert!(second.written.is_empty(), "{:?}", second.written);
    assert_eq!(second.unchanged.len(), first.written.len());
    // A generated file no spec produces any more is removed; a hand-written one is kept.
    fs::write(
        out.join("src/esa/old.rs"),
        "// @generated by acs-codegen 0.0.0\n",
    )
    .unwrap();
    fs::write(out.join("src/esa/mine.rs"), "// hand-written\n").unwrap();
    let third = builder.generate().unwrap();
    assert_eq!(third.removed, vec![out.join("src/esa/old.rs")]);
    assert!(out.join("src/esa/mine.rs").exists());
    fs::remove_dir_all(out).ok();
}

#[test]
fn turning_sharding_on_and_off_leaves_no_stale_file_or_directory() {
    let out = temp_dir("shards");
    let with = |shards: Option<usize>| {
        let options = acs_codegen::Options {
            shard_operations: shards,
            ..Default::default()
        };
        Builder::new()
            .specs_dir(root().join("tests/fixtures/shapes"))
            .out_dir(&out)
            .options(options)
            .generate()
            .unwrap()
    };
    with(Some(2));
    assert!(out.join("shards/shapes-2020-01-01-2/src/types.rs").exists());
    assert!(out.join("shards/common/Cargo.toml").exists());
    assert!(!out.join("src/shapes/v2020_01_01/types.rs").exists());
    let off = with(None);
    assert!(!out.join("shards").exists(), "{:?}", off.removed);
    assert!(out.join("src/shapes/v2020_01_01/types.rs").exists());
    assert!(off
        .removed
        .iter()
        .any(|p| p.ends_with("shards/common/src/lib.rs")));
    let on = with(Some(2));
    assert!(!out.join("src/shapes/v2020_01_01/types.rs").exists());
    assert!(
        !out.join("src/common_errors.rs").exists(),
        "{:?}",
        on.removed
    );
    fs::remove_dir_all(out).ok();
}

#[test]
fn a_broken_spec_writes_nothing() {
    let specs = temp_dir("broken-specs");
    support::copy_specs(&root().join("specs"), &specs);
    let esa = specs.join("esa-2024-09-10.yaml");
    let text = fs::read_to_string(&esa).unwrap().replace(
        "operationId: ReleaseInstance",
        "operationId: ReleaseInstances",
    );
    fs::write(&esa, text).unwrap();
    let out = specs.join("out");
    let err = Builder::new()
        .specs_dir(&specs)
        .out_dir(&out)
        .generate()
        .unwrap_err();
    let shown = err.to_string();
    assert!(shown.contains("esa-2024-09-10.yaml:"), "{shown}");
    assert!(
        shown.contains("operationId `ReleaseInstances` differs from the action `ReleaseInstance`"),
        "{shown}"
    );
    assert!(!out.exists(), "nothing may be written");
    fs::remove_dir_all(specs).ok();
}

#[test]
fn builder_settings_do_not_depend_on_call_order() {
    let dir = here().join("fixtures/shapes");
    let format_then_options = Builder::new()
        .specs_dir(&dir)
        .format(false)
        .options(fixture_options())
        .render()
        .unwrap();
    let options_then_format = Builder::new()
        .specs_dir(&dir)
        .options(fixture_options())
        .format(false)
        .render()
        .unwrap();
    let formatted = Builder::new()
        .specs_dir(&dir)
        .options(fixture_options())
        .render()
        .unwrap();
    assert_eq!(format_then_options, options_then_format);
    assert_ne!(format_then_options, formatted, "`.format(false)` was lost");
}

#[test]
fn a_change_to_one_product_touches_only_that_products_files() {
    let specs = temp_dir("churn-specs");
    support::copy_specs(&root().join("specs"), &specs);
    let before = Builder::new().specs_dir(&specs).render().unwrap();
    let esa = specs.join("esa-2024-09-10.yaml");
    let text = fs::read_to_string(&esa).unwrap();
    let edited = text.replacen("message: ", "message: Reworded. ", 1);
    assert_ne!(text, edited);
    fs::write(&esa, edited).unwrap();
    let after = Builder::new().specs_dir(&specs).render().unwrap();
    let changed: Vec<&String> = after
        .keys()
        .filter(|k| before.get(*k) != after.get(*k))
        .collect();
    assert!(!changed.is_empty());
    for file in &changed {
        assert!(
            file.contains("esa"),
            "{file} changed with the ESA spec: {changed:?}"
        );
    }
    fs::remove_dir_all(specs).ok();
}

#[test]
fn a_specs_directory_includes_its_subdirectories_and_its_top_common_errors() {
    let dir = temp_dir("nested-specs");
    support::copy_specs(&root().join("specs"), &dir);
    let nested = dir.join("more/deeper");
    fs::create_dir_all(&nested).unwrap();
    fs::rename(
        dir.join("esa-2024-09-10.yaml"),
        nested.join("esa-2024-09-10.yaml"),
    )
    .unwrap();
    // A deeper common file is not a product spec, and the top one wins.
    fs::write(nested.join("common-errors.yaml"), "codes: []\n").unwrap();
    fs::create_dir_all(dir.join(".hidden")).unwrap();
    fs::write(dir.join(".hidden/broken.yaml"), "not: [a spec").unwrap();
    let (specs, common) = acs_codegen::read_specs_dir(&dir).unwrap();
    let names: Vec<String> = specs.iter().map(|s| s.file_name.clone()).collect();
    assert!(
        names.contains(&"esa-2024-09-10.yaml".to_string()),
        "{names:?}"
    );
    assert!(
        !names.contains(&"common-errors.yaml".to_string()),
        "{names:?}"
    );
    assert_eq!(common.unwrap().path, dir.join("common-errors.yaml"));
    // Named twice, each file is read once; the output is that of the flat directory.
    let flat = Builder::new()
        .specs_dir(root().join("specs"))
        .render()
        .unwrap();
    let twice = Builder::new()
        .specs_dir(&dir)
        .specs_dir(dir.join("more"))
        .render()
        .unwrap();
    assert!(flat == twice, "the nested tree generates differently");
    fs::remove_dir_all(dir).ok();
}
