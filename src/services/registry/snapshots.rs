//! The status snapshot: the last state seen per (user, integration), when it was checked, and when a check was last
//! tried (an unanswered check counts as a try but never overwrites a known state).

use super::integration_id;
use crate::domain::{ConnState, CustomerIntegrationId, StateKey, UserId};
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

/// Upsert of one snapshot. `Unknown` never overwrites a known state (it is not news about the connection), but
/// it does count as a try, so the refresher moves on to other pairs.
fn upsert(state: &ConnState) -> &'static str {
    if matches!(state, ConnState::Unknown) {
        "INSERT INTO status_snapshots (user_id, integration_id, state, api_updated_at, checked_at, tried_at) \
         VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT (user_id, integration_id) DO UPDATE SET tried_at = excluded.tried_at"
    } else {
        "INSERT INTO status_snapshots (user_id, integration_id, state, api_updated_at, checked_at, tried_at) \
         VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT (user_id, integration_id) DO UPDATE SET \
         state = excluded.state, api_updated_at = excluded.api_updated_at, checked_at = excluded.checked_at, \
         tried_at = excluded.tried_at, dirty = 0"
    }
}

/// A state seen by a live check, on its way to the snapshot table.
#[derive(Clone, Debug)]
pub struct Observation {
    pub user: UserId,
    pub integration: CustomerIntegrationId,
    pub state: ConnState,
    pub at: DateTime<Utc>,
}

impl Db {
    /// Stores what live checks saw, in one transaction.
    pub async fn record_snapshots(&self, batch: &[Observation]) -> Result<(), DbError> {
        let mut tx = self.pool().begin().await?;
        for o in batch {
            sqlx::query(upsert(&o.state))
                .bind(o.user.as_str())
                .bind(o.integration.as_str())
                .bind(o.state.key().as_str())
                .bind(o.state.since().map(ms))
                .bind(ms(o.at))
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Stores what one live check saw.
    pub async fn record_snapshot(
        &self,
        user: &UserId,
        integration: &CustomerIntegrationId,
        state: &ConnState,
        now: DateTime<Utc>,
    ) -> Result<(), DbError> {
        let o = Observation { user: user.clone(), integration: integration.clone(), state: state.clone(), at: now };
        self.record_snapshots(std::slice::from_ref(&o)).await
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
