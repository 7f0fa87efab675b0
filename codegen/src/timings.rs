//! Where a run spends its time, on stderr when `ACS_CODEGEN_TIMINGS` is set (for profiling
//! large specs; docs/benchmarks.md reads them). Costs nothing otherwise.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

/// Whether `ACS_CODEGEN_TIMINGS` asks for the time of each phase on stderr.
pub(crate) fn enabled() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("ACS_CODEGEN_TIMINGS").is_some())
}

/// Wall time of consecutive phases: each [`mark`](Self::mark) prints the time since the
/// previous one.
pub(crate) struct Timer(Option<std::cell::Cell<Instant>>);

impl Timer {
    pub(crate) fn new() -> Self {
        Timer(enabled().then(|| std::cell::Cell::new(Instant::now())))
    }

    pub(crate) fn mark(&self, phase: &str) {
        if let Some(start) = &self.0 {
            let now = Instant::now();
            eprintln!(
                "acs-codegen: {phase}: {:.1} ms",
                (now - start.get()).as_secs_f64() * 1000.0
            );
            start.set(now);
        }
    }
}

impl Default for Timer {
    fn default() -> Self {
        Self::new()
    }
}

/// CPU time spent in one kind of work, summed over the threads doing it.
#[derive(Debug, Default)]
pub(crate) struct CpuTime(AtomicU64);

impl CpuTime {
    pub(crate) const fn new() -> Self {
        CpuTime(AtomicU64::new(0))
    }

    /// Runs `work`, adding its time when timings are on.
    pub(crate) fn count<R>(&self, work: impl FnOnce() -> R) -> R {
        let start = enabled().then(Instant::now);
        let result = work();
        if let Some(start) = start {
            let nanos = u64::try_from(start.elapsed().as_nanos()).unwrap_or(u64::MAX);
            self.0.fetch_add(nanos, Ordering::Relaxed);
        }
        result
    }

    /// The time counted so far, in milliseconds.
    pub(crate) fn millis(&self) -> f64 {
        self.0.load(Ordering::Relaxed) as f64 / 1e6
    }
}
