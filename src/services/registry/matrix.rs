//! The console's queries over users and snapshots: the matrix (filtered, paged by recency or walked by user id for the
//! export), its counts per column, and the refresher's picks (never-checked pairs, then the oldest tried).

use super::snapshots::{snapshot, Snapshot, SNAPSHOT_COLUMNS};
use super::counts::Summary;
use super::keyset::{self, Page, Plan};
use super::users::{user_info, UserInfo, USER_COLUMNS};
use super::user_id;
use crate::domain::{CustomerIntegrationId, StateKey, UserId};
use crate::filters::PageAt;
use crate::platform::db::{ms, Built, Db, DbError};
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
pub(super) fn push_ids<'a>(qb: &mut QueryBuilder<'a, Any>, ids: &[CustomerIntegrationId]) {
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
        // Counted per user along the primary key (a few rows each): pages read users in their order and stop early.
        Some(StateKey::Unknown) => {
            qb.push(" AND (SELECT COUNT(*) FROM status_snapshots s WHERE s.user_id = u.user_id AND s.state <> 'unknown' AND s.integration_id IN (");
            push_ids(qb, q.integrations);
            qb.push(")) < ").push_bind(q.integrations.len() as i64);
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

pub use crate::filters::COUNT_CAP;

/// How many users a query matches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Matching {
    Exact(i64),
    /// More than this many (the cap).
    MoreThan(i64),
}

impl Matching {
    /// The exact count, when known and at most the cap (what the per-column counts are computed over).
    pub fn small(self) -> Option<i64> {
        match self {
            Matching::Exact(n) if n <= COUNT_CAP => Some(n),
            _ => None,
        }
    }
}

/// A page of the matrix, most recently seen first, and the keys of the pages beside it (None: there is none).
#[derive(Clone, Debug)]
pub struct MatrixPage {
    pub rows: Vec<MatrixRow>,
    /// The `newer=` key (the first row's), when newer rows exist.
    pub newer: Option<String>,
    /// The `older=` key (the last row's), when older rows exist.
    pub older: Option<String>,
}

/// A row's place in the matrix's order: last seen (ms), then the opaque reference (unique).
fn row_key(u: &UserInfo) -> String {
    format!("{}.{}", ms(u.last_seen), u.reference)
}

/// `<ms>.<reference>`, or `<ms>` alone: before or after everyone seen at that instant.
fn parse_row_key(key: &str) -> Option<(i64, String)> {
    let (at, reference) = key.split_once('.').unwrap_or((key, ""));
    Some((at.parse().ok()?, reference.to_owned()))
}

impl Db {
    /// How many users match the query, from the kept summary where it can tell (no filter; a state in one column;
    /// a state whose pairs alone show more than the cap), else from the pairs in that state (a few per user), else
    /// by reading matching users up to the cap.
    pub async fn matrix_matching(&self, q: &MatrixQuery<'_>, summary: &Summary) -> Result<Matching, DbError> {
        if !filtered(q) {
            return Ok(Matching::Exact(summary.users));
        }
        if q.state.is_some() && q.integrations.is_empty() {
            return Ok(Matching::Exact(0));
        }
        let columns = q.integrations.len() as i64;
        if let (true, None, Some(state)) = (q.search.trim().is_empty(), q.organization, q.state) {
            let pairs: i64 = q.integrations.iter().map(|i| summary.pairs(i, state)).sum();
            if columns == 1 {
                return Ok(Matching::Exact(pairs));
            }
            if pairs > COUNT_CAP * columns {
                return Ok(Matching::MoreThan(COUNT_CAP)); // each user holds at most one pair per column
            }
            if state != StateKey::Unknown {
                let mut qb = QueryBuilder::<Any>::new(
                    "SELECT COUNT(*) FROM (SELECT DISTINCT s.user_id FROM status_snapshots s WHERE s.state = ",
                );
                qb.push_bind(state.as_str()).push(" AND s.integration_id IN (");
                push_ids(&mut qb, q.integrations);
                qb.push(")) x");
                return Ok(Matching::Exact(Built::new(&mut qb)?.fetch_one(self.pool()).await?.try_get(0)?));
            }
        }
        let mut qb = QueryBuilder::<Any>::new("SELECT COUNT(*) FROM (SELECT 1 FROM portal_users u WHERE 1 = 1");
        push_user_filter(&mut qb, q);
        qb.push(" LIMIT ").push_bind(COUNT_CAP + 1).push(") x");
        let n: i64 = Built::new(&mut qb)?.fetch_one(self.pool()).await?.try_get(0)?;
        Ok(if n > COUNT_CAP { Matching::MoreThan(COUNT_CAP) } else { Matching::Exact(n) })
    }

    /// One page of matrix rows, most recently seen first, starting where `at` says: read along the (last seen,
    /// reference) index from the key, so any page costs what the first does.
    pub async fn matrix_page(&self, q: &MatrixQuery<'_>, at: &PageAt, limit: i64) -> Result<MatrixPage, DbError> {
        let Some(plan) = Plan::new(at, parse_row_key) else {
            return Box::pin(self.matrix_page(q, &PageAt::Newest, limit)).await; // a key that cannot be read
        };
        let mut qb = QueryBuilder::<Any>::new(format!("SELECT {USER_COLUMNS} FROM portal_users u WHERE 1 = 1"));
        push_user_filter(&mut qb, q);
        if let Some(((last_seen, reference), cmp)) = &plan.bound {
            qb.push(format!(" AND (u.last_seen, u.ref) {cmp} (")).push_bind(*last_seen).push(", ").push_bind(reference.clone()).push(")");
        }
        let order = plan.order();
        qb.push(format!(" ORDER BY u.last_seen {order}, u.ref {order} LIMIT ")).push_bind(limit + 1);
        let rows = Built::new(&mut qb)?.fetch_all(self.pool()).await?;
        let users = rows.iter().map(user_info).collect::<Result<Vec<_>, _>>()?;
        let Some(Page { rows: users, newer, older }) = keyset::page(at, &plan, users, limit, row_key) else {
            return Box::pin(self.matrix_page(q, &PageAt::Newest, limit)).await;
        };
        let rows = self.with_cells(q, users).await?;
        Ok(MatrixPage { rows, newer, older })
    }

    /// The users' snapshots in the columns asked for.
    async fn with_cells(&self, q: &MatrixQuery<'_>, users: Vec<UserInfo>) -> Result<Vec<MatrixRow>, DbError> {
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

    /// Counts per column over the users the query selects (`matching` of them, at most the cap when filtered: the
    /// unfiltered view reads the kept [`Summary`]). Pairs never checked count as unknown.
    pub async fn matrix_counts(&self, q: &MatrixQuery<'_>, matching: i64) -> Result<Vec<ColumnCounts>, DbError> {
        if q.integrations.is_empty() {
            return Ok(vec![]);
        }
        if !filtered(q) {
            let summary = self.summary(q.integrations).await?;
            return Ok(q.integrations.iter().map(|i| summary_counts(&summary, i)).collect());
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
    /// `user_id, first_seen, last_seen, profile, cells` (the user's snapshots, packed in their row where they are
    /// written, read back by [`export_cells`]): one read of the users, whatever the number of integrations.
    pub fn export_query(q: &MatrixQuery<'_>) -> QueryBuilder<'static, Any> {
        let mut qb = QueryBuilder::<Any>::new("SELECT u.user_id, u.first_seen, u.last_seen, u.profile, u.cells FROM portal_users u WHERE 1 = 1");
        push_user_filter(&mut qb, q);
        qb.push(" ORDER BY u.user_id");
        qb
    }
}

/// One column's counts from the kept summary.
pub fn summary_counts(summary: &Summary, integration: &CustomerIntegrationId) -> ColumnCounts {
    let n = |s| summary.pairs(integration, s);
    ColumnCounts {
        integration: integration.clone(),
        connected: n(StateKey::Connected),
        not_connected: n(StateKey::NotConnected),
        needs_reconnect: n(StateKey::NeedsReconnect),
        unknown: n(StateKey::Unknown),
    }
}

/// Between the snapshots of one user in the export's text column: a control character, which no id may contain.
pub(super) const EXPORT_SEPARATOR: char = '\n';

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
