//! The portal's server-rendered pieces: an integration as a card with its state and its Connect button, and the
//! search and filter form (a GET form the server applies; the island makes it instant).

use crate::domain::{CardState, ConnState, Integration, StateKey};
use crate::filters::Filters;
use crate::portal::islands::{ConnectForm, LiveFilters};
use crate::ui::{Logo, StateBadge};
use leptos::prelude::*;

/// One integration as a card, with the user's state and the primary action. `state` is `None` only while it is
/// not known; `visible` applies the server-side filters.
#[component]
pub fn IntegrationCard(integration: Integration, card: CardState, visible: bool) -> impl IntoView {
    let CardState { state, checked_ago } = card;
    let Integration { name, description, logo_url, host, auth_type, customer_integration_id, .. } = integration;
    let auth_label = auth_type.as_ref().map(|a| a.label()).unwrap_or_else(|| "Sign-in type not stated".into());
    let auth_wire = auth_type.as_ref().map(|a| a.as_str().to_owned()).unwrap_or_default();
    let action = if state.has_connection() { "Reconnect" } else { "Connect" };
    let secondary = matches!(state, ConnState::Connected { .. });
    let id = customer_integration_id.to_string();
    let (dom_id, data_name, data_host, data_state) = (format!("card-{id}"), name.clone(), host.clone(), state.key().as_str());
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
                    <StateBadge state=state checked_ago=checked_ago/>
                </p>
                <div class="actions">
                    <ConnectForm integration_id=id label=action.to_string() name=name secondary=secondary/>
                </div>
            </div>
        </li>
    }
}

/// Search and filters: a GET form (without JavaScript the server filters), made instant by [`LiveFilters`].
#[component]
pub fn FilterBar(filters: Filters, auth_options: Vec<(String, String)>) -> impl IntoView {
    let state_options = StateKey::ALL.iter().map(|k| (k.as_str().to_owned(), k.label().to_owned())).collect::<Vec<_>>();
    let state = filters.state.map(|s| s.as_str().to_owned()).unwrap_or_default();
    view! {
        <LiveFilters>
            <form class="filters" method="get" action="/" role="search">
                <div class="field grow">
                    <label for="q">"Search"</label>
                    <input id="q" name="q" type="search" placeholder="Name or host" autocomplete="off" value=filters.q.clone()/>
                </div>
                <FilterSelect name="state" label="State" any="Any state" options=state_options current=state/>
                <FilterSelect name="auth" label="Sign-in type" any="Any type" options=auth_options current=filters.auth.clone()/>
                <div class="field apply">
                    <button type="submit" class="secondary">"Apply"</button>
                </div>
                <p class="filter-status" role="status" aria-live="polite"></p>
            </form>
        </LiveFilters>
    }
}

/// A labelled `<select>` of the filter bar, `current` selected.
#[component]
fn FilterSelect(
    name: &'static str,
    label: &'static str,
    any: &'static str,
    options: Vec<(String, String)>,
    current: String,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=name>{label}</label>
            <select id=name name=name>
                <option value="" selected=current.is_empty()>{any}</option>
                {options.into_iter().map(|(v, l)| {
                    let sel = v == current;
                    view! { <option value=v selected=sel>{l}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}
