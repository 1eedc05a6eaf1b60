//! `GET /healthz` (the process answers; no I/O) and `GET /readyz` (whether this instance should get traffic): 503
//! naming the failing part when the database is unreachable or not migrated, or while draining after SIGTERM. The
//! API's trouble never makes an instance unready, not even a rejected key (every instance would drop out at once,
//! taking down the host API, the feed, erasure, the console and webhooks, which do not need the key): the body
//! reports it (`"upstream":"rejected"`), as do a metric and the console. The API's answer
//! comes from a probe cached for a few seconds, through the integration list's own cache (at most one call per
//! interval, however many probes ask).

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
