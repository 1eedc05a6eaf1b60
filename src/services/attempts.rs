//! One-time connect attempts as stored: bound to the session that started them, expiring, consumed once, and
//! remembering what their callback showed (a reload in the same session shows it again).

use crate::domain::{ConnState, CustomerIntegrationId, EventDetail, EventKind, StateKey, StatusHint, UserId};
use crate::platform::db::{from_ms, ms, Db, DbError};
use chrono::{DateTime, Utc};
use sqlx::Row;

/// How long after its expiry an unused attempt is marked abandoned.
pub const ABANDON_GRACE: chrono::Duration = chrono::Duration::minutes(1);

/// A connect attempt.
#[derive(Clone, Debug)]
pub struct Attempt {
    pub id: String,
    pub session_binding: String,
    pub user: UserId,
    pub integration: CustomerIntegrationId,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub consumed: bool,
    /// What the callback showed, once it was verified.
    pub outcome: Option<Outcome>,
}

/// What a verified callback showed.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    pub hint: StatusHint,
    pub state: ConnState,
}

impl Outcome {
    fn encode(&self) -> String {
        format!("{} {} {}", self.hint.as_str(), self.state.key().as_str(), self.state.since().map(ms).unwrap_or(0))
    }

    fn decode(raw: &str) -> Option<Outcome> {
        let mut parts = raw.split(' ');
        let hint = StatusHint::parse(parts.next()?)?;
        let key = StateKey::parse(parts.next()?)?;
        let since = from_ms(parts.next()?.parse().ok()?);
        Some(Outcome { hint, state: ConnState::from_parts(key, Some(since), since) })
    }
}

impl Db {
    pub async fn create_attempt(&self, a: &Attempt) -> Result<(), DbError> {
        sqlx::query(
            "INSERT INTO connect_attempts (id, session_binding, user_id, integration_id, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(&a.id)
        .bind(&a.session_binding)
        .bind(a.user.as_str())
        .bind(a.integration.as_str())
        .bind(ms(a.created_at))
        .bind(ms(a.expires_at))
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// The attempt, if it exists and its ids still parse.
    pub async fn attempt(&self, id: &str) -> Result<Option<Attempt>, DbError> {
        let row = sqlx::query(
            "SELECT id, session_binding, user_id, integration_id, created_at, expires_at, consumed_at, result \
             FROM connect_attempts WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(self.pool())
        .await?;
        let Some(row) = row else { return Ok(None) };
        let (Ok(user), Ok(integration)) =
            (UserId::parse(row.try_get::<String, _>(2)?), CustomerIntegrationId::parse(row.try_get::<String, _>(3)?))
        else {
            return Ok(None);
        };
        Ok(Some(Attempt {
            id: row.try_get(0)?,
            session_binding: row.try_get(1)?,
            user,
            integration,
            created_at: from_ms(row.try_get(4)?),
            expires_at: from_ms(row.try_get(5)?),
            consumed: row.try_get::<Option<i64>, _>(6)?.is_some(),
            outcome: row.try_get::<Option<String>, _>(7)?.as_deref().and_then(Outcome::decode),
        }))
    }

    /// Remembers what the attempt's callback showed, with its `callback_received` event, in one transaction.
    pub async fn record_outcome(&self, a: &Attempt, outcome: &Outcome, now: DateTime<Utc>) -> Result<(), DbError> {
        let mut tx = self.pool().begin().await?;
        let updated = sqlx::query("UPDATE connect_attempts SET result = $1 WHERE id = $2")
            .bind(outcome.encode())
            .bind(&a.id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if updated != 1 {
            return Ok(()); // the attempt is gone (its user was erased meanwhile): nothing is recorded
        }
        let took_ms = Some((now - a.created_at).num_milliseconds().max(0));
        let detail = EventDetail::Callback { reported: outcome.hint, verified: outcome.state.key(), took_ms };
        let kind = EventKind::CallbackReceived;
        crate::services::registry::events::append_event(&mut tx, kind, Some(&a.user), Some(&a.integration), &detail, now).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Marks the attempt used. `false` if it was already used (a concurrent or replayed callback).
    pub async fn consume_attempt(&self, id: &str, now: DateTime<Utc>) -> Result<bool, DbError> {
        let done = sqlx::query(
            "UPDATE connect_attempts SET consumed_at = $1 WHERE id = $2 AND consumed_at IS NULL AND abandoned_at IS NULL",
        )
            .bind(ms(now))
            .bind(id)
            .execute(self.pool())
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Marks attempts that expired unused as abandoned, each with its `connect_abandoned` event, in one transaction
    /// (at most 500 a call). An attempt is abandoned once, and never both abandoned and used: each of the two writes
    /// only a row the other has not marked. Returns how many.
    pub async fn abandon_expired(&self, now: DateTime<Utc>) -> Result<u64, DbError> {
        // A minute after expiry: a callback that was judged in time and is being verified wins.
        let before = now - ABANDON_GRACE;
        let mut tx = self.pool().begin().await?;
        let rows = sqlx::query(
            "UPDATE connect_attempts SET abandoned_at = $1 WHERE id IN (SELECT id FROM connect_attempts \
             WHERE consumed_at IS NULL AND abandoned_at IS NULL AND expires_at <= $2 ORDER BY expires_at LIMIT 500) \
             AND consumed_at IS NULL AND abandoned_at IS NULL RETURNING user_id, integration_id",
        )
        .bind(ms(now))
        .bind(ms(before))
        .fetch_all(&mut *tx)
        .await?;
        let mut n = 0;
        for r in rows {
            let (Ok(user), Ok(integration)) =
                (UserId::parse(r.try_get::<String, _>(0)?), CustomerIntegrationId::parse(r.try_get::<String, _>(1)?))
            else {
                continue;
            };
            let (kind, detail) = (EventKind::ConnectAbandoned, EventDetail::None);
            crate::services::registry::events::append_event(&mut tx, kind, Some(&user), Some(&integration), &detail, now).await?;
            n += 1;
        }
        tx.commit().await?;
        Ok(n)
    }

    /// Drops attempts a day after they were finished, or a day after they expired unused (kept that long for the
    /// callback's messages and reloads). Returns how many.
    pub async fn delete_old_attempts(&self, now: DateTime<Utc>) -> Result<u64, DbError> {
        let day_ago = ms(now - chrono::Duration::days(1));
        let done = sqlx::query(
            "DELETE FROM connect_attempts WHERE (consumed_at IS NOT NULL AND consumed_at < $1) \
             OR (consumed_at IS NULL AND expires_at < $1)",
        )
        .bind(day_ago)
        .execute(self.pool())
        .await?;
        Ok(done.rows_affected())
    }
}
