//! The admin console: sign-in, the connections matrix (`/admin`), a user's page (`/admin/users/<ref>`), the event
//! log (`/admin/events`), the funnel and connection health (`/admin/funnel`), webhook deliveries (`/admin/webhooks`), the host API's tokens (`/admin/tokens`), the CSV export, and the background refresher that keeps the snapshot fresh. Rendered on the
//! server only (no islands): every control is a link or a form. This module holds what the pages share.

pub mod charts;
pub mod endpoints;
pub mod events;
#[cfg(feature = "ssr")]
pub mod export;
pub mod funnel;
pub mod funnel_lost;
#[cfg(feature = "ssr")]
pub mod funnel_report;
pub mod matrix;
#[cfg(feature = "ssr")]
pub mod refresher;
#[cfg(feature = "ssr")]
pub mod sso;
pub mod tokens;
pub mod user;
pub mod webhooks;

use crate::domain::{CustomerIntegrationId, SignInNotice, StateKey};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Why an admin page shows something other than itself.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Gate {
    /// Neither `PLUGBOARD_ADMIN_PASSWORD` nor single sign-on: the console is off.
    Off,
    SignIn(SignInWays),
    /// An end-user session (answered with 403).
    Forbidden,
}

/// How an admin may sign in: with the password, with single sign-on (the issuer's host, named on the button), or both.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct SignInWays {
    pub password: bool,
    pub sso: Option<String>,
}

/// An admin page's data, or the gate in front of it.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Admin<T> {
    Gate(Gate),
    Page(T),
}

/// Server side of the console pages: access checks and formatting shared by the pages' server functions.
#[cfg(feature = "ssr")]
pub(crate) mod ssr {
    use super::{Gate, SignInWays};
    use crate::domain::{CustomerIntegrationId, EventDetail, EventKind, UserId};
    use crate::domain::AdminRole;
    use crate::services::admin::{Access, AdminSession};
    use crate::state::AppState;
    use chrono::{DateTime, Utc};
    use leptos::prelude::ServerFnError;
    use tower_sessions::Session;

    /// For pages: the state when this is an admin (or a viewer), else the gate to show (403 for end users).
    pub async fn gate() -> Result<Result<(AppState, Session), Gate>, ServerFnError> {
        Ok(gate_who().await?.map(|(state, session, _)| (state, session)))
    }

    /// [`gate`], with who is signed in.
    pub async fn gate_who() -> Result<Result<(AppState, Session, AdminSession), Gate>, ServerFnError> {
        let state = AppState::current()?;
        let session: Session = leptos_axum::extract().await?;
        Ok(match crate::services::admin::access(&state.config.console, &session).await {
            Access::Off => Err(Gate::Off),
            Access::Anonymous => Err(Gate::SignIn(SignInWays {
                password: state.config.console.admin_password.is_some(),
                sso: state.config.console.oidc.as_ref().and_then(|o| o.issuer.host_str().map(str::to_owned)),
            })),
            Access::EndUser => {
                crate::ui::response::set_status(403);
                Err(Gate::Forbidden)
            }
            Access::Admin(who) => Ok((state, session, who)),
        })
    }

    /// For actions (and exports): an admin, not a viewer; else 401 / 403.
    pub async fn require_admin() -> Result<(AppState, Session, AdminSession), ServerFnError> {
        match gate_who().await? {
            Ok((_, _, who)) if who.role != AdminRole::Admin => {
                crate::ui::response::set_status(403);
                Err(ServerFnError::new("Viewers read the console; this needs an admin."))
            }
            Ok(ok) => Ok(ok),
            Err(Gate::SignIn(_)) => {
                crate::ui::response::set_status(401);
                Err(ServerFnError::new("Sign in to the admin console first."))
            }
            Err(_) => {
                crate::ui::response::set_status(403);
                Err(ServerFnError::new("Admins only."))
            }
        }
    }

    pub fn db_error(e: crate::platform::db::DbError) -> ServerFnError {
        tracing::error!(error = %e, "admin console: database error");
        ServerFnError::new("The console could not read its database. Please try again.")
    }

    pub fn when(t: DateTime<Utc>) -> String {
        t.format("%-d %b %Y %H:%M UTC").to_string()
    }

    /// With seconds, for the event log.
    pub fn when_exact(t: DateTime<Utc>) -> String {
        t.format("%-d %b %Y %H:%M:%S UTC").to_string()
    }

    pub use crate::ui::ago;

    /// The active integrations as (id, name), or an empty list with `false` when the API cannot be read.
    pub async fn columns(state: &AppState) -> (Vec<(CustomerIntegrationId, String)>, bool) {
        match state.catalog.columns().await {
            Ok(columns) => (columns, true),
            Err(e) => {
                tracing::warn!(error = %e, "admin console: the integration list could not be read");
                (vec![], false)
            }
        }
    }

    /// Keeps a value made just now (a token, a secret) in the admin's session, sealed, for the next page to show
    /// once: `(label, value)` under `slot`.
    pub async fn keep_once(
        state: &AppState,
        session: &Session,
        slot: &str,
        label: String,
        value: &str,
        lost: &'static str,
    ) -> Result<(), ServerFnError> {
        let sealed = state.endpoints.seal_for_session(value).unwrap_or_default();
        session.insert(slot, (label, sealed)).await.map_err(|e| {
            tracing::error!(error = %e, "keeping a value for its page failed");
            ServerFnError::new(lost)
        })
    }

    /// What [`keep_once`] kept under `slot`, taken out of the session as it is read (shown once).
    pub async fn take_once(state: &AppState, session: &Session, slot: &str) -> Option<(String, String)> {
        let (label, sealed) = session.remove::<(String, String)>(slot).await.ok().flatten()?;
        Some((label, state.endpoints.open_from_session(&sealed)?))
    }

    /// Records an admin's action in the event log, naming the admin.
    pub async fn record(state: &AppState, who: &AdminSession, kind: EventKind, user: Option<&UserId>, detail: EventDetail) {
        let work = state.db.record_admin_event(&who.actor, kind, user, &detail, Utc::now());
        crate::services::registry::best_effort("event", work).await;
    }
}

#[server(endpoint = "admin-sign-in")]
pub async fn admin_sign_in(password: String) -> Result<(), ServerFnError> {
    let state = crate::state::AppState::current()?;
    let Some(configured) = state.config.console.admin_password.as_ref() else {
        leptos_axum::redirect("/admin");
        return Ok(());
    };
    let client = leptos_axum::extract::<axum::Extension<crate::platform::http::ClientIp>>()
        .await
        .map(|c| c.0.key())
        .unwrap_or(std::net::IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED));
    let again = |notice: SignInNotice| leptos_axum::redirect(&format!("/admin?{}", notice.to_query()));
    // Counted before the password is checked, so concurrent guesses cannot overshoot.
    let attempt = match state.admin_limiter.admit(client).await.map_err(ssr::db_error)? {
        Ok(attempt) => attempt,
        Err(wait) => {
            tracing::warn!("admin sign-in attempts rate-limited");
            again(SignInNotice::Limited { minutes: wait.as_secs().div_ceil(60).max(1) });
            return Ok(());
        }
    };
    if !crate::services::admin::verify(configured, password).await {
        tracing::warn!("admin sign-in failed");
        again(SignInNotice::Wrong);
        return Ok(());
    }
    state.admin_limiter.succeeded(attempt).await.map_err(ssr::db_error)?;
    let session: tower_sessions::Session = leptos_axum::extract().await?;
    let who = crate::services::admin::AdminSession::password();
    crate::services::admin::sign_in(&session, state.config.server.admin_idle, who.clone()).await.map_err(|e| {
        tracing::error!(error = %e, "admin sign-in: session store failed");
        ServerFnError::new("Could not sign in. Please try again.")
    })?;
    ssr::record(&state, &who, crate::domain::EventKind::AdminSignedIn, None, crate::domain::EventDetail::None).await;
    leptos_axum::redirect("/admin");
    Ok(())
}

#[server(endpoint = "admin-sign-out")]
pub async fn admin_sign_out() -> Result<(), ServerFnError> {
    use crate::services::admin::{access, Access};
    let state = crate::state::AppState::current()?;
    let session: tower_sessions::Session = leptos_axum::extract().await?;
    if let Access::Admin(who) = access(&state.config.console, &session).await {
        ssr::record(&state, &who, crate::domain::EventKind::AdminSignedOut, None, crate::domain::EventDetail::None).await;
    }
    let _ = session.flush().await;
    leptos_axum::redirect("/admin");
    Ok(())
}

/// What stands in front of an admin page: the console being off, the sign-in form, or the 403 for end users.
#[component]
pub fn GateView(gate: Gate, notice: Option<SignInNotice>) -> impl IntoView {
    match gate {
        Gate::Off => view! {
            <section class="notice">
                <h1>"The admin console is off"</h1>
                <p>"Set " <code>"PLUGBOARD_ADMIN_PASSWORD"</code> " (a password of at least 12 characters, or an argon2 hash), or single sign-on (" <code>"PLUGBOARD_ADMIN_OIDC_ISSUER"</code> " with its client id and secret, and " <code>"PLUGBOARD_ADMIN_ALLOWED"</code> "), and restart plugboard to turn it on."</p>
            </section>
        }
        .into_any(),
        Gate::SignIn(ways) => view! { <AdminSignIn notice ways/> }.into_any(),
        Gate::Forbidden => view! {
            <section class="notice problem">
                <h1>"Admins only"</h1>
                <p>"You are signed in to the portal as an end user. The admin console needs the admin sign-in; sign out first."</p>
                <p><a class="button" href="/">"Back to integrations"</a></p>
            </section>
        }
        .into_any(),
    }
}

#[component]
pub fn Unavailable() -> impl IntoView {
    view! {
        <section class="notice problem">
            <h1>"The console is unavailable"</h1>
            <p>"It could not read its data. Please try again in a moment."</p>
        </section>
    }
}

#[component]
fn AdminSignIn(notice: Option<SignInNotice>, ways: SignInWays) -> impl IntoView {
    // A single sign-on that did not sign anyone in gets a page of its own: what happened and what to do.
    let problem = match notice {
        Some(SignInNotice::Sso(p)) => Some(p),
        _ => None,
    };
    let message = notice.filter(|_| problem.is_none()).map(SignInNotice::message);
    view! {
        {problem.map(|p| {
            let (title, body) = p.words();
            view! {
                <section class="notice problem" data-sso-problem=p.as_str()>
                    <h1>{title}</h1>
                    <p>{body}</p>
                </section>
            }
        })}
        <section class="notice signin">
            {if problem.is_some() {
                view! { <h2>"Admin sign-in"</h2> }.into_any()
            } else {
                view! { <h1>"Admin sign-in"</h1> }.into_any()
            }}
            {ways.sso.map(|host| view! {
                <form method="post" action="/admin/sso/start">
                    <button type="submit">{format!("Sign in with {host}")}</button>
                </form>
            })}
            {ways.password.then(|| view! {
                <form method="post" action="/api/admin-sign-in">
                    {message.clone().map(|m| view! { <p class="error" role="alert">{m}</p> })}
                    <label for="password">"Password"</label>
                    <div class="inline">
                        <input id="password" name="password" type="password" required autocomplete="current-password"/>
                        <button type="submit">"Sign in"</button>
                    </div>
                </form>
            })}
        </section>
    }
}

/// The console's navigation and sign-out, above every admin page.
#[component]
pub fn AdminNav(current: &'static str) -> impl IntoView {
    let link = move |href: &'static str, label: &'static str, key: &'static str| {
        let here = current == key;
        view! { <a href=href aria-current=here.then_some("page")>{label}</a> }
    };
    view! {
        <nav class="admin-nav" aria-label="Admin console">
            {link("/admin", "Connections", "matrix")}
            {link("/admin/events", "Events", "events")}
            {link("/admin/funnel", "Funnel", "funnel")}
            {link("/admin/webhooks", "Webhooks", "webhooks")}
            {link("/admin/endpoints", "Endpoints", "endpoints")}
            {link("/admin/tokens", "API tokens", "tokens")}
            <form method="post" action="/api/admin-sign-out"><button type="submit" class="secondary">"Sign out"</button></form>
        </nav>
    }
}

/// The "Integration" field of a filter form: all active integrations, `selected` chosen.
#[component]
pub fn IntegrationSelect(
    id: &'static str,
    integrations: Vec<(CustomerIntegrationId, String)>,
    selected: Option<CustomerIntegrationId>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>"Integration"</label>
            <select id=id name="integration">
                <option value="" selected=selected.is_none()>"All integrations"</option>
                {integrations.into_iter().map(|(value, name)| {
                    let chosen = selected.as_ref() == Some(&value);
                    view! { <option value=value.to_string() selected=chosen>{name}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

/// A state badge with its age when the snapshot is stale (or "never checked").
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Cell {
    pub key: StateKey,
    /// "checked 5 min ago", "never checked".
    pub title: String,
    /// Shown next to the badge when the snapshot is older than the stale threshold.
    pub stale_age: Option<String>,
}

#[component]
pub fn CellBadge(cell: Cell) -> impl IntoView {
    view! {
        <span class=format!("state state-{}", cell.key.as_str()) title=cell.title.clone()>{cell.key.label()}</span>
        {cell.stale_age.map(|a| view! { <small class="age" title=cell.title>{a}</small> })}
    }
}

#[cfg(feature = "ssr")]
impl Cell {
    pub fn from_snapshot(
        s: Option<&crate::services::registry::Snapshot>,
        now: chrono::DateTime<chrono::Utc>,
        stale_after: std::time::Duration,
    ) -> Cell {
        match s {
            None => Cell { key: StateKey::Unknown, title: "never checked".into(), stale_age: Some("never checked".into()) },
            Some(s) => {
                let ago = ssr::ago(now, s.checked_at);
                let stale = (now - s.checked_at).to_std().map(|d| d > stale_after).unwrap_or(false);
                Cell { key: s.state.key(), title: format!("checked {ago}"), stale_age: stale.then_some(ago) }
            }
        }
    }
}
