//! The integrations page (`/`): the signed-in user's integrations with their state, or the sign-in page. Streamed in
//! order: the shell first, then each card as its state arrives.

use super::components::{FilterBar, IntegrationCard};
use super::SignIn;
use crate::domain::{AuthType, CardState, ConnState, ConnectProblem, Integration};
use crate::filters::{Filters, UrlFilter};
use crate::i18n::t;
use crate::ui::{BackLink, BackToApp, Brand};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

/// What the page shows before any state is known.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Overview {
    SignedOut,
    SignedIn {
        integrations: Vec<Integration>,
        /// The message (its id) that explains why the API could not be used.
        problem: Option<String>,
        /// The list is the last good one, served while the API fails.
        stale: bool,
        back: Option<BackLink>,
    },
}

#[server(endpoint = "overview")]
pub async fn portal_overview() -> Result<Overview, ServerFnError> {
    let state = crate::state::AppState::current()?;
    let session: tower_sessions::Session = leptos_axum::extract().await?;
    let Some(who) = crate::services::sessions::current(&session).await else { return Ok(Overview::SignedOut) };
    let back = who.return_link(&state.config.links.return_hosts).map(|url| BackLink::new(&state.site.app(), url));
    match state.catalog.listing().await {
        Ok(l) => {
            let integrations = l.integrations.iter().filter(|i| who.allows(&i.customer_integration_id)).cloned().collect();
            Ok(Overview::SignedIn { integrations, problem: None, stale: l.stale, back })
        }
        Err(e) => {
            tracing::warn!(error = %e, "listing integrations failed");
            let problem = Some(e.user_message_id().to_owned());
            Ok(Overview::SignedIn { integrations: vec![], problem, stale: false, back })
        }
    }
}

/// The signed-in user's cards, in the order of the active list: each from the fresh snapshot or read live (see
/// `services::connections`). Takes no ids: only integrations of the active list are ever read.
#[server(endpoint = "card-states")]
pub async fn read_cards() -> Result<Vec<(String, CardState)>, ServerFnError> {
    let state = crate::state::AppState::current()?;
    let session: tower_sessions::Session = leptos_axum::extract().await?;
    let who = crate::services::sessions::current(&session).await.ok_or_else(|| ServerFnError::new("Sign in first."))?;
    let list = state.catalog.integrations().await.map_err(|e| ServerFnError::new(e.user_message_id()))?;
    let ids: Vec<_> =
        list.iter().map(|i| i.customer_integration_id.clone()).filter(|i| who.allows(i)).collect();
    let cards = state.connections.cards(&who.user, &ids).await;
    Ok(ids.iter().map(|i| i.to_string()).zip(cards).collect())
}

#[component]
pub fn IntegrationsPage() -> impl IntoView {
    let query = use_query_map();
    let (filters, error) =
        query.with_untracked(|q| (Filters::from_pairs(|k| q.get(k)), q.get("error").map(|e| ConnectProblem::from_url(&e))));
    // Resources made here, once per page: each load runs once, however often the views below are built (a Suspense
    // may build its children more than once). The cards start loading alongside the list.
    let overview = Resource::new(|| (), |_| portal_overview());
    let cards = Resource::new(|| (), |_| read_cards());
    if error == Some(ConnectProblem::NotAllowed) {
        crate::ui::response::set_status(403);
    }
    view! {
        // Outside the Suspense: the head is streamed before any upstream call returns.
        <Title text=t("integrations-title")/>
        <Suspense fallback=|| view! { <p class="loading" role="status">{t("loading")}</p> }>
            {move || {
                let filters = filters.clone();
                let error = error.clone();
                Suspend::new(async move {
                    match overview.await {
                        Ok(Overview::SignedOut) => view! { <SignIn/> }.into_any(),
                        Ok(Overview::SignedIn { integrations, problem, stale, back }) => {
                            view! { <Portal integrations problem stale back filters error cards/> }.into_any()
                        }
                        Err(_) => view! { <Portal integrations=vec![] problem=Some(UNAVAILABLE.to_owned()) stale=false back=None filters error cards/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

type CardsResource = Resource<Result<Vec<(String, CardState)>, ServerFnError>>;

const UNAVAILABLE: &str = "upstream-unavailable";

#[component]
fn Portal(
    integrations: Vec<Integration>,
    problem: Option<String>,
    stale: bool,
    back: Option<BackLink>,
    filters: Filters,
    error: Option<ConnectProblem>,
    cards: CardsResource,
) -> impl IntoView {
    let total = integrations.len();
    let mut auth_options: Vec<(String, String)> = Vec::new();
    for t in AuthType::KNOWN.iter().cloned().chain(integrations.iter().filter_map(|i| i.auth_type.clone())) {
        if integrations.iter().any(|i| i.auth_type.as_ref() == Some(&t))
            && !auth_options.iter().any(|(v, _)| v == t.as_str())
        {
            auth_options.push((t.as_str().to_owned(), super::components::auth_label(Some(&t))));
        }
    }
    let empty = total == 0 && problem.is_none();
    let intro = Brand::current().intro(crate::i18n::current());
    view! {
        <section class="intro">
            <div>
                <h1>{t("integrations-title")}</h1>
                {intro.map(|line| view! { <p class="lede brand-intro" dir="auto">{line}</p> })}
                <p class="lede">{t("integrations-lede")}</p>
            </div>
            <div class="intro-actions">
                {back.map(|b| view! { <BackToApp link=b/> })}
            </div>
        </section>
        {error.map(|problem| view! {
            <div class="banner" role="alert">
                <p><strong>{t(problem.message_id())}</strong></p>
            </div>
        })}
        {stale.then(|| view! {
            <p class="note" role="status" data-stale="">{t("list-stale")}</p>
        })}
        {problem.map(|p| view! {
            <div class="banner" role="alert">
                <p><strong>{t(&p)}</strong></p>
                <p class="hint">{t("nothing-lost")}</p>
                <p><a class="button" href="/">{t("try-again")}</a></p>
            </div>
        })}
        {(total > 0).then(|| view! {
            <FilterBar filters=filters.clone() auth_options total/>
            <Cards integrations filters=filters.clone() cards/>
            <p id="no-match" class="empty" hidden>{t("no-match")}</p>
        })}
        {empty.then(|| view! { <p class="empty">{t("no-integrations")}</p> })}
    }
}

/// The cards, rendered once their states are known (read concurrently; one Suspense for all of them: a warm view
/// is one snapshot query and one render).
#[component]
fn Cards(integrations: Vec<Integration>, filters: Filters, cards: CardsResource) -> impl IntoView {
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let (integrations, filters) = (integrations.clone(), filters.clone());
                Suspend::new(async move {
                    let mut states: std::collections::HashMap<String, CardState> =
                        cards.await.unwrap_or_default().into_iter().collect();
                    let unknown = || CardState { state: ConnState::Unknown, checked_at: None };
                    view! {
                        <ul class="cards" id="cards">
                            {integrations.into_iter().map(|integration| {
                                let card = states.remove(integration.customer_integration_id.as_str()).unwrap_or_else(unknown);
                                let auth = integration.auth_type.as_ref().map(|a| a.as_str().to_owned()).unwrap_or_default();
                                let visible = filters.matches(&integration.name, &integration.host, &auth, Some(card.state.key()));
                                view! { <IntegrationCard integration card visible/> }
                            }).collect_view()}
                        </ul>
                    }
                })
            }}
        </Suspense>
    }
}
