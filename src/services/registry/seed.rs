//! Generated users, states and events for demos and the console benchmark (`plugboard seed-console`), written set by
//! set (`INSERT ... SELECT` over a generated series: PostgreSQL's `generate_series`, a recursive CTE on SQLite), not
//! row by row, with the summary counts the console reads filled at the end.
//!
//! On PostgreSQL the whole seed is one transaction that sets the tables' secondary indexes aside, loads, and builds
//! them again (a sort per index instead of millions of scattered inserts): a failure leaves the database as it was.
//! On SQLite it goes 50,000 users per transaction.

use crate::domain::{CustomerIntegrationId, EventKind};
use crate::platform::db::{ms, Db, DbError};
use chrono::{DateTime, Utc};
use sqlx::{Any, Row};

/// Users per statement (and per transaction on SQLite).
const CHUNK: i64 = 50_000;
/// Events per statement.
const EVENT_CHUNK: i64 = 500_000;
/// The tables whose secondary indexes a PostgreSQL seed builds after loading.
const LOADED: &str = "'portal_users', 'status_snapshots', 'events'";

/// The kinds generated events take, in turn (the host's feed and the console's log see a plausible mix).
const EVENT_KINDS: [EventKind; 12] = [
    EventKind::LinkMinted,
    EventKind::LinkOpened,
    EventKind::LinkUsed,
    EventKind::ConnectStarted,
    EventKind::ConnectStarted,
    EventKind::CallbackReceived,
    EventKind::CallbackReceived,
    EventKind::ConnectionCreated,
    EventKind::ConnectionLost,
    EventKind::ConnectFailed,
    EventKind::ConnectAbandoned,
    EventKind::LinkRejected,
];

/// What a seed writes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Seeded {
    pub snapshots: u64,
    pub events: u64,
}

/// The SQL of a series of user numbers `$1..=$2` (`g`), and a user's name from `g`, per database.
fn series_and_name(pg: bool) -> (&'static str, &'static str) {
    if pg {
        // (PostgreSQL's lpad cuts longer text to the width: user 123456 must stay `user-123456`.)
        (
            "WITH seq(g) AS (SELECT generate_series($1::bigint, $2::bigint))",
            "'user-' || CASE WHEN g < 100000 THEN lpad(g::text, 5, '0') ELSE g::text END",
        )
    } else {
        ("WITH RECURSIVE seq(g) AS (SELECT $1 UNION ALL SELECT g + 1 FROM seq WHERE g < $2)", "'user-' || printf('%05d', g)")
    }
}

impl Db {
    /// Fills the registry with generated users (`user-00001`...) and snapshots for `integrations`: about 45%
    /// connected, 35% not connected, 10% needing a reconnect, 10% never checked, checked over the last two days;
    /// then `events` events over the last 30 days spread over those users and integrations. Deterministic (but for
    /// the users' console references and the events' ids).
    pub async fn seed_console(
        &self,
        users: usize,
        integrations: &[CustomerIntegrationId],
        events: u64,
        now: DateTime<Utc>,
    ) -> Result<Seeded, DbError> {
        let mut tx = self.pool().begin().await?;
        let indexes = if self.is_postgres() { set_indexes_aside(&mut tx).await? } else { Vec::new() };
        let mut seeded = Seeded::default();
        let total = users as i64;
        let mut first = 1i64;
        while first <= total {
            let last = (first + CHUNK - 1).min(total);
            seeded.snapshots += self.seed_users(&mut tx, first, last, integrations, now).await?;
            if !self.is_postgres() {
                tx.commit().await?;
                tx = self.pool().begin().await?;
            }
            first = last + 1;
        }
        let mut done = 0u64;
        while done < events && total > 0 {
            let n = (events - done).min(EVENT_CHUNK as u64) as i64;
            seeded.events += self.seed_events(&mut tx, done as i64, n, events as i64, total, integrations, now).await?;
            done += n as u64;
            if !self.is_postgres() {
                tx.commit().await?;
                tx = self.pool().begin().await?;
            }
        }
        // Every user's packed snapshots (the export's row), in one statement.
        sqlx::query(&format!(
            "UPDATE portal_users SET cells = (SELECT {} FROM status_snapshots s WHERE s.user_id = portal_users.user_id)",
            super::snapshots::PACKED
        ))
        .bind(super::matrix::EXPORT_SEPARATOR.to_string())
        .execute(&mut *tx)
        .await?;
        // Users arrive here with times in the past, behind where the refresher's cursors may be: they walk again.
        sqlx::query("DELETE FROM refresh_cursors").execute(&mut *tx).await?;
        super::counts::recount_on(&mut tx).await?;
        self.rebuild_rollup_on(&mut tx).await?;
        for (name, definition) in indexes {
            tracing::info!(index = %name, "building");
            sqlx::query(&definition).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        if self.is_postgres() {
            sqlx::query(&format!("ANALYZE {}", LOADED.replace('\'', ""))).execute(self.pool()).await?;
        }
        Ok(seeded)
    }

    /// Users `first..=last` and their snapshots, in user order (so the primary key grows at its end).
    async fn seed_users(
        &self,
        tx: &mut sqlx::Transaction<'_, Any>,
        first: i64,
        last: i64,
        integrations: &[CustomerIntegrationId],
        now: DateTime<Utc>,
    ) -> Result<u64, DbError> {
        let pg = self.is_postgres();
        let (series, name) = series_and_name(pg);
        let reference =
            if pg { "substr(md5(random()::text || g::text), 1, 22)" } else { "substr(lower(hex(randomblob(16))), 1, 22)" };
        // (`WHERE true`: SQLite reads `ON CONFLICT` after a bare `FROM` as a join constraint.)
        let users_sql = format!(
            "{series} INSERT INTO portal_users (user_id, first_seen, last_seen, ref) \
             SELECT {name}, $3 - ((g * 7919) % 2592000000) - 86400000, $3 - ((g * 7919) % 2592000000), {reference} \
             FROM seq WHERE true ON CONFLICT (user_id) DO NOTHING"
        );
        sqlx::query(&users_sql).bind(first).bind(last).bind(ms(now)).execute(&mut **tx).await?;
        if integrations.is_empty() {
            return Ok(0);
        }
        // A deterministic spread per (user, integration): h in 0..100 decides the state, k the age of the check.
        // The columns as `(number, id)` pairs, parameters from $4 on.
        let cols: Vec<String> = (0..integrations.len()).map(|i| format!("(${}, ${})", 4 + 2 * i, 5 + 2 * i)).collect();
        let sql = format!(
            "{series}, cols(ii, id) AS (SELECT * FROM (VALUES {cols}) AS c), \
             spread(g, id, h) AS (SELECT g, id, ((g * 2654435761 + ii * 40503) % 1000003) FROM seq, cols) \
             INSERT INTO status_snapshots (user_id, integration_id, state, api_updated_at, checked_at, tried_at) \
             SELECT {name}, id, \
               CASE WHEN h % 100 < 45 THEN 'connected' WHEN h % 100 < 80 THEN 'not_connected' ELSE 'needs_reconnect' END, \
               CASE WHEN h % 100 BETWEEN 45 AND 79 THEN NULL ELSE $3 - (h * 172) % 172800000 - 86400000 END, \
               $3 - (h * 172) % 172800000, $3 - (h * 172) % 172800000 \
             FROM spread WHERE h % 100 < 90 ORDER BY g, id ON CONFLICT (user_id, integration_id) DO NOTHING",
            cols = cols.join(", "),
        );
        let mut q = sqlx::query(&sql).bind(first).bind(last).bind(ms(now));
        for (ii, i) in integrations.iter().enumerate() {
            q = q.bind(ii as i64 + 1).bind(i.as_str().to_owned());
        }
        Ok(q.execute(&mut **tx).await?.rows_affected())
    }

    /// Events `done + 1..=done + n` of `of`, at the feed's next positions: over the last 30 days, oldest first, by
    /// users in a scattered order, with an integration but for link events.
    #[allow(clippy::too_many_arguments)]
    async fn seed_events(
        &self,
        tx: &mut sqlx::Transaction<'_, Any>,
        done: i64,
        n: i64,
        of: i64,
        users: i64,
        integrations: &[CustomerIntegrationId],
        now: DateTime<Utc>,
    ) -> Result<u64, DbError> {
        let top: i64 = sqlx::query("UPDATE counters SET value = value + $1 WHERE name = 'events' RETURNING value")
            .bind(n)
            .fetch_one(&mut **tx)
            .await?
            .try_get(0)?;
        let base = top - n; // positions base + 1 ..= top
        let pg = self.is_postgres();
        let (series, _) = series_and_name(pg);
        let user = if pg {
            "'user-' || CASE WHEN u < 100000 THEN lpad(u::text, 5, '0') ELSE u::text END"
        } else {
            "'user-' || printf('%05d', u)"
        };
        let kinds: Vec<String> =
            EVENT_KINDS.iter().enumerate().map(|(i, k)| format!("WHEN {i} THEN '{}'", k.as_str())).collect();
        // Details as recorded: a fifth of the returns are a provider's error, the rest verified after 4 s to 10 min;
        // one start in twenty timed out; refused links had expired.
        let details: Vec<String> = EVENT_KINDS
            .iter()
            .enumerate()
            .map(|(i, k)| match k {
                EventKind::CallbackReceived => format!(
                    "WHEN {i} THEN CASE WHEN g % 5 = 0 THEN 'reported=error verified=not_connected' \
                     ELSE 'reported=success verified=connected took_ms=' || CAST((g * 7919) % 596000 + 4000 AS TEXT) END"
                ),
                EventKind::ConnectStarted => format!("WHEN {i} THEN CASE WHEN g % 20 = 0 THEN 'timeout' ELSE '' END"),
                EventKind::LinkRejected => format!("WHEN {i} THEN 'expired'"),
                _ => format!("WHEN {i} THEN ''"),
            })
            .collect();
        let columns = integrations.len().max(1) as i64;
        let mut ints: Vec<String> =
            integrations.iter().enumerate().map(|(i, _)| format!("WHEN {i} THEN ${}", i + 6)).collect();
        if ints.is_empty() {
            ints.push("WHEN 0 THEN NULL".into());
        }
        // Every ~30 days / `of` apart, ending now.
        let spacing = (2_592_000_000 / of.max(1)).max(1);
        let sql = format!(
            "{series}, e(g, k, u) AS (SELECT g, g % {kinds_n}, ((g * 7919) % $3) + 1 FROM seq) \
             INSERT INTO events (id, at, kind, user_id, integration_id, detail, pos) \
             SELECT 'seed_' || (g + $4), $5 - ({of} - g) * {spacing}, CASE k {kinds} END, {user}, \
               CASE WHEN k = 0 THEN NULL ELSE CASE (g % {columns}) {ints} END END, CASE k {details} END, g + $4 FROM e",
            kinds_n = EVENT_KINDS.len(),
            kinds = kinds.join(" "),
            ints = ints.join(" "),
            details = details.join(" "),
        );
        let mut q = sqlx::query(&sql).bind(done + 1).bind(done + n).bind(users).bind(base - done).bind(ms(now));
        for i in integrations {
            q = q.bind(i.as_str().to_owned());
        }
        Ok(q.execute(&mut **tx).await?.rows_affected())
    }

    /// How many users and snapshots the registry holds (for the seed's report).
    pub async fn registry_size(&self) -> Result<(i64, i64), DbError> {
        let users: i64 = sqlx::query("SELECT COUNT(*) FROM portal_users").fetch_one(self.pool()).await?.try_get(0)?;
        let snaps: i64 = sqlx::query("SELECT COUNT(*) FROM status_snapshots").fetch_one(self.pool()).await?.try_get(0)?;
        Ok((users, snaps))
    }
}

/// Drops the loaded tables' secondary indexes within `tx` (PostgreSQL: its DDL is transactional, so they come back
/// if the seed fails) and returns their definitions, to build again after the load. Unique ones stay (they decide
/// `ON CONFLICT`).
async fn set_indexes_aside(tx: &mut sqlx::Transaction<'_, Any>) -> Result<Vec<(String, String)>, DbError> {
    let rows = sqlx::query(&format!(
        "SELECT indexname::text, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename IN ({LOADED}) \
         AND indexdef NOT LIKE 'CREATE UNIQUE INDEX%' ORDER BY indexname"
    ))
    .fetch_all(&mut **tx)
    .await?;
    let mut out = Vec::new();
    for r in rows {
        let (name, definition): (String, String) = (r.try_get(0)?, r.try_get(1)?);
        sqlx::query(&format!("DROP INDEX \"{}\"", name.replace('"', "\"\""))).execute(&mut **tx).await?;
        out.push((name, definition));
    }
    sqlx::query("SET LOCAL maintenance_work_mem = '512MB'").execute(&mut **tx).await?;
    Ok(out)
}
