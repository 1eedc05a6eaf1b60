//! `/link/<token>`: signs the user in from a portal link, then redirects to `/` so the token leaves the address bar.

use crate::app::SiteInfo;
use crate::pages::Problem;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// `None` when the user was signed in (and redirected); otherwise why the link was refused.
#[server(endpoint = "redeem-link")]
pub async fn redeem_link(token: String) -> Result<Option<String>, ServerFnError> {
    use crate::identity::IdentityError;
    let state = crate::server::AppState::current()?;
    let session: tower_sessions::Session = leptos_axum::extract().await?;
    use crate::registry::{best_effort, EventKind};
    let now = chrono::Utc::now();
    match crate::identity::redeem_link(&state.links, &state.db, &session, &token, now).await {
        Ok((link, _)) => {
            best_effort("user", state.db.touch_user(&link.user, now)).await;
            best_effort("event", state.db.record_event(EventKind::LinkUsed, Some(&link.user), None, "", now)).await;
            crate::response::redirect_page("/");
            Ok(None)
        }
        Err(IdentityError::Link(e)) => {
            tracing::info!(reason = e.code(), "portal link refused");
            best_effort("event", state.db.record_event(EventKind::LinkRejected, None, None, e.code(), now)).await;
            Ok(Some(e.code().to_owned()))
        }
        Err(e) => {
            tracing::error!(error = %e, "signing in from a link failed");
            Ok(Some("internal".to_owned()))
        }
    }
}

#[component]
pub fn LinkPage() -> impl IntoView {
    let token = use_params_map().with_untracked(|p| p.get("token").unwrap_or_default());
    let result = Resource::new(|| (), move |_| redeem_link(token.clone()));
    let app = use_context::<SiteInfo>().unwrap_or_default().app_name;
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let app = app.clone();
                Suspend::new(async move {
                    let code = match result.await {
                        Ok(None) => return view! { <p>"Signed in. " <a href="/">"Continue to your integrations"</a></p> }.into_any(),
                        Ok(Some(code)) => code,
                        Err(_) => "internal".to_owned(),
                    };
                    let (status, title, body) = link_problem(&code, &app);
                    view! { <Problem status title body reason=code back=false/> }.into_any()
                })
            }}
        </Suspense>
    }
}

fn link_problem(code: &str, app: &str) -> (u16, &'static str, String) {
    match code {
        "expired" => (
            410,
            "This link has expired",
            format!("Portal links work for a few minutes only. Ask {app} for a new link."),
        ),
        "replayed" => {
            (410, "This link was already used", format!("Each portal link works once. Ask {app} for a new link."))
        }
        "bad_signature" => (
            403,
            "This link is not valid",
            format!(
                "It was not issued for this portal, or it was changed after it was issued. Ask {app} for a new link."
            ),
        ),
        "malformed" => (
            400,
            "This link is incomplete",
            format!("Part of the address may be missing, for example when it was copied. Ask {app} for a new link."),
        ),
        _ => (
            503,
            "We could not sign you in",
            "Something went wrong on our side. Please open the link again in a moment.".to_owned(),
        ),
    }
}
