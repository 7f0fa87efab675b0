//! The render cache: a generated file whose inputs are those of the run that wrote it, and
//! which is still as that run wrote it, is kept instead of rendered again.
//!
//! A file's inputs are summed up by a [`Fingerprint`]: the SHA-256 of the `Debug` text of
//! the model slice the file is made from (a product version for its modules, pages and
//! tests; every product for the `acs` table), the emit options and the header. The manifest
//! (`.acs-codegen-cache` in the output directory) records, for each file of the last run, the
//! fingerprint it was rendered from and the SHA-256 of the text it was rendered to, under the
//! identity of the generator that rendered it (the running executable's path, size and
//! modification time, so a rebuilt generator, or one with other dependencies, starts
//! afresh).
//!
//! A file is kept only when its fingerprint is the recorded one **and** its content on disk
//! hashes to the recorded text's hash: an entry states "these inputs render this text", true
//! whenever it was written, so an interrupted run, a hand edit, a concurrent run or a
//! damaged manifest costs at most a render, never a wrong file.

use crate::diagnostics::Error;
use crate::source::{hex, sha256_hex};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::fmt::{self, Debug, Write as _};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The manifest's file name, in the output directory.
pub const CACHE_FILE: &str = ".acs-codegen-cache";

/// First line of a manifest; a different one (another format) is ignored.
const FORMAT_LINE: &str = "acs-codegen render cache 1";

/// What a file is rendered from, hashed.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Fingerprint([u8; 32]);

impl Fingerprint {
    /// The fingerprint of values, from their `Debug` text (streamed into the hash: the text
    /// is never built), each part closed by a separator so that parts cannot run together.
    pub fn of(parts: &[&dyn Debug]) -> Fingerprint {
        let mut hasher = DebugHasher(Sha256::new());
        for part in parts {
            // Writing into a hasher cannot fail; a `Debug` impl that errs only shortens it.
            let _ = write!(hasher, "{part:?}");
            hasher.0.update([0u8]);
        }
        Fingerprint(hasher.0.finalize().into())
    }

    fn hex(&self) -> String {
        hex(&self.0)
    }
}

impl Debug for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.hex())
    }
}

struct DebugHasher(Sha256);

impl fmt::Write for DebugHasher {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.0.update(s.as_bytes());
        Ok(())
    }
}

/// Where the files a run renders may come from instead: what emit asks before rendering a
/// file, and tells after.
pub trait Reuse: Sync {
    /// Whether the file at `path` (relative to the output directory) is already what inputs
    /// of this fingerprint render. If so it is kept, and not rendered.
    fn keep(&self, path: &str, inputs: Fingerprint) -> bool;
    /// Records that `path` was rendered from inputs of this fingerprint, as `text`.
    fn rendered(&self, path: &str, inputs: Fingerprint, text: &str);
}

/// One file's record: the fingerprint of its inputs and the SHA-256 of its text (hex).
#[derive(Clone, Debug, PartialEq, Eq)]
struct Entry {
    inputs: String,
    text: String,
}

/// The render cache of one output directory, for one run.
#[derive(Debug)]
pub struct Cache {
    out: PathBuf,
    /// The running generator's identity; `None` when it cannot be known (no cache then).
    generator: Option<String>,
    /// The last run's records.
    previous: BTreeMap<String, Entry>,
    /// This run's records, and the files it kept.
    current: Mutex<(BTreeMap<String, Entry>, Vec<String>)>,
}

impl Cache {
    /// The cache of `out`: the last run's manifest, if it was written by this same generator
    /// (otherwise, or if it is missing or unreadable, an empty one).
    pub fn load(out: &Path) -> Cache {
        let generator = generator_identity();
        let previous = match (&generator, std::fs::read_to_string(out.join(CACHE_FILE))) {
            (Some(generator), Ok(text)) => parse_manifest(&text, generator),
            _ => BTreeMap::new(),
        };
        Cache {
            out: out.to_path_buf(),
            generator,
            previous,
            current: Mutex::default(),
        }
    }

    /// The files kept from the last run, sorted.
    pub fn kept(&self) -> Vec<String> {
        let mut kept = self.current.lock().map(|c| c.1.clone()).unwrap_or_default();
        kept.sort();
        kept
    }

    /// Writes this run's manifest (through a temporary file renamed into place).
    pub fn save(&self) -> Result<(), Error> {
        let Some(generator) = &self.generator else {
            return Ok(());
        };
        let current = self.current.lock().map_err(|_| Error::job_panicked())?;
        let mut text = format!("{FORMAT_LINE}\ngenerator {generator}\n");
        for (path, entry) in &current.0 {
            text.push_str(&format!("{} {} {path}\n", entry.inputs, entry.text));
        }
        let path = self.out.join(CACHE_FILE);
        let tmp = self.out.join(format!("{CACHE_FILE}.tmp"));
        std::fs::write(&tmp, text)
            .and_then(|()| std::fs::rename(&tmp, &path))
            .map_err(|e| Error::io(&path, e))
    }

    fn record(&self, path: &str, entry: Entry, kept: bool) {
        if let Ok(mut current) = self.current.lock() {
            current.0.insert(path.to_string(), entry);
            if kept {
                current.1.push(path.to_string());
            }
        }
    }
}

impl Reuse for Cache {
    fn keep(&self, path: &str, inputs: Fingerprint) -> bool {
        let Some(entry) = self.previous.get(path) else {
            return false;
        };
        if entry.inputs != inputs.hex() {
            return false;
        }
        match std::fs::read(self.out.join(path)) {
            Ok(bytes) if sha256_hex(&bytes) == entry.text => {
                self.record(path, entry.clone(), true);
                true
            }
            _ => false,
        }
    }

    fn rendered(&self, path: &str, inputs: Fingerprint, text: &str) {
        if self.generator.is_some() {
            let entry = Entry {
                inputs: inputs.hex(),
                text: sha256_hex(text.as_bytes()),
            };
            self.record(path, entry, false);
        }
    }
}

/// The records of a manifest written by `generator`; none for another generator, format
/// or a damaged file (lines that do not parse are skipped).
fn parse_manifest(text: &str, generator: &str) -> BTreeMap<String, Entry> {
    let mut lines = text.lines();
    if lines.next() != Some(FORMAT_LINE)
        || lines.next().and_then(|l| l.strip_prefix("generator ")) != Some(generator)
    {
        return BTreeMap::new();
    }
    let is_hash = |s: &str| s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit());
    lines
        .filter_map(|line| {
            let mut parts = line.splitn(3, ' ');
            let (inputs, text, path) = (parts.next()?, parts.next()?, parts.next()?);
            let safe = !path.is_empty() && !path.split('/').any(|c| c.is_empty() || c == "..");
            (is_hash(inputs) && is_hash(text) && safe).then(|| {
                let entry = Entry {
                    inputs: inputs.to_string(),
                    text: text.to_string(),
                };
                (path.to_string(), entry)
            })
        })
        .collect()
}

/// The identity of the running executable (the CLI, or the build script the library is
/// linked into): its path, size and modification time, and this crate's version. Building
/// the generator again (a change to its code or its dependencies) or installing another one
/// changes it, as cargo's own freshness checks assume; reading the metadata costs nothing,
/// where hashing a debug build's 60 MB binary took seconds.
fn generator_identity() -> Option<String> {
    let exe = std::env::current_exe().ok()?;
    let meta = std::fs::metadata(&exe).ok()?;
    let modified = meta
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    let identity = format!(
        "{} {} {} {}",
        env!("CARGO_PKG_VERSION"),
        exe.display(),
        meta.len(),
        modified.as_nanos()
    );
    Some(sha256_hex(identity.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_follow_every_part_and_their_boundaries() {
        let a = Fingerprint::of(&[&"ab", &"c"]);
        assert_eq!(a, Fingerprint::of(&[&"ab", &"c"]));
        assert_ne!(a, Fingerprint::of(&[&"a", &"bc"]));
        assert_ne!(a, Fingerprint::of(&[&"ab", &"d"]));
        assert_eq!(a.hex().len(), 64);
    }

    #[test]
    fn a_manifest_of_another_generator_or_format_is_ignored_and_bad_lines_skipped() {
        let h = "a".repeat(64);
        let good = format!("{FORMAT_LINE}\ngenerator G\n{h} {h} src/x.rs\n");
        assert_eq!(parse_manifest(&good, "G").len(), 1);
        assert!(parse_manifest(&good, "other").is_empty());
        assert!(parse_manifest(&good.replace("cache 1", "cache 0"), "G").is_empty());
        let bad = format!(
            "{FORMAT_LINE}\ngenerator G\n{h} short src/x.rs\n{h} {h} ../escape.rs\n{h} {h}\n{h} {h} ok.rs\n"
        );
        let parsed = parse_manifest(&bad, "G");
        assert_eq!(parsed.keys().collect::<Vec<_>>(), ["ok.rs"]);
    }
}
