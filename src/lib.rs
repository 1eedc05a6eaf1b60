//! plugboard: a redirect-first connect portal in front of the toolregistry.ai Integration API.
//!
//! The map, from the bottom up (a module imports only those above it in this list):
//!
//! | module | owns | built for |
//! |---|---|---|
//! | [`domain`] | API DTOs, ids, connection states, event kinds and details, refusal codes | server + browser |
//! | [`filters`] | the filters kept in URLs (portal search, console matrix and event log) | server + browser |
//! | [`i18n`] | the twenty languages, choosing one per request, the Fluent messages and ICU4X dates (server only) | server + browser |
//! | [`ui`] | what every page shares: site header, refusal pages, logos, state badges, response status | server + browser |
//! | [`platform`] | configuration, database, random tokens, HTTP security layers, webhook signatures | server |
//! | [`upstream`] | the typed toolregistry API client | server |
//! | [`sandbox`] | the embedded stand-in for the API, with fault injection | server |
//! | [`services`] | side effects with one owner each: integration list, state checks, connect and callback, links, sessions, admin access and single sign-on, webhooks, the registry and its funnel roll-up | server |
//! | [`state`] | `AppState`: configuration and services, injected into every request | server |
//! | [`portal`] | the end user's pages, islands and server functions | server + browser |
//! | [`console`] | the admin console's pages, CSV export and background refresher | server + browser |
//! | [`api`] | the host API (`/api/v1/...`): links (deep links too), connection states, the event feed, erasure, its OpenAPI document, Idempotency-Key | server |
//! | [`ops`] | for operators: `/healthz`, `/readyz`, Prometheus metrics on their own listener | server |
//! | [`app`] | the Leptos shell and routes | server + browser |
//! | [`server`] | `Application`: build, router, background tasks, serve | server |
//!
//! A new end-user page goes in `portal/`, an admin page in `console/`, a host endpoint in `api/`; anything two of
//! them share that has a side effect is a service.

#![recursion_limit = "256"]

pub mod app;
pub mod console;
pub mod domain;
pub mod filters;
pub mod i18n;
pub mod portal;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod api;
#[cfg(feature = "ssr")]
pub mod ops;
#[cfg(feature = "ssr")]
pub mod platform;
#[cfg(feature = "ssr")]
pub mod sandbox;
#[cfg(feature = "ssr")]
pub mod server;
#[cfg(feature = "ssr")]
pub mod services;
#[cfg(feature = "ssr")]
pub mod state;
#[cfg(feature = "ssr")]
pub mod upstream;

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    // No panic hook: its message formatting would cost the first screen more than it tells (panic = "abort").
    leptos::mount::hydrate_islands();
}
