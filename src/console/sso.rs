//! The console's single sign-on routes: `POST /admin/sso/start` (the sign-in page's button) sends the browser to
//! the issuer; `GET /admin/sso/callback` signs the admin (or viewer) in, or back to the sign-in page with the
//! reason (`/admin?sso=refused`, `issuer_down`, `cancelled`, ...). Server only.

use crate::domain::{EventDetail, EventKind, SsoProblem};
use crate::services::admin::AdminSession;
use crate::services::sso::{Callback, Pending};
use crate::state::AppState;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;

const PENDING_KEY: &str = "plugboard.sso_pending";

fn back(problem: SsoProblem) -> Response {
    Redirect::to(&format!("/admin?sso={}", problem.as_str())).into_response()
}

pub async fn start(State(state): State<AppState>, session: Session) -> Response {
    let Some(sso) = state.sso.as_ref() else {
        return (StatusCode::NOT_FOUND, "Single sign-on is not configured.").into_response();
    };
    match sso.start().await {
        Ok((url, pending)) => {
            if let Err(e) = session.insert(PENDING_KEY, pending).await {
                tracing::error!(error = %e, "single sign-on: the session store failed");
                return back(SsoProblem::Invalid);
            }
            Redirect::to(url.as_str()).into_response()
        }
        Err(problem) => back(problem),
    }
}

pub async fn callback(State(state): State<AppState>, session: Session, Query(query): Query<Callback>) -> Response {
    let Some(sso) = state.sso.as_ref() else {
        return (StatusCode::NOT_FOUND, "Single sign-on is not configured.").into_response();
    };
    // Taken out as it is read: a callback is answered once.
    let pending = session.remove::<Pending>(PENDING_KEY).await.ok().flatten();
    match sso.finish(pending, &query, &state.config.console.admins, &state.db).await {
        Ok(who) => {
            let admin = AdminSession {
                signed_in_at: chrono::Utc::now(),
                actor: who.email,
                role: who.role,
                oidc: Some((who.issuer, who.subject)),
            };
            if let Err(e) = crate::services::admin::sign_in(&session, state.config.server.admin_idle, admin.clone()).await {
                tracing::error!(error = %e, "single sign-on: the session store failed");
                return back(SsoProblem::Invalid);
            }
            let detail = EventDetail::Other(format!("single sign-on, as {}", admin.role.as_str()));
            super::ssr::record(&state, &admin, EventKind::AdminSignedIn, None, detail).await;
            Redirect::to("/admin").into_response()
        }
        Err(problem) => {
            tracing::info!(problem = problem.as_str(), "single sign-on refused");
            back(problem)
        }
    }
}
