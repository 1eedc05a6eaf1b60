//! Pages answered by the HTTP layers before any session or page exists (400, 403, 408, 413, 429, 500): in the
//! language of the request's cookie, `?lang=` or `Accept-Language`, with the site's stylesheets. Server only.

use crate::i18n::{request::Signs, t_in, Arg, Lang};
use axum::{
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};
use std::sync::Arc;

/// What such a page needs: the stylesheets and the deployment's default language.
#[derive(Clone, Debug)]
pub struct ErrorPages {
    pub css: Arc<str>,
    pub theme: Option<Arc<str>>,
    pub default: Lang,
}

impl Default for ErrorPages {
    fn default() -> Self {
        ErrorPages { css: Arc::from("/pkg/plugboard.css"), theme: None, default: Lang::En }
    }
}

impl ErrorPages {
    /// The page for `status`: its title and body messages, in the request's language.
    pub fn page(
        &self,
        query: Option<&str>,
        headers: &HeaderMap,
        status: StatusCode,
        title: &str,
        body: &str,
        args: &[(&str, Arg)],
    ) -> Response {
        let lang = Signs::of(query, headers).choose(self.default);
        let (title, body) = (escape(&t_in(lang, title, args)), escape(&t_in(lang, body, args)));
        let theme = self.theme.as_deref().map(|h| format!("<link rel=\"stylesheet\" href=\"{h}\">")).unwrap_or_default();
        let html = format!(
            "<!DOCTYPE html><html lang=\"{code}\" dir=\"{dir}\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{title}</title>\
             <link rel=\"stylesheet\" href=\"{css}\">{theme}</head><body><main id=\"main\">\
             <section class=\"notice problem\" data-status=\"{status}\"><h1>{title}</h1><p>{body}</p></section></main>\
             </body></html>",
            code = lang.code(),
            dir = lang.dir(),
            css = self.css,
            status = status.as_u16(),
        );
        let mut resp = (status, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response();
        if let Ok(v) = HeaderValue::from_str(lang.code()) {
            resp.headers_mut().insert(header::CONTENT_LANGUAGE, v);
        }
        resp.headers_mut().append(header::VARY, HeaderValue::from_static("Accept-Language, Cookie"));
        resp
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Every error a person can meet is a page in their language: a handler that panicked gets the 500 page (the panic
/// is logged), and an error answered in bare words or nothing (a framework's plain-text 400, a session store's empty
/// 500) becomes the page for its status. The host API's JSON and every page we render ourselves pass unchanged.
pub async fn in_words(
    axum::extract::State(pages): axum::extract::State<ErrorPages>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    use futures::FutureExt;
    let (query, headers) = (req.uri().query().map(str::to_owned), req.headers().clone());
    let api = req.uri().path().starts_with("/api/v1/");
    let resp = match std::panic::AssertUnwindSafe(next.run(req)).catch_unwind().await {
        Ok(resp) => resp,
        Err(_) => {
            tracing::error!("a request handler panicked");
            let status = StatusCode::INTERNAL_SERVER_ERROR;
            return pages.page(query.as_deref(), &headers, status, "server-error-title", "server-error-body", &[]);
        }
    };
    let status = resp.status();
    let bare = resp
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_none_or(|v| v.starts_with("text/plain"));
    if api || !(status.is_client_error() || status.is_server_error()) || !bare {
        return resp;
    }
    let (title, body) = match status.as_u16() {
        404 => ("not-found-title", "not-found-body"),
        408 => ("timeout-title", "timeout-body"),
        500.. => ("server-error-title", "server-error-body"),
        _ => ("bad-request-title", "bad-request-body"),
    };
    let mut page = pages.page(query.as_deref(), &headers, status, title, body, &[]);
    // Keep what the answer said about itself (Retry-After, Allow, ...), not its type or length.
    for (name, value) in resp.headers() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH && !page.headers().contains_key(name) {
            page.headers_mut().insert(name.clone(), value.clone());
        }
    }
    page
}
