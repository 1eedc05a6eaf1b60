//! `/callback/<attempt id>?status=...`: where the authorize page sends the user back. `status` is only a hint: the
//! attempt must belong to this session, be unexpired and unused; then the real state is read from the API.

use crate::app::SiteInfo;
use crate::components::{ConnectForm, Logo};
use crate::domain::{ConnState, Integration};
use crate::pages::{integrations::BackLink, BackToApp, Problem};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum CallbackView {
    Verified { integration: Integration, state: ConnState, hint: String, back: Option<BackLink> },
    Refused { code: String },
}

#[server(endpoint = "verify-callback")]
pub async fn verify_callback(attempt: String) -> Result<CallbackView, ServerFnError> {
    use crate::portal::{CallbackError, StatusHint};
    let state = crate::server::AppState::current()?;
    let session: tower_sessions::Session = leptos_axum::extract().await?;
    let axum::extract::RawQuery(raw) = leptos_axum::extract().await?;
    let hint = StatusHint::from_raw_query(raw.as_deref());
    let who = crate::identity::current(&session).await;
    let now = chrono::Utc::now();
    match state.portal.verify_callback(&state.db, who.as_ref(), &attempt, hint, now).await {
        Ok(v) => {
            let hint = match v.hint {
                StatusHint::Success => "success",
                StatusHint::Error => "error",
                StatusHint::Missing => "missing",
                StatusHint::Other => "other",
            };
            if let Some(w) = &who {
                use crate::registry::{best_effort, EventKind};
                let id = &v.integration.customer_integration_id;
                let detail = format!("reported={hint} verified={}", v.state.key());
                best_effort(
                    "event",
                    state.db.record_event(EventKind::CallbackReceived, Some(&w.user), Some(id), &detail, now),
                )
                .await;
                best_effort("snapshot", state.db.record_snapshot(&w.user, id, &v.state, now)).await;
            }
            let back = who
                .and_then(|w| w.return_url)
                .map(|url| BackLink { label: format!("Back to {}", state.site.app_name), url });
            Ok(CallbackView::Verified { integration: v.integration, state: v.state, hint: hint.into(), back })
        }
        Err(e) => {
            let code = match e {
                CallbackError::SignInRequired => "signin",
                CallbackError::Unknown => "unknown",
                CallbackError::OtherSession => "other_session",
                CallbackError::Expired => "expired",
                CallbackError::Replayed => "replayed",
                CallbackError::Internal => "internal",
            };
            tracing::info!(reason = code, "callback refused");
            Ok(CallbackView::Refused { code: code.into() })
        }
    }
}

#[component]
pub fn CallbackPage() -> impl IntoView {
    let attempt = use_params_map().with_untracked(|p| p.get("attempt").unwrap_or_default());
    let result = Resource::new(|| (), move |_| verify_callback(attempt.clone()));
    let app = use_context::<SiteInfo>().unwrap_or_default().app_name;
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let app = app.clone();
                Suspend::new(async move {
                    match result.await {
                        Ok(CallbackView::Verified { integration, state, hint, back }) => {
                            view! { <Verified integration state hint back/> }.into_any()
                        }
                        Ok(CallbackView::Refused { code }) => view! { <Refused code app/> }.into_any(),
                        Err(_) => view! { <Refused code="internal".to_string() app/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn Verified(integration: Integration, state: ConnState, hint: String, back: Option<BackLink>) -> impl IntoView {
    let name = integration.name.clone();
    let id = integration.customer_integration_id.to_string();
    let (outcome, title, body): (&str, String, String) = match (&state, hint.as_str()) {
        (ConnState::Connected { .. }, "error") => (
            "connected",
            format!("Still connected to {name}"),
            format!("{name} reported a problem with this attempt, but your connection is active."),
        ),
        (ConnState::Connected { .. }, _) => ("connected", format!("Connected to {name}"), "You can use it right away.".into()),
        (ConnState::Unknown, _) => (
            "unknown",
            format!("We could not confirm the connection to {name}"),
            "The integration service did not answer in time. Your integrations page will show the result shortly.".into(),
        ),
        (_, "success") => (
            "unconfirmed",
            format!("{name} is not connected yet"),
            format!("{name} said the connection worked, but it is not active. Please try again; if it keeps happening, contact support."),
        ),
        (_, "error") => (
            "failed",
            format!("{name} was not connected"),
            "The connection was cancelled or refused. Nothing was shared.".into(),
        ),
        _ => (
            "failed",
            format!("{name} was not connected"),
            "The connection was not completed. You can try again.".into(),
        ),
    };
    let ok = outcome == "connected";
    view! {
        <Title text=title.clone()/>
        <section class=format!("notice result result-{outcome}") data-outcome=outcome>
            <div class="result-head">
                <Logo name=name.clone() url=integration.logo_url.clone() large=true/>
                <h1>{title}</h1>
            </div>
            <p>{body}</p>
            <div class="actions">
                {(!ok).then(|| view! { <ConnectForm integration_id=id label="Try again".to_string() name=name.clone() secondary=false/> })}
                <a class="button" class:secondary=!ok href="/">"Back to integrations"</a>
                {back.map(|b| view! { <BackToApp link=b/> })}
            </div>
        </section>
    }
}

#[component]
fn Refused(code: String, app: String) -> impl IntoView {
    let (status, title, body): (u16, &str, String) = match code.as_str() {
        "signin" => (401, "Your session has ended", format!("Open a new portal link from {app}, then connect again.")),
        "unknown" => (404, "This return link is not one we issued", "Nothing was changed. Start again from your integrations.".into()),
        "other_session" => (403, "This connection was started somewhere else", "It belongs to another browser or session, so nothing was changed here. Start again from your integrations.".into()),
        "expired" => (410, "This connection attempt took too long", "Attempts expire after 15 minutes. Nothing was changed. Please connect again.".into()),
        "replayed" => (409, "This return link was already used", "Each return link works once. Your integrations page shows the current state.".into()),
        _ => (503, "We could not check this connection", "Something went wrong on our side. Your integrations page shows the current state.".into()),
    };
    view! { <Problem status title body reason=code back=true/> }
}
