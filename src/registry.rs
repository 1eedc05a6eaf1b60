//! What the admin console will read: the users registry, a status snapshot per (user, integration), and an
//! append-only event history. Written as things happen (links, page views, connects, callbacks). Server only.

use crate::db::{Db, DbError};
use crate::domain::{ConnState, CustomerIntegrationId, UserId};
use chrono::{DateTime, Utc};
use sqlx::Row;

/// Kinds of events, as stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventKind {
    LinkMinted,
    LinkUsed,
    LinkRejected,
    ConnectStarted,
    CallbackReceived,
    AdminSignedIn,
    AdminSignedOut,
    AdminUserAdded,
    AdminChecked,
    AdminExported,
}

impl EventKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            EventKind::LinkMinted => "link_minted",
            EventKind::LinkUsed => "link_used",
            EventKind::LinkRejected => "link_rejected",
            EventKind::ConnectStarted => "connect_started",
            EventKind::CallbackReceived => "callback_received",
            EventKind::AdminSignedIn => "admin_signed_in",
            EventKind::AdminSignedOut => "admin_signed_out",
            EventKind::AdminUserAdded => "admin_user_added",
            EventKind::AdminChecked => "admin_checked",
            EventKind::AdminExported => "admin_exported",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    pub at: DateTime<Utc>,
    pub kind: String,
    pub user: Option<String>,
    pub integration: Option<String>,
    pub detail: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Snapshot {
    pub integration: String,
    pub state: String,
    pub api_updated_at: Option<DateTime<Utc>>,
    pub checked_at: DateTime<Utc>,
}

/// Upsert of one snapshot. `Unknown` never overwrites a known state (it is not news about the connection), but
/// it does count as a try, so the refresher moves on to other pairs.
fn snapshot_sql(state: &ConnState) -> &'static str {
    if matches!(state, ConnState::Unknown) {
        "INSERT INTO status_snapshots (user_id, integration_id, state, api_updated_at, checked_at, tried_at) \
         VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT (user_id, integration_id) DO UPDATE SET tried_at = excluded.tried_at"
    } else {
        "INSERT INTO status_snapshots (user_id, integration_id, state, api_updated_at, checked_at, tried_at) \
         VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT (user_id, integration_id) DO UPDATE SET \
         state = excluded.state, api_updated_at = excluded.api_updated_at, checked_at = excluded.checked_at, \
         tried_at = excluded.tried_at"
    }
}

fn ms(t: DateTime<Utc>) -> i64 {
    t.timestamp_millis()
}
fn from_ms(v: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(v).unwrap_or_default()
}

impl Db {
    /// Adds the user or bumps `last_seen`.
    pub async fn touch_user(&self, user: &UserId, now: DateTime<Utc>) -> Result<(), DbError> {
        sqlx::query(
            "INSERT INTO portal_users (user_id, first_seen, last_seen, ref) VALUES ($1, $2, $2, $3) \
             ON CONFLICT (user_id) DO UPDATE SET last_seen = excluded.last_seen",
        )
        .bind(user.as_str())
        .bind(ms(now))
        .bind(new_ref())
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// Appends an event.
    pub async fn record_event(
        &self,
        kind: EventKind,
        user: Option<&UserId>,
        integration: Option<&CustomerIntegrationId>,
        detail: &str,
        now: DateTime<Utc>,
    ) -> Result<(), DbError> {
        sqlx::query(
            "INSERT INTO events (id, at, kind, user_id, integration_id, detail) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(uuid::Uuid::new_v4().simple().to_string())
        .bind(ms(now))
        .bind(kind.as_str())
        .bind(user.map(|u| u.as_str().to_owned()))
        .bind(integration.map(|i| i.as_str().to_owned()))
        .bind(detail)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// Stores what a live check saw. `Unknown` never overwrites a known state: it is not news about the connection.
    pub async fn record_snapshot(
        &self,
        user: &UserId,
        integration: &CustomerIntegrationId,
        state: &ConnState,
        now: DateTime<Utc>,
    ) -> Result<(), DbError> {
        let api_updated_at = match state {
            ConnState::Connected { since } | ConnState::NeedsReconnect { since } => Some(ms(*since)),
            ConnState::NotConnected | ConnState::Unknown => None,
        };
        sqlx::query(snapshot_sql(state))
            .bind(user.as_str())
            .bind(integration.as_str())
            .bind(state.key())
            .bind(api_updated_at)
            .bind(ms(now))
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Several observations in one transaction.
    pub async fn record_snapshots(&self, batch: &[Observation]) -> Result<(), DbError> {
        let mut tx = self.pool().begin().await?;
        for o in batch {
            let api_updated_at = match &o.state {
                ConnState::Connected { since } | ConnState::NeedsReconnect { since } => Some(ms(*since)),
                ConnState::NotConnected | ConnState::Unknown => None,
            };
            sqlx::query(snapshot_sql(&o.state))
                .bind(o.user.as_str())
                .bind(o.integration.as_str())
                .bind(o.state.key())
                .bind(api_updated_at)
                .bind(ms(o.at))
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    pub async fn snapshots(&self, user: &UserId) -> Result<Vec<Snapshot>, DbError> {
        let rows = sqlx::query(
            "SELECT integration_id, state, api_updated_at, checked_at FROM status_snapshots WHERE user_id = $1 \
             ORDER BY integration_id",
        )
        .bind(user.as_str())
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(Snapshot {
                    integration: r.try_get(0)?,
                    state: r.try_get(1)?,
                    api_updated_at: r.try_get::<Option<i64>, _>(2)?.map(from_ms),
                    checked_at: from_ms(r.try_get(3)?),
                })
            })
            .collect()
    }

    /// A user's events, newest first.
    pub async fn events_for(&self, user: &UserId, limit: i64) -> Result<Vec<Event>, DbError> {
        let q = EventQuery { user: Some(user.as_str()), ..Default::default() };
        Ok(self.events(&q, 0, limit).await?.into_iter().map(|(e, _)| e).collect())
    }

    pub async fn user_seen(&self, user: &UserId) -> Result<Option<(DateTime<Utc>, DateTime<Utc>)>, DbError> {
        Ok(self.user_info(user).await?.map(|i| (i.first_seen, i.last_seen)))
    }
}

/// Records without failing the request: the registry is for the console, the user's flow comes first.
/// A state seen by a live check, on its way to the snapshot table.
pub struct Observation {
    pub user: UserId,
    pub integration: CustomerIntegrationId,
    pub state: ConnState,
    pub at: DateTime<Utc>,
}

/// Writes snapshots off the request path, many per transaction: a page view observes a state per card, and one
/// commit per card would cost more than the page.
#[derive(Clone)]
pub struct SnapshotWriter(tokio::sync::mpsc::Sender<Observation>);

impl SnapshotWriter {
    pub fn spawn(db: Db) -> Self {
        let (tx, mut rx) = tokio::sync::mpsc::channel::<Observation>(10_000);
        tokio::spawn(async move {
            while let Some(first) = rx.recv().await {
                let mut batch = vec![first];
                while batch.len() < 1000 {
                    match rx.try_recv() {
                        Ok(o) => batch.push(o),
                        Err(_) => break,
                    }
                }
                if let Err(e) = db.record_snapshots(&batch).await {
                    tracing::warn!(error = %e, count = batch.len(), "writing status snapshots failed");
                }
            }
        });
        SnapshotWriter(tx)
    }

    /// Queues an observation; when the queue is full the observation is dropped (the next view brings a fresh one).
    pub fn observe(&self, o: Observation) {
        if self.0.try_send(o).is_err() {
            tracing::warn!("status snapshot queue is full; an observation was dropped");
        }
    }
}

pub async fn best_effort(what: &'static str, work: impl std::future::Future<Output = Result<(), DbError>>) {
    if let Err(e) = work.await {
        tracing::warn!(error = %e, what, "recording for the admin console failed");
    }
}

/// A fresh opaque reference for a user: the console's URLs carry it instead of the user id.
fn new_ref() -> String {
    crate::secrets::random_token().chars().take(22).collect()
}

/// A user as the registry knows them.
#[derive(Clone, Debug, PartialEq)]
pub struct UserInfo {
    pub user: String,
    pub reference: String,
    pub first_seen: DateTime<Utc>,
    pub last_seen: DateTime<Utc>,
}

/// What the matrix is filtered by. `integrations` are the columns (one when filtered by integration).
#[derive(Clone, Debug, Default)]
pub struct MatrixQuery<'a> {
    /// Part of a user id, any case.
    pub search: &'a str,
    /// A state key: users with that state in at least one of the columns.
    pub state: Option<&'a str>,
    pub integrations: &'a [String],
}

/// Counts of one integration's column, over the filtered users.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ColumnCounts {
    pub integration: String,
    pub connected: i64,
    pub not_connected: i64,
    pub needs_reconnect: i64,
    pub unknown: i64,
}

/// One row of the matrix: a user and their snapshots (only the columns asked for).
#[derive(Clone, Debug)]
pub struct MatrixRow {
    pub user: UserInfo,
    pub snapshots: Vec<Snapshot>,
}

/// How rows are ordered: the console pages by recency, the export walks user ids.
pub enum Order<'a> {
    Recent { offset: i64 },
    ById { after: Option<&'a str> },
}

/// SQL built at run time with numbered parameters (`$1`...), which SQLite and PostgreSQL both read.
#[derive(Default)]
struct Sql {
    text: String,
    args: Vec<Arg>,
}

enum Arg {
    Text(String),
    Int(i64),
}

impl Sql {
    fn text(&mut self, v: impl Into<String>) -> String {
        self.args.push(Arg::Text(v.into()));
        format!("${}", self.args.len())
    }
    fn int(&mut self, v: i64) -> String {
        self.args.push(Arg::Int(v));
        format!("${}", self.args.len())
    }
    fn list(&mut self, values: &[String]) -> String {
        values.iter().map(|v| self.text(v.clone())).collect::<Vec<_>>().join(", ")
    }
    fn query(&self) -> sqlx::query::Query<'_, sqlx::Any, sqlx::any::AnyArguments<'_>> {
        let mut q = sqlx::query(&self.text);
        for a in &self.args {
            q = match a {
                Arg::Text(s) => q.bind(s.clone()),
                Arg::Int(i) => q.bind(*i),
            };
        }
        q
    }
}

/// `%part%` for LIKE, with the wildcards in `part` taken literally (escape character `\`).
fn like_pattern(part: &str) -> String {
    let mut p = String::from("%");
    for c in part.to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(c);
    }
    p.push('%');
    p
}

/// The WHERE clause selecting the users of a matrix query (alias `u`), or "" for all.
fn user_filter(q: &MatrixQuery<'_>, sql: &mut Sql) -> String {
    let mut conds = Vec::new();
    let search = q.search.trim();
    if !search.is_empty() {
        let p = sql.text(like_pattern(search));
        conds.push(format!("LOWER(u.user_id) LIKE {p} ESCAPE '\\'"));
    }
    match q.state {
        None => {}
        Some(_) if q.integrations.is_empty() => conds.push("1 = 0".to_owned()),
        // Both read the (integration, state, user) index once, rather than probing it per user.
        Some("unknown") => {
            let list = sql.list(q.integrations);
            let n = sql.int(q.integrations.len() as i64);
            conds.push(format!(
                "u.user_id NOT IN (SELECT s.user_id FROM status_snapshots s WHERE s.state <> 'unknown' \
                 AND s.integration_id IN ({list}) GROUP BY s.user_id HAVING COUNT(*) >= {n})"
            ));
        }
        Some(state) => {
            let st = sql.text(state);
            let list = sql.list(q.integrations);
            conds.push(format!(
                "u.user_id IN (SELECT s.user_id FROM status_snapshots s WHERE s.state = {st} \
                 AND s.integration_id IN ({list}))"
            ));
        }
    }
    if conds.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", conds.join(" AND "))
    }
}

fn user_info(r: &sqlx::any::AnyRow) -> Result<UserInfo, DbError> {
    Ok(UserInfo {
        user: r.try_get(0)?,
        reference: r.try_get::<Option<String>, _>(1)?.unwrap_or_default(),
        first_seen: from_ms(r.try_get(2)?),
        last_seen: from_ms(r.try_get(3)?),
    })
}

fn snapshot(r: &sqlx::any::AnyRow, first: usize) -> Result<Snapshot, DbError> {
    Ok(Snapshot {
        integration: r.try_get(first)?,
        state: r.try_get(first + 1)?,
        api_updated_at: r.try_get::<Option<i64>, _>(first + 2)?.map(from_ms),
        checked_at: from_ms(r.try_get(first + 3)?),
    })
}

impl Db {
    /// Gives users recorded before references existed their reference (run at start).
    pub async fn backfill_refs(&self) -> Result<(), DbError> {
        let rows = sqlx::query("SELECT user_id FROM portal_users WHERE ref IS NULL").fetch_all(self.pool()).await?;
        for r in rows {
            let user: String = r.try_get(0)?;
            sqlx::query("UPDATE portal_users SET ref = $1 WHERE user_id = $2 AND ref IS NULL")
                .bind(new_ref())
                .bind(user)
                .execute(self.pool())
                .await?;
        }
        Ok(())
    }

    /// Adds a user by hand (last seen stays as it was for a known user). Returns the user's reference.
    pub async fn add_user(&self, user: &UserId, now: DateTime<Utc>) -> Result<UserInfo, DbError> {
        sqlx::query(
            "INSERT INTO portal_users (user_id, first_seen, last_seen, ref) VALUES ($1, $2, $2, $3) \
             ON CONFLICT (user_id) DO NOTHING",
        )
        .bind(user.as_str())
        .bind(ms(now))
        .bind(new_ref())
        .execute(self.pool())
        .await?;
        self.user_info(user).await?.ok_or(DbError::Sqlx(sqlx::Error::RowNotFound))
    }

    pub async fn user_info(&self, user: &UserId) -> Result<Option<UserInfo>, DbError> {
        let row = sqlx::query("SELECT user_id, ref, first_seen, last_seen FROM portal_users WHERE user_id = $1")
            .bind(user.as_str())
            .fetch_optional(self.pool())
            .await?;
        row.as_ref().map(user_info).transpose()
    }

    pub async fn user_by_ref(&self, reference: &str) -> Result<Option<UserInfo>, DbError> {
        let row = sqlx::query("SELECT user_id, ref, first_seen, last_seen FROM portal_users WHERE ref = $1")
            .bind(reference)
            .fetch_optional(self.pool())
            .await?;
        row.as_ref().map(user_info).transpose()
    }

    /// How many users there are in all, and how many match the query.
    pub async fn matrix_totals(&self, q: &MatrixQuery<'_>) -> Result<(i64, i64), DbError> {
        let all: i64 = sqlx::query("SELECT COUNT(*) FROM portal_users").fetch_one(self.pool()).await?.try_get(0)?;
        let mut sql = Sql::default();
        let filter = user_filter(q, &mut sql);
        if filter.is_empty() {
            return Ok((all, all));
        }
        sql.text = format!("SELECT COUNT(*) FROM portal_users u{filter}");
        let matching: i64 = sql.query().fetch_one(self.pool()).await?.try_get(0)?;
        Ok((all, matching))
    }

    /// One page of matrix rows.
    pub async fn matrix_rows(&self, q: &MatrixQuery<'_>, order: Order<'_>, limit: i64) -> Result<Vec<MatrixRow>, DbError> {
        let mut sql = Sql::default();
        let mut filter = user_filter(q, &mut sql);
        let by_id = matches!(order, Order::ById { .. });
        let order_by = match order {
            Order::Recent { offset } => {
                let (l, o) = (sql.int(limit), sql.int(offset));
                format!(" ORDER BY u.last_seen DESC, u.user_id LIMIT {l} OFFSET {o}")
            }
            Order::ById { after } => {
                if let Some(after) = after {
                    let a = sql.text(after);
                    filter = if filter.is_empty() {
                        format!(" WHERE u.user_id > {a}")
                    } else {
                        format!("{filter} AND u.user_id > {a}")
                    };
                }
                let l = sql.int(limit);
                format!(" ORDER BY u.user_id LIMIT {l}")
            }
        };
        sql.text = format!("SELECT u.user_id, u.ref, u.first_seen, u.last_seen FROM portal_users u{filter}{order_by}");
        let users = sql.query().fetch_all(self.pool()).await?.iter().map(user_info).collect::<Result<Vec<_>, _>>()?;
        if users.is_empty() || q.integrations.is_empty() {
            return Ok(users.into_iter().map(|user| MatrixRow { user, snapshots: vec![] }).collect());
        }
        // Read by the primary key (user first); columns and users not asked for are dropped here.
        let mut cells = Sql::default();
        let ids: Vec<String> = users.iter().map(|u| u.user.clone()).collect();
        let which = if by_id {
            // The export's chunks are consecutive in the database's own user id order: one range scan from the
            // first to the last (not Rust's min and max: PostgreSQL may collate differently).
            let lo = cells.text(ids.first().cloned().unwrap_or_default());
            let hi = cells.text(ids.last().cloned().unwrap_or_default());
            format!("user_id >= {lo} AND user_id <= {hi}")
        } else {
            format!("user_id IN ({})", cells.list(&ids))
        };
        cells.text = format!(
            "SELECT user_id, integration_id, state, api_updated_at, checked_at FROM status_snapshots WHERE {which}"
        );
        let mut by_user: std::collections::HashMap<String, Vec<Snapshot>> =
            ids.iter().map(|u| (u.clone(), Vec::new())).collect();
        let columns: std::collections::HashSet<&str> = q.integrations.iter().map(String::as_str).collect();
        for r in cells.query().fetch_all(self.pool()).await? {
            let user: String = r.try_get(0)?;
            let integration: String = r.try_get(1)?;
            if let Some(list) = by_user.get_mut(&user).filter(|_| columns.contains(integration.as_str())) {
                list.push(snapshot(&r, 1)?);
            }
        }
        Ok(users
            .into_iter()
            .map(|user| {
                let snapshots = by_user.remove(&user.user).unwrap_or_default();
                MatrixRow { user, snapshots }
            })
            .collect())
    }

    /// Summary counts per column over the users the query selects. Pairs never checked count as unknown.
    pub async fn matrix_counts(&self, q: &MatrixQuery<'_>, matching: i64) -> Result<Vec<ColumnCounts>, DbError> {
        if q.integrations.is_empty() {
            return Ok(vec![]);
        }
        let mut sql = Sql::default();
        let filter = user_filter(q, &mut sql);
        let list = sql.list(q.integrations);
        let users = if filter.is_empty() {
            String::new()
        } else {
            format!(" AND s.user_id IN (SELECT u.user_id FROM portal_users u{filter})")
        };
        sql.text = format!(
            "SELECT s.integration_id, s.state, COUNT(*) FROM status_snapshots s WHERE s.integration_id IN ({list}){users} \
             GROUP BY s.integration_id, s.state"
        );
        let mut counts: Vec<ColumnCounts> = q
            .integrations
            .iter()
            .map(|i| ColumnCounts { integration: i.clone(), ..Default::default() })
            .collect();
        for r in sql.query().fetch_all(self.pool()).await? {
            let (integration, state, n): (String, String, i64) = (r.try_get(0)?, r.try_get(1)?, r.try_get(2)?);
            if let Some(c) = counts.iter_mut().find(|c| c.integration == integration) {
                match state.as_str() {
                    "connected" => c.connected += n,
                    "not_connected" => c.not_connected += n,
                    "needs_reconnect" => c.needs_reconnect += n,
                    _ => {}
                }
            }
        }
        for c in &mut counts {
            c.unknown = (matching - c.connected - c.not_connected - c.needs_reconnect).max(0);
        }
        Ok(counts)
    }

    /// Events, newest first, filtered by exact user id, integration id and kind. One more than `limit` is asked
    /// for, so the caller knows whether there is a next page.
    pub async fn events(&self, f: &EventQuery<'_>, offset: i64, limit: i64) -> Result<Vec<(Event, Option<String>)>, DbError> {
        let mut sql = Sql::default();
        let mut conds = Vec::new();
        if let Some(u) = f.user {
            conds.push(format!("e.user_id = {}", sql.text(u)));
        }
        if let Some(i) = f.integration {
            conds.push(format!("e.integration_id = {}", sql.text(i)));
        }
        if let Some(k) = f.kind {
            conds.push(format!("e.kind = {}", sql.text(k)));
        }
        let filter = if conds.is_empty() { String::new() } else { format!(" WHERE {}", conds.join(" AND ")) };
        let (l, o) = (sql.int(limit), sql.int(offset));
        sql.text = format!(
            "SELECT e.at, e.kind, e.user_id, e.integration_id, e.detail, p.ref FROM events e \
             LEFT JOIN portal_users p ON p.user_id = e.user_id{filter} ORDER BY e.at DESC, e.id DESC LIMIT {l} OFFSET {o}"
        );
        sql.query()
            .fetch_all(self.pool())
            .await?
            .iter()
            .map(|r| {
                Ok((
                    Event {
                        at: from_ms(r.try_get(0)?),
                        kind: r.try_get(1)?,
                        user: r.try_get(2)?,
                        integration: r.try_get(3)?,
                        detail: r.try_get(4)?,
                    },
                    r.try_get(5)?,
                ))
            })
            .collect()
    }

    /// Pairs never checked, for the refresher: per integration, users in the order they arrived.
    pub async fn unchecked_pairs(&self, integrations: &[String], limit: i64) -> Result<Vec<(String, String)>, DbError> {
        let mut out = Vec::new();
        for i in integrations {
            if out.len() as i64 >= limit {
                break;
            }
            let rows = sqlx::query(
                "SELECT u.user_id FROM portal_users u WHERE NOT EXISTS (SELECT 1 FROM status_snapshots s \
                 WHERE s.user_id = u.user_id AND s.integration_id = $1) ORDER BY u.first_seen, u.user_id LIMIT $2",
            )
            .bind(i.clone())
            .bind(limit - out.len() as i64)
            .fetch_all(self.pool())
            .await?;
            for r in rows {
                out.push((r.try_get(0)?, i.clone()));
            }
        }
        Ok(out)
    }

    /// Pairs last tried before `before`, oldest first, for the refresher.
    pub async fn oldest_pairs(
        &self,
        integrations: &[String],
        before: DateTime<Utc>,
        limit: i64,
    ) -> Result<Vec<(String, String)>, DbError> {
        if integrations.is_empty() {
            return Ok(vec![]);
        }
        let mut sql = Sql::default();
        let b = sql.int(ms(before));
        let list = sql.list(integrations);
        let l = sql.int(limit);
        sql.text = format!(
            "SELECT user_id, integration_id FROM status_snapshots WHERE tried_at < {b} AND integration_id IN ({list}) \
             ORDER BY tried_at, user_id, integration_id LIMIT {l}"
        );
        sql.query()
            .fetch_all(self.pool())
            .await?
            .iter()
            .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
            .collect()
    }

    /// When each of a user's pairs was last tried (tests and the user page).
    pub async fn tried_at(&self, user: &UserId) -> Result<Vec<(String, DateTime<Utc>)>, DbError> {
        sqlx::query("SELECT integration_id, tried_at FROM status_snapshots WHERE user_id = $1 ORDER BY integration_id")
            .bind(user.as_str())
            .fetch_all(self.pool())
            .await?
            .iter()
            .map(|r| Ok((r.try_get(0)?, from_ms(r.try_get(1)?))))
            .collect()
    }
}

impl Db {
    /// Fills the registry with generated users (`user-00001`...) and snapshots for `integrations`, for demos and the
    /// console benchmark: about 45% connected, 35% not connected, 10% needing a reconnect, 10% never checked, checked
    /// over the last two days. Deterministic. Returns the number of snapshots written.
    pub async fn seed_console(&self, users: usize, integrations: &[String], now: DateTime<Utc>) -> Result<u64, DbError> {
        let mix = |a: u64, b: u64| {
            let mut x = a.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ b.wrapping_mul(0xC2B2_AE3D_27D4_EB4F);
            x ^= x >> 29;
            x.wrapping_mul(0x1656_67B1_9E37_79F9) >> 16
        };
        let now_ms = ms(now);
        let mut written = 0;
        for chunk in (0..users).collect::<Vec<_>>().chunks(500) {
            let mut tx = self.pool().begin().await?;
            let mut sql = Sql::default();
            let mut values = Vec::new();
            for &u in chunk {
                let seen = now_ms - (mix(u as u64, 7) % 2_592_000_000) as i64;
                let (id, first, last, r) =
                    (sql.text(format!("user-{:05}", u + 1)), sql.int(seen - 86_400_000), sql.int(seen), sql.text(new_ref()));
                values.push(format!("({id}, {first}, {last}, {r})"));
            }
            sql.text = format!(
                "INSERT INTO portal_users (user_id, first_seen, last_seen, ref) VALUES {} ON CONFLICT (user_id) DO NOTHING",
                values.join(", ")
            );
            sql.query().execute(&mut *tx).await?;
            for (ii, integration) in integrations.iter().enumerate() {
                let mut sql = Sql::default();
                let mut values = Vec::new();
                for &u in chunk {
                    let h = mix(u as u64 + 1, ii as u64 + 1);
                    let state = match h % 100 {
                        0..45 => "connected",
                        45..80 => "not_connected",
                        80..90 => "needs_reconnect",
                        _ => continue,
                    };
                    let checked = now_ms - ((h >> 8) % 172_800_000) as i64;
                    let updated = (state != "not_connected").then_some(checked - 86_400_000);
                    let (user, i, st) = (sql.text(format!("user-{:05}", u + 1)), sql.text(integration.clone()), sql.text(state));
                    let up = match updated {
                        Some(v) => sql.int(v),
                        None => "NULL".to_owned(),
                    };
                    let c = sql.int(checked);
                    values.push(format!("({user}, {i}, {st}, {up}, {c}, {c})"));
                }
                if values.is_empty() {
                    continue;
                }
                written += values.len() as u64;
                sql.text = format!(
                    "INSERT INTO status_snapshots (user_id, integration_id, state, api_updated_at, checked_at, tried_at) \
                     VALUES {} ON CONFLICT (user_id, integration_id) DO NOTHING",
                    values.join(", ")
                );
                sql.query().execute(&mut *tx).await?;
            }
            tx.commit().await?;
        }
        Ok(written)
    }
}

/// What the events page is filtered by (all exact).
#[derive(Clone, Debug, Default)]
pub struct EventQuery<'a> {
    pub user: Option<&'a str>,
    pub integration: Option<&'a str>,
    pub kind: Option<&'a str>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_patterns_take_wildcards_literally() {
        assert_eq!(like_pattern("Ab"), "%ab%");
        assert_eq!(like_pattern("50%_x\\"), "%50\\%\\_x\\\\%");
    }
}
