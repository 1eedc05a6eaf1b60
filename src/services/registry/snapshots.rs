//! The status snapshot: the last state seen per (user, integration), when it was checked, and when a check was last
//! tried (an unanswered check counts as a try but never overwrites a known state).

use super::events::append_event_with_id;
use super::integration_id;
use crate::domain::webhook::{fired, Verified};
use crate::domain::{ConnState, CustomerIntegrationId, EventDetail, EventKind, ObservedBy, StateKey, UserId, WebhookKind};
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

/// A verified change, on its way to the event log and the outbox (written last in the transaction).
struct Change<'a> {
    kind: WebhookKind,
    o: &'a Observation,
    seq: i64,
    facts: Facts,
}

impl Db {
    /// The one path that records what live checks saw, in one transaction: lock the users (PostgreSQL), refuse
    /// what concerns a user erased and not registered again since, lock each pair, compare, write the snapshot; then append an
    /// event to the feed and queue a webhook message (for each of `endpoints`) per change. However many observers
    /// race, one change is recorded once; an observation whose request was sent before the one the row holds never
    /// overwrites it and never fires. `Unknown` never overwrites a known state (it is not news about the
    /// connection) but counts as a try, so the refresher moves on.
    ///
    /// Lock order, the same in every transaction that takes these locks: users' advisory locks (in hash order, one
    /// statement), then pairs' rows (in (user, integration) order), then the summary counts' rows (in key order,
    /// see [`super::counts`]), then the feed's counter row, held to commit.
    pub async fn record_observations(&self, batch: &[Observation], endpoints: &[String]) -> Result<(), DbError> {
        let mut order: Vec<&Observation> = batch.iter().collect();
        order.sort_by(|a, b| (&a.user, &a.integration).cmp(&(&b.user, &b.integration)));
        let mut tx = self.pool().begin().await?;
        if self.is_postgres() {
            let mut users: Vec<&UserId> = order.iter().map(|o| &o.user).collect();
            users.dedup();
            lock_users(&mut tx, &users).await?;
        } else {
            // SQLite: write first, so the transaction takes the database's write lock now (waiting its busy timeout)
            // rather than failing to upgrade from the reads below.
            sqlx::query("UPDATE counters SET value = value WHERE name = 'events'").execute(&mut *tx).await?;
        }
        // Nothing is written about a user erased and not registered again since (a refresher round, a callback or a
        // view that began before the erasure and answers after it).
        let mut users: Vec<&UserId> = order.iter().map(|o| &o.user).collect();
        users.dedup();
        let refused = self.refused_users(&mut tx, &users).await?;
        let mut changes = Vec::new();
        let mut tally = super::counts::Tally::default();
        for o in order {
            if refused.contains(&&o.user) {
                continue;
            }
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
            changes.extend(verified_write(&mut tx, o, &mut tally).await?);
        }
        // Each user's packed snapshots (the export's row), in user order like every lock here.
        let mut written: Vec<&UserId> = batch.iter().map(|o| &o.user).filter(|u| !refused.contains(u)).collect();
        written.sort();
        written.dedup();
        for user in written {
            pack_cells(&mut tx, user).await?;
        }
        super::counts::apply(&mut tx, tally).await?;
        for c in &changes {
            record_change(&mut tx, c, endpoints).await?;
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

/// The packing of a user's snapshots in `portal_users.cells`: `<integration> <state> <checked_at ms>` per line.
pub(super) const PACKED: &str = "string_agg(s.integration_id || ' ' || s.state || ' ' || s.checked_at, $1)";

/// Packs the user's snapshots again into their row (within the transaction that wrote them).
async fn pack_cells(tx: &mut sqlx::Transaction<'_, sqlx::Any>, user: &UserId) -> Result<(), DbError> {
    sqlx::query(&format!(
        "UPDATE portal_users SET cells = (SELECT {PACKED} FROM status_snapshots s WHERE s.user_id = $2) WHERE user_id = $2"
    ))
    .bind(super::matrix::EXPORT_SEPARATOR.to_string())
    .bind(user.as_str())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Takes the users' transaction-scoped advisory locks (PostgreSQL), in one statement and in hash order, so two
/// transactions over overlapping users cannot deadlock; the erasure takes the same lock.
pub async fn lock_users(tx: &mut sqlx::Transaction<'_, sqlx::Any>, users: &[&UserId]) -> Result<(), DbError> {
    if users.is_empty() {
        return Ok(());
    }
    let values: Vec<String> = (1..=users.len()).map(|n| format!("(${n})")).collect();
    let sql = format!(
        "SELECT COUNT(pg_advisory_xact_lock({USER_LOCK_SPACE}, h)) FROM \
         (SELECT DISTINCT hashtext(v) AS h FROM (VALUES {}) AS t(v) ORDER BY h) AS x",
        values.join(", ")
    );
    let mut q = sqlx::query(&sql);
    for u in users {
        q = q.bind(u.as_str().to_owned());
    }
    q.fetch_one(&mut **tx).await?;
    Ok(())
}

/// The first key of the users' advisory locks (the refresher's leadership lock is a single key of its own).
const USER_LOCK_SPACE: i32 = 0x706c_7567; // "plug"

/// One verified observation under a compare-and-set; the changes it fires.
async fn verified_write<'a>(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    o: &'a Observation,
    tally: &mut super::counts::Tally,
) -> Result<Vec<Change<'a>>, DbError> {
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
            "SELECT state, ever_active, seq, checked_at FROM status_snapshots WHERE user_id = $1 AND integration_id = $2",
        )
        .bind(o.user.as_str())
        .bind(o.integration.as_str())
        .fetch_optional(&mut **tx)
        .await?;
        let before = match &row {
            Some(r) => {
                let state: String = r.try_get(0)?;
                let state = StateKey::parse(&state).unwrap_or(StateKey::Unknown);
                // Compared as stored (milliseconds): the same millisecond is not older.
                let held_since: i64 = r.try_get(3)?;
                if state != StateKey::Unknown && ms(o.at) < held_since {
                    return Ok(vec![]); // an older observation, committed later: the newer one stays, nothing fires
                }
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
        tally.moved(&o.integration, before.map(|b| b.0.state), key);
        let facts = Facts {
            previous_state: before.map(|b| b.0.state).unwrap_or(StateKey::Unknown),
            state: key,
            observed_by: o.by,
            at: o.at,
        };
        return Ok(kinds.into_iter().map(|kind| Change { kind, o, seq, facts: facts.clone() }).collect());
    }
    Err(DbError::Invalid("the snapshot kept changing under a compare-and-set".into()))
}

/// A change's event in the feed and its webhook message with a delivery per endpoint, in the change's transaction,
/// under one id (the feed entry's `id` is the webhook's `webhook-id`).
async fn record_change(tx: &mut sqlx::Transaction<'_, sqlx::Any>, c: &Change<'_>, endpoints: &[String]) -> Result<(), DbError> {
    let id = format!("msg_{}", uuid::Uuid::new_v4().simple());
    let o = c.o;
    let detail = EventDetail::Change { seq: c.seq, previous: c.facts.previous_state, state: c.facts.state, by: o.by };
    append_event_with_id(tx, &id, EventKind::from(c.kind), Some(&o.user), Some(&o.integration), &detail, o.at).await?;
    // The environment's endpoints take every type; console-made ones only the types they ask for.
    let mut endpoints = endpoints.to_vec();
    endpoints.extend(crate::services::webhook_endpoints::wanting(tx, c.kind).await?);
    if endpoints.is_empty() {
        return Ok(());
    }
    let facts = serde_json::to_string(&c.facts).map_err(|e| DbError::Invalid(e.to_string()))?;
    sqlx::query(
        "INSERT INTO webhook_messages (id, kind, user_id, integration_id, seq, facts, body, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, NULL, $7)",
    )
    .bind(&id)
    .bind(c.kind.as_str())
    .bind(o.user.as_str())
    .bind(o.integration.as_str())
    .bind(c.seq)
    .bind(facts)
    .bind(ms(o.at))
    .execute(&mut **tx)
    .await?;
    for endpoint in &endpoints {
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
