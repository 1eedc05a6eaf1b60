//! `/admin/webhooks`: webhook deliveries, newest first, filterable by status, each with its attempts, next try and
//! the receiver's last answer; **Resend** sends one again at once.

use super::{Admin, AdminNav, GateView, Unavailable};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

pub const PAGE_SIZE: i64 = 100;
const STATUSES: [(&str, &str); 3] = [("pending", "Pending"), ("delivered", "Delivered"), ("failed", "Failed")];

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct DeliveryRow {
    pub id: String,
    pub endpoint: String,
    pub event: String,
    pub user: Option<String>,
    pub integration: Option<String>,
    pub status: String,
    pub attempts: i64,
    pub next_try: Option<String>,
    pub last_code: Option<i64>,
    pub excerpt: Option<String>,
    pub created: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct WebhooksView {
    pub status: Option<String>,
    /// Only this endpoint's deliveries.
    pub endpoint: Option<String>,
    pub rows: Vec<DeliveryRow>,
    pub configured: bool,
    pub page: u32,
    pub more: bool,
}

#[server(endpoint = "admin-webhooks")]
pub async fn admin_webhooks(
    status: Option<String>,
    endpoint: Option<String>,
    page: Option<u32>,
) -> Result<Admin<WebhooksView>, ServerFnError> {
    use super::ssr;
    use crate::services::registry::DeliveryStatus;
    let (state, _) = match ssr::gate().await? {
        Ok(ok) => ok,
        Err(gate) => return Ok(Admin::Gate(gate)),
    };
    let (integrations, _) = ssr::columns(&state).await;
    let status = status.as_deref().and_then(DeliveryStatus::parse);
    let page = page.unwrap_or(1).max(1);
    let offset = i64::from(page - 1) * PAGE_SIZE;
    let endpoint = endpoint.filter(|e| !e.is_empty() && e.len() <= 64);
    let mut found = state.db.deliveries(status, endpoint.as_deref(), offset, PAGE_SIZE + 1).await.map_err(ssr::db_error)?;
    let more = found.len() as i64 > PAGE_SIZE;
    found.truncate(PAGE_SIZE as usize);
    let rows = found
        .into_iter()
        .map(|d| DeliveryRow {
            next_try: (d.status == DeliveryStatus::Pending).then(|| ssr::when_exact(d.next_at)),
            endpoint: d.endpoint.clone(),
            id: d.id,
            event: d.kind.as_str().to_owned(),
            user: d.user.map(|u| u.as_str().to_owned()),
            // The integration's name when known, else its id.
            integration: d.integration.map(|i| {
                integrations.iter().find(|(id, _)| *id == i).map(|(_, n)| n.clone()).unwrap_or_else(|| i.to_string())
            }),
            status: d.status.as_str().to_owned(),
            attempts: d.attempts,
            last_code: d.last_code,
            excerpt: d.last_excerpt,
            created: ssr::when_exact(d.created_at),
        })
        .collect();
    let configured = state.webhooks.is_on() || !state.endpoints.list().await.map_err(ssr::db_error)?.is_empty();
    let status = status.map(|s| s.as_str().to_owned());
    Ok(Admin::Page(WebhooksView { status, endpoint, rows, configured, page, more }))
}

/// Resend: due at once, whatever its status.
#[server(endpoint = "admin-resend-webhook")]
pub async fn admin_resend_webhook(delivery: String) -> Result<(), ServerFnError> {
    use super::ssr;
    let (state, _, who) = ssr::require_admin().await?;
    let found = state.db.resend(&delivery, &who.actor, chrono::Utc::now()).await.map_err(ssr::db_error)?;
    leptos_axum::redirect(if found { "/admin/webhooks?resent=1" } else { "/admin/webhooks" });
    Ok(())
}

#[component]
pub fn WebhooksPage() -> impl IntoView {
    let (status, endpoint, page, resent) = use_query_map().with_untracked(|q| {
        (q.get("status"), q.get("endpoint"), q.get("page").and_then(|p| p.parse::<u32>().ok()), q.get("resent").is_some())
    });
    let data = Resource::new(move || (status.clone(), endpoint.clone(), page), |(s, e, p)| admin_webhooks(s, e, p));
    view! {
        <Title text="Webhooks · Admin"/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(Admin::Gate(gate)) => view! { <GateView gate notice=None/> }.into_any(),
                    Ok(Admin::Page(v)) => view! { <Webhooks v resent/> }.into_any(),
                    Err(_) => view! { <Unavailable/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Webhooks(v: WebhooksView, resent: bool) -> impl IntoView {
    let WebhooksView { status, endpoint, rows, configured, page, more } = v;
    let query = |p: u32| {
        let mut pairs: Vec<(&str, String)> = status.iter().map(|s| ("status", s.clone())).collect();
        pairs.extend(endpoint.iter().map(|e| ("endpoint", e.clone())));
        if p > 1 {
            pairs.push(("page", p.to_string()));
        }
        crate::filters::with_query("/admin/webhooks", &crate::filters::query_string(&pairs))
    };
    let newer = (page > 1).then(|| query(page - 1));
    let older = more.then(|| query(page + 1));
    let empty = rows.is_empty();
    view! {
        <AdminNav current="webhooks"/>
        <section class="intro">
            <div>
                <h1>"Webhooks"</h1>
                <p class="lede">"What was sent to your product about connections, newest first, and how each delivery went."</p>
            </div>
        </section>
        {(!configured).then(|| view! {
            <p class="banner" role="status">"No webhook endpoint is configured: set " <code>"PLUGBOARD_WEBHOOK_URL"</code> " and " <code>"PLUGBOARD_WEBHOOK_SECRET"</code> "."</p>
        })}
        {resent.then(|| view! { <p class="banner ok" role="status">"Queued to be sent again now."</p> })}
        <form class="filters admin-filters" method="get" action="/admin/webhooks" role="search" aria-label="Filter deliveries">
            <div class="field">
                <label for="w-status">"Status"</label>
                <select id="w-status" name="status">
                    <option value="" selected=status.is_none()>"Any status"</option>
                    {STATUSES.iter().map(|(v, l)| view! { <option value=*v selected=status.as_deref() == Some(*v)>{*l}</option> }).collect_view()}
                </select>
            </div>
            {endpoint.clone().map(|e| view! { <input type="hidden" name="endpoint" value=e/> })}
            <div class="field actions"><button type="submit">"Apply"</button></div>
        </form>
        {if empty {
            view! { <p class="empty">"No deliveries match."</p> }.into_any()
        } else {
            view! {
                <div class="table-wrap" tabindex="0" role="region" aria-label="Webhook deliveries">
                    <table class="events webhooks">
                        <thead><tr>
                            <th scope="col">"Event"</th><th scope="col">"Endpoint"</th><th scope="col">"User"</th><th scope="col">"Integration"</th>
                            <th scope="col">"Status"</th><th scope="col">"Attempts"</th><th scope="col">"Next try"</th>
                            <th scope="col">"Last answer"</th><th scope="col">"Created"</th><th scope="col"><span class="visually-hidden">"Actions"</span></th>
                        </tr></thead>
                        <tbody>
                            {rows.into_iter().map(|r| {
                                let answer = match (r.last_code, r.excerpt) {
                                    (Some(c), Some(e)) if !e.is_empty() => format!("{c} · {e}"),
                                    (Some(c), _) => c.to_string(),
                                    (None, Some(e)) => e,
                                    (None, None) => "—".to_owned(),
                                };
                                let row_status = r.status.clone();
                                view! {
                                    <tr data-status=row_status>
                                        <td>{r.event}</td>
                                        <td><code>{r.endpoint}</code></td>
                                        <td>{r.user.unwrap_or_else(|| "—".into())}</td>
                                        <td>{r.integration.unwrap_or_default()}</td>
                                        <td>{r.status}</td>
                                        <td>{r.attempts}</td>
                                        <td>{r.next_try.unwrap_or_else(|| "—".into())}</td>
                                        <td>{answer}</td>
                                        <td>{r.created}</td>
                                        <td>
                                            <form method="post" action="/api/admin-resend-webhook">
                                                <input type="hidden" name="delivery" value=r.id/>
                                                <button type="submit" class="secondary">"Resend"</button>
                                            </form>
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }}
        <nav class="pager" aria-label="Pages">
            {newer.map(|href| view! { <a href=href rel="prev">"Newer"</a> })}
            <span>{format!("Page {page}")}</span>
            {older.map(|href| view! { <a href=href rel="next">"Older"</a> })}
        </nav>
    }
}
