//! The integrations page (`/`).

use crate::components::IntegrationCard;
use crate::domain::Integration;
use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

/// What the page shows: the active integrations, or why there are none.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PortalData {
    pub integrations: Vec<Integration>,
    /// A user-facing explanation when the API could not be used.
    pub problem: Option<String>,
}

#[server]
pub async fn load_portal() -> Result<PortalData, ServerFnError> {
    let state = crate::server::AppState::current()?;
    match state.api.list_integrations(Some(true)).await {
        Ok(mut integrations) => {
            integrations.retain(|i| i.active);
            integrations.sort_by_key(|i| i.name.to_lowercase());
            Ok(PortalData { integrations, problem: None })
        }
        Err(e) => {
            tracing::warn!(error = %e, "listing integrations failed");
            Ok(PortalData { integrations: vec![], problem: Some(e.user_message().to_owned()) })
        }
    }
}

#[component]
pub fn IntegrationsPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| load_portal());
    view! {
        <Title text="Integrations"/>
        <section class="intro">
            <h1>"Integrations"</h1>
            <p class="lede">"Connect the tools you use. You can reconnect or change a connection at any time."</p>
        </section>
        <Suspense fallback=|| view! { <p class="loading" role="status">"Loading integrations…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(PortalData { problem: Some(problem), .. }) => view! {
                        <div class="banner" role="alert">
                            <p><strong>{problem}</strong></p>
                            <p><a class="button" href="/">"Try again"</a></p>
                        </div>
                    }.into_any(),
                    Ok(PortalData { integrations, .. }) if integrations.is_empty() => view! {
                        <p class="empty">"No integrations are available yet."</p>
                    }.into_any(),
                    Ok(PortalData { integrations, .. }) => view! {
                        <ul class="cards">
                            {integrations.into_iter().map(|i| view! { <IntegrationCard integration=i/> }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(_) => view! {
                        <div class="banner" role="alert">
                            <p><strong>"Integrations are temporarily unavailable."</strong></p>
                            <p><a class="button" href="/">"Try again"</a></p>
                        </div>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}
