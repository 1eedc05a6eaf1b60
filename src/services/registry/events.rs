//! The append-only event log: links, connects, callbacks and admin actions, with typed details.

use super::{integration_id, user_id};
use crate::domain::{CustomerIntegrationId, EventDetail, EventKind, UserId, UserRef};
use super::keyset::{self, Page, Plan};
use crate::filters::PageAt;
use crate::platform::db::{from_ms, ms, Built, Db, DbError};
use chrono::{DateTime, Utc};
use sqlx::Row;

#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    /// Stable: for a connection change, the webhook's `webhook-id`.
    pub id: String,
    pub at: DateTime<Utc>,
    pub kind: EventKind,
    pub user: Option<UserId>,
    pub integration: Option<CustomerIntegrationId>,
    pub detail: EventDetail,
    /// The user's console reference, when the user is in the registry.
    pub reference: Option<UserRef>,
    /// Who did it, for an admin's action: the email from their ID token, or `password`.
    pub actor: Option<String>,
}

/// A page of the event log and the keys (positions) of the pages beside it.
#[derive(Clone, Debug)]
pub struct EventsPage {
    pub events: Vec<Event>,
    pub newer: Option<String>,
    pub older: Option<String>,
}

/// What the event log is filtered by (all exact).
#[derive(Clone, Debug, Default)]
pub struct EventQuery<'a> {
    pub user: Option<&'a UserId>,
    pub integration: Option<&'a CustomerIntegrationId>,
    pub kind: Option<EventKind>,
    pub actor: Option<&'a str>,
}

impl Db {
    /// Appends an event.
    pub async fn record_event(
        &self,
        kind: EventKind,
        user: Option<&UserId>,
        integration: Option<&CustomerIntegrationId>,
        detail: &EventDetail,
        now: DateTime<Utc>,
    ) -> Result<(), DbError> {
        self.record_event_id(kind, user, integration, detail, now).await.map(|_| ())
    }

    /// Appends an event and returns its id (the feed's `id`).
    pub async fn record_event_id(
        &self,
        kind: EventKind,
        user: Option<&UserId>,
        integration: Option<&CustomerIntegrationId>,
        detail: &EventDetail,
        now: DateTime<Utc>,
    ) -> Result<String, DbError> {
        let id = uuid::Uuid::new_v4().simple().to_string();
        let mut tx = self.pool().begin().await?;
        append_event_with_id(&mut tx, &id, kind, user, integration, detail, now).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Appends an admin's action, naming the admin.
    pub async fn record_admin_event(
        &self,
        actor: &str,
        kind: EventKind,
        user: Option<&UserId>,
        detail: &EventDetail,
        now: DateTime<Utc>,
    ) -> Result<(), DbError> {
        let mut tx = self.pool().begin().await?;
        append_admin_event(&mut tx, actor, kind, user, None, detail, now).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The event that records how a connect attempt started at `since` ended for (`user`, `integration`): the latest
    /// `connection.*` or `connect.failed` since then, else the latest `callback_received` (the return from
    /// authorization). Read through `events_user_pos` (user, position): a handful of rows.
    pub async fn outcome_event(
        &self,
        user: &UserId,
        integration: &CustomerIntegrationId,
        since: DateTime<Utc>,
    ) -> Result<Option<String>, DbError> {
        let rows = sqlx::query(
            "SELECT id, kind FROM events WHERE user_id = $1 AND at >= $2 AND integration_id = $3 \
             AND kind IN ('connection.created', 'connection.lost', 'connection.recovered', 'connection.reconnected', \
             'connect.failed', 'callback_received') ORDER BY pos DESC LIMIT 20",
        )
        .bind(user.as_str())
        .bind(ms(since))
        .bind(integration.as_str())
        .fetch_all(self.pool())
        .await?;
        let mut fallback = None;
        for r in rows {
            let (id, kind): (String, String) = (r.try_get(0)?, r.try_get(1)?);
            if kind != EventKind::CallbackReceived.as_str() {
                return Ok(Some(id));
            }
            fallback.get_or_insert(id);
        }
        Ok(fallback)
    }

    /// The event log as a feed for the host: events after position `after`, oldest first. A position is taken from
    /// a counter row locked until the event's transaction commits, so positions become visible in order and a
    /// reader that has seen position N never misses one below it later.
    pub async fn event_feed(&self, f: &EventQuery<'_>, after: i64, limit: i64) -> Result<Vec<(i64, Event)>, DbError> {
        let mut qb = sqlx::QueryBuilder::<sqlx::Any>::new(
            "SELECT e.at, e.kind, e.user_id, e.integration_id, e.detail, NULL, e.id, e.pos, e.actor FROM events e WHERE e.pos > ",
        );
        qb.push_bind(after);
        push_filter(&mut qb, f);
        qb.push(" ORDER BY e.pos LIMIT ").push_bind(limit);
        let mut out = Vec::new();
        for r in Built::new(&mut qb)?.fetch_all(self.pool()).await? {
            let pos: i64 = r.try_get(7)?;
            if let Some(e) = event(&r)? {
                out.push((pos, e));
            }
        }
        Ok(out)
    }

    /// The highest position given so far (a feed that is caught up resumes from here).
    pub async fn event_position(&self) -> Result<i64, DbError> {
        let r = sqlx::query("SELECT value FROM counters WHERE name = 'events'").fetch_one(self.pool()).await?;
        Ok(r.try_get(0)?)
    }

    /// A page of events, newest first, filtered, starting where `at` says: read along the feed's position (within a
    /// filter, the (filter, position) index), so the oldest page costs what the newest does. Kinds this version does
    /// not know are left out.
    pub async fn events_page(&self, f: &EventQuery<'_>, at: &PageAt, limit: i64) -> Result<EventsPage, DbError> {
        let Some(plan) = Plan::new(at, |k| k.parse::<i64>().ok()) else {
            return Box::pin(self.events_page(f, &PageAt::Newest, limit)).await; // a key that cannot be read
        };
        let mut qb = sqlx::QueryBuilder::<sqlx::Any>::new(
            "SELECT e.at, e.kind, e.user_id, e.integration_id, e.detail, p.ref, e.id, e.pos, e.actor FROM events e \
             LEFT JOIN portal_users p ON p.user_id = e.user_id WHERE 1 = 1",
        );
        push_filter(&mut qb, f);
        if let Some((pos, cmp)) = plan.bound {
            qb.push(format!(" AND e.pos {cmp} ")).push_bind(pos);
        }
        qb.push(format!(" ORDER BY e.pos {} LIMIT ", plan.order())).push_bind(limit + 1);
        let mut found = Vec::new();
        for r in Built::new(&mut qb)?.fetch_all(self.pool()).await? {
            found.push((r.try_get::<i64, _>(7)?, event(&r)?));
        }
        let Some(Page { rows: found, newer, older }) = keyset::page(at, &plan, found, limit, |e| e.0.to_string()) else {
            return Box::pin(self.events_page(f, &PageAt::Newest, limit)).await;
        };
        Ok(EventsPage { events: found.into_iter().filter_map(|(_, e)| e).collect(), newer, older })
    }

    /// Events, newest first, filtered (the first ones, or after skipping some: for a user's page and tools).
    /// Kinds this version does not know are left out.
    pub async fn events(&self, f: &EventQuery<'_>, offset: i64, limit: i64) -> Result<Vec<Event>, DbError> {
        let mut qb = sqlx::QueryBuilder::<sqlx::Any>::new(
            "SELECT e.at, e.kind, e.user_id, e.integration_id, e.detail, p.ref, e.id, e.pos, e.actor FROM events e \
             LEFT JOIN portal_users p ON p.user_id = e.user_id WHERE 1 = 1",
        );
        push_filter(&mut qb, f);
        // Newest first in the order they were recorded (the feed's positions; two events of one millisecond keep it).
        qb.push(" ORDER BY e.pos DESC LIMIT ").push_bind(limit).push(" OFFSET ").push_bind(offset);
        let mut out = Vec::new();
        for r in Built::new(&mut qb)?.fetch_all(self.pool()).await? {
            out.extend(event(&r)?);
        }
        Ok(out)
    }
}

fn push_filter(qb: &mut sqlx::QueryBuilder<'_, sqlx::Any>, f: &EventQuery<'_>) {
    if let Some(u) = f.user {
        qb.push(" AND e.user_id = ").push_bind(u.as_str().to_owned());
    }
    if let Some(i) = f.integration {
        qb.push(" AND e.integration_id = ").push_bind(i.as_str().to_owned());
    }
    if let Some(k) = f.kind {
        qb.push(" AND e.kind = ").push_bind(k.as_str());
    }
    if let Some(a) = f.actor {
        qb.push(" AND e.actor = ").push_bind(a.to_owned());
    }
}

/// An event from `at, kind, user_id, integration_id, detail, ref, id, pos, actor`; None for kinds this version does not know.
fn event(r: &sqlx::any::AnyRow) -> Result<Option<Event>, DbError> {
    let kind: String = r.try_get(1)?;
    let Some(kind) = EventKind::parse(&kind) else { return Ok(None) };
    let detail: String = r.try_get(4)?;
    Ok(Some(Event {
        id: r.try_get(6)?,
        at: from_ms(r.try_get(0)?),
        kind,
        user: r.try_get::<Option<String>, _>(2)?.map(user_id).transpose()?,
        integration: r.try_get::<Option<String>, _>(3)?.map(integration_id).transpose()?,
        detail: EventDetail::decode(kind, &detail),
        reference: r.try_get::<Option<String>, _>(5)?.map(UserRef::from_url),
        actor: r.try_get::<Option<String>, _>(8)?,
    }))
}

/// Appends an event within `tx`, at the next position of the feed (the counter row stays locked until `tx` ends).
pub async fn append_event(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    kind: EventKind,
    user: Option<&UserId>,
    integration: Option<&CustomerIntegrationId>,
    detail: &EventDetail,
    now: DateTime<Utc>,
) -> Result<i64, DbError> {
    append_event_with_id(tx, &uuid::Uuid::new_v4().simple().to_string(), kind, user, integration, detail, now).await
}

/// [`append_event`] for an admin's action, naming the admin (`actor`).
pub async fn append_admin_event(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    actor: &str,
    kind: EventKind,
    user: Option<&UserId>,
    integration: Option<&CustomerIntegrationId>,
    detail: &EventDetail,
    now: DateTime<Utc>,
) -> Result<i64, DbError> {
    let id = uuid::Uuid::new_v4().simple().to_string();
    insert_event(tx, &id, Some(actor), kind, user, integration, detail, now).await
}

/// [`append_event`] under a given id (a connection change's event shares its webhook's id).
pub async fn append_event_with_id(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    id: &str,
    kind: EventKind,
    user: Option<&UserId>,
    integration: Option<&CustomerIntegrationId>,
    detail: &EventDetail,
    now: DateTime<Utc>,
) -> Result<i64, DbError> {
    insert_event(tx, id, None, kind, user, integration, detail, now).await
}

/// The one insert of an event: its position, its row, and its hour's counts in the funnel's roll-up.
#[allow(clippy::too_many_arguments)]
async fn insert_event(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    id: &str,
    actor: Option<&str>,
    kind: EventKind,
    user: Option<&UserId>,
    integration: Option<&CustomerIntegrationId>,
    detail: &EventDetail,
    now: DateTime<Utc>,
) -> Result<i64, DbError> {
    let pos: i64 = sqlx::query("UPDATE counters SET value = value + 1 WHERE name = 'events' RETURNING value")
        .fetch_one(&mut **tx)
        .await?
        .try_get(0)?;
    sqlx::query(
        "INSERT INTO events (id, at, kind, user_id, integration_id, detail, pos, actor) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(id)
    .bind(ms(now))
    .bind(kind.as_str())
    .bind(user.map(|u| u.as_str().to_owned()))
    .bind(integration.map(|i| i.as_str().to_owned()))
    .bind(detail.encode())
    .bind(pos)
    .bind(actor.map(str::to_owned))
    .execute(&mut **tx)
    .await?;
    super::funnel::record(tx, kind, integration, detail, now).await?;
    Ok(pos)
}
