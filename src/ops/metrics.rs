//! Prometheus metrics on their own listener (`PLUGBOARD_METRICS_ADDR`), never on the public one: with no address,
//! nothing is recorded or served. The recorder is process-global (the `metrics` facade): every instrumented place
//! records into it; `/metrics` renders it, with the database pool's gauges read at scrape time. Labels are route
//! templates, endpoints, outcomes and integration ids, never a user id, a token or a raw path.

use crate::platform::db::Db;
use axum::{extract::State, http::header, response::IntoResponse, routing::get, Router};
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use std::sync::OnceLock;
use tokio::net::TcpListener;

/// The process's recorder, installed once (the first instance that asks for metrics installs it).
pub fn recorder() -> Option<PrometheusHandle> {
    static HANDLE: OnceLock<Option<PrometheusHandle>> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            let buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0];
            let builder = PrometheusBuilder::new().set_buckets(&buckets).ok()?;
            match builder.install_recorder() {
                Ok(handle) => Some(handle),
                Err(e) => {
                    tracing::warn!(error = %e, "the metrics recorder could not be installed");
                    None
                }
            }
        })
        .clone()
}

#[derive(Clone)]
struct Scrape {
    handle: PrometheusHandle,
    db: Db,
}

async fn render(State(s): State<Scrape>) -> impl IntoResponse {
    let pool = s.db.pool();
    let size = f64::from(pool.size());
    let idle = pool.num_idle() as f64;
    metrics::gauge!("plugboard_db_pool_connections", "state" => "idle").set(idle);
    metrics::gauge!("plugboard_db_pool_connections", "state" => "in_use").set((size - idle).max(0.0));
    s.handle.run_upkeep();
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], s.handle.render())
}

/// Serves `/metrics` on `listener` until the task is aborted.
pub fn serve(listener: TcpListener, handle: PrometheusHandle, db: Db) -> tokio::task::JoinHandle<()> {
    let app = Router::new().route("/metrics", get(render)).with_state(Scrape { handle, db });
    tokio::spawn(async move {
        if let Err(e) = axum::serve(listener, app).await {
            tracing::warn!(error = %e, "the metrics listener stopped");
        }
    })
}
