//! The portal's server-rendered pieces: an integration as a card with its state and its Connect button.

use crate::domain::{CardState, ConnState, Integration};
use crate::portal::islands::ConnectForm;
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
