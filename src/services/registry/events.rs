//! The append-only event log: links, connects, callbacks and admin actions, with typed details.

use super::{integration_id, user_id};
use crate::domain::{CustomerIntegrationId, EventDetail, EventKind, UserId, UserRef};
use crate::platform::db::{from_ms, ms, Built, Db, DbError};
use chrono::{DateTime, Utc};
use sqlx::Row;

#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    pub at: DateTime<Utc>,
    pub kind: EventKind,
    pub user: Option<UserId>,
    pub integration: Option<CustomerIntegrationId>,
    pub detail: EventDetail,
    /// The user's console reference, when the user is in the registry.
    pub reference: Option<UserRef>,
}

/// What the event log is filtered by (all exact).
#[derive(Clone, Debug, Default)]
pub struct EventQuery<'a> {
    pub user: Option<&'a UserId>,
    pub integration: Option<&'a CustomerIntegrationId>,
    pub kind: Option<EventKind>,
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
        sqlx::query(
            "INSERT INTO events (id, at, kind, user_id, integration_id, detail) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(uuid::Uuid::new_v4().simple().to_string())
        .bind(ms(now))
        .bind(kind.as_str())
        .bind(user.map(|u| u.as_str().to_owned()))
        .bind(integration.map(|i| i.as_str().to_owned()))
        .bind(detail.encode())
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// Events, newest first, filtered. Kinds this version does not know are left out.
    pub async fn events(&self, f: &EventQuery<'_>, offset: i64, limit: i64) -> Result<Vec<Event>, DbError> {
        let mut qb = sqlx::QueryBuilder::<sqlx::Any>::new(
            "SELECT e.at, e.kind, e.user_id, e.integration_id, e.detail, p.ref FROM events e \
             LEFT JOIN portal_users p ON p.user_id = e.user_id WHERE 1 = 1",
        );
        if let Some(u) = f.user {
            qb.push(" AND e.user_id = ").push_bind(u.as_str().to_owned());
        }
        if let Some(i) = f.integration {
            qb.push(" AND e.integration_id = ").push_bind(i.as_str().to_owned());
        }
        if let Some(k) = f.kind {
            qb.push(" AND e.kind = ").push_bind(k.as_str());
        }
        qb.push(" ORDER BY e.at DESC, e.id DESC LIMIT ").push_bind(limit).push(" OFFSET ").push_bind(offset);
        let mut out = Vec::new();
        for r in Built::new(&mut qb)?.fetch_all(self.pool()).await? {
            let kind: String = r.try_get(1)?;
            let Some(kind) = EventKind::parse(&kind) else { continue };
            let detail: String = r.try_get(4)?;
            out.push(Event {
                at: from_ms(r.try_get(0)?),
                kind,
                user: r.try_get::<Option<String>, _>(2)?.map(user_id).transpose()?,
                integration: r.try_get::<Option<String>, _>(3)?.map(integration_id).transpose()?,
                detail: EventDetail::decode(kind, &detail),
                reference: r.try_get::<Option<String>, _>(5)?.map(UserRef::from_url),
            });
        }
        Ok(out)
    }
}
