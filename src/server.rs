//! Server wiring: application state, the router, start-up. Server only.

use crate::app::{shell, App, SiteInfo};
use crate::config::{Config, Upstream};
use crate::db::{self, Db, Sessions};
use crate::links::LinkSigner;
use crate::portal::{HostAllowList, Portal, PortalOptions};
use crate::sandbox::{self, SandboxConfig, SandboxHandle};
use crate::upstream::{ClientOptions, ToolRegistry};
use axum::{extract::FromRef, Router};
use axum::{
    extract::{Request, State},
    http::{header, HeaderName, HeaderValue, Method, StatusCode},
    middleware::{self, Next},
    response::{IntoResponse, Response},
};
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use secrecy::ExposeSecret;
use secrecy::SecretString;
use std::sync::Arc;
use tokio::net::TcpListener;
use tower_http::set_header::SetResponseHeaderLayer;

/// Everything a request handler, a page or a server function needs; injected once.
#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub config: Arc<Config>,
    pub api: ToolRegistry,
    pub portal: Portal,
    pub db: Db,
    pub links: LinkSigner,
    pub site: SiteInfo,
    /// The embedded sandbox's page origin (`http://localhost:<port>`), when running on it.
    pub sandbox_origin: Option<String>,
    pub admin_limiter: crate::admin::SignInLimiter,
    pub snapshots: crate::registry::SnapshotWriter,
}

impl AppState {
    /// The state, from inside a page or a server function.
    pub fn current() -> Result<Self, ServerFnError> {
        use_context::<AppState>().ok_or_else(|| ServerFnError::new("server state is not available"))
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("could not listen on {addr}: {source}")]
    Bind { addr: std::net::SocketAddr, source: std::io::Error },
    #[error("could not start the embedded sandbox: {0}")]
    Sandbox(String),
    #[error("could not create the API client: {0}")]
    Client(#[from] crate::upstream::UpstreamError),
    #[error("Leptos configuration: {0}")]
    Leptos(String),
    #[error("server error: {0}")]
    Serve(std::io::Error),
    #[error("{0}")]
    Db(#[from] crate::db::DbError),
    #[error("PLUGBOARD_LINK_SECRET: {0}")]
    LinkSecret(#[from] crate::links::SignerError),
}

/// A started portal: its state and, on the sandbox, the sandbox it started.
pub struct Started {
    pub state: AppState,
    pub sessions: Sessions,
    pub sandbox: Option<SandboxHandle>,
}

/// Builds the state, starting the embedded sandbox when there is no API key.
pub async fn prepare(config: Config, leptos_options: LeptosOptions) -> Result<Started, StartError> {
    let opts = ClientOptions {
        connect_timeout: config.upstream_connect_timeout,
        timeout: config.upstream_timeout,
        ..ClientOptions::default()
    };
    let (api, sandbox) = match &config.upstream {
        Upstream::Remote { url, key } => (ToolRegistry::new(url.clone(), key.clone(), opts)?, None),
        Upstream::Sandbox(s) => {
            let addr = s.addr.unwrap_or_else(|| std::net::SocketAddr::from(([127, 0, 0, 1], 0)));
            let listener = TcpListener::bind(addr).await.map_err(|source| StartError::Bind { addr, source })?;
            let key = s.api_key.clone().unwrap_or_else(crate::secrets::random_token);
            let integrations = match &s.fixtures {
                Some(path) => Some(sandbox::load_fixtures(path).map_err(StartError::Sandbox)?),
                None => None,
            };
            let faults = sandbox::Faults {
                latency_ms: s.latency.as_millis() as u64,
                error_rate: s.error_rate,
                ..Default::default()
            };
            let handle = sandbox::spawn(
                listener,
                SandboxConfig { api_key: key.clone(), public_url: None, integrations, faults },
            )
            .await
            .map_err(|e| StartError::Sandbox(e.to_string()))?;
            tracing::info!(
                sandbox = %handle.sandbox.public_url(),
                "no TR_API_KEY set: running on the embedded sandbox (no real accounts are connected)"
            );
            (ToolRegistry::new(handle.api_url.clone(), SecretString::from(key), opts)?, Some(handle))
        }
    };
    let hosts = match &config.authorize_hosts {
        Some(list) => list.clone(),
        None => {
            let mut d = vec!["*.toolregistry.ai".to_owned()];
            d.extend(api.base_url().host_str().map(str::to_owned));
            d.extend(sandbox.as_ref().and_then(|sb| sb.sandbox.public_url().host_str().map(str::to_owned)));
            d
        }
    };
    let portal = Portal::new(
        api.clone(),
        PortalOptions {
            public_url: config.public_url.clone(),
            authorize_hosts: HostAllowList::new(hosts),
            list_ttl: config.list_ttl,
            state_concurrency: config.state_concurrency,
            state_deadline: config.state_deadline,
        },
    );
    let (db, sessions) = db::open(&config.database_url).await?;
    db.backfill_refs().await?;
    let links = link_signer(&config, &db).await?;
    let site = SiteInfo { sandbox: config.is_sandbox(), app_name: config.app_name.clone() };
    let sandbox_origin = sandbox.as_ref().map(|sb| sb.sandbox.public_url().origin().ascii_serialization());
    let state = AppState {
        leptos_options,
        config: Arc::new(config),
        api,
        portal,
        db: db.clone(),
        links,
        site,
        sandbox_origin,
        admin_limiter: Default::default(),
        snapshots: crate::registry::SnapshotWriter::spawn(db.clone()),
    };
    Ok(Started { state, sessions, sandbox })
}

/// The link signer: `PLUGBOARD_LINK_SECRET`, or on the sandbox a development secret generated once and kept in the
/// database (so `plugboard link` and the running server agree, and links survive a restart).
pub async fn link_signer(config: &Config, db: &Db) -> Result<LinkSigner, StartError> {
    match &config.link_secret {
        Some(secret) => Ok(LinkSigner::new(secret.expose_secret().as_bytes())?),
        None => {
            let secret = db.setting_or_insert("dev_link_secret", crate::secrets::random_token).await?;
            tracing::info!("no PLUGBOARD_LINK_SECRET set: signing portal links with the sandbox's development secret");
            Ok(LinkSigner::new(secret.as_bytes())?)
        }
    }
}

/// The portal's router, with sessions.
pub fn router(state: AppState, sessions: Sessions) -> Router {
    // Generated once per process: while Leptos generates a route list it suppresses resource loading process-wide,
    // and a page rendering at that moment would never finish (leptos-rs/leptos#4773). Only tests build routers
    // while others serve, but they must not hang either.
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> = std::sync::OnceLock::new();
    let routes = ROUTES.get_or_init(|| generate_route_list(App)).clone();
    let site = state.site.clone();
    let secure = state.config.cookie_secure;
    let csp = crate::response::CspTemplate(content_security_policy(&state));
    Router::new()
        .route("/api/v1/links", axum::routing::post(crate::host_api::create_link))
        .route("/admin/export.csv", axum::routing::get(crate::export::export_csv))
        .leptos_routes_with_context(
            &state,
            routes,
            move || {
                provide_context(site.clone());
                provide_context(csp.clone());
                provide_context(crate::portal::ViewStates::default());
            },
            {
                let options = state.leptos_options.clone();
                move || shell(options.clone())
            },
        )
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .layer(middleware::from_fn_with_state(state.clone(), same_origin_posts))
        .layer(crate::identity::session_layer(sessions, secure))
        // The link token and attempt ids live in paths: no Referer ever leaves.
        .layer(default_header("referrer-policy", "no-referrer"))
        .layer(default_header("x-content-type-options", "nosniff"))
        .layer(default_header("x-frame-options", "DENY"))
        .layer(default_header("cross-origin-opener-policy", "same-origin"))
        .layer(tower_http::compression::CompressionLayer::new())
        .layer(tower_http::trace::TraceLayer::new_for_http())
        .with_state(state)
}

/// Runs the portal until Ctrl-C / SIGTERM.
pub async fn serve(config: Config) -> Result<(), StartError> {
    let conf = get_configuration(None).map_err(|e| StartError::Leptos(e.to_string()))?;
    let mut leptos_options = conf.leptos_options;
    leptos_options.site_addr = config.site_addr;
    let addr = config.site_addr;
    let public = config.public_url.clone();
    let started = prepare(config, leptos_options).await?;
    spawn_cleanup(&started);
    let s = &started.state;
    if let Some(r) = crate::refresher::Refresher::new(
        s.portal.clone(),
        s.db.clone(),
        s.config.refresh_per_second,
        s.config.refresh_min_age,
    ) {
        r.spawn();
    }
    let app = router(started.state, started.sessions);
    let listener = TcpListener::bind(addr).await.map_err(|source| StartError::Bind { addr, source })?;
    tracing::info!(%addr, public_url = %public, "plugboard is listening");
    // Pages are streamed in many small writes: without TCP_NODELAY, Nagle's algorithm and the client's delayed ACK
    // add ~40 ms to a page on a reused connection.
    let listener = axum::serve::ListenerExt::tap_io(listener, |tcp| {
        let _ = tcp.set_nodelay(true);
    });
    axum::serve(listener, app.into_make_service_with_connect_info::<std::net::SocketAddr>())
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(StartError::Serve)
}

/// A header every response carries unless the handler set it.
fn default_header(name: &'static str, value: &'static str) -> SetResponseHeaderLayer<HeaderValue> {
    SetResponseHeaderLayer::if_not_present(HeaderName::from_static(name), HeaderValue::from_static(value))
}

/// The pages' Content-Security-Policy: scripts only from us (with Leptos' nonce) plus WebAssembly; logos from https
/// (and the sandbox); forms may only lead to us and to the authorize hosts (Chromium checks form redirects too).
fn content_security_policy(state: &AppState) -> String {
    let mut form_action = vec!["'self'".to_owned()];
    let mut img_src = vec!["'self'".to_owned(), "data:".to_owned(), "https:".to_owned()];
    for host in state.portal.options().authorize_hosts.entries() {
        form_action.push(format!("https://{host}"));
    }
    if let Some(origin) = state.sandbox_origin.as_deref() {
        form_action.push(origin.to_owned());
        img_src.push(origin.to_owned());
    }
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{{nonce}}' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src {}; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; \
         frame-ancestors 'none'; form-action {}",
        img_src.join(" "),
        form_action.join(" ")
    )
}

/// Deletes expired sessions, used links and attempts, hourly.
fn spawn_cleanup(started: &Started) {
    use tower_sessions::session_store::ExpiredDeletion;
    let sessions = started.sessions.clone();
    let db = started.state.db.clone();
    let limiter = started.state.admin_limiter.clone();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(3600));
        loop {
            tick.tick().await;
            if let Err(e) = sessions.delete_expired().await {
                tracing::warn!(error = %e, "deleting expired sessions failed");
            }
            if let Err(e) = db.delete_expired(chrono::Utc::now()).await {
                tracing::warn!(error = %e, "deleting expired links and attempts failed");
            }
            limiter.forget_old();
        }
    });
}

/// Refuses cross-site state-changing requests (Leptos server functions do not check this themselves): a browser
/// marks them with `Sec-Fetch-Site`, or failing that with an `Origin` that is not ours.
async fn same_origin_posts(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(req).await;
    }
    let headers = req.headers();
    let site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
    let allowed = match site {
        Some(s) => matches!(s, "same-origin" | "none"),
        None => match headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
            Some(origin) => origin == state.config.public_url.origin().ascii_serialization(),
            None => true, // not a browser form or fetch: no ambient cookies to abuse
        },
    };
    if allowed {
        next.run(req).await
    } else {
        tracing::warn!(path = %req.uri().path(), sec_fetch_site = ?site, "refused a cross-site request");
        (
            StatusCode::FORBIDDEN,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "This request came from another site and was refused. Open the portal directly and try again.",
        )
            .into_response()
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}
