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
    #[error("the API's answer is not a valid {expected}: {reason} (body starts: {excerpt:?})")]
    Decode { expected: &'static str, reason: String, excerpt: String },
    #[error("the API's answer is larger than the {limit} byte limit")]
    TooLarge { limit: usize },
    #[error("the request could not be built: {0}")]
    InvalidRequest(&'static str),
}

impl UpstreamError {
    /// What a person using the portal is told: what happened, never how.
    pub fn user_message(&self) -> &'static str {
        match self {
            UpstreamError::NotFound => "This integration is not available any more.",
            UpstreamError::Timeout(_) => "The integration service is taking too long to answer. Please try again.",
            UpstreamError::Unauthorized
            | UpstreamError::Server(_)
            | UpstreamError::UnexpectedStatus(_)
            | UpstreamError::Network(_)
            | UpstreamError::Decode { .. }
            | UpstreamError::TooLarge { .. }
            | UpstreamError::InvalidRequest(_) => {
                "Integrations are temporarily unavailable. Please try again in a moment."
            }
        }
    }

    /// Worth retrying later (as opposed to a configuration problem or a definite answer).
    pub fn is_transient(&self) -> bool {
        matches!(self, UpstreamError::Server(_) | UpstreamError::Timeout(_) | UpstreamError::Network(_))
    }
}

#[derive(Clone, Debug)]
pub struct ClientOptions {
    pub connect_timeout: Duration,
    pub timeout: Duration,
    /// Bodies larger than this are refused, not buffered.
    pub max_body_bytes: usize,
}

impl Default for ClientOptions {
    fn default() -> Self {
        Self {
            connect_timeout: Duration::from_secs(2),
            timeout: Duration::from_secs(5),
            max_body_bytes: 4 * 1024 * 1024,
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
        self.call(Method::GET, url, None, StatusCode::OK, "integration list").await
    }

    /// `GET /v1/integrations/{customerIntegrationId}/users/{userId}`
    pub async fn get_user(
        &self,
        integration: &CustomerIntegrationId,
        user: &UserId,
    ) -> Result<IntegrationUser, UpstreamError> {
        let url = self.url(&["v1", "integrations", integration.as_str(), "users", user.as_str()])?;
        self.call(Method::GET, url, None, StatusCode::OK, "integration user").await
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

    /// The base URL plus path segments, each percent-encoded as exactly one segment.
    fn url(&self, segments: &[&str]) -> Result<Url, UpstreamError> {
        let mut url = self.base.clone();
        url.path_segments_mut().map_err(|_| UpstreamError::InvalidRequest("base URL"))?.pop_if_empty().extend(segments);
        Ok(url)
    }

    async fn call<T: DeserializeOwned>(
        &self,
        method: Method,
        url: Url,
        body: Option<Vec<u8>>,
        expected_status: StatusCode,
        expected: &'static str,
    ) -> Result<T, UpstreamError> {
        let mut req = self
            .http
            .request(method, url)
            .header("x-api-key", self.key.expose_secret())
            .header(reqwest::header::ACCEPT, "application/json");
        if let Some(body) = body {
            req = req.header(reqwest::header::CONTENT_TYPE, "application/json").body(body);
        }
        let mut resp = req.send().await.map_err(|e| self.map_transport(e))?;
        let status = resp.status();
        match status {
            s if s == expected_status || (s.is_success() && expected_status.is_success()) => {}
            StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN => return Err(UpstreamError::Unauthorized),
            StatusCode::NOT_FOUND => return Err(UpstreamError::NotFound),
            s if s.is_server_error() => return Err(UpstreamError::Server(s.as_u16())),
            s => return Err(UpstreamError::UnexpectedStatus(s.as_u16())),
        }

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
        serde_json::from_slice(&buf).map_err(|e| UpstreamError::Decode {
            expected,
            reason: e.to_string(),
            excerpt: String::from_utf8_lossy(&buf[..buf.len().min(120)]).into_owned(),
        })
    }

    fn map_transport(&self, e: reqwest::Error) -> UpstreamError {
        if e.is_timeout() {
            UpstreamError::Timeout(self.opts.timeout)
        } else {
            UpstreamError::Network(error_chain(&e.without_url()))
        }
    }
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
