//! What the admin console will read: the users registry, a status snapshot per (user, integration), and an
//! append-only event history. Written as things happen (links, page views, connects, callbacks). Server only.

use crate::db::{Db, DbError};
use crate::domain::{ConnState, CustomerIntegrationId, UserId};
use chrono::{DateTime, Utc};
use sqlx::Row;

/// Kinds of events, as stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventKind {
    LinkMinted,
    LinkUsed,
    LinkRejected,
    ConnectStarted,
    CallbackReceived,
}

impl EventKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            EventKind::LinkMinted => "link_minted",
            EventKind::LinkUsed => "link_used",
            EventKind::LinkRejected => "link_rejected",
            EventKind::ConnectStarted => "connect_started",
            EventKind::CallbackReceived => "callback_received",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    pub at: DateTime<Utc>,
    pub kind: String,
    pub user: Option<String>,
    pub integration: Option<String>,
    pub detail: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Snapshot {
    pub integration: String,
    pub state: String,
    pub api_updated_at: Option<DateTime<Utc>>,
    pub checked_at: DateTime<Utc>,
}

/// Upsert of one snapshot. `Unknown` never overwrites a known state: it is not news about the connection.
fn snapshot_sql(state: &ConnState) -> &'static str {
    if matches!(state, ConnState::Unknown) {
        "INSERT INTO status_snapshots (user_id, integration_id, state, api_updated_at, checked_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (user_id, integration_id) DO NOTHING"
    } else {
        "INSERT INTO status_snapshots (user_id, integration_id, state, api_updated_at, checked_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (user_id, integration_id) DO UPDATE SET \
         state = excluded.state, api_updated_at = excluded.api_updated_at, checked_at = excluded.checked_at"
    }
}

fn ms(t: DateTime<Utc>) -> i64 {
    t.timestamp_millis()
}
fn from_ms(v: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(v).unwrap_or_default()
}

impl Db {
    /// Adds the user or bumps `last_seen`.
    pub async fn touch_user(&self, user: &UserId, now: DateTime<Utc>) -> Result<(), DbError> {
        sqlx::query(
            "INSERT INTO portal_users (user_id, first_seen, last_seen) VALUES ($1, $2, $2) \
             ON CONFLICT (user_id) DO UPDATE SET last_seen = excluded.last_seen",
        )
        .bind(user.as_str())
        .bind(ms(now))
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// Appends an event.
    pub async fn record_event(
        &self,
        kind: EventKind,
        user: Option<&UserId>,
        integration: Option<&CustomerIntegrationId>,
        detail: &str,
        now: DateTime<Utc>,
    ) -> Result<(), DbError> {
        sqlx::query(
            "INSERT INTO events (id, at, kind, user_id, integration_id, detail) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(uuid::Uuid::new_v4().simple().to_string())
        .bind(ms(now))
        .bind(kind.as_str())
        .bind(user.map(|u| u.as_str().to_owned()))
        .bind(integration.map(|i| i.as_str().to_owned()))
        .bind(detail)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// Stores what a live check saw. `Unknown` never overwrites a known state: it is not news about the connection.
    pub async fn record_snapshot(
        &self,
        user: &UserId,
        integration: &CustomerIntegrationId,
        state: &ConnState,
        now: DateTime<Utc>,
    ) -> Result<(), DbError> {
        let api_updated_at = match state {
            ConnState::Connected { since } | ConnState::NeedsReconnect { since } => Some(ms(*since)),
            ConnState::NotConnected | ConnState::Unknown => None,
        };
        sqlx::query(snapshot_sql(state))
            .bind(user.as_str())
            .bind(integration.as_str())
            .bind(state.key())
            .bind(api_updated_at)
            .bind(ms(now))
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Several observations in one transaction.
    pub async fn record_snapshots(&self, batch: &[Observation]) -> Result<(), DbError> {
        let mut tx = self.pool().begin().await?;
        for o in batch {
            let api_updated_at = match &o.state {
                ConnState::Connected { since } | ConnState::NeedsReconnect { since } => Some(ms(*since)),
                ConnState::NotConnected | ConnState::Unknown => None,
            };
            sqlx::query(snapshot_sql(&o.state))
                .bind(o.user.as_str())
                .bind(o.integration.as_str())
                .bind(o.state.key())
                .bind(api_updated_at)
                .bind(ms(o.at))
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    pub async fn snapshots(&self, user: &UserId) -> Result<Vec<Snapshot>, DbError> {
        let rows = sqlx::query(
            "SELECT integration_id, state, api_updated_at, checked_at FROM status_snapshots WHERE user_id = $1 \
             ORDER BY integration_id",
        )
        .bind(user.as_str())
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(Snapshot {
                    integration: r.try_get(0)?,
                    state: r.try_get(1)?,
                    api_updated_at: r.try_get::<Option<i64>, _>(2)?.map(from_ms),
                    checked_at: from_ms(r.try_get(3)?),
                })
            })
            .collect()
    }

    /// A user's events, newest first.
    pub async fn events_for(&self, user: &UserId, limit: i64) -> Result<Vec<Event>, DbError> {
        let rows = sqlx::query(
            "SELECT at, kind, user_id, integration_id, detail FROM events WHERE user_id = $1 ORDER BY at DESC, id LIMIT $2",
        )
        .bind(user.as_str())
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(Event {
                    at: from_ms(r.try_get(0)?),
                    kind: r.try_get(1)?,
                    user: r.try_get(2)?,
                    integration: r.try_get(3)?,
                    detail: r.try_get(4)?,
                })
            })
            .collect()
    }

    pub async fn user_seen(&self, user: &UserId) -> Result<Option<(DateTime<Utc>, DateTime<Utc>)>, DbError> {
        let row = sqlx::query("SELECT first_seen, last_seen FROM portal_users WHERE user_id = $1")
            .bind(user.as_str())
            .fetch_optional(self.pool())
            .await?;
        row.map(|r| Ok((from_ms(r.try_get(0)?), from_ms(r.try_get(1)?)))).transpose()
    }
}

/// Records without failing the request: the registry is for the console, the user's flow comes first.
/// A state seen by a live check, on its way to the snapshot table.
pub struct Observation {
    pub user: UserId,
    pub integration: CustomerIntegrationId,
    pub state: ConnState,
    pub at: DateTime<Utc>,
}

/// Writes snapshots off the request path, many per transaction: a page view observes a state per card, and one
/// commit per card would cost more than the page.
#[derive(Clone)]
pub struct SnapshotWriter(tokio::sync::mpsc::Sender<Observation>);

impl SnapshotWriter {
    pub fn spawn(db: Db) -> Self {
        let (tx, mut rx) = tokio::sync::mpsc::channel::<Observation>(10_000);
        tokio::spawn(async move {
            while let Some(first) = rx.recv().await {
                let mut batch = vec![first];
                while batch.len() < 1000 {
                    match rx.try_recv() {
                        Ok(o) => batch.push(o),
                        Err(_) => break,
                    }
                }
                if let Err(e) = db.record_snapshots(&batch).await {
                    tracing::warn!(error = %e, count = batch.len(), "writing status snapshots failed");
                }
            }
        });
        SnapshotWriter(tx)
    }

    /// Queues an observation; when the queue is full the observation is dropped (the next view brings a fresh one).
    pub fn observe(&self, o: Observation) {
        if self.0.try_send(o).is_err() {
            tracing::warn!("status snapshot queue is full; an observation was dropped");
        }
    }
}

/// One row of the console's first view: a user and their snapshots.
#[derive(Clone, Debug)]
pub struct UserRow {
    pub user: String,
    pub last_seen: DateTime<Utc>,
    pub snapshots: Vec<Snapshot>,
}

impl Db {
    /// The most recently seen users (up to `limit`) with their snapshots, and how many users there are.
    pub async fn recent_users(&self, limit: i64) -> Result<(Vec<UserRow>, i64), DbError> {
        let total: i64 = sqlx::query("SELECT COUNT(*) FROM portal_users").fetch_one(self.pool()).await?.try_get(0)?;
        let users =
            sqlx::query("SELECT user_id, last_seen FROM portal_users ORDER BY last_seen DESC, user_id LIMIT $1")
                .bind(limit)
                .fetch_all(self.pool())
                .await?;
        let mut rows = Vec::with_capacity(users.len());
        for u in users {
            let user: String = u.try_get(0)?;
            let snapshots = match UserId::parse(user.clone()) {
                Ok(id) => self.snapshots(&id).await?,
                Err(_) => vec![],
            };
            rows.push(UserRow { user, last_seen: from_ms(u.try_get(1)?), snapshots });
        }
        Ok((rows, total))
    }
}

pub async fn best_effort(what: &'static str, work: impl std::future::Future<Output = Result<(), DbError>>) {
    if let Err(e) = work.await {
        tracing::warn!(error = %e, what, "recording for the admin console failed");
    }
}
