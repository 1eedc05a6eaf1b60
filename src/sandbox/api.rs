//! The sandbox's `/v1` API (the spec's three endpoints, with injectable faults) and its `/_sandbox` control API.

use super::*;

// ---------- errors ----------

#[derive(Debug, thiserror::Error)]
pub(super) enum ApiError {
    #[error("Unauthorized - invalid API key")]
    Unauthorized,
    #[error("{0}")]
    NotFound(&'static str),
    #[error("{0}")]
    BadRequest(String),
    #[error("Internal server error (injected fault)")]
    Injected,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = match self {
            ApiError::Unauthorized => StatusCode::UNAUTHORIZED,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::Injected => StatusCode::INTERNAL_SERVER_ERROR,
        };
        let body = serde_json::json!({ "statusCode": status.as_u16(), "message": self.to_string() });
        (status, Json(body)).into_response()
    }
}

// ---------- middleware: key and faults ----------

pub(super) async fn require_key(
    State(sb): State<Sandbox>,
    headers: HeaderMap,
    req: axum::extract::Request,
    next: Next,
) -> Response {
    let given = headers.get("x-api-key").map(|v| v.as_bytes());
    if given != Some(sb.0.api_key.as_bytes()) {
        return ApiError::Unauthorized.into_response();
    }
    next.run(req).await
}

/// Applies the configured faults for `endpoint`. `Ok(Some(resp))` short-circuits with that response.
async fn faults(sb: &Sandbox, endpoint: Endpoint) -> Result<Option<Response>, ApiError> {
    sb.0.stats[endpoint as usize].fetch_add(1, Ordering::Relaxed);
    let f = sb.data().faults.clone();
    if !f.endpoints.is_empty() && !f.endpoints.contains(&endpoint) {
        return Ok(None);
    }
    if f.latency_ms > 0 {
        tokio::time::sleep(Duration::from_millis(f.latency_ms)).await;
    }
    if f.hang {
        tokio::time::sleep(Duration::from_secs(3600)).await;
    }
    if f.unauthorized {
        return Err(ApiError::Unauthorized);
    }
    if f.rate_limited > 0 {
        let retry = f.rate_limited.to_string();
        return Ok(Some((StatusCode::TOO_MANY_REQUESTS, [(header::RETRY_AFTER, retry)], "Too many requests").into_response()));
    }
    if f.error_rate > 0.0 {
        let n = sb.0.calls.fetch_add(1, Ordering::Relaxed) as f64;
        if ((n + 1.0) * f.error_rate).floor() > (n * f.error_rate).floor() {
            return Err(ApiError::Injected);
        }
    }
    if f.malformed_json {
        let status = if endpoint == Endpoint::AuthUrl { StatusCode::CREATED } else { StatusCode::OK };
        return Ok(Some((status, [(header::CONTENT_TYPE, "application/json")], "{\"oops\": [1, 2,").into_response()));
    }
    Ok(None)
}

// ---------- the three endpoints ----------

#[derive(Deserialize)]
pub(super) struct ListQuery {
    active: Option<String>,
}

pub(super) async fn list_integrations(State(sb): State<Sandbox>, Query(q): Query<ListQuery>) -> Result<Response, ApiError> {
    let active = match q.active.as_deref() {
        None | Some("true") => true,
        Some("false") => false,
        Some(_) => return Err(ApiError::BadRequest("active must be a boolean".into())),
    };
    if let Some(resp) = faults(&sb, Endpoint::List).await? {
        return Ok(resp);
    }
    let list: Vec<Integration> = sb.data().integrations.iter().filter(|i| i.active == active).cloned().collect();
    Ok(Json(list).into_response())
}

pub(super) async fn get_user(State(sb): State<Sandbox>, Path((cid, uid)): Path<(String, String)>) -> Result<Response, ApiError> {
    if let Some(resp) = faults(&sb, Endpoint::User).await? {
        return Ok(resp);
    }
    let data = sb.data();
    if !data.integrations.iter().any(|i| i.customer_integration_id.as_str() == cid) {
        return Err(ApiError::NotFound("Integration not found"));
    }
    match data.users.get(&(cid, uid)) {
        Some(user) => Ok(Json(user.clone()).into_response()),
        None => Err(ApiError::NotFound("User not found")),
    }
}

pub(super) async fn create_auth_url(
    State(sb): State<Sandbox>,
    Path((cid, uid)): Path<(String, String)>,
    body: Result<Json<AuthUrlRequest>, JsonRejection>,
) -> Result<Response, ApiError> {
    let Json(body) = body.map_err(|e| ApiError::BadRequest(format!("invalid request body: {}", e.body_text())))?;
    let redirect_uri = match body.redirect_uri.as_deref() {
        None => None,
        Some(raw) => match Url::parse(raw) {
            Ok(u) if matches!(u.scheme(), "http" | "https") => Some(u),
            _ => return Err(ApiError::BadRequest("redirectUri must be an absolute http(s) URL".into())),
        },
    };
    let user_id = UserId::parse(uid.clone()).map_err(|e| ApiError::BadRequest(e.to_string()))?;
    if let Some(resp) = faults(&sb, Endpoint::AuthUrl).await? {
        return Ok(resp);
    }
    let mut data = sb.data();
    let Some(index) = data.integrations.iter().position(|i| i.customer_integration_id.as_str() == cid) else {
        return Err(ApiError::NotFound("Integration not found"));
    };
    let now = Utc::now();
    let key = (cid, uid);
    data.users.entry(key.clone()).or_insert_with(|| IntegrationUser {
        user_id,
        active: false,
        updated_at: now,
        created_at: now,
    });
    data.grants.retain(|_, g| g.expires > now);
    let grant_id = uuid::Uuid::new_v4().simple().to_string();
    data.grants.insert(
        grant_id.clone(),
        Grant {
            integration: index,
            user_key: key,
            redirect_uri,
            external_id: format!("tr-{}", &uuid::Uuid::new_v4().simple().to_string()[..12]),
            expires: now + GRANT_TTL,
        },
    );
    let mut url = sb.0.public_url.clone();
    if let Ok(mut segs) = url.path_segments_mut() {
        segs.pop_if_empty().extend(["authorize", &grant_id]);
    }
    Ok((StatusCode::CREATED, Json(AuthUrlResponse { authorize_url: url.to_string() })).into_response())
}

// ---------- control API ----------

pub(super) async fn get_stats(State(sb): State<Sandbox>) -> Json<Stats> {
    Json(sb.stats())
}

pub(super) async fn get_faults(State(sb): State<Sandbox>) -> Json<Faults> {
    Json(sb.data().faults.clone())
}

pub(super) async fn put_faults(
    State(sb): State<Sandbox>,
    body: Result<Json<Faults>, JsonRejection>,
) -> Result<Json<Faults>, ApiError> {
    let Json(f) = body.map_err(|e| ApiError::BadRequest(e.body_text()))?;
    if !(0.0..=1.0).contains(&f.error_rate) {
        return Err(ApiError::BadRequest("errorRate must be between 0 and 1".into()));
    }
    sb.0.calls.store(0, Ordering::Relaxed);
    sb.data().faults = f.clone();
    Ok(Json(f))
}

pub(super) async fn reset_faults(State(sb): State<Sandbox>) -> StatusCode {
    sb.data().faults = Faults::default();
    StatusCode::NO_CONTENT
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct UserRef {
    customer_integration_id: String,
    user_id: String,
    #[serde(default)]
    active: Option<bool>,
}

/// Creates or updates a user directly (seeding for tests and benchmarks).
pub(super) async fn put_user(State(sb): State<Sandbox>, body: Result<Json<UserRef>, JsonRejection>) -> Result<Response, ApiError> {
    let Json(r) = body.map_err(|e| ApiError::BadRequest(e.body_text()))?;
    let user_id = UserId::parse(r.user_id.clone()).map_err(|e| ApiError::BadRequest(e.to_string()))?;
    let mut data = sb.data();
    if !data.integrations.iter().any(|i| i.customer_integration_id.as_str() == r.customer_integration_id) {
        return Err(ApiError::NotFound("Integration not found"));
    }
    let now = Utc::now();
    let user = data.users.entry((r.customer_integration_id, r.user_id)).or_insert_with(|| IntegrationUser {
        user_id,
        active: false,
        updated_at: now,
        created_at: now,
    });
    user.active = r.active.unwrap_or(true);
    user.updated_at = now;
    Ok(Json(user.clone()).into_response())
}

/// Revokes a user's connection: active -> false.
pub(super) async fn revoke_user(
    State(sb): State<Sandbox>,
    body: Result<Json<UserRef>, JsonRejection>,
) -> Result<Response, ApiError> {
    let Json(r) = body.map_err(|e| ApiError::BadRequest(e.body_text()))?;
    let mut data = sb.data();
    match data.users.get_mut(&(r.customer_integration_id, r.user_id)) {
        Some(user) => {
            user.active = false;
            user.updated_at = Utc::now();
            Ok(Json(user.clone()).into_response())
        }
        None => Err(ApiError::NotFound("User not found")),
    }
}

