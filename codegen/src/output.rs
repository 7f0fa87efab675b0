//! Writing generated files: only files whose content changed are rewritten (so build
//! scripts and editors see no spurious changes), each through a temporary file renamed into
//! place, and generated files that a run no longer produces are removed.

use crate::diagnostics::Error;
use std::fs;
use std::path::{Path, PathBuf};

use crate::generated::GENERATED_MARKER;
pub use crate::generated::{Files, OWN_FILES_PREFIX};

/// What a write did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct WriteReport {
    /// Files written (new or changed).
    pub written: Vec<PathBuf>,
    /// Files whose content was already what the run produced.
    pub unchanged: Vec<PathBuf>,
    /// Of the unchanged files, those kept without rendering them: the render cache knew
    /// them to be what their inputs render.
    pub reused: Vec<PathBuf>,
    /// Generated files the run no longer produces, removed.
    pub removed: Vec<PathBuf>,
}

/// Lock file that serializes concurrent runs writing the same directory.
pub const LOCK_FILE: &str = ".acs-codegen.lock";
/// Staging directory of a run's new files.
pub const STAGING_DIR: &str = ".acs-codegen-staging";
/// The commit record: once it exists, the run's changes are applied (or completed by the
/// next run, if this one is interrupted).
pub const JOURNAL_FILE: &str = ".acs-codegen-journal";

/// Writes `files` under `out`, all or nothing.
///
/// Changed files are first written to a staging directory inside `out`; then a journal
/// listing the moves and removals is renamed into place (the commit point) and applied by
/// renames. A run that fails before the commit point leaves `out` untouched; a run
/// interrupted after it is completed by the next run. A lock file serializes concurrent
/// runs (two build scripts), so their files never interleave.
pub fn write(out: &Path, files: &Files) -> Result<WriteReport, Error> {
    write_files(out, files, true)
}

/// Writes `files` under `out`, all or nothing, as [`write()`] does; generated files the run
/// did not produce are removed only with `remove_stale` (`import` of one document keeps the
/// specs imported from others).
pub fn write_files(out: &Path, files: &Files, remove_stale: bool) -> Result<WriteReport, Error> {
    let mut staging = Staging::begin(out)?;
    for (rel, content) in files {
        staging.add(rel, content)?;
    }
    staging.commit(remove_stale)
}

/// An all-or-nothing write in progress, fed one file at a time as files are rendered, so a
/// run never holds every rendered file: each changed file goes to the staging directory at
/// once, an unchanged one is only compared. [`commit`](Self::commit) is the commit point;
/// dropped before it, the staging area is removed and `out` is untouched.
pub struct Staging {
    out: PathBuf,
    _lock: Lock,
    produced: std::collections::BTreeSet<String>,
    changed: Vec<String>,
    unchanged: Vec<PathBuf>,
    reused: Vec<PathBuf>,
    committed: bool,
}

impl Staging {
    /// Takes the output directory's lock and completes an interrupted earlier run.
    pub fn begin(out: &Path) -> Result<Staging, Error> {
        fs::create_dir_all(out).map_err(|e| Error::io(out, e))?;
        let lock = Lock::acquire(out)?;
        recover(out)?;
        Ok(Staging {
            out: out.to_path_buf(),
            _lock: lock,
            produced: Default::default(),
            changed: Vec::new(),
            unchanged: Vec::new(),
            reused: Vec::new(),
            committed: false,
        })
    }

    /// Stages one file (`rel` is `/`-separated, relative to the output directory).
    pub fn add(&mut self, rel: &str, content: &str) -> Result<(), Error> {
        self.produced.insert(rel.to_string());
        let path = self.out.join(rel);
        if fs::read(&path).ok().as_deref() == Some(content.as_bytes()) {
            self.unchanged.push(path);
            return Ok(());
        }
        let staged = self.out.join(STAGING_DIR).join(rel);
        if let Some(dir) = staged.parent() {
            fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        fs::write(&staged, content).map_err(|e| Error::io(&staged, e))?;
        self.changed.push(rel.to_string());
        Ok(())
    }

    /// Counts a file kept as it is without rendering it (the render cache vouched for it).
    pub fn keep(&mut self, rel: &str) {
        self.produced.insert(rel.to_string());
        let path = self.out.join(rel);
        self.reused.push(path.clone());
        self.unchanged.push(path);
    }

    /// Commits: records the moves (and, with `remove_stale`, the removal of generated files
    /// no longer produced) in the journal, renames it into place, and applies it.
    pub fn commit(mut self, remove_stale: bool) -> Result<WriteReport, Error> {
        self.committed = true;
        let out = self.out.clone();
        let stale = if remove_stale {
            stale_among(&out, |rel| self.produced.contains(rel))?
        } else {
            Vec::new()
        };
        self.changed.sort();
        self.unchanged.sort();
        self.reused.sort();
        let mut report = WriteReport {
            unchanged: std::mem::take(&mut self.unchanged),
            reused: std::mem::take(&mut self.reused),
            ..WriteReport::default()
        };
        if self.changed.is_empty() && stale.is_empty() {
            let _ = fs::remove_dir_all(out.join(STAGING_DIR));
            return Ok(report);
        }
        let mut journal = String::new();
        for rel in &self.changed {
            journal.push_str(&format!("M {rel}\n"));
        }
        for path in &stale {
            if let Ok(rel) = path.strip_prefix(&out) {
                journal.push_str(&format!("D {}\n", rel.to_string_lossy().replace('\\', "/")));
            }
        }
        let tmp = out.join(format!("{JOURNAL_FILE}.tmp"));
        let written = fs::write(&tmp, journal)
            // The commit point.
            .and_then(|()| fs::rename(&tmp, out.join(JOURNAL_FILE)))
            .map_err(|e| Error::io(&tmp, e));
        if let Err(e) = written {
            let _ = fs::remove_dir_all(out.join(STAGING_DIR));
            let _ = fs::remove_file(&tmp);
            return Err(e);
        }
        apply_journal(&out)?;
        report.written = self.changed.iter().map(|rel| out.join(rel)).collect();
        report.removed = stale;
        Ok(report)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(self.out.join(STAGING_DIR));
        }
    }
}

/// Completes a run interrupted after its commit point.
fn recover(out: &Path) -> Result<(), Error> {
    if out.join(JOURNAL_FILE).exists() {
        apply_journal(out)?;
    }
    let _ = fs::remove_file(out.join(format!("{JOURNAL_FILE}.tmp")));
    let _ = fs::remove_dir_all(out.join(STAGING_DIR));
    Ok(())
}

/// Applies the journal: moves staged files into place, removes stale ones. Idempotent, so
/// an interrupted application can be run again.
fn apply_journal(out: &Path) -> Result<(), Error> {
    let journal_path = out.join(JOURNAL_FILE);
    let journal = fs::read_to_string(&journal_path).map_err(|e| Error::io(&journal_path, e))?;
    let staging = out.join(STAGING_DIR);
    for line in journal.lines() {
        let (Some(op), Some(rel)) = (line.get(..2), line.get(2..)) else {
            continue;
        };
        if rel.is_empty() || rel.split('/').any(|c| c == ".." || c.is_empty()) {
            continue;
        }
        let target = out.join(rel);
        match op {
            "M " => {
                let staged = staging.join(rel);
                if !staged.exists() {
                    continue; // moved before an interruption
                }
                if let Some(dir) = target.parent() {
                    fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
                }
                fs::rename(&staged, &target).map_err(|e| Error::io(&target, e))?;
            }
            "D " if target.exists() => {
                fs::remove_file(&target).map_err(|e| Error::io(&target, e))?;
                remove_empty_parents(out, &target);
            }
            _ => {}
        }
    }
    fs::remove_file(&journal_path).map_err(|e| Error::io(&journal_path, e))?;
    let _ = fs::remove_dir_all(&staging);
    Ok(())
}

/// Removes the directories a removal left empty, from `file`'s up to (not including) `out`.
fn remove_empty_parents(out: &Path, file: &Path) {
    let mut dir = file.parent();
    while let Some(d) = dir {
        // `remove_dir` fails on a directory that still holds anything, which ends the walk.
        if d == out || !d.starts_with(out) || fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}

/// Exclusive ownership of an output directory for one run.
struct Lock {
    path: PathBuf,
}

/// How long a run waits for another one to finish.
const LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(120);

impl Lock {
    fn acquire(out: &Path) -> Result<Lock, Error> {
        let path = out.join(LOCK_FILE);
        let started = std::time::Instant::now();
        loop {
            match fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
            {
                Ok(mut f) => {
                    use std::io::Write;
                    let _ = writeln!(f, "{}", std::process::id());
                    return Ok(Lock { path });
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    if Self::is_stale(&path) {
                        let _ = fs::remove_file(&path);
                        continue;
                    }
                    if started.elapsed() > LOCK_WAIT {
                        return Err(Error::io(
                            &path,
                            std::io::Error::new(
                                std::io::ErrorKind::WouldBlock,
                                "another acs-codegen run holds this output directory",
                            ),
                        ));
                    }
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                Err(e) => return Err(Error::io(&path, e)),
            }
        }
    }

    /// A lock whose process is gone (Linux: no `/proc/<pid>`), or older than ten minutes.
    fn is_stale(path: &Path) -> bool {
        let pid = fs::read_to_string(path)
            .ok()
            .and_then(|t| t.trim().parse::<u32>().ok());
        if let (Some(pid), true) = (pid, Path::new("/proc/self").exists()) {
            return !Path::new(&format!("/proc/{pid}")).exists();
        }
        fs::metadata(path)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > std::time::Duration::from_secs(600))
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
    }
}

/// Generated files (by their marker) under `out` that `files` does not contain.
pub fn stale_files(out: &Path, files: &Files) -> Result<Vec<PathBuf>, Error> {
    stale_among(out, |rel| files.contains_key(rel))
}

/// Generated files (by their marker) under `out` that `produced` says no.
fn stale_among(out: &Path, produced: impl Fn(&str) -> bool) -> Result<Vec<PathBuf>, Error> {
    let mut stale = Vec::new();
    for sub in crate::emit::layout::GENERATED_DIRS {
        walk(&out.join(sub), &mut |path| {
            let rel = path
                .strip_prefix(out)
                .map(|p| p.to_string_lossy().replace('\\', "/"))
                .unwrap_or_default();
            if !produced(&rel) && is_generated(path) {
                stale.push(path.to_path_buf());
            }
        })?;
    }
    stale.sort();
    Ok(stale)
}

/// Whether a file starts with the generator's marker.
pub fn is_generated(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 256];
    let n = fs::File::open(path)
        .and_then(|mut f| f.read(&mut head))
        .unwrap_or(0);
    let head = String::from_utf8_lossy(&head[..n]);
    head.lines()
        .next()
        .is_some_and(|l| l.contains(GENERATED_MARKER))
}

fn walk(dir: &Path, f: &mut dyn FnMut(&Path)) -> Result<(), Error> {
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::io(dir, e)),
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            walk(&p, f)?;
        } else {
            f(&p);
        }
    }
    Ok(())
}

/// Reads the files under `out` that `files` would write, for comparison (check mode).
pub fn read_existing(out: &Path, files: &Files) -> Files {
    files
        .keys()
        .filter_map(|rel| {
            fs::read_to_string(out.join(rel))
                .ok()
                .map(|c| (rel.clone(), c))
        })
        .collect()
}

/// How an output directory differs from what a run would write.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Staleness {
    /// Files whose content would change: `(relative path, current content or None, new content)`.
    pub changed: Vec<(String, Option<String>, String)>,
    /// Generated files a run would remove.
    pub removed: Vec<PathBuf>,
}

impl Staleness {
    /// Whether nothing would change.
    pub fn is_up_to_date(&self) -> bool {
        self.changed.is_empty() && self.removed.is_empty()
    }
}

/// Compares `out` with `files` without writing anything (check mode).
pub fn staleness(out: &Path, files: &Files) -> Result<Staleness, Error> {
    let existing = read_existing(out, files);
    let changed = files
        .iter()
        .filter(|(rel, content)| existing.get(*rel) != Some(*content))
        .map(|(rel, content)| (rel.clone(), existing.get(rel).cloned(), content.clone()))
        .collect();
    Ok(Staleness {
        changed,
        removed: stale_files(out, files)?,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_own_file_carries_the_prefix_the_generated_gitignore_names() {
        for name in [
            super::LOCK_FILE,
            super::STAGING_DIR,
            super::JOURNAL_FILE,
            crate::cache::CACHE_FILE,
        ] {
            assert!(name.starts_with(super::OWN_FILES_PREFIX), "{name}");
        }
    }
}
