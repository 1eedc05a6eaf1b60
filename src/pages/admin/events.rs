//! `/admin/events`: the append-only event log, newest first, filterable by user id, integration and kind (in the URL).

use super::{Admin, AdminNav, GateView, IntegrationSelect, Unavailable};
use crate::filters::query_string;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

pub const PAGE_SIZE: i64 = 100;

/// Every kind of event, as stored, with its words.
pub const KINDS: [(&str, &str); 10] = [
    ("link_minted", "Link created"),
    ("link_used", "Link used"),
    ("link_rejected", "Link refused"),
    ("connect_started", "Connect started"),
    ("callback_received", "Returned from authorization"),
    ("admin_signed_in", "Admin signed in"),
    ("admin_signed_out", "Admin signed out"),
    ("admin_user_added", "User added by an admin"),
    ("admin_checked", "Checked by an admin"),
    ("admin_exported", "Connections exported"),
];

/// An event's detail in words (what is stored is terse and stable).
pub fn describe(kind: &str, detail: &str) -> String {
    match (kind, detail) {
        ("link_minted", "cli") => "with the CLI".into(),
        ("link_minted", "api") => "through the link API".into(),
        ("link_minted", "console") => "in the admin console".into(),
        ("connect_started", "") | ("link_used", "") => String::new(),
        ("connect_started", code) => format!("failed: {code}"),
        ("callback_received", d) => {
            let get = |k: &str| d.split(' ').find_map(|p| p.strip_prefix(k)).unwrap_or("?");
            let verified = crate::domain::ConnState::label_for_key(get("verified="));
            format!("the provider reported {}; the API says: {verified}", get("reported="))
        }
        _ => detail.to_owned(),
    }
}

pub fn kind_label(kind: &str) -> String {
    KINDS.iter().find(|(k, _)| *k == kind).map(|(_, l)| l.to_string()).unwrap_or_else(|| kind.to_string())
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct EventFilter {
    /// An exact user id.
    pub user: String,
    pub integration: String,
    pub kind: String,
    pub page: u32,
}

impl EventFilter {
    pub fn from_pairs(get: impl Fn(&str) -> Option<String>) -> Self {
        let clean = |v: Option<String>| v.map(|s| s.trim().chars().take(256).collect::<String>()).unwrap_or_default();
        let kind = clean(get("kind"));
        EventFilter {
            user: clean(get("user")),
            integration: clean(get("integration")),
            kind: if KINDS.iter().any(|(k, _)| *k == kind) { kind } else { String::new() },
            page: get("page").and_then(|p| p.trim().parse::<u32>().ok()).filter(|p| *p >= 1).unwrap_or(1),
        }
    }

    fn query(&self, page: u32) -> String {
        let page = if page > 1 { page.to_string() } else { String::new() };
        query_string(&[("user", &self.user), ("integration", &self.integration), ("kind", &self.kind), ("page", &page)])
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct EventRow {
    pub at: String,
    pub kind: String,
    pub user: Option<String>,
    /// The user's page, when the user is in the registry.
    pub reference: Option<String>,
    pub integration: Option<String>,
    pub detail: String,
}

#[cfg(feature = "ssr")]
impl EventRow {
    /// Rows for display: exact times, integration names instead of ids (when known).
    pub fn from_found(found: Vec<(crate::registry::Event, Option<String>)>, integrations: &[(String, String)]) -> Vec<Self> {
        found
            .into_iter()
            .map(|(e, reference)| EventRow {
                at: super::ssr::when_exact(e.at),
                kind: e.kind,
                user: e.user,
                reference,
                integration: e
                    .integration
                    .map(|i| integrations.iter().find(|(id, _)| *id == i).map(|(_, n)| n.clone()).unwrap_or(i)),
                detail: e.detail,
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
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|e| {
                        let user = show_user.then(|| match (e.user, e.reference) {
                            (Some(u), Some(r)) => view! { <td><a href=format!("/admin/users/{r}")>{u}</a></td> }.into_any(),
                            (Some(u), None) => view! { <td>{u}</td> }.into_any(),
                            _ => view! { <td>"—"</td> }.into_any(),
                        });
                        let (label, detail) = (kind_label(&e.kind), describe(&e.kind, &e.detail));
                        view! {
                            <tr data-kind=e.kind>
                                <td>{e.at}</td>
                                <td>{label}</td>
                                {user}
                                <td>{e.integration.unwrap_or_default()}</td>
                                <td>{detail}</td>
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
    pub integrations: Vec<(String, String)>,
    pub rows: Vec<EventRow>,
    pub more: bool,
}

#[server(endpoint = "admin-events")]
pub async fn admin_events(#[server(default)] filter: EventFilter) -> Result<Admin<EventsView>, ServerFnError> {
    use super::ssr;
    let (state, _) = match ssr::gate().await? {
        Ok(ok) => ok,
        Err(gate) => return Ok(Admin::Gate(gate)),
    };
    let (integrations, _) = ssr::columns(&state).await;
    let some = |s: &String| (!s.is_empty()).then_some(s.as_str()).map(str::to_owned);
    let (user, integration, kind) = (some(&filter.user), some(&filter.integration), some(&filter.kind));
    let q = crate::registry::EventQuery { user: user.as_deref(), integration: integration.as_deref(), kind: kind.as_deref() };
    let offset = i64::from(filter.page.max(1) - 1) * PAGE_SIZE;
    let mut found = state.db.events(&q, offset, PAGE_SIZE + 1).await.map_err(ssr::db_error)?;
    let more = found.len() as i64 > PAGE_SIZE;
    found.truncate(PAGE_SIZE as usize);
    let rows = EventRow::from_found(found, &integrations);
    Ok(Admin::Page(EventsView { filter, integrations, rows, more }))
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
                    Ok(Admin::Gate(gate)) => view! { <GateView gate error=None minutes=None/> }.into_any(),
                    Ok(Admin::Page(v)) => view! { <Events v/> }.into_any(),
                    Err(_) => view! { <Unavailable/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Events(v: EventsView) -> impl IntoView {
    let EventsView { filter, integrations, rows, more } = v;
    let page = filter.page.max(1);
    let newer = (page > 1).then(|| format!("/admin/events?{}", filter.query(page - 1)));
    let older = more.then(|| format!("/admin/events?{}", filter.query(page + 1)));
    let active = !(filter.user.is_empty() && filter.integration.is_empty() && filter.kind.is_empty());
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
                <input id="e-user" name="user" type="search" value=filter.user.clone() autocomplete="off"/>
            </div>
            <IntegrationSelect id="e-integration" integrations selected=filter.integration.clone()/>
            <div class="field">
                <label for="e-kind">"What"</label>
                <select id="e-kind" name="kind">
                    <option value="" selected=filter.kind.is_empty()>"Everything"</option>
                    {KINDS.iter().map(|(k, label)| view! {
                        <option value=*k selected=*k == filter.kind>{*label}</option>
                    }).collect_view()}
                </select>
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
            {newer.map(|href| view! { <a href=href rel="prev">"Newer events"</a> })}
            <span>{format!("Page {page}")}</span>
            {older.map(|href| view! { <a href=href rel="next">"Older events"</a> })}
        </nav>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn details_in_words() {
        assert_eq!(
            describe("callback_received", "reported=success verified=connected"),
            "the provider reported success; the API says: Connected"
        );
        assert_eq!(describe("callback_received", "reported=error verified=needs_reconnect"), "the provider reported error; the API says: Needs reconnecting");
        assert_eq!(describe("link_minted", "api"), "through the link API");
        assert_eq!(describe("connect_started", ""), "");
        assert_eq!(describe("connect_started", "timeout"), "failed: timeout");
        assert_eq!(describe("link_rejected", "expired"), "expired");
        assert_eq!(kind_label("admin_checked"), "Checked by an admin");
        assert_eq!(kind_label("something_new"), "something_new");
    }

    #[test]
    fn filters_from_the_url() {
        let f = EventFilter::from_pairs(|k| match k {
            "kind" => Some("nonsense".into()),
            "page" => Some("0".into()),
            "user" => Some("  alice ".into()),
            _ => None,
        });
        assert_eq!(f, EventFilter { user: "alice".into(), integration: String::new(), kind: String::new(), page: 1 });
        assert_eq!(EventFilter { page: 2, ..f }.query(2), "user=alice&page=2");
    }
}
