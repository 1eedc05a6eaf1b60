//! Components shared by the pages.

mod islands;

pub use islands::{ConnectForm, FilterBar};

use crate::app::SiteInfo;
use crate::domain::{ConnState, Integration};
use leptos::prelude::*;

/// The top bar on every page, with the "Sandbox" badge when running without a real API key.
#[component]
pub fn SiteHeader() -> impl IntoView {
    let site = use_context::<SiteInfo>().unwrap_or_default();
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

/// A date as a person reads it ("3 Oct 2026").
pub fn human_date(t: &chrono::DateTime<chrono::Utc>) -> String {
    t.format("%-d %b %Y").to_string()
}

/// The user's state for one integration, in words, never blank.
#[component]
pub fn StateBadge(state: ConnState) -> impl IntoView {
    let key = state.key();
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
        </span>
    }
}

/// One integration as a card, with the user's state and the primary action. `state` is `None` only while it is
/// not known; `visible` applies the server-side filters.
#[component]
pub fn IntegrationCard(integration: Integration, state: ConnState, visible: bool) -> impl IntoView {
    let Integration { name, description, logo_url, host, auth_type, customer_integration_id, .. } = integration;
    let auth_label = auth_type.as_ref().map(|a| a.label()).unwrap_or_else(|| "Sign-in type not stated".into());
    let auth_wire = auth_type.as_ref().map(|a| a.as_str().to_owned()).unwrap_or_default();
    let action = if state.has_connection() { "Reconnect" } else { "Connect" };
    let secondary = matches!(state, ConnState::Connected { .. });
    let id = customer_integration_id.to_string();
    let (dom_id, data_name, data_host, data_state) = (format!("card-{id}"), name.clone(), host.clone(), state.key());
    view! {
        <li class="card" id=dom_id data-card="" data-name=data_name data-host=data_host
            data-auth=auth_wire data-state=data_state hidden=!visible>
            <Logo name=name.clone() url=logo_url/>
            <div class="card-body">
                <h2>{name.clone()}</h2>
                <p class="host">{host}</p>
                {description.map(|d| view! { <p class="description">{d}</p> })}
                <p class="meta">
                    <span class="auth">{auth_label}</span>
                    <StateBadge state=state/>
                </p>
                <div class="actions">
                    <ConnectForm integration_id=id label=action.to_string() name=name secondary=secondary/>
                </div>
            </div>
        </li>
    }
}
