//! Located reports: every problem the generator finds in a spec names the file, the line
//! and column, and the spec path (`paths./#Action=X.post.parameters[2].schema`) it concerns.
//!
//! A problem is an **error** when going on would make wrong or uncompilable code; nothing is
//! written then. Anything else (missing documentation, an example that does not fit its
//! schema, spec content the generator drops) is a **warning** under a named [`Lint`], whose
//! [`Level`] the caller sets: `allow` hides it, `warn` (the default) prints it and goes on,
//! `deny` turns it into an error.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// How serious a reported problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Going on would generate wrong or uncompilable code.
    Error,
    /// The spec is under-documented or carries something the generator drops.
    Warning,
}

/// Named warnings, each settable to allow, warn or deny.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Lint {
    /// An operation without a `summary`.
    MissingSummary,
    /// A parameter, form field or error row without its description or message.
    MissingDescription,
    /// An operation without `x-acs-error-codes`.
    MissingErrorCodes,
    /// An example (success body, parameter) that does not fit its schema.
    ExampleMismatch,
    /// A key the generator does not know; it is ignored.
    UnknownKey,
    /// Spec content the generator accepts but drops (response headers, non-200 responses,
    /// header parameters).
    Dropped,
    /// Something an importer had to guess or repair in the source metadata.
    ImportRepaired,
}

impl Lint {
    /// Every lint, in a stable order.
    pub const ALL: &'static [Lint] = &[
        Lint::MissingSummary,
        Lint::MissingDescription,
        Lint::MissingErrorCodes,
        Lint::ExampleMismatch,
        Lint::UnknownKey,
        Lint::Dropped,
        Lint::ImportRepaired,
    ];

    /// The lint's name on the command line and in reports (`missing-summary`).
    pub fn name(self) -> &'static str {
        match self {
            Lint::MissingSummary => "missing-summary",
            Lint::MissingDescription => "missing-description",
            Lint::MissingErrorCodes => "missing-error-codes",
            Lint::ExampleMismatch => "example-mismatch",
            Lint::UnknownKey => "unknown-key",
            Lint::Dropped => "dropped",
            Lint::ImportRepaired => "import-repaired",
        }
    }

    /// What the lint reports, one line.
    pub fn description(self) -> &'static str {
        match self {
            Lint::MissingSummary => "an operation has no `summary`",
            Lint::MissingDescription => {
                "a parameter, form field or error row has no description or message"
            }
            Lint::MissingErrorCodes => "an operation has no `x-acs-error-codes` table",
            Lint::ExampleMismatch => "an example does not fit its schema",
            Lint::UnknownKey => "a key the generator does not know is ignored",
            Lint::Dropped => "spec content the generator does not model is dropped",
            Lint::ImportRepaired => "`import` repaired or guessed something in the metadata",
        }
    }

    /// The lint named `name`.
    pub fn from_name(name: &str) -> Option<Lint> {
        Lint::ALL.iter().copied().find(|l| l.name() == name)
    }
}

impl fmt::Display for Lint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What to do with a lint's warnings.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// Say nothing.
    Allow,
    /// Print the warning and go on (the default).
    #[default]
    Warn,
    /// Treat the warning as an error: nothing is written.
    Deny,
}

impl Level {
    /// The level named `allow`, `warn` or `deny` (the CLI's spelling).
    pub fn from_name(name: &str) -> Option<Level> {
        match name {
            "allow" => Some(Level::Allow),
            "warn" => Some(Level::Warn),
            "deny" => Some(Level::Deny),
            _ => None,
        }
    }
}

/// The level of every lint: `warn` unless set.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Lints {
    all: Option<Level>,
    levels: BTreeMap<Lint, Level>,
}

/// Name of the group that sets every lint at once (`--deny warnings`).
pub const ALL_LINTS: &str = "warnings";

impl Lints {
    /// Sets one lint's level; a later setting wins.
    pub fn set(&mut self, lint: Lint, level: Level) -> &mut Self {
        self.levels.insert(lint, level);
        self
    }

    /// Sets every lint's level, overriding earlier settings of single lints.
    pub fn set_all(&mut self, level: Level) -> &mut Self {
        self.all = Some(level);
        self.levels.clear();
        self
    }

    /// Sets a lint, or every lint with `warnings`, by name; an unknown name is an error
    /// listing the known ones.
    pub fn set_by_name(&mut self, name: &str, level: Level) -> Result<&mut Self, String> {
        if name == ALL_LINTS {
            return Ok(self.set_all(level));
        }
        match Lint::from_name(name) {
            Some(lint) => Ok(self.set(lint, level)),
            None => Err(format!(
                "unknown lint `{name}`; known: {ALL_LINTS}, {}",
                Lint::ALL
                    .iter()
                    .map(|l| l.name())
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
    }

    /// The level of `lint`.
    pub fn level(&self, lint: Lint) -> Level {
        self.levels
            .get(&lint)
            .copied()
            .or(self.all)
            .unwrap_or_default()
    }

    /// Applies the levels: allowed warnings go, denied ones become errors. Returns the
    /// errors and the remaining warnings, each sorted and without repeats.
    pub fn apply(&self, diagnostics: Vec<Diagnostic>) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
        let (mut errors, mut warnings) = (Vec::new(), Vec::new());
        for mut d in diagnostics {
            match d.lint.map(|l| self.level(l)) {
                None => errors.push(d),
                Some(Level::Allow) => {}
                Some(Level::Warn) => warnings.push(d),
                Some(Level::Deny) => {
                    d.severity = Severity::Error;
                    errors.push(d);
                }
            }
        }
        for list in [&mut errors, &mut warnings] {
            list.sort();
            list.dedup();
        }
        (errors, warnings)
    }
}

/// One problem in one spec file.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// The spec file, as it was given to the generator.
    pub file: PathBuf,
    /// 1-based line of the offending node (or of its nearest located ancestor); 0 when the
    /// path alone locates it.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// Dotted spec path of the offending node; empty for the whole document.
    pub path: String,
    /// What is wrong, in one sentence.
    pub message: String,
    /// Error, or warning.
    pub severity: Severity,
    /// The lint a warning belongs to (also kept when a denied lint made it an error); `None`
    /// for errors proper.
    pub lint: Option<Lint>,
}

impl Diagnostic {
    /// A warning's or error's one-line report: `warning: file:line:col: path: message
    /// [lint]`.
    pub fn report(&self) -> String {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        match self.lint {
            Some(l) => format!("{label}: {self} [{l}]"),
            None => format!("{label}: {self}"),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Line 0: located by path alone (a JSON pointer into imported metadata).
        if self.line == 0 {
            write!(f, "{}: ", self.file.display())?;
        } else {
            write!(f, "{}:{}:{}: ", self.file.display(), self.line, self.column)?;
        }
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
    /// A render job panicked (a poisoned lock): the one internal error of the parallel steps.
    pub(crate) fn job_panicked() -> Self {
        Error::Other("internal error: a render job panicked".into())
    }

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
                    f.write_str(&d.report())?;
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

/// The candidate a typo away from `word` (case aside), for a "did you mean": at most two
/// edits, and fewer than half the word's length; the nearest, then the first alphabetically.
pub(crate) fn closest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let word = word.to_ascii_lowercase();
    candidates
        .into_iter()
        .map(|c| (edit_distance(&word, &c.to_ascii_lowercase()), c))
        .filter(|(d, _)| *d <= 2 && *d < word.len() / 2 + 1)
        .min()
        .map(|(_, c)| c)
}

/// Levenshtein distance, in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}
