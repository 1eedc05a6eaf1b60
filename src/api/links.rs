//! `POST /api/v1/links`: a one-time portal link for one of the host's users, optionally scoped to some
//! integrations and carrying what the host says about the user.

use super::idempotent::idempotent;
use super::{authorize, ApiError};
use crate::domain::{profile, ApiScope, Actor, CustomerIntegrationId, Organization, Profile, ReturnMode, UserId};
use crate::platform::config::HostAllowList;
use crate::services::links::LinkRequest;
use crate::state::AppState;
use axum::{
    body::Bytes,
    extract::State,
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use serde_json::{Map, Value};
use url::Url;

pub(super) const FIELDS: &[&str] = &[
    "userId",
    "ttlSeconds",
    "returnUrl",
    "returnMode",
    "allowedIntegrations",
    "connect",
    "endUser",
    "organization",
    "tags",
    "locale",
];

/// `POST /api/v1/links` with `{ "userId": "...", "ttlSeconds": 900, "returnUrl": "https://app.example/settings",
/// "returnMode": "immediate", "allowedIntegrations": ["ci_01_slack"], "connect": "ci_01_slack", "endUser": {"displayName": "...", "email": "..."}, "organization":
/// {"id": "...", "name": "..."}, "tags": {"plan": "pro"}, "locale": "de" }` (all but userId optional) answers 201
/// `{ "url": "...", "expiresAt": "..." }`; a field that cannot be used answers 400 naming it.
#[utoipa::path(
    post,
    path = "/api/v1/links",
    operation_id = "createLink",
    tag = "links",
    security(("bearer" = ["links:write"])),
    params(super::openapi::IdempotencyKey),
    request_body(content = super::schema::LinkCreate, examples(
        ("plain" = (summary = "A link to the user's integrations", value = json!({"userId": "u_123", "ttlSeconds": 900}))),
        ("profile" = (summary = "With what the host knows about the user", value = json!({
            "userId": "u_124", "allowedIntegrations": ["ci_01_slack", "ci_02_github"],
            "endUser": {"displayName": "Ada Lovelace", "email": "ada@example.com"},
            "organization": {"id": "org_9", "name": "Analytical Engines"}, "tags": {"plan": "pro"}, "locale": "de"
        }))),
        ("deep" = (summary = "A deep link straight to Slack, back at once with the outcome", value = json!({
            "userId": "u_125", "connect": "ci_01_slack",
            "returnUrl": "https://app.example.com/settings/integrations", "returnMode": "immediate"
        }))),
        ("invalid" = (summary = "A connect that is not active: 400 naming it", value = json!({"userId": "u_126", "connect": "ci_12_jira"}))),
    )),
    responses(
        (status = 201, description = "The link", body = super::schema::LinkCreated,
            example = json!({"url": "https://portal.example.com/link/v2.AbC", "expiresAt": "2026-11-28T12:15:00Z"})),
        (status = 400, description = "A field that cannot be used, named", body = super::schema::ErrorBody,
            example = json!({"error": "invalid_field", "field": "connect", "message": "connect is not an active integration."})),
        (status = 401, description = "No known token", body = super::schema::ErrorBody),
        (status = 403, description = "The token lacks links:write", body = super::schema::ErrorBody),
        (status = 404, description = "The API is off (no token at all)", body = super::schema::ErrorBody),
        (status = 409, description = "The first request with this Idempotency-Key is still running", body = super::schema::ErrorBody),
        (status = 422, description = "This Idempotency-Key was used for another request", body = super::schema::ErrorBody),
        (status = 503, description = "Something it needs could not be read; retry", body = super::schema::ErrorBody),
    )
)]
pub async fn create_link(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Result<Response, ApiError> {
    let caller = authorize(&state, &headers, ApiScope::LinksWrite).await?;
    let body: Value = serde_json::from_slice(&body)
        .map_err(|e| ApiError::new(StatusCode::BAD_REQUEST, "invalid_json", format!("The body is not JSON: {e}")))?;
    let fingerprint = crate::services::idempotency::fingerprint("POST", "/api/v1/links", Some(&body));
    let user = body.get("userId").and_then(Value::as_str).and_then(|u| UserId::parse(u.to_owned()).ok());
    let (st, b) = (state.clone(), body.clone());
    idempotent(&state, &caller, &headers, &fingerprint, user.as_ref(), move || async move { mint(&st, &b).await }).await
}

/// The link the body asks for, every field checked.
async fn mint(state: &AppState, body: &Value) -> Result<Response, ApiError> {
    let Some(obj) = body.as_object() else {
        return Err(ApiError::new(StatusCode::BAD_REQUEST, "invalid_json", "The body must be a JSON object."));
    };
    if let Some(unknown) = obj.keys().find(|k| !FIELDS.contains(&k.as_str())) {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "unknown_field",
            format!("Unknown field {unknown:?}; expected one of {}.", FIELDS.join(", ")),
        ));
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
    let return_mode = match obj.get("returnMode") {
        None | Some(Value::Null) => ReturnMode::Page,
        Some(Value::String(raw)) => ReturnMode::parse(raw)
            .ok_or_else(|| ApiError::field("returnMode", "returnMode must be \"page\" or \"immediate\"."))?,
        Some(_) => return Err(ApiError::field("returnMode", "returnMode must be a string.")),
    };
    if return_mode == ReturnMode::Immediate && return_url.is_none() {
        return Err(ApiError::field("returnMode", "returnMode \"immediate\" needs a returnUrl."));
    }
    let allowed = allowed_integrations(obj.get("allowedIntegrations"))?;
    let connect = deep_link_target(state, obj.get("connect"), &allowed).await?;
    let profile = profile_of(obj)?;
    let req = LinkRequest {
        user: &user,
        ttl,
        return_url: return_url.as_ref(),
        allowed: &allowed,
        profile: Some(&profile),
        connect: connect.as_ref(),
        return_mode,
    };
    let issued =
        state.links.issue_for(&req, Actor::Api).await.map_err(|e| ApiError::field("ttlSeconds", e.to_string()))?;
    tracing::info!(ttl_seconds = ttl.num_seconds(), "portal link minted through the API");
    let expires_at = issued.expires_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let body = super::schema::LinkCreated { url: issued.url.to_string(), expires_at };
    Ok((StatusCode::CREATED, [(header::CACHE_CONTROL, "no-store")], Json(body)).into_response())
}

/// `connect`: a customerIntegrationId that is active now, and inside `allowedIntegrations` when both are given.
async fn deep_link_target(
    state: &AppState,
    v: Option<&Value>,
    allowed: &[CustomerIntegrationId],
) -> Result<Option<CustomerIntegrationId>, ApiError> {
    let id = match v {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::String(s)) => {
            CustomerIntegrationId::parse(s.clone()).map_err(|e| ApiError::field("connect", format!("connect: {e}.")))?
        }
        Some(_) => return Err(ApiError::field("connect", "connect must be a customerIntegrationId.")),
    };
    if !allowed.is_empty() && !allowed.contains(&id) {
        return Err(ApiError::field("connect", "connect must be one of allowedIntegrations."));
    }
    let list = state.catalog.integrations().await.map_err(|_| {
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "upstream_unavailable",
            "The integration list cannot be read now, so connect cannot be checked. Try again shortly.",
        )
    })?;
    if !list.iter().any(|i| i.customer_integration_id == id) {
        return Err(ApiError::field("connect", "connect is not an active integration."));
    }
    Ok(Some(id))
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

/// `allowedIntegrations`: customerIntegrationIds (at most 100), or absent for all.
fn allowed_integrations(v: Option<&Value>) -> Result<Vec<CustomerIntegrationId>, ApiError> {
    const FIELD: &str = "allowedIntegrations";
    match v {
        None | Some(Value::Null) => Ok(vec![]),
        Some(Value::Array(items)) if !items.is_empty() && items.len() <= 100 => items
            .iter()
            .map(|i| match i {
                Value::String(s) => CustomerIntegrationId::parse(s.clone())
                    .map_err(|e| ApiError::field(FIELD, format!("allowedIntegrations: {e}."))),
                _ => Err(ApiError::field(FIELD, "allowedIntegrations must hold strings.")),
            })
            .collect(),
        Some(_) => Err(ApiError::field(FIELD, "allowedIntegrations must be a list of 1 to 100 customerIntegrationIds.")),
    }
}

/// An optional string member of `obj`, checked by `check`.
fn optional(
    obj: &Map<String, Value>,
    key: &str,
    field: &'static str,
    check: impl Fn(&'static str, &str) -> Result<String, profile::ProfileError>,
) -> Result<Option<String>, ApiError> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => check(field, s).map(Some).map_err(|e| ApiError::field(field, format!("{e}."))),
        Some(_) => Err(ApiError::field(field, format!("{field} must be a string."))),
    }
}

/// An object member, or an empty one when absent.
fn object<'a>(obj: &'a Map<String, Value>, key: &'static str, allowed: &[&str]) -> Result<Option<&'a Map<String, Value>>, ApiError> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Object(m)) => {
            if let Some(unknown) = m.keys().find(|k| !allowed.contains(&k.as_str())) {
                return Err(ApiError::field(key, format!("{key} has an unknown field {unknown:?}; expected {}.", allowed.join(", "))));
            }
            Ok(Some(m))
        }
        Some(_) => Err(ApiError::field(key, format!("{key} must be an object."))),
    }
}

/// `endUser`, `organization`, `tags` and `locale` as a profile, each part checked.
fn profile_of(obj: &Map<String, Value>) -> Result<Profile, ApiError> {
    let mut p = Profile::default();
    if let Some(end_user) = object(obj, "endUser", &["displayName", "email"])? {
        p.display_name = optional(end_user, "displayName", "endUser.displayName", |f, v| profile::text(f, v, profile::MAX_NAME))?;
        p.email = optional(end_user, "email", "endUser.email", profile::email)?;
    }
    if let Some(org) = object(obj, "organization", &["id", "name"])? {
        let id = optional(org, "id", "organization.id", |f, v| profile::text(f, v, profile::MAX_ORG_ID))?
            .ok_or_else(|| ApiError::field("organization.id", "organization.id is required with organization."))?;
        let name = optional(org, "name", "organization.name", |f, v| profile::text(f, v, profile::MAX_NAME))?;
        p.organization = Some(Organization { id, name });
    }
    match obj.get("tags") {
        None | Some(Value::Null) => {}
        Some(Value::Object(m)) => {
            let mut pairs = Vec::new();
            for (k, v) in m {
                match v {
                    Value::String(s) => pairs.push((k.clone(), s.clone())),
                    _ => return Err(ApiError::field("tags", format!("tags: the value of {k:?} must be a string."))),
                }
            }
            p.tags = profile::tags(pairs).map_err(|e| ApiError::field("tags", format!("{e}.")))?;
        }
        Some(_) => return Err(ApiError::field("tags", "tags must be an object of strings.")),
    }
    p.locale = optional(obj, "locale", "locale", profile::locale)?;
    Ok(p)
}
