//! The background refresher: keeps the admin console's status snapshot fresh by re-checking (user, integration)
//! pairs, never-checked first and then oldest-first, within an upstream budget of calls per second. When the API
//! rate-limits it, it pauses for the Retry-After; when checks keep failing, a circuit breaker pauses it, longer each
//! time, until a check succeeds again. Server only.
//!
//! With several instances on one PostgreSQL database, one of them leads: it holds a session-level advisory lock on
//! a connection of its own for as long as it runs, and only the leader checks, so N instances together stay within
//! `PLUGBOARD_REFRESH_PER_SECOND` and never check the same pair at once. The others try to take the lock every few
//! seconds; when the leader dies its connection closes, PostgreSQL releases the lock and one of them takes over.

use crate::platform::db::Db;
use crate::services::catalog::Catalog;
use crate::services::connections::{Connections, Record, Trouble};
use futures::StreamExt;
use governor::{DefaultDirectRateLimiter, Quota, RateLimiter};
use std::{
    num::NonZeroU32,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

/// How many checks may be in flight at once (each still waits for its turn in the budget).
const IN_FLIGHT: usize = 4;
/// How long to wait when there is nothing to check or the integration list cannot be read.
const IDLE: Duration = Duration::from_secs(5);
/// Failed checks in a row that open the breaker.
const TRIP_AFTER: u32 = 3;
/// The first pause of an open breaker (doubled each time it opens again, up to [`MAX_PAUSE`]).
const FIRST_PAUSE: Duration = Duration::from_secs(5);
const MAX_PAUSE: Duration = Duration::from_secs(300);
/// The advisory lock key of the refresher's leadership ("plugrefr").
const LEADER_LOCK: i64 = 0x706c_7567_7265_6672;
/// How often an instance that does not lead tries to.
const FOLLOWER_RETRY: Duration = Duration::from_secs(3);

/// The pause after a 429 without a Retry-After.
const RATE_LIMITED_PAUSE: Duration = Duration::from_secs(30);

/// Pauses the refresher while the API is failing or has asked us to slow down.
#[derive(Default)]
struct Breaker {
    failures: u32,
    trips: u32,
    paused_until: Option<Instant>,
}

impl Breaker {
    fn record(&mut self, trouble: Option<Trouble>) {
        match trouble {
            None => *self = Breaker::default(),
            Some(Trouble::RateLimited(after)) => {
                let pause = after.unwrap_or(RATE_LIMITED_PAUSE).min(MAX_PAUSE);
                tracing::warn!(pause_secs = pause.as_secs(), "status refresher paused: the API rate-limited it");
                self.pause(pause);
            }
            Some(Trouble::Failing) => {
                self.failures += 1;
                if self.failures >= TRIP_AFTER {
                    let pause = FIRST_PAUSE.saturating_mul(1 << self.trips.min(6)).min(MAX_PAUSE);
                    tracing::warn!(pause_secs = pause.as_secs(), "status refresher paused: checks keep failing");
                    self.trips += 1;
                    self.failures = 0;
                    self.pause(pause);
                }
            }
        }
    }

    fn pause(&mut self, d: Duration) {
        let until = Instant::now() + d;
        self.paused_until = Some(self.paused_until.map_or(until, |u| u.max(until)));
    }
}

#[derive(Clone)]
pub struct Refresher {
    catalog: Catalog,
    connections: Connections,
    db: Db,
    budget: Arc<DefaultDirectRateLimiter>,
    per_second: u32,
    min_age: Duration,
    breaker: Arc<Mutex<Breaker>>,
}

impl Refresher {
    /// `None` when the budget is 0 (refresher off).
    pub fn new(catalog: Catalog, connections: Connections, db: Db, per_second: u32, min_age: Duration) -> Option<Self> {
        let rate = NonZeroU32::new(per_second)?;
        // No burst: calls are spread evenly over each second.
        let quota = Quota::per_second(rate).allow_burst(NonZeroU32::MIN);
        let budget = Arc::new(RateLimiter::direct(quota));
        Some(Refresher { catalog, connections, db, budget, per_second, min_age, breaker: Default::default() })
    }

    /// Runs for ever in the background.
    pub fn spawn(self) -> tokio::task::JoinHandle<()> {
        tracing::info!(per_second = self.per_second, "status refresher started");
        tokio::spawn(async move {
            if !self.db.is_postgres() {
                // SQLite: one instance, which always leads.
                loop {
                    self.round_or_rest().await;
                }
            }
            loop {
                match self.lead().await {
                    Ok(()) => {}
                    Err(e) => tracing::warn!(error = %e, "status refresher: leadership lost"),
                }
                tokio::time::sleep(FOLLOWER_RETRY).await;
            }
        })
    }

    /// Takes the leader lock if it is free and refreshes while the lock's connection lives. Returns when another
    /// instance leads (after trying once) or the connection failed.
    async fn lead(&self) -> Result<(), sqlx::Error> {
        use sqlx::Row;
        // Off the pool for good: dropped, the connection closes and the lock goes with it.
        let mut conn = self.db.pool().acquire().await?.detach();
        let got: bool = sqlx::query("SELECT pg_try_advisory_lock($1)").bind(LEADER_LOCK).fetch_one(&mut conn).await?.try_get(0)?;
        if !got {
            return Ok(());
        }
        tracing::info!("status refresher: this instance leads");
        metrics::gauge!("plugboard_refresher_leader").set(1.0);
        let result = loop {
            if let Err(e) = sqlx::query("SELECT 1").execute(&mut conn).await {
                break Err(e);
            }
            self.round_or_rest().await;
        };
        metrics::gauge!("plugboard_refresher_leader").set(0.0);
        result
    }

    async fn round_or_rest(&self) {
        match self.round().await {
            Ok(0) => tokio::time::sleep(IDLE).await,
            Ok(_) => {}
            Err(e) => {
                tracing::warn!(error = %e, "status refresher round failed");
                tokio::time::sleep(IDLE).await;
            }
        }
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
        metrics::gauge!("plugboard_refresher_backlog").set(n as f64);
        futures::stream::iter(pairs)
            .map(|(user, integration)| async move {
                self.wait_while_paused().await;
                self.budget.until_ready().await;
                let (_, trouble) = self.connections.check_reporting(&user, &integration, Record::Now, crate::domain::ObservedBy::Refresher).await;
                let outcome = if trouble.is_none() { "answered" } else { "no_answer" };
                metrics::counter!("plugboard_refresher_checks_total", "outcome" => outcome).increment(1);
                self.breaker.lock().unwrap_or_else(|p| p.into_inner()).record(trouble);
            })
            .buffered(IN_FLIGHT)
            .collect::<Vec<()>>()
            .await;
        Ok(n)
    }

    /// Sleeps while the breaker is open.
    async fn wait_while_paused(&self) {
        loop {
            let until = self.breaker.lock().unwrap_or_else(|p| p.into_inner()).paused_until;
            match until {
                Some(u) if u > Instant::now() => tokio::time::sleep_until(u.into()).await,
                _ => return,
            }
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum RefreshError {
    #[error("the integration list could not be read")]
    List,
    #[error(transparent)]
    Db(#[from] crate::platform::db::DbError),
}
