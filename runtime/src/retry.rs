//! The retry policy: a few attempts with exponential backoff and full jitter, capped.

use std::time::Duration;

/// When and how long to wait before trying again.
///
/// What is retried is decided by the client: throttling and connection failures always (the
/// request was not executed), server errors, timeouts, broken connections and codes the spec
/// marks retryable only for idempotent operations or ones carrying an idempotency token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included; 1 disables retries.
    pub max_attempts: u32,
    /// Backoff ceiling of the first retry; it doubles with each attempt.
    pub base_delay: Duration,
    /// Largest backoff ceiling.
    pub max_delay: Duration,
    /// Largest wait honoured from `x-acs-retry-after`.
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            base_delay: Duration::from_millis(200),
            max_delay: Duration::from_secs(5),
            max_retry_after: Duration::from_secs(20),
        }
    }
}

impl RetryPolicy {
    /// No retries.
    pub fn disabled() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..Default::default()
        }
    }

    /// The wait after failed attempt number `attempt` (1-based): the server's
    /// `x-acs-retry-after` when it sent one (capped), else a random duration between zero
    /// and the exponential ceiling (full jitter).
    pub fn delay(&self, attempt: u32, retry_after: Option<Duration>) -> Duration {
        if let Some(wait) = retry_after {
            return wait.min(self.max_retry_after);
        }
        let exp = attempt.saturating_sub(1).min(20);
        let ceiling = self
            .base_delay
            .saturating_mul(1u32 << exp)
            .min(self.max_delay);
        let millis = ceiling.as_millis() as u64;
        Duration::from_millis(if millis == 0 {
            0
        } else {
            fastrand::u64(0..=millis)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_is_capped_and_honours_retry_after() {
        let p = RetryPolicy::default();
        for attempt in 1..40 {
            assert!(p.delay(attempt, None) <= p.max_delay);
        }
        assert!(p.delay(1, None) <= Duration::from_millis(200));
        assert_eq!(
            p.delay(1, Some(Duration::from_millis(1500))),
            Duration::from_millis(1500)
        );
        assert_eq!(
            p.delay(1, Some(Duration::from_secs(3600))),
            p.max_retry_after
        );
    }
}
