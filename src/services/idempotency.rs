//! Idempotent writes for the host API (`Idempotency-Key`): the first answer to a (caller, key) is kept for 24 hours,
//! sealed, and given again to the same request; another request under the same key is refused; a request that comes
//! while the first still runs waits for it. Kept in the database, so it holds across instances.

use crate::domain::UserId;
use crate::platform::db::{ms, Db, DbError};
use crate::platform::sealed::Sealer;
use chrono::{DateTime, Duration, Utc};
use sha2::{Digest, Sha256};
use sqlx::Row;

/// How long a key is remembered.
pub const KEEP: Duration = Duration::hours(24);
/// A first request without an answer after this long is taken over (requests are cut off after 30 s, and the answer
/// is kept even when its client went away; only an instance stopped mid-way leaves one behind).
pub const ABANDONED: Duration = Duration::seconds(60);
/// The longest key accepted.
pub const MAX_KEY_LEN: usize = 255;

/// What a request under a key may do.
#[derive(Debug, PartialEq, Eq)]
pub enum Claim {
    /// The first with this key: run it, then [`Idempotency::complete`] or [`Idempotency::release`].
    Fresh,
    /// The same request was answered before: this is its answer.
    Replay { status: u16, body: Vec<u8> },
    /// The key was used for another request.
    Mismatch,
    /// The first request with this key is still running.
    Running,
}

/// Keeps first answers. Cheap to clone.
#[derive(Clone)]
pub struct Idempotency {
    db: Db,
    sealer: Sealer,
}

impl std::fmt::Debug for Idempotency {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Idempotency([redacted])")
    }
}

/// A request's fingerprint: its method and path, and its body as canonical JSON (keys sorted), digested.
pub fn fingerprint(method: &str, path: &str, body: Option<&serde_json::Value>) -> String {
    let mut h = Sha256::new();
    h.update(method.as_bytes());
    h.update(b" ");
    h.update(path.as_bytes());
    h.update(b"\n");
    if let Some(b) = body {
        canonical(b, &mut h);
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// JSON with object keys sorted at every level (whatever order the client sent them in, or a map keeps).
fn canonical(v: &serde_json::Value, h: &mut Sha256) {
    match v {
        serde_json::Value::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            h.update(b"{");
            for k in keys {
                h.update(serde_json::Value::String(k.clone()).to_string().as_bytes());
                h.update(b":");
                canonical(&m[k], h);
                h.update(b",");
            }
            h.update(b"}");
        }
        serde_json::Value::Array(items) => {
            h.update(b"[");
            for i in items {
                canonical(i, h);
                h.update(b",");
            }
            h.update(b"]");
        }
        other => h.update(other.to_string().as_bytes()),
    }
}

/// A key as a client may send it: 1 to 255 visible ASCII characters.
pub fn valid_key(raw: &str) -> bool {
    !raw.is_empty() && raw.len() <= MAX_KEY_LEN && raw.bytes().all(|b| b.is_ascii_graphic())
}

impl Idempotency {
    pub fn new(db: Db, key: [u8; 32]) -> Self {
        Idempotency { db, sealer: Sealer::new(key) }
    }

    /// Sealing with the first key, opening with any (answers kept before a link-secret rotation still replay).
    pub fn with_sealer(db: Db, sealer: Sealer) -> Self {
        Idempotency { db, sealer }
    }

    /// Claims `key` for a request with `fingerprint` about `user` (tied to the user from the start, so an erasure
    /// while it runs forgets it), or says what became of it before.
    pub async fn claim(
        &self,
        caller: &str,
        key: &str,
        fingerprint: &str,
        user: Option<&UserId>,
        now: DateTime<Utc>,
    ) -> Result<Claim, DbError> {
        // A key older than a day is forgotten (the sweep deletes it too; this makes the boundary exact), and a first
        // request that never answered (its instance stopped mid-way) is taken over after a minute.
        sqlx::query(
            "DELETE FROM idempotency_keys WHERE caller = $1 AND idem_key = $2 \
             AND (created_at < $3 OR (response IS NULL AND created_at < $4))",
        )
        .bind(caller)
        .bind(key)
        .bind(ms(now - KEEP))
        .bind(ms(now - ABANDONED))
        .execute(self.db.pool())
        .await?;
        let inserted = sqlx::query(
            "INSERT INTO idempotency_keys (caller, idem_key, fingerprint, user_id, created_at) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (caller, idem_key) DO NOTHING",
        )
        .bind(caller)
        .bind(key)
        .bind(fingerprint)
        .bind(user.map(|u| u.as_str().to_owned()))
        .bind(ms(now))
        .execute(self.db.pool())
        .await?
        .rows_affected();
        if inserted == 1 {
            return Ok(Claim::Fresh);
        }
        // Gone between the insert and the read (the first failed and gave it up): run now.
        match self.peek(caller, key, fingerprint).await? {
            Some(c) => Ok(c),
            None => Ok(Claim::Running),
        }
    }

    /// What became of `key`, reading only (a request waiting for the first one polls this); None: no such key (the
    /// first gave it up, or its answer no longer opens): claim it.
    pub async fn peek(&self, caller: &str, key: &str, fingerprint: &str) -> Result<Option<Claim>, DbError> {
        let row = sqlx::query("SELECT fingerprint, status, response FROM idempotency_keys WHERE caller = $1 AND idem_key = $2")
            .bind(caller)
            .bind(key)
            .fetch_optional(self.db.pool())
            .await?;
        let Some(row) = row else { return Ok(None) };
        if row.try_get::<String, _>(0)? != fingerprint {
            return Ok(Some(Claim::Mismatch));
        }
        match (row.try_get::<Option<i64>, _>(1)?, row.try_get::<Option<String>, _>(2)?) {
            (Some(status), Some(sealed)) => match self.open(caller, key, &sealed) {
                Some(body) => Ok(Some(Claim::Replay { status: u16::try_from(status).unwrap_or(200), body })),
                None => {
                    // Sealed under a link secret since removed: forgotten, and this request runs.
                    sqlx::query("DELETE FROM idempotency_keys WHERE caller = $1 AND idem_key = $2")
                        .bind(caller)
                        .bind(key)
                        .execute(self.db.pool())
                        .await?;
                    Ok(None)
                }
            },
            _ => Ok(Some(Claim::Running)),
        }
    }

    /// Keeps the first answer (sealed). Nothing is kept if the key was forgotten meanwhile (its user erased).
    pub async fn complete(&self, caller: &str, key: &str, status: u16, body: &[u8]) -> Result<(), DbError> {
        let sealed = self.seal(caller, key, body).ok_or_else(|| DbError::Invalid("sealing a response failed".into()))?;
        sqlx::query("UPDATE idempotency_keys SET status = $1, response = $2 WHERE caller = $3 AND idem_key = $4")
            .bind(i64::from(status))
            .bind(sealed)
            .bind(caller)
            .bind(key)
            .execute(self.db.pool())
            .await?;
        Ok(())
    }

    /// Gives the key up (the request failed before it changed anything): the client may retry with it.
    pub async fn release(&self, caller: &str, key: &str) -> Result<(), DbError> {
        sqlx::query("DELETE FROM idempotency_keys WHERE caller = $1 AND idem_key = $2 AND response IS NULL")
            .bind(caller)
            .bind(key)
            .execute(self.db.pool())
            .await?;
        Ok(())
    }

    fn aad(caller: &str, key: &str) -> Vec<u8> {
        format!("plugboard idempotent response v1\n{caller}\n{key}").into_bytes()
    }

    fn seal(&self, caller: &str, key: &str, body: &[u8]) -> Option<String> {
        self.sealer.seal(&Self::aad(caller, key), body)
    }

    fn open(&self, caller: &str, key: &str, sealed: &str) -> Option<Vec<u8>> {
        self.sealer.open(&Self::aad(caller, key), sealed)
    }
}

impl Db {
    /// Forgets keys older than a day. Returns how many.
    pub async fn delete_old_idempotency_keys(&self, now: DateTime<Utc>) -> Result<u64, DbError> {
        let done = sqlx::query("DELETE FROM idempotency_keys WHERE created_at < $1").bind(ms(now - KEEP)).execute(self.pool()).await?;
        Ok(done.rows_affected())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_equal_bodies_have_one_fingerprint() {
        let a: serde_json::Value = serde_json::from_str(r#"{"userId":"a","ttlSeconds":60}"#).unwrap();
        let b: serde_json::Value = serde_json::from_str(r#"{ "ttlSeconds": 60, "userId": "a" }"#).unwrap();
        let nested: serde_json::Value = serde_json::from_str(r#"{"a":{"y":1,"x":[2,{"q":1,"p":2}]}}"#).unwrap();
        let nested2: serde_json::Value = serde_json::from_str(r#"{"a":{"x":[2,{"p":2,"q":1}],"y":1}}"#).unwrap();
        assert_eq!(fingerprint("POST", "/", Some(&nested)), fingerprint("POST", "/", Some(&nested2)));
        let c: serde_json::Value = serde_json::from_str(r#"{"userId":"b","ttlSeconds":60}"#).unwrap();
        assert_eq!(fingerprint("POST", "/api/v1/links", Some(&a)), fingerprint("POST", "/api/v1/links", Some(&b)));
        assert_ne!(fingerprint("POST", "/api/v1/links", Some(&a)), fingerprint("POST", "/api/v1/links", Some(&c)));
        assert_ne!(fingerprint("DELETE", "/api/v1/users/a", None), fingerprint("DELETE", "/api/v1/users/b", None));
        assert!(valid_key("4f6c-1") && !valid_key("") && !valid_key("with space") && !valid_key(&"k".repeat(256)));
    }
}
