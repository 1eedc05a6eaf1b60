//! The end-user portal's server side: the cached integration list, per-card state with a concurrency bound and a
//! deadline, starting a connect attempt, and verifying a callback. Server only.

use crate::db::{Attempt, Db};
use crate::domain::{ConnState, CustomerIntegrationId, Integration, UserId};
use crate::identity::PortalSession;
use crate::upstream::{ToolRegistry, UpstreamError};
use chrono::{DateTime, Utc};
use futures::future::{BoxFuture, FutureExt, Shared};
use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
    time::Duration,
};
use tokio::sync::Semaphore;
use url::Url;

/// How long a connect attempt may take, from Connect to the callback.
pub const ATTEMPT_TTL: chrono::Duration = chrono::Duration::minutes(15);

#[derive(Clone, Debug)]
pub struct PortalOptions {
    pub public_url: Url,
    pub authorize_hosts: HostAllowList,
    pub list_ttl: Duration,
    pub state_concurrency: usize,
    pub state_deadline: Duration,
}

#[derive(Clone)]
pub struct Portal {
    api: ToolRegistry,
    list: moka::future::Cache<(), Arc<Vec<Integration>>>,
    permits: Arc<Semaphore>,
    opts: Arc<PortalOptions>,
}

/// Host names an `authorizeUrl` may point at: exact names and `*.suffix` wildcards.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HostAllowList(Vec<String>);

impl HostAllowList {
    pub fn new(entries: impl IntoIterator<Item = String>) -> Self {
        HostAllowList(entries.into_iter().map(|e| e.trim().to_ascii_lowercase()).filter(|e| !e.is_empty()).collect())
    }
    pub fn allows(&self, host: &str) -> bool {
        let host = host.to_ascii_lowercase();
        self.0.iter().any(|e| match e.strip_prefix("*.") {
            Some(suffix) => host.len() > suffix.len() + 1 && host.ends_with(&format!(".{suffix}")),
            None => *e == host,
        })
    }
    pub fn entries(&self) -> &[String] {
        &self.0
    }
}

/// Why Connect could not send the user on. `code()` travels in the portal URL; the page maps it to words.
#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    #[error("no signed-in user")]
    SignInRequired,
    #[error("integration {0:?} is not in the active list")]
    UnknownIntegration(String),
    #[error("upstream: {0}")]
    Upstream(#[from] UpstreamError),
    #[error("upstream list: {0}")]
    UpstreamList(Arc<UpstreamError>),
    #[error("the API returned an authorize URL we do not trust ({0})")]
    UntrustedAuthorizeUrl(&'static str),
    #[error(transparent)]
    Db(#[from] crate::db::DbError),
}

impl ConnectError {
    pub fn code(&self) -> &'static str {
        match self {
            ConnectError::SignInRequired => "signin",
            ConnectError::UnknownIntegration(_) => "unknown_integration",
            ConnectError::Upstream(UpstreamError::Timeout(_)) => "timeout",
            ConnectError::Upstream(UpstreamError::NotFound) => "unknown_integration",
            ConnectError::Upstream(_) | ConnectError::UpstreamList(_) => "unavailable",
            ConnectError::UntrustedAuthorizeUrl(_) => "untrusted_redirect",
            ConnectError::Db(_) => "internal",
        }
    }
}

/// Why a callback cannot be accepted. Each has its own message; nothing changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CallbackError {
    #[error("no signed-in user")]
    SignInRequired,
    #[error("no such connect attempt")]
    Unknown,
    #[error("the attempt belongs to another session")]
    OtherSession,
    #[error("the attempt expired")]
    Expired,
    #[error("the attempt was already used")]
    Replayed,
    #[error("internal error")]
    Internal,
}

/// What the status hint in the callback URL said.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum StatusHint {
    Success,
    Error,
    Missing,
    Other,
}

impl StatusHint {
    /// Reads `status` from a raw query, tolerating a provider that appended `?status=` to a URL that already had a
    /// query (`a=1?status=success`). The last `status` wins.
    pub fn from_raw_query(raw: Option<&str>) -> StatusHint {
        let Some(raw) = raw else { return StatusHint::Missing };
        let mut found = StatusHint::Missing;
        for pair in raw.split(['&', '?', ';']) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            if k == "status" {
                found = match v.to_ascii_lowercase().as_str() {
                    "success" => StatusHint::Success,
                    "error" => StatusHint::Error,
                    "" => StatusHint::Missing,
                    _ => StatusHint::Other,
                };
            }
        }
        found
    }
}

/// The states read for one page view: each (integration) is read at most once per view, however many times the
/// view asks (a rendering pass may build a card more than once). Provided fresh for every request.
#[derive(Clone, Default)]
pub struct ViewStates(Arc<Mutex<HashMap<CustomerIntegrationId, Shared<BoxFuture<'static, ConnState>>>>>);

impl ViewStates {
    pub fn get(
        &self,
        portal: &Portal,
        integration: &CustomerIntegrationId,
        user: &UserId,
    ) -> Shared<BoxFuture<'static, ConnState>> {
        let mut map = self.0.lock().unwrap_or_else(|p| p.into_inner());
        map.entry(integration.clone())
            .or_insert_with(|| {
                let (portal, integration, user) = (portal.clone(), integration.clone(), user.clone());
                async move { portal.state(&integration, &user).await }.boxed().shared()
            })
            .clone()
    }
}

/// The verified outcome of a callback.
#[derive(Debug, Clone)]
pub struct Verified {
    pub integration: Integration,
    pub hint: StatusHint,
    pub state: ConnState,
}

impl Portal {
    pub fn new(api: ToolRegistry, opts: PortalOptions) -> Self {
        let list = moka::future::Cache::builder().max_capacity(1).time_to_live(opts.list_ttl).build();
        let permits = Arc::new(Semaphore::new(opts.state_concurrency.max(1)));
        Portal { api, list, permits, opts: Arc::new(opts) }
    }

    pub fn api(&self) -> &ToolRegistry {
        &self.api
    }

    pub fn options(&self) -> &PortalOptions {
        &self.opts
    }

    /// The active integrations, sorted by name. Cached briefly; concurrent refreshes become one upstream call.
    pub async fn integrations(&self) -> Result<Arc<Vec<Integration>>, Arc<UpstreamError>> {
        self.list
            .try_get_with((), async {
                let mut list = self.api.list_integrations(Some(true)).await?;
                list.retain(|i| i.active);
                list.sort_by_cached_key(|i| i.name.to_lowercase());
                Ok::<_, UpstreamError>(Arc::new(list))
            })
            .await
    }

    pub async fn integration(&self, id: &CustomerIntegrationId) -> Option<Integration> {
        self.integrations().await.ok()?.iter().find(|i| &i.customer_integration_id == id).cloned()
    }

    pub fn invalidate_list(&self) {
        self.list.invalidate_all();
    }

    /// The user's state for one integration: bounded concurrency, cut off at the deadline (then `Unknown`).
    pub async fn state(&self, integration: &CustomerIntegrationId, user: &UserId) -> ConnState {
        let work = async {
            let _permit = self.permits.acquire().await.ok()?;
            Some(self.api.get_user(integration, user).await)
        };
        match tokio::time::timeout(self.opts.state_deadline, work).await {
            Ok(Some(Ok(u))) if u.active => ConnState::Connected { since: u.updated_at },
            Ok(Some(Ok(u))) => ConnState::NeedsReconnect { since: u.updated_at },
            Ok(Some(Err(UpstreamError::NotFound))) => ConnState::NotConnected,
            Ok(Some(Err(e))) => {
                tracing::warn!(integration = %integration, error = %e, "reading connection state failed");
                ConnState::Unknown
            }
            Ok(None) => ConnState::Unknown,
            Err(_) => {
                tracing::warn!(integration = %integration, deadline = ?self.opts.state_deadline, "connection state cut off at the deadline");
                ConnState::Unknown
            }
        }
    }

    /// Starts a connect attempt and returns the checked authorize URL to send the browser to.
    pub async fn start_connect(
        &self,
        db: &Db,
        who: &PortalSession,
        raw_integration: &str,
    ) -> Result<Url, ConnectError> {
        let id = CustomerIntegrationId::parse(raw_integration.to_owned())
            .map_err(|_| ConnectError::UnknownIntegration(raw_integration.chars().take(64).collect()))?;
        let list = self.integrations().await.map_err(ConnectError::UpstreamList)?;
        if !list.iter().any(|i| i.customer_integration_id == id) {
            return Err(ConnectError::UnknownIntegration(raw_integration.chars().take(64).collect()));
        }
        let now = Utc::now();
        let attempt = Attempt {
            id: crate::secrets::random_token(),
            session_binding: who.binding.clone(),
            user: who.user.clone(),
            integration: id.clone(),
            created_at: now,
            expires_at: now + ATTEMPT_TTL,
            consumed: false,
        };
        db.create_attempt(&attempt).await?;
        let redirect = self.callback_url(&attempt.id);
        let auth = self.api.create_auth_url(&id, &who.user, Some(&redirect)).await?;
        self.check_authorize_url(&auth.authorize_url)
    }

    /// `<public url>/callback/<attempt id>`, from configuration only.
    pub fn callback_url(&self, attempt_id: &str) -> Url {
        let mut url = self.opts.public_url.clone();
        if let Ok(mut segs) = url.path_segments_mut() {
            segs.pop_if_empty().extend(["callback", attempt_id]);
        }
        url
    }

    /// An authorize URL must be absolute http(s), without credentials, on an allowed host.
    pub fn check_authorize_url(&self, raw: &str) -> Result<Url, ConnectError> {
        let url = Url::parse(raw).map_err(|_| ConnectError::UntrustedAuthorizeUrl("not an absolute URL"))?;
        if !matches!(url.scheme(), "https" | "http") {
            return Err(ConnectError::UntrustedAuthorizeUrl("not http(s)"));
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(ConnectError::UntrustedAuthorizeUrl("carries credentials"));
        }
        match url.host_str() {
            Some(host) if self.opts.authorize_hosts.allows(host) => Ok(url),
            _ => Err(ConnectError::UntrustedAuthorizeUrl("host not on PLUGBOARD_AUTHORIZE_HOSTS")),
        }
    }

    /// Verifies a callback: the attempt must exist, belong to this session, be unexpired and unused; it is consumed,
    /// then the real state is read from the API.
    pub async fn verify_callback(
        &self,
        db: &Db,
        who: Option<&PortalSession>,
        attempt_id: &str,
        hint: StatusHint,
        now: DateTime<Utc>,
    ) -> Result<Verified, CallbackError> {
        let attempt = db.attempt(attempt_id).await.map_err(|e| {
            tracing::error!(error = %e, "reading a connect attempt failed");
            CallbackError::Internal
        })?;
        let Some(attempt) = attempt else { return Err(CallbackError::Unknown) };
        let Some(who) = who else { return Err(CallbackError::SignInRequired) };
        if attempt.session_binding != who.binding || attempt.user != who.user {
            return Err(CallbackError::OtherSession);
        }
        if attempt.consumed {
            return Err(CallbackError::Replayed);
        }
        if now >= attempt.expires_at {
            return Err(CallbackError::Expired);
        }
        match db.consume_attempt(&attempt.id, now).await {
            Ok(true) => {}
            Ok(false) => return Err(CallbackError::Replayed),
            Err(e) => {
                tracing::error!(error = %e, "consuming a connect attempt failed");
                return Err(CallbackError::Internal);
            }
        }
        let state = self.state(&attempt.integration, &attempt.user).await;
        let integration =
            self.integration(&attempt.integration).await.unwrap_or_else(|| placeholder(&attempt.integration));
        Ok(Verified { integration, hint, state })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_hints_are_parsed_robustly() {
        assert_eq!(StatusHint::from_raw_query(None), StatusHint::Missing);
        assert_eq!(StatusHint::from_raw_query(Some("status=success")), StatusHint::Success);
        assert_eq!(StatusHint::from_raw_query(Some("status=error")), StatusHint::Error);
        assert_eq!(StatusHint::from_raw_query(Some("a=1?status=success")), StatusHint::Success);
        assert_eq!(StatusHint::from_raw_query(Some("a=1&status=error")), StatusHint::Error);
        assert_eq!(StatusHint::from_raw_query(Some("status=weird")), StatusHint::Other);
        assert_eq!(StatusHint::from_raw_query(Some("status=")), StatusHint::Missing);
        assert_eq!(StatusHint::from_raw_query(Some("x=status")), StatusHint::Missing);
    }

    #[test]
    fn host_allow_list() {
        let l = HostAllowList::new(["api.toolregistry.ai".to_string(), "*.toolregistry.ai".into(), "localhost".into()]);
        assert!(l.allows("api.toolregistry.ai"));
        assert!(l.allows("auth.toolregistry.ai"));
        assert!(l.allows("LOCALHOST"));
        assert!(!l.allows("toolregistry.ai.evil.com"));
        assert!(!l.allows("eviltoolregistry.ai"));
        assert!(!l.allows("evil.com"));
    }
}
