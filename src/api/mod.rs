//! The host-app API, for the host product's backend: mint portal links ([`links`]), read connection states and
//! the event log, and erase a user ([`reads`]). Authenticated with `Authorization: Bearer <PLUGBOARD_API_TOKEN>`;
//! answers JSON, errors included. Server only.

mod links;
mod reads;

pub use links::create_link;
pub use reads::{delete_user, events, user_connections};

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
}

impl ApiError {
    pub(crate) fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        ApiError { status, code, field: None, message: message.into() }
    }

    fn field(field: &'static str, message: impl Into<String>) -> Self {
        ApiError { status: StatusCode::BAD_REQUEST, code: "invalid_field", field: Some(field), message: message.into() }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut body = json!({ "error": self.code, "message": self.message });
        if let Some(f) = self.field {
            body["field"] = json!(f);
        }
        let mut resp = (self.status, Json(body)).into_response();
        resp.headers_mut().insert(header::CACHE_CONTROL, header::HeaderValue::from_static("no-store"));
        if self.status == StatusCode::UNAUTHORIZED {
            resp.headers_mut().insert(header::WWW_AUTHENTICATE, header::HeaderValue::from_static("Bearer"));
        }
        resp
    }
}

pub(crate) fn authorize(state: &AppState, headers: &HeaderMap) -> Result<(), ApiError> {
    let expected = &state.config.host_api.tokens;
    if expected.is_empty() {
        return Err(ApiError {
            status: StatusCode::NOT_FOUND,
            code: "api_disabled",
            field: None,
            message: "The host API is off. Set PLUGBOARD_API_TOKEN to turn it on.".into(),
        });
    }
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim);
    // Every configured token is compared (two during a rotation), by digest: neither content nor length leaks.
    let ok = given.is_some_and(|g| {
        expected.iter().fold(false, |ok, t| {
            ok | crate::platform::secrets::same_secret(g.as_bytes(), t.expose_secret().as_bytes())
        })
    });
    if ok {
        Ok(())
    } else {
        Err(ApiError {
            status: StatusCode::UNAUTHORIZED,
            code: "unauthorized",
            field: None,
            message: "Send Authorization: Bearer <PLUGBOARD_API_TOKEN>.".into(),
        })
    }
}

