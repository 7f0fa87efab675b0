//! Caching of temporary credentials: they are fetched again once stale (15 minutes before
//! `Expiration`, as Alibaba's libraries do); concurrent callers share one fetch; a failed
//! fetch while the cached credentials still work keeps using them.

use crate::credentials::Credentials;
use crate::error::ConfigError;
use std::future::Future;
use std::sync::Mutex;

/// How long before expiry credentials count as stale.
pub(crate) const STALE_BEFORE_EXPIRY_SECS: u64 = 15 * 60;

#[derive(Debug, Default)]
pub(crate) struct Cache {
    current: Mutex<Option<Credentials>>,
    refresh: tokio::sync::Mutex<()>,
}

impl Cache {
    fn fresh(&self, now: u64) -> Option<Credentials> {
        let current = self.current.lock().unwrap_or_else(|e| e.into_inner());
        current
            .as_ref()
            .filter(|c| {
                c.expiration()
                    .is_none_or(|e| e.saturating_sub(STALE_BEFORE_EXPIRY_SECS) > now)
            })
            .cloned()
    }

    /// Cached credentials while fresh; otherwise the result of one `fetch` shared by every
    /// caller waiting meanwhile.
    pub(crate) async fn get<F, Fut>(&self, fetch: F) -> Result<Credentials, ConfigError>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<Credentials, ConfigError>>,
    {
        if let Some(c) = self.fresh(crate::time::now_secs()) {
            return Ok(c);
        }
        let _refreshing = self.refresh.lock().await;
        // Another caller may have refreshed while this one waited.
        if let Some(c) = self.fresh(crate::time::now_secs()) {
            return Ok(c);
        }
        match fetch().await {
            Ok(c) => {
                *self.current.lock().unwrap_or_else(|e| e.into_inner()) = Some(c.clone());
                Ok(c)
            }
            Err(e) => {
                let still_valid = self
                    .current
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .clone()
                    .filter(|c| !c.is_expired_at(crate::time::now_secs()));
                match still_valid {
                    Some(c) => {
                        tracing::warn!(error = %e, "refreshing credentials failed; the cached ones are still valid");
                        Ok(c)
                    }
                    None => Err(e),
                }
            }
        }
    }
}
