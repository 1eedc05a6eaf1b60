//! Portal links: `<public url>/link/<token>`. The one place that issues them (mint, build the URL, register the user,
//! record who issued it), used by the CLI, the host-app API and the console; the record of used links (a link works
//! once); and the signer's key. Token format and checks are in [`signer`].

pub mod signer;

pub use signer::{Link, LinkError, LinkSigner, SignerError, DEFAULT_TTL, MAX_TTL};

use crate::domain::{Actor, EventDetail, EventKind, UserId};
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
        Some(secret) => Ok(LinkSigner::new(secret.expose_secret().as_bytes())?),
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
        let now = Utc::now();
        let (token, link) = self.signer.mint(user, ttl, return_url, now)?;
        best_effort("user", self.db.touch_user(user, now)).await;
        let detail = EventDetail::Minted(actor);
        best_effort("event", self.db.record_event(EventKind::LinkMinted, Some(user), None, &detail, now)).await;
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

impl Db {
    /// Records that a link was used. `false` if it had been used before.
    pub async fn use_link(&self, id: &str, expires_at: DateTime<Utc>) -> Result<bool, DbError> {
        let done = sqlx::query("INSERT INTO used_links (id, expires_at) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING")
            .bind(id)
            .bind(ms(expires_at))
            .execute(self.pool())
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Forgets used links once they have expired (they cannot be used again anyway).
    pub async fn delete_expired_links(&self, now: DateTime<Utc>) -> Result<(), DbError> {
        sqlx::query("DELETE FROM used_links WHERE expires_at < $1").bind(ms(now)).execute(self.pool()).await?;
        Ok(())
    }
}
