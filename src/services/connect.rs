//! Connecting: starting a one-time attempt and sending the browser to a checked authorize URL, then verifying the
//! callback (the attempt must be this session's, unexpired and unused; the state is read from the API, never taken
//! from `?status=`). Each records its own event; the callback also records the state it read.

use crate::domain::{
    CallbackRefusal, ConnState, ConnectProblem, ConnectResult, CustomerIntegrationId, EventDetail, EventKind, Integration,
    StateKey, StatusHint,
};
use crate::platform::config::HostAllowList;
use crate::platform::db::{Db, DbError};
use crate::services::attempts::{Attempt, Outcome};
use crate::services::catalog::Catalog;
use crate::services::connections::Connections;
use crate::services::registry::best_effort;
use crate::services::sessions::PortalSession;
use crate::upstream::{ToolRegistry, UpstreamError};
use chrono::{DateTime, Utc};
use std::sync::Arc;
use url::Url;

/// How long a connect attempt may take, from Connect to the callback.
pub const ATTEMPT_TTL: chrono::Duration = chrono::Duration::minutes(15);

/// Why Connect could not send the user on. The page shows its [`ConnectProblem`], never an upstream message.
#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    #[error("integration is not in the active list")]
    UnknownIntegration,
    #[error("upstream: {0}")]
    Upstream(#[from] UpstreamError),
    #[error("upstream list: {0}")]
    UpstreamList(Arc<UpstreamError>),
    #[error("the API returned an authorize URL we do not trust ({0})")]
    UntrustedAuthorizeUrl(&'static str),
    #[error(transparent)]
    Db(#[from] DbError),
}

impl ConnectError {
    pub fn problem(&self) -> ConnectProblem {
        match self {
            ConnectError::UnknownIntegration | ConnectError::Upstream(UpstreamError::NotFound) => {
                ConnectProblem::UnknownIntegration
            }
            ConnectError::Upstream(UpstreamError::Timeout(_)) => ConnectProblem::Timeout,
            ConnectError::Upstream(_) | ConnectError::UpstreamList(_) => ConnectProblem::Unavailable,
            ConnectError::UntrustedAuthorizeUrl(_) => ConnectProblem::UntrustedRedirect,
            ConnectError::Db(_) => ConnectProblem::Internal,
        }
    }
}

/// The verified outcome of a callback.
#[derive(Debug, Clone)]
pub struct Verified {
    pub integration: Integration,
    pub hint: StatusHint,
    pub state: ConnState,
    /// When the attempt started (its outcome's events are at or after this).
    pub started_at: DateTime<Utc>,
}

impl Verified {
    /// What a deep link's host is told.
    pub fn result(&self) -> ConnectResult {
        match self.state.key() {
            StateKey::Connected => ConnectResult::Connected,
            StateKey::Unknown => ConnectResult::Failed,
            _ => ConnectResult::NotConnected,
        }
    }
}

#[derive(Clone)]
pub struct Connector {
    api: ToolRegistry,
    catalog: Catalog,
    connections: Connections,
    db: Db,
    public_url: Url,
    authorize_hosts: HostAllowList,
    /// On the embedded sandbox, authorize pages may be plain http.
    http_anywhere: bool,
}

impl Connector {
    pub fn new(
        api: ToolRegistry,
        catalog: Catalog,
        connections: Connections,
        db: Db,
        public_url: Url,
        authorize_hosts: HostAllowList,
        http_anywhere: bool,
    ) -> Self {
        Connector { api, catalog, connections, db, public_url, authorize_hosts, http_anywhere }
    }

    pub fn authorize_hosts(&self) -> &HostAllowList {
        &self.authorize_hosts
    }

    /// Starts a connect attempt and returns the checked authorize URL to send the browser to. The start, or why it
    /// failed, goes to the event log.
    pub async fn start_connect(&self, who: &PortalSession, id: &CustomerIntegrationId) -> Result<Url, ConnectError> {
        self.start_connect_traced(who, id).await.map_err(|(e, _)| e)
    }

    /// [`Connector::start_connect`], telling a failure's event id (what a deep link's host is sent back).
    pub async fn start_connect_traced(
        &self,
        who: &PortalSession,
        id: &CustomerIntegrationId,
    ) -> Result<Url, (ConnectError, Option<String>)> {
        let result = self.start(who, id).await;
        let detail = match &result {
            Ok(_) => EventDetail::None,
            Err(e) => {
                tracing::warn!(error = %e, "connect failed");
                EventDetail::ConnectFailed(e.problem())
            }
        };
        let outcome = if result.is_ok() { "started" } else { "refused" };
        // The label comes from the active list only: an id that is not on it (form input) counts as `other`.
        let label = match &result {
            Err(ConnectError::UnknownIntegration | ConnectError::UpstreamList(_)) => "other".to_owned(),
            _ => id.as_str().to_owned(),
        };
        metrics::counter!("plugboard_connects_total", "integration" => label, "outcome" => outcome).increment(1);
        let record = self.db.record_event_id(EventKind::ConnectStarted, Some(&who.user), Some(id), &detail, Utc::now());
        let event = match record.await {
            Ok(id) => Some(id),
            Err(e) => {
                tracing::warn!(error = %e, "recording a connect start failed");
                None
            }
        };
        result.map_err(|e| (e, event))
    }

    async fn start(&self, who: &PortalSession, id: &CustomerIntegrationId) -> Result<Url, ConnectError> {
        let list = self.catalog.integrations().await.map_err(ConnectError::UpstreamList)?;
        if !list.iter().any(|i| &i.customer_integration_id == id) {
            return Err(ConnectError::UnknownIntegration);
        }
        let now = Utc::now();
        let attempt = Attempt {
            id: crate::platform::secrets::random_token(),
            session_binding: who.binding.clone(),
            user: who.user.clone(),
            integration: id.clone(),
            created_at: now,
            expires_at: now + ATTEMPT_TTL,
            consumed: false,
            outcome: None,
        };
        // The user is about to change this connection: the next view reads it live, however recent the snapshot.
        best_effort("snapshot", self.db.mark_dirty(&who.user, id)).await;
        let redirect = self.callback_url(&attempt.id);
        let auth = self.api.create_auth_url(id, &who.user, Some(&redirect)).await?;
        let url = self.check_authorize_url(&auth.authorize_url)?;
        // Stored only once the user is sent on (the browser cannot come back before): an attempt that could not
        // start is not one that was abandoned.
        self.db.create_attempt(&attempt).await?;
        Ok(url)
    }

    /// `<public url>/callback/<attempt id>`, from configuration only.
    pub fn callback_url(&self, attempt_id: &str) -> Url {
        let mut url = self.public_url.clone();
        if let Ok(mut segs) = url.path_segments_mut() {
            segs.pop_if_empty().extend(["callback", attempt_id]);
        }
        url
    }

    /// An authorize URL must be absolute https (http only where allowed), without credentials, on an allowed host.
    pub fn check_authorize_url(&self, raw: &str) -> Result<Url, ConnectError> {
        let url = Url::parse(raw).map_err(|_| ConnectError::UntrustedAuthorizeUrl("not an absolute URL"))?;
        if !matches!(url.scheme(), "https" | "http") {
            return Err(ConnectError::UntrustedAuthorizeUrl("not http(s)"));
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(ConnectError::UntrustedAuthorizeUrl("carries credentials"));
        }
        match url.host_str() {
            Some(host) if self.authorize_hosts.allows_scheme(url.scheme(), host, self.http_anywhere) => Ok(url),
            Some(host) if self.authorize_hosts.allows(host) => {
                Err(ConnectError::UntrustedAuthorizeUrl("plain http to a host not listed as http:// in PLUGBOARD_AUTHORIZE_HOSTS"))
            }
            _ => Err(ConnectError::UntrustedAuthorizeUrl("host not on PLUGBOARD_AUTHORIZE_HOSTS")),
        }
    }

    /// Verifies a callback: the attempt must exist, belong to this session, be unexpired and unused; it is consumed,
    /// then the real state is read from the API and recorded, with the event.
    pub async fn verify_callback(
        &self,
        who: Option<&PortalSession>,
        attempt_id: &str,
        hint: StatusHint,
        now: DateTime<Utc>,
    ) -> Result<Verified, CallbackRefusal> {
        let (attempt, _who) = self.judge(who, attempt_id, now).await?;
        if let Some(outcome) = attempt.outcome.clone().filter(|_| attempt.consumed) {
            // A reload in the session that used it shows the same result again (no new upstream call, no new event).
            let integration = self.named(&attempt.integration).await;
            return Ok(Verified { integration, hint: outcome.hint, state: outcome.state, started_at: attempt.created_at });
        }
        match self.db.consume_attempt(&attempt.id, now).await {
            Ok(true) => {}
            Ok(false) => return Err(CallbackRefusal::Replayed),
            Err(e) => {
                tracing::error!(error = %e, "consuming a connect attempt failed");
                return Err(CallbackRefusal::Internal);
            }
        }
        let state = self.connections.check_patiently(&attempt.user, &attempt.integration).await;
        let outcome = match state.key() {
            StateKey::Connected => "verified",
            StateKey::Unknown => "unverifiable",
            _ => "failed",
        };
        metrics::counter!("plugboard_connects_total", "integration" => attempt.integration.as_str().to_owned(), "outcome" => outcome)
            .increment(1);
        let outcome = Outcome { hint, state: state.clone() };
        // The outcome and its `callback_received` event, in one transaction.
        best_effort("attempt outcome", self.db.record_outcome(&attempt, &outcome, now)).await;
        let integration = self.named(&attempt.integration).await;
        Ok(Verified { integration, hint, state, started_at: attempt.created_at })
    }

    /// Whether a callback would be accepted, without consuming anything (the page's status is decided before its
    /// body streams).
    pub async fn precheck(&self, who: Option<&PortalSession>, attempt_id: &str, now: DateTime<Utc>) -> Result<(), CallbackRefusal> {
        self.judge(who, attempt_id, now).await.map(|_| ())
    }

    /// The checks a callback must pass: the attempt exists, belongs to this session, and is unused and unexpired (or
    /// used by this session, with its result kept).
    async fn judge<'w>(
        &self,
        who: Option<&'w PortalSession>,
        attempt_id: &str,
        now: DateTime<Utc>,
    ) -> Result<(Attempt, &'w PortalSession), CallbackRefusal> {
        let attempt = self.db.attempt(attempt_id).await.map_err(|e| {
            tracing::error!(error = %e, "reading a connect attempt failed");
            CallbackRefusal::Internal
        })?;
        let Some(attempt) = attempt else { return Err(CallbackRefusal::Unknown) };
        let Some(who) = who else { return Err(CallbackRefusal::SignInRequired) };
        if attempt.session_binding != who.binding || attempt.user != who.user {
            return Err(CallbackRefusal::OtherSession);
        }
        match (attempt.consumed, attempt.outcome.is_some()) {
            (true, true) => Ok((attempt, who)),
            (true, false) => Err(CallbackRefusal::Replayed),
            (false, _) if now >= attempt.expires_at => Err(CallbackRefusal::Expired),
            (false, _) => Ok((attempt, who)),
        }
    }

    /// The integration for a page, or a placeholder naming it by its id when the list cannot be read.
    async fn named(&self, id: &CustomerIntegrationId) -> Integration {
        self.catalog.integration(id).await.unwrap_or_else(|| placeholder(id))
    }
}

/// When the list cannot be read, the callback still names the integration by its id.
fn placeholder(id: &CustomerIntegrationId) -> Integration {
    Integration {
        integration_id: id.to_string(),
        customer_integration_id: id.clone(),
        active: true,
        name: "this integration".into(),
        description: None,
        logo_url: None,
        host: String::new(),
        updated_at: Utc::now(),
        created_at: Utc::now(),
        auth_type: None,
    }
}
