//! Transfers on the command line: a download written to standard output as it arrives, and
//! the progress of a transfer on standard error (bytes, rate, time left) when it is a
//! terminal, as `ossutil` and `aws s3 cp` show it; nothing in a pipe.

use super::exit::{Exit, Failure};
use crate::body::Progress;
use crate::client::{CallOptions, Client, DynamicOperation};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::{IsTerminal, Write};

/// Transfers smaller than this show no progress.
const SHOWN_FROM: u64 = 1024 * 1024;

/// A progress bar on standard error for a transfer of `total` bytes (unknown: a spinner),
/// when standard error is a terminal and the transfer is not small.
pub(super) fn bar(total: Option<u64>) -> Option<ProgressBar> {
    if !std::io::stderr().is_terminal() || total.is_some_and(|t| t < SHOWN_FROM) {
        return None;
    }
    let bar = match total {
        Some(t) => ProgressBar::with_draw_target(Some(t), ProgressDrawTarget::stderr()),
        None => ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()),
    };
    let style = ProgressStyle::with_template(
        "{bar:30} {bytes}/{total_bytes} {binary_bytes_per_sec} {eta} left",
    )
    .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    Some(bar)
}

/// A runtime progress report that moves `bar`.
pub(super) fn reporter(bar: &ProgressBar) -> Progress {
    let bar = bar.clone();
    Progress::new(move |done, _| bar.set_position(done))
}

/// Calls an operation whose answer is bytes and writes them to `out` as they arrive; a body
/// that breaks off, is short or damaged is an error (exit 3), after what did arrive.
pub(super) fn download(
    client: &Client,
    op: &DynamicOperation,
    options: &CallOptions,
    out: &mut dyn Write,
) -> Result<Exit, Failure> {
    let run = async {
        let mut download = client
            .download_dynamic(op, options)
            .await
            .map_err(Failure::of)?;
        let bar = bar(download.body.expected_len());
        let mut written = 0;
        while let Some(chunk) = download.body.next().await {
            let chunk = chunk.map_err(|e| Failure {
                exit: Exit::Transport,
                message: e.to_string(),
            })?;
            out.write_all(&chunk).map_err(|e| Failure {
                exit: Exit::Transport,
                message: format!("writing the answer: {e}"),
            })?;
            written += chunk.len() as u64;
            if let Some(b) = &bar {
                b.set_position(written);
            }
        }
        let _ = out.flush();
        if let Some(b) = bar {
            b.finish_and_clear();
        }
        Ok(Exit::Success)
    };
    crate::blocking::block_on(run)
        .map_err(|e| Failure::usage(format!("cannot start the async runtime: {e}")))?
}
