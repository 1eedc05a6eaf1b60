//! Portal links: `<public url>/link/<token>`. The one place that issues them (mint, build the URL, register the user,
//! record who issued it), used by the CLI, the host-app API and the console; the record of used links (a link works
//! once); and the signer's key. Token format and checks are in [`signer`].

pub mod signer;

pub use signer::{Link, LinkError, LinkSigner, Scope, SignerError, DEFAULT_TTL, MAX_TTL};

use crate::domain::{Actor, CustomerIntegrationId, EventDetail, EventKind, Profile, UserId};
use crate::platform::config::LinkSettings;
use crate::platform::db::{ms, Db, DbError};
use crate::services::registry::best_effort;
use chrono::{DateTime, Duration, Utc};
use secrecy::ExposeSecret;
use url::Url;

#[derive(Debug, thiserror::Error)]
pub enum LinkSetupError {
    #[error("PLUGBOARD_LINK_SECRET: {0}")]
    Secret(#[from] SignerError),
    #[error(transparent)]
    Db(#[from] DbError),
}

/// The link signer: `PLUGBOARD_LINK_SECRET`, or on the sandbox a development secret generated once and kept in the
/// database (so `plugboard link` and the running server agree, and links survive a restart).
pub async fn signer_for(settings: &LinkSettings, db: &Db) -> Result<LinkSigner, LinkSetupError> {
    match &settings.secret {
        Some(secret) => {
            let signer = LinkSigner::new(secret.expose_secret().as_bytes())?;
            Ok(match &settings.previous_secret {
                Some(previous) => signer.with_previous(previous.expose_secret().as_bytes())?,
                None => signer,
            })
        }
        None => {
            let secret = db.setting_or_insert("dev_link_secret", crate::platform::secrets::random_token).await?;
            tracing::info!("no PLUGBOARD_LINK_SECRET set: signing portal links with the sandbox's development secret");
            Ok(LinkSigner::new(secret.as_bytes())?)
        }
    }
}

/// A link just issued.
#[derive(Clone, Debug)]
pub struct Issued {
    pub url: Url,
    pub expires_at: DateTime<Utc>,
}

/// What a link is for.
pub struct LinkRequest<'a> {
    pub user: &'a UserId,
    pub ttl: Duration,
    pub return_url: Option<&'a Url>,
    /// Only these integrations (all when empty).
    pub allowed: &'a [CustomerIntegrationId],
    pub profile: Option<&'a Profile>,
    /// A deep link: straight to this integration's Connect.
    pub connect: Option<&'a CustomerIntegrationId>,
    pub return_mode: crate::domain::ReturnMode,
}

impl LinkRequest<'_> {
    fn scope(&self) -> Scope<'_> {
        Scope { return_url: self.return_url, allowed: self.allowed, connect: self.connect, return_mode: self.return_mode }
    }
}

/// What using a link did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkUse {
    /// Used now (the user registered, `link_used` written).
    Used,
    /// Used before.
    Replayed,
    /// Its user was erased after it was issued.
    Revoked,
}

/// Issues portal links. Cheap to clone.
#[derive(Clone, Debug)]
pub struct LinkIssuer {
    signer: LinkSigner,
    db: Db,
    public_url: Url,
}

impl LinkIssuer {
    pub fn new(signer: LinkSigner, db: Db, public_url: Url) -> Self {
        LinkIssuer { signer, db, public_url }
    }

    pub fn signer(&self) -> &LinkSigner {
        &self.signer
    }

    /// Mints a link for `user`, registers the user and records that `actor` issued it.
    pub async fn issue(
        &self,
        user: &UserId,
        ttl: Duration,
        return_url: Option<&Url>,
        actor: Actor,
    ) -> Result<Issued, SignerError> {
        let req = LinkRequest { user, ttl, return_url, allowed: &[], profile: None, connect: None, return_mode: Default::default() };
        self.issue_for(&req, actor).await
    }

    /// Mints a link as the host asked: scoped to some integrations, with what the host says about the user (stored
    /// on the user, the latest link winning part by part).
    pub async fn issue_for(&self, req: &LinkRequest<'_>, actor: Actor) -> Result<Issued, SignerError> {
        self.issue_by(req, actor, None).await
    }

    /// [`Links::issue_for`] by an admin in the console: its event names the admin (`by`).
    pub async fn issue_by(&self, req: &LinkRequest<'_>, actor: Actor, by: Option<&str>) -> Result<Issued, SignerError> {
        let now = Utc::now();
        let (token, link) = self.signer.mint_with(req.user, req.ttl, &req.scope(), now)?;
        best_effort("user", self.db.touch_user(req.user, now)).await;
        if let Some(p) = req.profile.filter(|p| !p.is_empty()) {
            best_effort("user profile", self.db.update_profile(req.user, p)).await;
        }
        let detail = EventDetail::Minted(actor);
        match by {
            Some(by) => best_effort("event", self.db.record_admin_event(by, EventKind::LinkMinted, Some(req.user), &detail, now)).await,
            None => best_effort("event", self.db.record_event(EventKind::LinkMinted, Some(req.user), None, &detail, now)).await,
        }
        Ok(Issued { url: self.url(&token), expires_at: link.expires_at })
    }

    /// Mints a link without writing anything (the caller records it in its own transaction: a webhook's reconnect
    /// link is recorded with the body that carries it).
    pub fn mint_unrecorded(&self, req: &LinkRequest<'_>, now: DateTime<Utc>) -> Result<Issued, SignerError> {
        let (token, link) = self.signer.mint_with(req.user, req.ttl, &req.scope(), now)?;
        Ok(Issued { url: self.url(&token), expires_at: link.expires_at })
    }

    /// `<public url>/link/<token>`: what a user is sent.
    pub fn url(&self, token: &str) -> Url {
        let mut url = self.public_url.clone();
        if let Ok(mut segs) = url.path_segments_mut() {
            segs.pop_if_empty().extend(["link", token]);
        }
        url
    }
}

/// Refused links go to the event log at most a few times per client per minute (the rest are only counted in
/// the log line), so anonymous traffic cannot grow the database.
#[derive(Clone)]
pub struct RefusalLog(std::sync::Arc<governor::DefaultKeyedRateLimiter<std::net::IpAddr>>);

impl Default for RefusalLog {
    fn default() -> Self {
        let five = std::num::NonZeroU32::new(5).unwrap_or(std::num::NonZeroU32::MIN);
        RefusalLog(std::sync::Arc::new(governor::RateLimiter::keyed(governor::Quota::per_minute(five))))
    }
}

impl RefusalLog {
    pub fn may_record(&self, client: std::net::IpAddr) -> bool {
        self.0.check_key(&client).is_ok()
    }

    pub fn forget_old(&self) {
        self.0.retain_recent();
    }
}

impl Db {
    /// Whether a link was used already (without using it).
    pub async fn link_used(&self, id: &str) -> Result<bool, DbError> {
        let row = sqlx::query("SELECT COUNT(*) FROM used_links WHERE id = $1").bind(id).fetch_one(self.pool()).await?;
        Ok(sqlx::Row::try_get::<i64, _>(&row, 0)? > 0)
    }

    /// Records that a link was used. `false` if it had been used before.
    pub async fn use_link(&self, id: &str, expires_at: DateTime<Utc>) -> Result<bool, DbError> {
        let done = sqlx::query("INSERT INTO used_links (id, expires_at) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING")
            .bind(id)
            .bind(ms(expires_at))
            .execute(self.pool())
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Records that `user` used a link issued at `issued_at` (a deep link's `integration`), registers the user and writes its `link_used` event, in
    /// one transaction; or says why not ([`LinkUse`]).
    pub async fn use_link_for(
        &self,
        id: &str,
        expires_at: DateTime<Utc>,
        user: &UserId,
        integration: Option<&CustomerIntegrationId>,
        issued_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<LinkUse, DbError> {
        let mut tx = self.pool().begin().await?;
        if self.is_postgres() {
            crate::services::registry::snapshots::lock_users(&mut tx, &[user]).await?;
        }
        let done = sqlx::query("INSERT INTO used_links (id, expires_at) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING")
            .bind(id)
            .bind(ms(expires_at))
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() != 1 {
            return Ok(LinkUse::Replayed);
        }
        // Checked under the user's lock (PostgreSQL) or the write lock (SQLite): an erasure committed before this
        // point is seen; one after it finds the user registered and erases them again.
        if self.erased_at_on(&mut tx, user).await?.is_some_and(|at| issued_at <= at) {
            return Ok(LinkUse::Revoked);
        }
        crate::services::registry::users::touch_user_on(&mut tx, user, now).await?;
        crate::services::registry::events::append_event(&mut tx, EventKind::LinkUsed, Some(user), integration, &EventDetail::None, now)
            .await?;
        tx.commit().await?;
        Ok(LinkUse::Used)
    }

    /// Forgets used links once they have expired (they cannot be used again anyway). Returns how many.
    pub async fn delete_expired_links(&self, now: DateTime<Utc>) -> Result<u64, DbError> {
        let done = sqlx::query("DELETE FROM used_links WHERE expires_at < $1").bind(ms(now)).execute(self.pool()).await?;
        sqlx::query("DELETE FROM opened_links WHERE expires_at < $1").bind(ms(now)).execute(self.pool()).await?;
        Ok(done.rows_affected())
    }

    /// Whether a link's page was opened before (its `link_opened` event was recorded).
    pub async fn link_opened(&self, id: &str) -> Result<bool, DbError> {
        let row = sqlx::query("SELECT COUNT(*) FROM opened_links WHERE id = $1").bind(id).fetch_one(self.pool()).await?;
        Ok(sqlx::Row::try_get::<i64, _>(&row, 0)? > 0)
    }

    /// Records the first opening of a link's page with its `link_opened` event, in one transaction (a second
    /// opening, even at the same moment, records nothing).
    pub async fn record_link_opened(
        &self,
        id: &str,
        expires_at: DateTime<Utc>,
        user: &UserId,
        integration: Option<&CustomerIntegrationId>,
        now: DateTime<Utc>,
    ) -> Result<(), DbError> {
        let mut tx = self.pool().begin().await?;
        let done = sqlx::query("INSERT INTO opened_links (id, expires_at) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING")
            .bind(id)
            .bind(ms(expires_at))
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 1 {
            let (kind, detail) = (EventKind::LinkOpened, EventDetail::None);
            crate::services::registry::events::append_event(&mut tx, kind, Some(user), integration, &detail, now).await?;
        }
        tx.commit().await?;
        Ok(())
    }
}
