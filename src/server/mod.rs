//! Starting plugboard: [`Application::build`] binds the listener, starts the embedded sandbox when there is no API
//! key, opens the database and builds the state and the router; [`Application::run_until`] starts the background
//! tasks and serves. `main` and the tests start it the same way. Server only.

mod support;

use crate::app::{shell, App};
use support::{content_security_policy, shutdown_signal, spawn_cleanup};
use crate::console::refresher::Refresher;
use crate::platform::config::{Config, HostAllowList, Upstream};
use crate::platform::db::{self, Sessions};
use crate::platform::http::{self, security_headers, Bounds, HtmlHeaders, Origin, RateLimits};
use crate::sandbox::{self, SandboxConfig, SandboxHandle};
use crate::services::webhooks::Webhooks;
use crate::services::{
    admin::SignInLimiter,
    catalog::Catalog,
    connect::Connector,
    connections::{Connections, Timing},
    links::LinkIssuer,
    sessions::IdleTimes,
};
use crate::state::AppState;
use crate::ui::{response::CspTemplate, SiteInfo};
use crate::upstream::{ClientOptions, ToolRegistry};
use axum::{middleware, Router};
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use secrecy::SecretString;
use std::{
    future::{Future, IntoFuture},
    net::SocketAddr,
    sync::Arc,
};
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
    #[error("single sign-on: {0}")]
    Sso(String),
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
            d.extend(sandbox.as_ref().and_then(|sb| sb.sandbox.public_url().host_str().map(|h| format!("http://{h}"))));
            HostAllowList::new(d)
        });
        let (db, sessions) = db::open_with(&config.database).await?;
        db.backfill_refs().await?;
        if db.ensure_rollup().await? {
            tracing::info!("the funnel's counts were taken from the event log");
        }
        let signer = crate::services::links::signer_for(&config.links, &db).await?;
        let db = db.with_erasure_keys(signer.erasure_keys());
        let catalog = Catalog::new(api.clone(), config.portal.list_ttl, config.portal.list_stale);
        let timing = Timing {
            fresh: config.portal.state_fresh,
            fallback: config.portal.state_fallback,
            card_deadline: config.portal.state_deadline,
            patient_deadline: config.upstream.timeout.max(config.portal.state_deadline),
        };
        let env_endpoints = webhook_endpoints(&config, sandbox.as_ref());
        let names = env_endpoints.iter().map(|e| e.name.clone()).collect();
        let connections = Connections::new(api.clone(), db.clone(), config.portal.state_concurrency, timing, names);
        let public_url = config.server.public_url.clone();
        let sandboxed = config.is_sandbox();
        let connector =
            Connector::new(api, catalog.clone(), connections.clone(), db.clone(), public_url.clone(), hosts, sandboxed);
        let db_for_limiter = db.clone();
        let answers = crate::platform::sealed::Sealer::with_keys(&signer.derived_keys("idempotent responses v1"));
        let idempotency = crate::services::idempotency::Idempotency::with_sealer(db.clone(), answers);
        let sealer = crate::platform::sealed::Sealer::with_keys(&signer.derived_keys("webhook endpoint secrets v1"));
        let endpoints = crate::services::webhook_endpoints::Endpoints::new(db.clone(), sealer);
        // After a rotation of PLUGBOARD_LINK_SECRET (the previous one still set), endpoint secrets are sealed again
        // under the new one, so they still open once the previous one is removed.
        match endpoints.reseal().await {
            Ok(0) => {}
            Ok(n) => tracing::info!(endpoints = n, "webhook endpoint secrets sealed again under the current link secret"),
            Err(e) => tracing::warn!(error = %e, "sealing endpoint secrets again failed; they still open with the previous secret"),
        }
        let links = LinkIssuer::new(signer, db.clone(), public_url);
        let webhooks = Webhooks::new(db.clone(), env_endpoints, config.webhooks.clone(), links.clone(), catalog.clone(), endpoints.clone());
        let (brand, brand_assets) = crate::platform::brand_assets::build(&config.brand);
        let sso = match config.console.oidc.clone() {
            Some(oidc) => {
                let sso = crate::services::sso::Sso::new(oidc, &config.server.public_url).map_err(StartError::Sso)?;
                sso.prefetch().await;
                Some(Arc::new(sso))
            }
            None => None,
        };
        let state = AppState::new(crate::state::AppStateInner {
            sso,
            brand,
            brand_assets,
            leptos_options,
            links,
            readiness: Default::default(),
            webhooks,
            site: SiteInfo {
                sandbox: config.is_sandbox(),
                app_name: config.server.app_name.clone(),
                app_named: config.brand.name.is_some(),
            },
            sandbox_origin: sandbox.as_ref().map(|sb| sb.sandbox.public_url().origin().ascii_serialization()),
            config: Arc::new(config),
            db,
            catalog,
            connections,
            connector,
            admin_limiter: SignInLimiter::new(db_for_limiter),
            link_refusals: Default::default(),
            idempotency,
            endpoints,
        });
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

    /// Starts the background tasks (retention, the refresher) and serves until `shutdown` completes; then stops
    /// accepting, gives in-flight requests `PLUGBOARD_SHUTDOWN_SECONDS` to finish, stops the refresher and writes
    /// the queued snapshots.
    pub async fn run_until(self, shutdown: impl Future<Output = ()> + Send + 'static) -> Result<(), StartError> {
        let Application { listener, state, sessions, sandbox: _sandbox, .. } = self;
        let c = &state.config.console;
        let limits = RateLimits::new(
            state.config.limits.client_ip_source(),
            state.config.limits.link_per_minute,
            state.config.limits.connect_per_minute,
            state.config.limits.api_per_minute,
        )
        .with_pages(error_pages(&state));
        let mut background = vec![spawn_cleanup(&state, &sessions, limits.clone())];
        if let Some(addr) = state.config.server.metrics_addr {
            let listener = TcpListener::bind(addr).await.map_err(|source| StartError::Bind { addr, source })?;
            match crate::ops::metrics::recorder() {
                Some(handle) => {
                    tracing::info!(addr = %listener.local_addr().unwrap_or(addr), "metrics at /metrics");
                    background.push(crate::ops::metrics::serve(listener, handle, state.db.clone()));
                }
                None => tracing::warn!("metrics are off: the recorder could not be installed"),
            }
        }
        let refresher = Refresher::new(
            state.catalog.clone(),
            state.connections.clone(),
            state.db.clone(),
            c.refresh_per_second,
            c.refresh_min_age,
        );
        let stepping_down = refresher.clone();
        background.extend(refresher.map(Refresher::spawn));
        background.push(state.webhooks.spawn_worker());
        let (grace, connections) = (state.config.server.shutdown_grace, state.connections.clone());
        let drain = state.config.server.drain;
        let readiness = state.readiness.clone();
        let app = router(state, sessions, limits);
        // Pages are streamed in many small writes: without TCP_NODELAY, Nagle's algorithm and the client's delayed ACK
        // add ~40 ms to a page on a reused connection.
        let listener = axum::serve::ListenerExt::tap_io(listener, |tcp| {
            let _ = tcp.set_nodelay(true);
        });
        let (stopping, stopped) = tokio::sync::oneshot::channel::<()>();
        // SIGTERM: first unready (503 on /readyz) while still serving, so the balancer's probe sees it and stops
        // sending traffic; then stop accepting and finish what is in flight.
        let signal = async move {
            shutdown.await;
            readiness.start_draining();
            tracing::info!(drain_secs = drain.as_secs(), "draining: /readyz answers 503, still serving");
            tokio::time::sleep(drain).await;
            let _ = stopping.send(());
        };
        let server = axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>())
            .with_graceful_shutdown(signal)
            .into_future();
        let mut server = tokio::spawn(server);
        let served = tokio::select! {
            done = &mut server => done,
            _ = stopped => {
                tracing::info!(grace_secs = grace.as_secs(), "shutting down: finishing in-flight requests");
                match tokio::time::timeout(grace, &mut server).await {
                    Ok(done) => done,
                    Err(_) => {
                        tracing::warn!("shutdown: requests still in flight after the grace period were cut off");
                        server.abort();
                        Ok(Ok(()))
                    }
                }
            }
        };
        for task in &background {
            task.abort();
        }
        for task in background {
            let _ = task.await; // a renewal on the wire lands before the lease is given up
        }
        if let Some(r) = stepping_down {
            r.step_down().await;
        }
        connections.flush().await;
        tracing::info!("stopped");
        match served {
            Ok(result) => result.map_err(StartError::Serve),
            Err(e) => Err(StartError::Serve(std::io::Error::other(e))),
        }
    }
}

/// Where webhooks go: `PLUGBOARD_WEBHOOK_URL`, or on the embedded sandbox its inbox, with a secret made for this run
/// and given to the inbox (so `make run` shows signed, verified webhooks with no setup).
fn webhook_endpoints(config: &Config, sandbox: Option<&SandboxHandle>) -> Vec<crate::platform::config::Endpoint> {
    if let Some(e) = &config.webhooks.endpoint {
        return vec![e.clone()];
    }
    let Some(sb) = sandbox else { return vec![] };
    let Ok(url) = sb.api_url.join("_sandbox/webhooks") else { return vec![] };
    let mut key = [0u8; 32];
    if getrandom::fill(&mut key).is_err() {
        return vec![];
    }
    let secret = secrecy::SecretSlice::from(key.to_vec());
    sb.sandbox.set_webhook_secrets(vec![secret.clone()]);
    vec![crate::platform::config::Endpoint { name: "default".into(), url, secrets: vec![secret] }]
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

/// The look and default language of the pages the HTTP layers answer themselves.
fn error_pages(state: &AppState) -> crate::platform::error_pages::ErrorPages {
    crate::platform::error_pages::ErrorPages {
        css: Arc::from(crate::platform::assets::css_href(&state.leptos_options)),
        theme: state.brand.0.stylesheet.as_deref().map(Arc::from),
        default: state.config.brand.default_lang,
    }
}

/// The portal's router, with sessions and every HTTP layer.
fn router(state: AppState, sessions: Sessions, limits: RateLimits) -> Router {
    // Generated once per process: while Leptos generates a route list it suppresses resource loading process-wide,
    // and a page rendering at that moment would never finish (leptos-rs/leptos#4773). Only tests build routers
    // while others serve, but they must not hang either.
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> = std::sync::OnceLock::new();
    let routes = ROUTES.get_or_init(|| generate_route_list(App)).clone();
    let site = state.site.clone();
    let brand = state.brand.clone();
    let csp = CspTemplate(content_security_policy(&state));
    let context = move || {
        provide_context(site.clone());
        provide_context(brand.clone());
        provide_context(csp.clone());
    };
    let config = &state.config;
    let pages = error_pages(&state);
    let origin = Origin(Arc::from(config.server.public_url.origin().ascii_serialization()), pages.clone());
    let idle = IdleTimes { user: config.server.session_idle, admin: config.server.admin_idle, db: state.db.clone() };
    let bounds = Bounds { max_body: config.limits.max_body_bytes, timeout: config.limits.request_timeout, pages: pages.clone() };
    let html = HtmlHeaders { hsts: config.server.public_url.scheme() == "https" };
    let session_layer = crate::services::sessions::session_layer(sessions, config.server.cookie_secure, config.server.session_idle);
    let mut app = Router::new()
        .route("/healthz", axum::routing::get(crate::ops::health::healthz))
        .route("/readyz", axum::routing::get(crate::ops::health::readyz))
        .route("/api/v1/openapi.json", axum::routing::get(crate::api::openapi_json))
        .route("/api/v1/links", axum::routing::post(crate::api::create_link))
        .route("/api/v1/users/{user_id}/connections", axum::routing::get(crate::api::user_connections))
        .route("/api/v1/users/{user_id}", axum::routing::delete(crate::api::delete_user))
        .route("/api/v1/events", axum::routing::get(crate::api::events))
        .route("/admin/export.csv", axum::routing::get(crate::console::export::export_csv))
        .route("/admin/funnel.csv", axum::routing::get(crate::console::funnel_report::funnel_csv))
        .route("/admin/sso/start", axum::routing::post(crate::console::sso::start))
        .route("/admin/sso/callback", axum::routing::get(crate::console::sso::callback))
        .route("/link/{token}", axum::routing::post(crate::portal::link::use_link))
        .route(
            "/brand/{file}",
            axum::routing::get(crate::platform::brand_assets::serve).with_state(state.brand_assets.clone()),
        )
        .leptos_routes_with_context(&state, routes, context.clone(), {
            let options = state.leptos_options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<AppState, _>(context, shell))
        // Inside out: what runs last is listed first.
        .layer(middleware::from_fn_with_state(state.clone(), crate::portal::callback::callback_status))
        .layer(middleware::from_fn_with_state(state.clone(), crate::portal::language::choose_language))
        .layer(middleware::from_fn_with_state(idle, crate::services::sessions::keep_alive))
        .layer(session_layer)
        .layer(middleware::from_fn_with_state(origin, http::same_origin_posts))
        .layer(middleware::from_fn_with_state(limits, http::rate_limit))
        .layer(middleware::from_fn_with_state(bounds, http::bounded))
        .layer(middleware::from_fn_with_state(html, http::html_headers))
        .layer(middleware::from_fn_with_state(pages, crate::platform::error_pages::in_words));
    for header in security_headers() {
        app = app.layer(header);
    }
    let trusted = http::TrustedProxies(Arc::new(config.limits.trusted_proxies.clone()));
    let request_id = axum::http::HeaderName::from_static(http::REQUEST_ID);
    let app = app.layer(middleware::from_fn(crate::platform::assets::cache_assets));
    let app = app.layer(tower_http::compression::CompressionLayer::new());
    // Request metrics only when they are served (labels cost allocations on every request).
    let app = if config.server.metrics_addr.is_some() { app.layer(middleware::from_fn(http::record_metrics)) } else { app };
    app.layer(
            tower_http::trace::TraceLayer::new_for_http()
                .make_span_with(http::request_span)
                .on_response(http::on_response),
        )
        // Outermost: an id for every request (a trusted proxy's kept), echoed on the response.
        .layer(tower_http::request_id::PropagateRequestIdLayer::new(request_id.clone()))
        .layer(tower_http::request_id::SetRequestIdLayer::new(request_id, tower_http::request_id::MakeRequestUuid))
        .layer(middleware::from_fn_with_state(trusted, http::request_id_trust))
        .with_state(state)
}

/// Runs the portal until Ctrl-C / SIGTERM.
pub async fn serve(config: Config) -> Result<(), StartError> {
    let mut conf = get_configuration(None).map_err(|e| StartError::Leptos(e.to_string()))?;
    // Built with hashed asset names (cargo-leptos `hash-files`): link the ones in the site, however it was started.
    crate::platform::assets::link_built_assets(&mut conf.leptos_options);
    let public = config.server.public_url.clone();
    let app = Application::build(config, conf.leptos_options).await?;
    tracing::info!(addr = %app.addr(), public_url = %public, "plugboard is listening");
    app.run_until(shutdown_signal()).await
}

