//! The application state every handler, page and server function reads: the configuration and the services, built
//! once at start ([`crate::server::Application::build`]) and injected into every request. Server only.

use crate::platform::{config::Config, db::Db};
use crate::services::{
    admin::SignInLimiter,
    catalog::Catalog,
    connect::Connector,
    connections::Connections,
    links::{LinkIssuer, RefusalLog},
    webhooks::Webhooks,
};
use crate::ui::SiteInfo;
use axum::extract::FromRef;
use leptos::prelude::*;
use std::sync::Arc;

/// Cheap to clone (one reference count): handlers, middleware and server functions take it many times per request.
#[derive(Clone)]
pub struct AppState(Arc<AppStateInner>);

impl std::ops::Deref for AppState {
    type Target = AppStateInner;
    fn deref(&self) -> &AppStateInner {
        &self.0
    }
}

impl AppState {
    pub fn new(inner: AppStateInner) -> Self {
        AppState(Arc::new(inner))
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

pub struct AppStateInner {
    pub leptos_options: LeptosOptions,
    pub config: Arc<Config>,
    pub db: Db,
    pub catalog: Catalog,
    pub connections: Connections,
    pub connector: Connector,
    pub links: LinkIssuer,
    /// What `/readyz` answers (draining after SIGTERM, the API probe).
    pub readiness: crate::services::readiness::Readiness,
    pub webhooks: Webhooks,
    pub site: SiteInfo,
    /// The host's brand as pages show it, and its files.
    pub brand: crate::ui::Brand,
    pub brand_assets: crate::platform::brand_assets::BrandAssets,
    /// The embedded sandbox's page origin (`http://localhost:<port>`), when running on it.
    pub sandbox_origin: Option<String>,
    pub admin_limiter: SignInLimiter,
    /// How many refused links per client reach the event log.
    pub link_refusals: RefusalLog,
    /// The host API's first answers per `Idempotency-Key`.
    pub idempotency: crate::services::idempotency::Idempotency,
    /// Webhook endpoints made in the console.
    pub endpoints: crate::services::webhook_endpoints::Endpoints,
    /// The console's single sign-on, when an issuer is configured.
    pub sso: Option<Arc<crate::services::sso::Sso>>,
}

impl AppState {
    /// The state, from inside a page or a server function.
    pub fn current() -> Result<Self, ServerFnError> {
        use_context::<AppState>().ok_or_else(|| ServerFnError::new("server state is not available"))
    }
}
