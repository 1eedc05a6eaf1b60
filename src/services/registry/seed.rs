//! Generated users and states for demos and the console benchmark (`plugboard seed-console`).

use super::users::new_ref;
use crate::domain::{CustomerIntegrationId, StateKey};
use crate::platform::db::{ms, Built, Db, DbError};
use chrono::{DateTime, Utc};
use sqlx::{Any, QueryBuilder};

impl Db {
    /// Fills the registry with generated users (`user-00001`...) and snapshots for `integrations`: about 45%
    /// connected, 35% not connected, 10% needing a reconnect, 10% never checked, checked over the last two days.
    /// Deterministic. Returns the number of snapshots written.
    pub async fn seed_console(
        &self,
        users: usize,
        integrations: &[CustomerIntegrationId],
        now: DateTime<Utc>,
    ) -> Result<u64, DbError> {
        let mix = |a: u64, b: u64| {
            let mut x = a.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ b.wrapping_mul(0xC2B2_AE3D_27D4_EB4F);
            x ^= x >> 29;
            x.wrapping_mul(0x1656_67B1_9E37_79F9) >> 16
        };
        let now_ms = ms(now);
        let name = |u: usize| format!("user-{:05}", u + 1);
        let mut written = 0;
        for chunk in (0..users).collect::<Vec<_>>().chunks(500) {
            let mut tx = self.pool().begin().await?;
            let mut qb = QueryBuilder::<Any>::new("INSERT INTO portal_users (user_id, first_seen, last_seen, ref) ");
            qb.push_values(chunk, |mut row, &u| {
                let seen = now_ms - (mix(u as u64, 7) % 2_592_000_000) as i64;
                row.push_bind(name(u)).push_bind(seen - 86_400_000).push_bind(seen).push_bind(new_ref());
            });
            qb.push(" ON CONFLICT (user_id) DO NOTHING");
            Built::new(&mut qb)?.execute(&mut *tx).await?;
            for (ii, integration) in integrations.iter().enumerate() {
                let picked: Vec<(usize, StateKey, i64)> = chunk
                    .iter()
                    .filter_map(|&u| {
                        let h = mix(u as u64 + 1, ii as u64 + 1);
                        let state = match h % 100 {
                            0..45 => StateKey::Connected,
                            45..80 => StateKey::NotConnected,
                            80..90 => StateKey::NeedsReconnect,
                            _ => return None,
                        };
                        Some((u, state, now_ms - ((h >> 8) % 172_800_000) as i64))
                    })
                    .collect();
                if picked.is_empty() {
                    continue;
                }
                written += picked.len() as u64;
                let mut qb = QueryBuilder::<Any>::new(
                    "INSERT INTO status_snapshots (user_id, integration_id, state, api_updated_at, checked_at, tried_at) ",
                );
                qb.push_values(&picked, |mut row, &(u, state, checked)| {
                    let updated = (state != StateKey::NotConnected).then_some(checked - 86_400_000);
                    row.push_bind(name(u))
                        .push_bind(integration.as_str().to_owned())
                        .push_bind(state.as_str())
                        .push_bind(updated)
                        .push_bind(checked)
                        .push_bind(checked);
                });
                qb.push(" ON CONFLICT (user_id, integration_id) DO NOTHING");
                Built::new(&mut qb)?.execute(&mut *tx).await?;
            }
            tx.commit().await?;
        }
        Ok(written)
    }
}
