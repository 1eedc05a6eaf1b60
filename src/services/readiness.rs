//! Readiness: whether this instance should get traffic. Draining after SIGTERM, and the API's answer from a probe
//! cached for a few seconds through the integration list's own cache (at most one call per interval, however many
//! probes ask). Served by `ops::health`.

use crate::services::catalog::Catalog;
use crate::upstream::UpstreamError;
use std::sync::{
    atomic::{AtomicBool, Ordering},
    Arc, Mutex,
};
use std::time::{Duration, Instant};

/// How long the API probe's answer is reused.
const PROBE_EVERY: Duration = Duration::from_secs(5);

/// What the last API probe found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Upstream {
    /// No probe has finished yet.
    Unchecked,
    Ok,
    /// 401/403: the key is wrong or revoked. Still ready: the host API, the feed, erasure, the console and webhooks do
    /// not need the key, and every instance would drop out at once; reported in the body, a metric and the console.
    KeyRejected,
    /// Down, slow or rate-limiting (still ready: the last list is served, pages explain).
    Degraded,
}

impl Upstream {
    pub fn as_str(self) -> &'static str {
        match self {
            Upstream::Unchecked => "unchecked",
            Upstream::Ok => "ok",
            Upstream::KeyRejected => "rejected",
            Upstream::Degraded => "degraded",
        }
    }
}

/// Readiness state shared by the probes and the shutdown.
#[derive(Clone, Default)]
pub struct Readiness {
    draining: Arc<AtomicBool>,
    probe: Arc<Mutex<Option<(Instant, Upstream)>>>,
    probing: Arc<tokio::sync::Mutex<()>>,
}

impl Readiness {
    /// From now on `/readyz` answers 503 (SIGTERM received: the balancer should stop sending traffic).
    pub fn start_draining(&self) {
        self.draining.store(true, Ordering::SeqCst);
    }

    pub fn is_draining(&self) -> bool {
        self.draining.load(Ordering::SeqCst)
    }

    /// The API's state: the cached probe, refreshed by one caller at a time once it is older than a few seconds.
    pub async fn upstream(&self, catalog: &Catalog) -> Upstream {
        let cached = *self.probe.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((at, seen)) = cached {
            if at.elapsed() < PROBE_EVERY {
                return seen;
            }
        }
        // One probe at a time; the others answer with what is known.
        let Ok(_guard) = self.probing.try_lock() else {
            return cached.map_or(Upstream::Unchecked, |c| c.1);
        };
        let seen = match tokio::time::timeout(Duration::from_secs(3), catalog.listing()).await {
            Ok(Ok(l)) if !l.stale => Upstream::Ok,
            Ok(Ok(_)) => Upstream::Degraded,
            // The client maps 401 and 403 to Unauthorized.
            Ok(Err(e)) if matches!(*e, UpstreamError::Unauthorized) => Upstream::KeyRejected,
            Ok(Err(_)) | Err(_) => Upstream::Degraded,
        };
        *self.probe.lock().unwrap_or_else(|p| p.into_inner()) = Some((Instant::now(), seen));
        metrics::gauge!("plugboard_upstream_key_rejected").set(if seen == Upstream::KeyRejected { 1.0 } else { 0.0 });
        seen
    }
}

