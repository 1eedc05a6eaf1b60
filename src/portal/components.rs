//! The portal's server-rendered pieces: an integration as a card with its state and its Connect button, and the
//! search and filter form (a GET form the server applies; the island makes it instant).

use crate::domain::{CardState, ConnState, Integration, StateKey};
use crate::filters::Filters;
use crate::portal::islands::{ConnectForm, LiveFilters};
use crate::i18n::{t, ta};
use crate::ui::{Brand, Logo, StateBadge};
use leptos::prelude::*;

/// One integration as a card, with the user's state and the primary action. `state` is `None` only while it is
/// not known; `visible` applies the server-side filters.
#[component]
pub fn IntegrationCard(integration: Integration, card: CardState, visible: bool) -> impl IntoView {
    let CardState { state, checked_at } = card;
    let Integration { name, description, logo_url, host, auth_type, customer_integration_id, .. } = integration;
    let auth_label = auth_label(auth_type.as_ref());
    let auth_wire = auth_type.as_ref().map(|a| a.as_str().to_owned()).unwrap_or_default();
    let action = t(if state.has_connection() { "reconnect" } else { "connect" });
    let help = Brand::current().help(customer_integration_id.as_str(), crate::i18n::current());
    let secondary = matches!(state, ConnState::Connected { .. });
    let id = customer_integration_id.to_string();
    let (dom_id, data_name, data_host, data_state) = (format!("card-{id}"), name.clone(), host.clone(), state.key().as_str());
    view! {
        <li class="card" id=dom_id data-card="" data-name=data_name data-host=data_host
            data-auth=auth_wire data-state=data_state hidden=!visible>
            <Logo name=name.clone() url=logo_url/>
            <div class="card-body">
                // Names keep their own direction inside the page's (`<bdi>`), the line aligned as the page is.
                <h2><bdi>{name.clone()}</bdi></h2>
                <p class="host" translate="no"><bdi dir="ltr">{host}</bdi></p>
                {description.map(|d| view! { <p class="description" dir="auto">{d}</p> })}
                <p class="meta">
                    <span class="auth">{auth_label}</span>
                    <StateBadge state=state checked_at=checked_at/>
                </p>
                {help.map(|h| view! { <HelpLine help=h/> })}
                <div class="actions">
                    <ConnectForm integration_id=id label=action name=name secondary=secondary/>
                </div>
            </div>
        </li>
    }
}

/// An integration's sign-in type in words: ours for the types we know, the API's own otherwise.
pub fn auth_label(auth: Option<&crate::domain::AuthType>) -> String {
    match auth {
        None => t("auth-not-stated"),
        Some(a) => a.message_id().map(t).unwrap_or_else(|| a.label()),
    }
}

/// The host's help for an integration: a line in the page's language and a link to its page.
#[component]
pub fn HelpLine(help: crate::ui::Help) -> impl IntoView {
    let crate::ui::Help { text, url } = help;
    view! {
        <p class="help" data-help="">
            {text.map(|(t, lang)| view! { <span dir="auto" lang=lang>{t}</span> " " })}
            {url.map(|u| view! { <a href=u rel="noopener">{t("help-link")}</a> })}
        </p>
    }
}

/// Search and filters: a GET form (without JavaScript the server filters), made instant by [`LiveFilters`].
#[component]
pub fn FilterBar(filters: Filters, auth_options: Vec<(String, String)>, total: usize) -> impl IntoView {
    let state_options = StateKey::ALL.iter().map(|k| (k.as_str().to_owned(), t(k.message_id()))).collect::<Vec<_>>();
    let state = filters.state.map(|s| s.as_str().to_owned()).unwrap_or_default();
    // The island's words, chosen here: the browser only puts the count where `{n}` is (`$n` never picks a form).
    let showing = ta("filter-showing", &[("n", "{n}".into()), ("total", total.into())]);
    view! {
        <LiveFilters>
            <form class="filters" method="get" action="/" role="search">
                <div class="field grow">
                    <label for="q">{t("search-label")}</label>
                    <input id="q" name="q" type="search" placeholder=t("search-placeholder") autocomplete="off" value=filters.q.clone()/>
                </div>
                <FilterSelect name="state" label=t("filter-state") any=t("filter-any-state") options=state_options current=state/>
                <FilterSelect name="auth" label=t("filter-auth") any=t("filter-any-auth") options=auth_options current=filters.auth.clone()/>
                <div class="field apply">
                    <button type="submit" class="secondary">{t("filter-apply")}</button>
                </div>
                <p class="filter-status" role="status" aria-live="polite"
                    data-all=ta("filter-showing-all", &[("total", total.into())])
                    data-some=showing
                    data-none=t("no-match")></p>
            </form>
        </LiveFilters>
    }
}

/// A labelled `<select>` of the filter bar, `current` selected.
#[component]
fn FilterSelect(
    name: &'static str,
    label: String,
    any: String,
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
