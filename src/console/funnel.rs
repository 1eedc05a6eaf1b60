//! `/admin/funnel`: where end users drop off. The connect funnel overall, per sign-in type and per integration for a
//! window (`?window=24h|7d|30d`, `integration=`, `auth=`), the outcomes per day, Connect → verified times, and
//! connection health: created / lost / recovered per day and the pairs lost in the last 24 hours, each with a button
//! that creates its reconnect link. Charts are SVG drawn on the server, each beside its data as a table; the same
//! query as CSV at `/admin/funnel.csv`. Counted from the event log's hourly roll-up (see `registry::funnel`).

use super::charts::{FunnelChart, StackedBars};
use super::{Admin, AdminNav, GateView, IntegrationSelect, Unavailable};
use crate::domain::funnel::{Counts, DropOff, Health, Step, Window, OUTCOMES};
use crate::domain::{CustomerIntegrationId, StateKey, UserRef};
use crate::filters::{with_query, FunnelFilter, UrlFilter};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

/// How many lost pairs the page lists.
pub const LOST_SHOWN: i64 = 100;
#[cfg(feature = "ssr")]
const MINTED_KEY: &str = "plugboard.funnel_minted";

/// One funnel: overall, a sign-in type or an integration (`key` is its id or type, empty for all).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Group {
    pub key: String,
    pub name: String,
    pub counts: Counts,
    /// Connect → verified: median and 90th percentile in words, and of how many.
    pub timing: Option<(String, String, i64)>,
}

/// One bar of a stacked chart: its period and a value per series.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Bar {
    pub label: String,
    pub values: Vec<i64>,
}

/// A pair lost in the last 24 hours.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct LostRow {
    pub at: String,
    pub user: String,
    pub reference: Option<UserRef>,
    pub integration: CustomerIntegrationId,
    pub integration_name: String,
    pub state_now: StateKey,
}

/// A reconnect link just created (shown once).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Minted {
    pub user: String,
    pub integration_name: String,
    pub url: String,
    pub expires_at: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct FunnelView {
    pub filter: FunnelFilter,
    pub integrations_list: Vec<(CustomerIntegrationId, String)>,
    /// Sign-in types of the active list: (value, words).
    pub auth_list: Vec<(String, String)>,
    pub overall: Group,
    pub auth_types: Vec<Group>,
    pub integrations: Vec<Group>,
    /// Bars per hour (24 hours) rather than per day.
    pub hourly: bool,
    pub outcomes: Vec<Bar>,
    pub health: Vec<Bar>,
    pub lost: Vec<LostRow>,
    /// More pairs were lost than are listed.
    pub lost_more: bool,
    pub minted: Option<Minted>,
    /// The active list could not be read: names, sign-in types and the CSV wait for it.
    pub list_unavailable: bool,
    /// A viewer: no export, no reconnect links.
    pub viewer: bool,
}

/// The page's figures (also what the CSV writes), for an admin.
#[cfg(feature = "ssr")]
pub async fn figures(state: &crate::state::AppState, filter: FunnelFilter) -> Result<FunnelView, crate::platform::db::DbError> {
    let now = chrono::Utc::now();
    let (list, list_ok) = match state.catalog.integrations().await {
        Ok(list) => (list.to_vec(), true),
        Err(e) => {
            tracing::warn!(error = %e, "funnel: the integration list could not be read");
            (Vec::new(), false)
        }
    };
    let since = super::funnel_report::window_start(filter.window, now);
    let buckets = state.db.rollup_since(since).await?;
    let timings = state.db.connect_timings(since, now).await?;
    let mut v = super::funnel_report::report(filter, &list, buckets, timings, now);
    v.list_unavailable = !list_ok;
    let lost = state.db.lost_since(now - chrono::Duration::hours(24), LOST_SHOWN + 1).await?;
    v.lost_more = lost.len() as i64 > LOST_SHOWN;
    v.lost = lost
        .into_iter()
        .take(LOST_SHOWN as usize)
        .map(|l| LostRow {
            at: super::ssr::when(l.at),
            user: l.user.as_str().to_owned(),
            reference: l.reference,
            integration_name: list
                .iter()
                .find(|i| i.customer_integration_id == l.integration)
                .map(|i| i.name.clone())
                .unwrap_or_else(|| l.integration.to_string()),
            integration: l.integration,
            state_now: l.state_now,
        })
        .collect();
    Ok(v)
}

#[server(endpoint = "admin-funnel")]
pub async fn admin_funnel(#[server(default)] filter: FunnelFilter) -> Result<Admin<FunnelView>, ServerFnError> {
    use super::ssr;
    let (state, session, who) = match ssr::gate_who().await? {
        Ok(ok) => ok,
        Err(gate) => return Ok(Admin::Gate(gate)),
    };
    let mut v = figures(&state, filter).await.map_err(ssr::db_error)?;
    v.viewer = who.role != crate::domain::AdminRole::Admin;
    v.minted = session.remove::<Minted>(MINTED_KEY).await.ok().flatten();
    Ok(Admin::Page(v))
}

/// The reconnect link of a lost pair: the same link a `connection.lost` webhook carries (scoped to the integration,
/// as long-lived), shown once on the page.
#[server(endpoint = "admin-reconnect-link")]
pub async fn admin_reconnect_link(reference: UserRef, integration: String, back: String) -> Result<(), ServerFnError> {
    use super::ssr;
    use crate::services::links::LinkRequest;
    let (state, session, who) = ssr::require_admin().await?;
    let found = state.db.user_by_ref(&reference).await.map_err(ssr::db_error)?;
    let (Some(user), Ok(integration)) = (found, CustomerIntegrationId::parse(integration)) else {
        crate::ui::response::set_status(404);
        return Err(ServerFnError::new("No such user or integration."));
    };
    let ttl = chrono::Duration::from_std(state.config.webhooks.reconnect_ttl).unwrap_or(chrono::Duration::days(7));
    let allowed = std::slice::from_ref(&integration);
    let req = LinkRequest { user: &user.user, ttl, return_url: None, allowed, profile: None, connect: None, return_mode: Default::default() };
    let issued = state.links.issue_by(&req, crate::domain::Actor::Console, Some(&who.actor)).await.map_err(|e| {
        tracing::error!(error = %e, "minting a reconnect link from the console failed");
        ServerFnError::new("Could not create the link.")
    })?;
    let (list, _) = ssr::columns(&state).await;
    let integration_name =
        list.iter().find(|(id, _)| *id == integration).map(|(_, n)| n.clone()).unwrap_or_else(|| integration.to_string());
    let minted = Minted {
        user: user.user.as_str().to_owned(),
        integration_name,
        url: issued.url.to_string(),
        expires_at: ssr::when(issued.expires_at),
    };
    session.insert(MINTED_KEY, minted).await.map_err(|e| {
        tracing::error!(error = %e, "keeping the reconnect link in the session failed");
        ServerFnError::new("Could not create the link.")
    })?;
    let filter = FunnelFilter::from_pairs(|k| url::form_urlencoded::parse(back.as_bytes()).find(|(n, _)| n == k).map(|(_, v)| v.into_owned()));
    leptos_axum::redirect(&format!("{}#reconnect-link", with_query("/admin/funnel", &filter.to_query())));
    Ok(())
}

#[component]
pub fn FunnelPage() -> impl IntoView {
    let filter = use_query_map().with_untracked(|q| FunnelFilter::from_pairs(|k| q.get(k)));
    let data = Resource::new(move || filter.clone(), admin_funnel);
    view! {
        <Title text="Funnel · Admin"/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(Admin::Gate(gate)) => view! { <GateView gate notice=None/> }.into_any(),
                    Ok(Admin::Page(v)) => view! { <Funnel v/> }.into_any(),
                    Err(_) => view! { <Unavailable/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn percent(n: i64, of: i64) -> String {
    if of <= 0 { "—".into() } else { format!("{:.1}%", 100.0 * n as f64 / of as f64) }
}

#[component]
fn Funnel(v: FunnelView) -> impl IntoView {
    let FunnelView {
        filter, integrations_list, auth_list, overall, auth_types, integrations, hourly, outcomes, health, lost, lost_more,
        minted, list_unavailable, viewer,
    } = v;
    let query = filter.to_query();
    let csv = with_query("/admin/funnel.csv", &query);
    let window = filter.window;
    let period = if hourly { "hour" } else { "day" };
    let outcome_names: Vec<String> = OUTCOMES.iter().map(|t| t.label().to_owned()).collect();
    let health_names: Vec<String> = Health::ALL.iter().map(|h| h.label().to_owned()).collect();
    let conversion = overall.counts.conversion().map(|c| format!("{c:.1}%")).unwrap_or_else(|| "—".into());
    view! {
        <AdminNav current="funnel"/>
        <section class="intro">
            <div>
                <h1>"Funnel"</h1>
                <p class="lede">"Where end users drop off between the link and a verified connection, counted from what plugboard served. " {window.label()} " (whole hours)."</p>
            </div>
            {(!viewer).then(|| view! { <a class="button secondary" href=csv download>"Download CSV"</a> })}
        </section>
        {list_unavailable.then(|| view! {
            <p class="banner" role="status">"The integration list could not be read from the API right now: integrations show by id, without names or sign-in types."</p>
        })}
        <form class="filters admin-filters" method="get" action="/admin/funnel" role="search" aria-label="Filter the funnel">
            <div class="field">
                <label for="f-window">"Window"</label>
                <select id="f-window" name="window">
                    {Window::ALL.iter().map(|w| view! { <option value=w.as_str() selected=*w == window>{w.label()}</option> }).collect_view()}
                </select>
            </div>
            <IntegrationSelect id="f-integration" integrations=integrations_list selected=filter.integration.clone()/>
            <div class="field">
                <label for="f-auth">"Sign-in type"</label>
                <select id="f-auth" name="auth">
                    <option value="" selected=filter.auth.is_none()>"All types"</option>
                    {auth_list.into_iter().map(|(value, words)| {
                        let chosen = filter.auth.as_ref().map(|a| a.as_str()) == Some(value.as_str());
                        view! { <option value=value selected=chosen>{words}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field actions">
                <button type="submit">"Apply"</button>
                {filter.is_active().then(|| view! { <a href="/admin/funnel">"Clear filters"</a> })}
            </div>
        </form>
        <dl class="facts funnel-facts">
            <div><dt>"Connect pressed"</dt><dd data-fact="pressed">{crate::ui::thousands(overall.counts.step(Step::ConnectPressed))}</dd></div>
            <div><dt>"Verified connected"</dt><dd data-fact="verified">{crate::ui::thousands(overall.counts.step(Step::Verified))}</dd></div>
            <div><dt>"Conversion (verified of pressed)"</dt><dd data-fact="conversion">{conversion}</dd></div>
            <div><dt>"Connect → verified, median"</dt><dd data-fact="median">{overall.timing.as_ref().map(|t| t.0.clone()).unwrap_or_else(|| "—".into())}</dd></div>
            <div><dt>"Connect → verified, 90th percentile"</dt><dd data-fact="p90">{overall.timing.as_ref().map(|t| t.1.clone()).unwrap_or_else(|| "—".into())}</dd></div>
        </dl>
        <section aria-labelledby="overall-title">
            <h2 id="overall-title">"All integrations"</h2>
            <FunnelFigure g=overall id="all".into() of=""/>
        </section>
        <section aria-labelledby="outcomes-title">
            <h2 id="outcomes-title">{format!("Outcomes per {period}")}</h2>
            <StackedBars id="outcomes" title=format!("Outcomes of connect attempts per {period}") series=outcome_names bars=outcomes/>
        </section>
        {(!auth_types.is_empty()).then(|| view! {
            <section aria-labelledby="auth-title">
                <h2 id="auth-title">"By sign-in type"</h2>
                <div class="funnel-grid">
                    {auth_types.into_iter().enumerate().map(|(i, g)| view! { <FunnelFigure g id=format!("auth-{i}") of=" (sign-in type)"/> }).collect_view()}
                </div>
            </section>
        })}
        <section aria-labelledby="integrations-title">
            <h2 id="integrations-title">"By integration"</h2>
            {if integrations.is_empty() {
                view! { <p class="empty">"Nothing was recorded in this window."</p> }.into_any()
            } else {
                view! { <div class="funnel-grid">
                    {integrations.into_iter().enumerate().map(|(i, g)| view! { <FunnelFigure g id=format!("integration-{i}") of=""/> }).collect_view()}
                </div> }.into_any()
            }}
        </section>
        <section aria-labelledby="health-title">
            <h2 id="health-title">"Connection health"</h2>
            <StackedBars id="health" title=format!("Connections created, lost and recovered per {period}") series=health_names bars=health/>
        </section>
        <super::funnel_lost::LostPairs lost lost_more minted query viewer/>
    }
}

/// A funnel's chart and its table: each step with its share of the first, and each drop-off with its count. `of`
/// tells groups of the same name apart in their names (a sign-in type's from an integration's).
#[component]
fn FunnelFigure(g: Group, id: String, of: &'static str) -> impl IntoView {
    let Group { key, name, counts, timing } = g;
    let first = counts.steps.first().map(|(_, n)| *n).unwrap_or(0).max(counts.step(Step::ConnectPressed));
    let steps: Vec<(String, i64)> = counts.steps.iter().map(|(s, n)| (s.label().to_owned(), *n)).collect();
    let caption = format!("{name}{of}: the connect funnel");
    let table_label = format!("{name}{of}: steps and drop-offs");
    let region_label = table_label.clone();
    let drops: Vec<(DropOff, i64)> = counts.drop_offs.clone();
    view! {
        <figure class="funnel" data-funnel=key aria-labelledby=format!("{id}-caption")>
            <figcaption id=format!("{id}-caption")>
                <strong>{name.clone()}</strong>
                {timing.map(|(median, p90, of)| view! {
                    <span class="timing">{format!(" · Connect → verified: median {median}, 90th percentile {p90} (of {})", crate::ui::thousands(of))}</span>
                })}
            </figcaption>
            <div class="funnel-body">
                <FunnelChart id=id.clone() title=caption steps=steps.clone()/>
                <div class="table-wrap" tabindex="0" role="region" aria-label=region_label>
                    <table class="funnel-table">
                        <caption class="visually-hidden">{table_label}</caption>
                        <thead><tr><th scope="col">"Step"</th><th scope="col">"Count"</th><th scope="col">"Of the first"</th></tr></thead>
                        <tbody>
                            {counts.steps.iter().map(|(s, n)| view! {
                                <tr data-step=s.as_str()><th scope="row">{s.label()}</th><td>{crate::ui::thousands(*n)}</td><td>{percent(*n, first)}</td></tr>
                            }).collect_view()}
                        </tbody>
                        <tbody>
                            {drops.into_iter().map(|(d, n)| view! {
                                <tr data-drop-off=d.as_str()><th scope="row">{d.label()}</th><td>{crate::ui::thousands(n)}</td><td>{percent(n, counts.step(d.after()))} " of " {d.after().label().to_lowercase()}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </div>
        </figure>
    }
}
