//! The funnel's and health's roll-up: written with each event (in its transaction, [`record`]), counted again from
//! the log when needed ([`Db::rebuild_rollup_on`]), and read per window by the console (an hour's bucket per
//! integration and name: a month is at most 720 hours × integrations × 15 names, whatever the log's size).

use crate::domain::funnel::{classify, rules, Tally};
use crate::domain::{CustomerIntegrationId, EventDetail, EventKind, StateKey, UserId, UserRef};
use crate::platform::db::{from_ms, ms, Db, DbError};
use chrono::{DateTime, Utc};
use sqlx::{Any, Row};

const HOUR_MS: i64 = 3_600_000;

/// Within the event's transaction: adds it to its hour's buckets (and a verified connect's time to the timings).
pub(super) async fn record(
    tx: &mut sqlx::Transaction<'_, Any>,
    kind: EventKind,
    integration: Option<&CustomerIntegrationId>,
    detail: &EventDetail,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let tallies = classify(kind, &detail.encode());
    let integration = integration.map(|i| i.as_str().to_owned()).unwrap_or_default();
    for t in &tallies {
        sqlx::query(
            "INSERT INTO event_rollup (hour, integration_id, name, n) VALUES ($1, $2, $3, 1) \
             ON CONFLICT (hour, integration_id, name) DO UPDATE SET n = event_rollup.n + 1",
        )
        .bind(ms(now).div_euclid(HOUR_MS))
        .bind(integration.clone())
        .bind(t.as_str())
        .execute(&mut **tx)
        .await?;
        let (set, name) = match t {
            Tally::Step(s) => ("step", s.as_str()),
            Tally::DropOff(d) => ("drop_off", d.as_str()),
            Tally::Health(h) => ("health", h.as_str()),
        };
        metrics::counter!("plugboard_funnel_total", "kind" => set, "name" => name).increment(1);
    }
    if let EventDetail::Callback { verified: StateKey::Connected, took_ms: Some(took), .. } = detail {
        sqlx::query("INSERT INTO connect_timings (at, integration_id, took_ms) VALUES ($1, $2, $3)")
            .bind(ms(now))
            .bind(integration)
            .bind(*took)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// A bucket read back: hour, integration ('' for none), what it counts, how many.
#[derive(Clone, Debug, PartialEq)]
pub struct Bucket {
    pub hour: i64,
    pub integration: Option<CustomerIntegrationId>,
    pub tally: Tally,
    pub n: i64,
}

/// Median and 90th percentile of Connect → verified, in milliseconds, and of how many connects.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Timing {
    pub median_ms: i64,
    pub p90_ms: i64,
    pub of: i64,
}

/// A pair whose connection was lost, with when, and the user's console reference.
#[derive(Clone, Debug)]
pub struct LostPair {
    pub at: DateTime<Utc>,
    pub user: UserId,
    pub reference: Option<UserRef>,
    pub integration: CustomerIntegrationId,
    /// Its state now (it may have been reconnected since).
    pub state_now: StateKey,
}

impl Db {
    /// Every bucket from `since` on (whole hours: the hour `since` falls in is included).
    pub async fn rollup_since(&self, since: DateTime<Utc>) -> Result<Vec<Bucket>, DbError> {
        let rows = sqlx::query("SELECT hour, integration_id, name, n FROM event_rollup WHERE hour >= $1")
            .bind(ms(since).div_euclid(HOUR_MS))
            .fetch_all(self.pool())
            .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let (name, integration): (String, String) = (r.try_get(2)?, r.try_get(1)?);
            let Some(tally) = Tally::parse(&name) else { continue };
            out.push(Bucket {
                hour: r.try_get(0)?,
                integration: CustomerIntegrationId::parse(integration).ok(),
                tally,
                n: r.try_get(3)?,
            });
        }
        Ok(out)
    }

    /// Connect → verified since `since`: overall (`None`) and per integration, exact (nearest rank).
    pub async fn connect_timings(&self, since: DateTime<Utc>) -> Result<Vec<(Option<CustomerIntegrationId>, Timing)>, DbError> {
        // Nearest rank: the median is the ⌈n/2⌉-th, the 90th percentile the ⌈9n/10⌉-th, in order of time taken.
        let ranked = |group: &str, partition: &str| {
            format!(
                "SELECT {group}, took_ms, n, r FROM (SELECT integration_id, took_ms, \
                 ROW_NUMBER() OVER ({partition} ORDER BY took_ms) AS r, COUNT(*) OVER ({partition}) AS n \
                 FROM connect_timings WHERE at >= $1) t WHERE r = (n + 1) / 2 OR r = (9 * n + 9) / 10"
            )
        };
        let sql = format!("{} UNION ALL {}", ranked("'*'", ""), ranked("integration_id", "PARTITION BY integration_id"));
        let rows = sqlx::query(&sql).bind(ms(since)).fetch_all(self.pool()).await?;
        let mut out: Vec<(Option<CustomerIntegrationId>, Timing)> = Vec::new();
        for r in rows {
            let (group, took, n, rank): (String, i64, i64, i64) = (r.try_get(0)?, r.try_get(1)?, r.try_get(2)?, r.try_get(3)?);
            let key = if group == "*" { None } else { CustomerIntegrationId::parse(group).ok() };
            let at = match out.iter().position(|(k, _)| *k == key) {
                Some(i) => i,
                None => {
                    out.push((key, Timing { of: n, ..Timing::default() }));
                    out.len() - 1
                }
            };
            if rank == (n + 1) / 2 {
                out[at].1.median_ms = took;
            }
            if rank == (9 * n + 9) / 10 {
                out[at].1.p90_ms = took;
            }
        }
        Ok(out)
    }

    /// The latest `limit` `connection.lost` events, newest first, of those since `since`, with each pair's state
    /// now. Read along (kind, position) from the newest: at most `limit` rows, however long the log.
    pub async fn lost_since(&self, since: DateTime<Utc>, limit: i64) -> Result<Vec<LostPair>, DbError> {
        let rows = sqlx::query(
            "SELECT e.at, e.user_id, p.ref, e.integration_id, s.state FROM \
             (SELECT at, user_id, integration_id, pos FROM events WHERE kind = 'connection.lost' ORDER BY pos DESC LIMIT $1) e \
             LEFT JOIN portal_users p ON p.user_id = e.user_id \
             LEFT JOIN status_snapshots s ON s.user_id = e.user_id AND s.integration_id = e.integration_id \
             ORDER BY e.pos DESC",
        )
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        let mut out = Vec::new();
        for r in rows {
            let (Some(user), Some(integration)) = (r.try_get::<Option<String>, _>(1)?, r.try_get::<Option<String>, _>(3)?) else {
                continue;
            };
            let (Ok(user), Ok(integration)) = (UserId::parse(user), CustomerIntegrationId::parse(integration)) else { continue };
            let at = from_ms(r.try_get(0)?);
            if at < since {
                break;
            }
            out.push(LostPair {
                at,
                user,
                reference: r.try_get::<Option<String>, _>(2)?.map(UserRef::from_url),
                integration,
                state_now: r.try_get::<Option<String>, _>(4)?.as_deref().and_then(StateKey::parse).unwrap_or(StateKey::Unknown),
            });
        }
        Ok(out)
    }

    /// Counts the whole log again into the roll-up and the timings, within `tx` (appends wait: the feed's counter is
    /// taken first, as every append takes it).
    pub async fn rebuild_rollup_on(&self, tx: &mut sqlx::Transaction<'_, Any>) -> Result<(), DbError> {
        sqlx::query("UPDATE counters SET value = value WHERE name = 'events'").execute(&mut **tx).await?;
        sqlx::query("DELETE FROM event_rollup").execute(&mut **tx).await?;
        sqlx::query("DELETE FROM connect_timings").execute(&mut **tx).await?;
        let rules = rules();
        let values: Vec<String> =
            (0..rules.len()).map(|i| format!("(${}, ${}, ${})", 3 * i + 1, 3 * i + 2, 3 * i + 3)).collect();
        let sql = format!(
            "INSERT INTO event_rollup (hour, integration_id, name, n) \
             WITH r(kind, pattern, name) AS (VALUES {}) \
             SELECT e.at / {HOUR_MS}, COALESCE(e.integration_id, ''), r.name, COUNT(*) FROM events e \
             JOIN r ON e.kind = r.kind AND e.detail LIKE r.pattern \
             GROUP BY e.at / {HOUR_MS}, COALESCE(e.integration_id, ''), r.name",
            values.join(", ")
        );
        let mut q = sqlx::query(&sql);
        for r in &rules {
            q = q.bind(r.kind.as_str()).bind(r.pattern.clone()).bind(r.tally.as_str());
        }
        q.execute(&mut **tx).await?;
        let find = if self.is_postgres() { "strpos(detail, 'took_ms=')" } else { "instr(detail, 'took_ms=')" };
        sqlx::query(&format!(
            "INSERT INTO connect_timings (at, integration_id, took_ms) \
             SELECT at, COALESCE(integration_id, ''), CAST(substr(detail, {find} + 8) AS BIGINT) FROM events \
             WHERE kind = 'callback_received' AND detail LIKE '%verified=connected took_ms=%'"
        ))
        .execute(&mut **tx)
        .await?;
        sqlx::query("UPDATE counters SET value = 0 WHERE name = 'rollup_stale'").execute(&mut **tx).await?;
        Ok(())
    }

    /// At start: counts the log into the roll-up once, if it was recorded before the roll-up existed.
    pub async fn ensure_rollup(&self) -> Result<bool, DbError> {
        let mut tx = self.pool().begin().await?;
        // Taking the row first: a second instance starting at once waits here, then finds it done.
        let stale: i64 = sqlx::query("UPDATE counters SET value = value WHERE name = 'rollup_stale' RETURNING value")
            .fetch_optional(&mut *tx)
            .await?
            .map(|r| r.try_get(0))
            .transpose()?
            .unwrap_or(0);
        if stale == 0 {
            return Ok(false);
        }
        self.rebuild_rollup_on(&mut tx).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Forgets buckets and timings older than `before` (kept longer than events: they name nobody).
    pub async fn delete_old_rollup(&self, before: DateTime<Utc>) -> Result<(), DbError> {
        sqlx::query("DELETE FROM event_rollup WHERE hour < $1").bind(ms(before).div_euclid(HOUR_MS)).execute(self.pool()).await?;
        sqlx::query("DELETE FROM connect_timings WHERE at < $1").bind(ms(before)).execute(self.pool()).await?;
        Ok(())
    }
}
