//! Components shared by the pages.

use crate::app::SiteInfo;
use crate::domain::Integration;
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
pub fn Logo(name: String, url: Option<String>) -> impl IntoView {
    let monogram: String = name.chars().find(|c| c.is_alphanumeric()).map(|c| c.to_uppercase().collect()).unwrap_or_default();
    let hue = name.bytes().fold(0u32, |h, b| h.wrapping_mul(31).wrapping_add(b as u32)) % 360;
    view! {
        <span class="logo" aria-hidden="true" style=format!("--hue:{hue}")>
            <span class="monogram">{monogram}</span>
            {url.map(|src| view! { <img src=src alt="" width="48" height="48" loading="lazy" decoding="async"/> })}
        </span>
    }
}

/// One integration as a card.
#[component]
pub fn IntegrationCard(integration: Integration) -> impl IntoView {
    let Integration { name, description, logo_url, host, auth_type, .. } = integration;
    let auth_label = auth_type.as_ref().map(|a| a.label()).unwrap_or_else(|| "Sign-in type not stated".into());
    let auth_class = auth_type.as_ref().map(|a| a.as_str().to_ascii_lowercase()).unwrap_or_default();
    let logo_name = name.clone();
    view! {
        <li class="card">
            <Logo name=logo_name url=logo_url/>
            <div class="card-body">
                <h2>{name}</h2>
                <p class="host">{host}</p>
                {description.map(|d| view! { <p class="description">{d}</p> })}
                <p class="meta">
                    <span class=format!("auth auth-{auth_class}")>{auth_label}</span>
                </p>
            </div>
        </li>
    }
}
