//! The webhook outbox: messages written with the state changes they report (see [`super::snapshots`]), and their
//! deliveries, claimed by any instance's worker under a lease, retried, and listed for the console.

use super::{integration_id, user_id};
use crate::domain::{Actor, CustomerIntegrationId, EventDetail, EventKind, UserId, WebhookKind};
use crate::platform::db::{from_ms, ms, Db, DbError};
use chrono::{DateTime, Utc};
use sqlx::Row;

/// Where a delivery stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeliveryStatus {
    Pending,
    Delivered,
    Failed,
}

impl DeliveryStatus {
    pub const ALL: &'static [DeliveryStatus] = &[DeliveryStatus::Pending, DeliveryStatus::Delivered, DeliveryStatus::Failed];

    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryStatus::Pending => "pending",
            DeliveryStatus::Delivered => "delivered",
            DeliveryStatus::Failed => "failed",
        }
    }

    pub fn parse(raw: &str) -> Option<DeliveryStatus> {
        Self::ALL.iter().copied().find(|s| s.as_str() == raw)
    }
}

/// A delivery with its message, as a worker or the console sees it.
#[derive(Clone, Debug)]
pub struct Delivery {
    pub id: String,
    pub message_id: String,
    pub endpoint: String,
    pub status: DeliveryStatus,
    pub attempts: i64,
    pub next_at: DateTime<Utc>,
    pub last_code: Option<i64>,
    pub last_excerpt: Option<String>,
    pub kind: WebhookKind,
    pub user: Option<UserId>,
    pub integration: Option<CustomerIntegrationId>,
    pub seq: i64,
    pub facts: String,
    pub body: Option<String>,
    pub created_at: DateTime<Utc>,
}

const COLUMNS: &str = "d.id, d.message_id, d.endpoint, d.status, d.attempts, d.next_at, d.last_code, d.last_excerpt, \
                       m.kind, m.user_id, m.integration_id, m.seq, m.facts, m.body, m.created_at";

fn delivery(r: &sqlx::any::AnyRow) -> Result<Delivery, DbError> {
    let status: String = r.try_get(3)?;
    let kind: String = r.try_get(8)?;
    Ok(Delivery {
        id: r.try_get(0)?,
        message_id: r.try_get(1)?,
        endpoint: r.try_get(2)?,
        status: DeliveryStatus::parse(&status).ok_or_else(|| DbError::Invalid(format!("delivery status {status:?}")))?,
        attempts: r.try_get(4)?,
        next_at: from_ms(r.try_get(5)?),
        last_code: r.try_get(6)?,
        last_excerpt: r.try_get(7)?,
        kind: WebhookKind::parse(&kind).ok_or_else(|| DbError::Invalid(format!("webhook kind {kind:?}")))?,
        user: r.try_get::<Option<String>, _>(9)?.map(user_id).transpose()?,
        integration: r.try_get::<Option<String>, _>(10)?.map(integration_id).transpose()?,
        seq: r.try_get(11)?,
        facts: r.try_get(12)?,
        body: r.try_get(13)?,
        created_at: from_ms(r.try_get(14)?),
    })
}

/// What became of one attempt.
#[derive(Clone, Debug)]
pub enum Attempted {
    Delivered,
    RetryAt(DateTime<Utc>),
    Failed,
}

/// A worker's claim on some deliveries: its token fences every write it makes after a send.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lease(pub String);

impl Lease {
    pub fn new() -> Lease {
        Lease(format!("lease_{}", uuid::Uuid::new_v4().simple()))
    }
}

impl Default for Lease {
    fn default() -> Self {
        Lease::new()
    }
}

impl Db {
    /// Claims up to `limit` due deliveries under `lease` until `now + length` (no other worker takes them meanwhile;
    /// a worker that dies lets its lease run out and another one picks them up; a live one renews it with
    /// [`Db::extend_lease`]). Oldest messages first. On PostgreSQL with `FOR UPDATE SKIP LOCKED`, so concurrent
    /// workers never wait on each other.
    pub async fn claim_deliveries(
        &self,
        now: DateTime<Utc>,
        lease: &Lease,
        length: chrono::Duration,
        limit: i64,
    ) -> Result<Vec<Delivery>, DbError> {
        let until = ms(now + length);
        let ids: Vec<String> = if self.is_postgres() {
            sqlx::query(
                "UPDATE webhook_deliveries SET locked_until = $1, lease_token = $2 WHERE id IN (SELECT id FROM webhook_deliveries \
                 WHERE status = 'pending' AND next_at <= $3 AND locked_until <= $3 ORDER BY created_at, id LIMIT $4 \
                 FOR UPDATE SKIP LOCKED) RETURNING id",
            )
            .bind(until)
            .bind(&lease.0)
            .bind(ms(now))
            .bind(limit)
            .fetch_all(self.pool())
            .await?
            .iter()
            .map(|r| r.try_get(0))
            .collect::<Result<_, _>>()?
        } else {
            // SQLite has one writer at a time: each claim is a conditional update.
            let candidates = sqlx::query(
                "SELECT id FROM webhook_deliveries WHERE status = 'pending' AND next_at <= $1 AND locked_until <= $1 \
                 ORDER BY created_at, id LIMIT $2",
            )
            .bind(ms(now))
            .bind(limit)
            .fetch_all(self.pool())
            .await?;
            let mut claimed = Vec::new();
            for r in candidates {
                let id: String = r.try_get(0)?;
                let done = sqlx::query(
                    "UPDATE webhook_deliveries SET locked_until = $1, lease_token = $2 \
                     WHERE id = $3 AND status = 'pending' AND locked_until <= $4",
                )
                .bind(until)
                .bind(&lease.0)
                .bind(&id)
                .bind(ms(now))
                .execute(self.pool())
                .await?;
                if done.rows_affected() == 1 {
                    claimed.push(id);
                }
            }
            claimed
        };
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(d) = self.delivery(&id).await? {
                out.push(d);
            }
        }
        out.sort_by(|a, b| (a.created_at, a.seq).cmp(&(b.created_at, b.seq)));
        Ok(out)
    }

    /// Renews what `lease` still holds until `until`. Returns how many deliveries it still holds (0: taken over or
    /// all done).
    pub async fn extend_lease(&self, lease: &Lease, until: DateTime<Utc>) -> Result<u64, DbError> {
        let done = sqlx::query(
            "UPDATE webhook_deliveries SET locked_until = $1 WHERE lease_token = $2 AND status = 'pending'",
        )
        .bind(ms(until))
        .bind(&lease.0)
        .execute(self.pool())
        .await?;
        Ok(done.rows_affected())
    }

    /// Whether `lease` still holds delivery `id`, and holds it until after `now`.
    pub async fn holds(&self, lease: &Lease, id: &str, now: DateTime<Utc>) -> Result<bool, DbError> {
        let row = sqlx::query(
            "SELECT COUNT(*) FROM webhook_deliveries WHERE id = $1 AND lease_token = $2 AND status = 'pending' AND locked_until > $3",
        )
        .bind(id)
        .bind(&lease.0)
        .bind(ms(now))
        .fetch_one(self.pool())
        .await?;
        Ok(row.try_get::<i64, _>(0)? == 1)
    }

    pub async fn delivery(&self, id: &str) -> Result<Option<Delivery>, DbError> {
        let row = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM webhook_deliveries d JOIN webhook_messages m ON m.id = d.message_id WHERE d.id = $1"
        ))
        .bind(id)
        .fetch_optional(self.pool())
        .await?;
        row.as_ref().map(delivery).transpose()
    }

    /// Stores a message's body the first time it is sent and returns the stored one: every retry, from any
    /// instance, sends the same bytes. `minted`, the reconnect link the body carries, is recorded as a
    /// `link_minted` event in the same transaction, only when this body is the one stored. None when the message's
    /// user was erased meanwhile (nothing is stored, nothing may be sent).
    pub async fn settle_body(
        &self,
        message_id: &str,
        body: &str,
        minted: Option<(&UserId, DateTime<Utc>)>,
    ) -> Result<Option<String>, DbError> {
        let mut tx = self.pool().begin().await?;
        // The erasure updates this row in its transaction: one of the two waits for the other.
        let stored = sqlx::query("UPDATE webhook_messages SET body = $1 WHERE id = $2 AND body IS NULL AND user_id IS NOT NULL")
            .bind(body)
            .bind(message_id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        let row = sqlx::query("SELECT body, user_id FROM webhook_messages WHERE id = $1")
            .bind(message_id)
            .fetch_optional(&mut *tx)
            .await?;
        let Some(row) = row else { return Ok(None) };
        if row.try_get::<Option<String>, _>(1)?.is_none() {
            return Ok(None);
        }
        if let (1, Some((user, at))) = (stored, minted) {
            let detail = EventDetail::Minted(Actor::Webhook);
            super::events::append_event(&mut tx, EventKind::LinkMinted, Some(user), None, &detail, at).await?;
        }
        let body = row.try_get::<Option<String>, _>(0)?;
        tx.commit().await?;
        Ok(body)
    }

    /// Records an attempt and releases the lease, if `lease` still holds the delivery (a worker whose lease ran out
    /// and was taken over changes nothing). Returns whether it was recorded.
    pub async fn attempted(
        &self,
        id: &str,
        lease: &Lease,
        result: &Attempted,
        code: Option<u16>,
        excerpt: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<bool, DbError> {
        let (status, next_at) = match result {
            Attempted::Delivered => (DeliveryStatus::Delivered, now),
            Attempted::RetryAt(at) => (DeliveryStatus::Pending, *at),
            Attempted::Failed => (DeliveryStatus::Failed, now),
        };
        let done = sqlx::query(
            "UPDATE webhook_deliveries SET status = $1, attempts = attempts + 1, next_at = $2, locked_until = 0, \
             lease_token = NULL, last_code = $3, last_excerpt = $4, updated_at = $5 WHERE id = $6 AND lease_token = $7",
        )
        .bind(status.as_str())
        .bind(ms(next_at))
        .bind(code.map(i64::from))
        .bind(excerpt.map(str::to_owned))
        .bind(ms(now))
        .bind(id)
        .bind(&lease.0)
        .execute(self.pool())
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Deliveries, newest first, optionally of one status.
    pub async fn deliveries(
        &self,
        status: Option<DeliveryStatus>,
        endpoint: Option<&str>,
        offset: i64,
        limit: i64,
    ) -> Result<Vec<Delivery>, DbError> {
        let mut qb = sqlx::QueryBuilder::<sqlx::Any>::new(format!(
            "SELECT {COLUMNS} FROM webhook_deliveries d JOIN webhook_messages m ON m.id = d.message_id WHERE 1 = 1"
        ));
        if let Some(s) = status {
            qb.push(" AND d.status = ").push_bind(s.as_str());
        }
        if let Some(e) = endpoint {
            qb.push(" AND d.endpoint = ").push_bind(e.to_owned());
        }
        qb.push(" ORDER BY d.created_at DESC, d.id DESC LIMIT ").push_bind(limit).push(" OFFSET ").push_bind(offset);
        crate::platform::db::Built::new(&mut qb)?.fetch_all(self.pool()).await?.iter().map(delivery).collect()
    }

    /// Sends a delivery again (a finished one, or a pending one now): due at once, attempts kept. Not while a
    /// worker holds it (it is being sent): false then, as for an unknown id.
    pub async fn resend(&self, id: &str, by: &str, now: DateTime<Utc>) -> Result<bool, DbError> {
        let mut tx = self.pool().begin().await?;
        let done = sqlx::query(
            "UPDATE webhook_deliveries SET status = 'pending', next_at = $1, locked_until = 0, lease_token = NULL, updated_at = $1 \
             WHERE id = $2 AND locked_until <= $1",
        )
        .bind(ms(now))
        .bind(id)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() != 1 {
            return Ok(false);
        }
        let detail = EventDetail::Other(format!("delivery {id}"));
        super::events::append_admin_event(&mut tx, by, EventKind::AdminResent, None, None, &detail, now).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Forgets messages created before `cutoff` whose deliveries have all finished. Returns how many.
    pub async fn delete_finished_webhooks(&self, cutoff: DateTime<Utc>) -> Result<u64, DbError> {
        let mut tx = self.pool().begin().await?;
        let old = "SELECT m.id FROM webhook_messages m WHERE m.created_at < $1 AND NOT EXISTS \
                   (SELECT 1 FROM webhook_deliveries d WHERE d.message_id = m.id AND d.status = 'pending')";
        sqlx::query(&format!("DELETE FROM webhook_deliveries WHERE message_id IN ({old})"))
            .bind(ms(cutoff))
            .execute(&mut *tx)
            .await?;
        let done = sqlx::query(&format!("DELETE FROM webhook_messages WHERE id IN ({old})")).bind(ms(cutoff)).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(done.rows_affected())
    }
}
