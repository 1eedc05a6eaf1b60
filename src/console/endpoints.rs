//! `/admin/endpoints`: webhook endpoints beside the environment's. Add one (its URL, which event types it wants; its
//! secret is shown once), disable or enable it, rotate its secret (the previous one keeps signing for a day), delete
//! it, see its deliveries and success rate, and send again everything that failed since a time. Every change is an
//! event.

use super::{Admin, AdminNav, GateView, Unavailable};
use crate::domain::WebhookKind;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

/// The session key a new secret waits under until its page has shown it once.
#[cfg(feature = "ssr")]
const NEW_SECRET: &str = "new_endpoint_secret";

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct EndpointRow {
    pub id: String,
    pub url: String,
    pub description: String,
    pub types: Vec<String>,
    pub enabled: bool,
    pub created: String,
    pub delivered: i64,
    pub failed: i64,
    pub pending: i64,
    /// "rotated: the previous secret signs until ..." while the overlap lasts.
    pub overlap: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct EndpointsView {
    pub rows: Vec<EndpointRow>,
    /// `PLUGBOARD_WEBHOOK_URL` (or the sandbox's inbox) is on.
    pub environment: bool,
    /// A secret made just now: (endpoint id, secret), shown this once.
    pub secret: Option<(String, String)>,
    /// The replay form's default: a day ago (`YYYY-MM-DDTHH:MM`, UTC).
    pub day_ago: String,
}

#[server(endpoint = "admin-endpoints")]
pub async fn admin_endpoints() -> Result<Admin<EndpointsView>, ServerFnError> {
    use super::ssr;
    let (state, session) = match ssr::gate().await? {
        Ok(ok) => ok,
        Err(gate) => return Ok(Admin::Gate(gate)),
    };
    let now = chrono::Utc::now();
    let mut rows = Vec::new();
    for e in state.endpoints.list().await.map_err(ssr::db_error)? {
        let (delivered, failed, pending) = state.endpoints.tally(&e.id).await.map_err(ssr::db_error)?;
        rows.push(EndpointRow {
            overlap: e.previous_until.filter(|u| *u > now).map(|u| format!("the previous secret signs until {}", ssr::when(u))),
            types: e.types.iter().map(|t| t.as_str().to_owned()).collect(),
            created: ssr::when(e.created_at),
            id: e.id,
            url: e.url,
            description: e.description,
            enabled: e.enabled,
            delivered,
            failed,
            pending,
        });
    }
    let secret = ssr::take_once(&state, &session, NEW_SECRET).await;
    let day_ago = (now - chrono::Duration::hours(24)).format("%Y-%m-%dT%H:%M").to_string();
    Ok(Admin::Page(EndpointsView { rows, environment: state.webhooks.is_on(), secret, day_ago }))
}

/// Adds an endpoint for the ticked types (none ticked: every type).
#[server(endpoint = "admin-endpoint-add")]
pub async fn admin_endpoint_add(
    url: String,
    description: Option<String>,
    created: Option<String>,
    lost: Option<String>,
    recovered: Option<String>,
    reconnected: Option<String>,
    failed: Option<String>,
) -> Result<(), ServerFnError> {
    use super::ssr;
    let (state, session, who) = ssr::require_admin().await?;
    let ticked = [
        (WebhookKind::Created, created),
        (WebhookKind::Lost, lost),
        (WebhookKind::Recovered, recovered),
        (WebhookKind::Reconnected, reconnected),
        (WebhookKind::ConnectFailed, failed),
    ];
    let types: Vec<WebhookKind> = ticked.into_iter().filter(|(_, on)| on.is_some()).map(|(k, _)| k).collect();
    let description: String = description.unwrap_or_default().trim().chars().filter(|c| !c.is_control()).take(200).collect();
    let url = match crate::services::webhook_endpoints::check_url(&url, &state.config.webhooks.allow_hosts).await {
        Ok(url) => url,
        Err(refusal) => {
            let code = match refusal {
                crate::services::webhook_endpoints::UrlRefusal::NotHttps => "https",
                crate::services::webhook_endpoints::UrlRefusal::Private => "private",
                crate::services::webhook_endpoints::UrlRefusal::Unresolved => "unresolved",
                _ => "url",
            };
            leptos_axum::redirect(&format!("/admin/endpoints?error={code}"));
            return Ok(());
        }
    };
    let made = state.endpoints.create(&url, &description, &types, &who.actor, chrono::Utc::now()).await.map_err(ssr::db_error)?;
    let Some((id, secret)) = made else {
        leptos_axum::redirect("/admin/endpoints?error=full");
        return Ok(());
    };
    keep_secret(&state, &session, id, secret).await?;
    leptos_axum::redirect("/admin/endpoints");
    Ok(())
}

#[cfg(feature = "ssr")]
async fn keep_secret(
    state: &crate::state::AppState,
    session: &tower_sessions::Session,
    id: String,
    secret: String,
) -> Result<(), ServerFnError> {
    let lost = "The secret was made but could not be shown; rotate it to get another.";
    super::ssr::keep_once(state, session, NEW_SECRET, id, &secret, lost).await
}

/// Enable (`enabled=1`) or disable an endpoint.
#[server(endpoint = "admin-endpoint-enable")]
pub async fn admin_endpoint_enable(endpoint: String, enabled: String) -> Result<(), ServerFnError> {
    use super::ssr;
    let (state, _, who) = ssr::require_admin().await?;
    let on = enabled == "1";
    state.endpoints.set_enabled(&endpoint, on, &who.actor, chrono::Utc::now()).await.map_err(ssr::db_error)?;
    leptos_axum::redirect("/admin/endpoints");
    Ok(())
}

#[server(endpoint = "admin-endpoint-rotate")]
pub async fn admin_endpoint_rotate(endpoint: String) -> Result<(), ServerFnError> {
    use super::ssr;
    let (state, session, who) = ssr::require_admin().await?;
    if let Some(secret) = state.endpoints.rotate(&endpoint, &who.actor, chrono::Utc::now()).await.map_err(ssr::db_error)? {
        keep_secret(&state, &session, endpoint, secret).await?;
    }
    leptos_axum::redirect("/admin/endpoints");
    Ok(())
}

#[server(endpoint = "admin-endpoint-delete")]
pub async fn admin_endpoint_delete(endpoint: String) -> Result<(), ServerFnError> {
    use super::ssr;
    let (state, _, who) = ssr::require_admin().await?;
    state.endpoints.delete(&endpoint, &who.actor, chrono::Utc::now()).await.map_err(ssr::db_error)?;
    leptos_axum::redirect("/admin/endpoints?deleted=1");
    Ok(())
}

/// Everything to `endpoint` that failed since `since` (`YYYY-MM-DDTHH:MM`, UTC, as a datetime-local field sends it).
#[server(endpoint = "admin-endpoint-replay")]
pub async fn admin_endpoint_replay(endpoint: String, since: String) -> Result<(), ServerFnError> {
    use super::ssr;
    let (state, _, who) = ssr::require_admin().await?;
    let Ok(at) = chrono::NaiveDateTime::parse_from_str(since.trim(), "%Y-%m-%dT%H:%M") else {
        leptos_axum::redirect("/admin/endpoints?error=since");
        return Ok(());
    };
    let n = state.endpoints.replay_failed(&endpoint, at.and_utc(), &who.actor, chrono::Utc::now()).await.map_err(ssr::db_error)?;
    leptos_axum::redirect(&format!("/admin/endpoints?replayed={n}"));
    Ok(())
}

#[component]
pub fn EndpointsPage() -> impl IntoView {
    let (error, replayed, deleted) =
        use_query_map().with_untracked(|q| (q.get("error"), q.get("replayed").and_then(|n| n.parse::<u64>().ok()), q.get("deleted").is_some()));
    let data = Resource::new(|| (), |_| admin_endpoints());
    view! {
        <Title text="Webhook endpoints · Admin"/>
        <Suspense fallback=|| ()>
            {move || {
                let error = error.clone();
                Suspend::new(async move {
                    match data.await {
                        Ok(Admin::Gate(gate)) => view! { <GateView gate notice=None/> }.into_any(),
                        Ok(Admin::Page(v)) => view! { <Endpoints v error replayed deleted/> }.into_any(),
                        Err(_) => view! { <Unavailable/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

fn problem(code: &str) -> &'static str {
    match code {
        "https" => "The URL must be https (http only on a host listed in PLUGBOARD_WEBHOOK_ALLOW_HOSTS).",
        "private" => "The URL's address is private, loopback or link-local; list its host in PLUGBOARD_WEBHOOK_ALLOW_HOSTS to allow it.",
        "unresolved" => "The URL's host does not resolve.",
        "full" => "There are 20 endpoints already; delete one first.",
        "since" => "Give the time to replay from.",
        _ => "Give an absolute https URL without a user name or password.",
    }
}

#[component]
fn Endpoints(v: EndpointsView, error: Option<String>, replayed: Option<u64>, deleted: bool) -> impl IntoView {
    let EndpointsView { rows, environment, secret, day_ago: default_since } = v;
    let empty = rows.is_empty();
    view! {
        <AdminNav current="endpoints"/>
        <section class="intro">
            <div>
                <h1>"Webhook endpoints"</h1>
                <p class="lede">"Where connection events are sent, each endpoint with its own signing secret and the event types it wants."</p>
            </div>
        </section>
        {secret.map(|(id, value)| {
            let attr = value.clone();
            view! {
                <section class="banner ok new-token" role="status" data-new-secret=id>
                    <p><strong>"Signing secret made."</strong>" Copy it now: it will not be shown again."</p>
                    <p><code class="secret" data-secret=attr>{value}</code></p>
                </section>
            }
        })}
        {replayed.map(|n| view! { <p class="banner ok" role="status">{format!("{n} failed deliveries queued to be sent again now.")}</p> })}
        {deleted.then(|| view! { <p class="banner ok" role="status">"Deleted: nothing more is sent to it."</p> })}
        {error.map(|e| view! { <p class="banner" role="alert">{problem(&e)}</p> })}
        {environment.then(|| view! {
            <p class="note">"PLUGBOARD_WEBHOOK_URL is set: it receives every event type too, signed with PLUGBOARD_WEBHOOK_SECRET."</p>
        })}
        <form class="filters admin-filters token-form" method="post" action="/api/admin-endpoint-add" aria-label="Add an endpoint">
            <div class="field">
                <label for="e-url">"URL"</label>
                <input id="e-url" name="url" type="url" required placeholder="https://app.example.com/webhooks/plugboard"/>
            </div>
            <div class="field">
                <label for="e-description">"Description"</label>
                <input id="e-description" name="description" maxlength="200"/>
            </div>
            <fieldset class="field scopes">
                <legend>"Event types (none ticked: all)"</legend>
                {[("created", WebhookKind::Created), ("lost", WebhookKind::Lost), ("recovered", WebhookKind::Recovered),
                  ("reconnected", WebhookKind::Reconnected), ("failed", WebhookKind::ConnectFailed)]
                    .into_iter()
                    .map(|(field, kind)| {
                        let id = format!("e-{field}");
                        let label_for = id.clone();
                        view! { <label for=label_for><input type="checkbox" id=id name=field/>" "<code>{kind.as_str()}</code></label> }
                    })
                    .collect_view()}
            </fieldset>
            <div class="field actions"><button type="submit">"Add endpoint"</button></div>
        </form>
        {if empty {
            view! { <p class="empty">"No endpoints added in the console yet."</p> }.into_any()
        } else {
            view! {
                <ul class="endpoints">
                    {rows.into_iter().map(|r| {
                        let finished = r.delivered + r.failed;
                        let rate = if finished == 0 { "no deliveries yet".to_owned() } else { format!("{}% delivered", r.delivered * 100 / finished) };
                        let types = if r.types.is_empty() { "every type".to_owned() } else { r.types.join(", ") };
                        let (id1, id2, id3, id4, id5) = (r.id.clone(), r.id.clone(), r.id.clone(), r.id.clone(), r.id.clone());
                        let deliveries = format!("/admin/webhooks?endpoint={}", r.id);
                        let toggle = if r.enabled { "0" } else { "1" };
                        let since = default_since.clone();
                        let since_id = format!("since-{}", r.id);
                        let since_for = since_id.clone();
                        view! {
                            <li class="endpoint notice" data-endpoint=id1 data-enabled=r.enabled.to_string()>
                                <h2><code>{r.url}</code></h2>
                                {(!r.description.is_empty()).then(|| view! { <p>{r.description}</p> })}
                                <p>{format!("{types} · {} · added {}", if r.enabled { "enabled" } else { "disabled" }, r.created)}</p>
                                <p data-rate="">{format!("{rate} · {} delivered, {} failed, {} pending", r.delivered, r.failed, r.pending)} " · " <a href=deliveries>"Deliveries"</a></p>
                                {r.overlap.map(|o| view! { <p class="note">{o}</p> })}
                                <div class="actions">
                                    <form method="post" action="/api/admin-endpoint-enable">
                                        <input type="hidden" name="endpoint" value=id2/>
                                        <input type="hidden" name="enabled" value=toggle/>
                                        <button type="submit" class="secondary">{if r.enabled { "Disable" } else { "Enable" }}</button>
                                    </form>
                                    <form method="post" action="/api/admin-endpoint-rotate">
                                        <input type="hidden" name="endpoint" value=id3/>
                                        <button type="submit" class="secondary">"Rotate secret"</button>
                                    </form>
                                    <form method="post" action="/api/admin-endpoint-delete">
                                        <input type="hidden" name="endpoint" value=id4/>
                                        <button type="submit" class="secondary">"Delete"</button>
                                    </form>
                                    <form method="post" action="/api/admin-endpoint-replay" class="inline">
                                        <input type="hidden" name="endpoint" value=id5/>
                                        <label for=since_for>"Failed since (UTC)"</label>
                                        <input id=since_id name="since" type="datetime-local" value=since required/>
                                        <button type="submit" class="secondary">"Send again"</button>
                                    </form>
                                </div>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}
