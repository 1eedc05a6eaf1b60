//! A faithful stand-in for the toolregistry Integration API, in the same binary, on its own listener.
//!
//! - `/v1/...`: the three endpoints of the spec, guarded by `x-api-key`, with injectable faults.
//! - `/authorize/{grant}`: the pages `authorizeUrl` leads to, one per auth type (see [`pages`]).
//! - `/logos/{slug}.svg`: the seed integrations' logos.
//! - `/_sandbox/...`: a control API for tests and demos (faults, revoking and seeding users), guarded by the key.

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
            .route("/v1/integrations", get(list_integrations))
            .route("/v1/integrations/{cid}/users/{uid}", get(get_user))
            .route("/v1/integrations/{cid}/users/{uid}/auth-url", post(create_auth_url))
            .route("/_sandbox/faults", put(put_faults).get(get_faults).delete(reset_faults))
            .route("/_sandbox/users", post(put_user))
            .route("/_sandbox/revoke", post(revoke_user))
            .route("/_sandbox/stats", get(get_stats))
            .route_layer(middleware::from_fn_with_state(self.clone(), require_key));
        Router::new()
            .merge(api)
            .route("/authorize/{grant}", get(pages::show).post(pages::submit))
            .route("/logos/{file}", get(logo))
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

// ---------- errors ----------

#[derive(Debug, thiserror::Error)]
enum ApiError {
    #[error("Unauthorized - invalid API key")]
    Unauthorized,
    #[error("{0}")]
    NotFound(&'static str),
    #[error("{0}")]
    BadRequest(String),
    #[error("Internal server error (injected fault)")]
    Injected,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = match self {
            ApiError::Unauthorized => StatusCode::UNAUTHORIZED,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::Injected => StatusCode::INTERNAL_SERVER_ERROR,
        };
        let body = serde_json::json!({ "statusCode": status.as_u16(), "message": self.to_string() });
        (status, Json(body)).into_response()
    }
}

// ---------- middleware: key and faults ----------

async fn require_key(
    State(sb): State<Sandbox>,
    headers: HeaderMap,
    req: axum::extract::Request,
    next: Next,
) -> Response {
    let given = headers.get("x-api-key").map(|v| v.as_bytes());
    if given != Some(sb.0.api_key.as_bytes()) {
        return ApiError::Unauthorized.into_response();
    }
    next.run(req).await
}

/// Applies the configured faults for `endpoint`. `Ok(Some(resp))` short-circuits with that response.
async fn faults(sb: &Sandbox, endpoint: Endpoint) -> Result<Option<Response>, ApiError> {
    sb.0.stats[endpoint as usize].fetch_add(1, Ordering::Relaxed);
    let f = sb.data().faults.clone();
    if !f.endpoints.is_empty() && !f.endpoints.contains(&endpoint) {
        return Ok(None);
    }
    if f.latency_ms > 0 {
        tokio::time::sleep(Duration::from_millis(f.latency_ms)).await;
    }
    if f.hang {
        tokio::time::sleep(Duration::from_secs(3600)).await;
    }
    if f.unauthorized {
        return Err(ApiError::Unauthorized);
    }
    if f.error_rate > 0.0 {
        let n = sb.0.calls.fetch_add(1, Ordering::Relaxed) as f64;
        if ((n + 1.0) * f.error_rate).floor() > (n * f.error_rate).floor() {
            return Err(ApiError::Injected);
        }
    }
    if f.malformed_json {
        let status = if endpoint == Endpoint::AuthUrl { StatusCode::CREATED } else { StatusCode::OK };
        return Ok(Some((status, [(header::CONTENT_TYPE, "application/json")], "{\"oops\": [1, 2,").into_response()));
    }
    Ok(None)
}

// ---------- the three endpoints ----------

#[derive(Deserialize)]
struct ListQuery {
    active: Option<String>,
}

async fn list_integrations(State(sb): State<Sandbox>, Query(q): Query<ListQuery>) -> Result<Response, ApiError> {
    let active = match q.active.as_deref() {
        None | Some("true") => true,
        Some("false") => false,
        Some(_) => return Err(ApiError::BadRequest("active must be a boolean".into())),
    };
    if let Some(resp) = faults(&sb, Endpoint::List).await? {
        return Ok(resp);
    }
    let list: Vec<Integration> = sb.data().integrations.iter().filter(|i| i.active == active).cloned().collect();
    Ok(Json(list).into_response())
}

async fn get_user(State(sb): State<Sandbox>, Path((cid, uid)): Path<(String, String)>) -> Result<Response, ApiError> {
    if let Some(resp) = faults(&sb, Endpoint::User).await? {
        return Ok(resp);
    }
    let data = sb.data();
    if !data.integrations.iter().any(|i| i.customer_integration_id.as_str() == cid) {
        return Err(ApiError::NotFound("Integration not found"));
    }
    match data.users.get(&(cid, uid)) {
        Some(user) => Ok(Json(user.clone()).into_response()),
        None => Err(ApiError::NotFound("User not found")),
    }
}

async fn create_auth_url(
    State(sb): State<Sandbox>,
    Path((cid, uid)): Path<(String, String)>,
    body: Result<Json<AuthUrlRequest>, JsonRejection>,
) -> Result<Response, ApiError> {
    let Json(body) = body.map_err(|e| ApiError::BadRequest(format!("invalid request body: {}", e.body_text())))?;
    let redirect_uri = match body.redirect_uri.as_deref() {
        None => None,
        Some(raw) => match Url::parse(raw) {
            Ok(u) if matches!(u.scheme(), "http" | "https") => Some(u),
            _ => return Err(ApiError::BadRequest("redirectUri must be an absolute http(s) URL".into())),
        },
    };
    let user_id = UserId::parse(uid.clone()).map_err(|e| ApiError::BadRequest(e.to_string()))?;
    if let Some(resp) = faults(&sb, Endpoint::AuthUrl).await? {
        return Ok(resp);
    }
    let mut data = sb.data();
    let Some(index) = data.integrations.iter().position(|i| i.customer_integration_id.as_str() == cid) else {
        return Err(ApiError::NotFound("Integration not found"));
    };
    let now = Utc::now();
    let key = (cid, uid);
    data.users.entry(key.clone()).or_insert_with(|| IntegrationUser {
        user_id,
        active: false,
        updated_at: now,
        created_at: now,
    });
    data.grants.retain(|_, g| g.expires > now);
    let grant_id = uuid::Uuid::new_v4().simple().to_string();
    data.grants.insert(
        grant_id.clone(),
        Grant {
            integration: index,
            user_key: key,
            redirect_uri,
            external_id: format!("tr-{}", &uuid::Uuid::new_v4().simple().to_string()[..12]),
            expires: now + GRANT_TTL,
        },
    );
    let mut url = sb.0.public_url.clone();
    if let Ok(mut segs) = url.path_segments_mut() {
        segs.pop_if_empty().extend(["authorize", &grant_id]);
    }
    Ok((StatusCode::CREATED, Json(AuthUrlResponse { authorize_url: url.to_string() })).into_response())
}

// ---------- control API ----------

async fn get_stats(State(sb): State<Sandbox>) -> Json<Stats> {
    Json(sb.stats())
}

async fn get_faults(State(sb): State<Sandbox>) -> Json<Faults> {
    Json(sb.data().faults.clone())
}

async fn put_faults(
    State(sb): State<Sandbox>,
    body: Result<Json<Faults>, JsonRejection>,
) -> Result<Json<Faults>, ApiError> {
    let Json(f) = body.map_err(|e| ApiError::BadRequest(e.body_text()))?;
    if !(0.0..=1.0).contains(&f.error_rate) {
        return Err(ApiError::BadRequest("errorRate must be between 0 and 1".into()));
    }
    sb.0.calls.store(0, Ordering::Relaxed);
    sb.data().faults = f.clone();
    Ok(Json(f))
}

async fn reset_faults(State(sb): State<Sandbox>) -> StatusCode {
    sb.data().faults = Faults::default();
    StatusCode::NO_CONTENT
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct UserRef {
    customer_integration_id: String,
    user_id: String,
    #[serde(default)]
    active: Option<bool>,
}

/// Creates or updates a user directly (seeding for tests and benchmarks).
async fn put_user(State(sb): State<Sandbox>, body: Result<Json<UserRef>, JsonRejection>) -> Result<Response, ApiError> {
    let Json(r) = body.map_err(|e| ApiError::BadRequest(e.body_text()))?;
    let user_id = UserId::parse(r.user_id.clone()).map_err(|e| ApiError::BadRequest(e.to_string()))?;
    let mut data = sb.data();
    if !data.integrations.iter().any(|i| i.customer_integration_id.as_str() == r.customer_integration_id) {
        return Err(ApiError::NotFound("Integration not found"));
    }
    let now = Utc::now();
    let user = data.users.entry((r.customer_integration_id, r.user_id)).or_insert_with(|| IntegrationUser {
        user_id,
        active: false,
        updated_at: now,
        created_at: now,
    });
    user.active = r.active.unwrap_or(true);
    user.updated_at = now;
    Ok(Json(user.clone()).into_response())
}

/// Revokes a user's connection: active -> false.
async fn revoke_user(
    State(sb): State<Sandbox>,
    body: Result<Json<UserRef>, JsonRejection>,
) -> Result<Response, ApiError> {
    let Json(r) = body.map_err(|e| ApiError::BadRequest(e.body_text()))?;
    let mut data = sb.data();
    match data.users.get_mut(&(r.customer_integration_id, r.user_id)) {
        Some(user) => {
            user.active = false;
            user.updated_at = Utc::now();
            Ok(Json(user.clone()).into_response())
        }
        None => Err(ApiError::NotFound("User not found")),
    }
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
