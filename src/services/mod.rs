//! What the portal, the console and the host API share, each side effect with one owner: the integration list
//! ([`catalog`]), reading and recording a user's state ([`connections`]), connecting and verifying callbacks
//! ([`connect`], with [`attempts`]), issuing and redeeming links ([`links`], [`sessions`]), admin access ([`admin`]),
//! readiness ([`readiness`]), leases in the database ([`leases`]), retention ([`retention`]), webhook delivery ([`webhooks`]) and the registry of users, snapshots, events and the
//! webhook outbox ([`registry`]). Server only; knows
//! nothing of pages.

pub mod admin;
pub mod api_tokens;
pub mod attempts;
pub mod catalog;
pub mod connect;
pub mod connections;
pub mod idempotency;
pub mod leases;
pub mod links;
pub mod readiness;
pub mod registry;
pub mod retention;
pub mod sessions;
pub mod sso;
pub mod webhook_endpoints;
pub mod webhooks;
