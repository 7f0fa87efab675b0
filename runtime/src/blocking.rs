//! A blocking facade for callers without an async runtime (feature `blocking`).
//!
//! ```no_run
//! # async fn call() -> Result<(), std::io::Error> { Ok(()) }
//! let result = acs_runtime::blocking::block_on(call())?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::future::Future;

/// Runs a future (a generated client call) to completion on a private single-threaded
/// runtime. Must not be called from inside an async runtime.
pub fn block_on<F: Future>(future: F) -> Result<F::Output, std::io::Error> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    Ok(runtime.block_on(future))
}
