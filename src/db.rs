//! Persistence: SQLite (embedded default) or PostgreSQL, through sqlx with SQL both can run. Server only.
//!
//! App tables go through `sqlx::AnyPool`; sessions use tower-sessions' store for the same database.

use crate::domain::{CustomerIntegrationId, UserId};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::{any::AnyPoolOptions, AnyPool, Row};
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
}

#[derive(Clone, Debug)]
pub struct Db {
    pool: AnyPool,
}

/// The session store for whichever database is configured.
#[derive(Clone, Debug)]
pub enum Sessions {
    Sqlite(SqliteStore),
    Postgres(PostgresStore),
}

/// Opens the database, runs migrations and prepares the session store.
pub async fn open(url: &str) -> Result<(Db, Sessions), DbError> {
    sqlx::any::install_default_drivers();
    let sessions = if url.starts_with("sqlite:") {
        let opts: sqlx::sqlite::SqliteConnectOptions = url.parse()?;
        let opts = opts
            .journal_mode(sqlx::sqlite::SqliteJournalMode::Wal)
            // With WAL, NORMAL is durable against corruption and skips an fsync per commit.
            .synchronous(sqlx::sqlite::SqliteSynchronous::Normal)
            .busy_timeout(Duration::from_secs(5))
            .create_if_missing(true);
        let pool = sqlx::sqlite::SqlitePoolOptions::new().max_connections(4).connect_with(opts).await?;
        let store = SqliteStore::new(pool);
        store.migrate().await?;
        Sessions::Sqlite(store)
    } else {
        let pool = sqlx::postgres::PgPoolOptions::new().max_connections(4).connect(url).await?;
        let store = PostgresStore::new(pool);
        store.migrate().await?;
        Sessions::Postgres(store)
    };
    let pool = AnyPoolOptions::new()
        .max_connections(8)
        .after_connect(|conn, _| {
            Box::pin(async move {
                if conn.backend_name() == "SQLite" {
                    sqlx::query("PRAGMA synchronous = NORMAL").execute(&mut *conn).await?;
                    sqlx::query("PRAGMA busy_timeout = 5000").execute(&mut *conn).await?;
                }
                Ok(())
            })
        })
        .connect(url)
        .await?;
    sqlx::migrate!("./migrations").run(&pool).await?;
    Ok((Db { pool }, sessions))
}

#[async_trait]
impl SessionStore for Sessions {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        match self {
            Sessions::Sqlite(s) => s.create(record).await,
            Sessions::Postgres(s) => s.create(record).await,
        }
    }
    async fn save(&self, record: &Record) -> session_store::Result<()> {
        match self {
            Sessions::Sqlite(s) => s.save(record).await,
            Sessions::Postgres(s) => s.save(record).await,
        }
    }
    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        match self {
            Sessions::Sqlite(s) => s.load(id).await,
            Sessions::Postgres(s) => s.load(id).await,
        }
    }
    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        match self {
            Sessions::Sqlite(s) => s.delete(id).await,
            Sessions::Postgres(s) => s.delete(id).await,
        }
    }
}

#[async_trait]
impl ExpiredDeletion for Sessions {
    async fn delete_expired(&self) -> session_store::Result<()> {
        match self {
            Sessions::Sqlite(s) => s.delete_expired().await,
            Sessions::Postgres(s) => s.delete_expired().await,
        }
    }
}

/// A connect attempt as stored.
#[derive(Clone, Debug)]
pub struct Attempt {
    pub id: String,
    pub session_binding: String,
    pub user: UserId,
    pub integration: CustomerIntegrationId,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub consumed: bool,
}

fn ts(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(secs, 0).unwrap_or_default()
}

impl Db {
    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Records that a link was used. `false` if it had been used before.
    pub async fn use_link(&self, id: &str, expires_at: DateTime<Utc>) -> Result<bool, DbError> {
        let done = sqlx::query("INSERT INTO used_links (id, expires_at) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING")
            .bind(id)
            .bind(expires_at.timestamp())
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    pub async fn create_attempt(&self, a: &Attempt) -> Result<(), DbError> {
        sqlx::query(
            "INSERT INTO connect_attempts (id, session_binding, user_id, integration_id, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(&a.id)
        .bind(&a.session_binding)
        .bind(a.user.as_str())
        .bind(a.integration.as_str())
        .bind(a.created_at.timestamp())
        .bind(a.expires_at.timestamp())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    pub async fn attempt(&self, id: &str) -> Result<Option<Attempt>, DbError> {
        let row = sqlx::query(
            "SELECT id, session_binding, user_id, integration_id, created_at, expires_at, consumed_at \
             FROM connect_attempts WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let (Ok(user), Ok(integration)) =
            (UserId::parse(row.try_get::<String, _>(2)?), CustomerIntegrationId::parse(row.try_get::<String, _>(3)?))
        else {
            return Ok(None);
        };
        Ok(Some(Attempt {
            id: row.try_get(0)?,
            session_binding: row.try_get(1)?,
            user,
            integration,
            created_at: ts(row.try_get(4)?),
            expires_at: ts(row.try_get(5)?),
            consumed: row.try_get::<Option<i64>, _>(6)?.is_some(),
        }))
    }

    /// Marks the attempt used. `false` if it was already used (a concurrent or replayed callback).
    pub async fn consume_attempt(&self, id: &str, now: DateTime<Utc>) -> Result<bool, DbError> {
        let done = sqlx::query("UPDATE connect_attempts SET consumed_at = $1 WHERE id = $2 AND consumed_at IS NULL")
            .bind(now.timestamp())
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() == 1)
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

    /// Drops used links and attempts whose expiry has passed (attempts are kept a day for the callback's messages).
    pub async fn delete_expired(&self, now: DateTime<Utc>) -> Result<(), DbError> {
        sqlx::query("DELETE FROM used_links WHERE expires_at < $1").bind(now.timestamp()).execute(&self.pool).await?;
        sqlx::query("DELETE FROM connect_attempts WHERE expires_at < $1")
            .bind(now.timestamp() - 86_400)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
