//! The language layer: chooses each request's language once, puts it on the request for the pages, remembers a
//! `?lang=` choice in a small cookie (no session row: anonymous pages write nothing), and says which language the
//! answer is in (`Content-Language`, `Vary: Accept-Language`). The console is always English. Server only.

use crate::i18n::{request::Signs, Lang, COOKIE};
use axum::{
    extract::{Request, State},
    http::{header, HeaderValue},
    middleware::Next,
    response::Response,
};

pub async fn choose_language(
    State(state): State<crate::state::AppState>,
    session: tower_sessions::Session,
    mut req: Request,
    next: Next,
) -> Response {
    let (default, cookie_secure) = (state.config.brand.default_lang, state.config.server.cookie_secure);
    let console = {
        let path = req.uri().path();
        path == "/admin" || path.starts_with("/admin/")
    };
    let signs = Signs::of(req.uri().query(), req.headers());
    let lang = if console {
        Lang::En
    } else {
        let host = match (signs.query, signs.cookie) {
            (None, None) => host_locale(&state, &session, req.uri().path().to_owned()).await,
            _ => None,
        };
        Lang::choose(signs.query, signs.cookie, host, signs.accept, default)
    };
    req.extensions_mut().insert(lang);
    let mut resp = next.run(req).await;
    let headers = resp.headers_mut();
    // Pages only: a file or a JSON answer is the same in every language (and stays cacheable as one).
    let page = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|v| v.starts_with("text/html"));
    if page {
        if let Ok(v) = HeaderValue::from_str(lang.code()) {
            headers.insert(header::CONTENT_LANGUAGE, v);
        }
        headers.append(header::VARY, HeaderValue::from_static("Accept-Language, Cookie"));
    }
    // The pseudo-locale is for a look, never remembered.
    if let (Some(chosen), false) = (signs.query.filter(|l| *l != Lang::EnXa), console) {
        if signs.cookie != Some(chosen) {
            let secure = if cookie_secure { "; Secure" } else { "" };
            let cookie = format!("{COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly{secure}", chosen.code());
            if let Ok(v) = HeaderValue::from_str(&cookie) {
                headers.append(header::SET_COOKIE, v);
            }
        }
    }
    resp
}

/// The `locale` the host sent with the link: the signed-in user's (kept in the session at sign-in), or on a link's
/// landing page the user it names (the link is only read, never used).
async fn host_locale(state: &crate::state::AppState, session: &tower_sessions::Session, path: String) -> Option<Lang> {
    if let Some(token) = path.strip_prefix("/link/") {
        let link = state.links.signer().verify(token, chrono::Utc::now()).ok()?;
        let profile = state.db.profile(&link.user).await.ok()?;
        return profile.locale.as_deref().and_then(Lang::from_tag);
    }
    let who = crate::services::sessions::current(session).await?;
    who.locale.as_deref().and_then(Lang::from_tag)
}
