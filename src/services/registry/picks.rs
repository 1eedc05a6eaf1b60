//! The refresher's picks: connected pairs oldest first, never-checked pairs in the order users arrived, the other
//! pairs oldest first, each read along an index in its own order (no sort, no anti-join over every pair).

use super::matrix::push_ids;
use super::{integration_id, user_id};
use crate::domain::{CustomerIntegrationId, StateKey, UserId};
use crate::platform::db::{ms, Built, Db, DbError};
use chrono::{DateTime, Utc};
use sqlx::{Any, QueryBuilder, Row};

/// How many users past its cursor the walk for never-checked pairs reads per integration and round, at most.
const UNCHECKED_WALK: i64 = 2_000;

impl Db {
    /// Pairs never checked, for the refresher: per integration, users in the order they arrived, read from where the
    /// integration's cursor says every earlier user has a row (a bounded walk of the arrival index, not an anti-join
    /// over every user). The cursor moves forward past users that have a row and arrived before `settled` (a user
    /// added later by a slower transaction or another instance's clock is still ahead of it); any instance may move it,
    /// as moving it is true whoever does it.
    pub async fn unchecked_pairs(
        &self,
        integrations: &[CustomerIntegrationId],
        limit: i64,
        settled: DateTime<Utc>,
    ) -> Result<Vec<(UserId, CustomerIntegrationId)>, DbError> {
        let mut out = Vec::new();
        for i in integrations {
            if out.len() as i64 >= limit {
                break;
            }
            let cursor = sqlx::query("SELECT first_seen, user_id FROM refresh_cursors WHERE integration_id = $1")
                .bind(i.as_str())
                .fetch_optional(self.pool())
                .await?
                .map(|r| Ok::<_, DbError>((r.try_get::<i64, _>(0)?, r.try_get::<String, _>(1)?)))
                .transpose()?
                .unwrap_or((i64::MIN, String::new()));
            let rows = sqlx::query(
                "SELECT u.first_seen, u.user_id, CASE WHEN EXISTS (SELECT 1 FROM status_snapshots s \
                 WHERE s.user_id = u.user_id AND s.integration_id = $1) THEN 1 ELSE 0 END FROM portal_users u \
                 WHERE (u.first_seen, u.user_id) > ($2, $3) ORDER BY u.first_seen, u.user_id LIMIT $4",
            )
            .bind(i.as_str())
            .bind(cursor.0)
            .bind(&cursor.1)
            .bind(UNCHECKED_WALK)
            .fetch_all(self.pool())
            .await?;
            let mut leading = true;
            let mut moved = None;
            for r in &rows {
                let (first_seen, user, has): (i64, String, i64) = (r.try_get(0)?, r.try_get(1)?, r.try_get(2)?);
                if has == 0 {
                    leading = false;
                    if (out.len() as i64) < limit {
                        out.push((user_id(user)?, i.clone()));
                    }
                } else if leading && first_seen < ms(settled) {
                    moved = Some((first_seen, user));
                } else {
                    leading = false;
                }
            }
            if let Some((first_seen, user)) = moved {
                sqlx::query(
                    "INSERT INTO refresh_cursors (integration_id, first_seen, user_id) VALUES ($1, $2, $3) \
                     ON CONFLICT (integration_id) DO UPDATE SET first_seen = excluded.first_seen, user_id = excluded.user_id \
                     WHERE (refresh_cursors.first_seen, refresh_cursors.user_id) < (excluded.first_seen, excluded.user_id)",
                )
                .bind(i.as_str())
                .bind(first_seen)
                .bind(user)
                .execute(self.pool())
                .await?;
            }
        }
        Ok(out)
    }

    /// Pairs last tried before `before`, oldest first.
    pub async fn oldest_pairs(
        &self,
        integrations: &[CustomerIntegrationId],
        before: DateTime<Utc>,
        limit: i64,
    ) -> Result<Vec<(UserId, CustomerIntegrationId)>, DbError> {
        self.tried_pairs(integrations, before, None, limit).await
    }
}

impl Db {
    /// The refresher's next `batch` pairs: connected pairs last tried before `before`, oldest first, take up to
    /// `connected_share` percent; never-checked pairs, then other pairs tried before `before` (oldest first), the
    /// rest; either group takes what the other leaves.
    pub async fn refresh_picks(
        &self,
        integrations: &[CustomerIntegrationId],
        before: DateTime<Utc>,
        batch: i64,
        connected_share: i64,
    ) -> Result<Vec<(UserId, CustomerIntegrationId)>, DbError> {
        if integrations.is_empty() || batch <= 0 {
            return Ok(vec![]);
        }
        let quota = (batch * connected_share / 100).clamp(1, batch);
        let mut picks = self.tried_pairs(integrations, before, Some(true), quota).await?;
        // The rest is shared by never-checked pairs and the other pairs (a bulk import cannot starve re-checks of
        // the not connected), each taking what the other leaves.
        let rest = batch - picks.len() as i64;
        let settled = Utc::now() - chrono::Duration::minutes(5);
        let mut fresh = self.unchecked_pairs(integrations, (rest + 1) / 2, settled).await?;
        let mut others = self.tried_pairs(integrations, before, Some(false), rest - fresh.len() as i64).await?;
        if ((fresh.len() + others.len()) as i64) < rest {
            fresh = self.unchecked_pairs(integrations, rest - others.len() as i64, settled).await?;
        }
        if ((picks.len() + fresh.len() + others.len()) as i64) < batch && picks.len() as i64 == quota {
            // The others left room: more connected pairs, the ones already picked first.
            picks = self.tried_pairs(integrations, before, Some(true), batch - (fresh.len() + others.len()) as i64).await?;
        }
        picks.append(&mut fresh);
        picks.append(&mut others);
        // A pair that changed between two of the queries is picked once.
        let mut seen = std::collections::HashSet::new();
        picks.retain(|p| seen.insert(p.clone()));
        Ok(picks)
    }

    /// Pairs tried before `before` (connected ones, other ones, or all), oldest first: per state, a range of the
    /// (state, tried_at, user, integration) index read in its order, the states merged here.
    async fn tried_pairs(
        &self,
        integrations: &[CustomerIntegrationId],
        before: DateTime<Utc>,
        connected: Option<bool>,
        limit: i64,
    ) -> Result<Vec<(UserId, CustomerIntegrationId)>, DbError> {
        let states: &[StateKey] = match connected {
            Some(true) => &[StateKey::Connected],
            Some(false) => &[StateKey::NotConnected, StateKey::NeedsReconnect, StateKey::Unknown],
            None => &StateKey::ALL,
        };
        let mut all = Vec::new();
        for state in states {
            all.extend(self.tried_in_state(integrations, before, *state, limit).await?);
        }
        all.sort();
        all.truncate(limit.max(0) as usize);
        all.into_iter().map(|(_, user, integration)| Ok((user_id(user)?, integration_id(integration)?))).collect()
    }

    /// Pairs in `state` tried before `before`, oldest first, as (tried_at, user, integration).
    async fn tried_in_state(
        &self,
        integrations: &[CustomerIntegrationId],
        before: DateTime<Utc>,
        state: StateKey,
        limit: i64,
    ) -> Result<Vec<(i64, String, String)>, DbError> {
        if limit <= 0 || integrations.is_empty() {
            return Ok(vec![]);
        }
        let mut qb = QueryBuilder::<Any>::new("SELECT tried_at, user_id, integration_id FROM status_snapshots WHERE state = ");
        qb.push_bind(state.as_str()).push(" AND tried_at < ").push_bind(ms(before)).push(" AND integration_id IN (");
        push_ids(&mut qb, integrations);
        qb.push(") ORDER BY state, tried_at, user_id, integration_id LIMIT ").push_bind(limit);
        Built::new(&mut qb)?
            .fetch_all(self.pool())
            .await?
            .iter()
            .map(|r| Ok((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?)))
            .collect()
    }

    /// How many pairs of these integrations are connected (what a full pass of the refresher covers first), from
    /// the kept summary.
    pub async fn connected_pairs(&self, integrations: &[CustomerIntegrationId]) -> Result<i64, DbError> {
        let summary = self.summary(integrations).await?;
        Ok(integrations.iter().map(|i| summary.pairs(i, StateKey::Connected)).sum())
    }
}

