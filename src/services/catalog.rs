//! The active integrations, as the API lists them: sorted by name, cached briefly, concurrent refreshes coalesced
//! into one upstream call, and the last good list served for a bounded time while the API fails. Used by the
//! portal, the console, the host API and the refresher.

use crate::domain::{CustomerIntegrationId, Integration};
use crate::upstream::{ToolRegistry, UpstreamError};
use std::{
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

#[derive(Clone)]
pub struct Catalog {
    api: ToolRegistry,
    list: moka::future::Cache<(), Arc<Vec<Integration>>>,
    last_good: Arc<Mutex<Option<(Instant, Arc<Vec<Integration>>)>>>,
    /// When the list last failed (not for our key): for a short while after, the last good list is served without
    /// asking again.
    last_failure: Arc<Mutex<Option<Instant>>>,
    stale_for: Duration,
}

/// After a failed list call, how long the last good list is served before the API is asked again.
const RETRY_AFTER_FAILURE: Duration = Duration::from_secs(5);

/// The list, and whether it is the last good one served while the API fails.
#[derive(Clone, Debug)]
pub struct Listing {
    pub integrations: Arc<Vec<Integration>>,
    pub stale: bool,
}

impl Catalog {
    pub fn new(api: ToolRegistry, ttl: Duration, stale_for: Duration) -> Self {
        let list = moka::future::Cache::builder().max_capacity(1).time_to_live(ttl).build();
        Catalog { api, list, last_good: Default::default(), last_failure: Default::default(), stale_for }
    }

    /// The active integrations, sorted by name; while the API fails, the last good list for a bounded time.
    pub async fn listing(&self) -> Result<Listing, Arc<UpstreamError>> {
        let failed_recently = self
            .last_failure
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .is_some_and(|at| at.elapsed() < RETRY_AFTER_FAILURE);
        if failed_recently && self.list.get(&()).await.is_none() {
            if let Some(stale) = self.stale() {
                return Ok(stale);
            }
        }
        let fresh = self
            .list
            .try_get_with((), async {
                let mut list = self.api.list_integrations(Some(true)).await?;
                list.retain(|i| i.active);
                list.sort_by_cached_key(|i| i.name.to_lowercase());
                Ok::<_, UpstreamError>(Arc::new(list))
            })
            .await;
        let mut last = self.last_good.lock().unwrap_or_else(|p| p.into_inner());
        match fresh {
            Ok(list) => {
                *self.last_failure.lock().unwrap_or_else(|p| p.into_inner()) = None;
                if !last.as_ref().is_some_and(|(_, known)| Arc::ptr_eq(known, &list)) {
                    *last = Some((Instant::now(), list.clone()));
                }
                Ok(Listing { integrations: list, stale: false })
            }
            Err(e) => {
                let unauthorized = matches!(*e, UpstreamError::Unauthorized);
                *self.last_failure.lock().unwrap_or_else(|p| p.into_inner()) = (!unauthorized).then(Instant::now);
                match last.as_ref() {
                    Some((at, list)) if at.elapsed() <= self.stale_for && !matches!(*e, UpstreamError::Unauthorized) => {
                        tracing::warn!(error = %e, "listing integrations failed; serving the last good list for a while");
                        Ok(Listing { integrations: list.clone(), stale: true })
                    }
                    _ => Err(e),
                }
            }
        }
    }

    /// The last good list, while it is recent enough.
    fn stale(&self) -> Option<Listing> {
        let last = self.last_good.lock().unwrap_or_else(|p| p.into_inner());
        let (at, list) = last.as_ref()?;
        (at.elapsed() <= self.stale_for).then(|| Listing { integrations: list.clone(), stale: true })
    }

    /// The active integrations (possibly the last good list, see [`Catalog::listing`]).
    pub async fn integrations(&self) -> Result<Arc<Vec<Integration>>, Arc<UpstreamError>> {
        self.listing().await.map(|l| l.integrations)
    }

    /// One active integration, if the list can be read and has it.
    pub async fn integration(&self, id: &CustomerIntegrationId) -> Option<Integration> {
        self.integrations().await.ok()?.iter().find(|i| &i.customer_integration_id == id).cloned()
    }

    /// The active integrations' ids and names (the console's columns).
    pub async fn columns(&self) -> Result<Vec<(CustomerIntegrationId, String)>, Arc<UpstreamError>> {
        Ok(self.integrations().await?.iter().map(|i| (i.customer_integration_id.clone(), i.name.clone())).collect())
    }

    pub fn invalidate(&self) {
        self.list.invalidate_all();
    }
}
