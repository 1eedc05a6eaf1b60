//! The admin console's access: the password check (digests compared in constant time, or argon2 off the async
//! threads), admin sessions (rotated id, their own idle timeout), and the sign-in rate limit: per client and overall,
//! counted in the database before the password is checked, so it holds across instances, restarts and concurrent
//! guesses. Server only.

use crate::domain::{AdminRole, PASSWORD_ACTOR};
use crate::platform::config::AdminPassword;
use crate::platform::db::{ms, Db, DbError};
use serde::{Deserialize, Serialize};
use sqlx::Row;
use std::{net::IpAddr, time::Duration};
use tower_sessions::{Expiry, Session};

const ADMIN_KEY: &str = "admin";

/// A signed-in admin, as kept in the session.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct AdminSession {
    pub signed_in_at: chrono::DateTime<chrono::Utc>,
    /// Who their actions are recorded as: the email from their ID token, or `password`.
    #[serde(default = "password_actor")]
    pub actor: String,
    #[serde(default)]
    pub role: AdminRole,
    /// For single sign-on: the issuer and subject the account is bound to (checked against the allow-lists at
    /// every request).
    #[serde(default)]
    pub oidc: Option<(String, String)>,
}

fn password_actor() -> String {
    PASSWORD_ACTOR.to_owned()
}

impl AdminSession {
    /// The shared password's admin.
    pub fn password() -> Self {
        AdminSession { signed_in_at: chrono::Utc::now(), actor: password_actor(), role: AdminRole::Admin, oidc: None }
    }
}

/// Who is asking for an admin page.
pub enum Access {
    /// Neither a password nor single sign-on is configured: the console is off.
    Off,
    Admin(AdminSession),
    /// Signed in as an end user: refused with 403.
    EndUser,
    Anonymous,
}

pub async fn is_admin(session: &Session) -> bool {
    admin_of(session).await.is_some()
}

/// The admin signed in with this session, if any.
pub async fn admin_of(session: &Session) -> Option<AdminSession> {
    session.get::<AdminSession>(ADMIN_KEY).await.ok().flatten()
}

/// Who is asking, given how the console is configured. A single sign-on admin no longer on the allow-lists (or
/// moved between them) loses the session or the role at this request.
pub async fn access(console: &crate::platform::config::ConsoleSettings, session: &Session) -> Access {
    if !console.is_on() {
        return Access::Off;
    }
    match admin_of(session).await {
        Some(admin) => match &admin.oidc {
            None if console.admin_password.is_none() => {
                let _ = session.flush().await;
                Access::Anonymous
            }
            None => Access::Admin(admin),
            Some((issuer, _)) if !console.oidc.as_ref().is_some_and(|o| same_issuer(o.issuer.as_str(), issuer)) => {
                tracing::warn!("a single sign-on session of another issuer was signed out");
                let _ = session.flush().await;
                Access::Anonymous
            }
            Some(_) => match console.admins.role_of(&admin.actor) {
                Some(role) if role == admin.role => Access::Admin(admin),
                Some(role) => {
                    let admin = AdminSession { role, ..admin };
                    let _ = session.insert(ADMIN_KEY, admin.clone()).await;
                    Access::Admin(admin)
                }
                None => {
                    tracing::warn!("an admin no longer allowed was signed out");
                    let _ = session.flush().await;
                    Access::Anonymous
                }
            },
        },
        None if crate::services::sessions::current(session).await.is_some() => Access::EndUser,
        None => Access::Anonymous,
    }
}

/// Whether two spellings name one issuer (a trailing slash aside).
fn same_issuer(a: &str, b: &str) -> bool {
    a.trim_end_matches('/') == b.trim_end_matches('/')
}

/// Checks a password: plain ones by their digests in constant time, argon2 hashes on a blocking thread.
pub async fn verify(configured: &AdminPassword, given: String) -> bool {
    match configured {
        AdminPassword::Plain(secret) => {
            use secrecy::ExposeSecret;
            crate::platform::secrets::same_secret(given.as_bytes(), secret.expose_secret().as_bytes())
        }
        AdminPassword::Argon2(phc) => {
            let phc = phc.clone();
            tokio::task::spawn_blocking(move || match argon2::PasswordHash::new(&phc) {
                Ok(hash) => {
                    argon2::PasswordVerifier::verify_password(&argon2::Argon2::default(), given.as_bytes(), &hash).is_ok()
                }
                Err(_) => false,
            })
            .await
            .unwrap_or(false)
        }
    }
}

pub async fn sign_in(session: &Session, idle: Duration, who: AdminSession) -> Result<(), tower_sessions::session::Error> {
    session.cycle_id().await?;
    session.clear().await;
    let idle = time::Duration::seconds(idle.as_secs().min(i64::MAX as u64) as i64);
    session.set_expiry(Some(Expiry::OnInactivity(idle)));
    session.insert(ADMIN_KEY, who).await
}

/// A budget kept in the database as a GCRA "theoretical arrival time": each attempt moves it one `period` on; an
/// attempt is allowed while it stays within `burst` periods of now.
#[derive(Clone, Copy, Debug)]
struct Budget {
    period: Duration,
    burst: u32,
}

/// Per client: 5 failed attempts at once, then one more every 2 minutes.
const PER_CLIENT: Budget = Budget { period: Duration::from_secs(120), burst: 5 };
/// Over all clients: 30 at once, then one every 2 seconds. Past it, an alert (a metric and a log line), never a lock:
/// the right password from a client within its own budget always signs in.
const OVERALL: Budget = Budget { period: Duration::from_secs(2), burst: 30 };

/// An admitted sign-in attempt; a successful one is given back ([`SignInLimiter::succeeded`]), so only failures count.
#[must_use]
pub struct Admitted {
    client_key: String,
    /// The overall key, when this attempt was counted in it (not once the overall budget is spent).
    overall_key: Option<String>,
}

/// Sign-in attempts, counted before the password is checked.
#[derive(Clone)]
pub struct SignInLimiter {
    db: Db,
}

impl SignInLimiter {
    pub fn new(db: Db) -> Self {
        SignInLimiter { db }
    }

    /// Counts an attempt from `client` (its budget key: the address, an IPv6 /64); `Err(wait)` while the client is
    /// over its budget (a refused attempt is not counted, so a locked client's wait does not grow). Failures from
    /// everyone together beyond the overall budget raise `plugboard_admin_sign_in_alerts_total` and a warning, and
    /// refuse nobody: many clients (or one that forges addresses) cannot lock the admin out.
    pub async fn admit(&self, client: IpAddr) -> Result<Result<Admitted, Duration>, DbError> {
        let now = chrono::Utc::now();
        let client_key = format!("signin:{client}");
        let overall_key = "signin:*".to_owned();
        if let Err(wait) = self.charge(&client_key, PER_CLIENT, now).await? {
            return Ok(Err(wait));
        }
        let overall_key = match self.charge(&overall_key, OVERALL, now).await? {
            Ok(()) => Some(overall_key),
            Err(_) => {
                metrics::counter!("plugboard_admin_sign_in_alerts_total").increment(1);
                tracing::warn!(
                    overall_budget = OVERALL.burst,
                    "admin sign-in: failed attempts from all clients together exceed the overall budget (a distributed guess?)"
                );
                None
            }
        };
        Ok(Ok(Admitted { client_key, overall_key }))
    }

    /// The attempt succeeded: it does not count.
    pub async fn succeeded(&self, attempt: Admitted) -> Result<(), DbError> {
        self.refund(&attempt.client_key, PER_CLIENT).await?;
        match &attempt.overall_key {
            Some(k) => self.refund(k, OVERALL).await,
            None => Ok(()),
        }
    }

    /// Moves the key's time on by one period, only if it stays within the burst (one atomic statement: concurrent
    /// attempts cannot overshoot). `Err(wait)` when it would not.
    async fn charge(&self, key: &str, b: Budget, now: chrono::DateTime<chrono::Utc>) -> Result<Result<(), Duration>, DbError> {
        let (now, period, limit) = (ms(now), b.period.as_millis() as i64, i64::from(b.burst) * b.period.as_millis() as i64);
        let admitted = sqlx::query(
            "INSERT INTO rate_limits (key, tat) VALUES ($1, $2 + $3) ON CONFLICT (key) DO UPDATE SET \
             tat = (CASE WHEN rate_limits.tat > $2 THEN rate_limits.tat ELSE $2 END) + $3 \
             WHERE (CASE WHEN rate_limits.tat > $2 THEN rate_limits.tat ELSE $2 END) + $3 - $2 <= $4",
        )
        .bind(key)
        .bind(now)
        .bind(period)
        .bind(limit)
        .execute(self.db.pool())
        .await?
        .rows_affected()
            == 1;
        if admitted {
            return Ok(Ok(()));
        }
        let tat: i64 = sqlx::query("SELECT tat FROM rate_limits WHERE key = $1")
            .bind(key)
            .fetch_one(self.db.pool())
            .await?
            .try_get(0)?;
        Ok(Err(Duration::from_millis((tat + period - now - limit).max(1000) as u64)))
    }

    async fn refund(&self, key: &str, b: Budget) -> Result<(), DbError> {
        sqlx::query("UPDATE rate_limits SET tat = tat - $1 WHERE key = $2")
            .bind(b.period.as_millis() as i64)
            .bind(key)
            .execute(self.db.pool())
            .await?;
        Ok(())
    }

    /// Forgets budgets that are fully replenished (called from the retention job).
    pub async fn forget_old(&self, now: chrono::DateTime<chrono::Utc>) -> Result<(), DbError> {
        sqlx::query("DELETE FROM rate_limits WHERE tat < $1").bind(ms(now)).execute(self.db.pool()).await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn plain_and_argon2_passwords() {
        let plain = AdminPassword::Plain("correct horse battery".to_string().into());
        assert!(verify(&plain, "correct horse battery".into()).await);
        assert!(!verify(&plain, "correct horse batter".into()).await);
        assert!(!verify(&plain, String::new()).await);
        use argon2::password_hash::{PasswordHasher, SaltString};
        let salt = SaltString::encode_b64(b"0123456789abcdef").unwrap();
        let phc = argon2::Argon2::default().hash_password(b"s3cret-admin-pass", &salt).unwrap().to_string();
        let hashed = AdminPassword::Argon2(phc);
        assert!(verify(&hashed, "s3cret-admin-pass".into()).await);
        assert!(!verify(&hashed, "s3cret-admin-pas".into()).await);
    }
}
