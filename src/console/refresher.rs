//! The background refresher: keeps the admin console's status snapshot fresh by re-checking (user, integration)
//! pairs within an upstream budget of calls per second, where changes matter: connected pairs (the only ones that
//! can be lost) get 80% of each round, oldest first; never-checked pairs, then the other pairs oldest first, get the
//! rest (and whatever the connected ones leave), so neither group starves. When the API rate-limits it, it pauses
//! for the Retry-After; when checks keep failing, a circuit breaker pauses it, longer each time, until a check
//! succeeds again. Server only.
//!
//! With several instances on one database, one of them leads: it holds a lease in the database
//! ([`crate::services::leases`]) that it renews while it works and checks before every upstream call, so N instances
//! together stay within `PLUGBOARD_REFRESH_PER_SECOND` and never check the same pair at once. The others try to take
//! the lease every few seconds; a leader that stalls stops renewing, another takes over once the lease expires (within
//! about 20 s), and the stalled one, resumed, finds it lost the lease before it calls again.

use crate::platform::db::Db;
use crate::services::catalog::Catalog;
use crate::services::connections::{Connections, Record, Trouble};
use crate::services::leases::Lease;
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
/// How long the leadership lease lasts unrenewed (renewed every third of it while the leader works).
const LEASE_TTL: Duration = Duration::from_secs(15);
/// How often an instance that does not lead tries to.
const FOLLOWER_RETRY: Duration = Duration::from_secs(5);
/// The share of each round for connected pairs, in percent.
pub const CONNECTED_SHARE: i64 = 80;

/// How long a full pass over `connected` pairs takes at `per_second` calls per second (never less often than
/// `min_age` allows), in seconds; None when there are none.
pub fn connected_pass(connected: i64, per_second: u32, min_age: Duration) -> Option<u64> {
    if connected <= 0 || per_second == 0 {
        return None;
    }
    let secs = connected as f64 / (f64::from(per_second) * CONNECTED_SHARE as f64 / 100.0);
    Some((secs.ceil() as u64).max(min_age.as_secs()))
}

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
    lease: Lease,
}

impl Refresher {
    /// `None` when the budget is 0 (refresher off).
    pub fn new(catalog: Catalog, connections: Connections, db: Db, per_second: u32, min_age: Duration) -> Option<Self> {
        let rate = NonZeroU32::new(per_second)?;
        // No burst: calls are spread evenly over each second.
        let quota = Quota::per_second(rate).allow_burst(NonZeroU32::MIN);
        let budget = Arc::new(RateLimiter::direct(quota));
        let lease = Lease::new(db.clone(), "refresher", LEASE_TTL);
        Some(Refresher { catalog, connections, db, budget, per_second, min_age, breaker: Default::default(), lease })
    }

    /// Runs for ever in the background: leads while it holds the lease, otherwise tries to take it now and then.
    pub fn spawn(self) -> tokio::task::JoinHandle<()> {
        tracing::info!(per_second = self.per_second, "status refresher started");
        tokio::spawn(async move {
            let mut leading = false;
            loop {
                let leads = match self.lease.acquire().await {
                    Ok(held) => held,
                    Err(e) => {
                        tracing::warn!(error = %e, "status refresher: the lease could not be read");
                        false
                    }
                };
                if leads != leading {
                    leading = leads;
                    metrics::gauge!("plugboard_refresher_leader").set(if leads { 1.0 } else { 0.0 });
                    tracing::info!(leads, "status refresher: leadership changed");
                }
                if leads {
                    // The lease is renewed on its own timer while this instance leads, pauses included (a 429's
                    // Retry-After or the breaker's pause may last minutes); losing it ends the round.
                    let renew = async {
                        loop {
                            tokio::time::sleep(LEASE_TTL / 3).await;
                            if !self.lease.acquire().await.unwrap_or(false) {
                                return;
                            }
                        }
                    };
                    tokio::select! {
                        () = self.round_or_rest() => {}
                        () = renew => tracing::warn!("status refresher: the lease was lost during a round"),
                    }
                } else {
                    tokio::time::sleep(FOLLOWER_RETRY).await;
                }
            }
        })
    }

    /// Gives the leadership up at once (shutdown), so another instance takes over without waiting for the lease.
    pub async fn step_down(&self) {
        self.lease.release().await;
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
        let before = chrono::Utc::now() - chrono::Duration::from_std(self.min_age).unwrap_or_default();
        let pairs = self.db.refresh_picks(&ids, before, batch, CONNECTED_SHARE).await?;
        // How long a full pass over connected pairs takes at this budget (the console says it too).
        let connected = self.db.connected_pairs(&ids).await?;
        let pass = connected_pass(connected, self.per_second, self.min_age).unwrap_or(0);
        metrics::gauge!("plugboard_refresher_connected_pass_seconds").set(pass as f64);
        let n = pairs.len();
        metrics::gauge!("plugboard_refresher_backlog").set(n as f64);
        futures::stream::iter(pairs)
            .map(|(user, integration)| async move {
                self.wait_while_paused().await;
                self.budget.until_ready().await;
                // A leader that stalled past its lease finds out here, before it calls.
                if !self.lease.ensure().await {
                    return;
                }
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
