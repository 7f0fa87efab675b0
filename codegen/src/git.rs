//! Specs at a git revision, read through the `git` command (no object reader of our own):
//! `acs-codegen diff --base origin/main specs` compares them with the working tree.

use crate::{Error, SpecSource, COMMON_ERRORS_FILE};
use std::path::{Path, PathBuf};
use std::process::Command;

fn git(dir: &Path, args: &[&str]) -> Result<String, Error> {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .map_err(|e| Error::io(Path::new("git"), e))?;
    if !out.status.success() {
        return Err(Error::Other(format!(
            "`git {}` failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        )));
    }
    String::from_utf8(out.stdout)
        .map_err(|_| Error::Other(format!("`git {}` printed non-UTF-8", args.join(" "))))
}

/// The specs (`*.yaml`, `*.yml`) under `paths` (files or directories, relative to the
/// current directory) at `rev`, and the `common-errors.yaml` among them, as `read_specs`
/// returns them for the working tree. Each is reported as `<rev>:<path>`.
pub fn specs_at(
    rev: &str,
    paths: &[PathBuf],
) -> Result<(Vec<SpecSource>, Option<SpecSource>), Error> {
    let cwd = std::env::current_dir().map_err(|e| Error::io(Path::new("."), e))?;
    let top = PathBuf::from(git(&cwd, &["rev-parse", "--show-toplevel"])?.trim());
    let top = top.canonicalize().unwrap_or(top);
    let mut specs = Vec::new();
    let mut common = None;
    for path in paths {
        // Relative to the repository's top, as `git show REV:path` wants it.
        let abs = cwd.join(path);
        let abs = abs.canonicalize().unwrap_or(abs);
        let spec = abs
            .strip_prefix(&top)
            .map_err(|_| Error::Other(format!("{} is outside the git repository", path.display())))?
            .to_string_lossy()
            .replace('\\', "/");
        let listed = git(
            &cwd,
            &[
                "ls-tree",
                "-r",
                "--name-only",
                rev,
                "--",
                &format!(":/{spec}"),
            ],
        )?;
        let mut files: Vec<&str> = listed
            .lines()
            .filter(|f| f.ends_with(".yaml") || f.ends_with(".yml"))
            .collect();
        files.sort();
        if files.is_empty() {
            return Err(Error::Other(format!("no specs under `{spec}` at `{rev}`")));
        }
        for file in files {
            let text = git(&cwd, &["show", &format!("{rev}:{file}")])?;
            let source = SpecSource::from_text(Path::new(&format!("{rev}:{file}")), text);
            if source.file_name == COMMON_ERRORS_FILE {
                common.get_or_insert(source);
            } else {
                specs.push(source);
            }
        }
    }
    Ok((specs, common))
}
