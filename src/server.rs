//! Server wiring: application state, the router, start-up. Server only.

use crate::app::{shell, App, SiteInfo};
use crate::config::{Config, Upstream};
use crate::sandbox::{self, SandboxConfig, SandboxHandle};
use crate::upstream::{ClientOptions, ToolRegistry};
use axum::{extract::FromRef, Router};
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use secrecy::SecretString;
use std::sync::Arc;
use tokio::net::TcpListener;

/// Everything a request handler, a page or a server function needs; injected once.
#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub config: Arc<Config>,
    pub api: ToolRegistry,
    pub site: SiteInfo,
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
}

/// A started portal: its state and, on the sandbox, the sandbox it started.
pub struct Started {
    pub state: AppState,
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
            let key = uuid::Uuid::new_v4().simple().to_string();
            let integrations = match &s.fixtures {
                Some(path) => Some(load_fixtures(path).map_err(StartError::Sandbox)?),
                None => None,
            };
            let faults = sandbox::Faults {
                latency_ms: s.latency.as_millis() as u64,
                error_rate: s.error_rate,
                ..Default::default()
            };
            let handle = sandbox::spawn(listener, SandboxConfig { api_key: key.clone(), public_url: None, integrations, faults })
                .await
                .map_err(|e| StartError::Sandbox(e.to_string()))?;
            tracing::info!(
                sandbox = %handle.sandbox.public_url(),
                "no TR_API_KEY set: running on the embedded sandbox (no real accounts are connected)"
            );
            (ToolRegistry::new(handle.api_url.clone(), SecretString::from(key), opts)?, Some(handle))
        }
    };
    let site = SiteInfo { sandbox: config.is_sandbox() };
    Ok(Started { state: AppState { leptos_options, config: Arc::new(config), api, site }, sandbox })
}

/// Reads a fixtures file: a JSON array in exactly the list endpoint's shape.
pub fn load_fixtures(path: &std::path::Path) -> Result<Vec<crate::domain::Integration>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read fixtures file {}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("fixtures file {} is not a list of integrations: {e}", path.display()))
}

/// The portal's router.
pub fn router(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let site = state.site.clone();
    Router::new()
        .leptos_routes_with_context(
            &state,
            routes,
            move || provide_context(site.clone()),
            {
                let options = state.leptos_options.clone();
                move || shell(options.clone())
            },
        )
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
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
    let app = router(started.state);
    let listener = TcpListener::bind(addr).await.map_err(|source| StartError::Bind { addr, source })?;
    tracing::info!(%addr, public_url = %public, "plugboard is listening");
    axum::serve(listener, app).with_graceful_shutdown(shutdown_signal()).await.map_err(StartError::Serve)
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
