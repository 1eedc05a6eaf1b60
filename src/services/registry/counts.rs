//! The registry's summary counts, kept where the rows change so that the console's unfiltered view reads a few rows
//! instead of every snapshot: users in all (the `users` counter) and pairs per (integration, known state). Written in
//! the transaction that changes the rows they count; rows are locked in one order everywhere: the users' counter,
//! then the state counts in (integration, state) order, then the event feed's counter.

use crate::domain::{CustomerIntegrationId, StateKey};
use crate::platform::db::{Db, DbError};
use sqlx::{Any, QueryBuilder, Row};
use std::collections::BTreeMap;

/// Changes to the state counts within one transaction, applied in key order by [`apply`].
#[derive(Debug, Default)]
pub struct Tally(BTreeMap<(String, &'static str), i64>);

impl Tally {
    /// A pair of `integration` went from `before` (None: no row) to `after`. Unknown is not counted.
    pub fn moved(&mut self, integration: &CustomerIntegrationId, before: Option<StateKey>, after: StateKey) {
        if before == Some(after) {
            return;
        }
        if let Some(b) = before.filter(|b| *b != StateKey::Unknown) {
            *self.0.entry((integration.as_str().to_owned(), b.as_str())).or_default() -= 1;
        }
        if after != StateKey::Unknown {
            *self.0.entry((integration.as_str().to_owned(), after.as_str())).or_default() += 1;
        }
    }

    /// A pair in `state` was deleted.
    pub fn removed(&mut self, integration: &str, state: StateKey) {
        if state != StateKey::Unknown {
            *self.0.entry((integration.to_owned(), state.as_str())).or_default() -= 1;
        }
    }
}

/// Writes a tally's changes within `tx`, in key order (so two transactions cannot wait on each other's rows).
pub async fn apply(tx: &mut sqlx::Transaction<'_, Any>, tally: Tally) -> Result<(), DbError> {
    for ((integration, state), n) in tally.0.into_iter().filter(|(_, n)| *n != 0) {
        sqlx::query(
            "INSERT INTO snapshot_counts (integration_id, state, n) VALUES ($1, $2, $3) \
             ON CONFLICT (integration_id, state) DO UPDATE SET n = snapshot_counts.n + excluded.n",
        )
        .bind(integration)
        .bind(state)
        .bind(n)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// Adds `n` (negative: removes) to the users' count, on the connection of the transaction that added or removed them.
pub async fn add_users(conn: &mut sqlx::AnyConnection, n: i64) -> Result<(), DbError> {
    sqlx::query("UPDATE counters SET value = value + $1 WHERE name = 'users'").bind(n).execute(&mut *conn).await?;
    Ok(())
}

/// The registry's summary: users in all, and per integration its pairs in each known state.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Summary {
    pub users: i64,
    pub pairs: std::collections::HashMap<(String, StateKey), i64>,
}

impl Summary {
    /// Pairs of `integration` in `state` (unknown: the users less the known pairs, including those never checked).
    pub fn pairs(&self, integration: &CustomerIntegrationId, state: StateKey) -> i64 {
        let get = |s: StateKey| self.pairs.get(&(integration.as_str().to_owned(), s)).copied().unwrap_or(0);
        match state {
            StateKey::Unknown => {
                let known: i64 = [StateKey::Connected, StateKey::NotConnected, StateKey::NeedsReconnect].into_iter().map(get).sum();
                (self.users - known).max(0)
            }
            s => get(s),
        }
    }
}

impl Db {
    /// The kept summary for `integrations` (a few rows, whatever the registry's size).
    pub async fn summary(&self, integrations: &[CustomerIntegrationId]) -> Result<Summary, DbError> {
        let users: i64 =
            sqlx::query("SELECT value FROM counters WHERE name = 'users'").fetch_one(self.pool()).await?.try_get(0)?;
        let mut summary = Summary { users, pairs: Default::default() };
        if integrations.is_empty() {
            return Ok(summary);
        }
        let mut qb = QueryBuilder::<Any>::new("SELECT integration_id, state, n FROM snapshot_counts WHERE integration_id IN (");
        let mut list = qb.separated(", ");
        for i in integrations {
            list.push_bind(i.as_str().to_owned());
        }
        qb.push(")");
        for r in crate::platform::db::Built::new(&mut qb)?.fetch_all(self.pool()).await? {
            let (integration, state, n): (String, String, i64) = (r.try_get(0)?, r.try_get(1)?, r.try_get(2)?);
            if let Some(state) = StateKey::parse(&state) {
                summary.pairs.insert((integration, state), n);
            }
        }
        Ok(summary)
    }

    /// Counts everything again from the rows (tools and tests; the seed does it within its own transaction). Not
    /// while instances write: a write between the two statements would be counted wrongly.
    pub async fn recount(&self) -> Result<(), DbError> {
        let mut tx = self.pool().begin().await?;
        recount_on(&mut tx).await?;
        tx.commit().await?;
        Ok(())
    }
}

/// [`Db::recount`] within `tx` (the seed's, which on PostgreSQL holds the loaded tables to itself).
pub async fn recount_on(tx: &mut sqlx::Transaction<'_, Any>) -> Result<(), DbError> {
    sqlx::query("UPDATE counters SET value = (SELECT COUNT(*) FROM portal_users) WHERE name = 'users'").execute(&mut **tx).await?;
    sqlx::query("DELETE FROM snapshot_counts").execute(&mut **tx).await?;
    sqlx::query(
        "INSERT INTO snapshot_counts (integration_id, state, n) SELECT integration_id, state, COUNT(*) \
         FROM status_snapshots WHERE state <> 'unknown' GROUP BY integration_id, state",
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}
