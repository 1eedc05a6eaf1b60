//! The typed client for the toolregistry Integration API (three endpoints, header `x-api-key`). Server only.

use crate::domain::{AuthUrlRequest, AuthUrlResponse, CustomerIntegrationId, Integration, IntegrationUser, UserId};
use reqwest::{Method, StatusCode};
use secrecy::{ExposeSecret, SecretString};
use serde::de::DeserializeOwned;
use std::time::Duration;
use url::Url;

/// What went wrong talking to the API. `Display` is for the operator's log (never a key, never a URL);
/// pages show [`UpstreamError::user_message`] instead.
#[derive(Debug, thiserror::Error)]
pub enum UpstreamError {
    #[error("the API rejected our API key (401)")]
    Unauthorized,
    #[error("the API does not know this integration or user (404)")]
    NotFound,
    #[error("the API failed with status {0}")]
    Server(u16),
    #[error("the API answered with unexpected status {0}")]
    UnexpectedStatus(u16),
    #[error("the API did not answer within {0:?}")]
    Timeout(Duration),
    #[error("could not reach the API: {0}")]
    Network(String),
    #[error("the API answered too often: rate limited (429), retry after {retry_after:?}")]
    RateLimited { retry_after: Option<Duration> },
    /// Never the body itself: it may echo a key or a user id.
    #[error("the API's answer is not a valid {expected}: {reason} ({length} bytes of {content_type})")]
    Decode { expected: &'static str, reason: String, length: usize, content_type: String },
    #[error("the API's answer is larger than the {limit} byte limit")]
    TooLarge { limit: usize },
    #[error("the request could not be built: {0}")]
    InvalidRequest(&'static str),
}

impl UpstreamError {
    /// What a person using the portal is told: what happened, never how.
    /// The portal's message for this failure (never the upstream's own words).
    pub fn user_message_id(&self) -> &'static str {
        match self {
            UpstreamError::NotFound => "upstream-not-found",
            UpstreamError::Timeout(_) => "upstream-timeout",
            UpstreamError::RateLimited { .. } => "upstream-busy",
            UpstreamError::Unauthorized
            | UpstreamError::Server(_)
            | UpstreamError::UnexpectedStatus(_)
            | UpstreamError::Network(_)
            | UpstreamError::Decode { .. }
            | UpstreamError::TooLarge { .. }
            | UpstreamError::InvalidRequest(_) => "upstream-unavailable",
        }
    }

    /// Worth retrying later (as opposed to a configuration problem or a definite answer).
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            UpstreamError::Server(_) | UpstreamError::Timeout(_) | UpstreamError::Network(_) | UpstreamError::RateLimited { .. }
        )
    }

    /// Worth retrying at once, within the same request: a failed server or a lost connection (not a timeout, which
    /// already spent the time, and not a 429, which asks us to wait).
    fn is_retryable_now(&self) -> bool {
        matches!(self, UpstreamError::Server(_) | UpstreamError::Network(_))
    }
}

#[derive(Clone, Debug)]
pub struct ClientOptions {
    pub connect_timeout: Duration,
    pub timeout: Duration,
    /// Bodies larger than this are refused, not buffered.
    pub max_body_bytes: usize,
    /// How often an idempotent GET is retried after a 5xx or a lost connection (jittered exponential backoff).
    pub get_retries: usize,
}

impl Default for ClientOptions {
    fn default() -> Self {
        Self {
            connect_timeout: Duration::from_secs(2),
            timeout: Duration::from_secs(5),
            max_body_bytes: 4 * 1024 * 1024,
            get_retries: 2,
        }
    }
}

/// One pooled HTTP client for the API. Cheap to clone.
#[derive(Clone)]
pub struct ToolRegistry {
    http: reqwest::Client,
    base: Url,
    key: SecretString,
    opts: ClientOptions,
}

impl std::fmt::Debug for ToolRegistry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ToolRegistry").field("base", &self.base.as_str()).field("key", &"[redacted]").finish()
    }
}

impl ToolRegistry {
    pub fn new(base: Url, key: SecretString, opts: ClientOptions) -> Result<Self, UpstreamError> {
        if base.cannot_be_a_base() || !matches!(base.scheme(), "http" | "https") {
            return Err(UpstreamError::InvalidRequest("the API base URL must be an absolute http(s) URL"));
        }
        let http = reqwest::Client::builder()
            .connect_timeout(opts.connect_timeout)
            .timeout(opts.timeout)
            // auth-url answers are read, never followed; no endpoint of this API redirects.
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("plugboard/", env!("CARGO_PKG_VERSION")))
            .pool_idle_timeout(Duration::from_secs(60))
            .build()
            .map_err(|e| UpstreamError::Network(error_chain(&e)))?;
        Ok(Self { http, base, key, opts })
    }

    pub fn base_url(&self) -> &Url {
        &self.base
    }

    /// `GET /v1/integrations?active=..`
    pub async fn list_integrations(&self, active: Option<bool>) -> Result<Vec<Integration>, UpstreamError> {
        let mut url = self.url(&["v1", "integrations"])?;
        if let Some(active) = active {
            url.query_pairs_mut().append_pair("active", if active { "true" } else { "false" });
        }
        self.get(url, "integration list").await
    }

    /// `GET /v1/integrations/{customerIntegrationId}/users/{userId}`
    pub async fn get_user(
        &self,
        integration: &CustomerIntegrationId,
        user: &UserId,
    ) -> Result<IntegrationUser, UpstreamError> {
        let url = self.url(&["v1", "integrations", integration.as_str(), "users", user.as_str()])?;
        self.get(url, "integration user").await
    }

    /// `POST /v1/integrations/{customerIntegrationId}/users/{userId}/auth-url`
    pub async fn create_auth_url(
        &self,
        integration: &CustomerIntegrationId,
        user: &UserId,
        redirect_uri: Option<&Url>,
    ) -> Result<AuthUrlResponse, UpstreamError> {
        let url = self.url(&["v1", "integrations", integration.as_str(), "users", user.as_str(), "auth-url"])?;
        let body = AuthUrlRequest { redirect_uri: redirect_uri.map(|u| u.to_string()) };
        let body = serde_json::to_vec(&body).map_err(|_| UpstreamError::InvalidRequest("auth-url body"))?;
        self.call(Method::POST, url, Some(body), StatusCode::CREATED, "auth URL").await
    }

    /// A GET, retried with jittered exponential backoff after a 5xx or a lost connection (the caller's deadline
    /// still bounds it). POSTs are never retried: a second auth-url could create a second grant.
    async fn get<T: DeserializeOwned>(&self, url: Url, expected: &'static str) -> Result<T, UpstreamError> {
        use backon::{ExponentialBuilder, Retryable};
        let backoff = ExponentialBuilder::default()
            .with_min_delay(Duration::from_millis(20))
            .with_max_delay(Duration::from_millis(200))
            .with_max_times(self.opts.get_retries)
            .with_jitter();
        (|| self.call(Method::GET, url.clone(), None, StatusCode::OK, expected))
            .retry(backoff)
            .when(UpstreamError::is_retryable_now)
            .await
    }

    /// The base URL plus path segments, each percent-encoded as exactly one segment. A segment that URL building
    /// would drop or reinterpret (empty, `.`, `..`) is refused, never dropped.
    fn url(&self, segments: &[&str]) -> Result<Url, UpstreamError> {
        if segments.iter().any(|s| s.is_empty() || *s == "." || *s == "..") {
            return Err(UpstreamError::InvalidRequest("an id that is empty, . or .. cannot be a path segment"));
        }
        let mut url = self.base.clone();
        url.path_segments_mut().map_err(|_| UpstreamError::InvalidRequest("base URL"))?.pop_if_empty().extend(segments);
        Ok(url)
    }

    /// One API call, counted by endpoint and outcome with its latency (metrics).
    async fn call<T: DeserializeOwned>(
        &self,
        method: Method,
        url: Url,
        body: Option<Vec<u8>>,
        expected_status: StatusCode,
        expected: &'static str,
    ) -> Result<T, UpstreamError> {
        let started = std::time::Instant::now();
        let result: Result<T, UpstreamError> = async {
            let mut key = reqwest::header::HeaderValue::from_str(self.key.expose_secret())
                .map_err(|_| UpstreamError::InvalidRequest("the API key is not a valid header value"))?;
            key.set_sensitive(true);
            let mut req = self.http.request(method, url).header("x-api-key", key).header(reqwest::header::ACCEPT, "application/json");
            if let Some(body) = body {
                req = req.header(reqwest::header::CONTENT_TYPE, "application/json").body(body);
            }
            let mut resp = req.send().await.map_err(|e| self.map_transport(e))?;
            let status = resp.status();
            match status {
                s if s == expected_status || (s.is_success() && expected_status.is_success()) => {}
                StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN => return Err(UpstreamError::Unauthorized),
                StatusCode::NOT_FOUND => return Err(UpstreamError::NotFound),
                StatusCode::TOO_MANY_REQUESTS => {
                    let retry_after = resp
                        .headers()
                        .get(reqwest::header::RETRY_AFTER)
                        .and_then(|v| v.to_str().ok())
                        .and_then(|v| v.trim().parse::<u64>().ok())
                        .map(Duration::from_secs);
                    return Err(UpstreamError::RateLimited { retry_after });
                }
                s if s.is_server_error() => return Err(UpstreamError::Server(s.as_u16())),
                s => return Err(UpstreamError::UnexpectedStatus(s.as_u16())),
            }

            let content_type = resp
                .headers()
                .get(reqwest::header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("no content type")
                .chars()
                .take(80)
                .collect::<String>();
            let limit = self.opts.max_body_bytes;
            if resp.content_length().is_some_and(|len| len > limit as u64) {
                return Err(UpstreamError::TooLarge { limit });
            }
            let mut buf: Vec<u8> = Vec::with_capacity(resp.content_length().unwrap_or(1024).min(limit as u64) as usize);
            while let Some(chunk) = resp.chunk().await.map_err(|e| self.map_transport(e))? {
                if buf.len() + chunk.len() > limit {
                    return Err(UpstreamError::TooLarge { limit });
                }
                buf.extend_from_slice(&chunk);
            }
            // serde's message may quote a value from the body: only its kind and position are kept.
            serde_json::from_slice(&buf).map_err(|e| UpstreamError::Decode {
                expected,
                reason: format!("{:?} error at line {} column {}", e.classify(), e.line(), e.column()),
                length: buf.len(),
                content_type,
            })
        }
        .await;
        record_call(expected, &result, started);
        result
    }

    fn map_transport(&self, e: reqwest::Error) -> UpstreamError {
        if e.is_timeout() {
            UpstreamError::Timeout(self.opts.timeout)
        } else {
            UpstreamError::Network(error_chain(&e.without_url()))
        }
    }
}

/// Counts a call by endpoint (named by what it reads) and outcome, with its latency. A user the API does not know
/// is an answer (not connected), not a failure.
fn record_call<T>(expected: &'static str, result: &Result<T, UpstreamError>, started: std::time::Instant) {
    let endpoint = match expected {
        "integration list" => "list",
        "integration user" => "user",
        _ => "auth_url",
    };
    let outcome = match result {
        Ok(_) => "ok",
        Err(UpstreamError::NotFound) if endpoint == "user" => "ok",
        Err(UpstreamError::RateLimited { .. }) => "429",
        Err(UpstreamError::Timeout(_)) => "timeout",
        Err(UpstreamError::Server(_)) => "5xx",
        Err(UpstreamError::Unauthorized | UpstreamError::NotFound) => "4xx",
        Err(UpstreamError::UnexpectedStatus(s)) if (400..500).contains(s) => "4xx",
        Err(_) => "error",
    };
    metrics::counter!("plugboard_upstream_calls_total", "endpoint" => endpoint, "outcome" => outcome).increment(1);
    metrics::histogram!("plugboard_upstream_call_duration_seconds", "endpoint" => endpoint).record(started.elapsed().as_secs_f64());
}

/// An error and its sources on one line (reqwest's top-level message alone says little).
fn error_chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut out = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        let text = s.to_string();
        if !out.contains(&text) {
            out.push_str(": ");
            out.push_str(&text);
        }
        source = s.source();
    }
    out
}
