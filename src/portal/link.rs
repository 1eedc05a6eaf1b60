//! `/link/<token>`: signs the user in from a portal link, then redirects to `/` so the token leaves the address bar.

use crate::domain::LinkRefusal;
use crate::ui::{Problem, SiteInfo};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// `None` when the user was signed in (and redirected); otherwise why the link was refused.
#[server(endpoint = "redeem-link")]
pub async fn redeem_link(token: String) -> Result<Option<LinkRefusal>, ServerFnError> {
    let state = crate::state::AppState::current()?;
    let session: tower_sessions::Session = leptos_axum::extract().await?;
    let signer = state.links.signer();
    match crate::services::sessions::redeem_link(signer, &state.db, &session, &token, chrono::Utc::now()).await {
        Ok(_) => {
            crate::ui::response::redirect_page("/");
            Ok(None)
        }
        Err(refusal) => Ok(Some(refusal)),
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
                    let refusal = match result.await {
                        Ok(None) => return view! { <p>"Signed in. " <a href="/">"Continue to your integrations"</a></p> }.into_any(),
                        Ok(Some(refusal)) => refusal,
                        Err(_) => LinkRefusal::Internal,
                    };
                    let page = refusal.page(&app);
                    view! { <Problem status=page.status title=page.title body=page.body reason=refusal.as_str() back=false/> }.into_any()
                })
            }}
        </Suspense>
    }
}
