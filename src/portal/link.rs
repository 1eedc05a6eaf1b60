//! `/link/<token>`: a GET (or HEAD) checks the link without using it and asks the person to continue, naming who they
//! will be signed in as (mail scanners and chat unfurlers open links first; a link sent by someone else shows whose
//! it is). The POST of that button uses the link once, rotates the session and redirects to `/`.

use crate::domain::LinkRefusal;
use crate::i18n::{t, ta, ta_around, Piece};
use crate::ui::{refusal_words, Problem, SiteInfo};
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
    let app = use_context::<SiteInfo>().unwrap_or_default().app();
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let (app, action) = (app.clone(), action.clone());
                Suspend::new(async move {
                    match result.await.unwrap_or(Landing::Refused(LinkRefusal::Internal)) {
                        Landing::Ready { shown_as, replaces } => view! { <Continue app action shown_as replaces/> }.into_any(),
                        Landing::Refused(refusal) => {
                            let page = refusal.page();
                            let (title, body) = refusal_words(page, &app);
                            view! { <Problem status=page.status title body reason=refusal.as_str() back=false/> }.into_any()
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
    let title = ta("landing-title", &[("app", app.as_str().into())]);
    let user = || ("user", crate::i18n::Arg::from(shown_as.as_str()));
    let button = ta(if replaces.is_some() { "landing-switch" } else { "landing-continue" }, &[user()]);
    let (as_before, as_after) = ta_around("landing-as", &[], "user");
    let switch = replaces.map(|current| {
        let names = [current, shown_as.clone()];
        crate::i18n::ta_pieces("landing-switch-alert", &[], &["current", "user"])
            .into_iter()
            .map(|p| match p {
                Piece::Text(text) => text.into_any(),
                Piece::Value(i) => {
                    let name = names.get(i).cloned().unwrap_or_default();
                    view! { <strong translate="no"><bdi>{name}</bdi></strong> }.into_any()
                }
            })
            .collect_view()
    });
    view! {
        <Title text=title.clone()/>
        <section class="notice link-landing" data-landing="ready">
            <h1>{title}</h1>
            <p class="as">{as_before}<strong translate="no"><bdi>{shown_as.clone()}</bdi></strong>{as_after}</p>
            {switch.map(|pieces| view! { <p class="banner" role="alert" data-switch="">{pieces}</p> })}
            <form method="post" action=action>
                <button type="submit">{button}</button>
            </form>
            <p class="hint">{t("landing-hint")}</p>
        </section>
    }
}
