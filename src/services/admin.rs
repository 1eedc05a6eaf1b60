//! The admin console's access: the password check (constant time, plain or argon2), admin sessions (rotated id,
//! shorter lifetime), and rate limiting of failed sign-ins per client. Server only.

use crate::platform::config::AdminPassword;
use governor::{clock::Clock, DefaultKeyedRateLimiter, Quota, RateLimiter};
use secrecy::ExposeSecret;
use serde::{Deserialize, Serialize};
use std::{
    collections::HashMap,
    net::IpAddr,
    num::NonZeroU32,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};
use subtle::ConstantTimeEq;
use tower_sessions::{Expiry, Session};

const ADMIN_KEY: &str = "admin";
/// Admin sessions end after this long without a request (end users get 2 hours).
pub const ADMIN_INACTIVITY: time::Duration = time::Duration::minutes(30);

#[derive(Clone, Serialize, Deserialize)]
pub struct AdminSession {
    pub signed_in_at: chrono::DateTime<chrono::Utc>,
}

/// Who is asking for an admin page.
pub enum Access {
    /// No `PLUGBOARD_ADMIN_PASSWORD`: the console is off.
    Off,
    Admin,
    /// Signed in as an end user: refused with 403.
    EndUser,
    Anonymous,
}

pub async fn access(password: Option<&AdminPassword>, session: &Session) -> Access {
    if password.is_none() {
        return Access::Off;
    }
    if session.get::<AdminSession>(ADMIN_KEY).await.ok().flatten().is_some() {
        Access::Admin
    } else if crate::services::sessions::current(session).await.is_some() {
        Access::EndUser
    } else {
        Access::Anonymous
    }
}

/// Checks a password in constant time (plain) or with argon2 (hash).
pub fn verify(configured: &AdminPassword, given: &str) -> bool {
    match configured {
        AdminPassword::Plain(secret) => bool::from(given.as_bytes().ct_eq(secret.expose_secret().as_bytes())),
        AdminPassword::Argon2(phc) => match argon2::PasswordHash::new(phc) {
            Ok(hash) => {
                argon2::PasswordVerifier::verify_password(&argon2::Argon2::default(), given.as_bytes(), &hash).is_ok()
            }
            Err(_) => false,
        },
    }
}

pub async fn sign_in(session: &Session) -> Result<(), tower_sessions::session::Error> {
    session.cycle_id().await?;
    session.clear().await;
    session.set_expiry(Some(Expiry::OnInactivity(ADMIN_INACTIVITY)));
    session.insert(ADMIN_KEY, AdminSession { signed_in_at: chrono::Utc::now() }).await
}

/// Failed sign-in attempts per client address: 5 at once, then one more every 2 minutes. Once a client is over the
/// limit, even the right password waits until the lock ends. Successful sign-ins do not count.
#[derive(Clone)]
pub struct SignInLimiter {
    failures: Arc<DefaultKeyedRateLimiter<IpAddr>>,
    locked: Arc<Mutex<HashMap<IpAddr, Instant>>>,
}

impl Default for SignInLimiter {
    fn default() -> Self {
        let quota = Quota::with_period(Duration::from_secs(120))
            .unwrap_or_else(|| Quota::per_minute(NonZeroU32::MIN))
            .allow_burst(NonZeroU32::new(5).unwrap_or(NonZeroU32::MIN));
        SignInLimiter { failures: Arc::new(RateLimiter::keyed(quota)), locked: Default::default() }
    }
}

impl SignInLimiter {
    fn locks(&self) -> std::sync::MutexGuard<'_, HashMap<IpAddr, Instant>> {
        self.locked.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// `Some(wait)` while this client is locked out.
    pub fn locked(&self, client: IpAddr) -> Option<Duration> {
        let now = Instant::now();
        self.locks().get(&client).and_then(|until| until.checked_duration_since(now)).filter(|d| !d.is_zero())
    }

    /// Records a failed attempt; `Some(wait)` when it put the client over the limit.
    pub fn failed(&self, client: IpAddr) -> Option<Duration> {
        let not_until = self.failures.check_key(&client).err()?;
        let wait = not_until.wait_time_from(governor::clock::DefaultClock::default().now());
        let now = Instant::now();
        let mut locks = self.locks();
        locks.retain(|_, until| *until > now);
        locks.insert(client, now + wait);
        Some(wait)
    }

    /// Forgets clients whose failures are old (called from the hourly cleanup).
    pub fn forget_old(&self) {
        self.failures.retain_recent();
        let now = Instant::now();
        self.locks().retain(|_, until| *until > now);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_and_argon2_passwords() {
        let plain = AdminPassword::Plain("correct horse battery".to_string().into());
        assert!(verify(&plain, "correct horse battery"));
        assert!(!verify(&plain, "correct horse batter"));
        assert!(!verify(&plain, ""));
        use argon2::password_hash::{PasswordHasher, SaltString};
        let salt = SaltString::encode_b64(b"0123456789abcdef").unwrap();
        let phc = argon2::Argon2::default().hash_password(b"s3cret-admin-pass", &salt).unwrap().to_string();
        let hashed = AdminPassword::Argon2(phc);
        assert!(verify(&hashed, "s3cret-admin-pass"));
        assert!(!verify(&hashed, "s3cret-admin-pas"));
    }

    #[test]
    fn limiter_allows_five_failures_then_locks() {
        let l = SignInLimiter::default();
        let ip: IpAddr = "203.0.113.9".parse().unwrap();
        for _ in 0..5 {
            assert!(l.locked(ip).is_none());
            assert!(l.failed(ip).is_none());
        }
        assert!(l.locked(ip).is_none());
        let wait = l.failed(ip).unwrap();
        assert!(wait > Duration::from_secs(60) && wait <= Duration::from_secs(120), "{wait:?}");
        let left = l.locked(ip).unwrap();
        assert!(left > Duration::from_secs(60) && left <= wait, "{left:?}");
        let other: IpAddr = "203.0.113.10".parse().unwrap();
        assert!(l.locked(other).is_none() && l.failed(other).is_none(), "per client");
    }
}
