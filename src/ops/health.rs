//! `GET /healthz` (the process answers; no I/O) and `GET /readyz` (whether this instance should get traffic): 503
//! naming the failing part when the database is unreachable or not migrated, when the API rejects our key, or while
//! draining after SIGTERM. An API that is merely down or slow does not make an instance unready (every instance
//! would drop out at once, and the last known list could not be served): the body reports it. The API's answer
//! comes from a probe cached for a few seconds, through the integration list's own cache (at most one call per
//! interval, however many probes ask).

use crate::services::readiness::Upstream;
use crate::state::AppState;
use axum::{
    extract::State,
    http::{header, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use serde_json::json;

pub async fn healthz() -> Response {
    (StatusCode::OK, [(header::CACHE_CONTROL, "no-store")], Json(json!({ "status": "ok" }))).into_response()
}

pub async fn readyz(State(state): State<AppState>) -> Response {
    let r = &state.readiness;
    let database = match state.db.migrated().await {
        Ok(true) => "ok",
        Ok(false) => "not_migrated",
        Err(_) => "unreachable",
    };
    let upstream = r.upstream(&state.catalog).await;
    let draining = r.is_draining();
    let failing: Vec<&str> = [
        (database != "ok").then_some("database"),
        (upstream == Upstream::KeyRejected).then_some("upstream"),
        draining.then_some("draining"),
    ]
    .into_iter()
    .flatten()
    .collect();
    let status = if failing.is_empty() { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE };
    let body = json!({
        "status": if failing.is_empty() { "ready" } else { "unready" },
        "failing": failing,
        "database": database,
        "upstream": upstream.as_str(),
        "draining": draining,
    });
    (status, [(header::CACHE_CONTROL, "no-store")], Json(body)).into_response()
}
