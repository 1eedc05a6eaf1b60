//! `/admin`: users as rows, active integrations as columns, a state badge per cell, from the status snapshot (never a
//! live fan-out). Filters and the page live in the URL; the same filters drive the CSV export.

use super::{Admin, AdminNav, Cell, CellBadge, GateView, IntegrationSelect, Unavailable};
use crate::domain::{CustomerIntegrationId, SignInNotice, StateKey, UserRef};
use crate::filters::{with_query, MatrixFilter, PageAt, Paged, UrlFilter, COUNT_CAP};
use crate::ui::thousands;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

/// Rows per page.
pub const PAGE_SIZE: i64 = 50;

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Row {
    pub user: String,
    pub reference: UserRef,
    pub last_seen: String,
    pub cells: Vec<Cell>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Counts {
    pub id: CustomerIntegrationId,
    pub name: String,
    /// connected, not connected, needs reconnecting, unknown.
    pub n: [i64; 4],
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct MatrixView {
    pub filter: MatrixFilter,
    /// Every active integration (for the filter), as (id, name).
    pub integrations: Vec<(CustomerIntegrationId, String)>,
    /// The columns shown (all, or the one filtered by).
    pub columns: Vec<(CustomerIntegrationId, String)>,
    pub rows: Vec<Row>,
    /// Per column, over the matching users; None when more than the cap match (counting them would read every row).
    pub counts: Option<Vec<Counts>>,
    pub total_users: i64,
    pub matching: i64,
    /// `matching` is a floor: more match.
    pub capped: bool,
    /// The `newer=` and `older=` keys of the pages beside this one.
    pub newer: Option<String>,
    pub older: Option<String>,
    /// The integration list could not be read: the matrix has no columns.
    pub list_unavailable: bool,
    /// How long the refresher takes to re-check every connected pair at its budget ("2 h 10 min"), or None when off.
    pub refresh_pass: Option<String>,
    /// The API rejects our key (401/403): nothing live can work until the operator fixes it.
    pub key_rejected: bool,
}

#[server(endpoint = "admin-matrix")]
pub async fn admin_matrix(#[server(default)] filter: MatrixFilter) -> Result<Admin<MatrixView>, ServerFnError> {
    use super::ssr;
    use crate::services::registry::matrix::{summary_counts, Matching};
    use crate::services::registry::MatrixQuery;
    let (state, _) = match ssr::gate().await? {
        Ok(ok) => ok,
        Err(gate) => return Ok(Admin::Gate(gate)),
    };
    let (integrations, list_ok) = ssr::columns(&state).await;
    let columns = shown_columns(&integrations, &filter);
    let ids: Vec<CustomerIntegrationId> = columns.iter().map(|(id, _)| id.clone()).collect();
    let q = MatrixQuery { organization: filter.org.as_deref(), search: &filter.q, state: filter.state, integrations: &ids };
    let all: Vec<CustomerIntegrationId> = integrations.iter().map(|(id, _)| id.clone()).collect();
    let summary = state.db.summary(&all).await.map_err(ssr::db_error)?;
    let matching = state.db.matrix_matching(&q, &summary).await.map_err(ssr::db_error)?;
    let page = state.db.matrix_page(&q, &filter.at, PAGE_SIZE).await.map_err(ssr::db_error)?;
    // Only choosing a column filters no user: the kept summary counts it.
    let users_filtered = filter.state.is_some() || !filter.q.trim().is_empty() || filter.org.is_some();
    let counts = if !users_filtered {
        Some(ids.iter().map(|i| summary_counts(&summary, i)).collect())
    } else if let Some(n) = matching.small() {
        Some(state.db.matrix_counts(&q, n).await.map_err(ssr::db_error)?)
    } else {
        None
    };
    let now = chrono::Utc::now();
    let stale_after = state.config.console.stale_after;
    let rows = page
        .rows
        .into_iter()
        .map(|r| Row {
            cells: ids
                .iter()
                .map(|id| Cell::from_snapshot(r.snapshots.iter().find(|s| s.integration == *id), now, stale_after))
                .collect(),
            last_seen: ssr::when(r.user.last_seen),
            user: r.user.user.as_str().to_owned(),
            reference: r.user.reference,
        })
        .collect();
    let counts = counts.map(|counts| {
        counts
            .into_iter()
            .zip(columns.iter())
            .map(|(c, (id, name))| Counts {
                id: id.clone(),
                name: name.clone(),
                n: [c.connected, c.not_connected, c.needs_reconnect, c.unknown],
            })
            .collect()
    });
    let (matching, capped) = match matching {
        Matching::Exact(n) => (n, false),
        Matching::MoreThan(n) => (n, true),
    };
    let per_second = state.config.console.refresh_per_second;
    let refresh_pass = if per_second == 0 {
        None
    } else {
        let connected: i64 = all.iter().map(|i| summary.pairs(i, StateKey::Connected)).sum();
        let min_age = state.config.console.refresh_min_age;
        Some(match super::refresher::connected_pass(connected, per_second, min_age) {
            Some(secs) => format!("about every {}", crate::ui::duration_words(secs)),
            None => "as soon as there are some (none are connected yet)".to_owned(),
        })
    };
    let key_rejected = state.readiness.upstream(&state.catalog).await == crate::services::readiness::Upstream::KeyRejected;
    Ok(Admin::Page(MatrixView {
        refresh_pass,
        key_rejected,
        filter,
        integrations,
        columns,
        rows,
        counts,
        total_users: summary.users,
        matching,
        capped,
        newer: page.newer,
        older: page.older,
        list_unavailable: !list_ok,
    }))
}

/// The columns a filter shows: every active integration, or the one filtered by.
pub fn shown_columns(
    all: &[(CustomerIntegrationId, String)],
    filter: &MatrixFilter,
) -> Vec<(CustomerIntegrationId, String)> {
    all.iter().filter(|(id, _)| filter.integration.as_ref().is_none_or(|f| f == id)).cloned().collect()
}

/// Adds a user id to the registry by hand, then shows the user's page.
#[server(endpoint = "admin-add-user")]
pub async fn admin_add_user(user_id: String) -> Result<(), ServerFnError> {
    let (state, _, who) = super::ssr::require_admin().await?;
    let Ok(user) = crate::domain::UserId::parse(user_id.trim().to_owned()) else {
        leptos_axum::redirect("/admin?add_error=user_id");
        return Ok(());
    };
    let info = state.db.add_user(&user, chrono::Utc::now()).await.map_err(super::ssr::db_error)?;
    super::ssr::record(&state, &who, crate::domain::EventKind::AdminUserAdded, Some(&user), crate::domain::EventDetail::None).await;
    leptos_axum::redirect(&format!("/admin/users/{}", info.reference));
    Ok(())
}

#[component]
pub fn MatrixPage() -> impl IntoView {
    let query = use_query_map();
    let (filter, notice, add_error) = query.with_untracked(|q| {
        (MatrixFilter::from_pairs(|k| q.get(k)), SignInNotice::from_pairs(|k| q.get(k)), q.get("add_error").is_some())
    });
    let data = Resource::new(move || filter.clone(), admin_matrix);
    view! {
        <Title text="Admin"/>
        <Suspense fallback=|| ()>
            {move || {
                Suspend::new(async move {
                    match data.await {
                        Ok(Admin::Gate(gate)) => view! { <GateView gate notice/> }.into_any(),
                        Ok(Admin::Page(m)) => view! { <Matrix m add_error/> }.into_any(),
                        Err(_) => view! { <Unavailable/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn Matrix(m: MatrixView, add_error: bool) -> impl IntoView {
    let MatrixView { filter, integrations, columns, rows, counts, total_users, matching, capped, newer, older, list_unavailable, refresh_pass, key_rejected } = m;
    let shown = rows.len();
    let range = match (rows.first(), rows.last()) {
        (Some(a), Some(b)) if shown > 1 => format!("showing {shown}, seen {} to {}", a.last_seen, b.last_seen),
        (Some(a), _) => format!("showing 1, seen {}", a.last_seen),
        _ => "showing none".to_owned(),
    };
    let summary = match (filter.is_active(), capped) {
        (true, true) => format!("More than {} of {} users match; {range}.", thousands(matching), thousands(total_users)),
        (true, false) => format!("{} of {} users match; {range}.", thousands(matching), thousands(total_users)),
        (false, _) => format!("{} users; {range}, most recently seen first.", thousands(total_users)),
    };
    let export = with_query("/admin/export.csv", &filter.to_query());
    let link = |at: PageAt| with_query("/admin", &filter.page_query(&at));
    let at_newest = filter.at == PageAt::Newest || newer.is_none();
    let at_oldest = filter.at == PageAt::Oldest || older.is_none();
    let newest = (!at_newest).then(|| link(PageAt::Newest));
    let prev = newer.map(|k| link(PageAt::Newer(k)));
    let next = older.map(|k| link(PageAt::Older(k)));
    let oldest = (!at_oldest).then(|| link(PageAt::Oldest));
    let count_link = {
        let (q, org) = (filter.q.clone(), filter.org.clone());
        move |id: &CustomerIntegrationId, state: StateKey| {
            let f = MatrixFilter { q: q.clone(), org: org.clone(), integration: Some(id.clone()), state: Some(state), at: PageAt::Newest };
            with_query("/admin", &f.to_query())
        }
    };
    let state_options = StateKey::ALL;
    view! {
        <AdminNav current="matrix"/>
        <section class="intro">
            <div>
                <h1>"Connections"</h1>
                <p class="lede" id="matrix-summary">{summary}</p>
                <p id="refresh-pass">{match refresh_pass {
                    Some(pass) => format!("Every connection is re-checked {pass} at the refresher's budget."),
                    None => "The background refresher is off (PLUGBOARD_REFRESH_PER_SECOND=0).".to_owned(),
                }}</p>
            </div>
        </section>
        {key_rejected.then(|| view! {
            <p class="banner problem" role="alert" id="key-rejected">"The toolregistry API rejects our API key (401/403): live states, Connect and checks cannot work. Set a valid TR_API_KEY; the host API, the event feed, erasure and webhooks keep working meanwhile."</p>
        })}
        {list_unavailable.then(|| view! {
            <p class="banner" role="status">"The integration list could not be read from the API, so there are no columns right now. Try again in a moment."</p>
        })}
        <form class="filters admin-filters" method="get" action="/admin" role="search" aria-label="Filter users">
            <div class="field">
                <label for="f-q">"User id contains"</label>
                <input id="f-q" name="q" type="search" value=filter.q.clone() autocomplete="off"/>
            </div>
            <div class="field">
                <label for="f-org">"Organization id"</label>
                <input id="f-org" name="org" type="search" value=filter.org.clone().unwrap_or_default() autocomplete="off"/>
            </div>
            <IntegrationSelect id="f-integration" integrations selected=filter.integration.clone()/>
            <div class="field">
                <label for="f-state">"State"</label>
                <select id="f-state" name="state">
                    <option value="" selected=filter.state.is_none()>"Any state"</option>
                    {state_options.iter().map(|k| view! {
                        <option value=k.as_str() selected=Some(*k) == filter.state>{k.label()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field actions">
                <button type="submit">"Apply"</button>
                {filter.is_active().then(|| view! { <a href="/admin">"Clear filters"</a> })}
                <a href=export>"Export CSV"</a>
            </div>
        </form>
        <details class="summary-counts" open>
            <summary>"Summary per integration"</summary>
            {match counts {
                None => view! {
                    <p id="counts-capped">{format!("More than {0} users match: counts per integration are shown for up to {0} matching users (counting more would read every row). Narrow the filter, or export the CSV.", thousands(COUNT_CAP))}</p>
                }.into_any(),
                Some(counts) => view! {
                    <div class="table-wrap" tabindex="0" role="region" aria-label="Summary per integration">
                        <table class="counts">
                            <thead>
                                <tr>
                                    <th scope="col">"Integration"</th>
                                    {state_options.iter().map(|k| view! { <th scope="col">{k.label()}</th> }).collect_view()}
                                </tr>
                            </thead>
                            <tbody>
                                {counts.into_iter().map(|c| {
                                    let link = count_link.clone();
                                    view! {
                                        <tr data-integration=c.id.to_string()>
                                            <th scope="row">{c.name.clone()}</th>
                                            {state_options.iter().zip(c.n).map(|(k, n)| view! {
                                                <td data-state=k.as_str()><a href=link(&c.id, *k) aria-label=format!("{n} {} for {}", k.label(), c.name)>{n}</a></td>
                                            }).collect_view()}
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any(),
            }}
        </details>
        <div class="table-wrap" tabindex="0" role="region" aria-label="Connections per user and integration">
            <table class="matrix">
                <thead>
                    <tr>
                        <th scope="col">"User"</th>
                        <th scope="col">"Last seen"</th>
                        {columns.iter().map(|(_, name)| view! { <th scope="col">{name.clone()}</th> }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|r| {
                        let href = format!("/admin/users/{}", r.reference);
                        let user = r.user;
                        let data_user = user.clone();
                        view! {
                            <tr data-user=data_user>
                                <th scope="row"><a href=href>{user}</a></th>
                                <td>{r.last_seen}</td>
                                {r.cells.into_iter().map(|cell| view! { <td><CellBadge cell/></td> }).collect_view()}
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        {(shown == 0).then(|| view! { <p class="empty">"No users match these filters."</p> })}
        <nav class="pager" aria-label="Pages">
            {newest.map(|href| view! { <a href=href data-page="newest">"Most recent"</a> })}
            {prev.map(|href| view! { <a href=href rel="prev">"Previous page"</a> })}
            {next.map(|href| view! { <a href=href rel="next">"Next page"</a> })}
            {oldest.map(|href| view! { <a href=href data-page="oldest">"Least recent"</a> })}
        </nav>
        <section class="add-user">
            <h2>"Add a user"</h2>
            <form method="post" action="/api/admin-add-user">
                {add_error.then(|| view! { <p class="error" role="alert">"That is not a usable user id: use 1 to 256 characters, no control characters, not . or .."</p> })}
                <label for="add-user">"User id (as the host product knows them)"</label>
                <div class="inline">
                    <input id="add-user" name="user_id" type="text" required maxlength="256" autocomplete="off"/>
                    <button type="submit">"Add user"</button>
                </div>
            </form>
        </section>
    }
}
