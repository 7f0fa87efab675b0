//! Golden files of the test files that compare text with `tests/golden/` (kept apart from
//! `support/`, which is also copied into crates that do not depend on `similar`).

/// Compares `actual` with the golden file `tests/golden/<rel>`, or rewrites it under
/// `UPDATE_GOLDEN=1`; a difference fails with a unified diff.
pub fn check_golden(rel: &str, actual: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("golden")
        .join(rel);
    if std::env::var("UPDATE_GOLDEN").is_ok_and(|v| v == "1") {
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
