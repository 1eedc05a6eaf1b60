//! What the server runs beside its routes: the pages' Content-Security-Policy, the cleanup tasks, the shutdown
//! signal.

use crate::platform::db::Sessions;
use crate::platform::http::RateLimits;
use crate::state::AppState;
use std::time::Duration;

/// The pages' Content-Security-Policy: scripts only from us (with Leptos' nonce) plus WebAssembly; logos from https
/// (and the sandbox); forms may only lead to us and to the authorize hosts (Chromium checks form redirects too).
pub(super) fn content_security_policy(state: &AppState) -> String {
    let mut form_action = vec!["'self'".to_owned()];
    let mut img_src = vec!["'self'".to_owned(), "data:".to_owned(), "https:".to_owned()];
    form_action.extend(state.connector.authorize_hosts().csp_sources());
    // The console's single sign-on: its form's answer redirects to the issuer.
    form_action.extend(state.sso.as_ref().map(|s| s.form_origins()).unwrap_or_default());
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

/// Each minute: connect attempts that expired unused are marked abandoned. Hourly: expired sessions, the retention
/// sweep, and rate-limit state of quiet clients.
pub(super) fn spawn_cleanup(state: &AppState, sessions: &Sessions, limits: RateLimits) -> tokio::task::JoinHandle<()> {
    use tower_sessions::session_store::ExpiredDeletion;
    let (sessions, db, refusals) = (sessions.clone(), state.db.clone(), state.link_refusals.clone());
    let retention = state.config.console.events_retention;
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(60));
        for minute in 0u64.. {
            tick.tick().await;
            crate::services::registry::best_effort("abandoned", async { db.abandon_expired(chrono::Utc::now()).await.map(|_| ()) }).await;
            if minute % 60 != 0 {
                continue;
            }
            if let Err(e) = sessions.delete_expired().await {
                tracing::warn!(error = %e, "deleting expired sessions failed");
            }
            match crate::services::retention::sweep(&db, chrono::Utc::now(), retention).await {
                Ok(swept) => tracing::info!(?swept, "retention sweep"),
                Err(e) => tracing::warn!(error = %e, "retention sweep failed"),
            }
            limits.forget_old();
            refusals.forget_old();
        }
    })
}

pub(super) async fn shutdown_signal() {
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
