//! Who the end user is: portal sessions (tower-sessions over the database), signing in (from a link, or as a
//! sandbox demo user) and out. Signing in registers the user; redeeming a link records its use or refusal.

use crate::domain::{EventDetail, EventKind, LinkRefusal, UserId};
use crate::platform::db::{Db, Sessions};
use crate::services::links::{Link, LinkError, LinkSigner};
use crate::services::registry::best_effort;
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
    #[error("session store: {0}")]
    Session(#[from] tower_sessions::session::Error),
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

/// Starts a fresh session for `user` and registers the user: the session id is rotated first (no fixation).
pub async fn sign_in(
    session: &Session,
    db: &Db,
    user: UserId,
    return_url: Option<String>,
) -> Result<PortalSession, IdentityError> {
    best_effort("user", db.touch_user(&user, Utc::now())).await;
    session.cycle_id().await?;
    session.clear().await;
    let ps = PortalSession { user, binding: crate::platform::secrets::random_token(), signed_in_at: Utc::now(), return_url };
    session.insert(USER_KEY, ps.clone()).await?;
    Ok(ps)
}

pub async fn sign_out(session: &Session) -> Result<(), IdentityError> {
    session.flush().await?;
    Ok(())
}

/// Verifies a portal link, records its one use, and signs its user in; the use or the refusal goes to the event log.
pub async fn redeem_link(
    signer: &LinkSigner,
    db: &Db,
    session: &Session,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Link, LinkRefusal> {
    match redeem(signer, db, session, token, now).await {
        Ok(link) => {
            best_effort("event", db.record_event(EventKind::LinkUsed, Some(&link.user), None, &EventDetail::None, now)).await;
            Ok(link)
        }
        Err(Redeem::Refused(e)) => {
            let refusal = LinkRefusal::from(e);
            tracing::info!(reason = refusal.as_str(), "portal link refused");
            let detail = EventDetail::LinkRefused(refusal);
            best_effort("event", db.record_event(EventKind::LinkRejected, None, None, &detail, now)).await;
            Err(refusal)
        }
        Err(Redeem::Failed(e)) => {
            tracing::error!(error = %e, "signing in from a link failed");
            Err(LinkRefusal::Internal)
        }
    }
}

enum Redeem {
    Refused(LinkError),
    Failed(String),
}

async fn redeem(signer: &LinkSigner, db: &Db, session: &Session, token: &str, now: DateTime<Utc>) -> Result<Link, Redeem> {
    let link = signer.verify(token, now).map_err(Redeem::Refused)?;
    match db.use_link(&link.id, link.expires_at).await {
        Ok(true) => {}
        Ok(false) => return Err(Redeem::Refused(LinkError::Replayed)),
        Err(e) => return Err(Redeem::Failed(e.to_string())),
    }
    let return_url = link.return_url.as_ref().map(|u| u.to_string());
    sign_in(session, db, link.user.clone(), return_url).await.map_err(|e| Redeem::Failed(e.to_string()))?;
    Ok(link)
}
