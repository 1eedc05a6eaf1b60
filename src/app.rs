//! The application shell and its routes: the portal's pages and the console's, under one header.

use crate::console::{endpoints::EndpointsPage, events::EventsPage, funnel::FunnelPage, matrix::MatrixPage, tokens::TokensPage, user::UserPage, webhooks::WebhooksPage};
use crate::portal::{callback::CallbackPage, integrations::IntegrationsPage, link::LinkPage};
use crate::ui::{Brand, NotFound, SiteFooter, SiteHeader};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, Link, Meta, MetaTags, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    ParamSegment, SsrMode, StaticSegment,
};

pub fn shell(options: LeptosOptions) -> impl IntoView {
    // The request's language (chosen by the language layer; the console is English).
    let lang = crate::i18n::current();
    let brand = Brand::current();
    let theme = (!crate::ui::is_console()).then(|| brand.0.stylesheet.clone()).flatten();
    view! {
        <!DOCTYPE html>
        <html lang=lang.code() dir=lang.dir()>
            <head>
                <crate::ui::response::SecurityPolicy/>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options=options.clone() islands=true/>
                <HashedStylesheet options id="leptos"/>
                {theme.map(|href| view! { <link rel="stylesheet" href=href/> })}
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let brand = Brand::current();
    let site_name = match (&brand.0.name, crate::ui::is_console()) {
        (Some(name), false) => name.clone(),
        _ => "plugboard".to_owned(),
    };
    view! {
        <Link rel="icon" type_="image/svg+xml" href="/favicon.svg"/>
        <Meta name="color-scheme" content="light dark"/>
        <Title formatter=move |text: String| if text.is_empty() { site_name.clone() } else { format!("{text} · {site_name}") }/>
        <Router>
            <SiteHeader/>
            <main id="main">
                <Routes fallback=|| view! { <NotFound/> }>
                    <Route path=StaticSegment("") view=IntegrationsPage ssr=SsrMode::InOrder/>
                    <Route path=(StaticSegment("link"), ParamSegment("token")) view=LinkPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("admin") view=MatrixPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("admin"), StaticSegment("events")) view=EventsPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("admin"), StaticSegment("funnel")) view=FunnelPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("admin"), StaticSegment("webhooks")) view=WebhooksPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("admin"), StaticSegment("tokens")) view=TokensPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("admin"), StaticSegment("endpoints")) view=EndpointsPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("admin"), StaticSegment("users"), ParamSegment("reference")) view=UserPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("callback"), ParamSegment("attempt")) view=CallbackPage ssr=SsrMode::InOrder/>
                </Routes>
            </main>
            <SiteFooter/>
        </Router>
    }
}
