//! The database: SQLite (embedded default) or PostgreSQL, through sqlx with SQL both can run. Owns the pool, the
//! migrations, tower-sessions' store for the same database, and the conventions every table follows (times are unix
//! milliseconds; dynamic SQL is built with `sqlx::QueryBuilder`). The tables' queries live with their owners.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::{any::AnyPoolOptions, Any, AnyPool, Execute, QueryBuilder, Row};
use std::time::Duration;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, ExpiredDeletion, SessionStore};
use tower_sessions_sqlx_store::{PostgresStore, SqliteStore};

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("database error: {0}")]
    Sqlx(#[from] sqlx::Error),
    #[error("database migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("the database holds a value this version cannot read: {0}")]
    Invalid(String),
}

#[derive(Clone, Debug)]
pub struct Db {
    pool: AnyPool,
    postgres: bool,
    /// Keys of the erased users' digests (the link secret, then the previous one); none in tools that erase nothing.
    erasure_keys: std::sync::Arc<Vec<Vec<u8>>>,
}

/// The session store for whichever database is configured.
#[derive(Clone, Debug)]
pub enum Sessions {
    Sqlite(SqliteStore, sqlx::SqlitePool),
    Postgres(PostgresStore, sqlx::PgPool),
}

/// Every migration both databases share, embedded in the binary.
static SHARED: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");
/// Migrations only one database can run (PostgreSQL's `pg_trgm`): the same numbers in both folders, run after or
/// between the shared ones by number.
static POSTGRES_ONLY: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");
static SQLITE_ONLY: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");

/// The shared migrations and this database's own, in number order.
#[derive(Debug)]
struct Migrations(Vec<sqlx::migrate::Migration>);

impl Migrations {
    fn for_database(postgres: bool) -> Self {
        let own = if postgres { &POSTGRES_ONLY } else { &SQLITE_ONLY };
        let mut all: Vec<_> = SHARED.iter().chain(own.iter()).cloned().collect();
        all.sort_by_key(|m| m.version);
        Migrations(all)
    }
}

impl<'s> sqlx::migrate::MigrationSource<'s> for Migrations {
    fn resolve(self) -> futures::future::BoxFuture<'s, Result<Vec<sqlx::migrate::Migration>, sqlx::error::BoxDynError>> {
        Box::pin(async move { Ok(self.0) })
    }
}

/// Opens the database with the default pool settings (tools and tests).
pub async fn open(url: &str) -> Result<(Db, Sessions), DbError> {
    open_with(&crate::platform::config::DatabaseSettings::for_url(url)).await
}

/// Opens the database, runs migrations and prepares the session store. Several instances may open one PostgreSQL
/// database at once: sqlx takes an advisory lock around the migrations.
pub async fn open_with(settings: &crate::platform::config::DatabaseSettings) -> Result<(Db, Sessions), DbError> {
    let url = settings.url.as_str();
    sqlx::any::install_default_drivers();
    // One budget of connections per instance (PLUGBOARD_DATABASE_MAX_CONNECTIONS): a quarter of it (at least one)
    // for the session store's pool, the rest for everything else.
    let for_sessions = (settings.max_connections / 4).max(1);
    let for_the_rest = settings.max_connections.saturating_sub(for_sessions).max(1);
    let sessions = if url.starts_with("sqlite:") {
        let opts: sqlx::sqlite::SqliteConnectOptions = url.parse()?;
        let opts = opts
            .journal_mode(sqlx::sqlite::SqliteJournalMode::Wal)
            // With WAL, NORMAL is durable against corruption and skips an fsync per commit.
            .synchronous(sqlx::sqlite::SqliteSynchronous::Normal)
            .busy_timeout(Duration::from_secs(5))
            .create_if_missing(true);
        let pool = sqlx::sqlite::SqlitePoolOptions::new().max_connections(for_sessions).connect_with(opts).await?;
        let store = SqliteStore::new(pool.clone());
        store.migrate().await?;
        Sessions::Sqlite(store, pool)
    } else {
        let pool = sqlx::postgres::PgPoolOptions::new().max_connections(for_sessions).connect(url).await?;
        let store = PostgresStore::new(pool.clone());
        store.migrate().await?;
        Sessions::Postgres(store, pool)
    };
    let pool = AnyPoolOptions::new()
        .max_connections(for_the_rest)
        .acquire_timeout(settings.acquire_timeout)
        .after_connect(|conn, _| {
            Box::pin(async move {
                if conn.backend_name() == "SQLite" {
                    sqlx::query("PRAGMA synchronous = NORMAL").execute(&mut *conn).await?;
                    sqlx::query("PRAGMA busy_timeout = 5000").execute(&mut *conn).await?;
                } else {
                    // The console's filters are skewed (a state that is rare in one column and common in another, a
                    // search for a whole id or for two letters): plan each query for its values, never a generic plan.
                    sqlx::query("SET plan_cache_mode = force_custom_plan").execute(&mut *conn).await?;
                    // Short queries on large tables: compiling a plan costs more than it saves.
                    sqlx::query("SET jit = off").execute(&mut *conn).await?;
                }
                Ok(())
            })
        })
        .connect(url)
        .await?;
    let postgres = !url.starts_with("sqlite:");
    sqlx::migrate::Migrator::new(Migrations::for_database(postgres)).await?.run(&pool).await?;
    Ok((Db { pool, postgres, erasure_keys: Default::default() }, sessions))
}

#[async_trait]
impl SessionStore for Sessions {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        match self {
            Sessions::Sqlite(s, _) => s.create(record).await,
            Sessions::Postgres(s, _) => s.create(record).await,
        }
    }
    /// Updates a session that exists; never inserts (new sessions go through `create`). A session deleted meanwhile
    /// (its user erased, signed out in another tab, expired) is not brought back by a request that was already
    /// running. Encoded as the stores encode it.
    async fn save(&self, record: &Record) -> session_store::Result<()> {
        let data = rmp_serde::to_vec(record).map_err(|e| session_store::Error::Encode(e.to_string()))?;
        let backend = |e: sqlx::Error| session_store::Error::Backend(e.to_string());
        match self {
            Sessions::Sqlite(_, pool) => {
                sqlx::query("UPDATE tower_sessions SET data = ?, expiry_date = ? WHERE id = ?")
                    .bind(data)
                    .bind(record.expiry_date)
                    .bind(record.id.to_string())
                    .execute(pool)
                    .await
                    .map_err(backend)?;
            }
            Sessions::Postgres(_, pool) => {
                sqlx::query("UPDATE tower_sessions.session SET data = $1, expiry_date = $2 WHERE id = $3")
                    .bind(data)
                    .bind(record.expiry_date)
                    .bind(record.id.to_string())
                    .execute(pool)
                    .await
                    .map_err(backend)?;
            }
        }
        Ok(())
    }
    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        match self {
            Sessions::Sqlite(s, _) => s.load(id).await,
            Sessions::Postgres(s, _) => s.load(id).await,
        }
    }
    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        match self {
            Sessions::Sqlite(s, _) => s.delete(id).await,
            Sessions::Postgres(s, _) => s.delete(id).await,
        }
    }
}

#[async_trait]
impl ExpiredDeletion for Sessions {
    async fn delete_expired(&self) -> session_store::Result<()> {
        match self {
            Sessions::Sqlite(s, _) => s.delete_expired().await,
            Sessions::Postgres(s, _) => s.delete_expired().await,
        }
    }
}

/// Deletes, within `tx`, the sessions that name `user` (signed in as them, or holding their id in any value):
/// found by the id's bytes, then decoded (tower-sessions keeps MessagePack), so a longer id that contains this one
/// is not matched. Returns how many.
pub async fn delete_sessions_of(tx: &mut sqlx::Transaction<'_, Any>, postgres: bool, user: &str) -> Result<u64, DbError> {
    let (find, delete) = if postgres {
        (
            "SELECT id, data FROM tower_sessions.session WHERE position($1 in data) > 0",
            "DELETE FROM tower_sessions.session WHERE id = $1",
        )
    } else {
        ("SELECT id, data FROM tower_sessions WHERE instr(data, $1) > 0", "DELETE FROM tower_sessions WHERE id = $1")
    };
    let rows = sqlx::query(find).bind(user.as_bytes().to_vec()).fetch_all(&mut **tx).await?;
    let mut deleted = 0;
    for r in rows {
        let id: String = r.try_get(0)?;
        let data: Vec<u8> = r.try_get(1)?;
        // A record this version cannot read is left to expire.
        let Ok(record) = rmp_serde::from_slice::<Record>(&data) else { continue };
        if record.data.values().any(|v| names(v, user)) {
            deleted += sqlx::query(delete).bind(id).execute(&mut **tx).await?.rows_affected();
        }
    }
    Ok(deleted)
}

/// Whether a session value holds `user` as a whole string anywhere.
fn names(v: &serde_json::Value, user: &str) -> bool {
    match v {
        serde_json::Value::String(s) => s == user,
        serde_json::Value::Array(a) => a.iter().any(|v| names(v, user)),
        serde_json::Value::Object(o) => o.values().any(|v| names(v, user)),
        _ => false,
    }
}

/// A time as stored: unix milliseconds (the one unit of every table).
pub fn ms(t: DateTime<Utc>) -> i64 {
    t.timestamp_millis()
}

/// A stored time back.
pub fn from_ms(v: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(v).unwrap_or_default()
}

/// A query built with `QueryBuilder::<Any>` and `push_bind`, ready for either backend. sqlx's `Any` writes `?`
/// placeholders, which PostgreSQL does not read; both read `$1, $2, ...`, so they are numbered here.
pub struct Built<'q> {
    sql: String,
    args: Option<sqlx::any::AnyArguments<'q>>,
}

/// A connection for one part of a long walk (the CSV export). Dropped before [`Walk::finished`] (its reader went
/// away), it is closed, which ends the database's work at once; returned to the pool, it would first read every
/// remaining row.
pub struct Walk {
    conn: sqlx::pool::PoolConnection<Any>,
    done: bool,
}

impl Walk {
    pub async fn begin(db: &Db) -> Result<Walk, DbError> {
        Ok(Walk { conn: db.pool().acquire().await?, done: false })
    }

    pub fn conn(&mut self) -> &mut sqlx::AnyConnection {
        &mut self.conn
    }

    /// Every row was read: the connection goes back to the pool.
    pub fn finished(mut self) {
        self.done = true;
    }
}

impl Drop for Walk {
    fn drop(&mut self) {
        if !self.done {
            self.conn.close_on_drop();
        }
    }
}

impl<'q> Built<'q> {
    pub fn new(qb: &'q mut QueryBuilder<'_, Any>) -> Result<Self, DbError> {
        let sql = numbered(qb.sql());
        let args = qb.build().take_arguments().map_err(sqlx::Error::Encode)?;
        Ok(Built { sql, args })
    }

    pub async fn fetch_all(self, pool: &AnyPool) -> Result<Vec<sqlx::any::AnyRow>, DbError> {
        Ok(sqlx::query_with(&self.sql, self.args.unwrap_or_default()).fetch_all(pool).await?)
    }

    pub async fn fetch_all_on(self, conn: &mut sqlx::AnyConnection) -> Result<Vec<sqlx::any::AnyRow>, DbError> {
        Ok(sqlx::query_with(&self.sql, self.args.unwrap_or_default()).fetch_all(conn).await?)
    }

    pub async fn fetch_one(self, pool: &AnyPool) -> Result<sqlx::any::AnyRow, DbError> {
        Ok(sqlx::query_with(&self.sql, self.args.unwrap_or_default()).fetch_one(pool).await?)
    }

    /// The rows as a stream, as the database produces them (for walks too large to hold), on a connection of its
    /// own: a walk stopped half-way closes it (see [`Walk`]), which ends the query, rather than returning it to the
    /// pool, which would read every remaining row first.
    pub fn fetch<'e>(&'e mut self, conn: &'e mut sqlx::AnyConnection) -> futures::stream::BoxStream<'e, Result<sqlx::any::AnyRow, sqlx::Error>> {
        sqlx::query_with(&self.sql, self.args.take().unwrap_or_default()).fetch(conn)
    }

    pub async fn execute<'c, E: sqlx::Executor<'c, Database = Any>>(self, on: E) -> Result<u64, DbError> {
        Ok(sqlx::query_with(&self.sql, self.args.unwrap_or_default()).execute(on).await?.rows_affected())
    }
}

/// `?` placeholders as `$1, $2, ...` (outside quoted text).
fn numbered(sql: &str) -> String {
    let (mut out, mut n, mut quoted) = (String::with_capacity(sql.len() + 16), 0, false);
    for c in sql.chars() {
        match c {
            '\'' => {
                quoted = !quoted;
                out.push(c);
            }
            '?' if !quoted => {
                n += 1;
                out.push_str(&format!("${n}"));
            }
            _ => out.push(c),
        }
    }
    out
}

impl Db {
    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Reachable and migrated to this binary's last migration (readiness).
    pub async fn migrated(&self) -> Result<bool, DbError> {
        let row = sqlx::query("SELECT COUNT(*) FROM _sqlx_migrations WHERE success").fetch_one(self.pool()).await?;
        Ok(sqlx::Row::try_get::<i64, _>(&row, 0)? >= Migrations::for_database(self.postgres).0.len() as i64)
    }

    /// The same database, keying erased users' digests with `keys` (the link secret first, then the previous one).
    pub fn with_erasure_keys(mut self, keys: Vec<Vec<u8>>) -> Db {
        self.erasure_keys = std::sync::Arc::new(keys);
        self
    }

    pub fn erasure_keys(&self) -> &[Vec<u8>] {
        &self.erasure_keys
    }

    /// PostgreSQL (several instances may share it) rather than SQLite (one instance).
    pub fn is_postgres(&self) -> bool {
        self.postgres
    }

    /// A setting, created with `make()` on first use. Concurrent first uses agree on one value.
    pub async fn setting_or_insert(&self, name: &str, make: impl FnOnce() -> String) -> Result<String, DbError> {
        sqlx::query("INSERT INTO settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING")
            .bind(name)
            .bind(make())
            .execute(&self.pool)
            .await?;
        let row = sqlx::query("SELECT value FROM settings WHERE name = $1").bind(name).fetch_one(&self.pool).await?;
        Ok(row.try_get(0)?)
    }

}

#[cfg(test)]
mod tests {
    #[test]
    fn placeholders_are_numbered_outside_quotes() {
        assert_eq!(super::numbered("a = ? AND b LIKE ? ESCAPE '\\' AND c = '?'"), "a = $1 AND b LIKE $2 ESCAPE '\\' AND c = '?'");
    }
}
