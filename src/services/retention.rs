//! Retention: what is deleted, and when. Events older than `PLUGBOARD_EVENTS_RETENTION_DAYS`, used-link records
//! past their link's expiry, connect attempts a day after they finished or expired (marked abandoned first), the funnel's hourly counts after 400 days, replenished sign-in budgets, `Idempotency-Key` answers after 24 hours, and
//! webhook messages whose deliveries all finished (delivered or failed) before the events' cutoff.
//! Run hourly by the server, and directly by tests.

use crate::platform::db::{ms, Db, DbError};
use chrono::{DateTime, Utc};
use std::time::Duration;

/// How many rows one sweep deleted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Swept {
    pub events: u64,
    pub used_links: u64,
    pub attempts: u64,
    pub webhooks: u64,
}

/// How long the funnel's hourly counts are kept (they name nobody).
pub const ROLLUP_DAYS: i64 = 400;

pub async fn sweep(db: &Db, now: DateTime<Utc>, events_retention: Duration) -> Result<Swept, DbError> {
    let cutoff = now - chrono::Duration::from_std(events_retention).unwrap_or(chrono::Duration::days(90));
    let events = sqlx::query("DELETE FROM events WHERE at < $1").bind(ms(cutoff)).execute(db.pool()).await?.rows_affected();
    let used_links = db.delete_expired_links(now).await?;
    db.abandon_expired(now).await?;
    let attempts = db.delete_old_attempts(now).await?;
    db.delete_old_rollup(now - chrono::Duration::days(ROLLUP_DAYS)).await?;
    crate::services::admin::SignInLimiter::new(db.clone()).forget_old(now).await?;
    let webhooks = db.delete_finished_webhooks(cutoff).await?;
    db.delete_old_idempotency_keys(now).await?;
    Ok(Swept { events, used_links, attempts, webhooks })
}
