//! What every page shares, portal and console alike: what the deployment is ([`SiteInfo`]), the site header,
//! refusal and not-found pages, logos, state badges, and setting the HTTP response from a page ([`response`]).

pub mod response;

use crate::domain::ConnState;
use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

/// What every page may show about the deployment (provided by the server when rendering).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct SiteInfo {
    /// Running on the embedded sandbox, not the real API.
    pub sandbox: bool,
    /// The host product's name, as in "ask <app> for a new link".
    pub app_name: String,
}

/// "Back to <app>", when the link that signed the user in named a return URL.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct BackLink {
    pub label: String,
    pub url: String,
}

impl BackLink {
    pub fn new(app_name: &str, url: String) -> Self {
        BackLink { label: format!("Back to {app_name}"), url }
    }
}

/// Who is signed in to the portal in this browser, as pages may show it: a display name, or the user id masked
/// (`al…ce`). Put on the request by the session layer; read by the header.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewer {
    pub shown_as: String,
}

impl Viewer {
    /// The first two and last two characters (`alice` → `al…ce`); short ids show their first character only.
    pub fn mask(id: &str) -> String {
        let chars: Vec<char> = id.chars().collect();
        match chars.len() {
            0..=4 => format!("{}…", chars.first().copied().unwrap_or('?')),
            n => format!("{}{}…{}{}", chars[0], chars[1], chars[n - 2], chars[n - 1]),
        }
    }

    /// The viewer of the request being rendered (server only).
    pub fn current() -> Option<Viewer> {
        #[cfg(feature = "ssr")]
        {
            use_context::<http::request::Parts>().and_then(|p| p.extensions.get::<Viewer>().cloned())
        }
        #[cfg(not(feature = "ssr"))]
        None
    }
}

/// The top bar on every page, with the "Sandbox" badge when running without a real API key, and who is signed in
/// with Sign out.
#[component]
pub fn SiteHeader() -> impl IntoView {
    let site = use_context::<SiteInfo>().unwrap_or_default();
    let viewer = Viewer::current();
    view! {
        <a class="skip" href="#main">"Skip to content"</a>
        <header class="site">
            <a class="brand" href="/">
                <span class="brand-mark" aria-hidden="true"></span>
                "plugboard"
            </a>
            {site.sandbox.then(|| view! {
                <span class="badge sandbox" title="Running on the built-in sandbox: no real accounts are connected">
                    "Sandbox"
                </span>
            })}
            {viewer.map(|v| view! {
                <div class="viewer">
                    <span>"Signed in as " <strong class="viewer-name">{v.shown_as}</strong></span>
                    <form method="post" action="/api/sign-out">
                        <button type="submit" class="secondary">"Sign out"</button>
                    </form>
                </div>
            })}
        </header>
    }
}

/// An integration's logo over a monogram: when the logo is missing or fails to load, the monogram shows (the image
/// has an empty alt, so a broken one renders as nothing, never as a broken-image icon).
#[component]
pub fn Logo(name: String, url: Option<String>, #[prop(optional)] large: bool) -> impl IntoView {
    let monogram: String =
        name.chars().find(|c| c.is_alphanumeric()).map(|c| c.to_uppercase().collect()).unwrap_or_default();
    let hue = name.bytes().fold(0u32, |h, b| h.wrapping_mul(31).wrapping_add(b as u32)) % 12;
    let url = url.filter(|u| u.starts_with("https://") || u.starts_with("http://"));
    view! {
        <span class=format!("logo hue-{hue}") class:large=large aria-hidden="true">
            <span class="monogram">{monogram}</span>
            {url.map(|src| view! { <img src=src alt="" width="48" height="48" decoding="async" referrerpolicy="no-referrer"/> })}
        </span>
    }
}

/// "just now", "5 min ago", "3 h ago", "2 d ago".
pub fn ago(now: chrono::DateTime<chrono::Utc>, t: chrono::DateTime<chrono::Utc>) -> String {
    let secs = (now - t).num_seconds().max(0);
    match secs {
        0..60 => "just now".into(),
        60..3600 => format!("{} min ago", secs / 60),
        3600..172_800 => format!("{} h ago", secs / 3600),
        _ => format!("{} d ago", secs / 86_400),
    }
}

/// A length of time as a person reads it: "45 s", "12 min", "2 h 10 min", "3 d 4 h".
pub fn duration_words(secs: u64) -> String {
    match secs {
        0..60 => format!("{} s", secs.max(1)),
        60..3600 => format!("{} min", secs.div_ceil(60)),
        3600..86_400 => match (secs % 3600).div_ceil(60) {
            0 => format!("{} h", secs / 3600),
            60 => format!("{} h", secs / 3600 + 1),
            m => format!("{} h {m} min", secs / 3600),
        },
        _ => match (secs % 86_400) / 3600 {
            0 => format!("{} d", secs / 86_400),
            h => format!("{} d {h} h", secs / 86_400),
        },
    }
}

/// A date as a person reads it ("3 Oct 2026").
pub fn human_date(t: &chrono::DateTime<chrono::Utc>) -> String {
    t.format("%-d %b %Y").to_string()
}

/// The user's state for one integration, in words, never blank. `checked_ago` ("5 min ago") is given when the state
/// shown is the last known one because the API did not answer just now.
#[component]
pub fn StateBadge(state: ConnState, #[prop(optional_no_strip)] checked_ago: Option<String>) -> impl IntoView {
    let key = state.key().as_str();
    let (text, time) = match &state {
        ConnState::Connected { since } => (format!("Connected since {}", human_date(since)), Some(since.to_rfc3339())),
        ConnState::NeedsReconnect { .. } => ("Needs reconnecting".to_string(), None),
        ConnState::NotConnected => ("Not connected".to_string(), None),
        ConnState::Unknown => ("Unknown: could not check just now".to_string(), None),
    };
    view! {
        <span class=format!("state state-{key}")>
            <span class="dot" aria-hidden="true"></span>
            {match time {
                Some(t) => view! { <time datetime=t>{text}</time> }.into_any(),
                None => view! { <span>{text}</span> }.into_any(),
            }}
            {checked_ago.map(|a| view! { <small class="checked">{format!(" · checked {a}")}</small> })}
        </span>
    }
}

/// A refusal page (a link or a callback we will not accept): its status, what happened, what to do.
#[component]
pub fn Problem(
    status: u16,
    title: &'static str,
    body: String,
    reason: &'static str,
    /// Whether to offer "Back to integrations" (only useful to a signed-in user).
    back: bool,
) -> impl IntoView {
    response::set_status(status);
    view! {
        <Title text=title/>
        <section class="notice problem" data-reason=reason>
            <h1>{title}</h1>
            <p>{body}</p>
            {back.then(|| view! { <p><a class="button" href="/">"Back to integrations"</a></p> })}
            <RequestReference/>
        </section>
    }
}

/// "Reference: <request id>", so a person can quote it to support (server-rendered pages only).
#[component]
pub fn RequestReference() -> impl IntoView {
    #[cfg(feature = "ssr")]
    let id = use_context::<http::request::Parts>()
        .and_then(|p| p.headers.get("x-request-id").and_then(|v| v.to_str().ok()).map(str::to_owned));
    #[cfg(not(feature = "ssr"))]
    let id: Option<String> = None;
    id.map(|id| view! { <p class="hint reference">"Reference: " <code>{id}</code></p> })
}

#[component]
pub fn BackToApp(link: BackLink) -> impl IntoView {
    view! { <a class="button secondary" href=link.url>{link.label}</a> }
}

#[component]
pub fn NotFound() -> impl IntoView {
    response::set_status(404);
    view! {
        <Title text="Page not found"/>
        <section class="notice">
            <h1>"Page not found"</h1>
            <p>"There is nothing at this address."</p>
            <p><a class="button" href="/">"Back to integrations"</a></p>
            <RequestReference/>
        </section>
    }
}
