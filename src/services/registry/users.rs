//! The users the registry knows: registered when seen (links, page views) or added by an admin, each with an opaque
//! reference for the console's URLs.

use super::user_id;
use crate::domain::{Profile, UserId, UserRef};
use crate::platform::db::{from_ms, ms, Db, DbError};
use chrono::{DateTime, Utc};
use sqlx::Row;

/// A user as the registry knows them.
#[derive(Clone, Debug, PartialEq)]
pub struct UserInfo {
    pub user: UserId,
    pub reference: UserRef,
    pub first_seen: DateTime<Utc>,
    pub last_seen: DateTime<Utc>,
    /// What the host said about the user (empty when nothing).
    pub profile: Profile,
}

/// Columns of [`UserInfo`], in the order [`user_info`] reads them.
pub(super) const USER_COLUMNS: &str = "u.user_id, u.ref, u.first_seen, u.last_seen, u.profile";

pub(super) fn user_info(r: &sqlx::any::AnyRow) -> Result<UserInfo, DbError> {
    Ok(UserInfo {
        user: user_id(r.try_get(0)?)?,
        reference: UserRef::from_url(r.try_get::<Option<String>, _>(1)?.unwrap_or_default()),
        first_seen: from_ms(r.try_get(2)?),
        last_seen: from_ms(r.try_get(3)?),
        profile: profile(r.try_get(4)?),
    })
}

/// A stored profile; one that cannot be read counts as empty.
fn profile(raw: Option<String>) -> Profile {
    raw.and_then(|p| serde_json::from_str(&p).ok()).unwrap_or_default()
}

/// What the erasure record keeps instead of the id.
fn digest(user: &UserId) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(user.as_str().as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// A fresh opaque reference for a user.
pub(super) fn new_ref() -> String {
    crate::platform::secrets::random_token().chars().take(22).collect()
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

    /// Adds a user by hand (last seen stays as it was for a known user).
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
        let row = sqlx::query(&format!("SELECT {USER_COLUMNS} FROM portal_users u WHERE u.user_id = $1"))
            .bind(user.as_str())
            .fetch_optional(self.pool())
            .await?;
        row.as_ref().map(user_info).transpose()
    }

    pub async fn user_by_ref(&self, reference: &UserRef) -> Result<Option<UserInfo>, DbError> {
        let row = sqlx::query(&format!("SELECT {USER_COLUMNS} FROM portal_users u WHERE u.ref = $1"))
            .bind(reference.as_str())
            .fetch_optional(self.pool())
            .await?;
        row.as_ref().map(user_info).transpose()
    }

    /// Stores what the host said about the user, part by part over what was known (the latest link wins).
    pub async fn update_profile(&self, user: &UserId, update: &Profile) -> Result<(), DbError> {
        let mut tx = self.pool().begin().await?;
        // Write first (SQLite's lock, PostgreSQL's row lock), then read what is known.
        sqlx::query("UPDATE portal_users SET org_id = org_id WHERE user_id = $1").bind(user.as_str()).execute(&mut *tx).await?;
        let known = sqlx::query("SELECT profile FROM portal_users WHERE user_id = $1")
            .bind(user.as_str())
            .fetch_optional(&mut *tx)
            .await?
            .map(|r| r.try_get::<Option<String>, _>(0))
            .transpose()?
            .flatten();
        let merged = profile(known).updated_by(update);
        let json = serde_json::to_string(&merged).map_err(|e| DbError::Invalid(e.to_string()))?;
        sqlx::query("UPDATE portal_users SET profile = $1, org_id = $2 WHERE user_id = $3")
            .bind(json)
            .bind(merged.organization.as_ref().map(|o| o.id.clone()))
            .bind(user.as_str())
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// What the host said about the user.
    pub async fn profile(&self, user: &UserId) -> Result<Profile, DbError> {
        let raw = sqlx::query("SELECT profile FROM portal_users WHERE user_id = $1")
            .bind(user.as_str())
            .fetch_optional(self.pool())
            .await?
            .map(|r| r.try_get::<Option<String>, _>(0))
            .transpose()?
            .flatten();
        Ok(profile(raw))
    }

    /// When the user was erased through the host API, if ever (links issued before then no longer work).
    pub async fn erased_at(&self, user: &UserId) -> Result<Option<DateTime<Utc>>, DbError> {
        let row = sqlx::query("SELECT erased_at FROM erased_users WHERE digest = $1")
            .bind(digest(user))
            .fetch_optional(self.pool())
            .await?;
        Ok(row.map(|r| r.try_get::<i64, _>(0)).transpose()?.map(from_ms))
    }

    /// Erases what plugboard keeps about a user: the registry row with the host's details, the snapshots and any
    /// webhook not yet sent; events keep their facts with the user replaced by an opaque tombstone; links issued
    /// until now stop working. Returns whether the user was known.
    pub async fn erase_user(&self, user: &UserId, now: DateTime<Utc>) -> Result<bool, DbError> {
        let mut tx = self.pool().begin().await?;
        let known = sqlx::query("DELETE FROM portal_users WHERE user_id = $1").bind(user.as_str()).execute(&mut *tx).await?;
        let snapshots =
            sqlx::query("DELETE FROM status_snapshots WHERE user_id = $1").bind(user.as_str()).execute(&mut *tx).await?;
        sqlx::query(
            "DELETE FROM webhook_deliveries WHERE status = 'pending' AND message_id IN \
             (SELECT id FROM webhook_messages WHERE user_id = $1)",
        )
        .bind(user.as_str())
        .execute(&mut *tx)
        .await?;
        sqlx::query("UPDATE webhook_messages SET user_id = NULL, body = NULL, facts = '{}' WHERE user_id = $1")
            .bind(user.as_str())
            .execute(&mut *tx)
            .await?;
        let tombstone = format!("erased-{}", new_ref());
        let events = sqlx::query("UPDATE events SET user_id = $1 WHERE user_id = $2")
            .bind(&tombstone)
            .bind(user.as_str())
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO erased_users (digest, erased_at) VALUES ($1, $2) ON CONFLICT (digest) DO UPDATE SET erased_at = excluded.erased_at",
        )
        .bind(digest(user))
        .bind(ms(now))
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(known.rows_affected() + snapshots.rows_affected() + events.rows_affected() > 0)
    }

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
}
