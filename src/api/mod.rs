//! The host-app API, for the host product's backend: mint portal links ([`links`]), read connection states and
//! the event log, and erase a user ([`reads`]). Authenticated with `Authorization: Bearer <PLUGBOARD_API_TOKEN>`;
//! answers JSON, errors included. Server only.

mod idempotent;
mod links;
pub mod openapi;
mod reads;
mod schema;

pub use links::create_link;
pub use openapi::openapi_json;
pub use reads::{delete_user, events, user_connections};

use crate::domain::ApiScope;
use crate::state::AppState;
use axum::{
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use secrecy::ExposeSecret;
use serde_json::json;

/// An API error: a status, a stable code, the field at fault (if any) and a sentence for the developer.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    code: &'static str,
    field: Option<&'static str>,
    message: String,
    /// The scope a token lacks (403 `insufficient_scope`).
    scope: Option<ApiScope>,
}

impl ApiError {
    pub(crate) fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        ApiError { status, code, field: None, message: message.into(), scope: None }
    }

    fn field(field: &'static str, message: impl Into<String>) -> Self {
        ApiError { status: StatusCode::BAD_REQUEST, code: "invalid_field", field: Some(field), message: message.into(), scope: None }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut body = json!({ "error": self.code, "message": self.message });
        if let Some(f) = self.field {
            body["field"] = json!(f);
        }
        if let Some(s) = self.scope {
            body["scope"] = json!(s.as_str());
        }
        let mut resp = (self.status, Json(body)).into_response();
        resp.headers_mut().insert(header::CACHE_CONTROL, header::HeaderValue::from_static("no-store"));
        if self.status == StatusCode::UNAUTHORIZED {
            resp.headers_mut().insert(header::WWW_AUTHENTICATE, header::HeaderValue::from_static("Bearer"));
        }
        if let Some(s) = self.scope {
            let challenge = format!("Bearer error=\"insufficient_scope\", scope=\"{}\"", s.as_str());
            if let Ok(v) = header::HeaderValue::from_str(&challenge) {
                resp.headers_mut().insert(header::WWW_AUTHENTICATE, v);
            }
        }
        resp
    }
}

/// Who called: `env` for `PLUGBOARD_API_TOKEN` (every scope), else a console-made token's id. Idempotency keys are
/// kept per caller.
#[derive(Clone, Debug)]
pub(crate) struct Caller {
    pub id: String,
}

/// Checks the bearer token and that it carries `scope`: 401 without a known token, 403 naming the scope it lacks,
/// 404 `api_disabled` when no token exists at all.
pub(crate) async fn authorize(state: &AppState, headers: &HeaderMap, scope: ApiScope) -> Result<Caller, ApiError> {
    let expected = &state.config.host_api.tokens;
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim);
    // Every configured token is compared (two during a rotation), by digest: neither content nor length leaks.
    let env = given.is_some_and(|g| {
        expected.iter().fold(false, |ok, t| {
            ok | crate::platform::secrets::same_secret(g.as_bytes(), t.expose_secret().as_bytes())
        })
    });
    if env {
        return Ok(Caller { id: "env".into() });
    }
    let unavailable = |_| ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "unavailable", "Tokens could not be read; try again shortly.");
    if let Some(g) = given {
        if let Some(token) = state.db.api_token_for(g, chrono::Utc::now()).await.map_err(unavailable)? {
            if !token.scopes.contains(&scope) {
                return Err(ApiError {
                    status: StatusCode::FORBIDDEN,
                    code: "insufficient_scope",
                    field: None,
                    message: format!("This token lacks the scope {}. Make a token with it in the console.", scope.as_str()),
                    scope: Some(scope),
                });
            }
            return Ok(Caller { id: token.id });
        }
    }
    if expected.is_empty() && !state.db.any_api_token().await.map_err(unavailable)? {
        return Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "api_disabled",
            "The host API is off. Set PLUGBOARD_API_TOKEN, or make a token in the console, to turn it on.",
        ));
    }
    Err(ApiError::new(StatusCode::UNAUTHORIZED, "unauthorized", "Send Authorization: Bearer <token>."))
}
