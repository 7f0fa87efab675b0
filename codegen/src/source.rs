//! Reading specs: one file, or a directory and its subdirectories, with the shared common
//! errors file; each spec's text, reported name and hash.

use crate::diagnostics::Error;
use sha2::{Digest, Sha256};
use std::fs;
use std::path::{Path, PathBuf};

/// File name of the shared common error codes, looked up in the specs directory.
pub const COMMON_ERRORS_FILE: &str = "common-errors.yaml";

/// The common gateway error codes built into the generator (Alibaba Cloud's public "common
/// error codes"), used when no `common-errors.yaml` is given: a build script importing
/// metadata gets them as the repository's own specs do.
pub(crate) fn builtin_common_errors() -> SpecSource {
    SpecSource {
        path: PathBuf::from(concat!("<built in>/", "common-errors.yaml")),
        file_name: COMMON_ERRORS_FILE.to_string(),
        text: include_str!("../common-errors.yaml").to_string(),
    }
}

/// One spec file's text and the name it is reported under.
#[derive(Clone, Debug)]
pub struct SpecSource {
    /// Path used in diagnostics (as given, e.g. `specs/esa-2024-09-10.yaml`).
    pub path: PathBuf,
    /// File name, used in `@generated` headers (machine-independent).
    pub file_name: String,
    /// The spec's text.
    pub text: String,
}

impl SpecSource {
    /// Reads a spec file.
    pub fn read(path: &Path) -> Result<Self, Error> {
        let text = fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Ok(Self::from_text(path, text))
    }

    /// A spec from text in memory.
    pub fn from_text(path: &Path, text: String) -> Self {
        SpecSource {
            file_name: path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            path: path.to_path_buf(),
            text,
        }
    }

    /// Hex SHA-256 of the text (the `@generated` headers' and the cache's fingerprint).
    pub fn sha256(&self) -> String {
        sha256_hex(self.text.as_bytes())
    }
}

/// Lowercase hex of bytes.
pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Hex SHA-256 of bytes: the one hash of spec files and rendered files.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// The product specs (`*.yaml`, `*.yml`) under a directory and its subdirectories (in path
/// order; entries whose names start with `.` are skipped), and its common error file: the
/// `common-errors.yaml` nearest the top (a deeper one, such as an imported directory's, is
/// not a product spec and is not read).
pub fn read_specs_dir(dir: &Path) -> Result<(Vec<SpecSource>, Option<SpecSource>), Error> {
    let mut paths = Vec::new();
    spec_paths(dir, &mut paths)?;
    let sources = paths
        .iter()
        .map(|p| SpecSource::read(p))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(split_common(sources))
}

/// Product specs apart from the common error file: the `common-errors.yaml` nearest the top
/// of the tree they were read from (the first of those, in order); deeper ones are dropped.
pub(crate) fn split_common(sources: Vec<SpecSource>) -> (Vec<SpecSource>, Option<SpecSource>) {
    let (commons, specs): (Vec<SpecSource>, Vec<SpecSource>) = sources
        .into_iter()
        .partition(|s| s.file_name == COMMON_ERRORS_FILE);
    let common = commons
        .into_iter()
        .enumerate()
        .min_by_key(|(i, s)| (s.path.components().count(), *i))
        .map(|(_, s)| s);
    (specs, common)
}

/// Keeps the first of specs read from the same file twice (`--specs specs --specs
/// specs/imported`: a directory includes its subdirectories).
pub fn dedup_sources(specs: &mut Vec<SpecSource>) {
    let mut seen = std::collections::HashSet::new();
    specs.retain(|s| seen.insert(fs::canonicalize(&s.path).unwrap_or_else(|_| s.path.clone())));
}

/// Every spec file under `dir`, sorted by path, subdirectories included.
fn spec_paths(dir: &Path, found: &mut Vec<PathBuf>) -> Result<(), Error> {
    let entries = fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| !n.to_string_lossy().starts_with('.'))
        })
        .collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            spec_paths(&p, found)?;
        } else if p.is_file()
            && matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("yaml") | Some("yml")
            )
        {
            found.push(p);
        }
    }
    Ok(())
}

/// Reads the specs at `path`: a directory (its specs and `common-errors.yaml`), or one spec
/// file (with the `common-errors.yaml` beside it, if any).
pub fn read_specs(path: &Path) -> Result<(Vec<SpecSource>, Option<SpecSource>), Error> {
    if path.is_dir() {
        return read_specs_dir(path);
    }
    let spec = SpecSource::read(path)?;
    let common = path
        .parent()
        .map(|d| d.join(COMMON_ERRORS_FILE))
        .filter(|c| c.is_file() && c != path);
    let common = match common {
        Some(c) => Some(SpecSource::read(&c)?),
        None => None,
    };
    Ok((vec![spec], common))
}
