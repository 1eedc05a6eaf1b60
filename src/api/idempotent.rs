//! `Idempotency-Key` for the host API's writes: the same key with the same request within 24 hours answers the first
//! answer again (`Idempotent-Replayed: true`); with another request, 422 naming the key; while the first still runs,
//! the second waits for it (up to 5 s), then 409.

use super::{ApiError, Caller};
use crate::domain::UserId;
use crate::services::idempotency::{valid_key, Claim};
use crate::state::AppState;
use axum::{
    body::Body,
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};
use std::future::Future;
use std::time::Duration;

pub const HEADER: &str = "idempotency-key";
/// How long a request waits for the first one under its key.
const WAIT: Duration = Duration::from_secs(5);
/// The largest answer kept (a link is well under 1 KB).
const MAX_KEPT: usize = 64 * 1024;

fn db_error(_: crate::platform::db::DbError) -> ApiError {
    ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "unavailable", "Idempotency keys could not be read; try again shortly.")
}

/// Runs `run` once per (caller, `Idempotency-Key`) for a request with `fingerprint`; without the header, just runs it.
/// A success is kept (sealed, tied to `user`); a failure gives the key up so the client may retry with it. The run
/// and the keeping of its answer go on when the client goes away, so a retry gets the answer instead of a key held
/// by nobody.
pub async fn idempotent<F, Fut>(
    state: &AppState,
    caller: &Caller,
    headers: &HeaderMap,
    fingerprint: &str,
    user: Option<&UserId>,
    run: F,
) -> Result<Response, ApiError>
where
    F: FnOnce() -> Fut + Send + 'static,
    Fut: Future<Output = Result<Response, ApiError>> + Send + 'static,
{
    let Some(raw) = headers.get(HEADER) else { return run().await };
    let key = raw.to_str().ok().filter(|k| valid_key(k)).ok_or_else(|| ApiError {
        status: StatusCode::BAD_REQUEST,
        code: "invalid_field",
        field: Some("Idempotency-Key"),
        message: "Idempotency-Key must be 1 to 255 visible ASCII characters.".into(),
        scope: None,
    })?;
    let keeper = state.idempotency.clone();
    let deadline = tokio::time::Instant::now() + WAIT;
    let now = chrono::Utc::now;
    let mut claim = keeper.claim(&caller.id, key, fingerprint, user, now()).await.map_err(db_error)?;
    loop {
        match claim {
            Claim::Fresh => break,
            Claim::Replay { status, body } => return Ok(replayed(status, body)),
            Claim::Mismatch => {
                return Err(ApiError {
                    status: StatusCode::UNPROCESSABLE_ENTITY,
                    code: "idempotency_key_reused",
                    field: Some("Idempotency-Key"),
                    message: "This Idempotency-Key was used for another request in the last 24 hours; use a new key.".into(),
                    scope: None,
                })
            }
            Claim::Running if tokio::time::Instant::now() >= deadline => {
                let mut resp = ApiError::new(
                    StatusCode::CONFLICT,
                    "idempotency_in_progress",
                    "A request with this Idempotency-Key is still running; retry shortly with the same key.",
                )
                .into_response();
                resp.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
                return Ok(resp);
            }
            Claim::Running => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                // Waiting reads only; it claims again only when the key is gone.
                claim = match keeper.peek(&caller.id, key, fingerprint).await.map_err(db_error)? {
                    Some(c) => c,
                    None => keeper.claim(&caller.id, key, fingerprint, user, now()).await.map_err(db_error)?,
                };
            }
        }
    }
    let (caller_id, key) = (caller.id.clone(), key.to_owned());
    let work = tokio::spawn(async move {
        match run().await {
            Ok(resp) if resp.status().is_success() => {
                let (parts, body) = resp.into_parts();
                let Ok(bytes) = axum::body::to_bytes(body, MAX_KEPT).await else {
                    let _ = keeper.release(&caller_id, &key).await;
                    return Err(ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", "The answer could not be kept."));
                };
                if let Err(e) = keeper.complete(&caller_id, &key, parts.status.as_u16(), &bytes).await {
                    // Not kept: given up, so that a retry runs rather than waiting on a key nobody holds.
                    tracing::error!(error = %e, "keeping an idempotent answer failed");
                    let _ = keeper.release(&caller_id, &key).await;
                }
                Ok(Response::from_parts(parts, Body::from(bytes)))
            }
            other => {
                if let Err(e) = keeper.release(&caller_id, &key).await {
                    tracing::warn!(error = %e, "giving up an idempotency key failed");
                }
                other
            }
        }
    });
    work.await.unwrap_or_else(|_| Err(ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", "The request failed.")))
}

fn replayed(status: u16, body: Vec<u8>) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
    let mut resp = (status, body).into_response();
    let h = resp.headers_mut();
    if !matches!(status, StatusCode::NO_CONTENT) {
        h.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert("idempotent-replayed", HeaderValue::from_static("true"));
    resp
}
