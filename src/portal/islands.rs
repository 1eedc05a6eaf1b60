//! The only interactive parts of the portal: the filter bar and the Connect button's pending state. Each form is
//! plain server-rendered HTML that works without JavaScript; the islands are thin wrappers around them that add
//! behaviour through the DOM (no props to deserialize, no signals), which keeps the first screen's wasm small.

use crate::filters::{Filters, UrlFilter};
use leptos::ev;
use leptos::prelude::*;

/// Connect / Reconnect: a plain form POST to the `connect` server function (works without JavaScript: the answer
/// is a 302 to the authorize page). With JavaScript the button shows a pending state and a second submit is
/// impossible.
#[component]
pub fn ConnectForm(integration_id: String, label: String, name: String, secondary: bool) -> impl IntoView {
    // The pending label comes with the page, in its language (the wasm carries no words).
    let pending = crate::i18n::t("connecting");
    view! {
        <PendingSubmit>
            <form class="connect" method="post" action="/api/connect">
                <input type="hidden" name="integration_id" value=integration_id/>
                <button type="submit" class:secondary=secondary data-pending=pending>
                    <span class="label">{label}</span>
                    <span class="visually-hidden">" " <bdi translate="no">{name}</bdi></span>
                </button>
            </form>
        </PendingSubmit>
    }
}

/// Gives the form inside a pending state on submit, and refuses a second submit.
#[island]
fn PendingSubmit(children: Children) -> impl IntoView {
    let wrap = NodeRef::<leptos::html::Div>::new();
    // Effects never run on the server: this marks the form once hydrated (tests wait for it).
    Effect::new(move |_| {
        if let Some(w) = wrap.get() {
            dom::mark_hydrated(&w, "form");
        }
    });
    // Coming back with the browser's Back button restores the page from the cache: make the button usable again.
    let _ = window_event_listener(ev::pageshow, move |e: web_sys::PageTransitionEvent| {
        if let (true, Some(w)) = (e.persisted(), wrap.get_untracked()) {
            dom::set_pending(&w, false);
        }
    });
    let on_submit = move |e: ev::SubmitEvent| {
        if let Some(w) = wrap.get_untracked() {
            if dom::is_pending(&w) {
                e.prevent_default();
            } else {
                dom::set_pending(&w, true);
            }
        }
    };
    view! { <div class="pending-submit" node_ref=wrap on:submit=on_submit>{children()}</div> }
}

/// Search and filters. Without JavaScript the form is a GET form (the server filters). With JavaScript, filtering
/// is instant while typing and the URL follows, so a reload keeps the view.
#[island]
pub fn LiveFilters(children: Children) -> impl IntoView {
    let wrap = NodeRef::<leptos::html::Div>::new();
    let refresh = move || {
        if let Some(w) = wrap.get_untracked() {
            dom::refresh(&w);
        }
    };
    Effect::new(move |_| {
        if let Some(w) = wrap.get() {
            dom::mark_hydrated(&w, "form");
            dom::refresh(&w);
        }
    });
    view! {
        <div class="live-filters" node_ref=wrap
            on:input=move |_| refresh()
            on:change=move |_| refresh()
            on:submit=|e: ev::SubmitEvent| e.prevent_default()>
            {children()}
        </div>
    }
}

/// Browser-side DOM work of the islands (only ever called from effects and events, which run in the browser).
mod dom {
    use super::{Filters, UrlFilter};
    use crate::domain::StateKey;
    use wasm_bindgen::JsCast;

    pub fn mark_hydrated(w: &web_sys::Element, selector: &str) {
        if let Ok(Some(el)) = w.query_selector(selector) {
            let _ = el.set_attribute("data-hydrated", "");
        }
    }

    pub fn is_pending(w: &web_sys::Element) -> bool {
        w.query_selector("button").ok().flatten().is_some_and(|b| b.get_attribute("aria-busy").is_some())
    }

    /// The button's pending state: `aria-busy`, `aria-disabled` and its `data-pending` words ("Connecting…", in the
    /// page's language; the label is kept to restore it).
    pub fn set_pending(w: &web_sys::Element, pending: bool) {
        let Ok(Some(button)) = w.query_selector("button") else { return };
        let label = button.query_selector(".label").ok().flatten();
        if pending {
            let _ = button.set_attribute("aria-busy", "true");
            let _ = button.set_attribute("aria-disabled", "true");
            if let (Some(l), Some(pending)) = (label, button.get_attribute("data-pending")) {
                let _ = l.set_attribute("data-label", &l.text_content().unwrap_or_default());
                l.set_text_content(Some(&pending));
            }
        } else {
            let _ = button.remove_attribute("aria-busy");
            let _ = button.remove_attribute("aria-disabled");
            if let Some(l) = label {
                if let Some(text) = l.get_attribute("data-label") {
                    l.set_text_content(Some(&text));
                }
            }
        }
    }

    fn value(w: &web_sys::Element, selector: &str) -> String {
        let Ok(Some(el)) = w.query_selector(selector) else { return String::new() };
        if let Some(input) = el.dyn_ref::<web_sys::HtmlInputElement>() {
            input.value()
        } else if let Some(select) = el.dyn_ref::<web_sys::HtmlSelectElement>() {
            select.value()
        } else {
            String::new()
        }
    }

    /// Reads the form, shows and hides the cards, says how many are shown, and keeps the address bar in step.
    pub fn refresh(w: &web_sys::Element) {
        let f = Filters {
            q: value(w, "#q").trim().to_owned(),
            state: StateKey::parse(&value(w, "#state")),
            auth: value(w, "#auth"),
        };
        let (shown, total) = apply(&f);
        // The words come with the page, in its language: the count goes where `{n}` is.
        if let Ok(Some(status)) = w.query_selector(".filter-status") {
            let words = |k: &str| status.get_attribute(k).unwrap_or_default();
            let text = match shown {
                n if n == total => words("data-all"),
                0 => words("data-none"),
                n => words("data-some").replace("{n}", &n.to_string()),
            };
            status.set_text_content(Some(&text));
        }
        replace_query(&f.to_query());
    }

    /// Shows and hides the cards (`[data-card]`); returns how many are shown, and how many there are.
    fn apply(f: &Filters) -> (usize, usize) {
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return (0, 0) };
        let Ok(cards) = doc.query_selector_all("[data-card]") else { return (0, 0) };
        let mut shown = 0;
        for i in 0..cards.length() {
            let Some(el) = cards.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) else { continue };
            let attr = |k: &str| el.get_attribute(k).unwrap_or_default();
            let state = StateKey::parse(&attr("data-state"));
            if f.matches(&attr("data-name"), &attr("data-host"), &attr("data-auth"), state) {
                shown += 1;
                let _ = el.remove_attribute("hidden");
            } else {
                let _ = el.set_attribute("hidden", "");
            }
        }
        if let Some(empty) = doc.get_element_by_id("no-match") {
            let _ = if shown == 0 { empty.remove_attribute("hidden") } else { empty.set_attribute("hidden", "") };
        }
        (shown, cards.length() as usize)
    }

    /// Keeps the address bar in step with the filters, without a navigation.
    fn replace_query(query: &str) {
        let Some(window) = web_sys::window() else { return };
        let path = window.location().pathname().unwrap_or_else(|_| "/".into());
        let url = if query.is_empty() { path } else { format!("{path}?{query}") };
        if let Ok(history) = window.history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
        }
    }
}
