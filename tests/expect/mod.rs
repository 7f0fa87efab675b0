//! Assertions against golden files: text and file trees compared with the data in
//! `tests/golden/`, or rewritten under `UPDATE_GOLDEN=1` (kept apart from `support/`, which is
//! also copied into crates that do not depend on `similar`).

use acs_codegen::Files;
use std::fs;
use std::path::Path;

/// Compares `actual` with the golden file `tests/golden/<rel>`, or rewrites it under
/// `UPDATE_GOLDEN=1`; a difference fails with a unified diff.
pub fn check_golden(rel: &str, actual: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("golden")
        .join(rel);
    if bless() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    if expected != actual {
        let d = similar::TextDiff::from_lines(expected.as_str(), actual)
            .unified_diff()
            .header("expected", "actual")
            .to_string();
        panic!("{rel} differs (bless with UPDATE_GOLDEN=1):\n{d}");
    }
}

/// Whether goldens are being rewritten (`UPDATE_GOLDEN=1`).
pub fn bless() -> bool {
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
                .starts_with(acs_codegen::internal::output::OWN_FILES_PREFIX);
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
pub fn differences(expected: &Files, actual: &Files) -> String {
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

/// Compares the files `actual` with the golden directory `tests/golden/<rel>`, or rewrites
/// it under `UPDATE_GOLDEN=1` (files no longer produced are removed).
pub fn check_golden_tree(rel: &str, actual: &Files) {
    let golden = &Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("golden")
        .join(rel);
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
