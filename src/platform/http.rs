//! The HTTP layers around every route: bounded bodies and time, who the client is (behind trusted proxies), rate
//! limits per client, the refusal of cross-site state-changing requests, and the headers every response carries.
//! Server only.

use axum::{
    body::Body,
    extract::{ConnectInfo, MatchedPath, Request, State},
    http::{header, HeaderName, HeaderValue, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};
use governor::{clock::Clock, DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::{
    net::{IpAddr, SocketAddr},
    num::NonZeroU32,
    sync::Arc,
    time::Duration,
};
use tower_http::set_header::SetResponseHeaderLayer;

use super::error_pages::ErrorPages;
use crate::i18n::Arg;

/// A header every response carries unless the handler set it.
pub fn default_header(name: &'static str, value: &'static str) -> SetResponseHeaderLayer<HeaderValue> {
    SetResponseHeaderLayer::if_not_present(HeaderName::from_static(name), HeaderValue::from_static(value))
}

/// The headers every response carries: no Referer ever leaves (link tokens and attempt ids live in paths), no
/// sniffing, no framing, no shared browsing context.
pub fn security_headers() -> [SetResponseHeaderLayer<HeaderValue>; 4] {
    [
        default_header("referrer-policy", "no-referrer"),
        default_header("x-content-type-options", "nosniff"),
        default_header("x-frame-options", "DENY"),
        default_header("cross-origin-opener-policy", "same-origin"),
    ]
}

/// What HTML responses carry besides: never cached (they show a user's state), a strict policy when the page did
/// not set its own (error pages), and HSTS on https.
#[derive(Clone)]
pub struct HtmlHeaders {
    pub hsts: bool,
}

pub async fn html_headers(State(h): State<HtmlHeaders>, req: Request, next: Next) -> Response {
    let mut resp = next.run(req).await;
    let headers = resp.headers_mut();
    if h.hsts {
        headers.insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=31536000"));
    }
    let html = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|v| v.starts_with("text/html"));
    if html {
        headers.entry(header::CACHE_CONTROL).or_insert(HeaderValue::from_static("no-store"));
        headers.entry(header::CONTENT_SECURITY_POLICY).or_insert(HeaderValue::from_static(
            "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
        ));
    } else {
        // JSON, CSV, redirects, assets: nothing in them may run or be framed.
        headers
            .entry(header::CONTENT_SECURITY_POLICY)
            .or_insert(HeaderValue::from_static("default-src 'none'; frame-ancestors 'none'"));
    }
    // Portal links, callbacks and a user's pages have no business in a search index.
    headers.entry("x-robots-tag").or_insert(HeaderValue::from_static("noindex, nofollow"));
    resp
}

/// Bodies above `max` bytes are answered 413 before any session, CSRF or server-function work, whether the size is
/// announced (`Content-Length`) or not (chunked); a response that has not started within `timeout` is answered 408.
#[derive(Clone)]
pub struct Bounds {
    pub max_body: usize,
    pub timeout: Duration,
    pub pages: ErrorPages,
}

pub async fn bounded(State(b): State<Bounds>, req: Request, next: Next) -> Response {
    // The host API answers in JSON, errors included; pages in the request's language.
    let api = req.uri().path().starts_with("/api/v1/");
    let (query, headers) = (req.uri().query().map(str::to_owned), req.headers().clone());
    let page = |status: StatusCode, title: &str, body: &str, args: &[(&str, Arg)]| {
        b.pages.page(query.as_deref(), &headers, status, title, body, args)
    };
    let too_large = |max: usize| {
        if api {
            too_large_json(max)
        } else {
            page(StatusCode::PAYLOAD_TOO_LARGE, "too-large-title", "too-large-body", &[("bytes", max.into())])
        }
    };
    let announced = req.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
    if announced.is_some_and(|n| n > b.max_body as u64) {
        return too_large(b.max_body);
    }
    let (parts, body) = req.into_parts();
    let body = match axum::body::to_bytes(body, b.max_body).await {
        Ok(bytes) => bytes,
        Err(e) => {
            let too_big = std::error::Error::source(&e)
                .is_some_and(|s| s.is::<http_body_util::LengthLimitError>());
            return if too_big {
                too_large(b.max_body)
            } else {
                page(StatusCode::BAD_REQUEST, "bad-request-title", "bad-request-body", &[])
            };
        }
    };
    let req = Request::from_parts(parts, Body::from(body));
    match tokio::time::timeout(b.timeout, next.run(req)).await {
        Ok(resp) => resp,
        Err(_) => page(StatusCode::REQUEST_TIMEOUT, "timeout-title", "timeout-body", &[]),
    }
}

fn too_large_json(max: usize) -> Response {
    let body = serde_json::json!({
        "error": "payload_too_large",
        "message": format!("This request is larger than the {max} bytes we accept and was refused."),
    });
    (StatusCode::PAYLOAD_TOO_LARGE, axum::Json(body)).into_response()
}



pub use super::client_ip::{ClientIp, ClientIpSource};

/// Per-client request budgets by route class; a class with 0 per minute is not limited.
#[derive(Clone)]
pub struct RateLimits {
    source: Arc<ClientIpSource>,
    /// The 429 page.
    pages: ErrorPages,
    link: Option<Arc<DefaultKeyedRateLimiter<IpAddr>>>,
    connect: Option<Arc<DefaultKeyedRateLimiter<IpAddr>>>,
    api: Option<Arc<DefaultKeyedRateLimiter<IpAddr>>>,
}

fn per_minute(n: u32) -> Option<Arc<DefaultKeyedRateLimiter<IpAddr>>> {
    let n = NonZeroU32::new(n)?;
    Some(Arc::new(RateLimiter::keyed(Quota::per_minute(n))))
}

impl RateLimits {
    pub fn new(source: ClientIpSource, link: u32, connect: u32, api: u32) -> Self {
        let pages = ErrorPages::default();
        RateLimits { source: Arc::new(source), pages, link: per_minute(link), connect: per_minute(connect), api: per_minute(api) }
    }

    /// How the 429 page looks and which language it falls back to.
    pub fn with_pages(mut self, pages: ErrorPages) -> Self {
        self.pages = pages;
        self
    }

    /// Forgets clients that have been quiet (called from the hourly cleanup).
    pub fn forget_old(&self) {
        for l in [&self.link, &self.connect, &self.api].into_iter().flatten() {
            l.retain_recent();
        }
    }
}

/// Resolves the client (available to handlers as an extension) and applies its budget for the route.
pub async fn rate_limit(State(limits): State<RateLimits>, mut req: Request, next: Next) -> Response {
    let peer = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip())
        .unwrap_or(IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED));
    let client = limits.source.resolve(peer, req.headers());
    req.extensions_mut().insert(client);
    let path = req.uri().path();
    // (budget, route class for the log, answered in JSON)
    // Every route that writes for an anonymous client has a budget: the link's page and its use, and the landing
    // page's server function (it records refused links); the admin sign-in counts in the database.
    let class = if path.starts_with("/link/") || path == "/api/link-landing" {
        Some((&limits.link, "/link/{token}", false))
    } else if path == "/api/connect" {
        Some((&limits.connect, "/api/connect", false))
    } else if path.starts_with("/api/v1/") {
        Some((&limits.api, "/api/v1", true))
    } else {
        None
    };
    if let Some((Some(limiter), route, api)) = class {
        if let Err(not_until) = limiter.check_key(&client.key()) {
            let wait = not_until.wait_time_from(governor::clock::DefaultClock::default().now()).as_secs().max(1);
            tracing::warn!(route, "rate limited a client");
            return too_many(wait, api, &limits.pages, &req);
        }
    }
    next.run(req).await
}

fn too_many(wait: u64, api: bool, pages: &ErrorPages, req: &Request) -> Response {
    let retry = (header::RETRY_AFTER, HeaderValue::from(wait));
    if api {
        let body = serde_json::json!({ "error": "rate_limited", "message": format!("Too many requests. Retry after {wait} s.") });
        return (StatusCode::TOO_MANY_REQUESTS, [retry], axum::Json(body)).into_response();
    }
    let args = [("seconds", Arg::from(wait))];
    let mut resp =
        pages.page(req.uri().query(), req.headers(), StatusCode::TOO_MANY_REQUESTS, "too-many-title", "too-many-body", &args);
    resp.headers_mut().insert(retry.0, retry.1);
    resp
}

/// Our own origin (`https://portal.example`), for [`same_origin_posts`], and its refusal page.
#[derive(Clone)]
pub struct Origin(pub Arc<str>, pub ErrorPages);

/// Refuses cross-site state-changing requests (Leptos server functions do not check this themselves): a browser
/// marks them with `Sec-Fetch-Site`, or failing that with an `Origin` that is not ours. A request with neither is
/// refused too (every browser sends one; tools can set `Origin`), except on the host API, which has its token.
pub async fn same_origin_posts(State(origin): State<Origin>, req: Request, next: Next) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) || req.uri().path().starts_with("/api/v1/") {
        return next.run(req).await;
    }
    let headers = req.headers();
    let site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
    let allowed = match site {
        Some(s) => matches!(s, "same-origin" | "none"),
        None => headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()).is_some_and(|o| o == &*origin.0),
    };
    if allowed {
        next.run(req).await
    } else {
        tracing::warn!(sec_fetch_site = ?site, "refused a cross-site request");
        origin.1.page(req.uri().query(), req.headers(), StatusCode::FORBIDDEN, "cross-site-title", "cross-site-body", &[])
    }
}

/// The span of a request: its method and route template, never the raw path (link tokens, attempt ids).
pub fn request_span(req: &Request) -> tracing::Span {
    let route = req.extensions().get::<MatchedPath>().map(|m| m.as_str().to_owned()).unwrap_or_else(|| "static".into());
    let id = req.headers().get(REQUEST_ID).and_then(|v| v.to_str().ok()).unwrap_or("");
    tracing::info_span!(
        "request",
        method = method_label(req.method()),
        route = %route,
        request_id = %id,
        status = tracing::field::Empty,
        latency_ms = tracing::field::Empty
    )
}

/// Records the status and latency on the request's span (and one line at debug level).
pub fn on_response(resp: &Response, latency: Duration, span: &tracing::Span) {
    span.record("status", resp.status().as_u16());
    span.record("latency_ms", latency.as_millis() as u64);
    tracing::debug!(status = resp.status().as_u16(), latency_ms = latency.as_millis() as u64, "response");
}

pub const REQUEST_ID: &str = "x-request-id";

/// Proxies this instance trusts (their `x-request-id` is kept).
#[derive(Clone)]
pub struct TrustedProxies(pub Arc<Vec<ipnet::IpNet>>);

/// An incoming `x-request-id` is kept only from a trusted proxy, and only when short and printable; otherwise the
/// next layer makes a fresh one. Runs before the id is set.
pub async fn request_id_trust(State(trusted): State<TrustedProxies>, mut req: Request, next: Next) -> Response {
    let peer = req.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
    let from_proxy = peer.is_some_and(|ip| trusted.0.iter().any(|n| n.contains(&ip)));
    let usable = req
        .headers()
        .get(REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| !v.is_empty() && v.len() <= 128 && v.chars().all(|c| c.is_ascii_graphic()));
    if !(from_proxy && usable) {
        req.headers_mut().remove(REQUEST_ID);
    }
    next.run(req).await
}

/// Counts requests and their latency by route template (never the raw path), method and status. Every label comes
/// from a closed set, so no client can create series: known methods else `other`, route templates else `static` for
/// a file served (2xx/304) and `unmatched` for anything else.
pub async fn record_metrics(req: Request, next: Next) -> Response {
    let template = req.extensions().get::<MatchedPath>().map(|m| m.as_str().to_owned());
    let method = method_label(req.method());
    let started = std::time::Instant::now();
    let resp = next.run(req).await;
    let route = template.unwrap_or_else(|| {
        let served = resp.status().is_success() || resp.status() == StatusCode::NOT_MODIFIED;
        (if served { "static" } else { "unmatched" }).to_owned()
    });
    let status = resp.status().as_u16().to_string();
    metrics::counter!("plugboard_http_requests_total", "route" => route.clone(), "method" => method, "status" => status)
        .increment(1);
    metrics::histogram!("plugboard_http_request_duration_seconds", "route" => route, "method" => method)
        .record(started.elapsed().as_secs_f64());
    resp
}

/// A request method as a metric label: the standard ones, else `other`.
pub fn method_label(m: &Method) -> &'static str {
    match *m {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::DELETE => "DELETE",
        Method::PATCH => "PATCH",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}
