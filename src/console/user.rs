//! `/admin/users/<ref>`: one user's state per integration (with "check now", a live GET per integration), their event
//! history, and "create portal link". The URL carries an opaque reference, never the user id.

use super::events::{EventRow, EventsTable};
use super::{Admin, AdminNav, Cell, CellBadge, GateView, Unavailable};
use crate::domain::{CheckOutcome, CustomerIntegrationId, UserRef};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct IntegrationLine {
    pub id: CustomerIntegrationId,
    pub name: String,
    pub cell: Cell,
    /// The API's updatedAt for a connection, when there is one.
    pub since: Option<String>,
    pub checked: String,
}

/// A link minted from the console, shown once on the page that minted it.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct MintedLink {
    pub reference: UserRef,
    pub url: String,
    pub expires_at: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct UserView {
    pub user: String,
    pub reference: UserRef,
    pub first_seen: String,
    pub last_seen: String,
    /// What the host said about the user.
    pub profile: crate::domain::Profile,
    pub lines: Vec<IntegrationLine>,
    pub events: Vec<EventRow>,
    pub minted: Option<MintedLink>,
    pub list_unavailable: bool,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum UserScreen {
    Found(UserView),
    NotFound,
}

/// Where the console keeps a just-minted link until its page shows it.
#[cfg(feature = "ssr")]
const MINTED_KEY: &str = "admin_minted_link";

/// The registry's user behind a reference, if any.
#[cfg(feature = "ssr")]
async fn find(
    state: &crate::state::AppState,
    reference: &UserRef,
) -> Result<Option<crate::services::registry::UserInfo>, ServerFnError> {
    state.db.user_by_ref(reference).await.map_err(super::ssr::db_error)
}

/// For actions: the user behind a reference, or 404.
#[cfg(feature = "ssr")]
async fn find_or_404(state: &crate::state::AppState, reference: &UserRef) -> Result<crate::domain::UserId, ServerFnError> {
    match find(state, reference).await? {
        Some(info) => Ok(info.user),
        None => {
            crate::ui::response::set_status(404);
            Err(ServerFnError::new("No such user."))
        }
    }
}

#[server(endpoint = "admin-user")]
pub async fn admin_user(reference: UserRef) -> Result<Admin<UserScreen>, ServerFnError> {
    use super::ssr;
    let (state, session) = match ssr::gate().await? {
        Ok(ok) => ok,
        Err(gate) => return Ok(Admin::Gate(gate)),
    };
    let Some(info) = find(&state, &reference).await? else {
        crate::ui::response::set_status(404);
        return Ok(Admin::Page(UserScreen::NotFound));
    };
    let (columns, list_ok) = ssr::columns(&state).await;
    let snapshots = state.db.snapshots(&info.user).await.map_err(ssr::db_error)?;
    let now = chrono::Utc::now();
    let lines = columns
        .iter()
        .map(|(id, name)| {
            let snap = snapshots.iter().find(|s| s.integration == *id);
            IntegrationLine {
                id: id.clone(),
                name: name.clone(),
                cell: Cell::from_snapshot(snap, now, state.config.console.stale_after),
                since: snap.and_then(|s| s.state.since()).map(ssr::when),
                checked: snap
                    .map(|s| format!("{} ({})", ssr::when(s.checked_at), ssr::ago(now, s.checked_at)))
                    .unwrap_or_else(|| "never".into()),
            }
        })
        .collect();
    let history = crate::services::registry::EventQuery { user: Some(&info.user), ..Default::default() };
    let events = EventRow::from_found(state.db.events(&history, 0, 100).await.map_err(ssr::db_error)?, &columns);
    // Shown once: taken out of the session.
    let minted = session
        .remove::<MintedLink>(MINTED_KEY)
        .await
        .ok()
        .flatten()
        .filter(|m| m.reference == info.reference);
    Ok(Admin::Page(UserScreen::Found(UserView {
        user: info.user.as_str().to_owned(),
        reference: info.reference,
        first_seen: ssr::when(info.first_seen),
        last_seen: ssr::when(info.last_seen),
        profile: info.profile,
        lines,
        events,
        minted,
        list_unavailable: !list_ok,
    })))
}

/// Check now: one live GET per active integration for this user; the snapshot is updated with what they say.
#[server(endpoint = "admin-check-user")]
pub async fn admin_check_user(reference: UserRef) -> Result<(), ServerFnError> {
    use super::ssr;
    use crate::domain::{ConnState, EventDetail, EventKind};
    use crate::services::connections::Record;
    let (state, _, who) = ssr::require_admin().await?;
    let user = find_or_404(&state, &reference).await?;
    let back = |outcome: CheckOutcome| {
        leptos_axum::redirect(&format!("/admin/users/{reference}?checked={}", outcome.as_query_value()))
    };
    let Ok(list) = state.catalog.integrations().await else {
        back(CheckOutcome::Unavailable);
        return Ok(());
    };
    let checks = list.iter().map(|i| state.connections.check(&user, &i.customer_integration_id, Record::Now, crate::domain::ObservedBy::CheckNow));
    let states = futures::future::join_all(checks).await;
    let unknown = states.iter().filter(|s| matches!(s, ConnState::Unknown)).count();
    let detail = EventDetail::Checked { checked: states.len(), unknown };
    ssr::record(&state, &who, EventKind::AdminChecked, Some(&user), detail).await;
    back(if unknown == 0 { CheckOutcome::Ok } else { CheckOutcome::Unknown(unknown) });
    Ok(())
}

/// Create portal link: mints a one-time link for this user and shows it (once) on the user's page.
#[server(endpoint = "admin-create-link")]
pub async fn admin_create_link(reference: UserRef, ttl_minutes: String) -> Result<(), ServerFnError> {
    use super::ssr;
    let (state, session, who) = ssr::require_admin().await?;
    let user = find_or_404(&state, &reference).await?;
    let max = crate::services::links::MAX_TTL.num_minutes();
    let minutes = ttl_minutes.trim().parse::<i64>().ok().filter(|m| *m >= 1 && *m <= max);
    let Some(minutes) = minutes else {
        leptos_axum::redirect(&format!("/admin/users/{reference}?link_error=ttl"));
        return Ok(());
    };
    let ttl = chrono::Duration::minutes(minutes);
    let req = crate::services::links::LinkRequest {
        user: &user,
        ttl,
        return_url: None,
        allowed: &[],
        profile: None,
        connect: None,
        return_mode: Default::default(),
    };
    let issued = state.links.issue_by(&req, crate::domain::Actor::Console, Some(&who.actor)).await.map_err(|e| {
        tracing::error!(error = %e, "minting a link from the console failed");
        ServerFnError::new("Could not create the link.")
    })?;
    let minted =
        MintedLink { reference: reference.clone(), url: issued.url.to_string(), expires_at: ssr::when(issued.expires_at) };
    session.insert(MINTED_KEY, minted).await.map_err(|e| {
        tracing::error!(error = %e, "keeping the minted link in the session failed");
        ServerFnError::new("Could not create the link.")
    })?;
    leptos_axum::redirect(&format!("/admin/users/{reference}#portal-link"));
    Ok(())
}

#[component]
pub fn UserPage() -> impl IntoView {
    let reference = use_params_map().with_untracked(|p| UserRef::from_url(p.get("reference").unwrap_or_default()));
    let (checked, link_error) = use_query_map().with_untracked(|q| {
        (q.get("checked").and_then(|c| CheckOutcome::parse(&c)), q.get("link_error").is_some())
    });
    let data = Resource::new(move || reference.clone(), admin_user);
    view! {
        <Title text="User · Admin"/>
        <Suspense fallback=|| ()>
            {move || {
                Suspend::new(async move {
                    match data.await {
                        Ok(Admin::Gate(gate)) => view! { <GateView gate notice=None/> }.into_any(),
                        Ok(Admin::Page(UserScreen::Found(u))) => view! { <User u checked link_error/> }.into_any(),
                        Ok(Admin::Page(UserScreen::NotFound)) => view! {
                            <AdminNav current="user"/>
                            <section class="notice problem">
                                <h1>"No such user"</h1>
                                <p>"This user is not in the registry. The link may be old; find them in the connections list."</p>
                                <p><a class="button" href="/admin">"Back to connections"</a></p>
                            </section>
                        }.into_any(),
                        Err(_) => view! { <Unavailable/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn User(u: UserView, checked: Option<CheckOutcome>, link_error: bool) -> impl IntoView {
    let checked_message = checked.map(CheckOutcome::message);
    let reference = u.reference.clone();
    let ttl_options = [(15, "15 minutes"), (60, "1 hour"), (24 * 60, "24 hours"), (7 * 24 * 60, "7 days")];
    view! {
        <AdminNav current="user"/>
        <section class="intro">
            <div>
                <p class="crumbs"><a href="/admin">"Connections"</a> " › user"</p>
                <h1 class="user-id">{u.user.clone()}</h1>
                <p class="lede">{format!("First seen {} · last seen {}", u.first_seen, u.last_seen)}</p>
                <ProfileFacts profile=u.profile.clone()/>
            </div>
        </section>
        {checked_message.map(|m| view! { <p class="banner ok" role="status">{m}</p> })}
        {u.minted.map(|m| view! {
            <section class="minted" id="portal-link" aria-labelledby="minted-title">
                <h2 id="minted-title">"Portal link created"</h2>
                <label for="minted-url">"Send this link to the user. It works once."</label>
                <input id="minted-url" type="text" readonly value=m.url.clone()/>
                <p>"Expires " <time>{m.expires_at}</time> "."</p>
            </section>
        })}
        {u.list_unavailable.then(|| view! {
            <p class="banner" role="status">"The integration list could not be read from the API right now."</p>
        })}
        <section aria-labelledby="states-title">
            <div class="section-head">
                <h2 id="states-title">"Connections"</h2>
                <form method="post" action="/api/admin-check-user">
                    <input type="hidden" name="reference" value=reference.to_string()/>
                    <button type="submit" class="secondary">"Check now"</button>
                </form>
            </div>
            <div class="table-wrap" tabindex="0" role="region" aria-label="Connections of this user">
                <table class="states">
                    <thead><tr><th scope="col">"Integration"</th><th scope="col">"State"</th><th scope="col">"Connection updated"</th><th scope="col">"Last checked"</th></tr></thead>
                    <tbody>
                        {u.lines.into_iter().map(|l| view! {
                            <tr data-integration=l.id.to_string()>
                                <th scope="row">{l.name}</th>
                                <td><CellBadge cell=l.cell/></td>
                                <td>{l.since.unwrap_or_else(|| "—".into())}</td>
                                <td>{l.checked}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
        <section class="create-link" aria-labelledby="create-link-title">
            <h2 id="create-link-title">"Create portal link"</h2>
            <form method="post" action="/api/admin-create-link">
                {link_error.then(|| view! { <p class="error" role="alert">"Choose how long the link should work."</p> })}
                <input type="hidden" name="reference" value=reference.to_string()/>
                <label for="ttl">"The link works once, for"</label>
                <div class="inline">
                    <select id="ttl" name="ttl_minutes">
                        {ttl_options.iter().map(|(m, label)| view! { <option value=m.to_string() selected=*m == 60>{*label}</option> }).collect_view()}
                    </select>
                    <button type="submit">"Create link"</button>
                </div>
            </form>
        </section>
        <section aria-labelledby="history-title">
            <h2 id="history-title">"History"</h2>
            {if u.events.is_empty() {
                view! { <p class="empty">"Nothing has happened for this user yet."</p> }.into_any()
            } else {
                view! { <EventsTable rows=u.events label="History of this user" show_user=false/> }.into_any()
            }}
        </section>
    }
}

/// What the host said about the user (from their latest portal link), when it said anything.
#[component]
fn ProfileFacts(profile: crate::domain::Profile) -> impl IntoView {
    let tags = profile.tags_text();
    let org = profile.organization.clone().map(|o| match o.name {
        Some(name) => format!("{name} ({})", o.id),
        None => o.id,
    });
    (!profile.is_empty()).then(|| view! {
        <dl class="profile">
            {profile.display_name.map(|n| view! { <dt>"Name"</dt><dd>{n}</dd> })}
            {profile.email.map(|e| view! { <dt>"Email"</dt><dd>{e}</dd> })}
            {org.map(|o| view! { <dt>"Organization"</dt><dd>{o}</dd> })}
            {(!tags.is_empty()).then(|| view! { <dt>"Tags"</dt><dd>{tags}</dd> })}
            {profile.locale.map(|l| view! { <dt>"Locale"</dt><dd>{l}</dd> })}
        </dl>
    })
}
