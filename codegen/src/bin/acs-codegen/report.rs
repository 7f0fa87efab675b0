//! How the command line reports: warnings, errors and their exit codes, counts, shell words.

use std::process::ExitCode;

pub(crate) fn print_warnings(warnings: &[acs_codegen::Diagnostic]) {
    for w in warnings {
        eprintln!("{}", w.report());
    }
    if !warnings.is_empty() {
        eprintln!(
            "{} warning{} (allow or deny them with --allow/--deny LINT; `acs-codegen lints` lists them)",
            warnings.len(),
            if warnings.len() == 1 { "" } else { "s" }
        );
    }
}

pub(crate) fn fail(e: acs_codegen::Error) -> ExitCode {
    eprintln!("{e}");
    if e.diagnostics().is_empty() {
        ExitCode::from(2)
    } else {
        ExitCode::from(1)
    }
}

/// A count of things, as a sentence says it (`1 file`, `3 specs`).
pub(crate) fn count(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

/// An argument as a POSIX shell reads it back.
pub(crate) fn shell_word(arg: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "-_./=:,+@%".contains(c);
    if !arg.is_empty() && arg.chars().all(plain) {
        arg.to_string()
    } else {
        format!("'{}'", arg.replace('\'', r"'\''"))
    }
}
