//! The HTTP layers around every route: security headers every response carries, and the refusal of cross-site
//! state-changing requests. Server only.

use axum::{
    extract::{Request, State},
    http::{header, HeaderName, HeaderValue, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};
use std::sync::Arc;
use tower_http::set_header::SetResponseHeaderLayer;

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

/// Our own origin (`https://portal.example`), for [`same_origin_posts`].
#[derive(Clone)]
pub struct Origin(pub Arc<str>);

/// Refuses cross-site state-changing requests (Leptos server functions do not check this themselves): a browser
/// marks them with `Sec-Fetch-Site`, or failing that with an `Origin` that is not ours.
pub async fn same_origin_posts(State(origin): State<Origin>, req: Request, next: Next) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(req).await;
    }
    let headers = req.headers();
    let site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
    let allowed = match site {
        Some(s) => matches!(s, "same-origin" | "none"),
        None => match headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
            Some(o) => o == &*origin.0,
            None => true, // not a browser form or fetch: no ambient cookies to abuse
        },
    };
    if allowed {
        next.run(req).await
    } else {
        tracing::warn!(path = %req.uri().path(), sec_fetch_site = ?site, "refused a cross-site request");
        (
            StatusCode::FORBIDDEN,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "This request came from another site and was refused. Open the portal directly and try again.",
        )
            .into_response()
    }
}
