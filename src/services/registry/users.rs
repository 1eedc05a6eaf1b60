//! The users the registry knows: registered when seen (links, page views) or added by an admin, each with an opaque
//! reference for the console's URLs.

use super::user_id;
use crate::domain::{Profile, StateKey, UserId, UserRef};
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

/// The legacy erasure digest (a plain SHA-256 of the id, written before digests were keyed): still read, so the
/// links it blocks stay blocked until they expire; never written.
fn legacy_digest(user: &UserId) -> String {
    use sha2::{Digest, Sha256};
    hex(&Sha256::digest(user.as_str().as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// HMAC-SHA256 of the id under `key`: without the link secret a digest cannot be matched to a guessed id.
fn keyed_digest(key: &[u8], user: &UserId) -> String {
    use hmac::{Hmac, Mac};
    let mut mac = <Hmac<sha2::Sha256> as Mac>::new_from_slice(key).unwrap_or_else(|_| unreachable!("HMAC takes any key length"));
    mac.update(b"plugboard erased user\0");
    mac.update(user.as_str().as_bytes());
    hex(&mac.finalize().into_bytes())
}

/// Adds the user or bumps `last_seen`, on the connection of a transaction (the users' count changes with the row).
pub async fn touch_user_on(conn: &mut sqlx::AnyConnection, user: &UserId, now: DateTime<Utc>) -> Result<(), DbError> {
    let seen = "UPDATE portal_users SET last_seen = $1 WHERE user_id = $2";
    if sqlx::query(seen).bind(ms(now)).bind(user.as_str()).execute(&mut *conn).await?.rows_affected() > 0 {
        return Ok(());
    }
    if !insert_user(&mut *conn, user, now).await? {
        // Added meanwhile by another transaction.
        sqlx::query(seen).bind(ms(now)).bind(user.as_str()).execute(&mut *conn).await?;
    }
    Ok(())
}

/// Inserts a new user (counted); false when the id is taken.
async fn insert_user(conn: &mut sqlx::AnyConnection, user: &UserId, now: DateTime<Utc>) -> Result<bool, DbError> {
    let added = sqlx::query(
        "INSERT INTO portal_users (user_id, first_seen, last_seen, ref) VALUES ($1, $2, $2, $3) ON CONFLICT (user_id) DO NOTHING",
    )
    .bind(user.as_str())
    .bind(ms(now))
    .bind(new_ref())
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if added > 0 {
        super::counts::add_users(conn, 1).await?;
    }
    Ok(added > 0)
}

/// A fresh opaque reference for a user.
pub(super) fn new_ref() -> String {
    crate::platform::secrets::random_token().chars().take(22).collect()
}

impl Db {
    /// Adds the user or bumps `last_seen`.
    pub async fn touch_user(&self, user: &UserId, now: DateTime<Utc>) -> Result<(), DbError> {
        let mut tx = self.pool().begin().await?;
        touch_user_on(&mut tx, user, now).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Bumps `last_seen` of a known user (a signed-in session's activity); never adds one.
    pub async fn user_seen(&self, user: &UserId, now: DateTime<Utc>) -> Result<(), DbError> {
        sqlx::query("UPDATE portal_users SET last_seen = $1 WHERE user_id = $2 AND last_seen < $1")
            .bind(ms(now))
            .bind(user.as_str())
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Adds a user by hand (last seen stays as it was for a known user).
    pub async fn add_user(&self, user: &UserId, now: DateTime<Utc>) -> Result<UserInfo, DbError> {
        let mut tx = self.pool().begin().await?;
        insert_user(&mut tx, user, now).await?;
        tx.commit().await?;
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

    /// The digests an erasure of `user` may be recorded under: keyed with the link secret (the one written), with
    /// the previous secret, and the legacy plain digest.
    fn erased_digests(&self, user: &UserId) -> Vec<String> {
        let mut out: Vec<String> = self.erasure_keys().iter().map(|k| keyed_digest(k, user)).collect();
        out.push(legacy_digest(user));
        out
    }

    /// Of `users`, those whose observations are refused: erased through the host API and not registered again since
    /// (a link minted after the erasure registers them anew). One query for the digests, one per erased user.
    pub async fn refused_users<'u>(
        &self,
        conn: &mut sqlx::AnyConnection,
        users: &[&'u UserId],
    ) -> Result<Vec<&'u UserId>, DbError> {
        let digests: Vec<(usize, String)> =
            users.iter().enumerate().flat_map(|(i, u)| self.erased_digests(u).into_iter().map(move |d| (i, d))).collect();
        let mut erased: std::collections::BTreeMap<usize, i64> = Default::default();
        for chunk in digests.chunks(300) {
            let marks: Vec<String> = (1..=chunk.len()).map(|n| format!("${n}")).collect();
            let sql = format!("SELECT digest, erased_at FROM erased_users WHERE digest IN ({})", marks.join(", "));
            let mut q = sqlx::query(&sql);
            for (_, d) in chunk {
                q = q.bind(d.clone());
            }
            for r in q.fetch_all(&mut *conn).await? {
                let (d, at): (String, i64) = (r.try_get(0)?, r.try_get(1)?);
                if let Some((i, _)) = chunk.iter().find(|(_, x)| *x == d) {
                    let e = erased.entry(*i).or_insert(at);
                    *e = (*e).max(at);
                }
            }
        }
        let mut refused = Vec::new();
        for (i, at) in erased {
            let back = sqlx::query("SELECT first_seen FROM portal_users WHERE user_id = $1")
                .bind(users[i].as_str())
                .fetch_optional(&mut *conn)
                .await?
                .map(|r| r.try_get::<i64, _>(0))
                .transpose()?
                .is_some_and(|first_seen| first_seen > at);
            if !back {
                refused.push(users[i]);
            }
        }
        Ok(refused)
    }

    /// When the user was erased through the host API, if ever (links issued before then no longer work).
    pub async fn erased_at(&self, user: &UserId) -> Result<Option<DateTime<Utc>>, DbError> {
        let mut conn = self.pool().acquire().await?;
        self.erased_at_on(&mut conn, user).await
    }

    /// [`Db::erased_at`] on a connection (inside a transaction).
    pub async fn erased_at_on(
        &self,
        conn: &mut sqlx::AnyConnection,
        user: &UserId,
    ) -> Result<Option<DateTime<Utc>>, DbError> {
        let digests = self.erased_digests(user);
        let marks: Vec<String> = (1..=digests.len()).map(|n| format!("${n}")).collect();
        let sql = format!("SELECT MAX(erased_at) FROM erased_users WHERE digest IN ({})", marks.join(", "));
        let mut q = sqlx::query(&sql);
        for d in &digests {
            q = q.bind(d.clone());
        }
        let row = q.fetch_one(&mut *conn).await?;
        Ok(row.try_get::<Option<i64>, _>(0)?.map(from_ms))
    }

    /// Erases what plugboard keeps about a user, in one transaction: the registry row with the host's details, the
    /// snapshots, connect attempts, the user's sessions (signed out at once), the webhook messages' bodies and
    /// anything not yet sent, export filters that named them; events keep their facts with the user replaced by an
    /// opaque tombstone; links issued until now stop working; and the erasure is itself an event. On PostgreSQL the
    /// user's lock (see [`super::snapshots`]) is held first, so an observation racing the erasure either commits
    /// before it (and is erased with the rest) or is refused after it. Returns whether the user was known.
    pub async fn erase_user(&self, user: &UserId, now: DateTime<Utc>) -> Result<bool, DbError> {
        if self.erasure_keys().is_empty() {
            return Err(DbError::Invalid("erasing needs the link secret to key the digest (Db::with_erasure_keys)".into()));
        }
        let mut tx = self.pool().begin().await?;
        if self.is_postgres() {
            super::snapshots::lock_users(&mut tx, &[user]).await?;
        }
        // The erasure's instant once it holds the user: anything of theirs that committed before is erased here.
        let now = now.max(Utc::now());
        let id = user.as_str();
        let known = sqlx::query("DELETE FROM portal_users WHERE user_id = $1").bind(id).execute(&mut *tx).await?;
        let gone = sqlx::query("DELETE FROM status_snapshots WHERE user_id = $1 RETURNING integration_id, state")
            .bind(id)
            .fetch_all(&mut *tx)
            .await?;
        let mut tally = super::counts::Tally::default();
        for r in &gone {
            let (integration, state): (String, String) = (r.try_get(0)?, r.try_get(1)?);
            tally.removed(&integration, StateKey::parse(&state).unwrap_or(StateKey::Unknown));
        }
        sqlx::query("DELETE FROM connect_attempts WHERE user_id = $1").bind(id).execute(&mut *tx).await?;
        // Answers kept for Idempotency-Key hold the user's links: forgotten with the user.
        sqlx::query("DELETE FROM idempotency_keys WHERE user_id = $1").bind(id).execute(&mut *tx).await?;
        sqlx::query(
            "DELETE FROM webhook_deliveries WHERE status = 'pending' AND message_id IN \
             (SELECT id FROM webhook_messages WHERE user_id = $1)",
        )
        .bind(id)
        .execute(&mut *tx)
        .await?;
        // A receiver's answer may echo what it was sent.
        sqlx::query(
            "UPDATE webhook_deliveries SET last_excerpt = NULL WHERE message_id IN (SELECT id FROM webhook_messages WHERE user_id = $1)",
        )
        .bind(id)
        .execute(&mut *tx)
        .await?;
        sqlx::query("UPDATE webhook_messages SET user_id = NULL, body = NULL, facts = '{}' WHERE user_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let tombstone = format!("erased-{}", new_ref());
        let events =
            sqlx::query("UPDATE events SET user_id = $1 WHERE user_id = $2").bind(&tombstone).bind(id).execute(&mut *tx).await?;
        // An export's filters as typed (the id, or its URL-encoded form in the stored query string).
        let encoded: String = url::form_urlencoded::byte_serialize(id.as_bytes()).collect();
        // Compared without case: the console's "user id contains" filter ignores it.
        let contains = if self.is_postgres() {
            "strpos(LOWER(detail), $2) > 0 OR strpos(LOWER(detail), $3) > 0"
        } else {
            "instr(LOWER(detail), $2) > 0 OR instr(LOWER(detail), $3) > 0"
        };
        sqlx::query(&format!("UPDATE events SET detail = $1 WHERE kind = 'admin_exported' AND ({contains})"))
            .bind("[filters erased]")
            .bind(id.to_lowercase())
            .bind(encoded.to_lowercase())
            .execute(&mut *tx)
            .await?;
        let sessions = crate::platform::db::delete_sessions_of(&mut tx, self.is_postgres(), id).await?;
        let digest = self.erased_digests(user).swap_remove(0);
        sqlx::query(
            "INSERT INTO erased_users (digest, erased_at) VALUES ($1, $2) ON CONFLICT (digest) DO UPDATE SET erased_at = excluded.erased_at",
        )
        .bind(digest)
        .bind(ms(now))
        .execute(&mut *tx)
        .await?;
        // The kept counts last, just before the feed's counter (the same lock order as everywhere, held briefly).
        if known.rows_affected() > 0 {
            super::counts::add_users(&mut tx, -(known.rows_affected() as i64)).await?;
        }
        super::counts::apply(&mut tx, tally).await?;
        super::events::append_event(&mut tx, crate::domain::EventKind::UserErased, None, None, &crate::domain::EventDetail::None, now)
            .await?;
        tx.commit().await?;
        Ok(known.rows_affected() + gone.len() as u64 + events.rows_affected() + sessions > 0)
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
