//! Specs at a git revision, read through the `git` command (no object reader of our own):
//! `acs-codegen diff --base origin/main specs` compares them with the working tree.

use crate::diagnostics::Error;
use crate::source::SpecSource;
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
/// returns them for the working tree. Each is reported as `<rev>:<path>`. A path that does
/// not exist at `rev` (a product added since) holds no specs; a revision that does not exist
/// is an error.
pub fn specs_at(
    rev: &str,
    paths: &[PathBuf],
) -> Result<(Vec<SpecSource>, Option<SpecSource>), Error> {
    let cwd = std::env::current_dir().map_err(|e| Error::io(Path::new("."), e))?;
    let top = PathBuf::from(git(&cwd, &["rev-parse", "--show-toplevel"])?.trim());
    let top = top.canonicalize().unwrap_or(top);
    git(
        &cwd,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{rev}^{{commit}}"),
        ],
    )
    .map_err(|_| Error::Other(format!("`{rev}` is not a revision of this git repository")))?;
    // Every file once, in path order, however the paths overlap.
    let mut files = std::collections::BTreeSet::new();
    for path in paths {
        // Relative to the repository's top, as `git show REV:path` wants it (and as
        // `--full-name` lists it).
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
                "--full-name",
                rev,
                "--",
                &format!(":/{spec}"),
            ],
        )?;
        files.extend(
            listed
                .lines()
                .filter(|f| f.ends_with(".yaml") || f.ends_with(".yml"))
                .filter(|f| !f.split('/').any(|part| part.starts_with('.')))
                .map(str::to_string),
        );
    }
    let sources = files
        .iter()
        .map(|file| {
            let text = git(&cwd, &["show", &format!("{rev}:{file}")])?;
            Ok(SpecSource::from_text(
                Path::new(&format!("{rev}:{file}")),
                text,
            ))
        })
        .collect::<Result<Vec<_>, Error>>()?;
    // The `common-errors.yaml` nearest the top, as in the working tree.
    Ok(crate::source::split_common(sources))
}
