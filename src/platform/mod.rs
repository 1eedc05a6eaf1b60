//! What every part of the server stands on: configuration ([`config`]), the database ([`db`]), random tokens
//! ([`secrets`]) and the HTTP layers every response passes ([`http`]). Server only; imports nothing above it.

pub mod assets;
pub mod brand_assets;
pub mod client_ip;
pub mod config;
pub mod db;
pub mod error_pages;
pub mod http;
pub mod outbound;
pub mod sealed;
pub mod secrets;
pub mod webhook_signature;
