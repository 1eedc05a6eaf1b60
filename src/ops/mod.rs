//! What an operator runs plugboard with: liveness and readiness probes ([`health`]) and Prometheus metrics on a
//! separate listener ([`metrics`]). Server only.

pub mod health;
pub mod metrics;
