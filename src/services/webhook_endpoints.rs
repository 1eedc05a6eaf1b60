//! Webhook endpoints made in the console: each with its own `whsec_` secret (shown once, sealed at rest, rotatable
//! with an overlap), a filter of event types, enabled or not, deleted softly. Their URLs must be https, except on
//! hosts the operator lists (`PLUGBOARD_WEBHOOK_ALLOW_HOSTS`); private, loopback and link-local addresses are refused
//! when an endpoint is made and again at every delivery (DNS may change), unless listed. Every change is an event.

use crate::domain::{EventDetail, EventKind, WebhookKind};
use crate::platform::db::{from_ms, ms, Db, DbError};
use crate::platform::sealed::Sealer;
use chrono::{DateTime, Duration, Utc};
use sqlx::Row;
use url::Url;

pub use crate::platform::outbound::{check_addresses, check_url, forbidden_ip, GuardedResolver, UrlRefusal};

/// How long the previous secret still signs after a rotation.
pub const ROTATION_OVERLAP: Duration = Duration::hours(24);
/// At most this many endpoints (a console, not a fan-out service).
pub const MAX_ENDPOINTS: i64 = 20;

#[derive(Clone, Debug, PartialEq)]
pub struct EndpointRecord {
    pub id: String,
    pub url: String,
    pub description: String,
    /// Empty: every type.
    pub types: Vec<WebhookKind>,
    pub enabled: bool,
    pub created_at: DateTime<Utc>,
    pub previous_until: Option<DateTime<Utc>>,
}

impl EndpointRecord {
    pub fn wants(&self, kind: WebhookKind) -> bool {
        self.types.is_empty() || self.types.contains(&kind)
    }
}

/// What a delivery to an endpoint needs.
pub struct Target {
    pub url: Url,
    /// The current secret, then the previous one while the overlap lasts.
    pub secrets: Vec<secrecy::SecretSlice<u8>>,
    pub enabled: bool,
}

/// A new `whsec_` secret: 32 random bytes.
pub fn new_secret() -> String {
    use base64::Engine;
    format!("whsec_{}", base64::engine::general_purpose::STANDARD.encode(crate::platform::secrets::random_bytes()))
}

fn aad(id: &str) -> Vec<u8> {
    format!("plugboard webhook endpoint secret v1\n{id}").into_bytes()
}

fn record(r: &sqlx::any::AnyRow) -> Result<EndpointRecord, DbError> {
    Ok(EndpointRecord {
        id: r.try_get(0)?,
        url: r.try_get(1)?,
        description: r.try_get(2)?,
        types: r.try_get::<String, _>(3)?.split_whitespace().filter_map(WebhookKind::parse).collect(),
        enabled: r.try_get::<i64, _>(4)? != 0,
        created_at: from_ms(r.try_get(5)?),
        previous_until: r.try_get::<Option<i64>, _>(6)?.map(from_ms),
    })
}

const COLUMNS: &str = "id, url, description, types, enabled, created_at, previous_until";

/// The console's endpoints: their rows, sealed secrets, and the events their changes write.
#[derive(Clone, Debug)]
pub struct Endpoints {
    db: Db,
    sealer: Sealer,
}

impl Endpoints {
    pub fn new(db: Db, sealer: Sealer) -> Self {
        Endpoints { db, sealer }
    }

    async fn changed(&self, tx: &mut sqlx::Transaction<'_, sqlx::Any>, words: String, by: &str, now: DateTime<Utc>) -> Result<(), DbError> {
        let (kind, detail) = (EventKind::AdminEndpointChanged, EventDetail::Other(words));
        crate::services::registry::events::append_admin_event(tx, by, kind, None, None, &detail, now).await?;
        Ok(())
    }

    /// Makes an endpoint (the URL checked by the caller); returns its id and its secret, the only time it is shown.
    pub async fn create(
        &self,
        url: &Url,
        description: &str,
        types: &[WebhookKind],
        by: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<(String, String)>, DbError> {
        let id = format!("ep_{}", &uuid::Uuid::new_v4().simple().to_string()[..12]);
        let secret = new_secret();
        let sealed = self.sealer.seal(&aad(&id), secret.as_bytes()).ok_or_else(|| DbError::Invalid("sealing failed".into()))?;
        let types_text = types.iter().map(|t| t.as_str()).collect::<Vec<_>>().join(" ");
        let mut tx = self.db.pool().begin().await?;
        let count: i64 = sqlx::query("SELECT COUNT(*) FROM webhook_endpoints WHERE deleted_at IS NULL")
            .fetch_one(&mut *tx)
            .await?
            .try_get(0)?;
        if count >= MAX_ENDPOINTS {
            return Ok(None);
        }
        sqlx::query(
            "INSERT INTO webhook_endpoints (id, url, description, types, secret, enabled, created_at) VALUES ($1, $2, $3, $4, $5, 1, $6)",
        )
        .bind(&id)
        .bind(url.as_str())
        .bind(description)
        .bind(&types_text)
        .bind(sealed)
        .bind(ms(now))
        .execute(&mut *tx)
        .await?;
        let filter = if types_text.is_empty() { "every type".to_owned() } else { types_text };
        // The origin only: a receiver's path or query may carry a secret of its own, and the feed is read by tokens.
        let origin = url.origin().ascii_serialization();
        self.changed(&mut tx, format!("{id} created: {origin} ({filter})"), by, now).await?;
        tx.commit().await?;
        Ok(Some((id, secret)))
    }

    /// Turns deliveries to an endpoint on or off. `false` if there is no such endpoint.
    pub async fn set_enabled(&self, id: &str, enabled: bool, by: &str, now: DateTime<Utc>) -> Result<bool, DbError> {
        let mut tx = self.db.pool().begin().await?;
        let done = sqlx::query("UPDATE webhook_endpoints SET enabled = $1 WHERE id = $2 AND deleted_at IS NULL")
            .bind(i64::from(enabled))
            .bind(id)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() != 1 {
            return Ok(false);
        }
        self.changed(&mut tx, format!("{id} {}", if enabled { "enabled" } else { "disabled" }), by, now).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Deletes an endpoint: nothing more is queued or sent to it (its past deliveries stay listed).
    pub async fn delete(&self, id: &str, by: &str, now: DateTime<Utc>) -> Result<bool, DbError> {
        let mut tx = self.db.pool().begin().await?;
        let done = sqlx::query("UPDATE webhook_endpoints SET deleted_at = $1, enabled = 0 WHERE id = $2 AND deleted_at IS NULL")
            .bind(ms(now))
            .bind(id)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() != 1 {
            return Ok(false);
        }
        self.changed(&mut tx, format!("{id} deleted"), by, now).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// A new secret; the previous one keeps signing (both signatures are sent) for [`ROTATION_OVERLAP`]. Returns
    /// the new secret, the only time it is shown.
    pub async fn rotate(&self, id: &str, by: &str, now: DateTime<Utc>) -> Result<Option<String>, DbError> {
        let secret = new_secret();
        let sealed = self.sealer.seal(&aad(id), secret.as_bytes()).ok_or_else(|| DbError::Invalid("sealing failed".into()))?;
        let mut tx = self.db.pool().begin().await?;
        let done = sqlx::query(
            "UPDATE webhook_endpoints SET previous_secret = secret, previous_until = $1, secret = $2 WHERE id = $3 AND deleted_at IS NULL",
        )
        .bind(ms(now + ROTATION_OVERLAP))
        .bind(sealed)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() != 1 {
            return Ok(None);
        }
        self.changed(&mut tx, format!("{id} secret rotated (the previous one signs for 24 hours more)"), by, now).await?;
        tx.commit().await?;
        Ok(Some(secret))
    }

    /// Sends again, now, every delivery to `id` that failed and was queued at or after `since`. Returns how many.
    pub async fn replay_failed(&self, id: &str, since: DateTime<Utc>, by: &str, now: DateTime<Utc>) -> Result<u64, DbError> {
        let mut tx = self.db.pool().begin().await?;
        let done = sqlx::query(
            "UPDATE webhook_deliveries SET status = 'pending', next_at = $1, locked_until = 0, lease_token = NULL, updated_at = $1 \
             WHERE endpoint = $2 AND status = 'failed' AND created_at >= $3",
        )
        .bind(ms(now))
        .bind(id)
        .bind(ms(since))
        .execute(&mut *tx)
        .await?;
        let n = done.rows_affected();
        let since_text = since.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        self.changed(&mut tx, format!("{id}: {n} failed since {since_text} queued again"), by, now).await?;
        tx.commit().await?;
        Ok(n)
    }

    /// Seals again, under the current key, every endpoint secret sealed under an earlier one. Returns how many rows.
    pub async fn reseal(&self) -> Result<u64, DbError> {
        let rows = sqlx::query("SELECT id, secret, previous_secret FROM webhook_endpoints WHERE deleted_at IS NULL")
            .fetch_all(self.db.pool())
            .await?;
        let mut n = 0;
        for r in rows {
            let id: String = r.try_get(0)?;
            let again = |sealed: Option<String>| -> Option<String> {
                let (plain, old) = self.sealer.open_telling(&aad(&id), sealed.as_deref()?)?;
                old.then(|| self.sealer.seal(&aad(&id), &plain)).flatten()
            };
            let (secret, previous) = (again(r.try_get(1)?), again(r.try_get(2)?));
            if secret.is_none() && previous.is_none() {
                continue;
            }
            sqlx::query(
                "UPDATE webhook_endpoints SET secret = COALESCE($1, secret), previous_secret = COALESCE($2, previous_secret) WHERE id = $3",
            )
            .bind(secret)
            .bind(previous)
            .bind(&id)
            .execute(self.db.pool())
            .await?;
            n += 1;
        }
        Ok(n)
    }

    /// A value kept in an admin's session until its page shows it once (a new token or secret), sealed there.
    pub fn seal_for_session(&self, plain: &str) -> Option<String> {
        self.sealer.seal(b"plugboard console: shown once v1", plain.as_bytes())
    }

    pub fn open_from_session(&self, sealed: &str) -> Option<String> {
        self.sealer.open(b"plugboard console: shown once v1", sealed).and_then(|p| String::from_utf8(p).ok())
    }

    /// Every endpoint not deleted, oldest first.
    pub async fn list(&self) -> Result<Vec<EndpointRecord>, DbError> {
        let rows = sqlx::query(&format!("SELECT {COLUMNS} FROM webhook_endpoints WHERE deleted_at IS NULL ORDER BY created_at, id"))
            .fetch_all(self.db.pool())
            .await?;
        rows.iter().map(record).collect()
    }

    /// (delivered, failed, pending) deliveries to an endpoint.
    pub async fn tally(&self, id: &str) -> Result<(i64, i64, i64), DbError> {
        let rows = sqlx::query("SELECT status, COUNT(*) FROM webhook_deliveries WHERE endpoint = $1 GROUP BY status")
            .bind(id)
            .fetch_all(self.db.pool())
            .await?;
        let mut t = (0, 0, 0);
        for r in rows {
            let n: i64 = r.try_get(1)?;
            match r.try_get::<String, _>(0)?.as_str() {
                "delivered" => t.0 = n,
                "failed" => t.1 = n,
                _ => t.2 += n,
            }
        }
        Ok(t)
    }

    /// Where and how a delivery to `id` is sent, read now (a change made on another instance counts at once).
    /// None: no such endpoint, or deleted.
    pub async fn target(&self, id: &str, now: DateTime<Utc>) -> Result<Option<Target>, DbError> {
        let row = sqlx::query(
            "SELECT url, secret, previous_secret, previous_until, enabled FROM webhook_endpoints WHERE id = $1 AND deleted_at IS NULL",
        )
        .bind(id)
        .fetch_optional(self.db.pool())
        .await?;
        let Some(r) = row else { return Ok(None) };
        let Ok(url) = Url::parse(&r.try_get::<String, _>(0)?) else { return Ok(None) };
        let open = |sealed: &str| {
            self.sealer
                .open(&aad(id), sealed)
                .and_then(|plain| String::from_utf8(plain).ok())
                .and_then(|s| crate::platform::config::parse_secret(&s))
        };
        let mut secrets: Vec<_> = open(&r.try_get::<String, _>(1)?).into_iter().collect();
        let previous_until = r.try_get::<Option<i64>, _>(3)?.map(from_ms);
        if let (Some(prev), Some(until)) = (r.try_get::<Option<String>, _>(2)?, previous_until) {
            if until > now {
                secrets.extend(open(&prev));
            }
        }
        Ok(Some(Target { url, secrets, enabled: r.try_get::<i64, _>(4)? != 0 }))
    }
}

/// The endpoints a change of `kind` is queued for, inside the change's transaction.
pub async fn wanting(tx: &mut sqlx::Transaction<'_, sqlx::Any>, kind: WebhookKind) -> Result<Vec<String>, DbError> {
    let rows = sqlx::query(&format!("SELECT {COLUMNS} FROM webhook_endpoints WHERE enabled = 1 AND deleted_at IS NULL"))
        .fetch_all(&mut **tx)
        .await?;
    Ok(rows.iter().map(record).collect::<Result<Vec<_>, _>>()?.into_iter().filter(|e| e.wants(kind)).map(|e| e.id).collect())
}
