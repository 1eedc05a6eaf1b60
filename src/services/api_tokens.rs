//! Host API tokens made in the console: named, scoped, shown once (`pbt_…`), kept as a SHA-256 digest, with their
//! last use, revocable. Each creation and revocation is an event, written in the same transaction.

use crate::domain::{ApiScope, EventDetail, EventKind};
use crate::platform::db::{from_ms, ms, Db, DbError};
use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};
use sqlx::Row;

/// What a token looks like to a person: the prefix says what it is (and secret scanners can find it).
pub const PREFIX: &str = "pbt_";
/// A token's last use is written at most this often.
const TOUCH_EVERY: chrono::Duration = chrono::Duration::seconds(60);

#[derive(Clone, Debug, PartialEq)]
pub struct ApiToken {
    pub id: String,
    pub name: String,
    pub scopes: Vec<ApiScope>,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

fn digest(token: &str) -> String {
    Sha256::digest(token.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

fn token(r: &sqlx::any::AnyRow) -> Result<ApiToken, DbError> {
    Ok(ApiToken {
        id: r.try_get(0)?,
        name: r.try_get(1)?,
        scopes: ApiScope::decode(&r.try_get::<String, _>(2)?),
        created_at: from_ms(r.try_get(3)?),
        last_used_at: r.try_get::<Option<i64>, _>(4)?.map(from_ms),
        revoked_at: r.try_get::<Option<i64>, _>(5)?.map(from_ms),
    })
}

const COLUMNS: &str = "id, name, scopes, created_at, last_used_at, revoked_at";

impl Db {
    /// Makes a token; returns it (the only time it exists in clear) with its record. Its event names it and its
    /// scopes, never its value.
    pub async fn create_api_token(
        &self,
        name: &str,
        scopes: &[ApiScope],
        by: &str,
        now: DateTime<Utc>,
    ) -> Result<(String, ApiToken), DbError> {
        let id = format!("tok_{}", &uuid::Uuid::new_v4().simple().to_string()[..12]);
        let secret = format!("{PREFIX}{}", crate::platform::secrets::random_token());
        let scopes_text = ApiScope::encode(scopes);
        let mut tx = self.pool().begin().await?;
        sqlx::query("INSERT INTO api_tokens (id, name, digest, scopes, created_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(&id)
            .bind(name)
            .bind(digest(&secret))
            .bind(&scopes_text)
            .bind(ms(now))
            .execute(&mut *tx)
            .await?;
        let detail = EventDetail::Other(format!("{name} ({id}; {scopes_text})"));
        crate::services::registry::events::append_admin_event(&mut tx, by, EventKind::AdminTokenCreated, None, None, &detail, now).await?;
        tx.commit().await?;
        let record = ApiToken { id, name: name.to_owned(), scopes: ApiScope::decode(&scopes_text), created_at: now, last_used_at: None, revoked_at: None };
        Ok((secret, record))
    }

    /// Revokes a token (its next request gets 401). `false` if there is no such live token.
    pub async fn revoke_api_token(&self, id: &str, by: &str, now: DateTime<Utc>) -> Result<bool, DbError> {
        let mut tx = self.pool().begin().await?;
        let row = sqlx::query("UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL RETURNING name")
            .bind(ms(now))
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
        let Some(row) = row else { return Ok(false) };
        let name: String = row.try_get(0)?;
        let detail = EventDetail::Other(format!("{name} ({id})"));
        crate::services::registry::events::append_admin_event(&mut tx, by, EventKind::AdminTokenRevoked, None, None, &detail, now).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Every token, newest first (revoked ones too, marked).
    pub async fn api_tokens(&self) -> Result<Vec<ApiToken>, DbError> {
        let rows = sqlx::query(&format!("SELECT {COLUMNS} FROM api_tokens ORDER BY created_at DESC, id LIMIT 500"))
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(token).collect()
    }

    /// The live token `given` is, if any; its last use is recorded (at most once a minute).
    pub async fn api_token_for(&self, given: &str, now: DateTime<Utc>) -> Result<Option<ApiToken>, DbError> {
        if !given.starts_with(PREFIX) || given.len() > 200 {
            return Ok(None);
        }
        let row = sqlx::query(&format!("SELECT {COLUMNS} FROM api_tokens WHERE digest = $1 AND revoked_at IS NULL"))
            .bind(digest(given))
            .fetch_optional(self.pool())
            .await?;
        let Some(found) = row.as_ref().map(token).transpose()? else { return Ok(None) };
        if found.last_used_at.is_none_or(|at| now - at >= TOUCH_EVERY) {
            sqlx::query("UPDATE api_tokens SET last_used_at = $1 WHERE id = $2").bind(ms(now)).bind(&found.id).execute(self.pool()).await?;
        }
        Ok(Some(found))
    }

    /// Whether any console-made token is live (the API is on with one even without `PLUGBOARD_API_TOKEN`).
    pub async fn any_api_token(&self) -> Result<bool, DbError> {
        let row = sqlx::query("SELECT COUNT(*) FROM api_tokens WHERE revoked_at IS NULL").fetch_one(self.pool()).await?;
        Ok(row.try_get::<i64, _>(0)? > 0)
    }
}
