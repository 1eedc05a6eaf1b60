//! `/admin/events`: the append-only event log, newest first, filterable by user id, integration, kind and the admin
//! who acted (in the URL).

use super::{Admin, AdminNav, GateView, IntegrationSelect, Unavailable};
use crate::domain::{CustomerIntegrationId, EventDetail, EventKind, UserRef};
use crate::filters::{with_query, EventFilter, PageAt, Paged, UrlFilter};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

pub const PAGE_SIZE: i64 = 100;

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct EventRow {
    pub at: String,
    pub kind: EventKind,
    pub user: Option<String>,
    /// The user's page, when the user is in the registry.
    pub reference: Option<UserRef>,
    /// The integration's name when known, else its id.
    pub integration: Option<String>,
    pub detail: EventDetail,
    /// The admin who did it (email or `password`), for an admin's action.
    pub actor: Option<String>,
}

#[cfg(feature = "ssr")]
impl EventRow {
    /// Rows for display: exact times, integration names instead of ids (when known).
    pub fn from_found(found: Vec<crate::services::registry::Event>, integrations: &[(CustomerIntegrationId, String)]) -> Vec<Self> {
        found
            .into_iter()
            .map(|e| EventRow {
                at: super::ssr::when_exact(e.at),
                kind: e.kind,
                user: e.user.map(|u| u.as_str().to_owned()),
                reference: e.reference,
                integration: e.integration.map(|i| {
                    integrations.iter().find(|(id, _)| *id == i).map(|(_, n)| n.clone()).unwrap_or_else(|| i.to_string())
                }),
                detail: e.detail,
                actor: e.actor,
            })
            .collect()
    }
}

/// A table of events, newest first; `show_user` adds the user column (linked to their page).
#[component]
pub fn EventsTable(rows: Vec<EventRow>, label: &'static str, show_user: bool) -> impl IntoView {
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label=label>
            <table class="events">
                <thead>
                    <tr>
                        <th scope="col">"When"</th>
                        <th scope="col">"What"</th>
                        {show_user.then(|| view! { <th scope="col">"User"</th> })}
                        <th scope="col">"Integration"</th>
                        <th scope="col">"Detail"</th>
                        <th scope="col">"Actor"</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|e| {
                        let user = show_user.then(|| match (e.user, e.reference) {
                            (Some(u), Some(r)) => view! { <td><a href=format!("/admin/users/{r}")>{u}</a></td> }.into_any(),
                            (Some(u), None) => view! { <td>{u}</td> }.into_any(),
                            _ => view! { <td>"—"</td> }.into_any(),
                        });
                        let (label, detail) = (e.kind.label(), e.detail.words());
                        let actor = e.actor.unwrap_or_default();
                        let actor_attr = actor.clone();
                        view! {
                            <tr data-kind=e.kind.as_str() data-actor=actor_attr>
                                <td>{e.at}</td>
                                <td>{label}</td>
                                {user}
                                <td>{e.integration.unwrap_or_default()}</td>
                                <td>{detail}</td>
                                <td>{actor}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct EventsView {
    pub filter: EventFilter,
    pub integrations: Vec<(CustomerIntegrationId, String)>,
    pub rows: Vec<EventRow>,
    /// The `newer=` and `older=` keys of the pages beside this one.
    pub newer: Option<String>,
    pub older: Option<String>,
}

#[server(endpoint = "admin-events")]
pub async fn admin_events(#[server(default)] filter: EventFilter) -> Result<Admin<EventsView>, ServerFnError> {
    use super::ssr;
    let (state, _) = match ssr::gate().await? {
        Ok(ok) => ok,
        Err(gate) => return Ok(Admin::Gate(gate)),
    };
    let (integrations, _) = ssr::columns(&state).await;
    let q = crate::services::registry::EventQuery {
        user: filter.user.as_ref(),
        integration: filter.integration.as_ref(),
        kind: filter.kind,
        actor: filter.actor.as_deref(),
    };
    let page = state.db.events_page(&q, &filter.at, PAGE_SIZE).await.map_err(ssr::db_error)?;
    let rows = EventRow::from_found(page.events, &integrations);
    Ok(Admin::Page(EventsView { filter, integrations, rows, newer: page.newer, older: page.older }))
}

#[component]
pub fn EventsPage() -> impl IntoView {
    let filter = use_query_map().with_untracked(|q| EventFilter::from_pairs(|k| q.get(k)));
    let data = Resource::new(move || filter.clone(), admin_events);
    view! {
        <Title text="Events · Admin"/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(Admin::Gate(gate)) => view! { <GateView gate notice=None/> }.into_any(),
                    Ok(Admin::Page(v)) => view! { <Events v/> }.into_any(),
                    Err(_) => view! { <Unavailable/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Events(v: EventsView) -> impl IntoView {
    let EventsView { filter, integrations, rows, newer, older } = v;
    let link = |at: PageAt| with_query("/admin/events", &filter.page_query(&at));
    let newest = (filter.at != PageAt::Newest && newer.is_some()).then(|| link(PageAt::Newest));
    let oldest = (filter.at != PageAt::Oldest && older.is_some()).then(|| link(PageAt::Oldest));
    let newer = newer.map(|k| link(PageAt::Newer(k)));
    let older = older.map(|k| link(PageAt::Older(k)));
    let active = filter.is_active();
    let empty = rows.is_empty();
    view! {
        <AdminNav current="events"/>
        <section class="intro">
            <div>
                <h1>"Events"</h1>
                <p class="lede">"Everything that happened, newest first: links, connects, returns from authorization and admin actions."</p>
            </div>
        </section>
        <form class="filters admin-filters" method="get" action="/admin/events" role="search" aria-label="Filter events">
            <div class="field">
                <label for="e-user">"User id"</label>
                <input id="e-user" name="user" type="search" value=filter.user.as_ref().map(|u| u.as_str().to_owned()).unwrap_or_default() autocomplete="off"/>
            </div>
            <IntegrationSelect id="e-integration" integrations selected=filter.integration.clone()/>
            <div class="field">
                <label for="e-kind">"What"</label>
                <select id="e-kind" name="kind">
                    <option value="" selected=filter.kind.is_none()>"Everything"</option>
                    {EventKind::ALL.iter().map(|k| view! {
                        <option value=k.as_str() selected=Some(*k) == filter.kind>{k.label()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="e-actor">"Actor"</label>
                <input id="e-actor" name="actor" type="search" value=filter.actor.clone().unwrap_or_default() autocomplete="off" placeholder="email or password"/>
            </div>
            <div class="field actions">
                <button type="submit">"Apply"</button>
                {active.then(|| view! { <a href="/admin/events">"Clear filters"</a> })}
            </div>
        </form>
        {if empty {
            view! { <p class="empty">"No events match these filters."</p> }.into_any()
        } else {
            view! { <EventsTable rows label="Events" show_user=true/> }.into_any()
        }}
        <nav class="pager" aria-label="Pages">
            {newest.map(|href| view! { <a href=href data-page="newest">"Newest"</a> })}
            {newer.map(|href| view! { <a href=href rel="prev">"Newer events"</a> })}
            {older.map(|href| view! { <a href=href rel="next">"Older events"</a> })}
            {oldest.map(|href| view! { <a href=href data-page="oldest">"Oldest"</a> })}
        </nav>
    }
}
