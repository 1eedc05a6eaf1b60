//! Who the end user is: portal sessions (tower-sessions over the database) that slide with activity, signing in
//! (from a link, or as a sandbox demo user) and out. Signing in registers the user; a link is looked at without
//! being used (mail scanners open links first) and used by an explicit POST, which records its use or refusal.

use crate::domain::{CustomerIntegrationId, EventDetail, EventKind, LinkRefusal, ReturnMode, UserId};
use crate::platform::config::HostAllowList;
use crate::platform::db::{Db, Sessions};
use crate::services::links::{Link, LinkError, LinkSigner, LinkUse, RefusalLog};
use crate::services::registry::best_effort;
use crate::ui::Viewer;
use axum::{extract::Request, middleware::Next, response::Response};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::time::Duration;
use tower_sessions::{cookie::SameSite, Expiry, Session, SessionManagerLayer};

pub const COOKIE_NAME: &str = "plugboard_session";
/// With `Secure`, the cookie is bound to this host and path by its name (no Domain, Path=/).
pub const SECURE_COOKIE_NAME: &str = "__Host-plugboard_session";
const USER_KEY: &str = "portal";
const TOUCHED_KEY: &str = "touched";

/// What the session knows about the end user.
#[derive(Clone, Serialize, Deserialize)]
pub struct PortalSession {
    pub user: UserId,
    /// A random value that ties connect attempts to this session (survives session id rotation).
    pub binding: String,
    pub signed_in_at: DateTime<Utc>,
    /// Where "Back to <app>" leads, from the link.
    pub return_url: Option<String>,
    /// The only integrations this portal shows and connects, from the link (all when empty).
    #[serde(default)]
    pub allowed: Vec<CustomerIntegrationId>,
    /// How the header names the user, from what the host said (the masked id otherwise).
    #[serde(default)]
    pub display_name: Option<String>,
    /// The language the host asked for (a BCP 47 tag), from the link.
    #[serde(default)]
    pub locale: Option<String>,
    /// `returnMode` from the link: with `Immediate`, a callback answers 303 to the return URL with the outcome.
    #[serde(default)]
    pub return_mode: ReturnMode,
}

impl PortalSession {
    /// Whether this portal may show and connect `integration`.
    pub fn allows(&self, integration: &CustomerIntegrationId) -> bool {
        self.allowed.is_empty() || self.allowed.contains(integration)
    }

    /// "Back to <app>"'s address, checked again now (not only when the link was minted): http(s), no credentials, a
    /// host on `PLUGBOARD_RETURN_HOSTS`.
    pub fn return_link(&self, allowed: &HostAllowList) -> Option<String> {
        checked_return(self.return_url.as_deref()?, allowed)
    }
}

/// A return URL, checked again now (not only when the link was minted): http(s), no credentials, a host on
/// `PLUGBOARD_RETURN_HOSTS`.
pub fn checked_return(raw: &str, allowed: &HostAllowList) -> Option<String> {
    let url = url::Url::parse(raw).ok()?;
    let ok = matches!(url.scheme(), "https" | "http")
        && url.username().is_empty()
        && url.password().is_none()
        && url.host_str().is_some_and(|h| allowed.allows(h));
    ok.then(|| url.to_string())
}

#[derive(Debug, thiserror::Error)]
pub enum IdentityError {
    #[error("session store: {0}")]
    Session(#[from] tower_sessions::session::Error),
}

pub fn session_layer(store: Sessions, secure: bool, idle: Duration) -> SessionManagerLayer<Sessions> {
    SessionManagerLayer::new(store)
        .with_name(if secure { SECURE_COOKIE_NAME } else { COOKIE_NAME })
        .with_http_only(true)
        // Strict would drop the cookie on the cross-site return from the authorize page.
        .with_same_site(SameSite::Lax)
        .with_secure(secure)
        .with_path("/")
        .with_expiry(Expiry::OnInactivity(inactivity(idle)))
}

fn inactivity(d: Duration) -> time::Duration {
    time::Duration::seconds(d.as_secs().min(i64::MAX as u64) as i64)
}

/// How long sessions may stay idle, for end users and admins; and where a user is recorded as seen.
#[derive(Clone, Debug)]
pub struct IdleTimes {
    pub user: Duration,
    pub admin: Duration,
    pub db: Db,
}

/// Runs inside the session layer, before the response head leaves: pushes a signed-in session's expiry out (a
/// read-only page never saves the session, so without this an active user would be signed out on schedule),
/// at most once a minute (or a quarter of the timeout, when that is shorter), recording the user as seen then (not on
/// every page view); and tells the page who is signed in.
pub async fn keep_alive(
    axum::extract::State(idle): axum::extract::State<IdleTimes>,
    session: Session,
    mut req: Request,
    next: Next,
) -> Response {
    let mut portal = current(&session).await;
    let admin = crate::services::admin::is_admin(&session).await;
    let timeout = match (&portal, admin) {
        (_, true) => Some(idle.admin),
        (Some(_), false) => Some(idle.user),
        (None, false) => None,
    };
    if let Some(timeout) = timeout {
        let now = Utc::now().timestamp_millis();
        let every = (timeout / 4).min(Duration::from_secs(60)).as_millis() as i64;
        let touched = session.get::<i64>(TOUCHED_KEY).await.ok().flatten().unwrap_or(0);
        if now - touched >= every {
            session.set_expiry(Some(Expiry::OnInactivity(inactivity(timeout))));
            if let Err(e) = session.insert(TOUCHED_KEY, now).await {
                tracing::warn!(error = %e, "touching a session failed");
            }
            if let Some(p) = portal.clone() {
                // A user the host erased since signing in is signed out (checked here, at most once a minute).
                match idle.db.erased_at(&p.user).await {
                    Ok(Some(at)) if at >= p.signed_in_at => {
                        let _ = session.flush().await;
                        portal = None;
                    }
                    _ => {
                        let db = idle.db.clone();
                        // Only bumps a known user: an erased one is not brought back by a session's late touch.
                        tokio::spawn(async move { best_effort("user", db.user_seen(&p.user, Utc::now())).await });
                    }
                }
            }
        }
    }
    if let Some(p) = portal {
        let shown_as = p.display_name.clone().unwrap_or_else(|| Viewer::mask(p.user.as_str()));
        req.extensions_mut().insert(Viewer { shown_as });
    }
    next.run(req).await
}

/// The signed-in end user, if any. A broken or unreadable session counts as none.
pub async fn current(session: &Session) -> Option<PortalSession> {
    session.get::<PortalSession>(USER_KEY).await.ok().flatten()
}

/// Starts a fresh session for `user` (registered by the caller), scoped as `link` says: the session id is rotated
/// first (no fixation).
pub async fn sign_in(session: &Session, db: &Db, user: UserId, link: Option<&Link>) -> Result<PortalSession, IdentityError> {
    let return_url = link.and_then(|l| l.return_url.as_ref()).map(|u| u.to_string());
    let allowed = link.map(|l| l.allowed.clone()).unwrap_or_default();
    let return_mode = link.map(|l| l.return_mode).unwrap_or_default();
    let (display_name, locale) = db.profile(&user).await.ok().map(|p| (p.display_name, p.locale)).unwrap_or_default();
    session.cycle_id().await?;
    session.clear().await;
    let binding = crate::platform::secrets::random_token();
    let ps = PortalSession { user, binding, signed_in_at: Utc::now(), return_url, allowed, display_name, locale, return_mode };
    session.insert(USER_KEY, ps.clone()).await?;
    Ok(ps)
}

pub async fn sign_out(session: &Session) -> Result<(), IdentityError> {
    session.flush().await?;
    Ok(())
}

/// What a link would do, without using it: for the page a GET shows (scanners and unfurlers only ever GET).
#[derive(Clone, Debug)]
pub struct Preview {
    pub user: UserId,
    /// Someone else is signed in in this browser: who.
    pub replaces: Option<UserId>,
    /// The verified link (its deep-link target, return URL, scope).
    pub link: Link,
}

/// Verifies a link (signature, expiry, not used yet) without using it. A refusal goes to the event log, at most a
/// few per client per minute.
pub async fn preview_link(
    signer: &LinkSigner,
    db: &Db,
    session: &Session,
    token: &str,
    refusals: &RefusalLog,
    client: std::net::IpAddr,
    now: DateTime<Utc>,
) -> Result<Preview, LinkRefusal> {
    let checked = match signer.verify(token, now) {
        Ok(link) => match (db.link_used(&link.id).await, db.erased_at(&link.user).await) {
            (Ok(false), Ok(erased)) if erased.is_some_and(|at| link.issued_at <= at) => Err(LinkError::Revoked.into()),
            (Ok(false), Ok(_)) => Ok(link),
            (Ok(true), _) => Err(LinkError::Replayed.into()),
            (Err(e), _) | (_, Err(e)) => {
                tracing::error!(error = %e, "checking a link failed");
                Err(LinkRefusal::Internal)
            }
        },
        Err(e) => Err(LinkRefusal::from(e)),
    };
    match checked {
        Ok(link) => {
            // The first opening of each link counts in the funnel: once per link, and only for links signed by us
            // and unexpired (anonymous traffic cannot grow the log), within the link route's per-client rate limit.
            if matches!(db.link_opened(&link.id).await, Ok(false)) {
                let opened = db.record_link_opened(&link.id, link.expires_at, &link.user, link.connect.as_ref(), now);
                best_effort("event", opened).await;
            }
            let replaces = current(session).await.map(|p| p.user).filter(|u| *u != link.user);
            Ok(Preview { user: link.user.clone(), replaces, link })
        }
        Err(refusal) => {
            tracing::info!(reason = refusal.as_str(), "portal link refused");
            if refusal != LinkRefusal::Internal && refusals.may_record(client) {
                let detail = EventDetail::LinkRefused(refusal);
                best_effort("event", db.record_event(EventKind::LinkRejected, None, None, &detail, now)).await;
            }
            Err(refusal)
        }
    }
}

/// Verifies a portal link, records its one use (atomically: two concurrent POSTs cannot both use it), rotates the
/// session and signs its user in.
pub async fn redeem_link(
    signer: &LinkSigner,
    db: &Db,
    session: &Session,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Link, LinkRefusal> {
    let result = redeem(signer, db, session, token, now).await;
    let outcome = match &result {
        Ok(_) => "signed_in",
        Err(Redeem::Refused(e)) => LinkRefusal::from(*e).as_str(),
        Err(Redeem::Failed(_)) => "internal",
    };
    metrics::counter!("plugboard_link_redemptions_total", "outcome" => outcome).increment(1);
    match result {
        // Its `link_used` event was written with the use, in one transaction.
        Ok(link) => Ok(link),
        Err(Redeem::Refused(e)) => Err(LinkRefusal::from(e)),
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
    match db.erased_at(&link.user).await {
        Ok(Some(at)) if link.issued_at <= at => return Err(Redeem::Refused(LinkError::Revoked)),
        Ok(_) => {}
        Err(e) => return Err(Redeem::Failed(e.to_string())),
    }
    // The use, the user's registration and `link_used`, in one transaction that sees an erasure committed first.
    match db.use_link_for(&link.id, link.expires_at, &link.user, link.connect.as_ref(), link.issued_at, now).await {
        Ok(LinkUse::Used) => {}
        Ok(LinkUse::Replayed) => return Err(Redeem::Refused(LinkError::Replayed)),
        Ok(LinkUse::Revoked) => return Err(Redeem::Refused(LinkError::Revoked)),
        Err(e) => return Err(Redeem::Failed(e.to_string())),
    }
    sign_in(session, db, link.user.clone(), Some(&link)).await.map_err(|e| Redeem::Failed(e.to_string()))?;
    Ok(link)
}
