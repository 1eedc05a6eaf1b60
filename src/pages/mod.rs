//! Pages.

pub mod integrations;

use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NotFound() -> impl IntoView {
    crate::response::set_status(404);
    view! {
        <Title text="Page not found"/>
        <section class="notice">
            <h1>"Page not found"</h1>
            <p>"There is nothing at this address."</p>
            <p><a class="button" href="/">"Back to integrations"</a></p>
        </section>
    }
}
