//! Every integration test, in one binary: a module per feature over real interfaces (the portal over HTTP with a
//! cookie jar, the sandbox over HTTP, real SQLite and PostgreSQL, the built `plugboard` binary), sharing [`helpers`].

mod actors;
mod callback;
mod cli;
mod connect;
mod console;
mod contract;
mod deep_links;
mod edge;
mod endpoints;
mod erasure;
mod fencing;
mod funnel;
mod helpers;
mod host_access;
mod host_api;
mod host_reads;
mod i18n;
mod instances;
mod layout;
mod leadership;
mod links;
mod openapi;
mod ops;
mod postgres;
mod postgres_host;
mod readme;
mod refresher;
mod safety;
mod scale;
mod sso;
mod sandbox;
mod starvation;
mod upstream;
mod webhooks;
