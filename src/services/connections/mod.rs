//! The one place that reads a user's state for an integration and records it in the status snapshot. Used by the
//! integrations page, the callback, Check now and the refresher.
//!
//! A page view spends the API's quota only where it must: a card whose snapshot was checked within
//! `PLUGBOARD_STATE_FRESH_SECONDS` (and not made stale by the user's own connect) is served from the snapshot (one
//! query per view for all of the user's rows); otherwise it is read live, concurrent views of the same (user,
//! integration) sharing one upstream call. A live read that gets no answer shows the last known state with its age
//! while that is recent. Reads share a concurrency bound and are cut off at a deadline; writes happen when something
//! changed or the row is old, in batches off the page's path ([`writer`]).

mod writer;

use crate::domain::{CardState, ConnState, CustomerIntegrationId, ObservedBy, UserId};
use crate::platform::db::Db;
pub use crate::services::registry::snapshots::Observation;
use crate::services::registry::{best_effort, Snapshot};
use crate::upstream::{ToolRegistry, UpstreamError};
use chrono::{DateTime, Utc};
use futures::future::{BoxFuture, FutureExt, Shared};
use std::{
    collections::HashMap,
    sync::{atomic::Ordering, Arc, Mutex},
    time::Duration,
};
use tokio::sync::Semaphore;
use writer::{SnapshotWriter, Tally};

/// How a check's result reaches the snapshot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Record {
    /// Queued and written in batches (page views: one commit per card would cost more than the page).
    Queued,
    /// Written before the check returns (callbacks, Check now, the refresher).
    Now,
}

/// Why a check got no answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trouble {
    /// 429, with the API's Retry-After.
    RateLimited(Option<Duration>),
    /// 5xx, timeouts, lost connections, a failed permit.
    Failing,
}

/// How fresh is fresh enough, and how long reads may take.
#[derive(Clone, Copy, Debug)]
pub struct Timing {
    /// A snapshot checked within this is served without a live read (0: always live).
    pub fresh: Duration,
    /// A failed live read shows the last known state while it is younger than this.
    pub fallback: Duration,
    /// A card's live read is cut off after this (then the fallback, or Unknown).
    pub card_deadline: Duration,
    /// The callback's read, which the person is waiting for, may take this long.
    pub patient_deadline: Duration,
}

/// What a live read got, and the instant its upstream request was sent (an observation is as new as its question).
type Read = (Result<ConnState, Trouble>, DateTime<Utc>);
type Flight = Shared<BoxFuture<'static, Read>>;

type Flights = Arc<Mutex<HashMap<(UserId, CustomerIntegrationId), Flight>>>;

/// Removes a flight from the map when its task ends.
struct Landed {
    flights: Flights,
    key: (UserId, CustomerIntegrationId),
}

impl Drop for Landed {
    fn drop(&mut self) {
        self.flights.lock().unwrap_or_else(|p| p.into_inner()).remove(&self.key);
    }
}

#[derive(Clone)]
pub struct Connections {
    api: ToolRegistry,
    db: Db,
    permits: Arc<Semaphore>,
    timing: Timing,
    writer: SnapshotWriter,
    flights: Flights,
    tally: Arc<Tally>,
    /// The webhook endpoints a verified change is announced to (their names).
    endpoints: Arc<[String]>,
}

impl Connections {
    /// Starts the snapshot writer and the log reporter (call within the runtime).
    pub fn new(api: ToolRegistry, db: Db, concurrency: usize, timing: Timing, endpoints: Vec<String>) -> Self {
        let tally = Arc::new(Tally::default());
        tally.spawn_reporter(Duration::from_secs(10));
        let endpoints: Arc<[String]> = endpoints.into();
        let writer = SnapshotWriter::spawn(db.clone(), tally.clone(), endpoints.clone());
        let permits = Arc::new(Semaphore::new(concurrency.max(1)));
        Connections { api, db, permits, timing, writer, flights: Default::default(), tally, endpoints }
    }

    /// A page view's cards, in the order of `integrations`: the user's snapshots read once, the cards concurrently.
    pub async fn cards(&self, user: &UserId, integrations: &[CustomerIntegrationId]) -> Vec<CardState> {
        let known: HashMap<CustomerIntegrationId, Snapshot> = match self.db.snapshots(user).await {
            Ok(rows) => rows.into_iter().map(|s| (s.integration.clone(), s)).collect(),
            Err(e) => {
                tracing::warn!(error = %e, "reading the user's snapshots failed; reading live");
                HashMap::new()
            }
        };
        futures::future::join_all(integrations.iter().map(|i| self.card(user, i, known.get(i)))).await
    }

    /// A card of a page view, given the user's snapshot for it (see the module's description).
    async fn card(&self, user: &UserId, integration: &CustomerIntegrationId, known: Option<&Snapshot>) -> CardState {
        let now = Utc::now();
        let age = |s: &Snapshot| (now - s.checked_at).to_std().unwrap_or_default();
        if let Some(s) = known.filter(|s| !s.dirty && s.state != ConnState::Unknown && age(s) < self.timing.fresh) {
            return CardState { state: s.state.clone(), checked_at: None };
        }
        let (result, sent_at) = self.shared_read(user, integration).await;
        match result {
            Ok(state) => {
                // Written when something changed or the row is old: not once per card per view.
                let write_every = self.timing.fresh.max(Duration::from_secs(30));
                if known.is_none_or(|s| s.state != state || s.dirty || age(s) >= write_every) {
                    self.writer.observe(Observation {
                        user: user.clone(),
                        integration: integration.clone(),
                        state: state.clone(),
                        at: sent_at,
                        by: ObservedBy::View,
                    });
                }
                CardState { state, checked_at: None }
            }
            Err(_) => match known.filter(|s| s.state != ConnState::Unknown && age(s) < self.timing.fallback) {
                Some(s) => CardState { state: s.state.clone(), checked_at: Some(s.checked_at) },
                None => CardState { state: ConnState::Unknown, checked_at: None },
            },
        }
    }

    /// One live read per (user, integration) at a time, however many views ask for it. The read runs as a task of
    /// its own, to its deadline, whatever happens to the callers: a flight whose every waiter went away (a client
    /// that disconnected) still ends, gives back its permit and leaves the map, so abandoned reads cannot starve
    /// everyone else's.
    async fn shared_read(&self, user: &UserId, integration: &CustomerIntegrationId) -> Read {
        let key = (user.clone(), integration.clone());
        let flight = {
            let mut flights = self.flights.lock().unwrap_or_else(|p| p.into_inner());
            flights
                .entry(key.clone())
                .or_insert_with(|| {
                    let this = self.clone();
                    // The task removes its own entry; it cannot run before this lock is released.
                    let task = tokio::spawn(async move {
                        // The entry leaves the map however the read ends (a panic included).
                        let _landed = Landed { flights: this.flights.clone(), key: key.clone() };
                        this.read(&key.1, &key.0, this.timing.card_deadline).await
                    });
                    async move { task.await.unwrap_or_else(|_| (Err(Trouble::Failing), Utc::now())) }.boxed().shared()
                })
                .clone()
        };
        flight.await
    }

    /// How many shared reads are in flight (tests: an abandoned one must end on its own).
    pub fn flights_in_flight(&self) -> usize {
        self.flights.lock().unwrap_or_else(|p| p.into_inner()).len()
    }

    /// Reads the user's state live and records it.
    pub async fn check(&self, user: &UserId, integration: &CustomerIntegrationId, record: Record, by: ObservedBy) -> ConnState {
        self.check_reporting(user, integration, record, by).await.0
    }

    /// Records one observation now, announcing its change to the webhook endpoints.
    async fn record_now(&self, o: Observation) {
        best_effort("snapshot", self.db.record_observations(std::slice::from_ref(&o), &self.endpoints)).await;
    }

    /// The callback's read: live, with the longer deadline the person is waiting for, written at once.
    pub async fn check_patiently(&self, user: &UserId, integration: &CustomerIntegrationId) -> ConnState {
        let (result, sent_at) = self.read(integration, user, self.timing.patient_deadline).await;
        let state = result.unwrap_or(ConnState::Unknown);
        let o = Observation {
            user: user.clone(),
            integration: integration.clone(),
            state: state.clone(),
            at: sent_at,
            by: ObservedBy::Callback,
        };
        self.record_now(o).await;
        state
    }

    /// As [`Connections::check`], also saying why the state is `Unknown` when the API was the trouble (the refresher
    /// backs off on it).
    pub async fn check_reporting(
        &self,
        user: &UserId,
        integration: &CustomerIntegrationId,
        record: Record,
        by: ObservedBy,
    ) -> (ConnState, Option<Trouble>) {
        let (result, sent_at) = self.read(integration, user, self.timing.card_deadline).await;
        let (state, trouble) = match result {
            Ok(state) => (state, None),
            Err(trouble) => (ConnState::Unknown, Some(trouble)),
        };
        let o = Observation { user: user.clone(), integration: integration.clone(), state: state.clone(), at: sent_at, by };
        match record {
            Record::Queued => self.writer.observe(o),
            Record::Now => self.record_now(o).await,
        }
        (state, trouble)
    }

    /// The user's state for one integration: bounded concurrency, cut off at `deadline`; with the instant the
    /// request was sent (after waiting for a permit), which orders observations in the snapshot.
    async fn read(&self, integration: &CustomerIntegrationId, user: &UserId, deadline: Duration) -> Read {
        let sent = std::sync::Mutex::new(Utc::now());
        let work = async {
            let _permit = self.permits.acquire().await.ok()?;
            *sent.lock().unwrap_or_else(|p| p.into_inner()) = Utc::now();
            Some(self.api.get_user(integration, user).await)
        };
        let tally = &self.tally;
        let result = match tokio::time::timeout(deadline, work).await {
            Ok(Some(Ok(u))) if u.active => Ok(ConnState::Connected { since: u.updated_at }),
            Ok(Some(Ok(u))) => Ok(ConnState::NeedsReconnect { since: u.updated_at }),
            Ok(Some(Err(UpstreamError::NotFound))) => Ok(ConnState::NotConnected),
            Ok(Some(Err(UpstreamError::RateLimited { retry_after }))) => {
                tally.rate_limited.fetch_add(1, Ordering::Relaxed);
                Err(Trouble::RateLimited(retry_after))
            }
            Ok(Some(Err(e))) => {
                tracing::debug!(integration = %integration, error = %e, "reading connection state failed");
                tally.failed.fetch_add(1, Ordering::Relaxed);
                Err(Trouble::Failing)
            }
            Ok(None) => Err(Trouble::Failing),
            Err(_) => {
                tally.cut_off.fetch_add(1, Ordering::Relaxed);
                Err(Trouble::Failing)
            }
        };
        let sent_at = *sent.lock().unwrap_or_else(|p| p.into_inner());
        (result, sent_at)
    }

    /// Writes what is queued (at shutdown).
    pub async fn flush(&self) {
        self.writer.flush().await;
    }
}
