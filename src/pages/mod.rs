//! Pages, and the server functions behind their forms.

pub mod admin;
pub mod callback;
pub mod integrations;
pub mod link;

use crate::app::SiteInfo;
use integrations::BackLink;
use leptos::prelude::*;
use leptos_meta::Title;

/// Connect: starts a one-time attempt bound to this session and sends the browser to the checked authorize URL.
/// Every failure returns to the portal with a code the page turns into words (never an upstream message).
#[server(endpoint = "connect")]
pub async fn connect(integration_id: String) -> Result<(), ServerFnError> {
    let state = crate::server::AppState::current()?;
    let session: tower_sessions::Session = leptos_axum::extract().await?;
    let Some(who) = crate::identity::current(&session).await else {
        leptos_axum::redirect("/?error=signin");
        return Ok(());
    };
    let integration = crate::domain::CustomerIntegrationId::parse(integration_id.clone()).ok();
    let record = |detail: &'static str| {
        let db = state.db.clone();
        let (user, integration) = (who.user.clone(), integration.clone());
        async move {
            let kind = crate::registry::EventKind::ConnectStarted;
            let res = db.record_event(kind, Some(&user), integration.as_ref(), detail, chrono::Utc::now());
            crate::registry::best_effort("event", res).await;
        }
    };
    match state.portal.start_connect(&state.db, &who, &integration_id).await {
        Ok(url) => {
            record("").await;
            leptos_axum::redirect(url.as_str())
        }
        Err(e) => {
            record(e.code()).await;
            tracing::warn!(error = %e, "connect failed");
            leptos_axum::redirect(&format!("/?error={}", e.code()));
        }
    }
    Ok(())
}

/// Sandbox only: "continue as <user id>", so that a demo needs no CLI.
#[server(endpoint = "demo-sign-in")]
pub async fn demo_sign_in(user_id: String) -> Result<(), ServerFnError> {
    let state = crate::server::AppState::current()?;
    if !state.site.sandbox {
        crate::response::set_status(404);
        return Err(ServerFnError::new("Not available."));
    }
    let Ok(user) = crate::domain::UserId::parse(user_id.trim().to_owned()) else {
        leptos_axum::redirect("/?signin_error=user_id");
        return Ok(());
    };
    let session: tower_sessions::Session = leptos_axum::extract().await?;
    crate::registry::best_effort("user", state.db.touch_user(&user, chrono::Utc::now())).await;
    crate::identity::sign_in(&session, user, None).await.map_err(|e| {
        tracing::error!(error = %e, "demo sign-in failed");
        ServerFnError::new("Could not sign in. Please try again.")
    })?;
    leptos_axum::redirect("/");
    Ok(())
}

#[server(endpoint = "sign-out")]
pub async fn sign_out() -> Result<(), ServerFnError> {
    let session: tower_sessions::Session = leptos_axum::extract().await?;
    if let Err(e) = crate::identity::sign_out(&session).await {
        tracing::error!(error = %e, "sign-out failed");
    }
    leptos_axum::redirect("/");
    Ok(())
}

/// What a Connect failure code means for the person who pressed it.
pub fn connect_error_message(code: &str) -> &'static str {
    match code {
        "signin" => "Your session has ended. Open a new portal link to continue.",
        "unknown_integration" => "That integration is not available any more. The list below is up to date.",
        "timeout" => "The integration service took too long to answer. Please try again.",
        "untrusted_redirect" => "The sign-in page for this integration could not be verified, so we did not open it. Please try again later.",
        "unavailable" => "Connecting is temporarily unavailable. Please try again in a moment.",
        _ => "Something went wrong while connecting. Please try again.",
    }
}

/// The page for a request without a session: how to get a link (and, on the sandbox, "continue as").
#[component]
pub fn SignIn() -> impl IntoView {
    let site = use_context::<SiteInfo>().unwrap_or_default();
    let app = site.app_name.clone();
    let bad_id = leptos_router::hooks::use_query_map().with_untracked(|q| q.get("signin_error").is_some());
    view! {
        <section class="notice signin">
            <h1>"Open your integrations from " {app.clone()}</h1>
            <p>
                "This portal is opened with a personal link from " {app.clone()}
                ". Go back to " {app.clone()} " and choose to manage your integrations, or ask " {app.clone()}
                " for a new portal link. Links work once and expire after a few minutes."
            </p>
            {site.sandbox.then(|| view! {
                <form class="demo" method="post" action="/api/demo-sign-in">
                    <h2>"Sandbox: continue without a link"</h2>
                    {bad_id.then(|| view! { <p class="error" role="alert">"Enter a user id (not empty, not “.” or “..”, at most 256 characters)."</p> })}
                    <label for="user_id">"User id"</label>
                    <div class="inline">
                        <input id="user_id" name="user_id" type="text" required maxlength="256" value="demo-user" autocomplete="off"/>
                        <button type="submit">"Continue as this user"</button>
                    </div>
                    <p class="hint">"Only on the sandbox. With a real API key, users arrive through signed links."</p>
                </form>
            })}
        </section>
    }
}

/// A refusal page (a link or a callback we will not accept): its status, what happened, what to do.
#[component]
pub fn Problem(
    status: u16,
    title: &'static str,
    body: String,
    reason: String,
    /// Whether to offer "Back to integrations" (only useful to a signed-in user).
    back: bool,
) -> impl IntoView {
    crate::response::set_status(status);
    view! {
        <Title text=title/>
        <section class="notice problem" data-reason=reason>
            <h1>{title}</h1>
            <p>{body}</p>
            {back.then(|| view! { <p><a class="button" href="/">"Back to integrations"</a></p> })}
        </section>
    }
}

#[component]
pub fn BackToApp(link: BackLink) -> impl IntoView {
    view! { <a class="button secondary" href=link.url>{link.label}</a> }
}

#[component]
pub fn NotFound() -> impl IntoView {
    crate::response::set_status(404);
    view! {
        <Title text="Page not found"/>
        <section class="notice">
            <h1>"Page not found"</h1>
            <p>"There is nothing at this address."</p>
            <p><a class="button" href="/">"Back to integrations"</a></p>
        </section>
    }
}
