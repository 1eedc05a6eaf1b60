//! `/admin`: the admin console (sign-in, and for now the most recent users' connection states from the snapshot).

use crate::domain::ConnState;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ConsoleRow {
    pub user: String,
    pub last_seen: String,
    /// One entry per column: (state key, "checked ..." title).
    pub cells: Vec<(String, String)>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum AdminScreen {
    Off,
    SignIn,
    Forbidden,
    Console { columns: Vec<String>, rows: Vec<ConsoleRow>, total: i64 },
}

/// What `/admin` shows to this session. End-user sessions get 403.
#[server(endpoint = "admin-view")]
pub async fn admin_view() -> Result<AdminScreen, ServerFnError> {
    use crate::admin::Access;
    let state = crate::server::AppState::current()?;
    let session: tower_sessions::Session = leptos_axum::extract().await?;
    match crate::admin::access(state.config.admin_password.as_ref(), &session).await {
        Access::Off => Ok(AdminScreen::Off),
        Access::Anonymous => Ok(AdminScreen::SignIn),
        Access::EndUser => {
            crate::response::set_status(403);
            Ok(AdminScreen::Forbidden)
        }
        Access::Admin => {
            let integrations = state.portal.integrations().await.map(|l| l.as_ref().clone()).unwrap_or_default();
            let (users, total) = state.db.recent_users(50).await.map_err(|e| {
                tracing::error!(error = %e, "reading the registry failed");
                ServerFnError::new("The console could not read its database.")
            })?;
            let rows = users
                .into_iter()
                .map(|u| ConsoleRow {
                    user: u.user,
                    last_seen: u.last_seen.format("%-d %b %Y %H:%M UTC").to_string(),
                    cells: integrations
                        .iter()
                        .map(|i| {
                            match u.snapshots.iter().find(|s| s.integration == i.customer_integration_id.as_str()) {
                                Some(s) => {
                                    (s.state.clone(), format!("checked {}", s.checked_at.format("%-d %b %Y %H:%M UTC")))
                                }
                                None => ("unknown".to_string(), "never checked".to_string()),
                            }
                        })
                        .collect(),
                })
                .collect();
            Ok(AdminScreen::Console { columns: integrations.into_iter().map(|i| i.name).collect(), rows, total })
        }
    }
}

#[server(endpoint = "admin-sign-in")]
pub async fn admin_sign_in(password: String) -> Result<(), ServerFnError> {
    let state = crate::server::AppState::current()?;
    let Some(configured) = state.config.admin_password.as_ref() else {
        leptos_axum::redirect("/admin");
        return Ok(());
    };
    let client = leptos_axum::extract::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .await
        .map(|c| c.0.ip())
        .unwrap_or(std::net::IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED));
    if let Err(wait) = state.admin_limiter.check(client) {
        let minutes = wait.as_secs().div_ceil(60).max(1);
        tracing::warn!("admin sign-in attempts rate-limited");
        leptos_axum::redirect(&format!("/admin?error=limited&minutes={minutes}"));
        return Ok(());
    }
    if !crate::admin::verify(configured, &password) {
        tracing::warn!("admin sign-in failed");
        leptos_axum::redirect("/admin?error=wrong");
        return Ok(());
    }
    let session: tower_sessions::Session = leptos_axum::extract().await?;
    crate::admin::sign_in(&session).await.map_err(|e| {
        tracing::error!(error = %e, "admin sign-in: session store failed");
        ServerFnError::new("Could not sign in. Please try again.")
    })?;
    leptos_axum::redirect("/admin");
    Ok(())
}

#[component]
pub fn AdminPage() -> impl IntoView {
    let (error, minutes) = use_query_map().with_untracked(|q| (q.get("error"), q.get("minutes")));
    let view_data = Resource::new(|| (), |_| admin_view());
    view! {
        <Title text="Admin"/>
        <Suspense fallback=|| ()>
            {move || {
                let (error, minutes) = (error.clone(), minutes.clone());
                Suspend::new(async move {
                    match view_data.await {
                        Ok(AdminScreen::Off) => view! {
                            <section class="notice">
                                <h1>"The admin console is off"</h1>
                                <p>"Set " <code>"PLUGBOARD_ADMIN_PASSWORD"</code> " (a password of at least 12 characters, or an argon2 hash) and restart plugboard to turn it on."</p>
                            </section>
                        }.into_any(),
                        Ok(AdminScreen::SignIn) => view! { <AdminSignIn error minutes/> }.into_any(),
                        Ok(AdminScreen::Forbidden) => view! {
                            <section class="notice problem">
                                <h1>"Admins only"</h1>
                                <p>"You are signed in to the portal as an end user. The admin console needs the admin sign-in; sign out first."</p>
                                <p><a class="button" href="/">"Back to integrations"</a></p>
                            </section>
                        }.into_any(),
                        Ok(AdminScreen::Console { columns, rows, total }) => view! { <Console columns rows total/> }.into_any(),
                        Err(_) => view! {
                            <section class="notice problem"><h1>"The console is unavailable"</h1><p>"Please try again in a moment."</p></section>
                        }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn AdminSignIn(error: Option<String>, minutes: Option<String>) -> impl IntoView {
    let message = match error.as_deref() {
        Some("wrong") => Some("That password is not right.".to_string()),
        Some("limited") => Some(format!(
            "Too many sign-in attempts from your network. Wait {} minute(s) and try again.",
            minutes.as_deref().unwrap_or("a few")
        )),
        _ => None,
    };
    view! {
        <section class="notice signin">
            <h1>"Admin sign-in"</h1>
            <form method="post" action="/api/admin-sign-in">
                {message.map(|m| view! { <p class="error" role="alert">{m}</p> })}
                <label for="password">"Password"</label>
                <div class="inline">
                    <input id="password" name="password" type="password" required autocomplete="current-password"/>
                    <button type="submit">"Sign in"</button>
                </div>
            </form>
        </section>
    }
}

#[component]
fn Console(columns: Vec<String>, rows: Vec<ConsoleRow>, total: i64) -> impl IntoView {
    let shown = rows.len();
    view! {
        <section class="intro">
            <div>
                <h1>"Connections"</h1>
                <p class="lede">{format!("The {shown} most recently seen of {total} users, from the status snapshot.")}</p>
            </div>
            <form method="post" action="/api/sign-out"><button type="submit" class="secondary">"Sign out"</button></form>
        </section>
        <div class="table-wrap" tabindex="0" role="region" aria-label="Connections per user and integration">
            <table class="matrix">
                <thead>
                    <tr>
                        <th scope="col">"User"</th>
                        <th scope="col">"Last seen"</th>
                        {columns.into_iter().map(|c| view! { <th scope="col">{c}</th> }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|r| view! {
                        <tr>
                            <th scope="row">{r.user}</th>
                            <td>{r.last_seen}</td>
                            {r.cells.into_iter().map(|(key, title)| view! {
                                <td><span class=format!("state state-{key}") title=title>{ConnState::label_for_key(&key)}</span></td>
                            }).collect_view()}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
