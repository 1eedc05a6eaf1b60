//! What the host's backend reads and erases: a user's connection states (from the snapshot, or live with
//! `?fresh=true`), the event log as a cursor feed, and `DELETE` of a user. Logs carry the route, never the user id.

use super::{authorize, ApiError};
use super::schema::{Connection, ConnectionState, Connections, EventsPage, FeedEvent};
use crate::domain::ApiScope;
use crate::domain::{ConnState, EventDetail, EventKind, ObservedBy, StateKey, UserId};
use crate::services::connections::Record;
use crate::services::registry::EventQuery;
use crate::state::AppState;
use axum::{
    extract::{Path, Query, State},
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use base64::{engine::general_purpose::URL_SAFE_NO_PAD as B64, Engine};

use std::collections::HashMap;

fn user_of(raw: String) -> Result<UserId, ApiError> {
    UserId::parse(raw).map_err(|e| ApiError::field("userId", format!("userId: {e}.")))
}

fn ok(body: impl serde::Serialize) -> Response {
    (StatusCode::OK, [(header::CACHE_CONTROL, "no-store")], Json(body)).into_response()
}

fn unavailable(what: &str) -> ApiError {
    ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "unavailable", format!("{what} could not be read; try again shortly."))
}

fn time(t: chrono::DateTime<chrono::Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// `GET /api/v1/users/{userId}/connections[?fresh=true]`.
#[utoipa::path(
    get,
    path = "/api/v1/users/{userId}/connections",
    operation_id = "getConnections",
    tag = "users",
    security(("bearer" = ["users:read"])),
    params(
        ("userId" = String, Path, description = "The host's id for the user, percent-encoded", example = "u_123"),
        ("fresh" = Option<bool>, Query, description = "Read each connection live first (bounded); default false"),
    ),
    responses(
        (status = 200, description = "One entry per active integration", body = super::schema::Connections),
        (status = 400, description = "A parameter that cannot be used, named", body = super::schema::ErrorBody),
        (status = 401, description = "No known token", body = super::schema::ErrorBody),
        (status = 403, description = "The token lacks users:read", body = super::schema::ErrorBody),
        (status = 404, description = "No such user (`unknown_user`), or the API is off", body = super::schema::ErrorBody,
            example = json!({"error": "unknown_user", "message": "No such user: mint a link for them first."})),
        (status = 503, description = "Something it needs could not be read; retry", body = super::schema::ErrorBody),
    )
)]
pub async fn user_connections(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(raw): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    authorize(&state, &headers, ApiScope::UsersRead).await?;
    let user = user_of(raw)?;
    let fresh = match q.get("fresh").map(String::as_str) {
        None | Some("false" | "0") => false,
        Some("true" | "1") => true,
        Some(_) => return Err(ApiError::field("fresh", "fresh must be true or false.")),
    };
    let known = state.db.user_info(&user).await.map_err(|_| unavailable("The registry"))?;
    if known.is_none() {
        return Err(ApiError::new(StatusCode::NOT_FOUND, "unknown_user", "No such user: mint a link for them first."));
    }
    let list = state.catalog.integrations().await.map_err(|_| unavailable("The integration list"))?;
    if fresh {
        // Live, within the shared concurrency bound and a card's deadline; each result recorded (and announced).
        let checks = list
            .iter()
            .map(|i| state.connections.check(&user, &i.customer_integration_id, Record::Now, ObservedBy::Api));
        futures::future::join_all(checks).await;
    }
    let snapshots = state.db.snapshots(&user).await.map_err(|_| unavailable("The registry"))?;
    let connections = list
        .iter()
        .map(|i| {
            let s = snapshots.iter().find(|s| s.integration == i.customer_integration_id);
            let state = s.map(|s| s.state.key()).unwrap_or(StateKey::Unknown);
            Connection {
                customer_integration_id: i.customer_integration_id.as_str().to_owned(),
                name: i.name.clone(),
                state: ConnectionState::of(state),
                updated_at: s.and_then(|s| s.state.since()).map(time),
                checked_at: s.filter(|s| s.state != ConnState::Unknown).map(|s| time(s.checked_at)),
            }
        })
        .collect();
    Ok(ok(Connections { user_id: user.as_str().to_owned(), connections }))
}

/// An opaque cursor: a feed position.
fn cursor(pos: i64) -> String {
    B64.encode(format!("v1:{pos}"))
}

fn position(raw: &str) -> Option<i64> {
    let text = String::from_utf8(B64.decode(raw).ok()?).ok()?;
    text.strip_prefix("v1:")?.parse().ok().filter(|p: &i64| *p >= 0)
}

/// `GET /api/v1/events?after=<cursor>&limit=<n>&userId=<id>&kind=<kind>`: events in the order they were recorded,
/// `nextCursor` to resume from (the same cursor when nothing new arrived). Never skips one: positions become
/// visible in order (see `registry::events`).
#[utoipa::path(
    get,
    path = "/api/v1/events",
    operation_id = "listEvents",
    tag = "events",
    security(("bearer" = ["events:read"])),
    params(
        ("after" = Option<String>, Query, description = "A cursor from `nextCursor` (or an event's `cursor`); from the start when absent"),
        ("limit" = Option<i64>, Query, minimum = 1, maximum = 1000, description = "At most this many events; default 100"),
        ("userId" = Option<String>, Query, description = "Only this user's events"),
        ("kind" = Option<String>, Query, description = "Only events of this kind", example = "connection.created"),
    ),
    responses(
        (status = 200, description = "Events in the order they were recorded", body = super::schema::EventsPage),
        (status = 400, description = "A parameter that cannot be used, named", body = super::schema::ErrorBody),
        (status = 401, description = "No known token", body = super::schema::ErrorBody),
        (status = 403, description = "The token lacks events:read", body = super::schema::ErrorBody),
        (status = 404, description = "The API is off", body = super::schema::ErrorBody),
        (status = 503, description = "The log could not be read; retry", body = super::schema::ErrorBody),
    )
)]
pub async fn events(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    authorize(&state, &headers, ApiScope::EventsRead).await?;
    if let Some(unknown) = q.keys().find(|k| !matches!(k.as_str(), "after" | "limit" | "userId" | "kind")) {
        return Err(ApiError::new(StatusCode::BAD_REQUEST, "unknown_field", format!("Unknown parameter {unknown:?}.")));
    }
    let after = match q.get("after") {
        None => 0,
        Some(raw) => position(raw).ok_or_else(|| ApiError::field("after", "after must be a cursor from nextCursor."))?,
    };
    let limit = match q.get("limit") {
        None => 100,
        Some(raw) => raw
            .parse::<i64>()
            .ok()
            .filter(|n| (1..=1000).contains(n))
            .ok_or_else(|| ApiError::field("limit", "limit must be a whole number from 1 to 1000."))?,
    };
    let user = q.get("userId").cloned().map(user_of).transpose()?;
    let kind = match q.get("kind") {
        None => None,
        Some(raw) => Some(EventKind::parse(raw).ok_or_else(|| ApiError::field("kind", "kind is not an event kind."))?),
    };
    let filter = EventQuery { user: user.as_ref(), integration: None, kind, actor: None };
    let rows = state.db.event_feed(&filter, after, limit).await.map_err(|_| unavailable("The event log"))?;
    let next = rows.last().map_or(after, |(pos, _)| *pos);
    let events = rows
        .into_iter()
        .map(|(pos, e)| {
            let change = match e.detail {
                EventDetail::Change { seq, previous, state, by } => Some((seq, previous, state, by)),
                _ => None,
            };
            FeedEvent {
                cursor: cursor(pos),
                kind: e.kind.as_str().to_owned(),
                at: time(e.at),
                user_id: e.user.as_ref().map(|u| u.as_str().to_owned()),
                customer_integration_id: e.integration.as_ref().map(|i| i.as_str().to_owned()),
                detail: e.detail.words(),
                sequence: change.map(|c| c.0),
                previous_state: change.map(|c| ConnectionState::of(c.1)),
                state: change.map(|c| ConnectionState::of(c.2)),
                observed_by: change.map(|c| c.3.as_str().to_owned()),
                id: e.id,
            }
        })
        .collect();
    Ok(ok(EventsPage { events, next_cursor: cursor(next) }))
}

/// `DELETE /api/v1/users/{userId}`: erases the user (see `Db::erase_user`); 204 whether or not they were known.
#[utoipa::path(
    delete,
    path = "/api/v1/users/{userId}",
    operation_id = "eraseUser",
    tag = "users",
    security(("bearer" = ["users:delete"])),
    params(
        ("userId" = String, Path, description = "The host's id for the user, percent-encoded", example = "u_123"),
        super::openapi::IdempotencyKey,
    ),
    responses(
        (status = 204, description = "Erased (also when the user was not known)"),
        (status = 400, description = "A user id that cannot be one", body = super::schema::ErrorBody),
        (status = 401, description = "No known token", body = super::schema::ErrorBody),
        (status = 403, description = "The token lacks users:delete", body = super::schema::ErrorBody,
            example = json!({"error": "insufficient_scope", "scope": "users:delete", "message": "This token lacks the scope users:delete. Make a token with it in the console."})),
        (status = 404, description = "The API is off", body = super::schema::ErrorBody),
        (status = 409, description = "The first request with this Idempotency-Key is still running", body = super::schema::ErrorBody),
        (status = 422, description = "This Idempotency-Key was used for another request", body = super::schema::ErrorBody),
        (status = 503, description = "The registry could not be written; retry", body = super::schema::ErrorBody),
    )
)]
pub async fn delete_user(State(state): State<AppState>, headers: HeaderMap, Path(raw): Path<String>) -> Result<Response, ApiError> {
    let caller = authorize(&state, &headers, ApiScope::UsersDelete).await?;
    let user = user_of(raw)?;
    let fingerprint = crate::services::idempotency::fingerprint("DELETE", &format!("/api/v1/users/{}", user.as_str()), None);
    // The kept answer is not tied to the user: erasing them must not forget that they were erased.
    let st = state.clone();
    super::idempotent::idempotent(&state, &caller, &headers, &fingerprint, None, move || async move {
        let (state, now) = (st, chrono::Utc::now());
        // One transaction: the erasure, the user's sessions and the `user_erased` event.
        state.db.erase_user(&user, now).await.map_err(|_| unavailable("The registry"))?;
        tracing::info!("a user was erased through the host API");
        Ok(StatusCode::NO_CONTENT.into_response())
    })
    .await
}
