//! `/link/<token>`: a GET (or HEAD) checks the link without using it and asks the person to continue, naming who they
//! will be signed in as (mail scanners and chat unfurlers open links first; a link sent by someone else shows whose
//! it is). The POST of that button uses the link once, rotates the session and redirects to `/`.
//!
//! A deep link (`connect`) names one integration: its page says "Connect Slack to <app>", and its POST signs in and
//! goes straight to the authorize page. Whether it is connected already is read from the snapshot (a GET never asks
//! the API about the user).

use crate::domain::{Integration, LinkRefusal};
use crate::i18n::{t, ta, ta_around, Piece};
use crate::ui::{refusal_words, BackLink, BackToApp, Logo, Problem, SiteInfo};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use serde::{Deserialize, Serialize};

/// What the landing page shows.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Landing {
    /// The link is good: continue as `shown_as`; `replaces` is who is signed in in this browser now, if someone else.
    Ready { shown_as: String, replaces: Option<String> },
    /// A deep link: connect `integration` (or, when it is connected already, reconnect it or go back).
    Deep { shown_as: String, replaces: Option<String>, integration: Integration, connected: bool, back: Option<BackLink> },
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
        Ok(p) => {
            let shown_as = crate::ui::Viewer::mask(p.user.as_str());
            let replaces = p.replaces.as_ref().map(|u| crate::ui::Viewer::mask(u.as_str()));
            match &p.link.connect {
                None => Landing::Ready { shown_as, replaces },
                Some(id) => match deep_target(&state, &p.link, id).await {
                    Ok((integration, connected, back)) => Landing::Deep { shown_as, replaces, integration, connected, back },
                    Err(refusal) => Landing::Refused(refusal),
                },
            }
        }
        Err(refusal) => Landing::Refused(refusal),
    })
}

/// A deep link's integration (active, inside the link's scope), whether the snapshot says it is connected, and
/// "Back to <app>". The list is the shared cached one; nothing is asked about this user.
#[cfg(feature = "ssr")]
async fn deep_target(
    state: &crate::state::AppState,
    link: &crate::services::links::Link,
    id: &crate::domain::CustomerIntegrationId,
) -> Result<(Integration, bool, Option<BackLink>), LinkRefusal> {
    if !link.allowed.is_empty() && !link.allowed.contains(id) {
        return Err(LinkRefusal::Unavailable);
    }
    let list = state.catalog.integrations().await.map_err(|_| LinkRefusal::Internal)?;
    let integration = list.iter().find(|i| &i.customer_integration_id == id).cloned().ok_or(LinkRefusal::Unavailable)?;
    let snapshots = state.db.snapshots(&link.user).await.unwrap_or_default();
    let connected =
        snapshots.iter().any(|s| &s.integration == id && s.state.key() == crate::domain::StateKey::Connected);
    let allowed = &state.config.links.return_hosts;
    let back = link
        .return_url
        .as_ref()
        .and_then(|u| crate::services::sessions::checked_return(u.as_str(), allowed))
        .map(|url| BackLink::new(&state.site.app(), url));
    Ok((integration, connected, back))
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
        Ok(link) => match link.connect {
            Some(id) => connect_now(&state, &session, &id).await,
            None => Redirect::to("/").into_response(),
        },
        Err(refusal) => {
            tracing::info!(reason = refusal.as_str(), "portal link not used");
            let back = crate::filters::encode(&token);
            Redirect::to(&format!("/link/{back}")).into_response()
        }
    }
}

/// A deep link's POST, signed in now: straight to the authorize page. When that cannot start, back to the host with
/// `plugboard_result=failed` (`returnMode: "immediate"`), else to the portal, which says why.
#[cfg(feature = "ssr")]
async fn connect_now(
    state: &crate::state::AppState,
    session: &tower_sessions::Session,
    id: &crate::domain::CustomerIntegrationId,
) -> axum::response::Response {
    use crate::domain::{ConnectProblem, ConnectResult, ReturnMode};
    use axum::response::{IntoResponse, Redirect};
    let Some(who) = crate::services::sessions::current(session).await else {
        return Redirect::to(&format!("/?error={}", ConnectProblem::SignIn.as_str())).into_response();
    };
    if !who.allows(id) {
        return Redirect::to(&format!("/?error={}", ConnectProblem::NotAllowed.as_str())).into_response();
    }
    match state.connector.start_connect_traced(&who, id).await {
        Ok(url) => Redirect::to(url.as_str()).into_response(),
        Err((e, event)) => {
            let back = who.return_link(&state.config.links.return_hosts).and_then(|u| url::Url::parse(&u).ok());
            match back.filter(|_| who.return_mode == ReturnMode::Immediate) {
                Some(url) => {
                    let to = ConnectResult::Failed.append_to(&url, id.as_str(), event.as_deref());
                    Redirect::to(to.as_str()).into_response()
                }
                None => Redirect::to(&format!("/?error={}", e.problem().as_str())).into_response(),
            }
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
                        Landing::Deep { shown_as, replaces, integration, connected, back } => {
                            view! { <DeepLanding app action shown_as replaces integration connected back/> }.into_any()
                        }
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
    view! {
        <Title text=title.clone()/>
        <section class="notice link-landing" data-landing="ready">
            <h1>{title}</h1>
            <SignedInAs shown_as replaces/>
            <form method="post" action=action>
                <button type="submit">{button}</button>
            </form>
            <p class="hint">{t("landing-hint")}</p>
        </section>
    }
}

/// "Connect Slack to <app>": the integration's logo and sign-in type, and one button that signs in and goes straight
/// to the provider. Connected already: says so, with Reconnect and "Back to <app>".
#[component]
fn DeepLanding(
    app: String,
    action: String,
    shown_as: String,
    replaces: Option<String>,
    integration: Integration,
    connected: bool,
    back: Option<BackLink>,
) -> impl IntoView {
    let name = integration.name.clone();
    let args = [("name", crate::i18n::Arg::from(name.as_str())), ("app", app.as_str().into())];
    let title = ta(if connected { "deep-connected-title" } else { "deep-title" }, &args);
    let button = ta(if connected { "deep-reconnect" } else { "deep-connect" }, &args[..1]);
    let auth = super::components::auth_label(integration.auth_type.as_ref());
    view! {
        <Title text=title.clone()/>
        <section
            class="notice link-landing deep"
            data-landing="deep"
            data-integration=integration.customer_integration_id.to_string()
            data-connected=connected.to_string()
        >
            <div class="result-head">
                <Logo name=name.clone() url=integration.logo_url.clone() large=true/>
                <h1>{title}</h1>
            </div>
            <p class="auth-type" data-auth="">{auth}</p>
            {connected.then(|| view! { <p data-already="">{t("deep-connected-body")}</p> })}
            <SignedInAs shown_as replaces/>
            <div class="actions">
                <form method="post" action=action>
                    <button type="submit" class:secondary=connected>{button}</button>
                </form>
                {back.map(|b| view! { <BackToApp link=b/> })}
            </div>
            <p class="hint">{t("landing-hint")}</p>
        </section>
    }
}

/// "You will be signed in as al…ce", and who is signed out here by continuing, if someone else is signed in.
#[component]
fn SignedInAs(shown_as: String, replaces: Option<String>) -> impl IntoView {
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
        <p class="as">{as_before}<strong translate="no"><bdi>{shown_as}</bdi></strong>{as_after}</p>
        {switch.map(|pieces| view! { <p class="banner" role="alert" data-switch="">{pieces}</p> })}
    }
}
