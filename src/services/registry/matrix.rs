//! The console's queries over users and snapshots: the matrix (filtered, paged by recency or walked by user id for the
//! export), its counts per column, and the refresher's picks (never-checked pairs, then the oldest tried).

use super::snapshots::{snapshot, Snapshot, SNAPSHOT_COLUMNS};
use super::users::{user_info, UserInfo, USER_COLUMNS};
use super::{integration_id, user_id};
use crate::domain::{CustomerIntegrationId, StateKey, UserId};
use crate::platform::db::{ms, Built, Db, DbError};
use chrono::{DateTime, Utc};
use sqlx::{Any, QueryBuilder, Row};
use std::collections::{HashMap, HashSet};

/// What the matrix is filtered by. `integrations` are the columns (one when filtered by integration).
#[derive(Clone, Debug, Default)]
pub struct MatrixQuery<'a> {
    /// Part of a user id, any case.
    pub search: &'a str,
    /// Users of this organization (the host's id).
    pub organization: Option<&'a str>,
    /// Users with that state in at least one of the columns.
    pub state: Option<StateKey>,
    pub integrations: &'a [CustomerIntegrationId],
}

/// Counts of one integration's column, over the filtered users.
#[derive(Clone, Debug, PartialEq)]
pub struct ColumnCounts {
    pub integration: CustomerIntegrationId,
    pub connected: i64,
    pub not_connected: i64,
    pub needs_reconnect: i64,
    pub unknown: i64,
}

/// One row of the matrix: a user and their snapshots (only the columns asked for).
#[derive(Clone, Debug)]
pub struct MatrixRow {
    pub user: UserInfo,
    pub snapshots: Vec<Snapshot>,
}

/// `%part%` for LIKE, with the wildcards in `part` taken literally (escape character `\`).
fn like_pattern(part: &str) -> String {
    let mut p = String::from("%");
    for c in part.to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(c);
    }
    p.push('%');
    p
}

/// `a, b, c` as bound parameters.
fn push_ids<'a>(qb: &mut QueryBuilder<'a, Any>, ids: &[CustomerIntegrationId]) {
    let mut list = qb.separated(", ");
    for i in ids {
        list.push_bind(i.as_str().to_owned());
    }
}

/// Appends the conditions selecting the users of a matrix query (alias `u`) after a `WHERE 1 = 1`.
fn push_user_filter<'a>(qb: &mut QueryBuilder<'a, Any>, q: &MatrixQuery<'_>) {
    let search = q.search.trim();
    if !search.is_empty() {
        qb.push(" AND LOWER(u.user_id) LIKE ").push_bind(like_pattern(search)).push(" ESCAPE '\\'");
    }
    if let Some(org) = q.organization {
        qb.push(" AND u.org_id = ").push_bind(org.to_owned());
    }
    match q.state {
        None => {}
        Some(_) if q.integrations.is_empty() => {
            qb.push(" AND 1 = 0");
        }
        // Both read the (integration, state, user) index once, rather than probing it per user.
        Some(StateKey::Unknown) => {
            qb.push(" AND u.user_id NOT IN (SELECT s.user_id FROM status_snapshots s WHERE s.state <> 'unknown' AND s.integration_id IN (");
            push_ids(qb, q.integrations);
            qb.push(") GROUP BY s.user_id HAVING COUNT(*) >= ").push_bind(q.integrations.len() as i64).push(")");
        }
        Some(state) => {
            qb.push(" AND u.user_id IN (SELECT s.user_id FROM status_snapshots s WHERE s.state = ").push_bind(state.as_str());
            qb.push(" AND s.integration_id IN (");
            push_ids(qb, q.integrations);
            qb.push("))");
        }
    }
}

fn filtered(q: &MatrixQuery<'_>) -> bool {
    !q.search.trim().is_empty() || q.state.is_some() || q.organization.is_some()
}

impl Db {
    /// How many users there are in all, and how many match the query.
    pub async fn matrix_totals(&self, q: &MatrixQuery<'_>) -> Result<(i64, i64), DbError> {
        let all: i64 = sqlx::query("SELECT COUNT(*) FROM portal_users").fetch_one(self.pool()).await?.try_get(0)?;
        if !filtered(q) {
            return Ok((all, all));
        }
        let mut qb = QueryBuilder::<Any>::new("SELECT COUNT(*) FROM portal_users u WHERE 1 = 1");
        push_user_filter(&mut qb, q);
        let matching: i64 = Built::new(&mut qb)?.fetch_one(self.pool()).await?.try_get(0)?;
        Ok((all, matching))
    }

    /// One page of matrix rows, most recently seen first.
    pub async fn matrix_rows(&self, q: &MatrixQuery<'_>, offset: i64, limit: i64) -> Result<Vec<MatrixRow>, DbError> {
        let mut qb = QueryBuilder::<Any>::new(format!("SELECT {USER_COLUMNS} FROM portal_users u WHERE 1 = 1"));
        push_user_filter(&mut qb, q);
        qb.push(" ORDER BY u.last_seen DESC, u.user_id LIMIT ").push_bind(limit).push(" OFFSET ").push_bind(offset);
        let rows = Built::new(&mut qb)?.fetch_all(self.pool()).await?;
        let users = rows.iter().map(user_info).collect::<Result<Vec<_>, _>>()?;
        if users.is_empty() || q.integrations.is_empty() {
            return Ok(users.into_iter().map(|user| MatrixRow { user, snapshots: vec![] }).collect());
        }
        // Read by the primary key (user first); columns and users not asked for are dropped here.
        let mut cells = QueryBuilder::<Any>::new(format!("SELECT user_id, {SNAPSHOT_COLUMNS} FROM status_snapshots WHERE user_id IN ("));
        let mut list = cells.separated(", ");
        for u in &users {
            list.push_bind(u.user.as_str().to_owned());
        }
        cells.push(")");
        let mut by_user: HashMap<UserId, Vec<Snapshot>> = users.iter().map(|u| (u.user.clone(), Vec::new())).collect();
        let columns: HashSet<&CustomerIntegrationId> = q.integrations.iter().collect();
        for r in Built::new(&mut cells)?.fetch_all(self.pool()).await? {
            let user = user_id(r.try_get(0)?)?;
            let s = snapshot(&r, 1)?;
            if let Some(list) = by_user.get_mut(&user).filter(|_| columns.contains(&s.integration)) {
                list.push(s);
            }
        }
        Ok(users
            .into_iter()
            .map(|user| {
                let snapshots = by_user.remove(&user.user).unwrap_or_default();
                MatrixRow { user, snapshots }
            })
            .collect())
    }

    /// Summary counts per column over the users the query selects. Pairs never checked count as unknown.
    pub async fn matrix_counts(&self, q: &MatrixQuery<'_>, matching: i64) -> Result<Vec<ColumnCounts>, DbError> {
        if q.integrations.is_empty() {
            return Ok(vec![]);
        }
        let mut qb = QueryBuilder::<Any>::new("SELECT s.integration_id, s.state, COUNT(*) FROM status_snapshots s WHERE s.integration_id IN (");
        push_ids(&mut qb, q.integrations);
        qb.push(")");
        if filtered(q) {
            qb.push(" AND s.user_id IN (SELECT u.user_id FROM portal_users u WHERE 1 = 1");
            push_user_filter(&mut qb, q);
            qb.push(")");
        }
        qb.push(" GROUP BY s.integration_id, s.state");
        let mut counts: Vec<ColumnCounts> = q
            .integrations
            .iter()
            .map(|i| ColumnCounts { integration: i.clone(), connected: 0, not_connected: 0, needs_reconnect: 0, unknown: 0 })
            .collect();
        for r in Built::new(&mut qb)?.fetch_all(self.pool()).await? {
            let (integration, state, n): (String, String, i64) = (r.try_get(0)?, r.try_get(1)?, r.try_get(2)?);
            if let Some(c) = counts.iter_mut().find(|c| c.integration.as_str() == integration) {
                match StateKey::parse(&state) {
                    Some(StateKey::Connected) => c.connected += n,
                    Some(StateKey::NotConnected) => c.not_connected += n,
                    Some(StateKey::NeedsReconnect) => c.needs_reconnect += n,
                    _ => {}
                }
            }
        }
        for c in &mut counts {
            c.unknown = (matching - c.connected - c.not_connected - c.needs_reconnect).max(0);
        }
        Ok(counts)
    }

    /// The export's walk: the users of a matrix query in the database's user id order, one row per user:
    /// `user_id, first_seen, last_seen, profile`, then all of the user's snapshots in one text column (one range read of the
    /// primary key per user, not one lookup per cell), read back by [`export_cells`]. One query, streamed: memory
    /// stays flat at any size.
    pub fn export_query(q: &MatrixQuery<'_>) -> QueryBuilder<'static, Any> {
        let mut qb = QueryBuilder::<Any>::new(
            "SELECT u.user_id, u.first_seen, u.last_seen, u.profile, (SELECT string_agg(s.integration_id || ' ' || s.state || ' ' || s.checked_at, ",
        );
        qb.push_bind(EXPORT_SEPARATOR.to_string());
        qb.push(") FROM status_snapshots s WHERE s.user_id = u.user_id) FROM portal_users u WHERE 1 = 1");
        push_user_filter(&mut qb, q);
        qb.push(" ORDER BY u.user_id");
        qb
    }

    /// Pairs never checked, for the refresher: per integration, users in the order they arrived.
    pub async fn unchecked_pairs(
        &self,
        integrations: &[CustomerIntegrationId],
        limit: i64,
    ) -> Result<Vec<(UserId, CustomerIntegrationId)>, DbError> {
        let mut out = Vec::new();
        for i in integrations {
            if out.len() as i64 >= limit {
                break;
            }
            let rows = sqlx::query(
                "SELECT u.user_id FROM portal_users u WHERE NOT EXISTS (SELECT 1 FROM status_snapshots s \
                 WHERE s.user_id = u.user_id AND s.integration_id = $1) ORDER BY u.first_seen, u.user_id LIMIT $2",
            )
            .bind(i.as_str())
            .bind(limit - out.len() as i64)
            .fetch_all(self.pool())
            .await?;
            for r in rows {
                out.push((user_id(r.try_get(0)?)?, i.clone()));
            }
        }
        Ok(out)
    }

    /// Pairs last tried before `before`, oldest first.
    pub async fn oldest_pairs(
        &self,
        integrations: &[CustomerIntegrationId],
        before: DateTime<Utc>,
        limit: i64,
    ) -> Result<Vec<(UserId, CustomerIntegrationId)>, DbError> {
        self.tried_pairs(integrations, before, None, limit).await
    }
}

impl Db {
    /// The refresher's next `batch` pairs: connected pairs last tried before `before`, oldest first, take up to
    /// `connected_share` percent; never-checked pairs, then other pairs tried before `before` (oldest first), the
    /// rest; either group takes what the other leaves.
    pub async fn refresh_picks(
        &self,
        integrations: &[CustomerIntegrationId],
        before: DateTime<Utc>,
        batch: i64,
        connected_share: i64,
    ) -> Result<Vec<(UserId, CustomerIntegrationId)>, DbError> {
        if integrations.is_empty() || batch <= 0 {
            return Ok(vec![]);
        }
        let quota = (batch * connected_share / 100).clamp(1, batch);
        let mut picks = self.tried_pairs(integrations, before, Some(true), quota).await?;
        // The rest is shared by never-checked pairs and the other pairs (a bulk import cannot starve re-checks of
        // the not connected), each taking what the other leaves.
        let rest = batch - picks.len() as i64;
        let mut fresh = self.unchecked_pairs(integrations, (rest + 1) / 2).await?;
        let mut others = self.tried_pairs(integrations, before, Some(false), rest - fresh.len() as i64).await?;
        if ((fresh.len() + others.len()) as i64) < rest {
            fresh = self.unchecked_pairs(integrations, rest - others.len() as i64).await?;
        }
        if ((picks.len() + fresh.len() + others.len()) as i64) < batch && picks.len() as i64 == quota {
            // The others left room: more connected pairs, the ones already picked first.
            picks = self.tried_pairs(integrations, before, Some(true), batch - (fresh.len() + others.len()) as i64).await?;
        }
        picks.append(&mut fresh);
        picks.append(&mut others);
        // A pair that changed between two of the queries is picked once.
        let mut seen = std::collections::HashSet::new();
        picks.retain(|p| seen.insert(p.clone()));
        Ok(picks)
    }

    /// Pairs tried before `before` (connected ones, other ones, or all), oldest first.
    async fn tried_pairs(
        &self,
        integrations: &[CustomerIntegrationId],
        before: DateTime<Utc>,
        connected: Option<bool>,
        limit: i64,
    ) -> Result<Vec<(UserId, CustomerIntegrationId)>, DbError> {
        if limit <= 0 || integrations.is_empty() {
            return Ok(vec![]);
        }
        let mut qb = QueryBuilder::<Any>::new("SELECT user_id, integration_id FROM status_snapshots WHERE ");
        qb.push(match connected {
            Some(true) => "state = 'connected' AND ",
            Some(false) => "state <> 'connected' AND ",
            None => "",
        });
        qb.push("tried_at < ").push_bind(ms(before)).push(" AND integration_id IN (");
        push_ids(&mut qb, integrations);
        qb.push(") ORDER BY tried_at, user_id, integration_id LIMIT ").push_bind(limit);
        Built::new(&mut qb)?
            .fetch_all(self.pool())
            .await?
            .iter()
            .map(|r| Ok((user_id(r.try_get(0)?)?, integration_id(r.try_get(1)?)?)))
            .collect()
    }

    /// How many pairs of these integrations are connected (what a full pass of the refresher covers first).
    pub async fn connected_pairs(&self, integrations: &[CustomerIntegrationId]) -> Result<i64, DbError> {
        if integrations.is_empty() {
            return Ok(0);
        }
        let mut qb = QueryBuilder::<Any>::new("SELECT COUNT(*) FROM status_snapshots WHERE state = 'connected' AND integration_id IN (");
        push_ids(&mut qb, integrations);
        qb.push(")");
        Ok(Built::new(&mut qb)?.fetch_one(self.pool()).await?.try_get(0)?)
    }
}

/// Between the snapshots of one user in the export's text column: a control character, which no id may contain.
const EXPORT_SEPARATOR: char = '\n';

/// The export's snapshot column read into `cells` (one per column, in `columns`' order, which maps an integration
/// id to its column): `(state, checked_at ms)`, or None when never checked. Integrations not shown are skipped.
pub fn export_cells(packed: Option<&str>, columns: &HashMap<&str, usize>, cells: &mut [Option<(StateKey, i64)>]) {
    cells.iter_mut().for_each(|c| *c = None);
    for item in packed.unwrap_or("").split(EXPORT_SEPARATOR) {
        // `<integration id> <state> <ms>`: an id may hold spaces, the last two never do.
        let mut parts = item.rsplitn(3, ' ');
        let (Some(checked), Some(state), Some(integration)) = (parts.next(), parts.next(), parts.next()) else {
            continue;
        };
        if let (Some(&i), Ok(checked)) = (columns.get(integration), checked.parse::<i64>()) {
            if let Some(cell) = cells.get_mut(i) {
                *cell = Some((StateKey::parse(state).unwrap_or(StateKey::Unknown), checked));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn export_cells_read_ids_with_spaces_and_skip_hidden_columns() {
        let columns = HashMap::from([("ci a b", 0), ("ci_2", 1)]);
        let mut cells = vec![Some((StateKey::Unknown, 1)); 2];
        export_cells(Some("ci_hidden connected 5\nci a b needs_reconnect 1764331200123\nbroken"), &columns, &mut cells);
        assert_eq!(cells, vec![Some((StateKey::NeedsReconnect, 1_764_331_200_123)), None]);
        export_cells(None, &columns, &mut cells);
        assert_eq!(cells, vec![None, None]);
    }

    #[test]
    fn like_patterns_take_wildcards_literally() {
        assert_eq!(like_pattern("Ab"), "%ab%");
        assert_eq!(like_pattern("50%_x\\"), "%50\\%\\_x\\\\%");
    }
}
