//! Located error reports: every problem the generator finds in a spec names the file, the line
//! and column, and the spec path (`paths./#Action=X.post.parameters[2].schema`) it concerns.

use std::fmt;
use std::path::{Path, PathBuf};

/// One problem in one spec file.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// The spec file, as it was given to the generator.
    pub file: PathBuf,
    /// 1-based line of the offending node (or of its nearest located ancestor).
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// Dotted spec path of the offending node; empty for the whole document.
    pub path: String,
    /// What is wrong, in one sentence.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: ", self.file.display(), self.line, self.column)?;
        if !self.path.is_empty() {
            write!(f, "{}: ", self.path)?;
        }
        f.write_str(&self.message)
    }
}

/// Everything that can stop a generation run.
#[derive(Debug)]
pub enum Error {
    /// Reading or writing a file failed.
    Io {
        /// The file or directory concerned.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// One or more specs are invalid; nothing was written.
    Spec(Vec<Diagnostic>),
    /// The run was asked for something the specs do not have (an unknown operation), or the
    /// generator failed internally.
    Other(String),
}

impl Error {
    pub(crate) fn io(path: &Path, source: std::io::Error) -> Self {
        Error::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    /// The located spec problems, if this is a spec error.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            Error::Spec(d) => d,
            Error::Io { .. } | Error::Other(_) => &[],
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io { path, source } => write!(f, "{}: {}", path.display(), source),
            Error::Other(m) => write!(f, "error: {m}"),
            Error::Spec(diags) => {
                for (i, d) in diags.iter().enumerate() {
                    if i > 0 {
                        writeln!(f)?;
                    }
                    write!(f, "error: {d}")?;
                }
                write!(
                    f,
                    "\n{} problem{} found; nothing was written",
                    diags.len(),
                    if diags.len() == 1 { "" } else { "s" }
                )
            }
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            Error::Spec(_) | Error::Other(_) => None,
        }
    }
}
