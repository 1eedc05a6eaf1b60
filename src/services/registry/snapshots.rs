//! The status snapshot: the last state seen per (user, integration), when it was checked, and when a check was last
//! tried (an unanswered check counts as a try but never overwrites a known state).

use super::integration_id;
use crate::domain::webhook::{fired, Verified};
use crate::domain::{ConnState, CustomerIntegrationId, ObservedBy, StateKey, UserId, WebhookKind};
use crate::platform::db::{from_ms, ms, Db, DbError};
use chrono::{DateTime, Utc};
use sqlx::Row;

#[derive(Clone, Debug, PartialEq)]
pub struct Snapshot {
    pub integration: CustomerIntegrationId,
    /// The state, with the API's `updatedAt` as its `since`.
    pub state: ConnState,
    pub checked_at: DateTime<Utc>,
    /// The user's own action (a connect started) made it stale: read live next time.
    pub dirty: bool,
}

/// Columns of a snapshot, in the order [`snapshot`] reads them from `first`.
pub(super) const SNAPSHOT_COLUMNS: &str = "integration_id, state, api_updated_at, checked_at, dirty";

pub(super) fn snapshot(r: &sqlx::any::AnyRow, first: usize) -> Result<Snapshot, DbError> {
    let key: String = r.try_get(first + 1)?;
    let key = StateKey::parse(&key).ok_or_else(|| DbError::Invalid(format!("state {key:?}")))?;
    let checked_at = from_ms(r.try_get(first + 3)?);
    let since = r.try_get::<Option<i64>, _>(first + 2)?.map(from_ms);
    Ok(Snapshot {
        integration: integration_id(r.try_get(first)?)?,
        state: ConnState::from_parts(key, since, checked_at),
        checked_at,
        dirty: r.try_get::<i64, _>(first + 4)? != 0,
    })
}

/// What a transition tells the outbox (the webhook service renders it into the body it sends).
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Facts {
    pub previous_state: StateKey,
    pub state: StateKey,
    pub observed_by: ObservedBy,
    pub at: DateTime<Utc>,
}

/// A state seen by a live check, on its way to the snapshot table.
#[derive(Clone, Debug)]
pub struct Observation {
    pub user: UserId,
    pub integration: CustomerIntegrationId,
    pub state: ConnState,
    pub at: DateTime<Utc>,
    pub by: ObservedBy,
}

/// How many times a compare-and-set is retried when another writer changed the pair in between.
const CAS_TRIES: usize = 8;

impl Db {
    /// Stores what live checks saw, in one transaction. A verified state is written with a compare-and-set on the
    /// pair's sequence number, and the webhook messages its change fires (for each of `endpoints`) are written in
    /// the same transaction: however many observers race, one change fires once. `Unknown` never overwrites a known
    /// state (it is not news about the connection) but counts as a try, so the refresher moves on.
    pub async fn record_observations(&self, batch: &[Observation], endpoints: &[String]) -> Result<(), DbError> {
        let mut tx = self.pool().begin().await?;
        for o in batch {
            if matches!(o.state, ConnState::Unknown) {
                sqlx::query(
                    "INSERT INTO status_snapshots (user_id, integration_id, state, api_updated_at, checked_at, tried_at) \
                     VALUES ($1, $2, 'unknown', NULL, $3, $3) ON CONFLICT (user_id, integration_id) DO UPDATE SET tried_at = excluded.tried_at",
                )
                .bind(o.user.as_str())
                .bind(o.integration.as_str())
                .bind(ms(o.at))
                .execute(&mut *tx)
                .await?;
                continue;
            }
            verified_write(&mut tx, o, endpoints).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Stores what one live check saw (no webhooks: for tools and tests).
    pub async fn record_snapshot(
        &self,
        user: &UserId,
        integration: &CustomerIntegrationId,
        state: &ConnState,
        now: DateTime<Utc>,
    ) -> Result<(), DbError> {
        let o = Observation {
            user: user.clone(),
            integration: integration.clone(),
            state: state.clone(),
            at: now,
            by: ObservedBy::CheckNow,
        };
        self.record_observations(std::slice::from_ref(&o), &[]).await
    }

    /// Makes a snapshot stale: the next view reads it live, whatever its age (the user just started a connect).
    pub async fn mark_dirty(&self, user: &UserId, integration: &CustomerIntegrationId) -> Result<(), DbError> {
        sqlx::query("UPDATE status_snapshots SET dirty = 1 WHERE user_id = $1 AND integration_id = $2")
            .bind(user.as_str())
            .bind(integration.as_str())
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// A user's snapshots, by integration id.
    pub async fn snapshots(&self, user: &UserId) -> Result<Vec<Snapshot>, DbError> {
        sqlx::query(&format!(
            "SELECT {SNAPSHOT_COLUMNS} FROM status_snapshots WHERE user_id = $1 ORDER BY integration_id"
        ))
        .bind(user.as_str())
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(|r| snapshot(r, 0))
        .collect()
    }

    /// When each of a user's pairs was last tried (tests and the user page).
    pub async fn tried_at(&self, user: &UserId) -> Result<Vec<(CustomerIntegrationId, DateTime<Utc>)>, DbError> {
        sqlx::query("SELECT integration_id, tried_at FROM status_snapshots WHERE user_id = $1 ORDER BY integration_id")
            .bind(user.as_str())
            .fetch_all(self.pool())
            .await?
            .iter()
            .map(|r| Ok((integration_id(r.try_get(0)?)?, from_ms(r.try_get(1)?))))
            .collect()
    }
}

/// One verified observation under a compare-and-set, with its webhook messages.
async fn verified_write(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    o: &Observation,
    endpoints: &[String],
) -> Result<(), DbError> {
    let key = o.state.key();
    let active = i64::from(key == StateKey::Connected);
    // Write first: SQLite takes its write lock now (waiting its busy timeout) rather than failing to upgrade a read
    // later; PostgreSQL locks the pair's row, so racing writers queue instead of retrying the compare-and-set.
    sqlx::query("UPDATE status_snapshots SET seq = seq WHERE user_id = $1 AND integration_id = $2")
        .bind(o.user.as_str())
        .bind(o.integration.as_str())
        .execute(&mut **tx)
        .await?;
    for _ in 0..CAS_TRIES {
        let row = sqlx::query(
            "SELECT state, ever_active, seq FROM status_snapshots WHERE user_id = $1 AND integration_id = $2",
        )
        .bind(o.user.as_str())
        .bind(o.integration.as_str())
        .fetch_optional(&mut **tx)
        .await?;
        let before = match &row {
            Some(r) => {
                let state: String = r.try_get(0)?;
                let state = StateKey::parse(&state).unwrap_or(StateKey::Unknown);
                Some((Verified { state, ever_active: r.try_get::<i64, _>(1)? != 0 }, r.try_get::<i64, _>(2)?))
            }
            None => None,
        };
        let kinds = fired(before.map(|b| b.0), key, o.by);
        let changed = before.is_none_or(|(b, _)| b.state != key) || !kinds.is_empty();
        let seq = before.map(|b| b.1).unwrap_or(0) + i64::from(changed);
        let written = match before {
            None => sqlx::query(
                "INSERT INTO status_snapshots (user_id, integration_id, state, api_updated_at, checked_at, tried_at, ever_active, seq) \
                 VALUES ($1, $2, $3, $4, $5, $5, $6, $7) ON CONFLICT (user_id, integration_id) DO NOTHING",
            )
            .bind(o.user.as_str())
            .bind(o.integration.as_str())
            .bind(key.as_str())
            .bind(o.state.since().map(ms))
            .bind(ms(o.at))
            .bind(active)
            .bind(seq)
            .execute(&mut **tx)
            .await?
            .rows_affected(),
            Some((_, prev_seq)) => sqlx::query(
                "UPDATE status_snapshots SET state = $1, api_updated_at = $2, checked_at = $3, tried_at = $3, dirty = 0, \
                 ever_active = CASE WHEN $4 = 1 THEN 1 ELSE ever_active END, seq = $5 \
                 WHERE user_id = $6 AND integration_id = $7 AND seq = $8",
            )
            .bind(key.as_str())
            .bind(o.state.since().map(ms))
            .bind(ms(o.at))
            .bind(active)
            .bind(seq)
            .bind(o.user.as_str())
            .bind(o.integration.as_str())
            .bind(prev_seq)
            .execute(&mut **tx)
            .await?
            .rows_affected(),
        };
        if written == 0 {
            continue; // another writer got there first: read again
        }
        let facts = Facts {
            previous_state: before.map(|b| b.0.state).unwrap_or(StateKey::Unknown),
            state: key,
            observed_by: o.by,
            at: o.at,
        };
        for kind in kinds {
            enqueue(tx, kind, o, seq, &facts, endpoints).await?;
        }
        return Ok(());
    }
    Err(DbError::Invalid("the snapshot kept changing under a compare-and-set".into()))
}

/// A webhook message and its deliveries, in the state change's transaction.
async fn enqueue(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    kind: WebhookKind,
    o: &Observation,
    seq: i64,
    facts: &Facts,
    endpoints: &[String],
) -> Result<(), DbError> {
    if endpoints.is_empty() {
        return Ok(());
    }
    let id = format!("msg_{}", uuid::Uuid::new_v4().simple());
    let facts = serde_json::to_string(facts).map_err(|e| DbError::Invalid(e.to_string()))?;
    sqlx::query(
        "INSERT INTO webhook_messages (id, kind, user_id, integration_id, seq, facts, body, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, NULL, $7)",
    )
    .bind(&id)
    .bind(kind.as_str())
    .bind(o.user.as_str())
    .bind(o.integration.as_str())
    .bind(seq)
    .bind(facts)
    .bind(ms(o.at))
    .execute(&mut **tx)
    .await?;
    for endpoint in endpoints {
        sqlx::query(
            "INSERT INTO webhook_deliveries (id, message_id, endpoint, status, attempts, next_at, created_at, updated_at) \
             VALUES ($1, $2, $3, 'pending', 0, $4, $4, $4)",
        )
        .bind(format!("dlv_{}", uuid::Uuid::new_v4().simple()))
        .bind(&id)
        .bind(endpoint)
        .bind(ms(o.at))
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}
