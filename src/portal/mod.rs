//! The end-user portal: the integrations page (`/`), signing in from a link (`/link/<token>`), the callback
//! (`/callback/<attempt>`), the Connect / sign-in / sign-out server functions behind their forms, and the two islands
//! (the filter bar and the Connect button's pending state). Pages render and parse; the services act.

pub mod callback;
pub mod components;
pub mod integrations;
pub mod islands;
#[cfg(feature = "ssr")]
pub mod language;
pub mod link;

use crate::i18n::{t, ta};
use crate::ui::SiteInfo;
use leptos::prelude::*;

/// Connect: starts a one-time attempt bound to this session and sends the browser to the checked authorize URL.
/// Every failure returns to the portal with a code the page turns into words (never an upstream message).
#[server(endpoint = "connect")]
pub async fn connect(integration_id: String) -> Result<(), ServerFnError> {
    use crate::domain::{ConnectProblem, CustomerIntegrationId};
    let state = crate::state::AppState::current()?;
    let session: tower_sessions::Session = leptos_axum::extract().await?;
    let back_with = |p: ConnectProblem| leptos_axum::redirect(&format!("/?error={}", p.as_str()));
    let Some(who) = crate::services::sessions::current(&session).await else {
        back_with(ConnectProblem::SignIn);
        return Ok(());
    };
    let Ok(id) = CustomerIntegrationId::parse(integration_id) else {
        back_with(ConnectProblem::UnknownIntegration);
        return Ok(());
    };
    if !who.allows(&id) {
        // Outside this link's integrations, even when the form was forged.
        tracing::warn!("connect refused: the integration is outside this portal link's scope");
        back_with(ConnectProblem::NotAllowed);
        return Ok(());
    }
    match state.connector.start_connect(&who, &id).await {
        Ok(url) => leptos_axum::redirect(url.as_str()),
        Err(e) => back_with(e.problem()),
    }
    Ok(())
}

/// Sandbox only: "continue as <user id>", so that a demo needs no CLI.
#[server(endpoint = "demo-sign-in")]
pub async fn demo_sign_in(user_id: String) -> Result<(), ServerFnError> {
    let state = crate::state::AppState::current()?;
    if !state.site.sandbox {
        crate::ui::response::set_status(404);
        return Err(ServerFnError::new(t("not-found-title")));
    }
    let Ok(user) = crate::domain::UserId::parse(user_id.trim().to_owned()) else {
        leptos_axum::redirect("/?signin_error=user_id");
        return Ok(());
    };
    let session: tower_sessions::Session = leptos_axum::extract().await?;
    crate::services::registry::best_effort("user", state.db.touch_user(&user, chrono::Utc::now())).await;
    crate::services::sessions::sign_in(&session, &state.db, user, None).await.map_err(|e| {
        tracing::error!(error = %e, "demo sign-in failed");
        ServerFnError::new(t("server-error-body"))
    })?;
    leptos_axum::redirect("/");
    Ok(())
}

#[server(endpoint = "sign-out")]
pub async fn sign_out() -> Result<(), ServerFnError> {
    let session: tower_sessions::Session = leptos_axum::extract().await?;
    if let Err(e) = crate::services::sessions::sign_out(&session).await {
        tracing::error!(error = %e, "sign-out failed");
    }
    leptos_axum::redirect("/");
    Ok(())
}

/// The page for a request without a session: how to get a link (and, on the sandbox, "continue as").
#[component]
pub fn SignIn() -> impl IntoView {
    let site = use_context::<SiteInfo>().unwrap_or_default();
    let app = site.app();
    let bad_id = leptos_router::hooks::use_query_map().with_untracked(|q| q.get("signin_error").is_some());
    let app = || ("app", crate::i18n::Arg::from(app.as_str()));
    view! {
        <section class="notice signin">
            <h1>{ta("signin-title", &[app()])}</h1>
            <p>{ta("signin-body", &[app()])}</p>
            {site.sandbox.then(|| view! {
                <form class="demo" method="post" action="/api/demo-sign-in">
                    <h2>{t("demo-title")}</h2>
                    {bad_id.then(|| view! { <p class="error" role="alert">{t("demo-bad-id")}</p> })}
                    <label for="user_id">{t("demo-user-id")}</label>
                    <div class="inline">
                        <input id="user_id" name="user_id" type="text" required maxlength="256" value="demo-user" autocomplete="off" dir="ltr"/>
                        <button type="submit">{t("demo-continue")}</button>
                    </div>
                    <p class="hint">{t("demo-hint")}</p>
                </form>
            })}
        </section>
    }
}
