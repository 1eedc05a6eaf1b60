//! Leases in the database: a named role (the refresher's leadership) held by one instance until an expiry it renews.
//! A holder that stalls (SIGSTOP, a lost node whose TCP connections linger) stops renewing, so another instance
//! takes over once the lease expires; when the stale one resumes, its own monotonic clock says the lease has run
//! out before it acts again, and the database says whether it still holds it. No connection is held for it.

use crate::platform::db::{Db, DbError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// One instance's claim on a named lease.
#[derive(Clone)]
pub struct Lease {
    db: Db,
    name: &'static str,
    holder: Arc<str>,
    ttl: Duration,
    /// Until when this instance knows it holds the lease (monotonic, less a margin), if it does.
    held_until: Arc<Mutex<Option<Instant>>>,
}

impl Lease {
    pub fn new(db: Db, name: &'static str, ttl: Duration) -> Lease {
        let holder: Arc<str> = format!("{}-{}", std::process::id(), uuid::Uuid::new_v4().simple()).into();
        Lease { db, name, holder, ttl, held_until: Default::default() }
    }

    /// Takes the lease if it is free or expired, or renews it if this instance holds it. Returns whether it does.
    pub async fn acquire(&self) -> Result<bool, DbError> {
        let asked = Instant::now();
        // Expiries in the database's clock, so instances whose clocks disagree still agree on who holds it.
        let now = if self.db.is_postgres() {
            "(EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::BIGINT"
        } else {
            "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)"
        };
        let done = sqlx::query(&format!(
            "INSERT INTO leases (name, holder, expires_at) VALUES ($1, $2, {now} + $3) ON CONFLICT (name) DO UPDATE \
             SET holder = excluded.holder, expires_at = excluded.expires_at \
             WHERE leases.holder = excluded.holder OR leases.expires_at < {now}"
        ))
        .bind(self.name)
        .bind(&*self.holder)
        .bind(self.ttl.as_millis() as i64)
        .execute(self.db.pool())
        .await?;
        let held = done.rows_affected() == 1;
        // Counted from before the question, less a third: a stalled instance knows it lost the lease before the
        // others may take it (the database's expiry is a full ttl from the same moment).
        *self.held_until.lock().unwrap_or_else(|p| p.into_inner()) = held.then(|| asked + self.ttl * 2 / 3);
        Ok(held)
    }

    /// Whether this instance may act now: it knows it holds the lease, renewing it first when half of it is gone.
    /// Call before every action the lease guards.
    pub async fn ensure(&self) -> bool {
        let until = *self.held_until.lock().unwrap_or_else(|p| p.into_inner());
        match until {
            Some(u) if Instant::now() + self.ttl / 3 < u => true,
            Some(_) => self.acquire().await.unwrap_or(false),
            None => false,
        }
    }

    /// Gives the lease up (on shutdown), so another instance takes over at once.
    pub async fn release(&self) {
        *self.held_until.lock().unwrap_or_else(|p| p.into_inner()) = None;
        let _ = sqlx::query("DELETE FROM leases WHERE name = $1 AND holder = $2")
            .bind(self.name)
            .bind(&*self.holder)
            .execute(self.db.pool())
            .await;
    }
}
