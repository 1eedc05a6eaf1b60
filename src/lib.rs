//! plugboard: a redirect-first connect portal in front of the toolregistry.ai Integration API.
//!
//! Shared (server and browser): [`domain`], [`app`], [`pages`], [`components`].
//! Server only (`ssr`): [`config`], [`upstream`] (the API client), [`sandbox`] (the embedded API stand-in),
//! [`server`] (wiring: state, router, start-up).

#![recursion_limit = "256"]

pub mod app;
pub mod components;
pub mod domain;
pub mod filters;
pub mod pages;
pub mod response;

#[cfg(feature = "ssr")]
pub mod admin;
#[cfg(feature = "ssr")]
pub mod config;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod export;
#[cfg(feature = "ssr")]
pub mod host_api;
#[cfg(feature = "ssr")]
pub mod identity;
#[cfg(feature = "ssr")]
pub mod links;
#[cfg(feature = "ssr")]
pub mod portal;
#[cfg(feature = "ssr")]
pub mod refresher;
#[cfg(feature = "ssr")]
pub mod registry;
#[cfg(feature = "ssr")]
pub mod sandbox;
#[cfg(feature = "ssr")]
pub mod secrets;
#[cfg(feature = "ssr")]
pub mod server;
#[cfg(feature = "ssr")]
pub mod upstream;

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
