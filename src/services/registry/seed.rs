//! Generated users and states for demos and the console benchmark (`plugboard seed-console`), written set by set
//! (`INSERT ... SELECT` over a generated series: PostgreSQL's `generate_series`, a recursive CTE on SQLite), not row
//! by row: a million users and their twenty million snapshots are a few statements per chunk.

use crate::domain::CustomerIntegrationId;
use crate::platform::db::{ms, Db, DbError};
use chrono::{DateTime, Utc};
use sqlx::Row;

/// Users per transaction: big enough that statements dominate nothing, small enough to keep a transaction short.
const CHUNK: i64 = 50_000;

impl Db {
    /// Fills the registry with generated users (`user-00001`...) and snapshots for `integrations`: about 45%
    /// connected, 35% not connected, 10% needing a reconnect, 10% never checked, checked over the last two days.
    /// Deterministic (but for the users' console references). Returns the number of snapshots written.
    pub async fn seed_console(
        &self,
        users: usize,
        integrations: &[CustomerIntegrationId],
        now: DateTime<Utc>,
    ) -> Result<u64, DbError> {
        let now_ms = ms(now);
        let pg = self.is_postgres();
        // The series of user numbers, and a user's name and reference, per database.
        let series = if pg {
            "WITH seq(g) AS (SELECT generate_series($1::bigint, $2::bigint))"
        } else {
            "WITH RECURSIVE seq(g) AS (SELECT $1 UNION ALL SELECT g + 1 FROM seq WHERE g < $2)"
        };
        // (PostgreSQL's lpad cuts longer text to the width: user 123456 must stay `user-123456`.)
        let name = if pg {
            "'user-' || CASE WHEN g < 100000 THEN lpad(g::text, 5, '0') ELSE g::text END"
        } else {
            "'user-' || printf('%05d', g)"
        };
        let reference =
            if pg { "substr(md5(random()::text || g::text), 1, 22)" } else { "substr(lower(hex(randomblob(16))), 1, 22)" };
        // (`WHERE true`: SQLite reads `ON CONFLICT` after a bare `FROM` as a join constraint.)
        // A deterministic spread per (user, integration): h in 0..100 decides the state, k the age of the check.
        let spread = "((g * 2654435761 + ii * 40503) % 1000003)";
        let mut written = 0u64;
        let total = users as i64;
        let mut first = 1i64;
        while first <= total {
            let last = (first + CHUNK - 1).min(total);
            let mut tx = self.pool().begin().await?;
            let users_sql = format!(
                "{series} INSERT INTO portal_users (user_id, first_seen, last_seen, ref) \
                 SELECT {name}, $3 - ((g * 7919) % 2592000000) - 86400000, $3 - ((g * 7919) % 2592000000), {reference} \
                 FROM seq WHERE true ON CONFLICT (user_id) DO NOTHING"
            );
            sqlx::query(&users_sql).bind(first).bind(last).bind(now_ms).execute(&mut *tx).await?;
            for (ii, integration) in integrations.iter().enumerate() {
                let snapshots_sql = format!(
                    "{series}, spread(g, h) AS (SELECT g, {spread} FROM seq, (SELECT $4 AS ii) i) \
                     INSERT INTO status_snapshots (user_id, integration_id, state, api_updated_at, checked_at, tried_at) \
                     SELECT {name}, $5, \
                       CASE WHEN h % 100 < 45 THEN 'connected' WHEN h % 100 < 80 THEN 'not_connected' ELSE 'needs_reconnect' END, \
                       CASE WHEN h % 100 BETWEEN 45 AND 79 THEN NULL ELSE $3 - (h * 172) % 172800000 - 86400000 END, \
                       $3 - (h * 172) % 172800000, $3 - (h * 172) % 172800000 \
                     FROM spread WHERE h % 100 < 90 ON CONFLICT (user_id, integration_id) DO NOTHING"
                );
                let done = sqlx::query(&snapshots_sql)
                    .bind(first)
                    .bind(last)
                    .bind(now_ms)
                    .bind(ii as i64 + 1)
                    .bind(integration.as_str())
                    .execute(&mut *tx)
                    .await?;
                written += done.rows_affected();
            }
            tx.commit().await?;
            first = last + 1;
        }
        Ok(written)
    }

    /// How many users and snapshots the registry holds (for the seed's report).
    pub async fn registry_size(&self) -> Result<(i64, i64), DbError> {
        let users: i64 = sqlx::query("SELECT COUNT(*) FROM portal_users").fetch_one(self.pool()).await?.try_get(0)?;
        let snaps: i64 = sqlx::query("SELECT COUNT(*) FROM status_snapshots").fetch_one(self.pool()).await?.try_get(0)?;
        Ok((users, snaps))
    }
}
