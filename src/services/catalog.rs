//! The active integrations, as the API lists them: sorted by name, cached briefly, and concurrent refreshes
//! coalesced into one upstream call. Used by the portal, the console, the host API and the refresher.

use crate::domain::{CustomerIntegrationId, Integration};
use crate::upstream::{ToolRegistry, UpstreamError};
use std::{sync::Arc, time::Duration};

#[derive(Clone)]
pub struct Catalog {
    api: ToolRegistry,
    list: moka::future::Cache<(), Arc<Vec<Integration>>>,
}

impl Catalog {
    pub fn new(api: ToolRegistry, ttl: Duration) -> Self {
        let list = moka::future::Cache::builder().max_capacity(1).time_to_live(ttl).build();
        Catalog { api, list }
    }

    /// The active integrations, sorted by name.
    pub async fn integrations(&self) -> Result<Arc<Vec<Integration>>, Arc<UpstreamError>> {
        self.list
            .try_get_with((), async {
                let mut list = self.api.list_integrations(Some(true)).await?;
                list.retain(|i| i.active);
                list.sort_by_cached_key(|i| i.name.to_lowercase());
                Ok::<_, UpstreamError>(Arc::new(list))
            })
            .await
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
