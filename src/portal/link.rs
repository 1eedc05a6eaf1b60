//! `/link/<token>`: a GET (or HEAD) checks the link without using it and asks the person to continue, naming who they
//! will be signed in as (mail scanners and chat unfurlers open links first; a link sent by someone else shows whose
//! it is). The POST of that button uses the link once, rotates the session and redirects to `/`.

use crate::domain::LinkRefusal;
use crate::ui::{Problem, SiteInfo};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use serde::{Deserialize, Serialize};

/// What the landing page shows.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Landing {
    /// The link is good: continue as `shown_as`; `replaces` is who is signed in in this browser now, if someone else.
    Ready { shown_as: String, replaces: Option<String> },
    Refused(LinkRefusal),
}

#[server(endpoint = "link-landing")]
pub async fn link_landing(token: String) -> Result<Landing, ServerFnError> {
    let state = crate::state::AppState::current()?;
    let session: tower_sessions::Session = leptos_axum::extract().await?;
    let client = leptos_axum::extract::<axum::Extension<crate::platform::http::ClientIp>>()
        .await
        .map(|c| c.0.key())
        .unwrap_or(std::net::IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED));
    let signer = state.links.signer();
    let now = chrono::Utc::now();
    let refusals = &state.link_refusals;
    Ok(match crate::services::sessions::preview_link(signer, &state.db, &session, &token, refusals, client, now).await {
        Ok(p) => Landing::Ready {
            shown_as: crate::ui::Viewer::mask(p.user.as_str()),
            replaces: p.replaces.map(|u| crate::ui::Viewer::mask(u.as_str())),
        },
        Err(refusal) => Landing::Refused(refusal),
    })
}

/// The POST from the landing page: uses the link and signs in (303 to `/`), or back to the landing page, which says
/// why not (already used, expired, ...).
#[cfg(feature = "ssr")]
pub async fn use_link(
    axum::extract::State(state): axum::extract::State<crate::state::AppState>,
    session: tower_sessions::Session,
    axum::extract::Path(token): axum::extract::Path<String>,
) -> axum::response::Response {
    use axum::response::{IntoResponse, Redirect};
    let signer = state.links.signer();
    match crate::services::sessions::redeem_link(signer, &state.db, &session, &token, chrono::Utc::now()).await {
        Ok(_) => Redirect::to("/").into_response(),
        Err(refusal) => {
            tracing::info!(reason = refusal.as_str(), "portal link not used");
            let back = crate::filters::encode(&token);
            Redirect::to(&format!("/link/{back}")).into_response()
        }
    }
}

#[component]
pub fn LinkPage() -> impl IntoView {
    let token = use_params_map().with_untracked(|p| p.get("token").unwrap_or_default());
    let action = format!("/link/{}", crate::filters::encode(&token));
    let result = Resource::new(|| (), move |_| link_landing(token.clone()));
    let app = use_context::<SiteInfo>().unwrap_or_default().app_name;
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let (app, action) = (app.clone(), action.clone());
                Suspend::new(async move {
                    match result.await.unwrap_or(Landing::Refused(LinkRefusal::Internal)) {
                        Landing::Ready { shown_as, replaces } => view! { <Continue app action shown_as replaces/> }.into_any(),
                        Landing::Refused(refusal) => {
                            let page = refusal.page(&app);
                            view! { <Problem status=page.status title=page.title body=page.body reason=refusal.as_str() back=false/> }.into_any()
                        }
                    }
                })
            }}
        </Suspense>
    }
}

/// "Continue to <app>'s integrations as al…ce": one button, no auto-submit.
#[component]
fn Continue(app: String, action: String, shown_as: String, replaces: Option<String>) -> impl IntoView {
    let title = format!("Continue to {app}'s integrations");
    let button = if replaces.is_some() { format!("Switch to {shown_as}") } else { format!("Continue as {shown_as}") };
    view! {
        <Title text=title.clone()/>
        <section class="notice link-landing" data-landing="ready">
            <h1>{title}</h1>
            <p class="as">"You will be signed in as " <strong>{shown_as.clone()}</strong> "."</p>
            {replaces.map(|current| view! {
                <p class="banner" role="alert" data-switch="">
                    "This browser is signed in as " <strong>{current}</strong>
                    " now. Continuing signs that account out here and signs in as " <strong>{shown_as.clone()}</strong> "."
                </p>
            })}
            <form method="post" action=action>
                <button type="submit">{button}</button>
            </form>
            <p class="hint">"The link works once. If you did not expect it, close this page."</p>
        </section>
    }
}
