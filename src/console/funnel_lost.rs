//! The funnel page's list of pairs lost in the last 24 hours, each with a button that creates its reconnect link
//! (the link a `connection.lost` webhook carries; not for viewers), and the link just created, shown once.

use super::funnel::{LostRow, Minted, LOST_SHOWN};
use leptos::prelude::*;

#[component]
pub fn LostPairs(lost: Vec<LostRow>, lost_more: bool, minted: Option<Minted>, query: String, viewer: bool) -> impl IntoView {
    let empty = lost.is_empty();
    view! {
        <section aria-labelledby="lost-title">
            <h2 id="lost-title">"Lost in the last 24 hours"</h2>
            {minted.map(|m| view! {
                <section class="minted" id="reconnect-link" aria-labelledby="reconnect-title">
                    <h3 id="reconnect-title">{format!("Reconnect link for {} ({})", m.user, m.integration_name)}</h3>
                    <label for="reconnect-url">"Send this link to the user. It works once and offers only this integration."</label>
                    <input id="reconnect-url" type="text" readonly value=m.url/>
                    <p>"Expires " <time>{m.expires_at}</time> "."</p>
                </section>
            })}
            {if empty {
                view! { <p class="empty">"No connection was lost in the last 24 hours."</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap" tabindex="0" role="region" aria-label="Connections lost in the last 24 hours">
                        <table class="lost">
                            <thead><tr>
                                <th scope="col">"Lost"</th><th scope="col">"User"</th><th scope="col">"Integration"</th>
                                <th scope="col">"Now"</th><th scope="col">"Reconnect"</th>
                            </tr></thead>
                            <tbody>
                                {lost.into_iter().map(|l| {
                                    let user = match &l.reference {
                                        Some(r) => view! { <a href=format!("/admin/users/{r}")>{l.user.clone()}</a> }.into_any(),
                                        None => view! { <span>{l.user.clone()}</span> }.into_any(),
                                    };
                                    let action = l.reference.clone().filter(|_| !viewer).map(|r| view! {
                                        <form method="post" action="/api/admin-reconnect-link">
                                            <input type="hidden" name="reference" value=r.to_string()/>
                                            <input type="hidden" name="integration" value=l.integration.to_string()/>
                                            <input type="hidden" name="back" value=query.clone()/>
                                            <button type="submit" class="secondary" aria-label=format!("Create a reconnect link for {} ({})", l.user, l.integration_name)>
                                                "Create reconnect link"
                                            </button>
                                        </form>
                                    });
                                    view! {
                                        <tr data-lost=l.integration.to_string()>
                                            <td>{l.at}</td><td>{user}</td><td>{l.integration_name}</td>
                                            <td><span class=format!("state state-{}", l.state_now.as_str())>{l.state_now.label()}</span></td><td>{action}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
            {lost_more.then(|| view! { <p class="note">{format!("The latest {LOST_SHOWN} are listed; the event log has them all.")}</p> })}
        </section>
    }
}
