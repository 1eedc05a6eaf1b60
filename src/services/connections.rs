//! The one place that reads a user's state for an integration and records it in the status snapshot. Used by the
//! integrations page (many cards per view: deduplicated per view, written in batches off the page's path), the
//! callback, Check now and the refresher (written before they answer). Reads share a concurrency bound and are cut
//! off at a deadline (then `Unknown`, which never overwrites a known state).

use crate::domain::{ConnState, CustomerIntegrationId, UserId};
use crate::platform::db::Db;
use crate::services::registry::{best_effort, snapshots::Observation};
use crate::upstream::{ToolRegistry, UpstreamError};
use futures::future::{BoxFuture, FutureExt, Shared};
use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
    time::Duration,
};
use tokio::sync::Semaphore;

/// How a check's result reaches the snapshot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Record {
    /// Queued and written in batches (page views: one commit per card would cost more than the page).
    Queued,
    /// Written before the check returns (callbacks, Check now, the refresher).
    Now,
}

#[derive(Clone)]
pub struct Connections {
    api: ToolRegistry,
    db: Db,
    permits: Arc<Semaphore>,
    deadline: Duration,
    writer: SnapshotWriter,
}

impl Connections {
    /// Starts the snapshot writer (call within the runtime).
    pub fn new(api: ToolRegistry, db: Db, concurrency: usize, deadline: Duration) -> Self {
        let writer = SnapshotWriter::spawn(db.clone());
        Connections { api, db, permits: Arc::new(Semaphore::new(concurrency.max(1))), deadline, writer }
    }

    /// Reads the user's state live and records it.
    pub async fn check(&self, user: &UserId, integration: &CustomerIntegrationId, record: Record) -> ConnState {
        self.check_reporting(user, integration, record).await.0
    }

    /// As [`Connections::check`], also saying why the state is `Unknown` when the API was the trouble (the refresher
    /// backs off on it).
    pub async fn check_reporting(
        &self,
        user: &UserId,
        integration: &CustomerIntegrationId,
        record: Record,
    ) -> (ConnState, Option<Trouble>) {
        let (state, trouble) = match self.read(integration, user).await {
            Ok(state) => (state, None),
            Err(trouble) => (ConnState::Unknown, Some(trouble)),
        };
        let at = chrono::Utc::now();
        match record {
            Record::Queued => self.writer.observe(Observation {
                user: user.clone(),
                integration: integration.clone(),
                state: state.clone(),
                at,
            }),
            Record::Now => best_effort("snapshot", self.db.record_snapshot(user, integration, &state, at)).await,
        }
        (state, trouble)
    }

    /// The user's state for one integration: bounded concurrency, cut off at the deadline.
    async fn read(&self, integration: &CustomerIntegrationId, user: &UserId) -> Result<ConnState, Trouble> {
        let work = async {
            let _permit = self.permits.acquire().await.ok()?;
            Some(self.api.get_user(integration, user).await)
        };
        match tokio::time::timeout(self.deadline, work).await {
            Ok(Some(Ok(u))) if u.active => Ok(ConnState::Connected { since: u.updated_at }),
            Ok(Some(Ok(u))) => Ok(ConnState::NeedsReconnect { since: u.updated_at }),
            Ok(Some(Err(UpstreamError::NotFound))) => Ok(ConnState::NotConnected),
            Ok(Some(Err(UpstreamError::RateLimited { retry_after }))) => {
                tracing::warn!(integration = %integration, "reading connection state: the API rate-limited us");
                Err(Trouble::RateLimited(retry_after))
            }
            Ok(Some(Err(e))) => {
                tracing::warn!(integration = %integration, error = %e, "reading connection state failed");
                Err(Trouble::Failing)
            }
            Ok(None) => Err(Trouble::Failing),
            Err(_) => {
                tracing::warn!(integration = %integration, deadline = ?self.deadline, "connection state cut off at the deadline");
                Err(Trouble::Failing)
            }
        }
    }

    /// Writes what is queued and stops the writer (at shutdown).
    pub async fn flush(&self) {
        self.writer.flush().await;
    }
}

/// Why a check got no answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trouble {
    /// 429, with the API's Retry-After.
    RateLimited(Option<Duration>),
    /// 5xx, timeouts, lost connections, a failed permit.
    Failing,
}

/// The states read for one page view: each integration is read at most once per view, however many times the view
/// asks (a rendering pass may build a card more than once). Provided fresh for every request.
#[derive(Clone, Default)]
pub struct ViewStates(Arc<Mutex<HashMap<CustomerIntegrationId, Shared<BoxFuture<'static, ConnState>>>>>);

impl ViewStates {
    pub fn get(
        &self,
        connections: &Connections,
        integration: &CustomerIntegrationId,
        user: &UserId,
    ) -> Shared<BoxFuture<'static, ConnState>> {
        let mut map = self.0.lock().unwrap_or_else(|p| p.into_inner());
        map.entry(integration.clone())
            .or_insert_with(|| {
                let (c, integration, user) = (connections.clone(), integration.clone(), user.clone());
                async move { c.check(&user, &integration, Record::Queued).await }.boxed().shared()
            })
            .clone()
    }
}

/// Writes snapshots off the request path, many per transaction.
#[derive(Clone)]
struct SnapshotWriter {
    tx: tokio::sync::mpsc::Sender<Message>,
}

enum Message {
    Observe(Observation),
    /// Write everything queued before this, then answer.
    Flush(tokio::sync::oneshot::Sender<()>),
}

impl SnapshotWriter {
    fn spawn(db: Db) -> Self {
        let (tx, mut rx) = tokio::sync::mpsc::channel::<Message>(10_000);
        tokio::spawn(async move {
            let mut batch = Vec::new();
            while let Some(first) = rx.recv().await {
                let mut flushed = Vec::new();
                let mut next = Some(first);
                while let Some(m) = next.take() {
                    match m {
                        Message::Observe(o) => batch.push(o),
                        Message::Flush(done) => flushed.push(done),
                    }
                    if batch.len() < 1000 {
                        next = rx.try_recv().ok();
                    }
                }
                if !batch.is_empty() {
                    if let Err(e) = db.record_snapshots(&batch).await {
                        tracing::warn!(error = %e, count = batch.len(), "writing status snapshots failed");
                    }
                    batch.clear();
                }
                for done in flushed {
                    let _ = done.send(());
                }
            }
        });
        SnapshotWriter { tx }
    }

    async fn flush(&self) {
        let (done, written) = tokio::sync::oneshot::channel();
        if self.tx.send(Message::Flush(done)).await.is_ok() {
            let _ = written.await;
        }
    }

    /// Queues an observation; when the queue is full the observation is dropped (the next view brings a fresh one).
    fn observe(&self, o: Observation) {
        if self.tx.try_send(Message::Observe(o)).is_err() {
            tracing::warn!("status snapshot queue is full; an observation was dropped");
        }
    }
}
