//! The background refresher: keeps the admin console's status snapshot fresh by re-checking (user, integration)
//! pairs, never-checked first and then oldest-first, within an upstream budget of calls per second. Server only.

use crate::platform::db::Db;
use crate::services::catalog::Catalog;
use crate::services::connections::{Connections, Record};
use futures::StreamExt;
use governor::{DefaultDirectRateLimiter, Quota, RateLimiter};
use std::{num::NonZeroU32, sync::Arc, time::Duration};

/// How many checks may be in flight at once (each still waits for its turn in the budget).
const IN_FLIGHT: usize = 4;
/// How long to wait when there is nothing to check or the integration list cannot be read.
const IDLE: Duration = Duration::from_secs(5);

#[derive(Clone)]
pub struct Refresher {
    catalog: Catalog,
    connections: Connections,
    db: Db,
    budget: Arc<DefaultDirectRateLimiter>,
    per_second: u32,
    min_age: Duration,
}

impl Refresher {
    /// `None` when the budget is 0 (refresher off).
    pub fn new(catalog: Catalog, connections: Connections, db: Db, per_second: u32, min_age: Duration) -> Option<Self> {
        let rate = NonZeroU32::new(per_second)?;
        // No burst: calls are spread evenly over each second.
        let quota = Quota::per_second(rate).allow_burst(NonZeroU32::MIN);
        Some(Refresher { catalog, connections, db, budget: Arc::new(RateLimiter::direct(quota)), per_second, min_age })
    }

    /// Runs for ever in the background.
    pub fn spawn(self) -> tokio::task::JoinHandle<()> {
        tracing::info!(per_second = self.per_second, "status refresher started");
        tokio::spawn(async move {
            loop {
                match self.round().await {
                    Ok(0) => tokio::time::sleep(IDLE).await,
                    Ok(_) => {}
                    Err(e) => {
                        tracing::warn!(error = %e, "status refresher round failed");
                        tokio::time::sleep(IDLE).await;
                    }
                }
            }
        })
    }

    /// One round: picks the next pairs and checks them, each waiting for the budget. Returns how many were checked.
    pub async fn round(&self) -> Result<usize, RefreshError> {
        let list = self.catalog.integrations().await.map_err(|_| RefreshError::List)?;
        let ids: Vec<_> = list.iter().map(|i| i.customer_integration_id.clone()).collect();
        // About ten seconds of budget per round, so new users and fresh callbacks are seen soon.
        let batch = (i64::from(self.per_second) * 10).clamp(10, 1000);
        let mut pairs = self.db.unchecked_pairs(&ids, batch).await?;
        if (pairs.len() as i64) < batch {
            let before = chrono::Utc::now() - chrono::Duration::from_std(self.min_age).unwrap_or_default();
            pairs.extend(self.db.oldest_pairs(&ids, before, batch - pairs.len() as i64).await?);
        }
        let n = pairs.len();
        futures::stream::iter(pairs)
            .map(|(user, integration)| async move {
                self.budget.until_ready().await;
                self.connections.check(&user, &integration, Record::Now).await;
            })
            .buffered(IN_FLIGHT)
            .collect::<Vec<()>>()
            .await;
        Ok(n)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum RefreshError {
    #[error("the integration list could not be read")]
    List,
    #[error(transparent)]
    Db(#[from] crate::platform::db::DbError),
}
