//! The host-app API: `POST /api/v1/links` mints a one-time portal link for one of the host product's users.
//! Authenticated with `Authorization: Bearer <PLUGBOARD_API_TOKEN>`; answers JSON, errors included. Server only.

use crate::domain::{Actor, UserId};
use crate::platform::config::HostAllowList;
use crate::state::AppState;
use axum::{
    body::Bytes,
    extract::State,
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use secrecy::ExposeSecret;
use serde_json::{json, Value};
use url::Url;

/// An API error: a status, a stable code, the field at fault (if any) and a sentence for the developer.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    code: &'static str,
    field: Option<&'static str>,
    message: String,
}

impl ApiError {
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

fn authorize(state: &AppState, headers: &HeaderMap) -> Result<(), ApiError> {
    let expected = &state.config.host_api.tokens;
    if expected.is_empty() {
        return Err(ApiError {
            status: StatusCode::NOT_FOUND,
            code: "api_disabled",
            field: None,
            message: "The link API is off. Set PLUGBOARD_API_TOKEN to turn it on.".into(),
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

/// `POST /api/v1/links` with `{ "userId": "...", "ttlSeconds": 900, "returnUrl": "https://app.example/settings" }`
/// answers 201 `{ "url": "...", "expiresAt": "..." }`.
pub async fn create_link(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Result<Response, ApiError> {
    authorize(&state, &headers)?;
    let body: Value = serde_json::from_slice(&body).map_err(|e| ApiError {
        status: StatusCode::BAD_REQUEST,
        code: "invalid_json",
        field: None,
        message: format!("The body is not JSON: {e}"),
    })?;
    let Some(obj) = body.as_object() else {
        return Err(ApiError {
            status: StatusCode::BAD_REQUEST,
            code: "invalid_json",
            field: None,
            message: "The body must be a JSON object.".into(),
        });
    };
    if let Some(unknown) = obj.keys().find(|k| !matches!(k.as_str(), "userId" | "ttlSeconds" | "returnUrl")) {
        return Err(ApiError {
            status: StatusCode::BAD_REQUEST,
            code: "unknown_field",
            field: None,
            message: format!("Unknown field {unknown:?}; expected userId, ttlSeconds, returnUrl."),
        });
    }
    let user = match obj.get("userId") {
        Some(Value::String(s)) => {
            UserId::parse(s.clone()).map_err(|e| ApiError::field("userId", format!("userId: {e}.")))?
        }
        Some(_) => return Err(ApiError::field("userId", "userId must be a string.")),
        None => return Err(ApiError::field("userId", "userId is required.")),
    };
    let max = crate::services::links::MAX_TTL.num_seconds();
    let ttl = match obj.get("ttlSeconds") {
        None | Some(Value::Null) => {
            chrono::Duration::from_std(state.config.links.ttl).unwrap_or(crate::services::links::DEFAULT_TTL)
        }
        Some(v) => match v.as_i64() {
            Some(n) if (1..=max).contains(&n) => chrono::Duration::seconds(n),
            _ => {
                return Err(ApiError::field(
                    "ttlSeconds",
                    format!("ttlSeconds must be a whole number from 1 to {max}."),
                ))
            }
        },
    };
    let return_url = match obj.get("returnUrl") {
        None | Some(Value::Null) => None,
        Some(Value::String(raw)) => {
            Some(check_return_url(raw, &state.config.links.return_hosts)?)
        }
        Some(_) => return Err(ApiError::field("returnUrl", "returnUrl must be a string.")),
    };
    let issued = state
        .links
        .issue(&user, ttl, return_url.as_ref(), Actor::Api)
        .await
        .map_err(|e| ApiError::field("ttlSeconds", e.to_string()))?;
    tracing::info!(ttl_seconds = ttl.num_seconds(), "portal link minted through the API");
    let expires = issued.expires_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let body = json!({ "url": issued.url.to_string(), "expiresAt": expires });
    Ok((StatusCode::CREATED, [(header::CACHE_CONTROL, "no-store")], Json(body)).into_response())
}

fn check_return_url(raw: &str, allowed: &HostAllowList) -> Result<Url, ApiError> {
    let url = Url::parse(raw).map_err(|_| ApiError::field("returnUrl", "returnUrl must be an absolute URL."))?;
    if !matches!(url.scheme(), "https" | "http") || !url.username().is_empty() || url.password().is_some() {
        return Err(ApiError::field("returnUrl", "returnUrl must be an http(s) URL without credentials."));
    }
    match url.host_str() {
        Some(h) if allowed.allows(h) => Ok(url),
        _ => Err(ApiError::field("returnUrl", "returnUrl's host is not on PLUGBOARD_RETURN_HOSTS.")),
    }
}
