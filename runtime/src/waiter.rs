//! Waiters: call an operation again and again until its output says what you wait for.
//!
//! Nothing is generated per operation: [`wait_until`] takes the call (a closure making the
//! future, so each attempt is a normal call with its own retries) and a predicate on the
//! output. It waits between attempts with exponential backoff and jitter, gives up after
//! [`WaitPolicy::max_wait`] with a [`WaitError::Timeout`] carrying the last output, and ends
//! at once on an error whose code is in [`WaitPolicy::stop_on`] (or a configuration
//! error). Other errors (throttling, a resource not visible yet) are waited through.
//!
//! ```no_run
//! # async fn example() -> Result<(), Box<dyn std::error::Error>> {
//! use acs_runtime::waiter::{wait_until, WaitPolicy};
//! use std::time::Duration;
//! # async fn describe() -> Result<String, acs_runtime::SdkError<acs_runtime::decode::UntypedError>> { Ok("Running".into()) }
//! let policy = WaitPolicy::new(Duration::from_secs(300)).stop_on(["InvalidInstanceId.NotFound"]);
//! // `describe()` stands for a generated call: `client.describe_instance_status(request.clone())`.
//! let status = wait_until(&policy, || describe(), |s| s == "Running").await?;
//! # Ok(())
//! # }
//! ```

use crate::error::{SdkError, ServiceError};
use std::fmt;
use std::future::Future;
use std::time::{Duration, Instant};

/// How long and how often a waiter calls.
#[derive(Clone, Debug)]
pub struct WaitPolicy {
    /// Give up after this long (the last call may end a little later).
    pub max_wait: Duration,
    /// The pause after the first attempt; it doubles after each one, up to `max_delay`.
    pub initial_delay: Duration,
    /// The longest delay between two calls.
    pub max_delay: Duration,
    /// Error codes that end the wait at once (`InvalidInstanceId.NotFound`).
    pub stop_on: Vec<String>,
}

impl Default for WaitPolicy {
    /// Ten minutes, pauses from 2 s up to 30 s, no stopping codes.
    fn default() -> Self {
        Self {
            max_wait: Duration::from_secs(600),
            initial_delay: Duration::from_secs(2),
            max_delay: Duration::from_secs(30),
            stop_on: Vec::new(),
        }
    }
}

impl WaitPolicy {
    /// The default policy with another maximum wait.
    pub fn new(max_wait: Duration) -> Self {
        Self {
            max_wait,
            ..Self::default()
        }
    }

    /// Pauses from `initial` up to `max` between attempts.
    pub fn delays(mut self, initial: Duration, max: Duration) -> Self {
        self.initial_delay = initial;
        self.max_delay = max.max(initial);
        self
    }

    /// Ends the wait at once on an error with one of these codes.
    pub fn stop_on<I: IntoIterator<Item = S>, S: Into<String>>(mut self, codes: I) -> Self {
        self.stop_on.extend(codes.into_iter().map(Into::into));
        self
    }

    /// The pause after attempt `n` (0-based): `initial × 2ⁿ`, at most `max_delay`, with
    /// jitter (a random half to all of it), so that many waiters do not call in step.
    fn delay(&self, n: u32) -> Duration {
        let full = self
            .initial_delay
            .saturating_mul(2u32.saturating_pow(n.min(20)))
            .min(self.max_delay);
        let half = full / 2;
        half + half.mul_f64(fastrand::f64())
    }
}

/// Why a wait ended without what was waited for.
pub enum WaitError<O, E> {
    /// `max_wait` passed: the last output (if a call succeeded) and the last error (if the
    /// last call failed).
    Timeout {
        /// How long it waited.
        waited: Duration,
        /// How many calls it made.
        attempts: u32,
        /// The last successful call's output.
        last_output: Option<O>,
        /// The last call's error, if it failed.
        last_error: Option<SdkError<E>>,
    },
    /// A call failed with a code of [`WaitPolicy::stop_on`], or the client is misconfigured.
    Failed(SdkError<E>),
}

impl<O, E: ServiceError> fmt::Debug for WaitError<O, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WaitError::Timeout {
                waited,
                attempts,
                last_output,
                last_error,
            } => f
                .debug_struct("Timeout")
                .field("waited", waited)
                .field("attempts", attempts)
                .field("has_last_output", &last_output.is_some())
                .field("last_error", &last_error.as_ref().map(|e| e.to_string()))
                .finish(),
            WaitError::Failed(e) => f.debug_tuple("Failed").field(&e.to_string()).finish(),
        }
    }
}

impl<O, E: ServiceError> fmt::Display for WaitError<O, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WaitError::Timeout {
                waited, attempts, ..
            } => write!(
                f,
                "gave up waiting after {:.1} s ({attempts} calls)",
                waited.as_secs_f64()
            ),
            WaitError::Failed(e) => write!(f, "the wait failed: {e}"),
        }
    }
}

impl<O, E: ServiceError + 'static> std::error::Error for WaitError<O, E> {}

/// Calls `call()` until `done` holds for its output, as `policy` says; returns that output.
pub async fn wait_until<O, E, F, Fut, P>(
    policy: &WaitPolicy,
    mut call: F,
    mut done: P,
) -> Result<O, WaitError<O, E>>
where
    E: ServiceError,
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<O, SdkError<E>>>,
    P: FnMut(&O) -> bool,
{
    let started = Instant::now();
    let mut last_output = None;
    let mut attempts = 0u32;
    loop {
        attempts += 1;
        let last_error = match call().await {
            Ok(output) if done(&output) => return Ok(output),
            Ok(output) => {
                last_output = Some(output);
                None
            }
            Err(e) => {
                let stop = matches!(e, SdkError::Config(_))
                    || e.code()
                        .is_some_and(|c| policy.stop_on.iter().any(|s| s == c));
                if stop {
                    return Err(WaitError::Failed(e));
                }
                Some(e)
            }
        };
        let waited = started.elapsed();
        let Some(left) = policy.max_wait.checked_sub(waited).filter(|l| !l.is_zero()) else {
            return Err(WaitError::Timeout {
                waited,
                attempts,
                last_output,
                last_error,
            });
        };
        tokio::time::sleep(policy.delay(attempts - 1).min(left)).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::UntypedError;
    use std::sync::atomic::{AtomicU32, Ordering};

    fn block<F: Future>(f: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .unwrap()
            .block_on(f)
    }

    fn fast(max_wait: Duration) -> WaitPolicy {
        WaitPolicy::new(max_wait).delays(Duration::from_millis(1), Duration::from_millis(4))
    }

    fn service_error(code: &str) -> SdkError<UntypedError> {
        crate::decode::decode_parts::<serde_json::Value, UntypedError>(
            400,
            &[],
            format!(r#"{{"Code":"{code}","Message":"m","RequestId":"r"}}"#).as_bytes(),
            None,
        )
        .unwrap_err()
    }

    #[test]
    fn a_waiter_polls_until_the_state_is_reached_through_errors() {
        let calls = AtomicU32::new(0);
        let out = block(wait_until(
            &fast(Duration::from_secs(5)),
            || async {
                match calls.fetch_add(1, Ordering::SeqCst) {
                    0 => Err(service_error("Throttling.User")),
                    1 => Ok("Starting"),
                    _ => Ok("Running"),
                }
            },
            |s| *s == "Running",
        ))
        .unwrap();
        assert_eq!(out, "Running");
        assert_eq!(calls.load(Ordering::SeqCst), 3);
    }

    #[test]
    fn a_waiter_times_out_with_the_last_output_and_stops_on_chosen_codes() {
        let started = Instant::now();
        let e = block(wait_until(
            &fast(Duration::from_millis(50)),
            || async { Ok::<_, SdkError<UntypedError>>("Starting") },
            |s| *s == "Running",
        ))
        .unwrap_err();
        assert!(started.elapsed() < Duration::from_secs(2));
        match &e {
            WaitError::Timeout {
                last_output,
                attempts,
                ..
            } => {
                assert_eq!(*last_output, Some("Starting"));
                assert!(*attempts > 1, "{attempts}");
            }
            other => panic!("{other:?}"),
        }
        assert!(e.to_string().starts_with("gave up waiting after"));
        let calls = AtomicU32::new(0);
        let e = block(wait_until(
            &fast(Duration::from_secs(5)).stop_on(["InvalidInstanceId.NotFound"]),
            || async {
                calls.fetch_add(1, Ordering::SeqCst);
                Err::<&str, _>(service_error("InvalidInstanceId.NotFound"))
            },
            |_| true,
        ))
        .unwrap_err();
        assert!(matches!(e, WaitError::Failed(_)), "{e:?}");
        assert_eq!(calls.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn delays_double_with_jitter_up_to_the_maximum() {
        let p = WaitPolicy::default().delays(Duration::from_secs(2), Duration::from_secs(30));
        for _ in 0..50 {
            let (d0, d3, d9) = (p.delay(0), p.delay(3), p.delay(9));
            assert!(
                d0 >= Duration::from_secs(1) && d0 <= Duration::from_secs(2),
                "{d0:?}"
            );
            assert!(
                d3 >= Duration::from_secs(8) && d3 <= Duration::from_secs(16),
                "{d3:?}"
            );
            assert!(
                d9 >= Duration::from_secs(15) && d9 <= Duration::from_secs(30),
                "{d9:?}"
            );
        }
    }
}
