//! `/admin/tokens`: the host API's tokens. Make one (a name and its scopes; shown once, then only its digest is
//! kept), see when each was last used, revoke one. `PLUGBOARD_API_TOKEN`, when set, is the all-scopes bootstrap
//! beside them. Every change is an event.

use super::{Admin, AdminNav, GateView, Unavailable};
use crate::domain::ApiScope;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

/// The session key a new token waits under until its page has shown it once.
#[cfg(feature = "ssr")]
const NEW_TOKEN: &str = "new_api_token";

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct TokenRow {
    pub id: String,
    pub name: String,
    pub scopes: Vec<String>,
    pub created: String,
    pub last_used: String,
    pub revoked: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct TokensView {
    pub rows: Vec<TokenRow>,
    /// `PLUGBOARD_API_TOKEN` is set.
    pub bootstrap: bool,
    /// A token made just now: (name, value), shown this once.
    pub created: Option<(String, String)>,
}

#[server(endpoint = "admin-tokens")]
pub async fn admin_tokens() -> Result<Admin<TokensView>, ServerFnError> {
    use super::ssr;
    let (state, session) = match ssr::gate().await? {
        Ok(ok) => ok,
        Err(gate) => return Ok(Admin::Gate(gate)),
    };
    let now = chrono::Utc::now();
    let rows = state
        .db
        .api_tokens()
        .await
        .map_err(ssr::db_error)?
        .into_iter()
        .map(|t| TokenRow {
            id: t.id,
            name: t.name,
            scopes: t.scopes.iter().map(|s| s.as_str().to_owned()).collect(),
            created: ssr::when(t.created_at),
            last_used: t.last_used_at.map(|at| ssr::ago(now, at)).unwrap_or_else(|| "never".into()),
            revoked: t.revoked_at.map(ssr::when),
        })
        .collect();
    let created = ssr::take_once(&state, &session, NEW_TOKEN).await;
    let bootstrap = !state.config.host_api.tokens.is_empty();
    Ok(Admin::Page(TokensView { rows, bootstrap, created }))
}

/// Makes a token with the scopes ticked. The value goes to this admin's session, for the page to show once.
#[server(endpoint = "admin-create-token")]
pub async fn admin_create_token(
    name: String,
    links_write: Option<String>,
    users_read: Option<String>,
    events_read: Option<String>,
    users_delete: Option<String>,
) -> Result<(), ServerFnError> {
    use super::ssr;
    let (state, session, who) = ssr::require_admin().await?;
    let name = name.trim();
    let ticked = [
        (ApiScope::LinksWrite, links_write),
        (ApiScope::UsersRead, users_read),
        (ApiScope::EventsRead, events_read),
        (ApiScope::UsersDelete, users_delete),
    ];
    let scopes: Vec<ApiScope> = ticked.into_iter().filter(|(_, on)| on.is_some()).map(|(s, _)| s).collect();
    if name.is_empty() || name.chars().count() > 100 || name.chars().any(char::is_control) {
        leptos_axum::redirect("/admin/tokens?error=name");
        return Ok(());
    }
    if scopes.is_empty() {
        leptos_axum::redirect("/admin/tokens?error=scopes");
        return Ok(());
    }
    let (value, _) = state.db.create_api_token(name, &scopes, &who.actor, chrono::Utc::now()).await.map_err(ssr::db_error)?;
    let lost = "The token was made but could not be shown; revoke it and make another.";
    ssr::keep_once(&state, &session, NEW_TOKEN, name.to_owned(), &value, lost).await?;
    leptos_axum::redirect("/admin/tokens");
    Ok(())
}

#[server(endpoint = "admin-revoke-token")]
pub async fn admin_revoke_token(token: String) -> Result<(), ServerFnError> {
    use super::ssr;
    let (state, _, who) = ssr::require_admin().await?;
    let done = state.db.revoke_api_token(&token, &who.actor, chrono::Utc::now()).await.map_err(ssr::db_error)?;
    leptos_axum::redirect(if done { "/admin/tokens?revoked=1" } else { "/admin/tokens" });
    Ok(())
}

#[component]
pub fn TokensPage() -> impl IntoView {
    let (error, revoked) = use_query_map().with_untracked(|q| (q.get("error"), q.get("revoked").is_some()));
    let data = Resource::new(|| (), |_| admin_tokens());
    view! {
        <Title text="API tokens · Admin"/>
        <Suspense fallback=|| ()>
            {move || {
                let error = error.clone();
                Suspend::new(async move {
                    match data.await {
                        Ok(Admin::Gate(gate)) => view! { <GateView gate notice=None/> }.into_any(),
                        Ok(Admin::Page(v)) => view! { <Tokens v error revoked/> }.into_any(),
                        Err(_) => view! { <Unavailable/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn Tokens(v: TokensView, error: Option<String>, revoked: bool) -> impl IntoView {
    let TokensView { rows, bootstrap, created } = v;
    let problem = error.map(|e| match e.as_str() {
        "scopes" => "Tick at least one scope.",
        _ => "Give the token a name (up to 100 characters).",
    });
    view! {
        <AdminNav current="tokens"/>
        <section class="intro">
            <div>
                <h1>"API tokens"</h1>
                <p class="lede">"Tokens for your product's backend to call the host API, each with only the scopes it needs. A token is shown once; plugboard keeps only its digest."</p>
            </div>
        </section>
        {created.map(|(name, value)| {
            let attr = value.clone();
            view! {
                <section class="banner ok new-token" role="status" data-new-token="">
                    <p><strong>{format!("Token “{name}” made.")}</strong>" Copy it now: it will not be shown again."</p>
                    <p><code class="secret" data-token=attr>{value}</code></p>
                </section>
            }
        })}
        {revoked.then(|| view! { <p class="banner ok" role="status">"Revoked: its next request gets 401."</p> })}
        {problem.map(|p| view! { <p class="banner" role="alert">{p}</p> })}
        {bootstrap.then(|| view! {
            <p class="note">"PLUGBOARD_API_TOKEN is set: it has every scope (the bootstrap token). Rotate it with a comma-separated new,old pair."</p>
        })}
        <form class="filters admin-filters token-form" method="post" action="/api/admin-create-token" aria-label="Make a token">
            <div class="field">
                <label for="t-name">"Name"</label>
                <input id="t-name" name="name" required maxlength="100" placeholder="billing backend"/>
            </div>
            <fieldset class="field scopes">
                <legend>"Scopes"</legend>
                {ApiScope::ALL.iter().map(|s| {
                    let field = s.as_str().replace(':', "_");
                    let id = format!("t-{field}");
                    let label_for = id.clone();
                    view! {
                        <label for=label_for><input type="checkbox" id=id name=field/>" "<code>{s.as_str()}</code></label>
                    }
                }).collect_view()}
            </fieldset>
            <div class="field actions"><button type="submit">"Make token"</button></div>
        </form>
        {if rows.is_empty() {
            view! { <p class="empty">"No tokens made in the console yet."</p> }.into_any()
        } else {
            view! {
                <div class="table-wrap" tabindex="0" role="region" aria-label="API tokens">
                    <table class="events tokens">
                        <thead><tr>
                            <th scope="col">"Name"</th><th scope="col">"Id"</th><th scope="col">"Scopes"</th>
                            <th scope="col">"Created"</th><th scope="col">"Last used"</th><th scope="col">"Status"</th>
                            <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                        </tr></thead>
                        <tbody>
                            {rows.into_iter().map(|r| {
                                let live = r.revoked.is_none();
                                let (row_id, shown_id) = (r.id.clone(), r.id.clone());
                                view! {
                                    <tr data-token-id=row_id data-live=live.to_string()>
                                        <td>{r.name}</td>
                                        <td><code>{shown_id}</code></td>
                                        <td>{r.scopes.join(" ")}</td>
                                        <td>{r.created}</td>
                                        <td>{r.last_used}</td>
                                        <td>{r.revoked.map(|at| format!("revoked {at}")).unwrap_or_else(|| "active".into())}</td>
                                        <td>
                                            {live.then(|| view! {
                                                <form method="post" action="/api/admin-revoke-token">
                                                    <input type="hidden" name="token" value=r.id/>
                                                    <button type="submit" class="secondary">"Revoke"</button>
                                                </form>
                                            })}
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }}
    }
}
