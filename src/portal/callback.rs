//! `/callback/<attempt id>?status=...`: where the authorize page sends the user back. `status` is only a hint: the
//! attempt must belong to this session, be unexpired and unused; then the real state is read from the API.

use super::islands::ConnectForm;
use crate::domain::{CallbackRefusal, ConnState, Integration, StatusHint};
use crate::i18n::{t, ta};
use crate::ui::{refusal_words, BackLink, BackToApp, Brand, Logo, Problem, SiteInfo};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum CallbackView {
    Verified { integration: Integration, state: ConnState, hint: StatusHint, back: Option<BackLink> },
    Refused(CallbackRefusal),
}

#[server(endpoint = "verify-callback")]
pub async fn verify_callback(attempt: String) -> Result<CallbackView, ServerFnError> {
    let state = crate::state::AppState::current()?;
    let session: tower_sessions::Session = leptos_axum::extract().await?;
    let axum::extract::RawQuery(raw) = leptos_axum::extract().await?;
    let hint = StatusHint::from_raw_query(raw.as_deref());
    let who = crate::services::sessions::current(&session).await;
    match state.connector.verify_callback(who.as_ref(), &attempt, hint, chrono::Utc::now()).await {
        Ok(v) => {
            let allowed = &state.config.links.return_hosts;
            let back = who.and_then(|w| w.return_link(allowed)).map(|url| BackLink::new(&state.site.app(), url));
            Ok(CallbackView::Verified { integration: v.integration, state: v.state, hint: v.hint, back })
        }
        Err(refusal) => {
            tracing::info!(reason = refusal.as_str(), "callback refused");
            Ok(CallbackView::Refused(refusal))
        }
    }
}

/// Answers a callback with the status its page will show, decided before the page streams (the page itself
/// streams its shell first, then the result once the API has answered).
#[cfg(feature = "ssr")]
pub async fn callback_status(
    axum::extract::State(state): axum::extract::State<crate::state::AppState>,
    session: tower_sessions::Session,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let attempt = req.uri().path().strip_prefix("/callback/").filter(|_| req.method() == http::Method::GET);
    let Some(attempt) = attempt.map(str::to_owned) else { return next.run(req).await };
    let who = crate::services::sessions::current(&session).await;
    let verdict = state.connector.precheck(who.as_ref(), &attempt, chrono::Utc::now()).await;
    if let (Ok(()), Some(who)) = (&verdict, &who) {
        if let Some(back) = immediate_return(&state, who) {
            if let Some(resp) = send_back(&state, who, &attempt, req.uri().query(), &back).await {
                return resp;
            }
        }
    }
    let mut resp = next.run(req).await;
    if let Err(refusal) = verdict {
        if let Ok(status) = http::StatusCode::from_u16(refusal.page().status) {
            *resp.status_mut() = status;
        }
    }
    resp
}

/// With `returnMode: "immediate"` (and a return URL still allowed), where the callback sends the browser.
#[cfg(feature = "ssr")]
fn immediate_return(state: &crate::state::AppState, who: &crate::services::sessions::PortalSession) -> Option<url::Url> {
    if who.return_mode != crate::domain::ReturnMode::Immediate {
        return None;
    }
    url::Url::parse(&who.return_link(&state.config.links.return_hosts)?).ok()
}

/// Verifies the callback as its page would, then answers 303 to the host's page with the outcome appended
/// (`plugboard_result`, `plugboard_integration`, `plugboard_event`). Only the attempt's own session gets here.
#[cfg(feature = "ssr")]
async fn send_back(
    state: &crate::state::AppState,
    who: &crate::services::sessions::PortalSession,
    attempt: &str,
    query: Option<&str>,
    back: &url::Url,
) -> Option<axum::response::Response> {
    use axum::response::{IntoResponse, Redirect};
    let hint = StatusHint::from_raw_query(query);
    match state.connector.verify_callback(Some(who), attempt, hint, chrono::Utc::now()).await {
        Ok(v) => {
            let id = &v.integration.customer_integration_id;
            let event = state.db.outcome_event(&who.user, id, v.started_at).await.unwrap_or_else(|e| {
                tracing::warn!(error = %e, "reading a connect outcome's event failed");
                None
            });
            Some(Redirect::to(v.result().append_to(back, id.as_str(), event.as_deref()).as_str()).into_response())
        }
        // Accepted a moment ago, refused now (a concurrent callback took it): its page says so, as without a return.
        Err(_) => None,
    }
}

#[component]
pub fn CallbackPage() -> impl IntoView {
    let attempt = use_params_map().with_untracked(|p| p.get("attempt").unwrap_or_default());
    // A resource: the verification runs once, however often the view is built.
    let result = Resource::new(|| (), move |_| verify_callback(attempt.clone()));
    let app = use_context::<SiteInfo>().unwrap_or_default().app();
    view! {
        <Title text=t("callback-title")/>
        <Suspense fallback=|| view! { <p class="loading" role="status">{t("callback-checking")}</p> }>
            {move || {
                let app = app.clone();
                Suspend::new(async move {
                    match result.await {
                        Ok(CallbackView::Verified { integration, state, hint, back }) => {
                            view! { <Verified integration state hint back/> }.into_any()
                        }
                        Ok(CallbackView::Refused(refusal)) => view! { <Refused refusal app/> }.into_any(),
                        Err(_) => view! { <Refused refusal=CallbackRefusal::Internal app/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn Verified(integration: Integration, state: ConnState, hint: StatusHint, back: Option<BackLink>) -> impl IntoView {
    let name = integration.name.clone();
    let id = integration.customer_integration_id.to_string();
    let named = |msg: &str| ta(msg, &[("name", name.as_str().into())]);
    let (outcome, title, body): (&str, String, String) = match (&state, hint) {
        (ConnState::Connected { .. }, StatusHint::Error) => {
            ("connected", named("still-connected-title"), named("still-connected-body"))
        }
        (ConnState::Connected { .. }, _) => ("connected", named("connected-to"), t("connected-body")),
        (ConnState::Unknown, _) => ("unknown", named("unknown-title"), t("unknown-body")),
        (_, StatusHint::Success) => ("unconfirmed", named("unconfirmed-title"), named("unconfirmed-body")),
        (_, StatusHint::Error) => ("failed", named("failed-title"), t("failed-cancelled-body")),
        _ => ("failed", named("failed-title"), t("failed-body")),
    };
    let ok = outcome == "connected";
    // The host's help for this integration, where a connection did not work.
    let help = (!ok).then(|| Brand::current().help(&id, crate::i18n::current())).flatten();
    view! {
        <Title text=title.clone()/>
        <section class=format!("notice result result-{outcome}") data-outcome=outcome>
            <div class="result-head">
                <Logo name=name.clone() url=integration.logo_url.clone() large=true/>
                <h1>{title}</h1>
            </div>
            <p>{body}</p>
            {help.map(|h| view! { <super::components::HelpLine help=h/> })}
            <div class="actions">
                {(!ok).then(|| view! { <ConnectForm integration_id=id label=t("try-again") name=name.clone() secondary=false/> })}
                <a class="button" class:secondary=!ok href="/"><crate::ui::BackArrow/>{t("back-to-integrations")}</a>
                {back.map(|b| view! { <BackToApp link=b/> })}
            </div>
        </section>
    }
}

#[component]
fn Refused(refusal: CallbackRefusal, app: String) -> impl IntoView {
    let page = refusal.page();
    let (title, body) = refusal_words(page, &app);
    view! { <Problem status=page.status title body reason=refusal.as_str() back=true/> }
}
