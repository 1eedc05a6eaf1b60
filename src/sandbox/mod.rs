//! A faithful stand-in for the toolregistry Integration API, in the same binary, on its own listener.
//!
//! - `/v1/...`: the three endpoints of the spec, guarded by `x-api-key`, with injectable faults.
//! - `/authorize/{grant}`: the pages `authorizeUrl` leads to, one per auth type (see [`pages`]).
//! - `/logos/{slug}.svg`: the seed integrations' logos.
//! - `/_sandbox/...`: a control API for tests and demos (faults, revoking and seeding users), guarded by the key;
//!   and the webhook inbox (`/_sandbox/webhooks`, see [`inbox`]), guarded by the webhook signature.
//!
//! This module holds the sandbox's state and start-up; [`api`] answers the API and the control API.

mod api;
pub mod inbox;
mod logos;
mod pages;
pub mod seed;

use crate::domain::{AuthType, AuthUrlRequest, AuthUrlResponse, Integration, IntegrationUser, UserId};
use axum::{
    extract::{rejection::JsonRejection, Path, Query, State},
    http::{header, HeaderMap, StatusCode},
    middleware::{self, Next},
    response::{IntoResponse, Response},
    routing::{get, post, put},
    Json, Router,
};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::{
    collections::HashMap,
    net::{Ipv6Addr, SocketAddr},
    sync::{
        atomic::{AtomicU64, Ordering},
        Arc, Mutex, MutexGuard,
    },
    time::Duration,
};
use tokio::net::TcpListener;
use url::Url;

/// How long an authorize link stays usable.
const GRANT_TTL: Duration = Duration::from_secs(30 * 60);

/// Faults applied to the `/v1` API (never to the authorize pages or the control API).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct Faults {
    /// Added latency per call, in milliseconds.
    pub latency_ms: u64,
    /// Share of calls answered with 500, 0.0..=1.0. Deterministic: exactly `rate` of every run of calls fails.
    pub error_rate: f64,
    /// Answer 401 as if the key were wrong.
    pub unauthorized: bool,
    /// Answer 200/201 with a body that is not JSON.
    pub malformed_json: bool,
    /// Never answer (the client must time out).
    pub hang: bool,
    /// Answer 429 with `Retry-After: <seconds>` (0: off).
    pub rate_limited: u64,
    /// Endpoints the faults apply to; empty means all.
    pub endpoints: Vec<Endpoint>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Endpoint {
    List,
    User,
    AuthUrl,
}

#[derive(Clone, Debug)]
pub struct SandboxConfig {
    pub api_key: String,
    /// Base URL of the sandbox's pages and logos as the browser sees it. `None`: `http://localhost:<port>`.
    pub public_url: Option<Url>,
    /// Integrations to serve instead of the seed.
    pub integrations: Option<Vec<Integration>>,
    pub faults: Faults,
}

struct Grant {
    integration: usize,
    user_key: (String, String),
    redirect_uri: Option<Url>,
    external_id: String,
    expires: DateTime<Utc>,
}

struct Data {
    integrations: Vec<Integration>,
    /// (customerIntegrationId, userId) -> user
    users: HashMap<(String, String), IntegrationUser>,
    grants: HashMap<String, Grant>,
    faults: Faults,
}

pub(crate) struct Inner {
    api_key: String,
    public_url: Url,
    data: Mutex<Data>,
    calls: AtomicU64,
    stats: [AtomicU64; 3],
    inbox: inbox::Inbox,
}

/// How many calls each endpoint has answered (for tests and benchmarks).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Stats {
    pub list: u64,
    pub user: u64,
    pub auth_url: u64,
}

/// The sandbox's shared state. Cheap to clone.
#[derive(Clone)]
pub struct Sandbox(Arc<Inner>);

impl Sandbox {
    pub fn new(config: SandboxConfig, public_url: Url) -> Self {
        let integrations = config.integrations.unwrap_or_else(|| seed::integrations(&public_url));
        Sandbox(Arc::new(Inner {
            api_key: config.api_key,
            public_url,
            data: Mutex::new(Data {
                integrations,
                users: HashMap::new(),
                grants: HashMap::new(),
                faults: config.faults,
            }),
            calls: AtomicU64::new(0),
            stats: Default::default(),
            inbox: Default::default(),
        }))
    }

    fn data(&self) -> MutexGuard<'_, Data> {
        // A panic while holding the lock cannot leave the maps half-updated in a way that matters for a sandbox.
        self.0.data.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn public_url(&self) -> &Url {
        &self.0.public_url
    }

    /// The key clients (and the control API) must send.
    pub fn api_key(&self) -> &str {
        &self.0.api_key
    }

    pub fn stats(&self) -> Stats {
        let get = |i: usize| self.0.stats[i].load(Ordering::Relaxed);
        Stats { list: get(0), user: get(1), auth_url: get(2) }
    }

    pub fn router(&self) -> Router {
        let api = Router::new()
            .route("/v1/integrations", get(api::list_integrations))
            .route("/v1/integrations/{cid}/users/{uid}", get(api::get_user))
            .route("/v1/integrations/{cid}/users/{uid}/auth-url", post(api::create_auth_url))
            .route("/_sandbox/faults", put(api::put_faults).get(api::get_faults).delete(api::reset_faults))
            .route("/_sandbox/users", post(api::put_user))
            .route("/_sandbox/revoke", post(api::revoke_user))
            .route("/_sandbox/stats", get(api::get_stats))
            .route_layer(middleware::from_fn_with_state(self.clone(), api::require_key));
        Router::new()
            .merge(api)
            .route("/authorize/{grant}", get(pages::show).post(pages::submit))
            .route("/logos/{file}", get(logo))
            .route("/_sandbox/webhooks", get(inbox::list).post(inbox::receive))
            .route("/", get(pages::home))
            .with_state(self.clone())
    }
}

/// Reads a fixtures file: a JSON array in exactly the list endpoint's shape.
pub fn load_fixtures(path: &std::path::Path) -> Result<Vec<Integration>, String> {
    let text =
        std::fs::read_to_string(path).map_err(|e| format!("cannot read fixtures file {}: {e}", path.display()))?;
    serde_json::from_str(&text)
        .map_err(|e| format!("fixtures file {} is not a list of integrations: {e}", path.display()))
}

/// A running sandbox.
pub struct SandboxHandle {
    pub sandbox: Sandbox,
    pub addr: SocketAddr,
    /// Base URL for API calls (loopback IP).
    pub api_url: Url,
    pub task: tokio::task::JoinHandle<()>,
}

/// Serves the sandbox on `listener` (and, for a loopback IPv4 listener, on `[::1]` at the same port when it is
/// free, so that `localhost` works whichever address the browser tries first).
pub async fn spawn(listener: TcpListener, config: SandboxConfig) -> std::io::Result<SandboxHandle> {
    let addr = listener.local_addr()?;
    let public_url = match &config.public_url {
        Some(u) => u.clone(),
        None => default_public_url(addr),
    };
    let sandbox = Sandbox::new(config, public_url);
    let app = sandbox.router();
    let v6 = if addr.ip().is_loopback() && addr.is_ipv4() {
        TcpListener::bind((Ipv6Addr::LOCALHOST, addr.port())).await.ok()
    } else {
        None
    };
    let app6 = app.clone();
    let task = tokio::spawn(async move {
        use axum::serve::ListenerExt;
        if let Some(v6) = v6 {
            tokio::spawn(async move {
                let _ = axum::serve(v6.tap_io(|tcp| drop(tcp.set_nodelay(true))), app6).await;
            });
        }
        if let Err(e) = axum::serve(listener.tap_io(|tcp| drop(tcp.set_nodelay(true))), app).await {
            tracing::error!(error = %e, "sandbox server stopped");
        }
    });
    let api_url = Url::parse(&format!("http://{addr}/")).map_err(std::io::Error::other)?;
    Ok(SandboxHandle { sandbox, addr, api_url, task })
}

/// Pages on `localhost` while the portal is on `127.0.0.1`: a different site, so a return from the authorize page
/// is a cross-site navigation, as in production.
pub fn default_public_url(addr: SocketAddr) -> Url {
    let text = if addr.ip().is_loopback() || addr.ip().is_unspecified() {
        format!("http://localhost:{}/", addr.port())
    } else {
        format!("http://{addr}/")
    };
    Url::parse(&text).unwrap_or_else(|_| unreachable!("a formatted socket address is a valid URL"))
}

// ---------- logos ----------

async fn logo(Path(file): Path<String>) -> Response {
    match file.strip_suffix(".svg").and_then(logos::svg) {
        Some(svg) => ([(header::CONTENT_TYPE, "image/svg+xml"), (header::CACHE_CONTROL, "public, max-age=86400")], svg)
            .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

// ---------- completing a grant (used by the pages) ----------

pub(crate) enum Outcome {
    Success,
    Error,
}

pub(crate) struct GrantView {
    pub integration: Integration,
    pub auth_type: AuthType,
    pub external_id: String,
}

impl Sandbox {
    pub(crate) fn grant(&self, id: &str) -> Option<GrantView> {
        let data = self.data();
        let g = data.grants.get(id).filter(|g| g.expires > Utc::now())?;
        let integration = data.integrations.get(g.integration)?.clone();
        let auth_type = integration.auth_type.clone().unwrap_or(AuthType::OAuth2);
        Some(GrantView { integration, auth_type, external_id: g.external_id.clone() })
    }

    /// Consumes the grant; on success the user becomes active. Returns where to send the browser, if anywhere.
    pub(crate) fn complete(&self, id: &str, outcome: Outcome) -> Option<Option<Url>> {
        let mut data = self.data();
        let g = data.grants.remove(id).filter(|g| g.expires > Utc::now())?;
        if let Outcome::Success = outcome {
            if let Some(user) = data.users.get_mut(&g.user_key) {
                user.active = true;
                user.updated_at = Utc::now();
            }
        }
        Some(g.redirect_uri.map(|mut u| {
            u.query_pairs_mut()
                .append_pair("status", if matches!(outcome, Outcome::Success) { "success" } else { "error" });
            u
        }))
    }
}
