//! The only interactive parts of the portal, hydrated as islands: the filter bar and the Connect button's pending
//! state. Everything else is server-rendered HTML that works without JavaScript.

use crate::domain::StateKey;
use crate::filters::{Filters, UrlFilter};
use leptos::ev;
use leptos::prelude::*;

/// Connect / Reconnect: a plain form POST to the `connect` server function (works without JavaScript: the answer
/// is a 302 to the authorize page). With JavaScript the button shows a pending state and a second submit is
/// impossible.
#[island]
pub fn ConnectForm(integration_id: String, label: String, name: String, secondary: bool) -> impl IntoView {
    let pending = RwSignal::new(false);
    let form = NodeRef::<leptos::html::Form>::new();
    // Marks the form once hydrated (tests wait for it; effects never run on the server).
    Effect::new(move |_| {
        if let Some(f) = form.get() {
            let _ = f.set_attribute("data-hydrated", "");
        }
    });
    // Coming back with the browser's Back button restores the page from the cache: make the button usable again.
    let _ = window_event_listener(ev::pageshow, move |e: web_sys::PageTransitionEvent| {
        if e.persisted() {
            pending.set(false);
        }
    });
    let on_submit = move |e: ev::SubmitEvent| {
        if pending.get_untracked() {
            e.prevent_default();
        } else {
            pending.set(true);
        }
    };
    view! {
        <form class="connect" method="post" action="/api/connect" on:submit=on_submit node_ref=form>
            <input type="hidden" name="integration_id" value=integration_id/>
            <button
                type="submit"
                class:secondary=secondary
                aria-disabled=move || pending.get().then_some("true")
                aria-busy=move || pending.get().then_some("true")
            >
                <span class="label">{move || if pending.get() { "Connecting…".to_string() } else { label.clone() }}</span>
                <span class="visually-hidden">" " {name}</span>
            </button>
        </form>
    }
}

/// Search and filters. Without JavaScript it is a GET form (the server filters). With JavaScript, filtering is
/// instant while typing and the URL follows, so a reload keeps the view.
#[island]
pub fn FilterBar(filters: Filters, auth_options: Vec<(String, String)>, total: usize) -> impl IntoView {
    let q = RwSignal::new(filters.q.clone());
    let state = RwSignal::new(filters.state.map(|s| s.as_str().to_owned()).unwrap_or_default());
    let auth = RwSignal::new(filters.auth.clone());
    let shown = RwSignal::new(None::<usize>);
    let form = NodeRef::<leptos::html::Form>::new();
    Effect::new(move |_| {
        if let Some(f) = form.get() {
            let _ = f.set_attribute("data-hydrated", "");
        }
    });

    Effect::new(move |_| {
        let f = Filters { q: q.get(), state: StateKey::parse(&state.get()), auth: auth.get() };
        shown.set(Some(dom::apply(&f)));
        dom::replace_query(&f.to_query());
    });

    let state_options =
        StateKey::ALL.iter().map(|k| (k.as_str().to_owned(), k.label().to_owned())).collect::<Vec<_>>();
    let status = move || match shown.get() {
        Some(n) if n == total => format!("Showing all {total} integrations"),
        Some(0) => "No integrations match these filters.".to_string(),
        Some(n) => format!("Showing {n} of {total} integrations"),
        None => String::new(),
    };
    view! {
        <form class="filters" method="get" action="/" role="search" node_ref=form
            on:submit=|e: ev::SubmitEvent| e.prevent_default()>
            <div class="field grow">
                <label for="q">"Search"</label>
                <input id="q" name="q" type="search" placeholder="Name or host" autocomplete="off"
                    prop:value=move || q.get() value=filters.q.clone()
                    on:input=move |e| q.set(event_target_value(&e))/>
            </div>
            <FilterSelect name="state" label="State" any="Any state" options=state_options value=state/>
            <FilterSelect name="auth" label="Sign-in type" any="Any type" options=auth_options value=auth/>
            <div class="field apply">
                <button type="submit" class="secondary">"Apply"</button>
            </div>
            <p class="filter-status" role="status" aria-live="polite">{status}</p>
        </form>
    }
}

/// A labelled `<select>` of the filter bar, bound to `value` (its initial value is selected on the server).
#[component]
fn FilterSelect(
    name: &'static str,
    label: &'static str,
    any: &'static str,
    options: Vec<(String, String)>,
    value: RwSignal<String>,
) -> impl IntoView {
    let current = value.get_untracked();
    view! {
        <div class="field">
            <label for=name>{label}</label>
            <select id=name name=name on:change=move |e| value.set(event_target_value(&e))>
                <option value="" selected=current.is_empty()>{any}</option>
                {options.into_iter().map(|(v, l)| {
                    let sel = v == current;
                    view! { <option value=v selected=sel>{l}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

/// Browser-side DOM work of the filter island (only ever called from effects, which run in the browser).
mod dom {
    use crate::domain::StateKey;
    use crate::filters::Filters;
    use wasm_bindgen::JsCast;

    /// Shows and hides the cards (`[data-card]`); returns how many are shown.
    pub fn apply(f: &Filters) -> usize {
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return 0 };
        let Ok(cards) = doc.query_selector_all("[data-card]") else { return 0 };
        let mut shown = 0;
        for i in 0..cards.length() {
            let Some(el) = cards.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) else { continue };
            let attr = |k: &str| el.get_attribute(k).unwrap_or_default();
            let state = StateKey::parse(&attr("data-state"));
            let visible = f.matches(&attr("data-name"), &attr("data-host"), &attr("data-auth"), state);
            if visible {
                shown += 1;
                let _ = el.remove_attribute("hidden");
            } else {
                let _ = el.set_attribute("hidden", "");
            }
        }
        if let Some(empty) = doc.get_element_by_id("no-match") {
            if shown == 0 {
                let _ = empty.remove_attribute("hidden");
            } else {
                let _ = empty.set_attribute("hidden", "");
            }
        }
        shown
    }

    /// Keeps the address bar in step with the filters, without a navigation.
    pub fn replace_query(query: &str) {
        let Some(window) = web_sys::window() else { return };
        let path = window.location().pathname().unwrap_or_else(|_| "/".into());
        let url = if query.is_empty() { path } else { format!("{path}?{query}") };
        if let Ok(history) = window.history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
        }
    }
}
