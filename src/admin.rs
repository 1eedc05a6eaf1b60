//! The admin console's server side: the password check (constant time, plain or argon2), admin sessions (rotated
//! id, shorter lifetime), and rate limiting of sign-in attempts per client. Server only.

use crate::config::AdminPassword;
use governor::{clock::Clock, DefaultKeyedRateLimiter, Quota, RateLimiter};
use secrecy::ExposeSecret;
use serde::{Deserialize, Serialize};
use std::{net::IpAddr, num::NonZeroU32, sync::Arc, time::Duration};
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
    } else if crate::identity::current(session).await.is_some() {
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

/// Sign-in attempts per client address: 5 at once, then one more every 2 minutes.
#[derive(Clone)]
pub struct SignInLimiter(Arc<DefaultKeyedRateLimiter<IpAddr>>);

impl Default for SignInLimiter {
    fn default() -> Self {
        let quota = Quota::with_period(Duration::from_secs(120))
            .unwrap_or_else(|| Quota::per_minute(NonZeroU32::MIN))
            .allow_burst(NonZeroU32::new(5).unwrap_or(NonZeroU32::MIN));
        SignInLimiter(Arc::new(RateLimiter::keyed(quota)))
    }
}

impl SignInLimiter {
    /// `Err(wait)` when this client must wait before trying again.
    pub fn check(&self, client: IpAddr) -> Result<(), Duration> {
        self.0
            .check_key(&client)
            .map_err(|not_until| not_until.wait_time_from(governor::clock::DefaultClock::default().now()))
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
    fn limiter_allows_five_then_waits() {
        let l = SignInLimiter::default();
        let ip: IpAddr = "203.0.113.9".parse().unwrap();
        for _ in 0..5 {
            assert!(l.check(ip).is_ok());
        }
        let wait = l.check(ip).unwrap_err();
        assert!(wait > Duration::from_secs(60) && wait <= Duration::from_secs(120), "{wait:?}");
        assert!(l.check("203.0.113.10".parse().unwrap()).is_ok(), "per client");
    }
}
