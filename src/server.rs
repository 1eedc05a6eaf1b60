//! Starting plugboard: [`Application::build`] binds the listener, starts the embedded sandbox when there is no API
//! key, opens the database and builds the state and the router; [`Application::run_until`] starts the background
//! tasks and serves. `main` and the tests start it the same way. Server only.

use crate::app::{shell, App};
use crate::console::refresher::Refresher;
use crate::platform::config::{Config, HostAllowList, Upstream};
use crate::platform::db::{self, Sessions};
use crate::platform::http::{same_origin_posts, security_headers, Origin};
use crate::sandbox::{self, SandboxConfig, SandboxHandle};
use crate::services::{
    catalog::Catalog, connect::Connector, connections::{Connections, ViewStates}, links::LinkIssuer,
};
use crate::state::AppState;
use crate::ui::{response::CspTemplate, SiteInfo};
use crate::upstream::{ClientOptions, ToolRegistry};
use axum::{middleware, Router};
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use secrecy::SecretString;
use std::{future::Future, net::SocketAddr, sync::Arc};
use tokio::net::TcpListener;

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("could not listen on {addr}: {source}")]
    Bind { addr: SocketAddr, source: std::io::Error },
    #[error("could not start the embedded sandbox: {0}")]
    Sandbox(String),
    #[error("could not create the API client: {0}")]
    Client(#[from] crate::upstream::UpstreamError),
    #[error("Leptos configuration: {0}")]
    Leptos(String),
    #[error("server error: {0}")]
    Serve(std::io::Error),
    #[error("{0}")]
    Db(#[from] crate::platform::db::DbError),
    #[error(transparent)]
    Links(#[from] crate::services::links::LinkSetupError),
}

/// A built portal, listening but not yet serving.
pub struct Application {
    listener: TcpListener,
    addr: SocketAddr,
    state: AppState,
    sessions: Sessions,
    sandbox: Option<SandboxHandle>,
}

impl Application {
    /// Builds everything. With port 0 a free port is taken, and a public URL derived from the address follows it.
    pub async fn build(mut config: Config, mut leptos_options: LeptosOptions) -> Result<Self, StartError> {
        let wanted = config.server.site_addr;
        let listener = TcpListener::bind(wanted).await.map_err(|source| StartError::Bind { addr: wanted, source })?;
        let addr = listener.local_addr().map_err(|source| StartError::Bind { addr: wanted, source })?;
        let derived = config.server.public_url.as_str().trim_end_matches('/') == format!("http://{wanted}");
        if wanted.port() == 0 && derived {
            if let Ok(url) = url::Url::parse(&format!("http://{addr}")) {
                config.server.public_url = url;
            }
        }
        config.server.site_addr = addr;
        leptos_options.site_addr = addr;
        let (api, sandbox) = upstream(&config).await?;
        let hosts = config.portal.authorize_hosts.clone().unwrap_or_else(|| {
            let mut d = vec!["*.toolregistry.ai".to_owned()];
            d.extend(api.base_url().host_str().map(str::to_owned));
            d.extend(sandbox.as_ref().and_then(|sb| sb.sandbox.public_url().host_str().map(str::to_owned)));
            HostAllowList::new(d)
        });
        let (db, sessions) = db::open(&config.database.url).await?;
        db.backfill_refs().await?;
        let signer = crate::services::links::signer_for(&config.links, &db).await?;
        let catalog = Catalog::new(api.clone(), config.portal.list_ttl);
        let connections =
            Connections::new(api.clone(), db.clone(), config.portal.state_concurrency, config.portal.state_deadline);
        let public_url = config.server.public_url.clone();
        let connector = Connector::new(api, catalog.clone(), connections.clone(), db.clone(), public_url.clone(), hosts);
        let state = AppState {
            leptos_options,
            links: LinkIssuer::new(signer, db.clone(), public_url),
            site: SiteInfo { sandbox: config.is_sandbox(), app_name: config.server.app_name.clone() },
            sandbox_origin: sandbox.as_ref().map(|sb| sb.sandbox.public_url().origin().ascii_serialization()),
            config: Arc::new(config),
            db,
            catalog,
            connections,
            connector,
            admin_limiter: Default::default(),
        };
        Ok(Application { listener, addr, state, sessions, sandbox })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// The embedded sandbox, taken out (tests drive it directly); it keeps running.
    pub fn take_sandbox(&mut self) -> Option<SandboxHandle> {
        self.sandbox.take()
    }

    /// Starts the background tasks (cleanup, the refresher) and serves until `shutdown` completes.
    pub async fn run_until(self, shutdown: impl Future<Output = ()> + Send + 'static) -> Result<(), StartError> {
        let Application { listener, state, sessions, sandbox: _sandbox, .. } = self;
        spawn_cleanup(&state, &sessions);
        let c = &state.config.console;
        if let Some(r) = Refresher::new(state.catalog.clone(), state.connections.clone(), state.db.clone(), c.refresh_per_second, c.refresh_min_age) {
            r.spawn();
        }
        let app = router(state, sessions);
        // Pages are streamed in many small writes: without TCP_NODELAY, Nagle's algorithm and the client's delayed ACK
        // add ~40 ms to a page on a reused connection.
        let listener = axum::serve::ListenerExt::tap_io(listener, |tcp| {
            let _ = tcp.set_nodelay(true);
        });
        axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>())
            .with_graceful_shutdown(shutdown)
            .await
            .map_err(StartError::Serve)
    }
}

/// The API client: the real API, or the embedded sandbox started on its own listener.
async fn upstream(config: &Config) -> Result<(ToolRegistry, Option<SandboxHandle>), StartError> {
    let opts = ClientOptions {
        connect_timeout: config.upstream.connect_timeout,
        timeout: config.upstream.timeout,
        ..ClientOptions::default()
    };
    match &config.upstream.api {
        Upstream::Remote { url, key } => Ok((ToolRegistry::new(url.clone(), key.clone(), opts)?, None)),
        Upstream::Sandbox(s) => {
            let addr = s.addr.unwrap_or_else(|| SocketAddr::from(([127, 0, 0, 1], 0)));
            let listener = TcpListener::bind(addr).await.map_err(|source| StartError::Bind { addr, source })?;
            let key = s.api_key.clone().unwrap_or_else(crate::platform::secrets::random_token);
            let integrations = match &s.fixtures {
                Some(path) => Some(sandbox::load_fixtures(path).map_err(StartError::Sandbox)?),
                None => None,
            };
            let faults =
                sandbox::Faults { latency_ms: s.latency.as_millis() as u64, error_rate: s.error_rate, ..Default::default() };
            let config = SandboxConfig { api_key: key.clone(), public_url: None, integrations, faults };
            let handle = sandbox::spawn(listener, config).await.map_err(|e| StartError::Sandbox(e.to_string()))?;
            tracing::info!(
                sandbox = %handle.sandbox.public_url(),
                "no TR_API_KEY set: running on the embedded sandbox (no real accounts are connected)"
            );
            Ok((ToolRegistry::new(handle.api_url.clone(), SecretString::from(key), opts)?, Some(handle)))
        }
    }
}

/// The portal's router, with sessions.
fn router(state: AppState, sessions: Sessions) -> Router {
    // Generated once per process: while Leptos generates a route list it suppresses resource loading process-wide,
    // and a page rendering at that moment would never finish (leptos-rs/leptos#4773). Only tests build routers
    // while others serve, but they must not hang either.
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> = std::sync::OnceLock::new();
    let routes = ROUTES.get_or_init(|| generate_route_list(App)).clone();
    let site = state.site.clone();
    let csp = CspTemplate(content_security_policy(&state));
    let origin = Origin(Arc::from(state.config.server.public_url.origin().ascii_serialization()));
    let mut app = Router::new()
        .route("/api/v1/links", axum::routing::post(crate::api::create_link))
        .route("/admin/export.csv", axum::routing::get(crate::console::export::export_csv))
        .leptos_routes_with_context(
            &state,
            routes,
            move || {
                provide_context(site.clone());
                provide_context(csp.clone());
                provide_context(ViewStates::default());
            },
            {
                let options = state.leptos_options.clone();
                move || shell(options.clone())
            },
        )
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .layer(middleware::from_fn_with_state(origin, same_origin_posts))
        .layer(crate::services::sessions::session_layer(sessions, state.config.server.cookie_secure));
    for header in security_headers() {
        app = app.layer(header);
    }
    app.layer(tower_http::compression::CompressionLayer::new())
        .layer(tower_http::trace::TraceLayer::new_for_http())
        .with_state(state)
}

/// Runs the portal until Ctrl-C / SIGTERM.
pub async fn serve(config: Config) -> Result<(), StartError> {
    let conf = get_configuration(None).map_err(|e| StartError::Leptos(e.to_string()))?;
    let public = config.server.public_url.clone();
    let app = Application::build(config, conf.leptos_options).await?;
    tracing::info!(addr = %app.addr(), public_url = %public, "plugboard is listening");
    app.run_until(shutdown_signal()).await
}

/// The pages' Content-Security-Policy: scripts only from us (with Leptos' nonce) plus WebAssembly; logos from https
/// (and the sandbox); forms may only lead to us and to the authorize hosts (Chromium checks form redirects too).
fn content_security_policy(state: &AppState) -> String {
    let mut form_action = vec!["'self'".to_owned()];
    let mut img_src = vec!["'self'".to_owned(), "data:".to_owned(), "https:".to_owned()];
    for host in state.connector.authorize_hosts().entries() {
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
fn spawn_cleanup(state: &AppState, sessions: &Sessions) {
    use tower_sessions::session_store::ExpiredDeletion;
    let (sessions, db, limiter) = (sessions.clone(), state.db.clone(), state.admin_limiter.clone());
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(3600));
        loop {
            tick.tick().await;
            if let Err(e) = sessions.delete_expired().await {
                tracing::warn!(error = %e, "deleting expired sessions failed");
            }
            let now = chrono::Utc::now();
            if let Err(e) = db.delete_expired_links(now).await {
                tracing::warn!(error = %e, "deleting expired links failed");
            }
            if let Err(e) = db.delete_expired_attempts(now).await {
                tracing::warn!(error = %e, "deleting expired attempts failed");
            }
            limiter.forget_old();
        }
    });
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
