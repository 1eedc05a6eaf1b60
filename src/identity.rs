//! Who the user is: portal sessions (tower-sessions over the database) and signing in from a link. Server only.

use crate::db::{Db, Sessions};
use crate::domain::UserId;
use crate::links::{Link, LinkError, LinkSigner};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use tower_sessions::{cookie::SameSite, Expiry, Session, SessionManagerLayer};

pub const COOKIE_NAME: &str = "plugboard_session";
const USER_KEY: &str = "portal";
/// End-user sessions end after this long without a request.
pub const INACTIVITY: time::Duration = time::Duration::hours(2);

/// What the session knows about the end user.
#[derive(Clone, Serialize, Deserialize)]
pub struct PortalSession {
    pub user: UserId,
    /// A random value that ties connect attempts to this session (survives session id rotation).
    pub binding: String,
    pub signed_in_at: DateTime<Utc>,
    /// Where "Back to <app>" leads, from the link.
    pub return_url: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum IdentityError {
    #[error(transparent)]
    Link(#[from] LinkError),
    #[error("session store: {0}")]
    Session(#[from] tower_sessions::session::Error),
    #[error(transparent)]
    Db(#[from] crate::db::DbError),
}

pub fn session_layer(store: Sessions, secure: bool) -> SessionManagerLayer<Sessions> {
    SessionManagerLayer::new(store)
        .with_name(COOKIE_NAME)
        .with_http_only(true)
        // Strict would drop the cookie on the cross-site return from the authorize page.
        .with_same_site(SameSite::Lax)
        .with_secure(secure)
        .with_path("/")
        .with_expiry(Expiry::OnInactivity(INACTIVITY))
}

/// The signed-in end user, if any. A broken or unreadable session counts as none.
pub async fn current(session: &Session) -> Option<PortalSession> {
    session.get::<PortalSession>(USER_KEY).await.ok().flatten()
}

/// Starts a fresh session for `user`: the session id is rotated first (no fixation).
pub async fn sign_in(
    session: &Session,
    user: UserId,
    return_url: Option<String>,
) -> Result<PortalSession, IdentityError> {
    session.cycle_id().await?;
    session.clear().await;
    let ps = PortalSession { user, binding: crate::secrets::random_token(), signed_in_at: Utc::now(), return_url };
    session.insert(USER_KEY, ps.clone()).await?;
    Ok(ps)
}

pub async fn sign_out(session: &Session) -> Result<(), IdentityError> {
    session.flush().await?;
    Ok(())
}

/// Verifies a portal link, records its one use, and signs its user in.
pub async fn redeem_link(
    signer: &LinkSigner,
    db: &Db,
    session: &Session,
    token: &str,
    now: DateTime<Utc>,
) -> Result<(Link, PortalSession), IdentityError> {
    let link = signer.verify(token, now)?;
    if !db.use_link(&link.id, link.expires_at).await? {
        return Err(LinkError::Replayed.into());
    }
    let ps = sign_in(session, link.user.clone(), link.return_url.as_ref().map(|u| u.to_string())).await?;
    Ok((link, ps))
}
