//! The funnel's and health's roll-up: written with each event (in its transaction, [`record`]), counted again from
//! the log when needed ([`Db::rebuild_rollup_on`]), and read per window by the console (an hour's bucket per
//! integration and name: a month is at most 720 hours × integrations × 15 names, whatever the log's size).

use crate::domain::funnel::{classify, percentile, rules, timing_bucket, timing_edges, Tally, TIMING_BUCKETS};
use crate::domain::{ConnectProblem, CustomerIntegrationId, EventDetail, EventKind, StateKey, UserId, UserRef};
use crate::platform::db::{from_ms, ms, Db, DbError};
use chrono::{DateTime, Utc};
use sqlx::{Any, Row};

const HOUR_MS: i64 = 3_600_000;
/// In SQL, the integration an event is counted under: none for a start refused because its integration is not on
/// the list (that id is whatever the client sent), as [`record`] does.
const UNLISTED_START_BUCKET: &str =
    "CASE WHEN e.kind = 'connect_started' AND e.detail = 'unknown_integration' THEN '' ELSE COALESCE(e.integration_id, '') END";

/// Within the event's transaction: adds it to its hour's buckets (and a verified connect's time to the timings).
pub(super) async fn record(
    tx: &mut sqlx::Transaction<'_, Any>,
    kind: EventKind,
    integration: Option<&CustomerIntegrationId>,
    detail: &EventDetail,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let tallies = classify(kind, &detail.encode());
    let integration = match detail {
        EventDetail::ConnectFailed(ConnectProblem::UnknownIntegration) => String::new(),
        _ => integration.map(|i| i.as_str().to_owned()).unwrap_or_default(),
    };
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
        let bucket = timing_bucket(*took) as i64;
        let hour = ms(now).div_euclid(HOUR_MS);
        for (table, key, at) in [("timing_hourly", "hour", hour), ("timing_daily", "day", hour.div_euclid(24))] {
            sqlx::query(&format!(
                "INSERT INTO {table} ({key}, integration_id, bucket, n) VALUES ($1, $2, $3, 1) \
                 ON CONFLICT ({key}, integration_id, bucket) DO UPDATE SET n = {table}.n + 1"
            ))
            .bind(at)
            .bind(integration.clone())
            .bind(bucket)
            .execute(&mut **tx)
            .await?;
        }
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

/// Median and 90th percentile of Connect → verified, in milliseconds (within 5%: read from buckets 10% wide), and of
/// how many connects.
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

    /// Connect → verified since `since` (whole hours) until `now`: overall (`None`) and per integration, nearest rank
    /// over the buckets. Whole UTC days come from the daily histograms, the ragged ends from the hourly ones: a month
    /// reads about 30 + 47 rows per integration and bucket used, however many connects there were.
    pub async fn connect_timings(
        &self,
        since: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<Vec<(Option<CustomerIntegrationId>, Timing)>, DbError> {
        let (start, end) = (ms(since).div_euclid(HOUR_MS), ms(now).div_euclid(HOUR_MS));
        // Whole days strictly after the first one and before today; hours before the first whole day and from today.
        let (first_day, today) = (start.div_euclid(24), end.div_euclid(24));
        let head_end = ((first_day + 1) * 24).min(today * 24).max(start);
        let tail_start = (today * 24).max(start);
        let rows = sqlx::query(
            "SELECT integration_id, bucket, CAST(SUM(n) AS BIGINT) FROM ( \
               SELECT integration_id, bucket, n FROM timing_daily WHERE day > $1 AND day < $2 \
               UNION ALL SELECT integration_id, bucket, n FROM timing_hourly WHERE hour >= $3 AND hour < $4 \
               UNION ALL SELECT integration_id, bucket, n FROM timing_hourly WHERE hour >= $5 \
             ) t GROUP BY integration_id, bucket",
        )
        .bind(first_day)
        .bind(today)
        .bind(start)
        .bind(head_end)
        .bind(tail_start)
        .fetch_all(self.pool())
        .await?;
        let mut overall = vec![0i64; TIMING_BUCKETS];
        let mut per: Vec<(CustomerIntegrationId, Vec<i64>)> = Vec::new();
        for r in rows {
            let (id, bucket, n): (String, i64, i64) = (r.try_get(0)?, r.try_get(1)?, r.try_get(2)?);
            let Some(bucket) = usize::try_from(bucket).ok().filter(|b| *b < TIMING_BUCKETS) else { continue };
            overall[bucket] += n;
            let Ok(id) = CustomerIntegrationId::parse(id) else { continue };
            match per.iter_mut().find(|(k, _)| *k == id) {
                Some((_, h)) => h[bucket] += n,
                None => {
                    let mut h = vec![0i64; TIMING_BUCKETS];
                    h[bucket] = n;
                    per.push((id, h));
                }
            }
        }
        let timing = |h: &[i64]| {
            Some(Timing { median_ms: percentile(h, 50)?, p90_ms: percentile(h, 90)?, of: h.iter().sum() })
        };
        let mut out: Vec<(Option<CustomerIntegrationId>, Timing)> = timing(&overall).map(|t| (None, t)).into_iter().collect();
        out.extend(per.iter().filter_map(|(id, h)| timing(h).map(|t| (Some(id.clone()), t))));
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
        sqlx::query("DELETE FROM timing_hourly").execute(&mut **tx).await?;
        sqlx::query("DELETE FROM timing_daily").execute(&mut **tx).await?;
        let rules = rules();
        let values: Vec<String> =
            (0..rules.len()).map(|i| format!("(${}, ${}, ${})", 3 * i + 1, 3 * i + 2, 3 * i + 3)).collect();
        let sql = format!(
            "INSERT INTO event_rollup (hour, integration_id, name, n) \
             WITH r(kind, pattern, name) AS (VALUES {}) \
             SELECT e.at / {HOUR_MS}, {bucket}, r.name, COUNT(*) FROM events e \
             JOIN r ON e.kind = r.kind AND e.detail LIKE r.pattern \
             GROUP BY e.at / {HOUR_MS}, {bucket}, r.name",
            values.join(", "),
            bucket = UNLISTED_START_BUCKET,
        );
        let mut q = sqlx::query(&sql);
        for r in &rules {
            q = q.bind(r.kind.as_str()).bind(r.pattern.clone()).bind(r.tally.as_str());
        }
        q.execute(&mut **tx).await?;
        // Each verified connect's time, read from its stored detail (`... took_ms=N`, last), into its bucket: a CASE
        // over the same edges Rust uses.
        let find = if self.is_postgres() { "strpos(detail, 'took_ms=')" } else { "instr(detail, 'took_ms=')" };
        let ladder: Vec<String> = timing_edges().iter().enumerate().skip(1).rev().map(|(b, e)| format!("WHEN took >= {e} THEN {b}")).collect();
        let timed = format!(
            "SELECT at / {HOUR_MS} AS hour, COALESCE(integration_id, '') AS integration_id, \
             CASE {} ELSE 0 END AS bucket FROM (SELECT at, integration_id, CAST(substr(detail, {find} + 8) AS BIGINT) AS took \
             FROM events WHERE kind = 'callback_received' AND detail LIKE '%verified=connected took_ms=%') x",
            ladder.join(" ")
        );
        sqlx::query(&format!(
            "INSERT INTO timing_hourly (hour, integration_id, bucket, n) SELECT hour, integration_id, bucket, COUNT(*) \
             FROM ({timed}) t GROUP BY hour, integration_id, bucket"
        ))
        .execute(&mut **tx)
        .await?;
        sqlx::query(
            "INSERT INTO timing_daily (day, integration_id, bucket, n) SELECT hour / 24, integration_id, bucket, SUM(n) \
             FROM timing_hourly GROUP BY hour / 24, integration_id, bucket",
        )
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
        let hour = ms(before).div_euclid(HOUR_MS);
        sqlx::query("DELETE FROM timing_hourly WHERE hour < $1").bind(hour).execute(self.pool()).await?;
        sqlx::query("DELETE FROM timing_daily WHERE day < $1").bind(hour.div_euclid(24)).execute(self.pool()).await?;
        Ok(())
    }
}
